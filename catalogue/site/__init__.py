"""The catalogue's MkDocs plugin and the pages it builds."""
