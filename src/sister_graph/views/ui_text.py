"""The pages' own strings in sr-Latn, sr-Cyrl and en: one (sr-Latn, sr-Cyrl, en) tuple a key.

UI holds the interface's words, MONTHS the months' names in dates (CLDR's format-wide
names: sr "jun"/"јун", en "June"), TERMS the built-in labels of standard terms (vocabulary IRIs
and EU authority codes the graph names but does not label). The order is i18n.LANGS; a test
fails when a string lacks a language (tests/views/test_i18n.py). Serbian follows the ijekavian
standard of the source pages (Banja Luka: "rječnik", "vrijeme").
"""

from __future__ import annotations

UI: dict[str, tuple[str, str, str]] = {
    "site": ("Gradovi partneri", "Градови партнери", "Partner cities"),
    "home": ("Početna", "Почетна", "Home"),
    "query": ("SPARQL upiti", "SPARQL упити", "SPARQL queries"),
    "catalog": ("Katalog podataka", "Каталог података", "Data catalog"),
    "ontology": ("Rječnik", "Рјечник", "Vocabulary"),
    "intro": (
        "Povezani otvoreni podaci o međunarodnoj saradnji grada, pročitani sa stranice grada. "
        "Svaka činjenica navodi red stranice iz kojeg potiče.",
        "Повезани отворени подаци о међународној сарадњи града, прочитани са странице града. "
        "Свака чињеница наводи ред странице из којег потиче.",
        "Linked open data on the city's international cooperation, read from the city's own "
        "page. Every fact cites the line of the page it comes from.",
    ),
    "source_page": ("Izvorna stranica", "Изворна страница", "Source page"),
    "counts": ("Podaci u brojevima", "Подаци у бројевима", "The data in numbers"),
    "triples": ("trojki", "тројки", "triples"),
    "partners": ("gradova partnera", "градова партнера", "partner cities"),
    "agreements": ("sporazuma", "споразума", "agreements"),
    "agreements_heading": ("Sporazumi", "Споразуми", "Agreements"),
    "signings": ("potpisivanja", "потписивања", "signings"),
    "memberships": (
        "Članstva u mrežama gradova",
        "Чланства у мрежама градова",
        "Memberships in city networks",
    ),
    "priorities": ("Prioriteti saradnje", "Приоритети сарадње", "Priorities of cooperation"),
    "fields": ("Oblasti saradnje", "Области сарадње", "Fields of cooperation"),
    "timeline": ("Sporazumi kroz vrijeme", "Споразуми кроз вријеме", "Agreements over time"),
    "map": ("Gradovi partneri na karti", "Градови партнери на карти", "Partner cities on a map"),
    "shared": ("potpisani zajedno", "потписани заједно", "signed together"),
    "downloads": ("Preuzimanje", "Преузимање", "Downloads"),
    "for_machines": ("Za programere", "За програмере", "For developers"),
    "properties": ("Svojstva", "Својства", "Properties"),
    "incoming": ("Povezano sa ovim", "Повезано са овим", "Linked to this"),
    "quote": ("Kako stranica kaže", "Како страница каже", "As the page says"),
    "line": ("red", "ред", "line"),
    "sources": ("Izvori", "Извори", "Sources"),
    "publishers": ("gradova izdavača", "градова издавача", "publishing cities"),
    "publishers_map": ("Gradovi izdavači", "Градови издавачи", "Publishing cities"),
    "agreements_stated": (
        "sporazuma koje navode njihove stranice",
        "споразума које наводе њихове странице",
        "agreements their pages state",
    ),
    "both_sides": ("Potvrđeno s obje strane", "Потврђено с обје стране", "Confirmed by both sides"),
    "landing_intro": (
        "Povezani otvoreni podaci o međunarodnoj saradnji gradova, svaki pročitan sa zvanične "
        "stranice grada. Svaka činjenica navodi red stranice iz kojeg potiče; sporazum koji "
        "navode obje strane je jedan, sa oba izvora.",
        "Повезани отворени подаци о међународној сарадњи градова, сваки прочитан са званичне "
        "странице града. Свака чињеница наводи ред странице из којег потиче; споразум који "
        "наводе обје стране је један, са оба извора.",
        "Linked open data on cities' international cooperation, each read from the city's own "
        "official page. Every fact cites the line of the page it comes from; an agreement both "
        "sides state is one agreement, with both sources.",
    ),
    "elsewhere": ("Na drugim mjestima", "На другим мјестима", "Elsewhere"),
    "formats": ("Ovaj opis kao podaci", "Овај опис као подаци", "This description as data"),
    "not_found": ("Nije pronađeno", "Није пронађено", "Not found"),
    "not_found_text": (
        "Graf ne imenuje ništa pod ovom adresom.",
        "Граф не именује ништа под овом адресом.",
        "The graph names nothing at this address.",
    ),
    "maybe": ("Možda ste tražili", "Можда сте тражили", "Perhaps you meant"),
    "nothing_at": (
        "Graf ne imenuje ništa na adresi {iri}.",
        "Граф не именује ништа на адреси {iri}.",
        "The graph names nothing at {iri}.",
    ),
    "no_match": (
        "Nijedan naziv nije dovoljno sličan traženom.",
        "Ниједан назив није довољно сличан траженом.",
        "No name is close enough to what was asked for.",
    ),
    "detail": ("Tehnički detalj", "Технички детаљ", "Technical detail"),
    "classes": ("Klase", "Класе", "Classes"),
    "props": ("Svojstva", "Својства", "Properties"),
    "domain": ("domen", "домен", "domain"),
    "range": ("opseg", "опсег", "range"),
    "examples": ("Primjeri upita", "Примјери упита", "Example queries"),
    "run": ("Izvrši", "Изврши", "Run"),
    "results": ("Rezultati", "Резултати", "Results"),
    "rows": ("redova", "редова", "rows"),
    "download_as": ("Preuzmi kao", "Преузми као", "Download as"),
    "share": ("Link na ovaj upit", "Линк на овај упит", "Link to this query"),
    "error": ("Greška", "Грешка", "Error"),
    "truncated": ("Rezultat je skraćen.", "Резултат је скраћен.", "The result was cut short."),
    "language": ("Jezik", "Језик", "Language"),
    "dataset": ("Skup podataka", "Скуп података", "Dataset"),
    "distributions": ("Distribucije", "Дистрибуције", "Distributions"),
    "size": ("veličina", "величина", "size"),
    "bytes": ("bajta", "бајта", "bytes"),
    "service": ("Servis", "Сервис", "Service"),
    "licence": ("Licenca", "Лиценца", "Licence"),
    "date": ("Datum", "Датум", "Date"),
    "city": ("Grad", "Град", "City"),
    "type": ("Vrsta", "Врста", "Type"),
    "yes": ("da", "да", "yes"),
    "no": ("ne", "не", "no"),
    "editor": ("Upit", "Упит", "Query"),
    "publisher": ("Izdavač", "Издавач", "Publisher"),
    "theme": ("Tema", "Тема", "Theme"),
    "spatial": ("Područje", "Подручје", "Place"),
    "data_language": ("Jezik podataka", "Језик података", "Language of the data"),
    "temporal": ("Razdoblje", "Раздобље", "Period"),
    "keywords": ("Ključne riječi", "Кључне ријечи", "Keywords"),
    "media_type": ("Vrsta medija", "Врста медија", "Media type"),
    "entities": ("entiteta", "ентитета", "entities"),
    "classes_n": ("klasa", "класа", "classes"),
    "properties_n": ("svojstava", "својстава", "properties"),
    "stats": ("Statistika (VoID)", "Статистика (VoID)", "Statistics (VoID)"),
    "term": ("pojam", "појам", "term"),
    "previous": ("Prethodna", "Претходна", "Previous"),
    "next": ("Sljedeća", "Сљедећа", "Next"),
    "result_map": ("Rezultat na karti", "Резултат на карти", "The result on a map"),
    "result_timeline": ("Rezultat kroz vrijeme", "Резултат кроз вријеме", "The result over time"),
}

