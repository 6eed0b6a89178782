"""Output sinks of the algorithms: their fields from a spec, their features from rows.

A spec is a list of (name, kind) with the core's kinds (as in ``core.ledger.COLUMNS``):
"text", "ha" and "float" (real numbers), "int". The core declares what a table holds;
this module turns it into QGIS fields.
"""

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields
from qgis.PyQt.QtCore import QVariant

QTYPES = {"text": QVariant.String, "ha": QVariant.Double, "float": QVariant.Double, "int": QVariant.Int}


def fields_from(spec):
    """QgsFields of a [(name, kind)] spec; a kind not in QTYPES is a KeyError (a defect, not a user error)."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, QTYPES[kind]))
    return fields


def add_rows(sink, spec, rows):
    """Write ``rows`` (dicts by field name; a missing name is NULL) to ``sink`` as features without geometry."""
    for row in rows:
        feature = QgsFeature()
        feature.setAttributes([row.get(name) for name, _ in spec])
        sink.addFeature(feature, QgsFeatureSink.FastInsert)
