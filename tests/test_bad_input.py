"""Bad input: every problem is reported with file, line, column, field and a fix; nothing raises."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import VALID_ENTRY, EntryDir, line_of, only_finding


def test_valid_entry_has_no_findings(entries: EntryDir) -> None:
    result = entries.validate(entries.write("beispiel-app", VALID_ENTRY))
    assert result.findings == []
    assert [e.id for e in result.entries] == ["beispiel-app"]


def test_yaml_syntax_error_names_line_and_column(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("kaputt", "name: [Beispiel\nfields: x\n")))
    assert (finding.path, finding.line) == ("entries/kaputt.yaml", 2)
    assert finding.message.startswith("die Liste oder Zuordnung in Klammern ab Zeile 1 ist nicht geschlossen")


def test_tab_indentation_is_explained(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  name: Stadt Köln", "\tname: Stadt Köln")
    finding = only_finding(entries.findings(entries.write("tabs", text)))
    assert finding.line == line_of(text, "\tname")
    assert finding.column == 1
    assert finding.message == "mit Tabulator eingerückt; YAML erlaubt zum Einrücken nur Leerzeichen"


def test_duplicate_key_is_an_error_with_both_lines(entries: EntryDir) -> None:
    text = VALID_ENTRY + "licence: MIT\n"
    finding = only_finding(entries.findings(entries.write("doppelt", text)))
    assert finding.line == len(text.splitlines())
    assert finding.field == "licence"
    assert finding.message == f"Schlüssel 'licence' steht doppelt (zuerst in Zeile {line_of(text, 'licence: EUPL')}); behalten Sie einen davon"


def test_alias_bomb_is_refused_quickly(entries: EntryDir) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]\n"
    started = time.perf_counter()
    findings = entries.findings(entries.write("bombe", bomb))
    assert time.perf_counter() - started < 2
    assert findings[0].line == 1 and findings[0].column == 4
    assert findings[0].message == "Anker und Aliasse (& und *) sind in Einträgen nicht erlaubt; schreiben Sie den Wert aus"


def test_file_over_the_size_limit_is_refused_before_parsing(entries: EntryDir) -> None:
    huge = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: EUPL-1.2\ntags: [" + ", ".join(["x"] * 200_000) + "]")
    finding = only_finding(entries.findings(entries.write("riesig", huge)))
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message.endswith("ein Eintrag darf höchstens 256 KB groß sein")


def test_python_tag_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("name: Beispiel-App", "name: !!python/object/apply:os.system ['touch /tmp/pwned']")
    finding = only_finding(entries.findings(entries.write("tag", text)))
    assert (finding.line, finding.column) == (1, 7)
    assert finding.message == "der YAML-Tag !!python/object/apply:os.system ist in Einträgen nicht erlaubt; entfernen Sie ihn"


def test_wrong_type_says_what_was_expected(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("fields:\n  - Mobilität", "fields: Mobilität")
    finding = only_finding(entries.findings(entries.write("typ", text)))
    assert (finding.line, finding.column, finding.field) == (line_of(text, "fields:"), 9, "fields")
    assert finding.message == "erwartet ist eine Liste (Zeilen, die mit '- ' beginnen), gefunden: der Text 'Mobilität'"


def test_unquoted_no_in_a_text_field_must_be_quoted(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  role: app", "  role: no")
    findings = entries.findings(entries.write("norwegen", text))
    assert findings[0].as_text() == (
        f"entries/norwegen.yaml:{line_of(text, 'role: no')}:11: Feld 'repositories[0].role': "
        'YAML-1.1-Programme lesen den Wert no ohne Anführungszeichen als Wahrheitswert false; schreiben Sie ihn in Anführungszeichen: "no"'
    )


def test_unquoted_date_is_reported(entries: EntryDir) -> None:
    text = VALID_ENTRY + "tags: [2021-05-01]\n"
    finding = only_finding(entries.findings(entries.write("datum", text)))
    assert finding.field == "tags[0]"
    assert (
        finding.message == 'YAML-1.1-Programme lesen den Wert 2021-05-01 ohne Anführungszeichen als Datum; schreiben Sie ihn in Anführungszeichen: "2021-05-01"'
    )


def test_octal_looking_ags_must_be_quoted(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace('ags: "05315000"', "ags: 05315000")
    finding = only_finding(entries.findings(entries.write("oktal", text)))
    assert (finding.line, finding.column, finding.field) == (line_of(text, "ags:"), 8, "organisation.ags")
    assert finding.message == 'erwartet ist Text, aber YAML liest die Zahl 5315000 aus 05315000; schreiben Sie ihn in Anführungszeichen: "05315000"'


def test_unknown_field_suggests_the_intended_one(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licenes: EUPL-1.2")
    findings = entries.findings(entries.write("tippfehler", text))
    unknown = next(f for f in findings if f.field == "licenes")
    assert (unknown.line, unknown.column) == (line_of(text, "licenes"), 1)
    assert unknown.message == "unbekanntes Feld – meinten Sie 'licence'?"
    assert any(f.field == "licence" and f.message.startswith("Pflichtfeld fehlt") for f in findings)


def test_licence_near_miss_suggests_the_spdx_id(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2")
    finding = only_finding(entries.findings(entries.write("lizenz", text)))
    assert finding.as_text() == (
        f"entries/lizenz.yaml:{line_of(text, 'licence:')}:10: Feld 'licence': 'Apache 2' ist ein Lizenzname, keine SPDX-Kennung – meinten Sie 'Apache-2.0'?"
    )


def test_deprecated_licence_id_names_the_current_ones(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: GPL-3.0")
    finding = only_finding(entries.findings(entries.write("veraltet", text)))
    assert finding.message == "'GPL-3.0' uses the deprecated SPDX id GPL-3.0; write 'GPL-3.0-only' or 'GPL-3.0-or-later'"


def test_vocabulary_near_miss_suggests_the_value(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  - Mobilität", "  - Mobilitaet")
    finding = only_finding(entries.findings(entries.write("feld", text)))
    assert finding.field == "fields[0]"
    assert finding.message == "'Mobilitaet' ist kein bekannter Wert für Handlungsfeld – meinten Sie 'Mobilität'?"


def _repository_finding(entries: EntryDir, url: str) -> str:
    text = VALID_ENTRY.replace("https://github.com/example/beispiel-app", url)
    finding = only_finding(entries.findings(entries.write("repo", text)))
    assert (finding.line, finding.field) == (line_of(text, "- url:"), "repositories[0].url")
    return finding.message


def test_plain_http_repository_is_refused(entries: EntryDir) -> None:
    assert _repository_finding(entries, "http://github.com/a/b").endswith("unverschlüsseltes http:// wird nicht angenommen; schreiben Sie die https://-Adresse")


def test_ssh_repository_is_refused(entries: EntryDir) -> None:
    assert _repository_finding(entries, "git@github.com:a/b.git").endswith(
        "SSH- und git://-Adressen werden nicht angenommen; schreiben Sie die https://-Klon-Adresse"
    )


def test_file_url_repository_is_refused(entries: EntryDir) -> None:
    assert _repository_finding(entries, "file:///srv/repo.git").endswith(
        "'file:'-Adressen sind nicht erlaubt; schreiben Sie eine vollständige https://-Adresse"
    )


def test_javascript_url_is_refused(entries: EntryDir) -> None:
    assert "'javascript:'-Adressen sind nicht erlaubt" in _repository_finding(entries, "javascript:alert(1)")


def test_data_url_in_website_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY + "website: data:text/html,<script>alert(1)</script>\n"
    finding = only_finding(entries.findings(entries.write("data", text)))
    assert finding.field == "website"
    assert finding.message.endswith("'data:'-Adressen sind nicht erlaubt; schreiben Sie eine vollständige https://-Adresse")


def test_loopback_repository_is_refused(entries: EntryDir) -> None:
    message = _repository_finding(entries, "https://127.0.0.1/a/b.git")
    assert message.endswith("127.0.0.1 ist eine Loopback-, private oder reservierte Adresse; Repositorys müssen auf einem öffentlichen Git-Server liegen")


def test_private_address_repository_is_refused(entries: EntryDir) -> None:
    assert "10.1.2.3 ist eine Loopback-, private oder reservierte Adresse" in _repository_finding(entries, "https://10.1.2.3/a/b.git")


def test_localhost_repository_is_refused(entries: EntryDir) -> None:
    assert "'localhost' ist ein lokaler Servername" in _repository_finding(entries, "https://localhost/a/b.git")


def test_credentials_in_repository_url_are_refused(entries: EntryDir) -> None:
    assert "Benutzernamen oder ein Passwort" in _repository_finding(entries, "https://token:secret@github.com/a/b")


def test_link_into_a_repository_page_is_refused(entries: EntryDir) -> None:
    message = _repository_finding(entries, "https://github.com/a/b/tree/main/src")
    assert message.endswith("eine Repository-Adresse bei github.com hat die Form https://github.com/<owner>/<repository>")


def test_download_url_is_not_a_git_repository(entries: EntryDir) -> None:
    assert "nicht nach einem Git-Repository" in _repository_finding(entries, "https://example.org/release.zip")


def test_ext_transport_is_refused(entries: EntryDir) -> None:
    assert "Git-Transporthelfer" in _repository_finding(entries, "ext::sh -c touch% /tmp/pwned")


def test_id_with_path_separator_is_refused_in_related(entries: EntryDir) -> None:
    text = VALID_ENTRY + "related: [../../etc/passwd]\n"
    finding = only_finding(entries.findings(entries.write("pfad", text)))
    assert finding.field == "related[0]"
    assert finding.message.startswith("'../../etc/passwd' ist nicht gültig; eine Kennung ist der Dateiname eines anderen Eintrags")


def test_file_name_must_be_a_valid_id(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("Gross..Name", VALID_ENTRY)))
    assert finding.message.startswith("der Dateiname 'Gross..Name' ist keine gültige Kennung")


def test_raw_html_in_description_is_refused_with_its_line(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  Sie hat eine zweite Zeile", "  <script>alert(1)</script> Sie hat eine zweite Zeile")
    findings = entries.findings(entries.write("html", text))
    assert [(f.line, f.column, f.field) for f in findings] == [(line_of(text, "<script>"), 1, "description")] * 2
    assert {f.message for f in findings} == {
        f"HTML ist in Beschreibungen nicht erlaubt (gefunden: '{tag}'); schreiben Sie Markdown" for tag in ("<script>", "</script>")
    }


def test_img_onerror_in_description_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("mit einem [Link]", "mit <img src=x onerror=alert(1)> einem [Link]")
    finding = only_finding(entries.findings(entries.write("img", text)))
    assert finding.message == "HTML ist in Beschreibungen nicht erlaubt (gefunden: '<img src=x onerror=alert(1)>'); schreiben Sie Markdown"


def test_javascript_link_in_description_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("(https://example.org)", "(javascript:alert(1))")
    finding = only_finding(entries.findings(entries.write("jslink", text)))
    assert finding.line == line_of(text, "javascript:")
    assert finding.message == "das Linkziel 'javascript:...' ist nicht erlaubt; Links beginnen mit https://, http:// oder mailto:"


def test_non_utf8_file_names_the_byte(entries: EntryDir) -> None:
    raw = VALID_ENTRY.replace("Stadt Köln", "Stadt K\udcf6ln").encode("utf-8", "surrogateescape")
    finding = only_finding(entries.findings(entries.write("latin1", raw)))
    assert (finding.line, finding.column) == (line_of(VALID_ENTRY, "Stadt Köln"), 16)
    assert finding.message == "die Datei ist nicht in UTF-8 gespeichert (Byte 0xf6); speichern Sie sie als UTF-8"


def test_empty_file_is_explained(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("leer", "")))
    assert finding.message.startswith("die Datei ist leer")


def test_comment_only_file_counts_as_empty(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("kommentar", "# nur ein Kommentar\n")))
    assert finding.message.startswith("die Datei ist leer")


def test_top_level_list_is_explained(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("liste", "- name: a\n- name: b\n")))
    assert finding.message == "die Datei enthält eine Liste; ein Eintrag besteht aus Feldern wie 'name: ...'"


def test_several_documents_are_refused(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("zwei", VALID_ENTRY + "---\nname: x\n")))
    assert finding.line == len(VALID_ENTRY.splitlines()) + 1
    assert "mehrere YAML-Dokumente" in finding.message


def test_bidi_override_in_name_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("name: Beispiel-App", "name: Beispiel\u202eppA")
    finding = only_finding(entries.findings(entries.write("bidi", text)))
    assert (finding.line, finding.field) == (1, "name")
    assert finding.message == "enthält Steuer- oder Schreibrichtungszeichen; entfernen Sie sie"


def test_short_description_over_200_characters(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("short_description: Eine", "short_description: " + "x" * 190 + " Eine")
    finding = only_finding(entries.findings(entries.write("lang", text)))
    assert finding.field == "short_description"
    assert finding.message == "ist 252 Zeichen lang; erlaubt sind höchstens 200"


def test_deep_nesting_is_refused_without_traceback(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("tief", "name: " + "[" * 5000 + "]" * 5000 + "\n")))
    assert "verschachtelt" in finding.message


def test_all_problems_of_a_file_are_reported_at_once(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2").replace("role: app", "role: ap").replace("P3", "P9")
    fields = {f.field for f in entries.findings(entries.write("viele", text))}
    assert fields == {"licence", "repositories[0].role", "roadmap_phase"}


def test_special_floats_are_read_as_numbers_and_explained(entries: EntryDir) -> None:
    text = VALID_ENTRY + "tags: [.nan, -.inf]\n"
    findings = entries.findings(entries.write("nan", text))
    assert [(f.field, f.message) for f in findings] == [
        ("tags[0]", 'erwartet ist Text, aber YAML liest die Zahl nan aus .nan; schreiben Sie ihn in Anführungszeichen: ".nan"'),
        ("tags[1]", 'erwartet ist Text, aber YAML liest die Zahl -inf aus -.inf; schreiben Sie ihn in Anführungszeichen: "-.inf"'),
    ]


def test_number_over_pythons_digit_limit_is_refused_before_conversion(entries: EntryDir) -> None:
    text = VALID_ENTRY + "tags: [" + "9" * 5000 + "]\n"
    finding = only_finding(entries.findings(entries.write("riesenzahl", text)))
    assert (finding.line, finding.column, finding.field) == (line_of(text, "tags:"), 8, "tags[0]")
    assert finding.message.startswith("die Zahl 999999999999… hat 5000 Stellen")


def test_impossible_date_is_reported_like_any_date(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("datum", VALID_ENTRY + "tags: [2021-02-30]\n")))
    assert finding.field == "tags[0]"
    assert finding.message.startswith("YAML-1.1-Programme lesen den Wert 2021-02-30 ohne Anführungszeichen als Datum")


def test_a_date_where_a_year_belongs_asks_for_the_year_not_for_quotes(entries: EntryDir) -> None:
    text = VALID_ENTRY + "used_by:\n  - name: Stadt Ulm\n    role: nachnutzung\n    evidence: [https://ulm.de/app]\n    since: 2022-05-01\n"
    finding = only_finding(entries.findings(entries.write("seit", text)))
    assert (finding.line, finding.field) == (line_of(text, "since:"), "used_by[0].since")
    assert finding.message == "hier steht nur das Jahr, ohne Anführungszeichen: schreiben Sie 2022 statt 2022-05-01"


def test_unclosed_quote_is_reported_where_it_opens(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("short_description: Eine", 'short_description: "Eine')
    finding = only_finding(entries.findings(entries.write("zitat", text)))
    assert (finding.line, finding.column) == (2, 20)
    assert finding.message.startswith('das Anführungszeichen " in Zeile 2, Spalte 20 wird nicht geschlossen')


def test_colon_in_a_plain_value_asks_for_quotes(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("name: Beispiel-App", "name: Beispiel: App")
    finding = only_finding(entries.findings(entries.write("doppelpunkt", text)))
    assert (finding.line, finding.column) == (1, 15)
    assert finding.message.startswith("der Wert enthält einen Doppelpunkt mit Leerzeichen (': ')")


def test_line_without_colon_is_reported_on_that_line(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("roadmap_phase: P3", "roadmap_phase P3")
    finding = only_finding(entries.findings(entries.write("ohne", text)))
    assert finding.line == line_of(text, "roadmap_phase P3")
    assert finding.message.startswith("dieser Zeile fehlt der Doppelpunkt")


def test_symbolic_link_among_entries_is_refused_and_not_read(entries: EntryDir, tmp_path: Path) -> None:
    outside = tmp_path / "geheim.yaml"
    outside.write_text(VALID_ENTRY.replace("Beispiel-App", "Geheimnis"), encoding="utf-8")
    (entries.path / "verweis.yaml").symlink_to(outside)
    result = entries.validate()
    finding = only_finding(result.findings)
    assert (finding.path, finding.line) == ("entries/verweis.yaml", 1)
    assert finding.message.startswith("die Datei ist ein symbolischer Link")
    assert result.entries == []


def test_fifo_named_like_an_entry_does_not_hang(entries: EntryDir) -> None:
    os.mkfifo(entries.path / "rohr.yaml")
    finding = only_finding(entries.findings(entries.path / "rohr.yaml"))
    assert finding.message == "das ist keine gewöhnliche Datei; ein Eintrag ist eine YAML-Datei"