# Labels of standard predicates and classes the graph itself does not label.
TERMS: dict[str, tuple[str, str, str]] = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("vrsta", "врста", "type"),
    "http://www.w3.org/2000/01/rdf-schema#label": ("naziv", "назив", "label"),
    "http://www.w3.org/2000/01/rdf-schema#comment": ("opis", "опис", "comment"),
    "http://www.w3.org/2004/02/skos/core#prefLabel": ("naziv", "назив", "preferred label"),
    "http://www.w3.org/2004/02/skos/core#notation": ("oznaka", "ознака", "notation"),
    "http://www.w3.org/2004/02/skos/core#inScheme": ("u shemi", "у шеми", "in scheme"),
    "http://www.w3.org/2004/02/skos/core#topConceptOf": ("vrh sheme", "врх шеме", "top concept of"),
    "http://www.w3.org/2004/02/skos/core#hasTopConcept": ("pojmovi", "појмови", "top concepts"),
    "http://www.w3.org/2004/02/skos/core#editorialNote": ("napomena", "напомена", "editorial note"),
    "http://www.w3.org/2004/02/skos/core#definition": ("definicija", "дефиниција", "definition"),
    "http://www.w3.org/2004/02/skos/core#ConceptScheme": (
        "shema pojmova",
        "шема појмова",
        "concept scheme",
    ),
    "http://www.w3.org/2004/02/skos/core#Concept": ("pojam", "појам", "concept"),
    "https://schema.org/name": ("ime", "име", "name"),
    "https://schema.org/alternateName": ("drugo ime", "друго име", "alternate name"),
    "https://schema.org/addressCountry": ("država", "држава", "country"),
    "https://schema.org/startDate": ("datum", "датум", "date"),
    "https://schema.org/url": ("veb-sajt", "веб-сајт", "website"),
    "https://schema.org/City": ("grad", "град", "city"),
    "https://schema.org/Organization": ("organizacija", "организација", "organization"),
    "https://schema.org/WebPage": ("veb-stranica", "веб-страница", "web page"),
    "https://schema.org/about": ("o", "о", "about"),
    "http://www.w3.org/2002/07/owl#sameAs": ("isto što i", "исто што и", "same as"),
    "http://www.w3.org/2003/01/geo/wgs84_pos#lat": (
        "geografska širina",
        "географска ширина",
        "latitude",
    ),
    "http://www.w3.org/2003/01/geo/wgs84_pos#long": (
        "geografska dužina",
        "географска дужина",
        "longitude",
    ),
    "http://www.wikidata.org/prop/direct/P190": (
        "grad partner (Wikidata P190)",
        "град партнер (Wikidata P190)",
        "twinned city (Wikidata P190)",
    ),
    "http://www.wikidata.org/prop/direct/P463": (
        "član (Wikidata P463)",
        "члан (Wikidata P463)",
        "member of (Wikidata P463)",
    ),
    "http://www.wikidata.org/prop/direct/P625": (
        "koordinate (Wikidata P625)",
        "координате (Wikidata P625)",
        "coordinates (Wikidata P625)",
    ),
    "http://www.wikidata.org/prop/direct/P1566": ("GeoNames ID", "GeoNames ID", "GeoNames ID"),
    "http://www.wikidata.org/prop/direct/P571": ("osnovano", "основано", "inception"),
    "http://www.wikidata.org/prop/direct/P856": (
        "zvanični sajt",
        "званични сајт",
        "official website",
    ),
    "http://www.w3.org/ns/org#member": ("član", "члан", "member"),
    "http://www.w3.org/ns/org#organization": ("organizacija", "организација", "organization"),
    "http://www.w3.org/ns/org#Membership": ("članstvo", "чланство", "membership"),
    "http://www.w3.org/ns/org#Organization": ("organizacija", "организација", "organization"),
    "http://www.w3.org/ns/prov#wasDerivedFrom": ("izvedeno iz", "изведено из", "derived from"),
    "http://www.w3.org/ns/prov#generated": ("stvorilo", "створило", "generated"),
    "http://purl.org/dc/terms/source": ("izvor", "извор", "source"),
    "http://purl.org/dc/terms/title": ("naslov", "наслов", "title"),
    "http://purl.org/dc/terms/description": ("opis", "опис", "description"),
    "http://purl.org/dc/terms/publisher": ("izdavač", "издавач", "publisher"),
    "http://purl.org/dc/terms/license": ("licenca", "лиценца", "licence"),
    "http://www.w3.org/ns/dcat#Dataset": ("skup podataka", "скуп података", "dataset"),
    "http://www.w3.org/ns/dcat#Distribution": ("distribucija", "дистрибуција", "distribution"),
    "http://www.w3.org/ns/dcat#DataService": ("servis podataka", "сервис података", "data service"),
    "http://www.w3.org/ns/dcat#Catalog": ("katalog", "каталог", "catalog"),
    "http://www.w3.org/2002/07/owl#Ontology": ("ontologija", "онтологија", "ontology"),
    "http://creativecommons.org/licenses/by/4.0/": (
        "Creative Commons Imenovanje 4.0 (CC BY 4.0)",
        "Creative Commons Именовање 4.0 (CC BY 4.0)",
        "Creative Commons Attribution 4.0 (CC BY 4.0)",
    ),
    "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0": (
        "Creative Commons Imenovanje 4.0 (CC BY 4.0)",
        "Creative Commons Именовање 4.0 (CC BY 4.0)",
        "Creative Commons Attribution 4.0 (CC BY 4.0)",
    ),
    "http://publications.europa.eu/resource/authority/data-theme/GOVE": (
        "Vlada i javni sektor",
        "Влада и јавни сектор",
        "Government and public sector",
    ),
    "http://publications.europa.eu/resource/authority/data-theme/REGI": (
        "Regioni i gradovi",
        "Региони и градови",
        "Regions and cities",
    ),
    "http://publications.europa.eu/resource/authority/language/SRP": (
        "srpski",
        "српски",
        "Serbian",
    ),
    "http://publications.europa.eu/resource/authority/language/ENG": (
        "engleski",
        "енглески",
        "English",
    ),
    "http://publications.europa.eu/resource/authority/language/DEU": (
        "njemački",
        "њемачки",
        "German",
    ),
    "http://www.w3.org/2002/07/owl#Class": ("klasa", "класа", "class"),
    "http://www.w3.org/2002/07/owl#ObjectProperty": ("svojstvo", "својство", "object property"),
    "http://www.w3.org/2002/07/owl#DatatypeProperty": (
        "svojstvo vrijednosti",
        "својство вриједности",
        "datatype property",
    ),
}

MONTHS: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = (
    ("januar", "februar", "mart", "april", "maj", "jun",
     "jul", "avgust", "septembar", "oktobar", "novembar", "decembar"),
    ("јануар", "фебруар", "март", "април", "мај", "јун",
     "јул", "август", "септембар", "октобар", "новембар", "децембар"),
    ("January", "February", "March", "April", "May", "June",
     "July", "August", "September", "October", "November", "December"),
)  # fmt: skip
