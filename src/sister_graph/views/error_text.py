"""What an error page says, per HTTP status, in sr-Latn, sr-Cyrl and en (as views.i18n.LANGS)."""

from __future__ import annotations

from sister_graph.views.i18n import LANGS

# A headline and one sentence per status; other statuses fall back to 400 or 500.
ERRORS: dict[int, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    400: (
        ("Neispravan zahtjev", "Неисправан захтјев", "Bad request"),
        (
            "Zahtjev nije moguće razumjeti; detalj ispod kaže zašto.",
            "Захтјев није могуће разумјети; детаљ испод каже зашто.",
            "The request could not be understood; the detail below says why.",
        ),
    ),
    404: (
        ("Nije pronađeno", "Није пронађено", "Not found"),
        (
            "Na ovoj adresi nema stranice ni podatka.",
            "На овој адреси нема странице ни податка.",
            "There is no page and no data at this address.",
        ),
    ),
    405: (
        ("Metoda nije dozvoljena", "Метода није дозвољена", "Method not allowed"),
        (
            "Ova adresa ne prihvata ovu vrstu zahtjeva.",
            "Ова адреса не прихвата ову врсту захтјева.",
            "This address does not accept this kind of request.",
        ),
    ),
    406: (
        ("Format nije dostupan", "Формат није доступан", "Format not available"),
        (
            "Traženi format nije ponuđen na ovoj adresi.",
            "Тражени формат није понуђен на овој адреси.",
            "The format asked for is not offered at this address.",
        ),
    ),
    413: (
        ("Zahtjev je prevelik", "Захтјев је превелик", "Request too large"),
        (
            "Zahtjev je veći nego što server prihvata.",
            "Захтјев је већи него што сервер прихвата.",
            "The request is larger than the server accepts.",
        ),
    ),
    422: (
        ("Upit nije moguće izvršiti", "Упит није могуће извршити", "The query cannot be run"),
        (
            "Upit je ispravan, ali ga server ne može izvršiti ovakvog.",
            "Упит је исправан, али га сервер не може извршити оваквог.",
            "The query is well formed, but the server cannot run it as it is.",
        ),
    ),
    500: (
        ("Greška na serveru", "Грешка на серверу", "Server error"),
        (
            "Nešto je pošlo po zlu na serveru; greška je zabilježena.",
            "Нешто је пошло по злу на серверу; грешка је забиљежена.",
            "Something went wrong on the server; the error has been logged.",
        ),
    ),
    503: (
        ("Servis nije dostupan", "Сервис није доступан", "Service unavailable"),
        (
            "Servis trenutno nije dostupan; pokušajte ponovo uskoro.",
            "Сервис тренутно није доступан; покушајте поново ускоро.",
            "The service is not available right now; please try again soon.",
        ),
    ),
    504: (
        ("Upit je trajao predugo", "Упит је трајао предуго", "The query took too long"),
        (
            "Upit je prekinut na vremenskom ograničenju; dodajte LIMIT ili ga pojednostavite.",
            "Упит је прекинут на временском ограничењу; додајте LIMIT или га поједноставите.",
            "The query was stopped at the time limit; add a LIMIT or simplify it.",
        ),
    ),
}


def _entry(status: int):
    return ERRORS.get(status) or ERRORS[400 if status < 500 else 500]


def error_headline(status: int, lang: str) -> str:
    """Return the headline of an error page for an HTTP status, in the language.

    >>> error_headline(404, "sr-Cyrl"), error_headline(418, "en")
    ('Није пронађено', 'Bad request')
    """
    return _entry(status)[0][LANGS.index(lang)]


def error_text(status: int, lang: str) -> str:
    """Return the one-sentence explanation of an error page for an HTTP status."""
    return _entry(status)[1][LANGS.index(lang)]
