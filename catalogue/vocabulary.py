"""The controlled vocabularies of the entry format, with their German labels.

The JSON Schema lists the same values as enums; a test keeps both in step.
"""

from __future__ import annotations

# Handlungsfelder: the fields of municipal action a solution serves (docs/format.md explains each).
HANDLUNGSFELDER: dict[str, str] = {
    "Mobilität": "Verkehr, Parken, ÖPNV, Rad- und Fußverkehr, Sharing, Logistik",
    "Umwelt & Klima": "Stadtgrün, Bäume, Luft, Wasser, Klimaanpassung, Lärm",
    "Energie": "Energieverbrauch, Erzeugung, Wärmeplanung, Straßenbeleuchtung",
    "Verwaltung & Bürgerservice": "Online-Dienste, Terminvergabe, Formulare, interne Verwaltungsprozesse",
    "Beteiligung": "Bürgerbeteiligung, Abstimmungen, Ideen- und Mängelmelder, Ratsinformation",
    "Daten & Plattformen": "Urbane Datenplattformen, Open Data, Sensorik, Dashboards, Schnittstellen",
    "Stadtentwicklung & Digitaler Zwilling": "Geodaten, 3D-Stadtmodelle, Planung, Bauleitplanung",
    "Gesundheit & Soziales": "Pflege, Inklusion, Nachbarschaft, Ehrenamt, Barrierefreiheit",
    "Bildung & Kultur": "Schulen, Bibliotheken, Museen, Tourismus, Veranstaltungen",
    "Wirtschaft & Handel": "Lokaler Handel, Innenstadt, Gewerbe, Arbeit",
    "Sicherheit & Katastrophenschutz": "Warnung, Hochwasser, Feuerwehr, Krisenmanagement",
    "Ländlicher Raum": "Dörfer, Regionen, Versorgung und Gemeinschaft auf dem Land",
}

# Bundesländer by the first two digits of the Amtlicher Gemeindeschlüssel (AGS).
BUNDESLAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

ORGANISATION_TYPES: dict[str, str] = {
    "Kommune": "Stadt oder Gemeinde (mit AGS)",
    "Landkreis": "Landkreis oder Region (mit AGS des Kreises, endet auf 000)",
    "Zweckverband": "Zusammenschluss mehrerer Kommunen",
    "Kommunales Unternehmen": "Stadtwerke, kommunale IT-Dienstleister, städtische Gesellschaften",
    "Land": "Landesverwaltung oder Landesbehörde",
    "Bund": "Bundesverwaltung oder Bundesbehörde",
    "Stiftung": "Stiftung, z. B. eine Technologiestiftung",
    "Verein": "Eingetragener Verein, Initiative oder Community",
    "Hochschule & Forschung": "Hochschule oder Forschungseinrichtung",
    "Unternehmen": "Privatwirtschaftliches Unternehmen",
}

# Types for which the AGS is required, because they are municipalities.
TYPES_WITH_AGS = ("Kommune", "Landkreis")

ROADMAP_PHASES: dict[str, str] = {
    "P1": "Ideenfindung",
    "P2": "Prototyp",
    "P3": "Pilot",
    "P4": "Verstetigung",
    "P5": "Transfer",
}

# publiccode.yml's developmentStatus, unchanged.
DEVELOPMENT_STATUSES: dict[str, str] = {
    "concept": "Konzept",
    "development": "In Entwicklung",
    "beta": "Beta",
    "stable": "Stabil",
    "obsolete": "Veraltet",
}

FUNDING_PROGRAMMES: dict[str, str] = {
    "MPSC": "Modellprojekte Smart Cities (BMWSB/KfW)",
    "other": "anderes Förderprogramm (in 'programme_name' nennen)",
}
FUNDING_PROGRAMME_URLS: dict[str, str] = {"MPSC": "https://www.smart-city-dialog.de/"}
MPSC_COHORTS = (2019, 2020, 2021)
FUNDING_PHASES: dict[str, str] = {"A": "Strategiephase", "B": "Umsetzungsphase"}

