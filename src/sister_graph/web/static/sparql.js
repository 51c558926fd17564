// sister-graph query page: keyboard shortcuts for the editor. Plain JavaScript, no libraries.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query");
  if (!form || !editor) { return; }
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      var start = editor.selectionStart;
      editor.setRangeText("  ", start, editor.selectionEnd, "end");
    }
  });
  var results = document.getElementById("results");
  if (results && results.scrollIntoView && window.location.search.indexOf("query=") >= 0) {
    results.scrollIntoView({ block: "start" });
  }
})();
