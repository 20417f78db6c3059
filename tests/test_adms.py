"""The ADMS-AP export: one dcat:Catalog, an adms:Asset per solution, valid against the profile's shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from catalogue.entries import load_catalogue
from catalogue.exports import adms
from catalogue.exports.shapes import check
from catalogue.model import Catalogue
from catalogue.records import load_records

from conftest import REPO_ROOT, VALID_ENTRY, EntryDir

SHAPES = REPO_ROOT / "tests" / "data" / "adms-ap-core-shapes.ttl"
SITE = "https://katalog.example.org"


def page_url(entry_id: str) -> str:
    return f"{SITE}/loesungen/{entry_id}/"


@pytest.fixture(scope="module")
def real_catalogue() -> Graph:
    catalogue = load_catalogue(REPO_ROOT / "entries", root=REPO_ROOT)
    return adms.catalogue_graph(catalogue, load_records(catalogue, REPO_ROOT / "harvest").records, page_url, SITE)


def test_the_real_catalogue_has_no_shape_violations(real_catalogue: Graph) -> None:
    report = check(real_catalogue, SHAPES)
    assert report.violations == ()


def test_every_entry_is_an_asset_in_the_catalogue(real_catalogue: Graph) -> None:
    catalogue = next(real_catalogue.subjects(RDF.type, DCAT.Catalog))
    assets = set(real_catalogue.subjects(RDF.type, URIRef("http://www.w3.org/ns/adms#Asset")))
    assert assets == set(real_catalogue.objects(catalogue, DCAT.dataset))
    assert len(assets) == len(list((REPO_ROOT / "entries").glob("*.yaml")))


def test_a_missing_title_is_a_violation(real_catalogue: Graph) -> None:
    broken = Graph()
    for triple in real_catalogue:
        broken.add(triple)
    asset = next(broken.subjects(RDF.type, URIRef("http://www.w3.org/ns/adms#Asset")))
    broken.remove((asset, DCTERMS.title, None))
    assert any("title" in v for v in check(broken, SHAPES).violations)


def solution(entries: EntryDir, text: str) -> Graph:
    entries.write("beispiel-app", text)
    catalogue = load_catalogue(entries.path, root=entries.root)
    return adms.catalogue_graph(catalogue, {}, page_url, SITE)


def test_a_municipality_is_identified_by_its_ags_and_the_licence_by_spdx(entries: EntryDir) -> None:
    graph = solution(entries, VALID_ENTRY)
    asset = URIRef(page_url("beispiel-app"))
    publisher = graph.value(asset, DCTERMS.publisher)
    assert publisher == URIRef("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05315000")
    assert graph.value(publisher, FOAF.name) == Literal("Stadt Köln", lang="de")
    assert graph.value(asset, DCTERMS.license) == URIRef("http://spdx.org/licenses/EUPL-1.2")
    assert graph.value(asset, DCAT.theme) == URIRef("http://publications.europa.eu/resource/authority/data-theme/TRAN")


def test_hostile_text_keeps_both_serialisations_well_formed(entries: EntryDir) -> None:
    hostile = VALID_ENTRY.replace("name: Beispiel-App", 'name: "Böse \\"\\"\\" App <script>x</script> \\uffff"')
    graph = solution(entries, hostile)
    turtle, json_ld = adms.as_turtle(graph), adms.as_json_ld(graph)
    reread = Graph().parse(data=turtle, format="turtle")
    assert Graph().parse(data=json_ld, format="json-ld").isomorphic(reread)
    assert reread.value(URIRef(page_url("beispiel-app")), DCTERMS.title) == Literal('Böse """ App <script>x</script> ', lang="de")


def test_site_build_publishes_turtle_and_json_ld(tmp_path: Path) -> None:
    from catalogue.exports.bundle import write_exports

    catalogue = load_catalogue(REPO_ROOT / "entries", root=REPO_ROOT)
    write_exports(tmp_path, Catalogue(catalogue.entries[:2]), {}, {}, SITE)
    assert len(Graph().parse(tmp_path / "api" / "adms.ttl", format="turtle")) > 20
    assert len(Graph().parse(tmp_path / "api" / "adms.jsonld", format="json-ld")) > 20


def test_a_licence_outside_the_spdx_list_is_identified_by_the_address_of_its_text(entries: EntryDir) -> None:
    url = "https://www.solingen.de/open-smartcity-license.txt"
    graph = solution(entries, VALID_ENTRY.replace("licence: EUPL-1.2", f"licence: LicenseRef-Open-SmartCity-License\nlicence_url: {url}"))
    assert graph.value(URIRef(page_url("beispiel-app")), DCTERMS.license) == URIRef(url)
