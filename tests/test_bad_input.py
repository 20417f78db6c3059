"""Bad input: every problem is reported with file, line, column, field and a fix; nothing raises."""

from __future__ import annotations

import time

from conftest import VALID_ENTRY, EntryDir, line_of, only_finding


def test_valid_entry_has_no_findings(entries: EntryDir) -> None:
    result = entries.validate(entries.write("beispiel-app", VALID_ENTRY))
    assert result.findings == []
    assert [e.id for e in result.entries] == ["beispiel-app"]


def test_yaml_syntax_error_names_line_and_column(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("kaputt", "name: [Beispiel\nfields: x\n")))
    assert (finding.path, finding.line) == ("entries/kaputt.yaml", 2)
    assert "YAML syntax error" in finding.message


def test_tab_indentation_is_explained(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  name: Stadt Köln", "\tname: Stadt Köln")
    finding = only_finding(entries.findings(entries.write("tabs", text)))
    assert finding.line == line_of(text, "\tname")
    assert finding.column == 1
    assert finding.message == "a tab character is used for indentation; YAML allows only spaces"


def test_duplicate_key_is_an_error_with_both_lines(entries: EntryDir) -> None:
    text = VALID_ENTRY + "licence: MIT\n"
    finding = only_finding(entries.findings(entries.write("doppelt", text)))
    assert finding.line == len(text.splitlines())
    assert finding.field == "licence"
    assert finding.message == f"duplicate key 'licence' (first defined at line {line_of(text, 'licence: EUPL')}); keep one of them"


def test_alias_bomb_is_refused_quickly(entries: EntryDir) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]\n"
    started = time.perf_counter()
    findings = entries.findings(entries.write("bombe", bomb))
    assert time.perf_counter() - started < 2
    assert findings[0].line == 1 and findings[0].column == 4
    assert findings[0].message == "anchors and aliases (& and *) are not allowed in entries; write the value out"


def test_file_over_the_size_limit_is_refused_before_parsing(entries: EntryDir) -> None:
    huge = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: EUPL-1.2\ntags: [" + ", ".join(["x"] * 200_000) + "]")
    finding = only_finding(entries.findings(entries.write("riesig", huge)))
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message.endswith("an entry may be at most 256 KB")


def test_python_tag_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("name: Beispiel-App", "name: !!python/object/apply:os.system ['touch /tmp/pwned']")
    finding = only_finding(entries.findings(entries.write("tag", text)))
    assert (finding.line, finding.column) == (1, 7)
    assert finding.message == "YAML tag !!python/object/apply:os.system is not allowed in entries; remove it"


