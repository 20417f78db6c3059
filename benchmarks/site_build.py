"""YAML -> site build time for generated entries against stock `mkdocs build` of the same pages as Markdown.

Columns: the catalogue's pages alone (the comparison with stock), then with the exports of api/ (two files per
entry), then with the Pagefind index as well (the full build).

    .venv/bin/python benchmarks/site_build.py [N ...]      (default: 100 1000 5000)

For each N: the catalogue build (plugin, without and with the Pagefind index), the stock baseline (the same
pages pre-written as Markdown, out of the nav, Material with its search plugin), their ratio and the cost per
entry; the search index size per 1,000 entries; and the overview's filter time at the largest N in Chromium.
Ratios come from this one run; nothing here is a pass/fail test.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["Mobilität", "Umwelt & Klima", "Energie", "Beteiligung", "Daten & Plattformen"]
STATES = [("05315000", "Nordrhein-Westfalen"), ("09162000", "Bayern"), ("14612000", "Sachsen"), ("08421000", "Baden-Württemberg")]


def entry_yaml(index: int) -> str:
    ags, state = STATES[index % len(STATES)]
    return f"""name: "Lösung {index}"
short_description: "Beispielhafte Lösung Nummer {index} für die Messung des Seitenbaus."
description: |
  Diese Lösung {index} hilft Kommunen bei Aufgabe {index % 17}. Sie ist ein generierter Eintrag für den Benchmark,
  mit einem zweiten Absatz, damit die Seite ungefähr so lang ist wie ein echter Eintrag.

  Sie nutzt offene Standards und lässt sich mit Docker betreiben.
repositories:
  - url: https://github.com/bench/loesung-{index}
organisation:
  name: "Stadt {index % 50}"
  type: Kommune
  ags: "{ags}"
  state: "{state}"
