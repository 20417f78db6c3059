"""The entry page answers "Was braucht der Betrieb?" and the overview filters by it, checked in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import test_site_browser as browser_tests

from catalogue import records
from catalogue.model import (
    ContainerImage,
    DeploymentArtefact,
    HarvestRecord,
    HostedService,
    LicenceFinding,
    MissingPath,
    Notice,
    OperationFacts,
    PresentFiles,
    PubliccodeContractor,
    PubliccodeFacts,
    PubliccodeMaintenance,
    RepositoryFacts,
    Runtime,
    SourceFacts,
    StartedService,
    StatusFacts,
)

from conftest import VALID_ENTRY, site_project

pytestmark = getattr(browser_tests, "pytestmark", [])  # skipped where the browser tests are (no chromium outside CI)

HARVESTED = datetime(2026, 11, 1, tzinfo=UTC)
MIT = LicenceFinding("MIT", "licence file", ("LICENSE",), 1.0, "", osi_approved=True, fsf_libre=True)
HEAD = "a" * 40


def _facts(url: str, **extra: object) -> RepositoryFacts:
    base: dict[str, object] = {"url": url, "licence": MIT, "head_commit": HEAD, "files": PresentFiles(readme=True), "status": StatusFacts("README.md")}
    return RepositoryFacts(**{**base, **extra})  # type: ignore[arg-type]


IMPORTER = _facts(
    "https://github.com/stadt/importer",
    source=SourceFacts(build_files=5, missing_paths=(MissingPath("Dockerfile", 4, "package.json", "RUN npm install"),)),
    operation=OperationFacts(
        artefacts=(DeploymentArtefact("dockerfile", "Dockerfile"), DeploymentArtefact("helm_chart", "helm")),
        images=(ContainerImage("hub.example.net/smartcity/importer", "hub.example.net", "helm/values.yaml", 13, None),),
    ),
    publiccode=PubliccodeFacts("publiccode.yml", maintenance=PubliccodeMaintenance("contract", (PubliccodeContractor("Firma GmbH", "2026-06-30"),))),
)
KARTE = _facts(
    "https://github.com/stadt/karte",
    source=SourceFacts(source_files=40),
    status=StatusFacts("README.md", (Notice("moved", "This repository is out of date.", "README.md", 8, "https://github.com/stadt/karte-neu"),)),
    operation=OperationFacts(
        artefacts=(DeploymentArtefact("compose", "deploy/docker/docker-compose.yml"),),
        services=(StartedService("PostgreSQL/PostGIS", "deploy/docker/docker-compose.yml", 7, "postgis/postgis:16"),),
        hosted_services=(HostedService("Mapbox", ".env.example", 2, "VITE_MAPBOX_TOKEN"),),
        runtimes=(Runtime("Node.js", ".nvmrc", 1, "22.11.0"),),
    ),
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    entries = {
        "importer": VALID_ENTRY.replace("example/beispiel-app", "stadt/importer").replace("name: Beispiel-App", "name: Importer"),
        "karte": VALID_ENTRY.replace("example/beispiel-app", "stadt/karte").replace("name: Beispiel-App", "name: Karte"),
    }
    root = site_project(tmp_path_factory.mktemp("betrieb"), entries)
    for entry_id, facts in (("importer", IMPORTER), ("karte", KARTE)):
        records.write_record(root / "harvest", HarvestRecord(entry_id, HARVESTED, (facts,)))
    yield from browser_tests._built_and_served(root)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser_tests.playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=browser_tests.CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield launched
        launched.close()


@pytest.fixture
def tab(chromium: object) -> Iterator[object]:
    context = chromium.new_context()  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


SECTION_TEXT = """(() => {
  const parts = [];
  let node = document.getElementById('betrieb').nextElementSibling;
  for (; node && node.tagName !== 'H2'; node = node.nextElementSibling) parts.push(node.innerText);
  return parts.join('\\n');
})()"""


def _section(tab: object) -> str:
    """The visible text of "Was braucht der Betrieb?", up to the next section."""
    return str(tab.evaluate(SECTION_TEXT))  # type: ignore[attr-defined]


def test_a_repository_without_source_says_so_with_the_rule_and_the_file(tab: object, site: str) -> None:
    tab.goto(f"{site}/loesungen/importer/")  # type: ignore[attr-defined]
    section = _section(tab)
    assert "Quellcode im Repository: nein – kein Quellcode im Repository https://github.com/stadt/importer" in section
    assert "Dockerfile:4 braucht package.json, das im Repository fehlt" in section
    assert "hub.example.net: Registry nicht als öffentlich bekannt" in section
    badges = tab.locator(".sck-badges").inner_text()  # type: ignore[attr-defined]
    assert "Nachnutzung: noch nicht bereit" in badges and "Quellcode im Repository: nein" in badges


def test_an_expired_maintenance_contract_is_named_with_its_key(tab: object, site: str) -> None:
    tab.goto(f"{site}/loesungen/importer/")  # type: ignore[attr-defined]
    assert "Firma GmbH bis 2026-06-30 (maintenance.contractors[0].until) – Wartungsvertrag abgelaufen" in _section(tab)


def test_a_source_line_links_to_the_file_at_the_harvested_commit(tab: object, site: str) -> None:
    tab.goto(f"{site}/loesungen/importer/")  # type: ignore[attr-defined]
    href = tab.get_by_role("link", name="helm/values.yaml:13").get_attribute("href")  # type: ignore[attr-defined]
    assert href == f"https://github.com/stadt/importer/blob/{HEAD}/helm/values.yaml#L13"


def test_external_services_and_started_services_are_listed_with_file_and_variable(tab: object, site: str) -> None:
    tab.goto(f"{site}/loesungen/karte/")  # type: ignore[attr-defined]
    section = _section(tab)
    assert "Mapbox (.env.example:2: VITE_MAPBOX_TOKEN)" in section
    assert "PostgreSQL/PostGIS (deploy/docker/docker-compose.yml:7)" in section
    assert "Node.js 22.11.0 (.nvmrc:1)" in section


def test_a_superseded_notice_stands_at_the_top_of_the_page(tab: object, site: str) -> None:
    tab.goto(f"{site}/loesungen/karte/")  # type: ignore[attr-defined]
    note = tab.locator(".sck-status-note")  # type: ignore[attr-defined]
    assert note.is_visible()
    assert note.inner_text() == (
        "Laut Repository nicht mehr aktuell: README.md:8 in https://github.com/stadt/karte: „This repository is out of date.“; "
        "Nachfolger: https://github.com/stadt/karte-neu"
    )
    assert tab.evaluate("document.querySelector('.sck-status-note').compareDocumentPosition(document.getElementById('betrieb')) & 4") == 4  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("facet", "value", "shown"),
    [("dienste", "Mapbox", ["Karte"]), ("container", "ja", ["Importer", "Karte"]), ("status_repo", "abgelöst oder nicht mehr gepflegt", ["Karte"])],
)
def test_the_overview_filters_by_what_operation_takes(tab: object, site: str, facet: str, value: str, shown: list[str]) -> None:
    tab.goto(f"{site}/loesungen/")  # type: ignore[attr-defined]
    tab.check(f"input[name={facet}][value='{value}']")  # type: ignore[attr-defined]
    assert tab.locator(".sck-card:not([hidden]) h3").all_inner_texts() == shown  # type: ignore[attr-defined]
