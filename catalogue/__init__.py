"""Smart-City-Katalog: the open catalogue of reusable smart-city software for German municipalities."""

__version__ = "0.1.0"
