"""Thin adapters between QGIS layers and the domain core."""
