"""The catalogue as ADMS-AP (DCAT-based): one dcat:Catalog with an adms:Asset per solution, in Turtle and JSON-LD.

ADMS-AP 2 models a reusable solution as an `adms:Asset` that is a `dcat:Dataset`, listed in a `dcat:Catalog`, with
its repository as a `dcat:Distribution`. Themes come from the EU Data Theme vocabulary (the mapping from
Handlungsfelder is documented in docs/programmstelle.md), licences are SPDX URIs, municipalities are identified by
their AGS (DCAT-AP.de's municipality key URIs), status by the ADMS status vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from catalogue import assessment, spdx, vocabulary
from catalogue.model import Catalogue, Entry, HarvestRecord

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
STATUS = Namespace("http://purl.org/adms/status/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
SPDX_LICENCE = Namespace("http://spdx.org/licenses/")
MUNICIPALITY = Namespace("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/")

# Preferred labels of the EU vocabularies' concepts used here (DCAT-AP asks for one per concept).
CONCEPT_LABELS = {
    THEME.TRAN: ("Verkehr", "Transport"),
    THEME.ENVI: ("Umwelt", "Environment"),
    THEME.ENER: ("Energie", "Energy"),
    THEME.GOVE: ("Regierung und öffentlicher Sektor", "Government and public sector"),
    THEME.TECH: ("Wissenschaft und Technologie", "Science and technology"),
    THEME.REGI: ("Regionen und Städte", "Regions and cities"),
    THEME.HEAL: ("Gesundheit", "Health"),
    THEME.EDUC: ("Bildung, Kultur und Sport", "Education, culture and sport"),
    THEME.ECON: ("Wirtschaft und Finanzen", "Economy and finance"),
    THEME.JUST: ("Justiz, Rechtssystem und öffentliche Sicherheit", "Justice, legal system and public safety"),
    THEME.AGRI: ("Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel", "Agriculture, fisheries, forestry and food"),
    STATUS.Completed: ("Abgeschlossen", "Completed"),
    STATUS.UnderDevelopment: ("In Entwicklung", "Under development"),
    STATUS.Deprecated: ("Veraltet", "Deprecated"),
    PUBLISHER_TYPE.LocalAuthority: ("Kommunalverwaltung", "Local authority"),
    PUBLISHER_TYPE.RegionalAuthority: ("Landesverwaltung", "Regional authority"),
    PUBLISHER_TYPE.NationalAuthority: ("Bundesverwaltung", "National authority"),
    PUBLISHER_TYPE.Company: ("Unternehmen", "Company"),
    PUBLISHER_TYPE.AcademiaScientificOrganisation: ("Hochschule oder Forschungseinrichtung", "Academia/Scientific organisation"),
    PUBLISHER_TYPE.NonProfitOrganisation: ("Gemeinnützige Organisation", "Non-profit organisation"),
}
THEME_FOR_FIELD = {
    "Mobilität": "TRAN",
    "Umwelt & Klima": "ENVI",
    "Energie": "ENER",
    "Verwaltung & Bürgerservice": "GOVE",
    "Beteiligung": "GOVE",
    "Daten & Plattformen": "TECH",
    "Stadtentwicklung & Digitaler Zwilling": "REGI",
    "Gesundheit & Soziales": "HEAL",
    "Bildung & Kultur": "EDUC",
    "Wirtschaft & Handel": "ECON",
    "Sicherheit & Katastrophenschutz": "JUST",
    "Ländlicher Raum": "AGRI",
}
STATUS_FOR_DEVELOPMENT = {
    "concept": "UnderDevelopment",
    "development": "UnderDevelopment",
    "beta": "UnderDevelopment",
    "stable": "Completed",
    "obsolete": "Deprecated",
}
PUBLISHER_TYPE_FOR_ORGANISATION = {
    "Kommune": "LocalAuthority",
    "Landkreis": "LocalAuthority",
    "Zweckverband": "LocalAuthority",
    "Land": "RegionalAuthority",
    "Bund": "NationalAuthority",
    "Kommunales Unternehmen": "Company",
    "Unternehmen": "Company",
    "Hochschule & Forschung": "AcademiaScientificOrganisation",
    "Verein": "NonProfitOrganisation",
    "Stiftung": "NonProfitOrganisation",
}
LANGUAGE_CODES = {"de": "DEU", "en": "ENG", "fr": "FRA", "it": "ITA", "nl": "NLD", "pl": "POL", "da": "DAN", "es": "SPA", "tr": "TUR", "ar": "ARA", "uk": "UKR"}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def catalogue_graph(catalogue: Catalogue, records: dict[str, HarvestRecord], page_url: Callable[[str], str], site_url: str) -> Graph:
    """The whole catalogue as one RDF graph."""
    graph = Graph()
    for prefix, namespace in (("adms", ADMS), ("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS)):
        graph.bind(prefix, namespace)
    base = site_url.rstrip("/")
    node = URIRef(f"{base}/api/adms.ttl#katalog")
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCTERMS.title, Literal("Smart-City-Katalog", lang="de")))
    graph.add((node, DCTERMS.description, Literal("Offener Katalog wiederverwendbarer Open-Source-Software von Kommunen und Smart-City-Projekten.", lang="de")))
    graph.add((node, DCTERMS.publisher, _agent(graph, URIRef(f"{base}/#betreiber"), "Smart-City-Katalog", None)))
    graph.add((node, FOAF.homepage, _document(graph, URIRef(f"{base}/"))))
    graph.add((node, DCTERMS.language, _language(graph, "de")))
    for entry in catalogue.entries:
        graph.add((node, DCAT.dataset, _asset(graph, entry, records.get(entry.id), page_url(entry.id))))
    return graph


def _asset(graph: Graph, entry: Entry, record: HarvestRecord | None, page: str) -> URIRef:
    node = URIRef(page)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, RDF.type, ADMS.Asset))
    graph.add((node, DCTERMS.identifier, Literal(page)))
    graph.add((node, DCTERMS.title, _text(entry.name)))
    graph.add((node, DCTERMS.description, _text(entry.description)))
    for tag in entry.tags:
        graph.add((node, DCAT.keyword, _text(tag)))
    for field in entry.fields:
        graph.add((node, DCAT.theme, _concept(graph, THEME[THEME_FOR_FIELD[field]])))
    organisation = entry.organisation
    municipality = organisation.ags if organisation.type in vocabulary.TYPES_WITH_AGS else None
    publisher = MUNICIPALITY[municipality] if municipality else URIRef(f"{page}#herausgeber")
    graph.add((node, DCTERMS.publisher, _agent(graph, publisher, organisation.name, organisation.type)))
    licence = _licence(graph, entry.licence, entry.licence_url)
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCAT.landingPage, _document(graph, URIRef(entry.website or page))))
    graph.add((node, ADMS.status, _concept(graph, STATUS[STATUS_FOR_DEVELOPMENT[entry.development_status]])))
    for language in entry.languages:
        graph.add((node, DCTERMS.language, _language(graph, language)))
    modified = assessment.last_commit(record)
    if modified is not None:
        graph.add((node, DCTERMS.modified, _time(modified)))
    if entry.contact is not None:
        graph.add((node, DCAT.contactPoint, _contact(graph, entry)))
    for repository in entry.repositories:
        distribution = URIRef(repository.url)
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.accessURL, URIRef(repository.url)))
        role = vocabulary.REPOSITORY_ROLES.get(repository.role or "", "Quellcode")
        graph.add((distribution, DCTERMS.title, Literal(f"Git-Repository ({role})", lang="de")))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((node, DCAT.distribution, distribution))
    return node


def _agent(graph: Graph, node: URIRef, name: str, organisation_type: str | None) -> URIRef:
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, _text(name)))
    if organisation_type in PUBLISHER_TYPE_FOR_ORGANISATION:
        graph.add((node, DCTERMS.type, _concept(graph, PUBLISHER_TYPE[PUBLISHER_TYPE_FOR_ORGANISATION[organisation_type]])))
    return node


def _concept(graph: Graph, node: URIRef) -> URIRef:
    graph.add((node, RDF.type, SKOS.Concept))
    german, english = CONCEPT_LABELS[node]
    graph.add((node, SKOS.prefLabel, Literal(german, lang="de")))
    graph.add((node, SKOS.prefLabel, Literal(english, lang="en")))
    return node


def _licence(graph: Graph, expression: str, url: str | None) -> URIRef | BNode:
    """A single SPDX id as its SPDX URI, a licence outside the list (LicenseRef-…) as the address of its text; an
    expression (A OR B) as a licence document labelled with it."""
    simple = spdx.check_expression(expression).normalized
    node: URIRef | BNode = BNode()
    if simple and spdx.LICENCE_REF.match(simple) and url:
        node = URIRef(url)
    elif simple and re.fullmatch(r"[A-Za-z0-9.+-]+", simple) and not spdx.licence_refs(simple):
        node = SPDX_LICENCE[simple]
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    graph.add((node, RDFS.label, Literal(expression)))
    return node


def _document(graph: Graph, node: URIRef) -> URIRef:
    graph.add((node, RDF.type, FOAF.Document))
    return node


def _language(graph: Graph, code: str) -> URIRef:
    node = LANGUAGE[LANGUAGE_CODES.get(code, "MUL")]
    graph.add((node, RDF.type, DCTERMS.LinguisticSystem))
    return node


def _contact(graph: Graph, entry: Entry) -> BNode:
    contact = entry.contact
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, VCARD.fn, _text((contact.name if contact else None) or entry.organisation.name)))
    if contact and contact.email:
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact.email}")))
    if contact and contact.url:
        graph.add((node, VCARD.hasURL, URIRef(contact.url)))
    return node


def _text(value: str) -> Literal:
    return Literal(_XML_FORBIDDEN.sub("", value), lang="de")


def _time(moment: datetime) -> Literal:
    return Literal(moment.replace(microsecond=0).isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


def as_turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def as_json_ld(graph: Graph) -> str:
    context = {"adms": str(ADMS), "dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD), "skos": str(SKOS)}
    return graph.serialize(format="json-ld", context=context, indent=1)