# publiccode.yml's maintenance types, explained in German (docs/format.md).
MAINTENANCE_TYPES: dict[str, str] = {
    "internal": "von der entwickelnden Organisation selbst gepflegt",
    "contract": "per Vertrag von einem Dienstleister gepflegt (mit Enddatum)",
    "community": "von einer Gemeinschaft Freiwilliger gepflegt",
    "none": "nicht mehr gepflegt",
}

REUSE_ROLES: dict[str, str] = {
    "nachnutzung": "nutzt nach",  # runs its own instance of software built elsewhere: the only kind that is a transfer
    "auftrag": "hat beauftragt",  # commissioned or financed it
    "mitentwicklung": "entwickelt mit",  # develops it together with the origin
    "pilot": "testet",  # tries it, not in production
}

REPOSITORY_ROLES: dict[str, str] = {
    "app": "Anwendung",
    "frontend": "Oberfläche",
    "backend": "Server/Backend",
    "infrastructure": "Infrastruktur und Deployment",
    "data": "Daten und Datenpipelines",
    "library": "Bibliothek",
    "docs": "Dokumentation",
    "spiegel": "Spiegel (Kopie des zuerst genannten Repositorys)",
    "other": "Sonstiges",
}

PLATFORMS: dict[str, str] = {
    "web": "Web-Anwendung",
    "android": "Android-App",
    "ios": "iOS-App",
    "desktop": "Desktop-Programm",
    "server": "Server-Dienst",
    "docker": "Docker-Container",
    "kubernetes": "Kubernetes/Helm",
    "iot": "Geräte und Sensoren",
}

STANDARDS: dict[str, str] = {
    "OGC SensorThings API": "Sensordaten (OGC)",
    "NGSI-LD": "Kontextdaten (ETSI, FIWARE)",
    "NGSI v2": "Kontextdaten (FIWARE)",
    "OParl": "Ratsinformationssysteme",
    "DCAT-AP.de": "Metadaten offener Daten",
    "GTFS": "Fahrpläne",
    "GTFS-RT": "Echtzeit-Fahrplandaten",
    "GBFS": "Sharing-Angebote",
    "NeTEx": "Fahrplandaten (CEN)",
    "SIRI": "Echtzeit-ÖPNV (CEN)",
    "DATEX II": "Verkehrsdaten",
    "XPlanung": "Bauleitpläne",
    "XBau": "Baugenehmigungen",
    "XÖV": "Standards der öffentlichen Verwaltung",
    "CityGML": "3D-Stadtmodelle",
    "3D Tiles": "3D-Geodaten im Web",
    "WMS": "Karten-Webdienst (OGC)",
    "WFS": "Geoobjekt-Webdienst (OGC)",
    "OGC API Features": "Geoobjekte (OGC API)",
    "GeoJSON": "Geodaten (IETF)",
    "MQTT": "Nachrichtenprotokoll für IoT",
    "LoRaWAN": "Funknetz für Sensoren",
    "OpenAPI": "Beschreibung von REST-Schnittstellen",
    "OAuth 2.0 / OpenID Connect": "Anmeldung",
    "ActivityPub": "Föderierte soziale Netze",
    "schema.org": "Strukturierte Daten im Web",
    "publiccode.yml": "Metadaten öffentlicher Software",
}

SCHEMA_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "field": tuple(HANDLUNGSFELDER),
    "state": tuple(BUNDESLAENDER.values()),
    "organisation_type": tuple(ORGANISATION_TYPES),
    "roadmap_phase": tuple(ROADMAP_PHASES),
    "development_status": tuple(DEVELOPMENT_STATUSES),
    "programme": tuple(FUNDING_PROGRAMMES),
    "repository_role": tuple(REPOSITORY_ROLES),
    "platform": tuple(PLATFORMS),
    "standard": tuple(STANDARDS),
}


def state_for_ags(ags: str) -> str | None:
    """The Bundesland an AGS belongs to, or None for an unknown prefix."""
    return BUNDESLAENDER.get(ags[:2])
