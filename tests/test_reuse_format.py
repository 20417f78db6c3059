"""Reuse claims carry their kind and evidence; only a 'nachnutzung' by another body with evidence is a transfer."""

from __future__ import annotations

import pytest

from catalogue import assessment
from catalogue.entries import load_catalogue

from conftest import VALID_ENTRY, EntryDir, line_of, only_finding

ULM = '  - name: Stadt Ulm\n    ags: "08421000"\n    role: nachnutzung\n    evidence: [https://ulm.example.de/app]\n'


def findings_for(entries: EntryDir, extra: str) -> list[str]:
    path = entries.write("beispiel-app", VALID_ENTRY + extra)
    return [f"{f.field}: {f.message}" for f in entries.findings(path)]


def test_a_reuse_with_role_and_evidence_is_valid(entries: EntryDir) -> None:
    assert findings_for(entries, "used_by:\n" + ULM) == []


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("  - name: Stadt Ulm\n    evidence: [https://ulm.example.de]\n", "used_by[0].role: Art der Beziehung fehlt; 'role' ist eine von: nachnutzung"),
        ("  - name: Stadt Ulm\n    role: nachnutzung\n", "used_by[0].evidence: Nachweis fehlt:"),
        (
            "  - name: Stadt Ulm\n    role: nachnutzung\n    evidence: [http://ulm.example.de]\n",
            "used_by[0].evidence[0]: Nachweis 'http://ulm.example.de' ist keine https://-Adresse",
        ),
        (
            "  - name: Stadt Ulm\n    role: nachnutzen\n    evidence: [https://ulm.example.de]\n",
            "'nachnutzen' ist keine bekannte Art der Beziehung - meinten Sie 'nachnutzung'?",
        ),
        ("  - name: Stadt Köln\n    role: nachnutzung\n    evidence: [https://k.example.de]\n", "die entwickelnde Organisation selbst ist keine Nachnutzung"),
        ('  - name: Köln (Stadt)\n    ags: "05315000"\n    role: pilot\n    evidence: [https://k.example.de]\n', "die entwickelnde Organisation selbst"),
        ("  - name: Stadt Ulm\n    role: pilot\n    evidence: [https://ulm.example.de]\n    since: 2099\n", "used_by[0].since: 2099 liegt in der Zukunft"),
    ],
)
def test_bad_reuse_claims_are_refused_with_a_reason(entries: EntryDir, item: str, expected: str) -> None:
    found = findings_for(entries, "used_by:\n" + item)
    assert any(expected in f for f in found), found


def test_funding_needs_evidence(entries: EntryDir) -> None:
    assert any("funding.evidence: Nachweis der Förderung fehlt" in f for f in findings_for(entries, "funding:\n  programme: MPSC\n"))
    assert findings_for(entries, "funding:\n  programme: MPSC\n  evidence: [https://example.org/bescheid]\n") == []


def test_sources_and_review_month(entries: EntryDir) -> None:
    good = 'sources:\n  - url: https://example.org/a\n    note: "Herkunft"\nlast_reviewed: "2026-11"\n'
    assert findings_for(entries, good) == []
    path = entries.write("beispiel-app", VALID_ENTRY + 'last_reviewed: "2099-01"\n')
    assert "liegt in der Zukunft" in only_finding(entries.findings(path)).message


def test_only_a_nachnutzung_is_a_transfer_and_reaches_the_badge(entries: EntryDir) -> None:
    commissioned = '  - name: Land Berlin\n    ags: "11000000"\n    role: auftrag\n    evidence: [https://berlin.example.de]\n'
    entries.write("beispiel-app", VALID_ENTRY + "used_by:\n" + commissioned + ULM)
    [entry] = load_catalogue(entries.path, root=entries.root).entries
    assert [t.reuser for t in assessment.transfers((entry,), {})] == ["Stadt Ulm"]
    assert [u.name for u in assessment.confirmed_reusers(entry)] == ["Stadt Ulm"]


def test_a_commission_alone_does_not_make_actively_reused(entries: EntryDir) -> None:
    from test_assessment import record, repo

    commissioned = '  - name: Land Berlin\n    ags: "11000000"\n    role: auftrag\n    evidence: [https://berlin.example.de]\n'
    entries.write("beispiel-app", VALID_ENTRY + "used_by:\n" + commissioned)
    [entry] = load_catalogue(entries.path, root=entries.root).entries
    assert assessment.reuse_badge(entry, record(repo())).level != "aktiv nachgenutzt"


def test_reuse_problems_point_at_their_line(entries: EntryDir) -> None:
    text = VALID_ENTRY + "used_by:\n" + ULM.replace("role: nachnutzung", "role: nachnuzung")
    finding = only_finding(entries.findings(entries.write("beispiel-app", text)))
    assert (finding.field, finding.line) == ("used_by[0].role", line_of(text, "nachnuzung"))


def test_the_retired_url_of_a_reuse_points_to_evidence(entries: EntryDir) -> None:
    found = findings_for(entries, "used_by:\n" + ULM + "    url: https://ulm.example.de/app\n")
    assert found == ["used_by[0].url: 'url' gibt es nicht mehr: Nachweise stehen als Liste unter 'evidence' (jeweils eine https-Adresse)"]


def test_a_source_needs_a_note_and_an_https_address(entries: EntryDir) -> None:
    assert findings_for(entries, "sources:\n  - url: https://example.org/projekt\n") == [
        "sources[0].note: Notiz fehlt: was belegt die Quelle? (Herkunft, Förderung, Status, Nachnutzung, Kontakt, Installation)"
    ]
    [ftp] = findings_for(entries, "sources:\n  - url: ftp://example.org/x\n    note: Herkunft\n")
    assert ftp.startswith("sources[0].url: 'ftp://example.org/x' ist keine https://-Adresse")


def test_a_malformed_review_month_is_explained(entries: EntryDir) -> None:
    assert findings_for(entries, 'last_reviewed: "11/2026"\n') == [
        "last_reviewed: '11/2026' ist kein Jahr-Monat; schreiben Sie es in Anführungszeichen, z. B. \"2026-11\""
    ]


def test_a_mirror_follows_the_canonical_repository(entries: EntryDir) -> None:
    mirror = "  - url: https://github.com/example/spiegel\n    role: spiegel\n"
    assert entries.findings(entries.write("beispiel-app", VALID_ENTRY.replace("    role: app\n", "    role: app\n" + mirror))) == []
    text = VALID_ENTRY.replace("repositories:\n", "repositories:\n" + mirror)
    finding = only_finding(entries.findings(entries.write("beispiel-app", text)))
    assert (finding.field, finding.line) == ("repositories[0].role", line_of(text, "role: spiegel"))
