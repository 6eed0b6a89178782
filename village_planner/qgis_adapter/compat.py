"""Calls whose form differs between the QGIS versions the plugin supports.

Every version difference is decided here, once; the rest of the plugin calls these.
"""

from qgis.core import Qgis, QgsField, QgsFields, QgsLayoutExporter, QgsTextFormat, QgsUnitTypes
from qgis.PyQt.QtCore import QMetaType

from ..core.i18n import N_
from .i18n import tr

QGIS_VERSION = Qgis.QGIS_VERSION_INT
# QgsField takes QMetaType types from QGIS 3.38 on (the QVariant form is deprecated there)
FIELDS_BY_METATYPE = QGIS_VERSION >= 33800
FIELD_TYPES = {
    # kind: (QMetaType type name, QVariant type name)
    "text": ("QString", "String"),
    "float": ("Double", "Double"),
    "ha": ("Double", "Double"),
    "int": ("Int", "Int"),
    "long": ("LongLong", "LongLong"),
    "bool": ("Bool", "Bool"),
    "date": ("QDate", "Date"),
    "datetime": ("QDateTime", "DateTime"),
}


def field_type(kind):
    """The type a QgsField of a core kind takes on this QGIS: a QMetaType from 3.38 (and always with Qt 6,
    which has no QVariant.Type), a QVariant type before."""
    metatype, variant = FIELD_TYPES[kind]
    if FIELDS_BY_METATYPE:
        return getattr(QMetaType.Type, metatype)
    from qgis.PyQt.QtCore import QVariant  # Qt 5 only: QGIS before 3.38 never runs on Qt 6

    return getattr(QVariant.Type, variant)


def new_field(name, kind, length=0):
    """A QgsField of one of the core's kinds ("text", "float"/"ha", "int", "long", "bool", "date", "datetime")."""
    return QgsField(name, field_type(kind), len=length)


def empty_extent():
    """A rectangle that any combineExtentWith() replaces: setNull() from QGIS 3.34, setMinimal() before."""
    from qgis.core import QgsRectangle

    rect = QgsRectangle()
    if hasattr(rect, "setNull"):
        rect.setNull()
    else:
        rect.setMinimal()
    return rect


def fields_of(spec):
    """QgsFields of a [(name, kind)] spec, e.g. core.ledger.COLUMNS."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(new_field(name, kind))
    return fields

_EXPORT_ERRORS = {
    QgsLayoutExporter.ExportResult.Canceled: N_("Export was cancelled."),
    QgsLayoutExporter.ExportResult.MemoryError: N_("Not enough memory to export the layout."),
    QgsLayoutExporter.ExportResult.FileError: N_("The file {path} could not be written (folder missing, read-only, "
                                                 "or the file is open in another program)."),
    QgsLayoutExporter.ExportResult.PrintError: N_("The layout could not be printed."),
    QgsLayoutExporter.ExportResult.SvgLayerError: N_("The layout could not be exported as SVG layers."),
    QgsLayoutExporter.ExportResult.IteratorError: N_("The map book's pages could not be prepared."),
}


def layout_export_error(exporter, result, path):
    """A translated message for a failed QgsLayoutExporter export.

    ``QgsLayoutExporter.errorMessage()`` exists only from QGIS 3.34 on; before that the
    result code is all there is.
    """
    detail = ""
    if exporter is not None and hasattr(exporter, "errorMessage"):
        detail = exporter.errorMessage() or ""
    text = _EXPORT_ERRORS.get(result)
    message = tr(text).format(path=path) if text else tr("The export of {path} failed (code {code}).").format(
        path=path, code=int(result))
    return "{} {}".format(message, detail).strip()


def _text_format(font):
    fmt = QgsTextFormat.fromQFont(font)
    fmt.setSize(font.pointSizeF())
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    return fmt


def set_label_font(label, font):
    """A layout label's font: its text format where QGIS has one (3.24+), else the QFont (3.22)."""
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(_text_format(font))
    else:
        label.setFont(font)


def label_font(label):
    return label.textFormat().toQFont() if hasattr(label, "textFormat") else label.font()


def set_legend_font(legend, style_role, font):
    """The font of one legend style (title, group, symbol label...)."""
    style = legend.style(style_role)
    if hasattr(style, "setTextFormat"):  # QGIS 3.30+
        style.setTextFormat(_text_format(font))
    else:
        style.setFont(font)
    legend.setStyle(style_role, style)
