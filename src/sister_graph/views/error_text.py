"""What an error page says, per HTTP status, in sr-Latn, sr-Cyrl and en (as views.i18n.LANGS)."""

from __future__ import annotations

from sister_graph.views.i18n import LANGS

# A headline and one sentence per status the app answers with (a test holds every status of
# errors.py and of the OpenAPI operations to an entry); others fall back to 400 or 500.
ERRORS: dict[int, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    400: (
        ("Neispravan zahtjev", "Неисправан захтјев", "Bad request"),
        (
            "Zahtjev nije moguće razumjeti; detalj ispod kaže zašto.",
            "Захтјев није могуће разумјети; детаљ испод каже зашто.",
            "The request could not be understood; the detail below says why.",
        ),
    ),
    403: (
        ("Upit nije dozvoljen", "Упит није дозвољен", "Query not allowed"),
        (
            "Server prima samo upite koji čitaju; izmjene i federisani upiti nisu dozvoljeni.",
            "Сервер прима само упите који читају; измјене и федерисани упити нису дозвољени.",
            "Only queries that read are run here; updates and federated queries are not.",
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
    409: (
        ("Sukob", "Сукоб", "Conflict"),
        (
            "Zahtjev je u sukobu sa trenutnim stanjem podataka.",
            "Захтјев је у сукобу са тренутним стањем података.",
            "The request conflicts with the current state of the data.",
        ),
    ),
    412: (
        ("Preduslov nije ispunjen", "Предуслов није испуњен", "Precondition failed"),
        (
            "Uslov zahtjeva ne odgovara trenutnoj verziji ove adrese; učitajte je ponovo.",
            "Услов захтјева не одговара тренутној верзији ове адресе; учитајте је поново.",
            "The request's condition matches no current version of this address; load it again.",
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
    415: (
        ("Nepodržan format zahtjeva", "Неподржан формат захтјева", "Unsupported request format"),
        (
            "Tijelo zahtjeva je u formatu koji ova adresa ne prihvata.",
            "Тијело захтјева је у формату који ова адреса не прихвата.",
            "The request body is in a format this address does not accept.",
        ),
    ),
    416: (
        ("Opseg nije dostupan", "Опсег није доступан", "Range not satisfiable"),
        (
            "Traženi opseg bajtova počinje iza kraja datoteke.",
            "Тражени опсег бајтова почиње иза краја датотеке.",
            "The byte range asked for starts past the end of the file.",
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
    429: (
        ("Previše zahtjeva", "Превише захтјева", "Too many requests"),
        (
            "Poslali ste više upita nego što je dozvoljeno; pokušajte ponovo za nekoliko sekundi.",
            "Послали сте више упита него што је дозвољено; покушајте поново за неколико секунди.",
            "You have sent more queries than allowed; try again in a few seconds.",
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
    502: (
        ("Greška skladišta upita", "Грешка складишта упита", "Query store error"),
        (
            "Skladište upita nije odgovorilo kako treba; pokušajte ponovo.",
            "Складиште упита није одговорило како треба; покушајте поново.",
            "The query store did not answer properly; please try again.",
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
