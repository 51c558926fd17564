"""Languages of the web pages: which language a request gets, its UI strings and label choice.

The strings themselves (sr-Latn, sr-Cyrl and en) are the tables of views/ui_text.py.

Graph labels come from language-tagged literals; pyoxigraph lower-cases tags ("sr-latn"),
so every comparison here is case-insensitive (BCP 47 tags are, RFC 5646 §2.1.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import cyrtranslit
from rdflib import Literal

from sister_graph.views.ui_text import MONTHS, TERMS, UI

LANGS: tuple[str, ...] = ("sr-Latn", "sr-Cyrl", "en")
DEFAULT_LANG = "sr-Latn"
LANG_NAMES = {"sr-Latn": "Latinica", "sr-Cyrl": "Ћирилица", "en": "English"}
# Primary subtags read as Serbian: Latin script unless Cyrl is named (the source page is Latin).
_SERBIAN = ("sr", "sh", "bs", "hr")


def parse_lang(value: str | None) -> str | None:
    """Return one of LANGS for a `?lang=` value or a language tag, or None.

    >>> parse_lang("SR-cyrl"), parse_lang("de")
    ('sr-Cyrl', None)
    """
    parts = (value or "").strip().lower().split("-")
    if parts[0] in _SERBIAN:
        return "sr-Cyrl" if "cyrl" in parts else "sr-Latn"
    return "en" if parts[0] == "en" else None


def choose_lang(param: str | None, accepted: Iterable[tuple[str, float]]) -> str:
    """Choose the page language: `?lang=` first, then Accept-Language, else sr-Latn.

    Accept-Language as RFC 9110 §12.5.4 (https://www.rfc-editor.org/rfc/rfc9110#section-12.5.4)
    reads it, with RFC 4647 §3.3.1 ranges: each page language gets the quality of the most
    specific range that names it (`sr` names both scripts, `sr-Cyrl-RS` Cyrillic, `en-GB`
    English, `*` every language no other range names); q=0 means "not this one". The highest
    quality wins, a tie goes to the range written first, then to the order of LANGS.

    >>> choose_lang(None, [("sr-Latn", 0), ("*", 1)]), choose_lang(None, [("en", 1), ("sr", 1)])
    ('sr-Cyrl', 'en')
    """
    chosen = parse_lang(param)
    if chosen:
        return chosen
    best: dict[str, tuple[int, float, int]] = {}  # lang: (specificity, quality, position)
    for position, (tag, quality) in enumerate(accepted):
        for lang, specificity in _named_by(tag):
            if lang not in best or specificity > best[lang][0]:
                best[lang] = (specificity, quality, position)
    ranked = [
        (quality, -position, -LANGS.index(lang), lang)
        for lang, (_, quality, position) in best.items()
        if quality > 0
    ]
    return max(ranked)[3] if ranked else DEFAULT_LANG


def _named_by(tag: str) -> list[tuple[str, int]]:
    """Return the page languages a language range names, each with the range's specificity."""
    if tag.strip() == "*":
        return [(lang, 0) for lang in LANGS]
    parts = tag.strip().lower().split("-")
    if parts[0] in _SERBIAN:
        scripts = [s for s in ("latn", "cyrl") if s in parts[1:]]
        if scripts:
            return [("sr-Latn" if scripts[0] == "latn" else "sr-Cyrl", len(parts))]
        return [("sr-Latn", 1), ("sr-Cyrl", 1)]
    return [("en", len(parts))] if parts[0] == "en" else []


def text(key: str, lang: str) -> str:
    """Return a UI string in the language."""
    return UI[key][LANGS.index(lang)]


def format_date(iso: str, lang: str) -> str:
    """Write an ISO date (YYYY-MM-DD) as the language writes it; anything else as it is.

    CLDR's long date formats (https://cldr.unicode.org/, as Babel 2.19 gives them): sr
    "d. MMMM y." for both scripts, en-GB "d MMMM y" (day before month, as in the sources).

    >>> [format_date("2006-06-21", lang) for lang in LANGS]
    ['21. jun 2006.', '21. јун 2006.', '21 June 2006']
    >>> format_date("2006", "en")
    '2006'
    """
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    month = MONTHS[LANGS.index(lang)][day.month - 1]
    if lang == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day}. {month} {day.year}."


def format_number(number: int | str, lang: str) -> str:
    """Write a whole number with the language's digit grouping (CLDR: sr '.', en ',').

    >>> format_number(2537, "sr-Cyrl"), format_number(52840, "en"), format_number(15, "en")
    ('2.537', '52,840', '15')
    """
    try:
        grouped = f"{int(number):,}"
    except (TypeError, ValueError):
        return str(number)
    return grouped if lang == "en" else grouped.replace(",", ".")


# Latin words that are not Serbian text and stay as written in Cyrillic: acronyms and names
# with inner capitals (NALAS, GeoNames), words with letters Serbian Latin has not (Wikidata,
# SPARQL), prefixed names and addresses (dct:title, https://…), and the project's name.
_KEEP_LATIN = re.compile(
    r"https?://\S+|[\w.-]*:[\w./#-]+|sister-graph|[\w-]*[qwxyQWXY][\w-]*|[\w-]*[A-Z][\w-]*[A-Z][\w-]*"
)


def cyrillic(text: str) -> str:
    """Write Serbian Latin text in Cyrillic, leaving the words that are not Serbian as they are.

    Serbian has one letter for one letter in both scripts (with lj, nj, dž as digraphs);
    cyrtranslit follows that table. For text the project wrote in sr-Latn only (catalog titles),
    shown on a Cyrillic page; verbatim source lines are never passed here.

    >>> cyrillic("sister-graph: međunarodna saradnja (SPARQL, GeoNames, Wikidata)")
    'sister-graph: међународна сарадња (SPARQL, GeoNames, Wikidata)'
    """
    out, last = [], 0
    for kept in _KEEP_LATIN.finditer(text):
        out += [cyrtranslit.to_cyrillic(text[last : kept.start()], "sr"), kept.group()]
        last = kept.end()
    out.append(cyrtranslit.to_cyrillic(text[last:], "sr"))
    return "".join(out)


def in_page_script(literal: Literal, lang: str) -> tuple[str, str]:
    """Return (text, language) of a project-authored literal as the page shows it.

    On a Cyrillic page a text the project wrote only in sr-Latn is shown in Cyrillic (and
    tagged so); anything else keeps its text and its own tag.
    """
    tag = (literal.language or "").lower()
    if lang == "sr-Cyrl" and tag == "sr-latn":
        return cyrillic(str(literal)), "sr-Cyrl"
    return str(literal), literal.language or ""


def term_label(iri: str, lang: str) -> str | None:
    """Return the built-in label of a standard term, or None."""
    labels = TERMS.get(iri)
    return labels[LANGS.index(lang)] if labels else None


def pick_literal(literals: Iterable[Literal], lang: str) -> Literal | None:
    """Pick the literal in the wanted language, else sr-Latn, en, untagged, any (stable order)."""
    ranked = sorted(literals, key=str)
    if not ranked:
        return None
    wanted = [lang.lower(), DEFAULT_LANG.lower(), "en", ""]
    for want in wanted:
        for literal in ranked:
            if (literal.language or "").lower() == want:
                return literal
    return ranked[0]
