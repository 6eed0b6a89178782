"""Standard styles: survey and planning codes in the national colour convention, only the classes present."""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsRendererCategory,
    QgsSimpleFillSymbolLayer,
    QgsSymbol,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core.codes import load_survey_codes, resource_path
from ..core.crosswalk import SurveyCrosswalk, planning_codes


def _fill(color, outline="#808080", width=0.1):
    symbol = QgsFillSymbol.createSimple({"color": color, "outline_color": outline, "outline_width": str(width)})
    return symbol


def planning_color(code, table=None):
    table = table or planning_codes()
    code = (code or "").strip()
    for n in (len(code), 6, 4, 2):
        hit = table.get(code[:n])
        if hit:
            return hit["color"]
    return "#cccccc"


def code_renderer(layer, field, kind="planning"):
    """A categorised renderer for the codes present in the layer, in code order."""
    table = planning_codes()
    survey = load_survey_codes(resource_path("codes", "survey_codes.csv")) if kind == "survey" else {}
    cross = SurveyCrosswalk() if kind == "survey" else None
    idx = layer.fields().indexOf(field)
    values = sorted({str(v) for v in layer.uniqueValues(idx) if v not in (None, "")})
    cats = []
    for value in values:
        if kind == "survey":
            color = planning_color(cross.convert(value)[0] or "", table)
            name = survey.get(value.rstrip("K"), {}).get("name_zh", value)
        else:
            color = planning_color(value, table)
            name = table.get(value, {}).get("name_zh", value)
        cats.append(QgsRendererCategory(value, _fill(color), "{} {}".format(value, name)))
    return QgsCategorizedSymbolRenderer(field, cats)


def outline_symbol(color, width=0.8, dash=False, fill=None):
    layer = QgsSimpleFillSymbolLayer()
    layer.setFillColor(QColor(fill) if fill else QColor(0, 0, 0, 0))
    if not fill:
        layer.setBrushStyle(Qt.BrushStyle.NoBrush)
    layer.setStrokeColor(QColor(color))
    layer.setStrokeWidth(width)
    if dash:
        layer.setStrokeStyle(Qt.PenStyle.DashLine)
    symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
    symbol.changeSymbolLayer(0, layer)
    return symbol


def apply_standard_style(layer):
    """Style a land-use layer by its codes (planning codes first, else survey codes); returns the field used."""
    from .fields import find_field

    for candidates, kind in ((("GHDLBM", "PLAN_CODE", "GHDM", "CODE_2023"), "planning"), (("DLBM",), "survey")):
        field = find_field(layer, candidates)
        if field:
            layer.setRenderer(code_renderer(layer, field, kind))
            layer.triggerRepaint()
            return field
    return None
