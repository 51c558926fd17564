"""A city name in the case forms a South Slavic page writes it ("Banjom Lukom", "u Banji Luci")."""

from __future__ import annotations

import re

_SOFT = {"k": "[kc]", "g": "[gz]", "h": "[hs]"}  # sibilarisation: Luka -> Luci, Praga -> Prazi


def name_pattern(name: str) -> re.Pattern[str]:
    """Return a pattern matching a (Latin-script) city name in its case forms.

    >>> pattern = name_pattern("Banja Luka")
    >>> bool(pattern.search("sa Banjom Lukom")), bool(pattern.search("u Banji Luci"))
    (True, True)
    >>> name_pattern("Novi Sad").search("sa Novim Sadom i Kranjem").group(0)
    'Novim Sadom'
    """
    words = []
    for word in name.split():
        stem = word[:-1] if len(word) > 3 and word[-1].lower() in "aeiou" else word
        last = stem[-1:].lower()
        body = re.escape(stem[:-1]) + _SOFT[last] if last in _SOFT else re.escape(stem)
        words.append(body + r"\w{0,4}")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
