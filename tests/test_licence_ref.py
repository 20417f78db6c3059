"""Licences outside the SPDX list: declared as LicenseRef-<name> with the address of the text, never OSI/FSF."""

from __future__ import annotations

from catalogue import spdx
from catalogue.model import Entry, Organisation, Repository
from catalogue.site.pages import declared_licence_html

from conftest import VALID_ENTRY, EntryDir, line_of

URL = "https://www.solingen.de/open-smartcity-license.txt"
OWN = VALID_ENTRY.replace("licence: EUPL-1.2", f"licence: LicenseRef-Open-SmartCity-License\nlicence_url: {URL}")


def test_a_licence_ref_with_the_address_of_its_text_is_valid(entries: EntryDir) -> None:
    assert entries.findings(entries.write("eigene-lizenz", OWN)) == []


def test_a_licence_ref_without_the_address_of_its_text_is_an_error_that_names_the_field(entries: EntryDir) -> None:
    text = OWN.replace(f"licence_url: {URL}\n", "")
    [finding] = entries.findings(entries.write("ohne-adresse", text))
    assert (finding.field, finding.line) == ("licence", line_of(text, "licence:"))
    assert finding.message == (
        "LicenseRef-Open-SmartCity-License ist keine Lizenz der SPDX-Liste; geben Sie unter 'licence_url' die https-Adresse des Lizenztexts an"
    )


def test_a_misspelt_licence_ref_is_not_accepted(entries: EntryDir) -> None:
    text = OWN.replace("LicenseRef-Open-SmartCity-License", "LicenseRef-Open_SmartCity")
    [finding] = entries.findings(entries.write("tippfehler", text))
    assert finding.field == "licence"


def test_a_licence_ref_never_counts_as_osi_or_fsf_approved() -> None:
    assert spdx.approval("LicenseRef-Open-SmartCity-License") == spdx.Approval(osi_approved=False, fsf_libre=False)
    assert spdx.approval("LicenseRef-Open-SmartCity-License AND MIT") == spdx.Approval(osi_approved=False, fsf_libre=False)


def test_the_page_names_the_licence_links_its_text_and_says_it_is_not_approved() -> None:
    entry = Entry(
        id="x",
        source_path="entries/x.yaml",
        name="X",
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository("https://github.com/stadt-solingen/x"),),
        organisation=Organisation("Stadt Solingen", "Kommune"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="LicenseRef-Open-SmartCity-License",
        licence_url=URL,
    )
    assert declared_licence_html(entry) == (
        f'LicenseRef-Open-SmartCity-License (<a href="{URL}">Lizenztext Open SmartCity License</a>; nicht auf der SPDX-Liste, nicht OSI- oder FSF-anerkannt)'
    )
