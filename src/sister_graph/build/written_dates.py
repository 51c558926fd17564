"""How a signing date is written on a page, in the page's language (for the cited-line check).

A row's ``signed`` column is ISO 8601 (``YYYY-MM-DD``); the page writes the same day in its own
language. `written_forms` returns the forms a page in that language may use, so the build can
check that the cited line really states the date. Language tags follow BCP 47
(https://www.rfc-editor.org/info/bcp47); a tag is matched on its script first (``sr-Cyrl``),
then on its primary language (``sr``, ``de``); any other language gets the numeric forms only.

>>> from datetime import date
>>> written_forms(date(2015, 6, 5), "sr-Latn")[0]
'5. juna 2015'
>>> written_forms(date(1973, 5, 22), "de")[0]
'22. Mai 1973'
>>> "22.04.2014" in written_forms(date(2014, 4, 22), "sr-Latn")
True
"""

from __future__ import annotations

from datetime import date

# Month names as a date is written in running text: the genitive in South Slavic languages
# ("5. juna 2015"), the nominative in German ("22. Mai 1973"), the ordinal date in Macedonian
# ("11 ноември 2012").
_LATIN_GENITIVE = (
    "januara",
    "februara",
    "marta",
    "aprila",
    "maja",
    "juna",
    "jula",
    "avgusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
)
_MONTHS: dict[str, tuple[str, ...]] = {
    "sr-latn": _LATIN_GENITIVE,
    "sr-cyrl": (
        "јануара",
        "фебруара",
        "марта",
        "априла",
        "маја",
        "јуна",
        "јула",
        "августа",
        "септембра",
        "октобра",
        "новембра",
        "децембра",
    ),
    "bs": _LATIN_GENITIVE,
    "hr": (
        "siječnja",
        "veljače",
        "ožujka",
        "travnja",
        "svibnja",
        "lipnja",
        "srpnja",
        "kolovoza",
        "rujna",
        "listopada",
        "studenoga",
        "prosinca",
    ),
    "sl": (
        "januarja",
        "februarja",
        "marca",
        "aprila",
        "maja",
        "junija",
        "julija",
        "avgusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ),
    "mk": (
        "јануари",
        "февруари",
        "март",
        "април",
        "мај",
        "јуни",
        "јули",
        "август",
        "септември",
        "октомври",
        "ноември",
        "декември",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}
_DEFAULT_SCRIPT = {"sr": "sr-latn"}
_DOTTED_DAY = {"sr-latn", "sr-cyrl", "bs", "hr", "sl", "de"}


def _key(language: str) -> str:
    parts = language.lower().split("-")
    with_script = "-".join(parts[:2])
    return with_script if with_script in _MONTHS else _DEFAULT_SCRIPT.get(parts[0], parts[0])


def known_languages() -> tuple[str, ...]:
    """Return the languages whose month names are known, as BCP 47 tags (sr-Latn, de, ...)."""
    return tuple(
        "-".join(p.title() if i else p for i, p in enumerate(k.split("-"))) for k in _MONTHS
    )


def month_names(language: str) -> tuple[str, ...]:
    """Return the twelve month names used in dates of a page in this language, or ()."""
    return _MONTHS.get(_key(language), ())


def written_forms(day: date, language: str) -> tuple[str, ...]:
    """Return the ways a page in `language` writes `day`, most usual first.

    The word forms need the language's month names (South Slavic, German); every language also
    gets the numeric forms ``DD.MM.YYYY`` and ``D.M.YYYY`` (both seen on city pages).
    """
    names = month_names(language)
    forms: list[str] = []
    if names:
        month = names[day.month - 1]
        dotted = _key(language) in _DOTTED_DAY
        separator = ". " if dotted else " "
        forms.append(f"{day.day}{separator}{month} {day.year}")
        if dotted:
            forms.append(f"{day.day:02d}. {month} {day.year}")
    forms += [f"{day.day:02d}.{day.month:02d}.{day.year}", f"{day.day}.{day.month}.{day.year}"]
    return tuple(dict.fromkeys(forms))
