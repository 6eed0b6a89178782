"""Domain core of Village Planner.

Nothing in this package imports Qt or QGIS: it works on plain Python, pandas and
shapely data and is tested without QGIS.
"""
