"""One export class behind every way of printing the three village maps.

The layout is built from a .qpt template when the user gives one (items are
found by their ids: title, map, legend, inset, scalebar, scale_text, crs_note,
info, table) or from the built-in design. Text uses a CJK font whose PDF text
layer is right (WenQuanYi Micro Hei), with Windows fallbacks.
"""

import os

from qgis.core import (
    QgsAbstractLayoutIterator,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import VillagePlannerError
from ..core.i18n import N_
from ..qgis_adapter.compat import label_font, layout_export_error, set_label_font, set_legend_font
from ..qgis_adapter.fields import find_field
from ..qgis_adapter.i18n import tr, translator_for
from ..qgis_adapter.layers import is_null
from ..qgis_adapter.styles import apply_standard_style, outline_symbol

FONT = "WenQuanYi Micro Hei"
QFont.insertSubstitutions(FONT, ["Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "SimSun"])
PAPERS = {"A4": (297, 210), "A3": (420, 297), "A1": (841, 594)}
MAPS = {
    "current": N_("Village-wide current land use map"),
    "plan": N_("Village-wide land and space use plan map"),
    "control": N_("Control boundaries map"),
}
# the exporter's layers by the parameter (layer role, qgis_adapter/roles.py) that gives them
LAYER_KEYS = {"VILLAGES": "villages", "CURRENT_LANDUSE": "current", "PLANNED_LANDUSE": "planned",
              "BASIC_FARMLAND": "basic_farmland", "ECO_REDLINE": "eco_redline", "DEV_BOUNDARY": "dev_boundary",
              "CONSTRUCTION_BOUNDARY": "construction_boundary"}
REQUIRED_LAYERS = ("VILLAGES", "CURRENT_LANDUSE")
TITLE_ZH = {"current": "村域综合现状图", "plan": "村域国土空间规划图", "control": "国土空间管控边界图"}


def _font(size, bold=False):
    font = QFont(FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


class VillageMapExporter:
    """Builds and exports the village maps; used by the algorithm, the dialog and scripts."""

    def __init__(self, layers, settings):
        """layers: {villages, current, planned, basic_farmland, eco_redline, dev_boundary, construction_boundary};
        settings: {paper, dpi, template, period, unit, date, lang}."""
        self.layers = {k: v for k, v in layers.items() if v is not None}
        self.settings = settings
        self.tr = translator_for(settings.get("lang", "zh"))  # the map's language, not the interface's
        if settings.get("template"):
            check_template(settings["template"])
        self.project = QgsProject()
        self._styled = {}
        self._layouts = {}
        if self.layers.get("villages") is not None:
            self.project.setCrs(self.layers["villages"].crs())
        for key, layer in self.layers.items():
            clone = layer.clone()
            self.project.addMapLayer(clone)
            self._styled[key] = clone
        self._style()

    def _style(self):
        s = self._styled
        for key in ("current", "planned"):
            if s.get(key) is not None:
                apply_standard_style(s[key])
        outlines = {"villages": ("#000000", 0.6, False, None), "basic_farmland": ("#e6b800", 0.3, False, "#fff2a8"),
                    "eco_redline": ("#d00000", 0.8, False, None), "dev_boundary": ("#7b2cbf", 0.8, True, None),
                    "construction_boundary": ("#ff6600", 0.6, True, None)}
        for key, (color, width, dash, fill) in outlines.items():
            layer = s.get(key)
            if layer is not None:
                layer.setRenderer(QgsSingleSymbolRenderer(outline_symbol(color, width, dash, fill)))
        labels = {"villages": self.tr("Village boundary"), "basic_farmland": self.tr("Permanent basic farmland"),
                  "eco_redline": self.tr("Ecological protection red line"),
                  "dev_boundary": self.tr("Urban development boundary"),
                  "construction_boundary": self.tr("Village construction boundary")}
        for key, name in labels.items():
            if key in s:
                s[key].setName(name)
        for key, name in (("current", self.tr("Current land use")), ("planned", self.tr("Planned land use"))):
            if key in s:
                s[key].setName(name)

    def map_layers(self, kind):
        s = self._styled
        order = {"current": ["villages", "current"],
                 "plan": ["villages", "construction_boundary", "planned"],
                 "control": ["villages", "eco_redline", "construction_boundary", "dev_boundary", "basic_farmland"]}
        return [s[k] for k in order[kind] if k in s]

    def available(self, kind):
        return {"current": "current" in self._styled, "plan": "planned" in self._styled,
                "control": any(k in self._styled for k in ("basic_farmland", "eco_redline",
                                                             "construction_boundary"))}[kind]

    # -- the layout -------------------------------------------------------------
    def build(self, kind, village):
        """The print layout of one map, filled for one village (dict: code, name, bbox, figures).

        Like an atlas, one layout per map is made once and refilled for each village.
        """
        layout = self._layouts.get(kind)
        if layout is None:
            layout = QgsPrintLayout(self.project)
            layout.initializeDefaults()
            template = self.settings.get("template")
            if template:
                load_template(layout, template)
            else:
                self._default_design(layout)
            self._layouts[kind] = layout
        self._fill(layout, kind, village)
        return layout

    def _default_design(self, layout):
        w, h = PAPERS.get(self.settings.get("paper", "A3"), PAPERS["A3"])
        page = layout.pageCollection().page(0)
        page.setPageSize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        m = 10
        side = min(125, w * 0.29)

        def add(item, item_id, x, y, iw, ih):
            item.setId(item_id)
            layout.addLayoutItem(item)
            item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
            item.attemptResize(QgsLayoutSize(iw, ih, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
            return item

        title = add(QgsLayoutItemLabel(layout), "title", m, m - 2, w - 2 * m, 16)
        set_label_font(title, _font(max(16, w / 20), True))
        title.setHAlign(0x0004)  # centred
        add(QgsLayoutItemMap(layout), "map", m, m + 16, w - 3 * m - side, h - 2 * m - 26).setFrameEnabled(True)
        inset = add(QgsLayoutItemMap(layout), "inset", w - m - side, m + 16, side, side * 0.75)
        inset.setFrameEnabled(True)
        legend = add(QgsLayoutItemLegend(layout), "legend", w - m - side, m + 20 + side * 0.75, side,
                     h * 0.4)
        k = w / 420.0  # text follows the paper: A3 is the reference
        set_legend_font(legend, QgsLegendStyle.Style.Title, _font(9 * k, True))
        for style in (QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup):
            set_legend_font(legend, style, _font(7 * k, True))
        set_legend_font(legend, QgsLegendStyle.Style.SymbolLabel, _font(6.5 * k))
        legend.setResizeToContents(True)
        legend.setSymbolWidth(5 * k)
        legend.setSymbolHeight(3 * k)
        table = add(QgsLayoutItemLabel(layout), "table", w - m - side, h - m - 44, side, 20)
        set_label_font(table, _font(7 * k))
        info = add(QgsLayoutItemLabel(layout), "info", w - m - side, h - m - 20, side, 18)
        set_label_font(info, _font(7 * k))
        bar = add(QgsLayoutItemScaleBar(layout), "scalebar", m + 4, h - m - 22, 80, 10)
        bar.setStyle("Single Box")
        fmt = bar.textFormat()
        fmt.setFont(_font(8 * k))
        fmt.setSize(8 * k)
        fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
        bar.setTextFormat(fmt)
        scale_text = add(QgsLayoutItemLabel(layout), "scale_text", m + 4, h - m - 30, 50, 7)
        set_label_font(scale_text, _font(9 * k))
        crs = add(QgsLayoutItemLabel(layout), "crs_note", m + 4, h - m - 9, 150, 7)
        set_label_font(crs, _font(8 * k))
        arrow = add(QgsLayoutItemPicture(layout), "north", m + 4, m + 20, 14, 18)
        arrow.setPicturePath(":/images/north_arrows/layout_default_north_arrow.svg")

    def _fill(self, layout, kind, village):
        if village.get("bbox") is None:
            raise MapError(tr("Village {code} has no geometry in the village layer (feature {fid}); its maps "
                              "cannot be drawn.").format(code=village["code"], fid=village.get("fid")))
        items = {i.id(): i for i in layout.items() if hasattr(i, "id") and i.id()}
        layers = self.map_layers(kind)
        # plan books are Chinese documents: the map titles keep their standard Chinese names
        title_text = "{}{}".format(village["name"] or village["code"], TITLE_ZH[kind])
        if "title" in items:
            items["title"].setText(title_text)
        extent = QgsRectangle(village["bbox"])
        extent.scale(1.12)
        map_item = main_map(layout)
        if map_item is not None:
            map_item.setLayers(layers)
            map_item.setCrs(layers[0].crs() if layers else self.project.crs())
            map_item.setExtent(fit(extent, map_item.rect().width(), map_item.rect().height()))
            map_item.setBackgroundColor(QColor(255, 255, 255))
        inset = items.get("inset")
        if inset is not None and "villages" in self._styled:
            inset.setLayers([self._styled["villages"]])
            whole = QgsRectangle(self._styled["villages"].extent())
            whole.scale(1.05)
            inset.setExtent(fit(whole, inset.rect().width(), inset.rect().height()))
            if map_item is not None:
                overview = inset.overview()
                overview.setLinkedMap(map_item)
        legend = items.get("legend")
        if legend is not None and not getattr(layout, "_vp_legend_ready", False):
            # the same layers for every village: the legend filter follows the map extent by itself
            legend.setAutoUpdateModel(False)
            root = legend.model().rootGroup()
            root.removeAllChildren()
            for layer in layers:
                root.addLayer(layer)
            legend.setLegendFilterByMapEnabled(True)
            legend.setLinkedMap(map_item)
            legend.setTitle(self.tr("Legend"))
            count = sum(max(1, len(legend.model().layerLegendNodes(n))) for n in root.findLayers())
            legend.setColumnCount(2 if count > 16 else 1)
            legend.setSplitLayer(True)
            layout._vp_legend_ready = True
        if "scalebar" in items and map_item is not None:
            bar = items["scalebar"]
            bar.setLinkedMap(map_item)
            bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
            bar.setUnitLabel("m")
            bar.setNumberOfSegments(4)
            bar.setUnitsPerSegment(nice_step(extent.width() / 16))
        if "scale_text" in items and map_item is not None:
            items["scale_text"].setText("1:{:,.0f}".format(map_item.scale()))
        if "crs_note" in items:
            crs = layers[0].crs() if layers else None
            items["crs_note"].setText(self.tr("Coordinate system: {crs}").format(
                crs="{} {}".format(crs.authid(), crs.description()) if crs else "-"))
        if "info" in items:
            items["info"].setText("\n".join([
                self.tr("Planning period: {period}").format(period=self.settings.get("period") or "2021—2035"),
                self.tr("Compiled by: {unit}").format(unit=self.settings.get("unit") or "-"),
                self.tr("Date: {date}").format(date=self.settings.get("date") or ""),
            ]))
        if "table" in items:
            fig = village.get("figures") or {}
            items["table"].setText("\n".join("{}: {}".format(k, v) for k, v in fig.items()))
        if not getattr(layout, "_vp_fonts_set", False):
            for item in items.values():
                if isinstance(item, QgsLayoutItemLabel):
                    font = label_font(item)
                    font.setFamily(FONT)
                    set_label_font(item, font)
            layout._vp_fonts_set = True
        if legend is not None:
            legend.updateFilterByMap()

    # -- exporting ----------------------------------------------------------------
    def export(self, layout, path_base, fmt="PDF", dpi=200):
        exporter = QgsLayoutExporter(layout)
        paths = []
        if fmt in ("PDF", "BOTH"):
            s = QgsLayoutExporter.PdfExportSettings()
            s.dpi = dpi
            s.rasterizeWholeImage = False
            s.textRenderFormat = QgsRenderContext.TextFormatAlwaysText  # searchable Chinese
            result = exporter.exportToPdf(path_base + ".pdf", s)
            if result != QgsLayoutExporter.ExportResult.Success:
                raise MapError(layout_export_error(exporter, result, path_base + ".pdf"))
            paths.append(path_base + ".pdf")
        if fmt in ("PNG", "BOTH"):
            s = QgsLayoutExporter.ImageExportSettings()
            s.dpi = dpi
            result = exporter.exportToImage(path_base + ".png", s)
            if result != QgsLayoutExporter.ExportResult.Success:
                raise MapError(layout_export_error(exporter, result, path_base + ".png"))
            paths.append(path_base + ".png")
        return paths


class BookIterator(QgsAbstractLayoutIterator):
    """Pages of a map book: each step fills the layout of one (village, map) pair."""

    def __init__(self, exporter, pages):
        super().__init__()
        self.exporter = exporter
        self.pages = pages
        self.index = -1
        self.current = None

    def count(self):
        return len(self.pages)

    def beginRender(self):  # noqa: N802
        self.index = -1
        return True

    def endRender(self):  # noqa: N802
        return True

    def next(self):
        self.index += 1
        if self.index >= len(self.pages):
            return False
        village, kind = self.pages[self.index]
        self.current = self.exporter.build(kind, village)
        return True

    def filePath(self, base, extension):  # noqa: N802
        return base

    def layout(self):
        return self.current


def export_book(exporter, pages, path, dpi=150):
    """One PDF with every page of ``pages`` [(village, kind)] (for example all maps of one town)."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    iterator = BookIterator(exporter, pages)
    result, error = QgsLayoutExporter.exportToPdf(iterator, path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise MapError(error or layout_export_error(None, result, path))
    return path


def nice_step(value):
    """1, 2 or 5 times a power of ten, at or below ``value`` (metres per scale bar segment)."""
    import math

    if value <= 0:
        return 100
    power = 10 ** math.floor(math.log10(value))
    return max(step * power for step in (1, 2, 5) if step * power <= value)


def fit(extent, width, height):
    """The extent grown to the item's aspect ratio, centred (QgsLayoutItemMap.setExtent does not keep it)."""
    out = QgsRectangle(extent)
    if width <= 0 or height <= 0 or out.isEmpty():
        return out
    want = width / height
    have = out.width() / out.height()
    c = out.center()
    if have < want:
        half = out.height() * want / 2
        out.setXMinimum(c.x() - half)
        out.setXMaximum(c.x() + half)
    else:
        half = out.width() / want / 2
        out.setYMinimum(c.y() - half)
        out.setYMaximum(c.y() + half)
    return out


def villages_of(layer, codes=None):
    """[(code, name, town, bbox, feature id)] of a village layer, optionally only some codes."""
    from ..core.codes import village_code

    code_f = find_field(layer, ("VILLAGE_CODE", "ZLDWDM", "CJDM"))
    name_f = find_field(layer, ("VILLAGE_NAME", "ZLDWMC", "CJMC"))
    out = []
    for f in layer.getFeatures(QgsFeatureRequest()):
        code = village_code(f[code_f]) if code_f else str(f.id())
        if codes and code not in codes:
            continue
        geom = f.geometry()
        bbox = None if geom.isNull() or geom.isEmpty() else geom.boundingBox()
        name = _text(f[name_f]) if name_f else ""
        out.append({"code": code, "name": name, "bbox": bbox, "fid": f.id()})
    return out


def _text(value):
    """A feature's text value; NULL and blanks are ''."""
    if is_null(value):
        return ""
    return str(value).strip()


class MapError(VillagePlannerError):
    """A map or template that cannot be made; the message is for the user."""


def load_template(layout, path):
    """Fill ``layout`` from a .qpt file; MapError says what is wrong with the file."""
    if not path or not os.path.isfile(path):
        raise MapError(tr("The print layout template {path} does not exist.").format(path=path))
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise MapError(tr("The print layout template {path} cannot be read: {error}").format(
            path=path, error=exc)) from exc
    doc = QDomDocument()
    if not doc.setContent(text)[0] or doc.documentElement().tagName() != "Layout":
        raise MapError(tr("{path} is not a QGIS print layout template (.qpt).").format(path=path))
    _, ok = layout.loadFromTemplate(doc, QgsReadWriteContext())
    if not ok:
        raise MapError(tr("The print layout template {path} could not be loaded.").format(path=path))
    if main_map(layout) is None:
        raise MapError(tr("The print layout template {path} has no map item.").format(path=path))
    return layout


def main_map(layout):
    """The map item with the id 'map', else the largest map item that is not the inset."""
    maps = [i for i in layout.items() if isinstance(i, QgsLayoutItemMap)]
    named = [i for i in maps if i.id() == "map"]
    if named:
        return named[0]
    others = [i for i in maps if i.id() != "inset"]
    return max(others, key=lambda i: i.rect().width() * i.rect().height()) if others else None


def check_template(path):
    """Check a .qpt once, before any village is exported."""
    project = QgsProject()  # kept alive while the layout that refers to it exists
    layout = QgsPrintLayout(project)
    try:
        load_template(layout, path)
    finally:
        del layout
