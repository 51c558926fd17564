"""A city's country item comes from the vendored Wikidata P297 table, never from memory."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph
import pytest

from sister_graph.build.registry_facts import (
    COUNTRY_TABLE_SOURCE,
    read_country_table,
    unconfirmed_country_note,
    wikidata_countries,
)
from sister_graph.errors import SourceError
from sister_graph.rdf.formats import NTRIPLES, dump_name
from tests.build.test_build import BASE, count, rows

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "vendor" / "wikidata-countries" / "country-codes.csv"
# Codes the data uses that no registry source maps to a Wikidata item (vendored README says why).
UNCONFIRMED = {"XK"}


@pytest.fixture(scope="module")
def store(built):
    config, _ = built
    store = pyoxigraph.Store()
    store.bulk_load(path=str(config.dist_dir / dump_name(NTRIPLES)), format=NTRIPLES.engine)
    return store


def data_country_codes() -> set[str]:
    codes = set()
    for path in sorted(ROOT.glob("data/*/cities.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            codes |= {row["country"] for row in csv.DictReader(handle)}
    return codes


def test_every_country_code_in_data_resolves_through_the_vendored_table():
    codes = data_country_codes()
    assert codes, "no cities.csv found under data/"
    table = wikidata_countries()
    assert codes - UNCONFIRMED <= set(table), codes - UNCONFIRMED - set(table)
    assert not UNCONFIRMED & set(table)  # a code confirmed later must leave UNCONFIRMED
    assert table["AT"] == "Q40" and table["BA"] == "Q225"


def test_the_vendored_rows_carry_the_items_as_wikidata_urls():
    with TABLE.open(encoding="utf-8", newline="") as handle:
        found = {r["ISO3166-1-Alpha-2"]: r["wikidata_id"] for r in csv.DictReader(handle)}
    assert found == {
        code: f"https://www.wikidata.org/wiki/{q}" for code, q in read_country_table(TABLE).items()
    }  # noqa: E501


def test_a_bad_row_names_file_line_and_column(tmp_path):
    bad = tmp_path / "country-codes.csv"
    bad.write_text("ISO3166-1-Alpha-2,wikidata_id\nAT,https://www.wikidata.org/wiki/Q40\nBA,Q225\n")
    with pytest.raises(SourceError, match=rf"^{bad}:3: column 'wikidata_id': 'Q225'"):
        read_country_table(bad)
    with pytest.raises(SourceError, match="missing"):
        read_country_table(tmp_path / "absent.csv")


def test_the_country_citation_names_the_vendored_source(store):
    found = rows(
        store,
        f"""SELECT ?entity ?source WHERE {{ <{BASE}id/city/graz> sg:registryCitation ?c .
        ?c prov:entity ?entity ; sg:citedFor wdt:P17 ; <http://purl.org/dc/terms/source> ?source }}""",
    )
    assert found == [
        {"entity": "http://www.wikidata.org/entity/Q40", "source": str(COUNTRY_TABLE_SOURCE)}
    ]  # noqa: E501
    assert count(store, "?x sg:citedFor wdt:P17") == count(store, "?x a schema:City ; wdt:P17 ?i")


def test_an_unconfirmed_country_keeps_its_code_and_a_note_but_no_item(store):
    city = f"<{BASE}id/city/kosovska-mitrovica>"
    assert count(store, f"{city} wdt:P17 ?x") == 0
    assert count(store, f"{city} sg:registryCitation ?x . ?x sg:citedFor wdt:P17") == 0
    codes = rows(
        store, f"SELECT ?code WHERE {{ {city} schema:address/schema:addressCountry ?code }}"
    )
    assert codes == [{"code": "XK"}]
    notes = rows(store, f"SELECT ?n WHERE {{ {city} skos:editorialNote ?n }}")
    assert unconfirmed_country_note("XK") in {r["n"] for r in notes}
    assert (
        count(
            store,
            "?x a schema:City ; skos:editorialNote ?n FILTER(CONTAINS(?n, 'No registry source confirmed'))",
        )
        == 1
    )  # noqa: E501
