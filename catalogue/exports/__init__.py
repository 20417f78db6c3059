"""Exports of the catalogue: JSON API, CSV, Atom feed and publiccode.yml files, as pure functions of the data."""
