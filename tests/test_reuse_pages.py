"""Reuse on the built site, read in Chromium: what the entry records, what the repository declares, what Git shows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_site_browser import _built_and_served, browser, page  # noqa: F401 (fixtures shared with the site tests)

from catalogue.entries import load_catalogue
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.run import HarvestOptions, harvest

from conftest import VALID_ENTRY, site_project
from gitserver import Commit, GitHttpServer, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://github.com/"

ORIGIN_PUBLICCODE = """\
publiccodeYmlVersion: "0.4"
url: "https://gitlab.example.org/origin/app"
developmentStatus: stable
usedBy:
  - Stadt Köln
  - Stadt Ulm
  - Landkreis Muster
maintenance:
  type: contract
  contractors:
    - name: Beispiel GmbH
      until: "2025-12-31"
"""
SHARED = [
    Commit("start", "2024-01-10T09:00:00+00:00", files={"README.md": "# App\n", "src/app.py": "print('app')\n"}),
    Commit("stable", "2024-03-01T09:00:00+00:00", files={"src/map.py": "MAP = 1\n"}),
]
REPOSITORIES = {
    "stadt/app": [*SHARED, Commit("describe", "2025-05-01T09:00:00+00:00", files={"publiccode.yml": ORIGIN_PUBLICCODE})],
    "kreis/app": [
        *SHARED,
        Commit("own", "2025-02-01T09:00:00+00:00", files={"src/app.py": "print('kreis')\n", "src/config.py": "X = 1\n"}),
        Commit(
            "based on",
            "2025-06-01T09:00:00+00:00",
            files={"publiccode.yml": 'publiccodeYmlVersion: "0.4"\nisBasedOn: "https://github.com/stadt/app"\nusedBy: [Landkreis Kreis]\n'},
        ),
    ],
}
ENTRIES = {
    "app": VALID_ENTRY.replace("example/beispiel-app", "stadt/app")
    + 'used_by:\n  - name: Stadt Ulm\n    ags: "08421000"\n    since: 2024\n    role: nachnutzung\n    evidence: [https://www.ulm.de/app]\n'
    + '  - name: Stadt Neu-Ulm\n    ags: "09775164"\n    role: auftrag\n    evidence: [https://www.neu-ulm.de/beschluss]\n',
    "kreis-app": VALID_ENTRY.replace("example/beispiel-app", "kreis/app")
    .replace("name: Beispiel-App", "name: Kreis-App")
    .replace("name: Stadt Köln", "name: Landkreis Kreis")
    .replace('ags: "05315000"', 'ags: "05154000"')
    .replace("type: Kommune", "type: Landkreis"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, licence_db: Path) -> Iterator[str]:
    root = site_project(tmp_path_factory.mktemp("reuse-site"), ENTRIES)
    for path, commits in REPOSITORIES.items():
        owner, name = path.split("/")
        make_repo(root / "served" / owner, name, commits)
    with GitHttpServer(root / "served").running() as server:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        options = HarvestOptions(root / "harvest", root / "cache", settings, licence_database_path=licence_db, use_apis=False)
        outcomes = harvest(load_catalogue(root / "entries", root=root).entries, options, now=NOW)
    assert [o.status for o in outcomes] == ["updated", "updated"], [o.error for o in outcomes]
    yield from _built_and_served(root)


def section(tab: object, site: str, entry_id: str, heading_id: str) -> str:
    """The text of the entry page's section whose heading has this id."""
    tab.goto(f"{site}/loesungen/{entry_id}/")  # type: ignore[attr-defined]
    return str(tab.locator(f"section:has(> h2#{heading_id})").inner_text())  # type: ignore[attr-defined]