def test_wrong_type_says_what_was_expected(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("fields:\n  - Mobilität", "fields: Mobilität")
    finding = only_finding(entries.findings(entries.write("typ", text)))
    assert (finding.line, finding.column, finding.field) == (line_of(text, "fields:"), 9, "fields")
    assert finding.message == "expected a list (lines starting with '- '), but found the text 'Mobilität'"


def test_unquoted_no_in_a_text_field_must_be_quoted(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  role: app", "  role: no")
    findings = entries.findings(entries.write("norwegen", text))
    assert findings[0].as_text() == (
        f"entries/norwegen.yaml:{line_of(text, 'role: no')}:11: field 'repositories[0].role': "
        'YAML 1.1 readers take the unquoted value no as the boolean false; write it in quotes: "no"'
    )


def test_unquoted_date_is_reported(entries: EntryDir) -> None:
    text = VALID_ENTRY + "tags: [2021-05-01]\n"
    finding = only_finding(entries.findings(entries.write("datum", text)))
    assert finding.field == "tags[0]"
    assert finding.message == 'YAML 1.1 readers take the unquoted value 2021-05-01 as a date; write it in quotes: "2021-05-01"'


def test_octal_looking_ags_must_be_quoted(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace('ags: "05315000"', "ags: 05315000")
    finding = only_finding(entries.findings(entries.write("oktal", text)))
    assert (finding.line, finding.column, finding.field) == (line_of(text, "ags:"), 8, "organisation.ags")
    assert finding.message == 'expected text, but YAML read the number 5315000 from 05315000; write it in quotes: "05315000"'


def test_unknown_field_suggests_the_intended_one(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licenes: EUPL-1.2")
    findings = entries.findings(entries.write("tippfehler", text))
    unknown = next(f for f in findings if f.field == "licenes")
    assert (unknown.line, unknown.column) == (line_of(text, "licenes"), 1)
    assert unknown.message == "unknown field - did you mean 'licence'?"
    assert any(f.field == "licence" and f.message.startswith("required field is missing") for f in findings)


def test_licence_near_miss_suggests_the_spdx_id(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2")
    finding = only_finding(entries.findings(entries.write("lizenz", text)))
    assert finding.as_text() == (
        f"entries/lizenz.yaml:{line_of(text, 'licence:')}:10: field 'licence': 'Apache 2' ist ein Lizenzname, keine SPDX-Kennung – meinten Sie 'Apache-2.0'?"
    )


def test_deprecated_licence_id_names_the_current_ones(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: GPL-3.0")
    finding = only_finding(entries.findings(entries.write("veraltet", text)))
    assert finding.message == "'GPL-3.0' uses the deprecated SPDX id GPL-3.0; write 'GPL-3.0-only' or 'GPL-3.0-or-later'"


def test_vocabulary_near_miss_suggests_the_value(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  - Mobilität", "  - Mobilitaet")
    finding = only_finding(entries.findings(entries.write("feld", text)))
    assert finding.field == "fields[0]"
    assert finding.message == "'Mobilitaet' is not a known value for Handlungsfeld - did you mean 'Mobilität'?"


def _repository_finding(entries: EntryDir, url: str) -> str:
    text = VALID_ENTRY.replace("https://github.com/example/beispiel-app", url)
    finding = only_finding(entries.findings(entries.write("repo", text)))
    assert (finding.line, finding.field) == (line_of(text, "- url:"), "repositories[0].url")
    return finding.message


def test_plain_http_repository_is_refused(entries: EntryDir) -> None:
    assert _repository_finding(entries, "http://github.com/a/b").endswith("plain http:// is not accepted; write the https:// address")


def test_ssh_repository_is_refused(entries: EntryDir) -> None:
    assert _repository_finding(entries, "git@github.com:a/b.git").endswith("SSH and git:// URLs are not accepted; write the https:// clone URL")


def test_file_url_repository_is_refused(entries: EntryDir) -> None:
    assert _repository_finding(entries, "file:///srv/repo.git").endswith("'file:' addresses are not allowed; write a full https:// address")


def test_javascript_url_is_refused(entries: EntryDir) -> None:
    assert "'javascript:' addresses are not allowed" in _repository_finding(entries, "javascript:alert(1)")


def test_data_url_in_website_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY + "website: data:text/html,<script>alert(1)</script>\n"
    finding = only_finding(entries.findings(entries.write("data", text)))
    assert finding.field == "website"
    assert finding.message.endswith("'data:' addresses are not allowed; write a full https:// address")


def test_loopback_repository_is_refused(entries: EntryDir) -> None:
    message = _repository_finding(entries, "https://127.0.0.1/a/b.git")
    assert message.endswith("127.0.0.1 is a loopback, private or reserved address; repositories must be on a public Git host")


def test_private_address_repository_is_refused(entries: EntryDir) -> None:
    assert "10.1.2.3 is a loopback, private or reserved address" in _repository_finding(entries, "https://10.1.2.3/a/b.git")


def test_localhost_repository_is_refused(entries: EntryDir) -> None:
    assert "'localhost' is a local host name" in _repository_finding(entries, "https://localhost/a/b.git")


def test_credentials_in_repository_url_are_refused(entries: EntryDir) -> None:
    assert "user name or password" in _repository_finding(entries, "https://token:secret@github.com/a/b")


def test_link_into_a_repository_page_is_refused(entries: EntryDir) -> None:
    message = _repository_finding(entries, "https://github.com/a/b/tree/main/src")
    assert message.endswith("a github.com repository URL has the form https://github.com/<owner>/<repository>")


def test_download_url_is_not_a_git_repository(entries: EntryDir) -> None:
    assert "not a Git repository" in _repository_finding(entries, "https://example.org/release.zip")


def test_ext_transport_is_refused(entries: EntryDir) -> None:
    assert "transport helpers" in _repository_finding(entries, "ext::sh -c touch% /tmp/pwned")


def test_id_with_path_separator_is_refused_in_related(entries: EntryDir) -> None:
    text = VALID_ENTRY + "related: [../../etc/passwd]\n"
    finding = only_finding(entries.findings(entries.write("pfad", text)))
    assert finding.field == "related[0]"
    assert finding.message.startswith("'../../etc/passwd' is not valid; an id is the file name of another entry")


def test_file_name_must_be_a_valid_id(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("Gross..Name", VALID_ENTRY)))
    assert finding.message.startswith("file name 'Gross..Name' is not a valid id")


def test_raw_html_in_description_is_refused_with_its_line(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("  Sie hat eine zweite Zeile", "  <script>alert(1)</script> Sie hat eine zweite Zeile")
    findings = entries.findings(entries.write("html", text))
    assert [(f.line, f.column, f.field) for f in findings] == [(line_of(text, "<script>"), 1, "description")] * 2
    assert {f.message for f in findings} == {f"raw HTML is not allowed in descriptions (found '{tag}'); use Markdown" for tag in ("<script>", "</script>")}


def test_img_onerror_in_description_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("mit einem [Link]", "mit <img src=x onerror=alert(1)> einem [Link]")
    finding = only_finding(entries.findings(entries.write("img", text)))
    assert finding.message == "raw HTML is not allowed in descriptions (found '<img src=x onerror=alert(1)>'); use Markdown"


def test_javascript_link_in_description_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("(https://example.org)", "(javascript:alert(1))")
    finding = only_finding(entries.findings(entries.write("jslink", text)))
    assert finding.line == line_of(text, "javascript:")
    assert finding.message == "link target 'javascript:...' is not allowed; links may use https://, http:// or mailto:"


def test_non_utf8_file_names_the_byte(entries: EntryDir) -> None:
    raw = VALID_ENTRY.replace("Stadt Köln", "Stadt K\udcf6ln").encode("utf-8", "surrogateescape")
    finding = only_finding(entries.findings(entries.write("latin1", raw)))
    assert (finding.line, finding.column) == (line_of(VALID_ENTRY, "Stadt Köln"), 16)
    assert finding.message == "file is not UTF-8 (byte 0xf6); save it as UTF-8"


def test_empty_file_is_explained(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("leer", "")))
    assert finding.message.startswith("file is empty")


def test_comment_only_file_counts_as_empty(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("kommentar", "# nur ein Kommentar\n")))
    assert finding.message.startswith("file is empty")


def test_top_level_list_is_explained(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("liste", "- name: a\n- name: b\n")))
    assert finding.message == "the file holds a list; an entry must be a mapping of fields such as 'name: ...'"


def test_several_documents_are_refused(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("zwei", VALID_ENTRY + "---\nname: x\n")))
    assert finding.line == len(VALID_ENTRY.splitlines()) + 1
    assert "several YAML documents" in finding.message


def test_bidi_override_in_name_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("name: Beispiel-App", "name: Beispiel\u202eppA")
    finding = only_finding(entries.findings(entries.write("bidi", text)))
    assert (finding.line, finding.field) == (1, "name")
    assert finding.message == "contains control or text-direction characters; remove them"


def test_short_description_over_200_characters(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("short_description: Eine", "short_description: " + "x" * 190 + " Eine")
    finding = only_finding(entries.findings(entries.write("lang", text)))
    assert finding.field == "short_description"
    assert finding.message == "is 252 characters long; at most 200 are allowed"


def test_deep_nesting_is_refused_without_traceback(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("tief", "name: " + "[" * 5000 + "]" * 5000 + "\n")))
    assert "nesting" in finding.message


def test_all_problems_of_a_file_are_reported_at_once(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2").replace("role: app", "role: ap").replace("P3", "P9")
    fields = {f.field for f in entries.findings(entries.write("viele", text))}
    assert fields == {"licence", "repositories[0].role", "roadmap_phase"}
