"""The `catalogue` command as a contributor and a CI job use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.cli import main

from conftest import REPO_ROOT, VALID_ENTRY, EntryDir, line_of


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "catalogue.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_validate_exits_0_on_clean_entries(entries: EntryDir) -> None:
    entries.write("beispiel-app", VALID_ENTRY)
    result = run("validate", cwd=entries.root)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "1 entries valid"


def test_validate_prints_located_messages_and_exits_1(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2")
    entries.write("lizenz", text)
    result = run("validate", "entries", cwd=entries.root)
    assert result.returncode == 1
    line = line_of(text, "licence:")
    assert result.stdout.splitlines() == [
        f"entries/lizenz.yaml:{line}:10: Feld 'licence': 'Apache 2' ist ein Lizenzname, keine SPDX-Kennung – meinten Sie 'Apache-2.0'?"
    ]
    assert "Traceback" not in result.stderr


def test_github_format_prints_workflow_annotations(entries: EntryDir) -> None:
    entries.write("lizenz", VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2"))
    result = run("validate", "--format", "github", cwd=entries.root)
    assert result.stdout.startswith("::error file=entries/lizenz.yaml,line=18,col=10,title=Feld 'licence'::'Apache 2' ist ein Lizenzname")


def test_github_annotations_cannot_be_spoofed_by_entry_text(entries: EntryDir) -> None:
    entries.write("spoof", VALID_ENTRY.replace("role: app", 'role: "x\\n::error file=README.md::pwned"'))
    result = run("validate", "--format", "github", cwd=entries.root)
    assert all(line.startswith("::error file=entries/spoof.yaml") for line in result.stdout.splitlines())


def test_json_format_is_machine_readable(entries: EntryDir) -> None:
    entries.write("typ", VALID_ENTRY.replace("roadmap_phase: P3", "roadmap_phase: P7"))
    result = run("validate", "--format", "json", cwd=entries.root)
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert report["findings"][0] | {"message": ""} == {
        "path": "entries/typ.yaml",
        "line": 16,
        "column": 16,
        "field": "roadmap_phase",
        "message": "",
        "severity": "error",
    }


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    result = run("validate", "gibt-es-nicht", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "catalogue validate: no such file or directory: gibt-es-nicht"


def test_validate_never_prints_a_traceback_for_hostile_files(entries: EntryDir) -> None:
    hostile = [b"\x00\x01\x02", b"a: b: c: d", b"[" * 20000, b"\xef\xbb\xbf" + b"- x", b"? [a]\n: b\n", b"*unknown", b"%YAML 9.9\n---\na: 1"]
    for index, raw in enumerate(hostile):
        entries.write(f"boese-{index}", raw)
    result = run("validate", cwd=entries.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len({line.split(":")[0] for line in result.stdout.splitlines()}) == len(hostile)


NEW_FLAGS = [
    "--id",
    "mein-dashboard",
    "--name",
    "Mein Dashboard",
    "--short-description",
    "Ein Dashboard für die Daten der Stadt.",
    "--repository",
    "https://gitlab.opencode.de/stadt/dashboard",
    "--organisation",
    "Stadt Jena",
    "--organisation-type",
    "Kommune",
    "--ags",
    "16053000",
    "--field",
    "Daten & Plattformen",
    "--licence",
    "EUPL-1.2",
    "--roadmap-phase",
    "P2",
    "--development-status",
    "beta",
]


def test_new_writes_a_valid_commented_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "entries").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", *NEW_FLAGS]) == 0
    written = (tmp_path / "entries" / "mein-dashboard.yaml").read_text(encoding="utf-8")
    assert 'state: "Thüringen"' in written
    assert "# erkannt als gitlab" in written
    assert "written and valid" in capsys.readouterr().out


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "mein-dashboard.yaml").write_text("name: alt\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", *NEW_FLAGS]) == 1
    assert (tmp_path / "entries" / "mein-dashboard.yaml").read_text(encoding="utf-8") == "name: alt\n"


def test_new_asks_for_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    answers = (
        "\n".join(
            [
                "parkplatz-app",
                "Parkplatz-App",
                "Zeigt freie Parkplätze in der Innenstadt an.",
                "https://codeberg.org/stadt/parken",
                "Stadt Ulm",
                "Kommune",
                "08421000",
                "Mobilitaet",
                "Mobilität",
                "MIT",
                "P3",
                "stable",
            ]
        )
        + "\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "catalogue.cli", "new", "--interactive"],
        cwd=tmp_path,
        input=answers,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Handlungsfeld [Mobilität | Umwelt & Klima" in result.stdout
    assert 'state: "Baden-Württemberg"' in (tmp_path / "entries" / "parkplatz-app.yaml").read_text(encoding="utf-8")


def test_new_without_terminal_names_the_missing_flag(tmp_path: Path) -> None:
    result = run("new", "--id", "x-app", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("catalogue new: --name is missing")


def test_console_script_is_installed() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "catalogue"), "--version"], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert result.stdout.startswith("catalogue ")


def test_gitlab_format_is_a_code_quality_report(entries: EntryDir) -> None:
    entries.write("lizenz", VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2"))
    [issue] = json.loads(run("validate", "--format", "gitlab", cwd=entries.root).stdout)
    assert issue["check_name"] == "catalogue-validate" and issue["severity"] == "major"
    assert issue["location"] == {"path": "entries/lizenz.yaml", "lines": {"begin": 18}}
    assert issue["description"].startswith("Feld 'licence': 'Apache 2' ist ein Lizenzname")
    assert len(issue["fingerprint"]) == 64


def test_an_unexpected_error_exits_3_with_one_line_and_no_traceback(
    entries: EntryDir, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from catalogue import report

    def broken(*args: object) -> None:
        raise RuntimeError("kaputt")

    entries.write("beispiel-app", VALID_ENTRY)
    monkeypatch.chdir(entries.root)
    monkeypatch.setattr(report, "office_report", broken)
    assert main(["report"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: kaputt" in err and "bitte melden" in err and "Traceback" not in err
    with pytest.raises(RuntimeError):
        main(["--debug", "report"])


def test_offline_harvest_without_cache_is_one_clear_error(entries: EntryDir) -> None:
    entries.write("beispiel-app", VALID_ENTRY)
    result = subprocess.run([sys.executable, "-m", "catalogue.cli", "harvest", "--offline"], cwd=entries.root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("catalogue harvest: --offline braucht einen Cache")
    assert not (entries.root / "harvest").exists()
