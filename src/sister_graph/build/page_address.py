"""Whether a page's title is stated by its own address (for pages whose kept text has no title).

A stored copy of a page may start at its body, without the title line; many city sites put the
title in the address instead (``…/medjunarodna-saradnja/47/`` for "Međunarodna saradnja",
``…/staedtepartnerschaften`` for "Städtepartnerschaften"). The title counts as stated when,
folded to ASCII the way such addresses are written (``đ`` → ``dj``, ``ä`` → ``ae``, other
diacritics dropped, anything else between words → one hyphen), it equals one segment of the
address path (RFC 3986 section 3.3, https://www.rfc-editor.org/rfc/rfc3986#section-3.3),
without a file extension.

>>> title_in_address("Međunarodna saradnja", "https://skupstina.novisad.rs/medjunarodna-saradnja/47/")
True
>>> title_in_address("Städtepartnerschaften", "https://www.villach.at/ueber-villach/staedtepartnerschaften")
True
>>> title_in_address("Gradovi partneri", "https://www.banjaluka.rs.ba/gradska-uprava/")
False
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

_SPELLED_OUT = str.maketrans(
    {"đ": "dj", "Đ": "dj", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe"}
    | {"Ü": "ue", "æ": "ae", "ø": "oe", "å": "aa"}
)


def fold(text: str) -> str:
    """Return text as an address slug: lower-case ASCII words joined by single hyphens."""
    spelled = text.translate(_SPELLED_OUT)
    bare = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", bare.lower()))


def title_in_address(title: str, url: str) -> bool:
    """Return whether the folded title equals a folded segment of the URL's path."""
    wanted = fold(title)
    if not wanted:
        return False
    for segment in unquote(urlsplit(url).path).split("/"):
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", segment)
        if fold(stem) == wanted:
            return True
    return False
