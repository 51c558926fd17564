"""The SPARQL the web pages run (all of it, in one place); each function returns query text.

Every page query is a CONSTRUCT, so its answer is a graph the pure `describe`/`overview`
functions read. IRIs are passed through `_iri`, which refuses anything that would break out
of the angle brackets.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from sister_graph.errors import BadRequest
from sister_graph.rdf.namespaces import prefixes_for

LABELS = "rdfs:label skos:prefLabel schema:name skos:notation"


def is_safe_iri(value: str) -> bool:
    """Tell whether the text can stand between angle brackets (or quotes) in a query.

    >>> is_safe_iri("https://x.org/id/city/bari"), is_safe_iri("https://x.org/a>b")
    (True, False)
    """
    if not value or any(ch in '<>"{}|^`\\' or ord(ch) <= 32 for ch in value):
        return False
    try:  # the engine's own IRI grammar (RFC 3987), e.g. U+FFFD from a bad %FF is not allowed
        NamedNode(value)
    except ValueError:
        return False
    return True


def _iri(value: str) -> str:
    if not is_safe_iri(value):
        raise BadRequest(f"not an IRI usable in a query: {value!r}")
    return f"<{value}>"


def _prologue(base: str) -> str:
    wanted = ("rdf", "rdfs", "skos", "schema", "org", "geo", "dct", "owl", "prov", "wdt")
    spaces = prefixes_for(base)
    lines = [f"PREFIX {name}: <{spaces[name]}>" for name in wanted]
    lines.append(f"PREFIX sg: <{spaces['sg']}>")
    return "\n".join(lines) + "\n"


def resource_query(iri: str, *, base: str) -> str:
    """Return the resource's own triples, the triples pointing at it, and labels of both ends.

    Also each citation (prov:qualifiedDerivation) with its page's title and the labels of what
    it states (sg:statedDate, sg:statedType, ...), for the sources block.
    """
    node = _iri(iri)
    return (
        _prologue(base)
        + f"""CONSTRUCT {{
  {node} ?p ?o . ?o ?ol ?olv . ?s ?ip {node} . ?s ?sl ?slv .
  ?p rdfs:label ?pl . ?ip rdfs:label ?ipl .
  ?d ?dp ?dv . ?dv ?dvl ?dvlv . ?dv dct:title ?title . ?dp rdfs:label ?dpl . ?h ?hq ?hv .
}} WHERE {{
  {{ {node} ?p ?o .
     OPTIONAL {{ ?o ?ol ?olv . VALUES ?ol {{ {LABELS} }} }}
     OPTIONAL {{ ?p rdfs:label ?pl }} }}
  UNION
  {{ {node} ?hp ?h . ?h ?hq ?hv . FILTER(STRSTARTS(STR(?h), "{iri}#")) }}
  UNION
  {{ {node} prov:qualifiedDerivation ?d . ?d ?dp ?dv .
     OPTIONAL {{ ?dv ?dvl ?dvlv . VALUES ?dvl {{ {LABELS} }} }}
     OPTIONAL {{ ?dv dct:title ?title }}
     OPTIONAL {{ ?dp rdfs:label ?dpl }} }}
  UNION
  {{ ?s ?ip {node} .
     OPTIONAL {{ ?s ?sl ?slv . VALUES ?sl {{ {LABELS} }} }}
     OPTIONAL {{ ?ip rdfs:label ?ipl }} }}
}}"""
    )


def ontology_query(*, base: str) -> str:
    """Return every triple about the ontology and its terms ({base}ontology and ...#Term)."""
    return (
        _prologue(base)
        + f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  ?s ?p ?o . FILTER(STRSTARTS(STR(?s), "{base}ontology"))
}}"""
    )


def overview_query(*, base: str, publisher: str) -> str:
    """Return what a publisher's page shows: its agreements, partners, signings, concepts,
    memberships and page (the agreements its page states, whichever side published first)."""
    home = _iri(publisher)
    return (
        _prologue(base)
        + """CONSTRUCT {
  ?a a sg:CooperationAgreement ; sg:partner ?c ; sg:city ?home ; sg:signing ?ev ;
     sg:signingDate ?date ; sg:agreementType ?type .
  ?c rdfs:label ?cl ; geo:lat ?lat ; geo:long ?long ; schema:address ?addr .
  ?addr schema:addressCountry ?cc .
  ?home rdfs:label ?hl ; geo:lat ?hlat ; geo:long ?hlong ; sg:cooperationField ?field ;
     sg:cooperationPriority ?prio .
  ?type skos:prefLabel ?tl . ?field skos:prefLabel ?fl ; sg:sourceLine ?fline .
  ?prio skos:prefLabel ?pl ; sg:sourceLine ?pline .
  ?ev rdfs:label ?evl .
  ?m org:member ?member ; org:organization ?org . ?org rdfs:label ?orgl ; skos:notation ?orgn .
  ?page dct:publisher ?home ; dct:title ?pt .
} WHERE {
  VALUES ?home { HOME }
  { ?statedBy dct:publisher ?home . ?a dct:source ?statedBy .
    ?a a sg:CooperationAgreement ; sg:partner ?c ; sg:city ?home ; sg:signing ?ev ;
       sg:signingDate ?date ; sg:agreementType ?type .
    ?c rdfs:label ?cl . ?type skos:prefLabel ?tl . ?ev rdfs:label ?evl .
    OPTIONAL { ?c geo:lat ?lat ; geo:long ?long }
    OPTIONAL { ?c schema:address ?addr . ?addr schema:addressCountry ?cc } }
  UNION
  { ?statedBy dct:publisher ?home . ?a dct:source ?statedBy .
    ?a a sg:CooperationAgreement ; sg:city ?c ; sg:partner ?home ; sg:signing ?ev ;
       sg:signingDate ?date ; sg:agreementType ?type .
    ?c rdfs:label ?cl . ?type skos:prefLabel ?tl . ?ev rdfs:label ?evl .
    OPTIONAL { ?c geo:lat ?lat ; geo:long ?long }
    OPTIONAL { ?c schema:addressCountry ?cc } }
  UNION
  { ?home rdfs:label ?hl .
    OPTIONAL { ?home geo:lat ?hlat ; geo:long ?hlong }
    OPTIONAL { ?home sg:cooperationField ?field . ?field skos:prefLabel ?fl
               OPTIONAL { ?field sg:sourceLine ?fline } }
    OPTIONAL { ?home sg:cooperationPriority ?prio . ?prio skos:prefLabel ?pl
               OPTIONAL { ?prio sg:sourceLine ?pline } } }
  UNION
  { ?m org:member ?home ; org:organization ?org . ?org rdfs:label ?orgl .
    BIND(?home AS ?member) OPTIONAL { ?org skos:notation ?orgn } }
  UNION
  { ?page dct:publisher ?home ; a schema:WebPage . OPTIONAL { ?page dct:title ?pt } }
}""".replace("HOME", home)
    )


def publishers_query(*, base: str) -> str:
    """Return what the landing page shows: each publisher, its page, place and agreements."""
    return (
        _prologue(base)
        + """CONSTRUCT {
  ?page dct:publisher ?home ; dct:title ?pt .
  ?home rdfs:label ?hl ; geo:lat ?lat ; geo:long ?long ; schema:addressCountry ?cc .
  ?a sg:city ?city ; sg:partner ?partner ; dct:source ?source .
} WHERE {
  { ?page dct:publisher ?home ; a schema:WebPage . ?home rdfs:label ?hl .
    OPTIONAL { ?page dct:title ?pt }
    OPTIONAL { ?home geo:lat ?lat ; geo:long ?long }
    OPTIONAL { ?home schema:addressCountry ?cc } }
  UNION
  { ?a a sg:CooperationAgreement ; sg:city ?city ; sg:partner ?partner ; dct:source ?source }
}"""
    )


def kind_query(prefix: str, *, base: str) -> str:
    """Return the labels of every resource whose IRI starts with the prefix (one kind of thing)."""
    if not is_safe_iri(prefix):
        raise BadRequest(f"not an IRI prefix usable in a query: {prefix!r}")
    return (
        _prologue(base)
        + f"""CONSTRUCT {{ ?s ?l ?v }} WHERE {{
  ?s ?l ?v . VALUES ?l {{ {LABELS} }} FILTER(STRSTARTS(STR(?s), "{prefix}"))
}}"""
    )


def same_as_labels_query(iris: list[str], *, base: str) -> str:
    """Label outside places (a catalog's GeoNames dct:spatial) with the labels of the graph's
    things that are owl:sameAs them: the city in sr-Latn, sr-Cyrl and en, not the registry's
    one English name. `iris` must each pass is_safe_iri."""
    values = " ".join(_iri(i) for i in iris)
    return (
        _prologue(base)
        + f"""CONSTRUCT {{ ?place rdfs:label ?label }} WHERE {{
  VALUES ?place {{ {values} }}
  ?thing <http://www.w3.org/2002/07/owl#sameAs> ?place ; rdfs:label ?label .
}}"""
    )
