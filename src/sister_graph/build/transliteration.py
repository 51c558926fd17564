"""Serbian Latin to Serbian Cyrillic, for sr-Cyrl labels a CSV row leaves empty.

Uses cyrtranslit (https://pypi.org/project/cyrtranslit/), which maps the Serbian Latin
alphabet (Gaj's, with the digraphs lj, nj, dž) one to one onto Vuk's Cyrillic alphabet.
Foreign names keep their letters where Serbian has none (q, w, x, y): such a label needs an
explicit sr-Cyrl value in the CSV, which always wins.

>>> to_serbian_cyrillic("Banja Luka"), to_serbian_cyrillic("Sporazum o saradnji")
('Бања Лука', 'Споразум о сарадњи')
>>> to_serbian_cyrillic("Džuba")
'Џуба'
"""

from __future__ import annotations

import cyrtranslit


def to_serbian_cyrillic(latin: str) -> str:
    """Return the Serbian Cyrillic spelling of a Serbian Latin text ('' stays '')."""
    return cyrtranslit.to_cyrillic(latin, "sr") if latin else ""
