"""`mkdocs serve` (what scripts/serve runs) shows the catalogue and rebuilds when an entry changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import VALID_ENTRY, site_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            page = _get(url)
            if needle in page:
                return page
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url}")


def test_serve_shows_entries_and_rebuilds_when_one_changes(tmp_path: Path) -> None:
    site_project(tmp_path, {"beispiel-app": VALID_ENTRY})
    entry = tmp_path / "entries" / "beispiel-app.yaml"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/loesungen/beispiel-app/"
        _wait_for(url, "Beispiel-App")
        entry.write_text(VALID_ENTRY.replace("name: Beispiel-App", "name: Umbenannte App"), encoding="utf-8")
        _wait_for(url, "Umbenannte App")
    finally:
        server.terminate()
        server.wait(timeout=30)
