"""Languages of the web pages: which language a request gets, its UI strings and label choice.

The strings themselves (sr-Latn, sr-Cyrl and en) are the tables of views/ui_text.py.

Graph labels come from language-tagged literals; pyoxigraph lower-cases tags ("sr-latn"),
so every comparison here is case-insensitive (BCP 47 tags are, RFC 5646 §2.1.1).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal

from sister_graph.views.ui_text import TERMS, UI

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
    """Choose the page language: `?lang=` first, then Accept-Language by quality, else sr-Latn."""
    chosen = parse_lang(param)
    if chosen:
        return chosen
    for tag, quality in sorted(accepted, key=lambda item: -item[1]):
        if quality > 0 and (found := parse_lang(tag)):
            return found
    return DEFAULT_LANG


def text(key: str, lang: str) -> str:
    """Return a UI string in the language."""
    return UI[key][LANGS.index(lang)]


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
