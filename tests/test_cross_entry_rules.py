"""Rules between entries: ids, related entries, repositories in one entry only, AGS and Bundesland."""

from __future__ import annotations

from conftest import VALID_ENTRY, EntryDir, line_of, only_finding


def test_repository_in_two_entries_is_an_error_naming_the_other_file(entries: EntryDir) -> None:
    entries.write("erste", VALID_ENTRY)
    second = VALID_ENTRY.replace("https://github.com/example/beispiel-app", "https://GitHub.com/example/beispiel-app.git")
    entries.write("zweite", second)
    finding = only_finding(entries.findings())
    assert (finding.path, finding.line, finding.field) == ("entries/zweite.yaml", line_of(second, "- url:"), "repositories[0].url")
    assert finding.message.startswith("dieses Repository steht schon in entries/erste.yaml")


def test_related_id_must_exist_with_suggestion(entries: EntryDir) -> None:
    entries.write("giess-den-kiez", VALID_ENTRY)
    other = VALID_ENTRY.replace("example/beispiel-app", "example/anderes") + "related: [giess-den-kies]\n"
    entries.write("anderes", other)
    finding = only_finding(entries.findings())
    assert finding.message == "es gibt keinen Eintrag mit der Kennung 'giess-den-kies' – meinten Sie 'giess-den-kiez'?"


def test_entry_cannot_be_related_to_itself(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("selbst", VALID_ENTRY + "related: [selbst]\n")))
    assert finding.message == "ein Eintrag kann nicht mit sich selbst verwandt sein"


def test_duplicate_ids_from_yaml_and_yml(entries: EntryDir) -> None:
    entries.write("doppel", VALID_ENTRY)
    entries.write("doppel", VALID_ENTRY.replace("example/beispiel-app", "example/x"), suffix=".yml")
    messages = {f.message for f in entries.findings()}
    assert "Eintragsdateien enden auf .yaml; benennen Sie sie in doppel.yaml um" in messages
    assert "die Kennung 'doppel' gibt es doppelt: entries/doppel.yaml hat dieselbe; benennen Sie eine der Dateien um" in messages


def test_ags_and_bundesland_must_agree(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("state: Nordrhein-Westfalen", "state: Bayern")
    finding = only_finding(entries.findings(entries.write("land", text)))
    assert finding.field == "organisation.state"
    assert finding.message == "der AGS 05315000 gehört zu Nordrhein-Westfalen, nicht zu Bayern"


def test_kommune_needs_an_ags(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace('  ags: "05315000"\n', "")
    finding = only_finding(entries.findings(entries.write("ohne-ags", text)))
    assert finding.message == "zu einer Kommune gehört ihr achtstelliger Amtlicher Gemeindeschlüssel in 'organisation.ags'"


def test_ags_with_unknown_land_prefix_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace('"05315000"', '"17000000"')
    finding = only_finding(entries.findings(entries.write("land-17", text)))
    assert finding.message.startswith("'17000000' ist nicht gültig; schreiben Sie den achtstelligen AGS in Anführungszeichen")


def test_logo_file_must_exist_beside_the_entry(entries: EntryDir) -> None:
    text = VALID_ENTRY + "logo: logo.png\n"
    path = entries.write("logo", text)
    assert (
        only_finding(entries.findings(path)).message
        == "die Datei 'logo.png' liegt nicht neben dem Eintrag; legen Sie sie dazu oder geben Sie eine https://-Adresse an"
    )
    (entries.path / "logo.png").write_bytes(b"\x89PNG")
    assert entries.findings(path) == []


def test_validating_one_file_still_checks_it_against_its_neighbours(entries: EntryDir) -> None:
    entries.write("erste", VALID_ENTRY)
    second = entries.write("zweite", VALID_ENTRY)
    finding = only_finding(entries.findings(second))
    assert finding.path == "entries/zweite.yaml"
