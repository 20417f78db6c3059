"""The `catalogue` command as a contributor and a CI job use it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import jsonschema
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
    assert result.stderr.strip() == "1 Einträge gültig"


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
    assert result.stderr.strip() == "catalogue validate: Datei oder Ordner gibt es nicht: gibt-es-nicht"


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
    assert "geschrieben und gültig" in capsys.readouterr().out


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "mein-dashboard.yaml").write_text("name: alt\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", *NEW_FLAGS]) == 1
    assert (tmp_path / "entries" / "mein-dashboard.yaml").read_text(encoding="utf-8") == "name: alt\n"


def ask_new(tmp_path: Path, answers: list[str], *flags: str) -> subprocess.CompletedProcess[str]:
    """`catalogue new --interactive` answering from a pipe; input ends after `answers` (as Ctrl-D would)."""
    (tmp_path / "entries").mkdir(exist_ok=True)
    command = [sys.executable, "-m", "catalogue.cli", "new", "--interactive", *flags]
    return subprocess.run(command, cwd=tmp_path, input="".join(a + "\n" for a in answers), capture_output=True, text=True, timeout=60)


PARK_APP = [
    "parkplatz-app",
    "Parkplatz-App",
    "Zeigt freie Parkplätze in der Innenstadt an.",
    "",
    "https://codeberg.org/stadt/parken",
    "Stadt Ulm",
    "kommune",
    "08421000",
    "mobilität, Energie",
    "MIT",
    "p3",
    "Stable",
]


def test_new_asks_for_what_is_missing_and_takes_choices_in_any_case(tmp_path: Path) -> None:
    result = ask_new(tmp_path, PARK_APP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Art der Organisation [Kommune | Landkreis" in result.stdout
    written = (tmp_path / "entries" / "parkplatz-app.yaml").read_text(encoding="utf-8")
    assert 'state: "Baden-Württemberg"' in written
    assert '  - "Mobilität"\n  - "Energie"' in written
    assert "roadmap_phase: P3\n" in written and "development_status: stable\n" in written


def test_new_says_why_a_choice_is_refused_and_shows_the_allowed_values(tmp_path: Path) -> None:
    answers = [*PARK_APP[:6], "Stadtverwaltung", *PARK_APP[6:]]
    result = ask_new(tmp_path, answers)
    assert result.returncode == 0, result.stderr
    assert "'Stadtverwaltung' ist keiner der erlaubten Werte; erlaubt sind: Kommune | Landkreis | Zweckverband" in result.stderr


def test_new_checks_the_id_at_once_and_asks_again(tmp_path: Path) -> None:
    result = ask_new(tmp_path, ["Parkplatz App!", *PARK_APP])
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("  'Parkplatz App!' ist keine gültige Kennung")
    assert result.stdout.count("Kennung (Dateiname") == 2


def test_new_refuses_a_six_digit_ags_when_it_is_given(tmp_path: Path) -> None:
    answers = [*PARK_APP[:7], "842100", *PARK_APP[7:]]
    result = ask_new(tmp_path, answers)
    assert result.returncode == 0, result.stderr
    assert "'842100' hat 6 Zeichen; ein AGS hat genau 8 Ziffern" in result.stderr


def test_new_asks_for_the_description(tmp_path: Path) -> None:
    answers = [*PARK_APP[:3], "Zu kurz.", "Die App zeigt freie Parkplätze und leitet dorthin.", *PARK_APP[4:]]
    result = ask_new(tmp_path, answers)
    assert result.returncode == 0, result.stderr
    assert "hat 8 Zeichen; erlaubt sind 20 bis 20000" in result.stderr
    assert "description: |\n  Die App zeigt freie Parkplätze und leitet dorthin.\n" in (tmp_path / "entries" / "parkplatz-app.yaml").read_text(encoding="utf-8")


def test_new_refuses_a_repository_that_an_entry_lists_already(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "parken.yaml").write_text(VALID_ENTRY.replace("https://github.com/example/beispiel-app", PARK_APP[4]), encoding="utf-8")
    result = ask_new(tmp_path, PARK_APP)
    assert "dieses Repository steht schon in entries/parken.yaml" in result.stderr


def test_new_offers_entries_with_a_similar_name(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "parken.yaml").write_text(VALID_ENTRY.replace("name: Beispiel-App", "name: Parkplatz App"), encoding="utf-8")
    result = ask_new(tmp_path, PARK_APP)
    assert "Ähnliche Einträge gibt es schon" in result.stderr and "Parkplatz App (entries/parken.yaml)" in result.stderr


def test_new_at_end_of_input_keeps_the_answers_in_a_draft_and_resumes_from_it(tmp_path: Path) -> None:
    result = ask_new(tmp_path, PARK_APP[:5])
    draft = tmp_path / "entries" / "parkplatz-app.entwurf.json"
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Ihre Antworten stehen in entries/{draft.name}" in result.stderr
    resumed = ask_new(tmp_path, PARK_APP[5:], "--resume", f"entries/{draft.name}")
    assert resumed.returncode == 0, resumed.stderr
    assert (tmp_path / "entries" / "parkplatz-app.yaml").is_file()


def test_new_on_ctrl_c_exits_130_with_a_draft(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    command = [sys.executable, "-m", "catalogue.cli", "new", "--interactive"]
    process = subprocess.Popen(command, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"parkplatz-app\nParkplatz-App\n")
    process.stdin.flush()
    seen = b""
    while b"Kurzbeschreibung" not in seen:
        seen += os.read(process.stdout.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in errors.decode()
    assert json.loads((tmp_path / "entries" / "parkplatz-app.entwurf.json").read_text(encoding="utf-8")) == {"id": "parkplatz-app", "name": "Parkplatz-App"}


def test_new_without_terminal_names_every_missing_flag(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    result = run("new", "--id", "x-app", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "catalogue new: --name fehlt"
    assert (
        "catalogue new: --organisation-type fehlt (eine von: Kommune, Landkreis, Zweckverband, Kommunales Unternehmen, Land, Bund, "
        "Stiftung, Verein, Hochschule & Forschung, Unternehmen)" in lines
    )


def test_new_keeps_every_field_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "entries").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", *NEW_FLAGS, "--field", "Energie"]) == 0
    written = (tmp_path / "entries" / "mein-dashboard.yaml").read_text(encoding="utf-8")
    assert 'fields:\n  - "Daten & Plattformen"\n  - "Energie"\n' in written


def test_new_with_a_missing_entries_folder_says_so(tmp_path: Path) -> None:
    result = run("new", *NEW_FLAGS, "--entries", "gibt-es-nicht", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("catalogue new: den Ordner der Einträge gibt es nicht: gibt-es-nicht")


def test_messages_are_english_with_lang_en(entries: EntryDir) -> None:
    entries.write("lizenz", VALID_ENTRY.replace("roadmap_phase: P3", "roadmap_phase: P7"))
    result = run("--lang", "en", "validate", cwd=entries.root)
    assert result.stdout.startswith("entries/lizenz.yaml:16:16: field 'roadmap_phase': 'P7' is not a known value for")
    assert result.stderr.strip() == "1 error(s) in 1 file(s)"


def test_messages_are_english_when_the_locale_is(entries: EntryDir) -> None:
    entries.write("ok", VALID_ENTRY)
    environment = {**os.environ, "CATALOGUE_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_GB.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "catalogue.cli", "validate"], cwd=entries.root, env=environment, capture_output=True, text=True, timeout=60)
    assert result.stderr.strip() == "1 entries valid"


def test_an_unexpected_failure_is_one_line_with_versions_and_exit_3(
    entries: EntryDir, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    entries.write("ok", VALID_ENTRY)
    monkeypatch.chdir(entries.root)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the schema library failed")

    monkeypatch.setattr(jsonschema.Draft202012Validator, "iter_errors", broken)  # a library failing, not our code
    assert main(["validate"]) == 3
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("catalogue validate: unerwarteter Fehler (RuntimeError: the schema library failed). Das ist ein Fehler im Programm – bitte melden")
    assert "catalogue 0." in line and "Python 3." in line
    with pytest.raises(RuntimeError):
        main(["--debug", "validate"])


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
