"""Village classification on QGIS layers: suggestions for a ledger layer, distances, the edit
buffer, the categorised style."""

from dataclasses import dataclass

import numpy as np
import shapely
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsRendererCategory,
    QgsSymbol,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..core.classification import indicators_from_ledger
from ..core.codes import village_code
from ..core.errors import VillagePlannerError
from ..core.ledger import UNASSIGNED
from .compat import new_field
from .fields import find_field
from .i18n import tr
from .layers import plain, read_attributes, read_geometries, working_crs

CODE_FIELDS = ("village_code", "ZLDWDM", "CJDM", "XZQDM")


@dataclass
class ClassifiedVillage:
    """One village of a ledger layer with its suggestion and, when there is one, its decision."""

    feature: object  # QgsFeature of the ledger layer
    suggestion: object  # core.classification.Suggestion
    record: dict  # the ledger row
    decision: dict = None  # the latest recorded decision, or None

    @property
    def code(self):
        return self.suggestion.village_code

    @property
    def name(self):
        return self.record.get("village_name") or ""


class NotALedger(VillagePlannerError):
    pass


def classify_layer(ledger, rules, boundary=None, decided=None):
    """[ClassifiedVillage] for every village row of a ledger layer (the unassigned row left out).

    ``decided`` is {village code: latest decision} from the planning database.
    """
    names = [f.name() for f in ledger.fields()]
    if "village_code" not in names:
        raise NotALedger(tr("Layer {layer} is not a ledger: it has no village_code field.").format(
            layer=ledger.name()))
    distances = distances_to(ledger, boundary) if boundary is not None else {}
    decided = decided or {}
    out = []
    for feat in ledger.getFeatures():
        row = {n: plain(v) for n, v in zip(names, feat.attributes())}
        code = str(row.get("village_code") or "")
        if not code or code == UNASSIGNED or row.get("unassigned"):
            continue
        suggestion = rules.evaluate(code, indicators_from_ledger(row, distances.get(code)))
        out.append(ClassifiedVillage(feat, suggestion, row, decided.get(code)))
    return out


def code_field(layer):
    return find_field(layer, CODE_FIELDS)


def distances_to(layer, boundary):
    """{village code: distance in metres to the nearest boundary polygon} for a polygon layer."""
    if layer is None or boundary is None or layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
        return {}
    crs = working_crs(layer)
    field = code_field(layer)
    frame, geoms = read_attributes(layer, {"code": field}, with_geometry=True, target_crs=crs)
    _, zones = read_geometries(boundary, crs)
    zones = [z for z in zones if z is not None and not z.is_empty]
    if not zones:
        return {}
    zone = shapely.union_all(shapely.make_valid(np.asarray(zones, dtype=object)))
    out = {}
    for code, geom in zip(frame["code"], geoms):
        key = str(code) if field == "village_code" else village_code(code)
        if key and geom is not None and not geom.is_empty:
            out[key] = float(shapely.distance(shapely.make_valid(geom), zone))
    return out


def apply_categories(layer, categories, field_name="category", label=None):
    """Write {village code: category} into the layer through its edit buffer (undo works).

    Returns the number of features changed. The layer is left in edit mode so that
    the planner saves or rolls back as usual.
    """
    field = code_field(layer)
    if field is None:
        raise ValueError(tr("Layer {layer} has no village code field.").format(layer=layer.name()))
    if not layer.isEditable() and not layer.startEditing():
        raise ValueError(tr("Layer {layer} cannot be edited.").format(layer=layer.name()))
    layer.beginEditCommand(label or tr("Set village categories"))
    try:
        idx = layer.fields().indexOf(field_name)
        if idx < 0:
            layer.addAttribute(new_field(field_name, "text", 20))
            idx = layer.fields().indexOf(field_name)
        changed = 0
        for feat in layer.getFeatures():
            value = feat[field]
            key = str(value) if field == "village_code" else village_code(value)
            if key in categories and feat[field_name] != categories[key]:
                layer.changeAttributeValue(feat.id(), idx, categories[key])
                changed += 1
        layer.endEditCommand()
    except Exception:
        layer.destroyEditCommand()
        raise
    return changed


def category_renderer(rules, field_name="category"):
    """A categorised renderer with the categories in the standard legend order."""
    cats = []
    for key in rules.standard_order:
        symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
        symbol.setColor(QColor(rules.color(key)))
        symbol.setOpacity(0.75)
        cats.append(QgsRendererCategory(key, symbol, rules.category_name(key)))
    return QgsCategorizedSymbolRenderer(field_name, cats)


def style_layer(layer, rules, field_name="category"):
    layer.setRenderer(category_renderer(rules, field_name))
    layer.triggerRepaint()
