"""Exporter and importer contracts shared by the built-in and third-party plugins."""
