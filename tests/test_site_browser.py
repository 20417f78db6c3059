"""The built site in real headless Chromium: search, filters, keyboard, privacy, accessibility, untrusted text."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from catalogue.model import Entry, Organisation, Repository
from catalogue.site import pages
from catalogue.site.data import EntryView, SiteData

from conftest import VALID_ENTRY, build_site, site_project
from loopback import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# On a developer's machine without chromium these tests are skipped; in CI (CI=true) a missing browser is a failure.
if os.environ.get("CI") == "true":
    assert Path(CHROMIUM).exists(), "CI=true: Debian's chromium must be installed (scripts/test installs it)"
    import playwright.sync_api as playwright_api
else:
    pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is installed by scripts/test")
    playwright_api = pytest.importorskip("playwright.sync_api")

HOSTILE = 'Böse <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> App'


def _entry(name: str, repo: str, field: str, tags: str, extra: str = "") -> str:
    text = VALID_ENTRY.replace("name: Beispiel-App", f"name: {json.dumps(name, ensure_ascii=False)}")
    return text.replace("example/beispiel-app", repo).replace("  - Mobilität", f"  - {field}") + f"tags: [{tags}]\n" + extra


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    entries = {
        "baum-app": _entry("Baum-App", "stadt/baum", "Umwelt & Klima", "Bewässerung, Stadtbäume"),
        "park-app": _entry(
            "Park-App",
            "stadt/park",
            "Mobilität",
            "Parkplatz",
            'used_by:\n  - name: Stadt Ulm\n    ags: "08421000"\n    since: 2024\n    role: nachnutzung\n    evidence: [https://www.ulm.de/park-app]\n',
        ),
        "boese-app": _entry(HOSTILE, "stadt/boese", "Beteiligung", "Test"),
    }
    root = site_project(tmp_path_factory.mktemp("site"), entries)
    hostile = Entry(
        id="xss",
        source_path="entries/xss.yaml",
        name="XSS",
        short_description="x" * 10,
        description='Hallo <script>window.__pwned = 3</script> <img src=x onerror="window.__pwned = 4"> [klick](javascript:window.__pwned=5)',
        repositories=(Repository("https://github.com/a/b"),),
        organisation=Organisation("O", "Verein"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
    )
    source = pages.entry_page(EntryView(hostile, None), SiteData((EntryView(hostile, None),)), None)
    (root / "docs" / "xss.md").write_text(source.as_markdown(), encoding="utf-8")  # through Markdown too, as another theme might
    yield from _built_and_served(root)


def _built_and_served(root: Path) -> Iterator[str]:
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root / "site")))
    with serving(server):
        yield f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    new_page = context.new_page()
    new_page.requests_seen = []
    new_page.on("request", lambda request: new_page.requests_seen.append(request.url))
    yield new_page
    context.close()


PAGE_TYPES = [
    "/",
    "/loesungen/",
    "/loesungen/park-app/",
    "/kommunen/stadt-ulm-08421000/",
    "/statistik/",
    "/handlungsfelder/mobilitaet/",
    "/nachnutzung/",
    "/suche/",
    "/format/",
]


def test_search_finds_an_entry_by_a_german_word(page: object, site: str) -> None:
    page.goto(f"{site}/suche/?q=Bewässerung")  # type: ignore[attr-defined]
    result = page.locator(".sck-search-result").first  # type: ignore[attr-defined]
    result.wait_for(timeout=10_000)
    assert result.inner_text() == "Baum-App"


def test_search_finds_a_town_name(page: object, site: str) -> None:
    page.goto(f"{site}/suche/?q=Ulm")  # type: ignore[attr-defined]
    links = page.locator(".sck-search-result")  # type: ignore[attr-defined]
    links.first.wait_for(timeout=10_000)
    assert "Park-App" in links.all_inner_texts()


def test_no_part_of_the_index_loads_before_the_visitor_searches(page: object, site: str) -> None:
    for path in ("/", "/loesungen/", "/loesungen/baum-app/"):
        page.goto(site + path)  # type: ignore[attr-defined]
    page.goto(f"{site}/suche/")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert [u for u in page.requests_seen if "/pagefind/" in u] == []  # type: ignore[attr-defined]
    page.fill("#sck-search-input", "Parkplatz")  # type: ignore[attr-defined]
    page.locator(".sck-search-result").first.wait_for(timeout=10_000)  # type: ignore[attr-defined]
    assert any("/pagefind/index/" in u for u in page.requests_seen)  # type: ignore[attr-defined]


def _count(page: object) -> str:
    return str(page.locator("#sck-result-count").inner_text())  # type: ignore[attr-defined]


def test_filters_narrow_the_list_and_the_url_restores_them(page: object, site: str) -> None:
    page.goto(f"{site}/loesungen/")  # type: ignore[attr-defined]
    assert _count(page) == "3 Lösungen"
    page.check("input[name=feld][value='Mobilität']")  # type: ignore[attr-defined]
    assert _count(page) == "1 Lösung"
    assert "feld=Mobilit%C3%A4t" in page.url  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert page.is_checked("input[name=feld][value='Mobilität']")  # type: ignore[attr-defined]
    assert _count(page) == "1 Lösung"
    assert page.locator(".sck-card:not([hidden]) h3").all_inner_texts() == ["Park-App"]  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    page.wait_for_function("document.getElementById('sck-result-count').textContent === '3 Lösungen'")  # type: ignore[attr-defined]


def test_sorting_by_reuse_puts_the_reused_entry_first(page: object, site: str) -> None:
    page.goto(f"{site}/loesungen/?sort=nachnutzung")  # type: ignore[attr-defined]
    assert page.locator(".sck-card h3").first.inner_text() == "Park-App"  # type: ignore[attr-defined]


def test_filters_work_with_the_keyboard_alone(page: object, site: str) -> None:
    page.goto(f"{site}/loesungen/")  # type: ignore[attr-defined]
    for _ in range(60):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        focused = page.evaluate("document.activeElement.name + '=' + document.activeElement.value")  # type: ignore[attr-defined]
        if focused == "feld=Umwelt & Klima":
            break
    else:
        pytest.fail("the Handlungsfeld filters cannot be reached with Tab")
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    assert _count(page) == "1 Lösung"
    assert page.evaluate("document.activeElement.labels[0].textContent").strip().startswith("Umwelt & Klima")  # type: ignore[attr-defined]


def test_without_javascript_the_list_is_complete(browser: object, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    plain = context.new_page()
    plain.goto(f"{site}/loesungen/")
    assert plain.locator(".sck-card h3").count() == 3
    assert plain.locator("#sck-filters").is_hidden()
    context.close()


def test_every_page_type_requests_only_its_own_host(page: object, site: str) -> None:
    for path in PAGE_TYPES:
        page.goto(site + path)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    hosts = {urlsplit(url).netloc for url in page.requests_seen if not url.startswith(("data:", "blob:"))}  # type: ignore[attr-defined]
    assert hosts == {urlsplit(site).netloc}
    assert len(page.requests_seen) > len(PAGE_TYPES)  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/", "/loesungen/", "/loesungen/park-app/", "/kommunen/stadt-ulm-08421000/", "/statistik/", "/karte/", "/suche/"])
def test_axe_core_finds_no_violations(page: object, site: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + path)  # type: ignore[attr-defined]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert violations == [], json.dumps(violations)


def test_pages_declare_german(page: object, site: str) -> None:
    page.goto(f"{site}/loesungen/park-app/")  # type: ignore[attr-defined]
    assert page.get_attribute("html", "lang") == "de"  # type: ignore[attr-defined]


def test_untrusted_text_runs_nothing(page: object, site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    for path in ("/xss/", "/loesungen/boese-app/", "/loesungen/"):
        page.goto(site + path)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        assert page.evaluate("window.__pwned") is None  # type: ignore[attr-defined]
    page.goto(f"{site}/xss/")  # type: ignore[attr-defined]
    assert page.locator(".sck-description a[href^='javascript']").count() == 0  # type: ignore[attr-defined]
    assert "<script>window.__pwned = 3</script>" in page.locator(".sck-description").inner_text()  # type: ignore[attr-defined]
    page.goto(f"{site}/loesungen/boese-app/")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == HOSTILE  # type: ignore[attr-defined]
    assert dialogs == []


def test_map_places_kommunen_and_links_to_their_pages(page: object, site: str) -> None:
    page.goto(f"{site}/karte/")  # type: ignore[attr-defined]
    marker = page.locator("svg.sck-map a[href$='kommunen/stadt-koeln-05315000/']")  # type: ignore[attr-defined]
    assert marker.count() == 1
    assert marker.get_attribute("aria-label") == "Stadt Köln: 3 entwickelt, 0 nachgenutzt"
    marker.click()
    assert page.locator("h1").inner_text() == "Stadt Köln"  # type: ignore[attr-defined]


def test_search_from_the_home_page_form(page: object, site: str) -> None:
    page.goto(site + "/")  # type: ignore[attr-defined]
    page.fill("#sck-home-q", "Stadtbäume")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.locator(".sck-search-result").first.wait_for(timeout=10_000)  # type: ignore[attr-defined]
    assert page.locator("#sck-search-status").inner_text() == "1 Treffer für „Stadtbäume“"  # type: ignore[attr-defined]
    page.locator(".sck-search-result").first.click()  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Baum-App"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    entries = {f"app-{i:03d}": _entry(f"App {i:03d}", f"stadt/app-{i}", "Mobilität" if i % 2 else "Energie", "Test") for i in range(130)}
    root = site_project(tmp_path_factory.mktemp("large"), entries, plugin_options="      search_index: false\n      exports: false\n")
    yield from _built_and_served(root)


def test_long_lists_show_100_cards_and_a_button_for_more(page: object, large_site: str) -> None:
    page.goto(f"{large_site}/loesungen/")  # type: ignore[attr-defined]
    visible = page.locator(".sck-card:not([hidden])")  # type: ignore[attr-defined]
    assert (visible.count(), _count(page)) == (100, "130 Lösungen")
    more = page.locator(".sck-more")  # type: ignore[attr-defined]
    assert more.inner_text() == "Weitere 30 von 30 anzeigen"
    more.click()
    assert visible.count() == 130 and more.is_hidden()
    page.check("input[name=feld][value='Mobilität']")  # type: ignore[attr-defined]
    assert (visible.count(), _count(page)) == (65, "65 Lösungen")
