"""Shared helpers: entry files written in code, so each test shows its input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue.entries import ValidationResult, validate_paths
from catalogue.findings import Finding
from catalogue.harvest.licences import TextMatcher
from catalogue.messages import set_language

REPO_ROOT = Path(__file__).resolve().parent.parent

# A valid entry; line numbers below are referred to by tests (line 1 is 'name:').
VALID_ENTRY = """\
name: Beispiel-App
short_description: Eine Beispiel-App, mit der eine Kommune etwas Nützliches tut.
description: |
  Die Beispiel-App zeigt, wie ein gültiger Eintrag aussieht.
  Sie hat eine zweite Zeile mit einem [Link](https://example.org).
repositories:
  - url: https://github.com/example/beispiel-app
    role: app
organisation:
  name: Stadt Köln
  type: Kommune
  ags: "05315000"
  state: Nordrhein-Westfalen
fields:
  - Mobilität
roadmap_phase: P3
development_status: beta
licence: EUPL-1.2
"""


def site_project(root: Path, entries: dict[str, str], *, plugin_options: str = "") -> Path:
    """A catalogue project in `root`: the repository's mkdocs.yml and docs/, and these entry files (id -> YAML)."""
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if plugin_options:
        config = config.replace("      harvest_dir: harvest\n", f"      harvest_dir: harvest\n{plugin_options}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO_ROOT / "docs", root / "docs")
    (root / "entries").mkdir()
    for entry_id, text in entries.items():
        (root / "entries" / f"{entry_id}.yaml").write_text(text, encoding="utf-8")
    return root


def build_site(root: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of a project made by site_project."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True, timeout=300)


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


class EntryDir:
    """A temporary entries/ directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "entries"
        self.path.mkdir()

    def write(self, entry_id: str, text: str | bytes, suffix: str = ".yaml") -> Path:
        target = self.path / f"{entry_id}{suffix}"
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def validate(self, *paths: Path) -> ValidationResult:
        return validate_paths(list(paths) or [self.path], root=self.root)

    def findings(self, *paths: Path) -> list[Finding]:
        return self.validate(*paths).findings


@pytest.fixture(autouse=True)
def german_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read the messages in German, the catalogue's language, whatever the machine's locale (subprocesses too)."""
    monkeypatch.setenv("CATALOGUE_LANG", "de")
    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def entries(tmp_path: Path) -> EntryDir:
    return EntryDir(tmp_path)


def only_finding(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, "\n".join(f.as_text() for f in findings)
    return findings[0]


@pytest.fixture(scope="session")
def licence_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The licence text database, built once per test session."""
    path = tmp_path_factory.mktemp("licenseid") / "licenseid.db"
    TextMatcher(path)
    return path