def group(text: str, title: str, following: str | None) -> list[str]:
    """The lines of one group of the section, between its heading and the next."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = lines.index(following) if following else len(lines)
    return [line for line in lines[start:end] if line.strip()]


def test_entry_page_answers_who_uses_it_in_three_groups(page: object, site: str) -> None:  # noqa: F811
    text = section(page, site, "app", "nutzung")
    assert group(text, "Eingetragen", "Laut Repository") == ["Stadt Ulm: nutzt nach seit 2024 (Beleg 1)", "Stadt Neu-Ulm: hat beauftragt (Beleg 1)"]
    assert group(text, "Laut Repository", "In Git beobachtet") == [
        "publiccode.yml in stadt/app nennt 3 nutzende Stellen:",
        "Stadt Köln (auch im Eintrag)",
        "Stadt Ulm (auch im Eintrag)",
        "Landkreis Muster (nicht im Eintrag)",
    ]
    assert group(text, "In Git beobachtet", None) == [
        "kreis/app (Eintrag Kreis-App, Landkreis Kreis) ist eine Variante von stadt/app: 2 eigene Commits seit dem gemeinsamen Stand vom "
        "01.03.2024, 3 Dateien geändert, letzter eigener Commit am 01.06.2025 "
        "(die publiccode.yml von https://github.com/kreis/app nennt https://github.com/stadt/app unter isBasedOn)."
    ]


def test_the_variant_names_its_origin_from_its_own_page(page: object, site: str) -> None:  # noqa: F811
    observed = group(section(page, site, "kreis-app", "nutzung"), "In Git beobachtet", None)
    assert observed[0].startswith("kreis/app ist eine Variante von stadt/app (Eintrag Beispiel-App, Stadt Köln): 2 eigene Commits")


def test_disagreements_with_the_publiccode_are_a_visible_note(page: object, site: str) -> None:  # noqa: F811
    text = section(page, site, "app", "laut-repository")
    note = group(text, "Eintrag und Repository sagen Verschiedenes:", "publiccode.yml in stadt/app (laut Repository)")
    assert note == [
        "Entwicklungsstand: der Eintrag sagt „Beta“, https://github.com/stadt/app (publiccode.yml) sagt „Stabil“",
        "https://github.com/stadt/app (publiccode.yml): der Wartungsvertrag ist abgelaufen: Beispiel GmbH (bis 31.12.2025)",
        "https://github.com/stadt/app (publiccode.yml) nennt https://gitlab.example.org/origin/app als Repository der Software; "
        "ist https://github.com/stadt/app ein Spiegel, oder ist das Repository umgezogen?",
        "laut https://github.com/stadt/app (publiccode.yml) nutzen sie 1 Stelle, die der Eintrag nicht nennt: Landkreis Muster",
    ]
    assert page.locator(".sck-note[role=note]").is_visible()  # type: ignore[attr-defined]


def test_the_declared_facts_stand_beside_the_entry_marked_as_the_repository_s(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/loesungen/app/")  # type: ignore[attr-defined]
    block = page.locator("section:has(> h2#laut-repository) dl")  # type: ignore[attr-defined]
    labels = [t.strip().rstrip(":") for t in block.locator("dt").all_inner_texts()]
    declared = dict(zip(labels, [t.strip() for t in block.locator("dd").all_inner_texts()], strict=True))
    assert page.locator("section:has(> h2#laut-repository) h3").inner_text() == "publiccode.yml in stadt/app (laut Repository)"  # type: ignore[attr-defined]
    assert declared == {
        "Version der publiccode.yml": "0.4",
        "Entwicklungsstand": "Stabil (im Eintrag: Beta)",
        "Art der Software": "keine Angabe",
        "Wartung": "per Vertrag von einem Dienstleister gepflegt (mit Enddatum); Beispiel GmbH bis 2025-12-31",
        "Repository der Software": "https://gitlab.example.org/origin/app",
        "Website": "keine Angabe",
    }


def test_reuse_badge_names_the_body_that_runs_it(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/loesungen/app/")  # type: ignore[attr-defined]
    badges = page.locator(".sck-badges li").all_inner_texts()  # type: ignore[attr-defined]
    assert "Nachnutzung: aktiv nachgenutzt – mit Beleg nachgenutzt von Stadt Ulm" in badges


def test_transfer_page_shows_direction_role_and_evidence_and_leaves_out_commissioning(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/nachnutzung/")  # type: ignore[attr-defined]
    rows = page.locator("table tbody tr")  # type: ignore[attr-defined]
    cells = [[c.strip() for c in rows.nth(i).locator("td").all_inner_texts()] for i in range(rows.count())]
    assert cells == [
        ["Beispiel-App", "Stadt Köln", "Stadt Ulm", "nutzt nach", "2024", "eingetragen", "Beleg 1"],
        ["Beispiel-App", "Stadt Köln", "Landkreis Kreis", "–", "", "in Git beobachtet (Variante)", "Beleg 1"],
    ]
    assert rows.nth(1).locator("a", has_text="Beleg 1").get_attribute("href") == "https://github.com/kreis/app"


def test_kommune_page_lists_each_kind_of_relation_apart(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/kommunen/stadt-neu-ulm-09775164/")  # type: ignore[attr-defined]
    lines = [line for line in page.locator(".sck-page").inner_text().splitlines() if line.strip()]  # type: ignore[attr-defined]
    start = lines.index("Nutzt nach")
    assert lines[start:] == [
        "Nutzt nach",
        "keine eingetragen",
        "Hat beauftragt",
        "Beispiel-App von Stadt Köln (Beleg 1)",
        "Entwickelt mit",
        "keine eingetragen",
        "Testet",
        "keine eingetragen",
    ]
