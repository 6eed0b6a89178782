"""Output sinks of the algorithms: features from rows, in the order of a [(name, kind)] spec.

The fields of such a spec come from ``compat.fields_of(spec)`` (the core's kinds: "text",
"ha"/"float", "int", ...); the core declares what a table holds, e.g.
``core.quota_report.VILLAGE_FIELDS``.
"""

from qgis.core import QgsFeature, QgsFeatureSink


def add_rows(sink, spec, rows):
    """Write ``rows`` (dicts by field name; a missing name is NULL) to ``sink`` as features without geometry."""
    for row in rows:
        feature = QgsFeature()
        feature.setAttributes([row.get(name) for name, _ in spec])
        sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
