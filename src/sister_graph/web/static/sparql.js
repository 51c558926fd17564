// sister-graph query page: the YASGUI editor (Yasqe) over the plain form, result paging.
// Without JavaScript the form, the textarea and the server-rendered results work alone.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  var textarea = document.getElementById("query");
  if (!form || !textarea) { return; }

  function submit() { form.requestSubmit ? form.requestSubmit() : form.submit(); }

  if (window.Yasgui && window.Yasgui.Yasqe) {
    var holder = document.createElement("div");
    holder.className = "yasqe-holder";
    textarea.parentNode.insertBefore(holder, textarea);
    var yasqe = new window.Yasgui.Yasqe(holder, {
      value: textarea.value,
      persistenceId: null,
      showQueryButton: false,
      createShareableLink: null,
      // the editor grows with the query instead of scrolling inside itself: a scrolling box
      // holds no focusable element of its own (axe scrollable-region-focusable, WCAG 2.1.1)
      resizeable: false,
      lineWrapping: true,
      editorHeight: "auto",
      viewportMargin: Infinity,
      autocompleters: ["prefixes", "variables"],
      extraKeys: { "Ctrl-Enter": submit, "Cmd-Enter": submit, "Tab": false, "Shift-Tab": false }
    });
    var field = yasqe.getInputField();
    field.setAttribute("aria-label", textarea.getAttribute("data-label") || "SPARQL");
    field.id = "query-editor";
    textarea.hidden = true;
    textarea.removeAttribute("id");
    yasqe.on("change", function () { textarea.value = yasqe.getValue(); });
    form.addEventListener("submit", function () { textarea.value = yasqe.getValue(); });
    document.querySelector("label[for='query']") && document.querySelector("label[for='query']").setAttribute("for", "query-editor");
    window.sisterGraphEditor = yasqe;
  } else {
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      }
    });
  }

  // Result paging: 25 rows a page, with previous/next buttons that work from the keyboard.
  var table = document.querySelector("table.result-table");
  var pager = document.getElementById("pager");
  if (table && pager) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var size = 25, page = 0, pages = Math.ceil(rows.length / size);
    if (pages > 1) {
      var prev = pager.querySelector(".prev"), next = pager.querySelector(".next");
      var status = pager.querySelector(".status");
      var show = function () {
        rows.forEach(function (row, i) { row.hidden = Math.floor(i / size) !== page; });
        prev.disabled = page === 0;
        next.disabled = page === pages - 1;
        status.textContent = (page + 1) + " / " + pages;
      };
      prev.addEventListener("click", function () { if (page > 0) { page -= 1; show(); } });
      next.addEventListener("click", function () { if (page < pages - 1) { page += 1; show(); } });
      pager.hidden = false;
      show();
    }
  }
  var results = document.getElementById("results");
  if (results && results.scrollIntoView && window.location.search.indexOf("query=") >= 0) {
    results.scrollIntoView({ block: "start" });
  }
})();
