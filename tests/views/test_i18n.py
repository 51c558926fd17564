"""Language choice and label picking (tags compared case-insensitively)."""

from __future__ import annotations

import pytest
from rdflib import Literal

from sister_graph.rdf.langtags import canonical_lang
from sister_graph.views.i18n import LANGS, UI, choose_lang, pick_literal


@pytest.mark.parametrize(
    ("param", "accepted", "expected"),
    [
        (None, [], "sr-Latn"),
        ("sr-cyrl", [("en", 1)], "sr-Cyrl"),
        ("xx", [("sr-Cyrl-BA", 0.9), ("en", 0.5)], "sr-Cyrl"),
        (None, [("de", 1), ("en", 0.7)], "en"),
        (None, [("sr", 1)], "sr-Latn"),
        (None, [("en", 0)], "sr-Latn"),
    ],
)
def test_choose_lang(param, accepted, expected):
    assert choose_lang(param, accepted) == expected


def test_pick_literal_matches_lowercased_tags_and_falls_back():
    labels = [Literal("Бари", lang="sr-cyrl"), Literal("Bari", lang="sr-latn")]
    assert str(pick_literal(labels, "sr-Cyrl")) == "Бари"
    assert str(pick_literal(labels, "en")) == "Bari"
    assert pick_literal([], "en") is None


def test_canonical_lang_and_every_ui_string_in_three_languages():
    assert canonical_lang("SR-LATN-ba") == "sr-Latn-BA"
    assert all(len(texts) == len(LANGS) and all(texts) for texts in UI.values())