fields: ["{FIELDS[index % len(FIELDS)]}"]
tags: ["Tag{index % 31}", "Thema{index % 7}"]
roadmap_phase: P{1 + index % 5}
development_status: beta
licence: {"MIT" if index % 2 else "EUPL-1.2"}
platforms: [web, docker]
used_by:
  - name: "Stadt Ulm"
    ags: "08421000"
    role: nachnutzung
    evidence: [https://ulm.example.de/beleg]
"""


def prepare(root: Path, count: int) -> None:
    (root / "entries").mkdir(parents=True)
    for index in range(count):
        (root / "entries" / f"loesung-{index}.yaml").write_text(entry_yaml(index), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")


def write_stock_copy(built_from: Path, stock: Path) -> None:
    """The same generated page sources, pre-written as Markdown files, for plain MkDocs with Material."""
    sys.path.insert(0, str(ROOT))
    from catalogue.entries import load_catalogue
    from catalogue.site import pages
    from catalogue.site.data import SiteData

    data = SiteData.load(load_catalogue(built_from / "entries", root=built_from), built_from / "harvest")
    shutil.copytree(ROOT / "docs", stock / "docs")
    generated = {
        "loesungen/index.md": pages.overview_page(data),
        "statistik.md": pages.statistics_page(data),
        "nachnutzung.md": pages.transfers_page(data),
        **pages.field_pages(data),
        **pages.kommune_pages(data),
        **{pages.entry_uri(v.entry.id): pages.entry_page(v, data, None) for v in data.views},
    }
    for uri, source in generated.items():
        (stock / "docs" / uri).parent.mkdir(parents=True, exist_ok=True)
        (stock / "docs" / uri).write_text(source.as_markdown(), encoding="utf-8")
    stock_config = "site_name: Stock\ntheme:\n  name: material\n  language: de\n  font: false\n"
    stock_config += "nav:\n  - Start: index.md\n  - Lösungen: loesungen/index.md\nplugins:\n  - search\n"
    (stock / "mkdocs.yml").write_text(stock_config, encoding="utf-8")


def timed_build(root: Path, extra: list[str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *(extra or [])], cwd=root, check=True, capture_output=True)
    return time.perf_counter() - started


# Installed before any page script: notes when the first result is in the document (no polling delay).
_FIRST_RESULT_OBSERVER = """
new MutationObserver((changes, observer) => {
  if (document.querySelector(".sck-search-result")) { window.__firstResult = performance.now(); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""


def search_time_ms(site: Path, word: str) -> float:
    """Time from the search page's load event to its first result, for a query given in the URL (median of 5)."""
    with _served(site) as base, _chromium() as browser:
        times = []
        for _ in range(5):
            page = browser.new_page()
            page.add_init_script(_FIRST_RESULT_OBSERVER)
            page.goto(f"{base}/suche/?q={word}", wait_until="load")
            page.wait_for_selector(".sck-search-result", timeout=20_000)
            times.append(page.evaluate("window.__firstResult - performance.getEntriesByType('navigation')[0].loadEventEnd"))
            page.close()
    return sorted(times)[2]


def typing_search_time_ms(site: Path, word: str) -> float:
    """Time from typing a word (the engine loaded when the field got focus) to its first result (median of 5)."""
    with _served(site) as base, _chromium() as browser:
        times = []
        for _ in range(5):
            page = browser.new_page()
            page.goto(f"{base}/suche/", wait_until="load")
            page.focus("#sck-search-input")
            page.wait_for_timeout(500)
            times.append(
                page.evaluate(
                    """(word) => new Promise((done) => {
                        const input = document.getElementById("sck-search-input");
                        const list = document.getElementById("sck-search-results");
                        const t = performance.now();
                        new MutationObserver(() => { if (list.children.length) done(performance.now() - t); }).observe(list, { childList: true });
                        input.value = word; input.dispatchEvent(new Event("input"));
                    })""",
                    word,
                )
            )
            page.close()
    return sorted(times)[2]


@contextmanager
def _served(site: Path) -> Iterator[str]:
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # pages close while fragments still load
                super().handle()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def _chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield browser
        finally:
            browser.close()


def filter_time_ms(site: Path) -> float:
    """Time from a click on a Handlungsfeld filter to the next painted frame of the overview (median of 6)."""
    with _served(site) as base, _chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/loesungen/")
        runs = [
            page.evaluate(
                """(value) => new Promise((done) => {
                   const box = document.querySelector(`input[name=feld][value="${value}"]`);
                   const t = performance.now();
                   box.click();
                   // Until the next frame is painted: filtering, style, layout and paint all count.
                   requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0));
                })""",
                FIELDS[i % len(FIELDS)],
            )
            for i in range(6)
        ]
    return sorted(runs)[len(runs) // 2]


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [100, 1000, 5000]
    print(f"{'N':>6} {'pages':>8} {'+exports':>9} {'+search':>8} {'stock':>8} {'ratio':>6} {'ms/entry':>9} {'index KB/1000':>14}")
    for count in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            ours, stock = Path(scratch) / "ours", Path(scratch) / "stock"
            prepare(ours, count)
            timed_build(ours)  # warm caches (imports, theme) once
            config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
            pages_only = config.replace("      harvest_dir: harvest", "      harvest_dir: harvest\n      search_index: false\n      exports: false")
            (ours / "mkdocs.yml").write_text(pages_only, encoding="utf-8")
            without_index = timed_build(ours)
            (ours / "mkdocs.yml").write_text(
                config.replace("      harvest_dir: harvest", "      harvest_dir: harvest\n      search_index: false"), encoding="utf-8"
            )
            with_exports = timed_build(ours)
            shutil.copy(ROOT / "mkdocs.yml", ours / "mkdocs.yml")
            with_index = timed_build(ours)
            write_stock_copy(ours, stock)
            baseline = timed_build(stock)
            bundle = ours / "site" / "pagefind"
            # Pagefind's index chunks and metadata are gzip files already; fragments (result snippets) load per hit.
            index_kb = sum(p.stat().st_size for p in [*bundle.glob("index/*"), *bundle.glob("*.pf_meta")]) / 1024
            fragments_kb = sum(p.stat().st_size for p in bundle.glob("fragment/*")) / 1024
            ratio, per_entry = without_index / baseline, 1000 * without_index / count
            row = f"{count:>6} {without_index:>7.2f}s {with_exports:>8.2f}s {with_index:>7.2f}s {baseline:>7.2f}s {ratio:>6.2f} {per_entry:>9.2f}"
            print(f"{row} {index_kb / count * 1000:>14.0f}")
            print(f"{'':>6} search bundle: index + meta {index_kb:.0f} KB, result fragments {fragments_kb:.0f} KB (loaded per result shown)")
            cold, typed = search_time_ms(ours / "site", "Thema3"), typing_search_time_ms(ours / "site", "Thema3")
            print(f"{'':>6} search: first result {cold:.0f} ms after the page's load event with ?q=; {typed:.0f} ms after typing (median of 5)")
            if count == max(sizes):
                print(f"overview filtering at {count} entries in Chromium: {filter_time_ms(ours / 'site'):.1f} ms (median of 6 clicks)")


if __name__ == "__main__":
    main()
