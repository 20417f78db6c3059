"""publiccode.yml export: every value comes from the entry or a documented rule; missing evidence means no file."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any

from test_assessment import entry

from catalogue import publiccode
from catalogue.exports.publiccode_out import EXPORT_VERSION, export
from catalogue.model import (
    Contractor,
    Funding,
    HarvestRecord,
    LicenceFinding,
    Maintenance,
    MaintenanceContact,
    Organisation,
    PubliccodeFacts,
    Repository,
    RepositoryFacts,
    Reuse,
)

DESCRIPTION = "Der Stadtplan zeigt Haltestellen, Schulen und Ämter auf einer Karte und liest die offenen Daten der Stadt. " * 2
CONTRACT = Maintenance("contract", ("https://example.org/vergabe",), contractors=(Contractor("Beispiel GmbH", "2027-06-30"),))


def exportable(**extra: Any) -> Any:
    base: dict[str, Any] = {
        "name": "Stadtplan",
        "description": DESCRIPTION,
        "short_description": "Interaktiver Stadtplan mit Haltestellen.",
        "repositories": (Repository("https://github.com/stadt/stadtplan", "app"),),
        "organisation": Organisation("Stadt Ulm", "Kommune", ags="08421000", state="Baden-Württemberg"),
        "platforms": ("web", "desktop"),
        "languages": ("de", "en"),
        "features": ("Haltestellen auf der Karte finden",),
        "maintenance": CONTRACT,
        "licence": "EUPL-1.2",
        "development_status": "stable",
    }
    return entry(**{**base, **extra})


def leaves(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in leaves(item, f"{path}.{key}" if path else key)]
    if isinstance(value, list | tuple):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, f"{path}[{index}]")]
    return [(path, value)]


# Values the export derives by a documented rule instead of copying from the entry (docs/format.md).
DERIVED = {
    "publiccodeYmlVersion": EXPORT_VERSION,
    "softwareType": "standalone/web",
    "localisation.localisationReady": True,
    "organisation.uri": "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/08421000",
    "fundedBy[0].name": "Modellprojekte Smart Cities (BMWSB/KfW)",
    "fundedBy[0].uri": "https://www.smart-city-dialog.de/",
}


def test_every_exported_value_comes_from_the_entry_or_a_documented_rule() -> None:
    solution = exportable(
        funding=Funding("MPSC", cohort=2020),
        used_by=(Reuse("Stadt Jena", "16053000", role="nachnutzung", evidence=("https://example.org/beleg",)),),
        website="https://stadtplan.example.org",
    )
    document = export(solution, None).document
    assert document is not None
    entry_values = {str(v) for _, v in leaves(asdict(solution)) if v is not None}
    for path, value in leaves(document):
        assert DERIVED.get(path) == value or str(value) in entry_values or str(value) == DESCRIPTION.strip(), f"{path}: {value!r} has no source"


def test_the_export_uses_the_newest_standard_and_no_deprecated_keys() -> None:
    document = export(exportable(), None).document
    assert document is not None
    assert document["publiccodeYmlVersion"] == "0.7"
    assert "repoOwner" not in document["legal"] and "categories" not in document
    assert document["platforms"] == ["web", "desktop"]  # desktop stays desktop, never "linux"
    assert document["maintenance"] == {"type": "contract", "contractors": [{"name": "Beispiel GmbH", "until": "2027-06-30"}]}
    assert publiccode.validate(document) == []


def test_used_by_never_names_the_developing_body() -> None:
    own = exportable(
        used_by=(
            Reuse("Stadt Ulm", "08421000", role="nachnutzung", evidence=("https://example.org/beleg",)),
            Reuse("Stadt Jena", "16053000", role="nachnutzung", evidence=("https://example.org/beleg",)),
        )
    )
    document = export(own, None).document
    assert document is not None and document["usedBy"] == ["Stadt Jena"]


def test_without_evidence_of_maintenance_no_file_is_written_and_the_reason_is_given() -> None:
    result = export(exportable(maintenance=None, features=()), None)
    assert result.document is None and result.status == "nicht exportiert"
    assert result.reason == "Es fehlt: wie die Lösung gewartet wird (Feld maintenance mit Beleg); Funktionen der Lösung (Feld features)"


def test_internal_maintenance_needs_a_person_who_agreed_to_be_named() -> None:
    internal = Maintenance("internal", ("https://example.org/team",))
    assert export(exportable(maintenance=internal), None).document is None
    named = replace(internal, contacts=(MaintenanceContact("Erika Beispiel", affiliation="Stadt Ulm"),))
    document = export(exportable(maintenance=named), None).document
    assert document is not None and document["maintenance"]["contacts"] == [{"name": "Erika Beispiel", "affiliation": "Stadt Ulm"}]


def test_a_repository_with_its_own_publiccode_is_linked_not_described_again() -> None:
    facts = RepositoryFacts(
        url="https://github.com/stadt/stadtplan",
        licence=LicenceFinding("EUPL-1.2", "publiccode.yml"),
        default_branch="main",
        publiccode=PubliccodeFacts(file="publiccode.yml", version="0.4"),
    )
    result = export(exportable(), HarvestRecord("x", datetime(2026, 11, 1, tzinfo=UTC), (facts,)))
    assert result.document is None
    assert result.upstream == "https://github.com/stadt/stadtplan/blob/main/publiccode.yml"


def test_a_short_description_over_150_characters_is_not_cut() -> None:
    result = export(exportable(short_description="x" * 151), None)
    assert result.document is None and "höchstens 150 Zeichen" in (result.reason or "")
