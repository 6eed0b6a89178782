"""Field packages on the QGIS side: seed rows from the survey layers, clipped reference layers, the .qgz with forms.

The survey rows themselves are written by store/field_store.py; here QGIS layers become rows
(geometry as GeoPackage blobs in the database's CRS) and the package's project is built with
QGIS's own widgets (value maps, date, attachment, range), default values and constraints.
"""

import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsProject,
    QgsRasterLayer,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..core import field as fc
from ..core.codes import village_code
from ..core.errors import VillagePlannerError
from ..store.field_store import gpkg_blob
from .compat import empty_extent
from .i18n import tr
from .zone_areas import ellipsoidal_measure, measure

STATUS_COLOURS = {"在用": "#4daf4a", "闲置": "#ff7f00", "一户多宅": "#984ea3", "危房": "#e41a1c", "已拆除": "#999999"}
HOMESTEAD_CLASS = "0702"


class FieldPackageError(VillagePlannerError):
    """A field package cannot be made; the message names the layer or file."""


def srs_of(crs):
    """The GeoPackage srs entry (dict) of a QGIS CRS."""
    if not crs.isValid():
        raise FieldPackageError(tr("The survey parcels have no valid coordinate reference system."))
    auth = crs.authid()
    if auth.upper().startswith("EPSG:"):
        code = int(auth.split(":")[1])
        org, org_id = "EPSG", code
    else:
        code, org, org_id = 990001, "NONE", 990001
    return {"srs_id": code, "organization": org, "org_id": org_id, "name": crs.description() or auth,
            "definition": crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT1_GDAL)}


def crs_of_srs(srs):
    if srs["organization"].upper() == "EPSG":
        return QgsCoordinateReferenceSystem("EPSG:%d" % srs["org_id"])
    return QgsCoordinateReferenceSystem.fromWkt(srs["definition"])


def _field(layer, *names):
    by_lower = {f.name().lower(): f.name() for f in layer.fields()}
    for name in names:
        if name.lower() in by_lower:
            return by_lower[name.lower()]
    return None


def _blob(geometry, srs_id):
    box = geometry.boundingBox()
    return gpkg_blob(bytes(geometry.asWkb()), srs_id, (box.xMinimum(), box.yMinimum(), box.xMaximum(),
                                                       box.yMaximum()))


def _features(layer, crs, context):
    request = QgsFeatureRequest()
    request.setDestinationCrs(crs, context)
    return layer.getFeatures(request)


def parcel_seed(layer, villages, crs, srs_id, context):
    """(homestead seed rows of the villages, extent of the villages' parcels in ``crs``)."""
    code_f, class_f, bsm_f = _field(layer, "ZLDWDM"), _field(layer, "DLBM"), _field(layer, "BSM")
    area_f = _field(layer, "TBMJ")
    if code_f is None or class_f is None:
        raise FieldPackageError(tr("The survey parcels {layer} need the fields ZLDWDM and DLBM.").format(
            layer=layer.name()))
    wanted = set(villages)
    da = ellipsoidal_measure(crs, context)
    rows, extent = [], empty_extent()
    for feature in _features(layer, crs, context):
        code = village_code(feature[code_f])
        geometry = feature.geometry()
        if code not in wanted or geometry is None or geometry.isEmpty():
            continue
        extent.combineExtentWith(geometry.boundingBox())
        if str(feature[class_f] or "").strip() != HOMESTEAD_CLASS:
            continue
        # the survey's official area (TBMJ), else the ellipsoidal one: never a planar area, which is square
        # degrees for a delivery in EPSG:4490; a homestead in several parts becomes one row per part
        official = _number(feature[area_f]) if area_f else None
        whole = measure(da, geometry)[0]
        parts = geometry.asGeometryCollection() if geometry.isMultipart() else [geometry]
        for part in parts:
            share = measure(da, part)[0] / whole if whole > 0 else 1.0 / len(parts)
            area = official * share if official is not None else measure(da, part)[0]
            rows.append({"village_code": code, "parcel_bsm": str(feature[bsm_f]) if bsm_f else None,
                         "area_m2": round(area, 2), fc.GEOM: _blob(part, srs_id)})
    return rows, extent


def _number(value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) and value >= 0 else None


def hazard_seed(layer, villages, values, crs, srs_id, context):
    code_f, kind_f, bsm_f = _field(layer, "ZLDWDM", "XZQDM"), _field(layer, "ZHLX"), _field(layer, "BSM")
    if code_f is None:
        raise FieldPackageError(tr("The hazard layer {layer} needs the field ZLDWDM.").format(layer=layer.name()))
    rows = []
    for feature in _features(layer, crs, context):
        code = village_code(feature[code_f])
        geometry = feature.geometry()
        if code not in villages or geometry is None or geometry.isEmpty():
            continue
        if geometry.isMultipart():
            geometry.convertToSingleType()
        kind = str(feature[kind_f] or "") if kind_f else ""
        rows.append({"village_code": code, "hazard_bsm": str(feature[bsm_f]) if bsm_f else None,
                     "hazard_type": kind if kind in values else "其他", fc.GEOM: _blob(geometry, srs_id)})
    return rows


def write_reference_layer(layer, gpkg, extent, crs, context, feedback=None):
    """Copy the part of ``layer`` within ``extent`` (clipped to it) into the package; returns its table name."""
    import processing  # QGIS's processing plugin: only at run time

    rect = "%.6f,%.6f,%.6f,%.6f [%s]" % (extent.xMinimum(), extent.xMaximum(), extent.yMinimum(),
                                         extent.yMaximum(), crs.authid())
    clipped = processing.run("native:extractbyextent", {"INPUT": layer, "EXTENT": rect, "CLIP": True,
                                                         "OUTPUT": "memory:"}, is_child_algorithm=False)["OUTPUT"]
    name = "ref_" + "".join(c if c.isalnum() else "_" for c in layer.name())
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.ct = QgsCoordinateTransform(clipped.crs(), crs, context)
    options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    result = QgsVectorFileWriter.writeAsVectorFormatV3(clipped, gpkg, context, options)
    if result[0] != QgsVectorFileWriter.WriterError.NoError:
        raise FieldPackageError(tr("The reference layer {layer} could not be written to the package: {error}").format(
            layer=layer.name(), error=result[1]))
    return name


def write_basemap(raster, gpkg, extent, crs, table="basemap"):
    """Clip ``raster`` to ``extent`` (in ``crs``) and store it as tiles in the package's GeoPackage (GDAL's
    translate to a GPKG raster table beside the vector layers); returns the table name."""
    from osgeo import gdal

    if raster.providerType() != "gdal":
        raise FieldPackageError(tr("The basemap {layer} is not a raster file; only file rasters can be packaged.")
                                .format(layer=raster.name()))
    source = raster.source()
    options = gdal.TranslateOptions(
        format="GPKG", projWin=[extent.xMinimum(), extent.yMaximum(), extent.xMaximum(), extent.yMinimum()],
        projWinSRS=crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT1_GDAL),
        creationOptions=["RASTER_TABLE=%s" % table, "APPEND_SUBDATASET=YES", "TILE_FORMAT=AUTO"])
    gdal.ErrorReset()
    result = gdal.Translate(gpkg, source, options=options)
    if result is None:
        raise FieldPackageError(tr("The basemap {layer} could not be clipped into the package: {error}").format(
            layer=raster.name(), error=gdal.GetLastErrorMsg() or "GDAL"))
    result = None  # closes the dataset: the tiles are written
    return table


def _quote(text):
    return "'%s'" % str(text).replace("'", "''")


def configure_form(layer, spec, surveyor, villages):
    """Aliases, widgets, defaults and constraints of one survey layer, from its forms entry."""
    fields = layer.fields()
    config = layer.editFormConfig()
    for f in spec["fields"]:
        idx = fields.indexOf(f["name"])
        if idx < 0:
            continue
        layer.setFieldAlias(idx, f["label_zh"])
        widget = f["widget"]
        if widget == "value_map":
            setup = QgsEditorWidgetSetup("ValueMap", {"map": [{v: v} for v in f["values"]]})
            values = ", ".join(_quote(v) for v in f["values"])
            layer.setConstraintExpression(idx, '"%s" IS NULL OR "%s" IN (%s)' % (f["name"], f["name"], values),
                                          tr("one of: {values}").format(values=" / ".join(f["values"])))
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        elif widget == "date":
            setup = QgsEditorWidgetSetup("DateTime", {"allow_null": True, "calendar_popup": True,
                                                      "display_format": "yyyy-MM-dd", "field_format": "yyyy-MM-dd",
                                                      "field_iso_format": False})
        elif widget == "photo":
            setup = QgsEditorWidgetSetup("ExternalResource", {
                "DocumentViewer": 1, "DocumentViewerHeight": 240, "DocumentViewerWidth": 320, "FileWidget": True,
                "FileWidgetButton": True, "RelativeStorage": 1, "StorageMode": 0, "FileWidgetFilter": "*.jpg *.jpeg "
                "*.png *.heic", "PropertyCollection": {"name": "0", "type": "collection", "properties": {
                    "propertyRootPath": {"active": True, "type": 3, "expression": "@project_folder || '/photos'"}}}})
        elif widget == "range":
            setup = QgsEditorWidgetSetup("Range", {"Min": f.get("min", 0), "Max": f.get("max", 9999), "Step": 1,
                                                   "Style": "SpinBox", "AllowNull": True})
        elif widget == "hidden":
            setup = QgsEditorWidgetSetup("Hidden", {})
        else:
            setup = QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False, "UseHtml": False})
        layer.setEditorWidgetSetup(idx, setup)
        if f["required"] and f["name"] != "uuid":
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintNotNull,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        if f.get("readonly"):
            config.setReadOnly(idx, True)
        default = None
        if f["name"] == "uuid":
            default = QgsDefaultValue("uuid('WithoutBraces')", False)
        elif f["name"] == "surveyor" and surveyor:
            default = QgsDefaultValue(_quote(surveyor), True)
        elif f["name"] == "surveyed_at":
            default = QgsDefaultValue("to_date(now())", True)
        elif f["name"] == "village_code" and len(villages) == 1:
            default = QgsDefaultValue(_quote(villages[0]), False)
        if default is not None:
            layer.setDefaultValueDefinition(idx, default)
    layer.setEditFormConfig(config)


def _status_renderer(layer):
    categories = []
    for value, colour in STATUS_COLOURS.items():
        symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
        symbol.setColor(QColor(colour))
        categories.append(QgsRendererCategory(value, symbol, value))
    symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
    symbol.setColor(QColor("#ffffff"))
    categories.append(QgsRendererCategory(None, symbol, tr("not yet verified")))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))


def build_project(folder, gpkg_name, project_name, forms, references, crs, surveyor, villages, basemap=None):
    """Write the package's .qgz (survey layers editable with their forms, reference layers read-only, the
    basemap's raster table, if any, at the bottom)."""
    project = QgsProject()
    project.setCrs(crs)
    project.setTitle(project_name)
    gpkg = os.path.join(folder, gpkg_name)
    layers = []
    if basemap:
        raster = QgsRasterLayer("GPKG:%s:%s" % (gpkg, basemap), tr("Basemap"), "gdal")
        if not raster.isValid():
            raise FieldPackageError(tr("The package layer {layer} cannot be opened.").format(layer=basemap))
        layers.append(raster)
    for name in references:
        layer = QgsVectorLayer("%s|layername=%s" % (gpkg, name), name[4:], "ogr")
        layer.setReadOnly(True)
        layers.append(layer)
    for name, spec in forms["layers"].items():
        layer = QgsVectorLayer("%s|layername=%s" % (gpkg, name), spec["label_zh"], "ogr")
        if not layer.isValid():
            raise FieldPackageError(tr("The package layer {layer} cannot be opened.").format(layer=name))
        configure_form(layer, spec, surveyor, villages)
        if name == "homestead_survey":
            _status_renderer(layer)
        layers.append(layer)
    project.addMapLayers(layers, False)
    root = project.layerTreeRoot()
    surveys = [lyr for lyr in layers if lyr.source().split("layername=")[-1] in forms["layers"]]
    points = [lyr for lyr in surveys if lyr.geometryType() == QgsWkbTypes.GeometryType.PointGeometry]
    others = [lyr for lyr in layers if lyr not in surveys]  # the basemap first, then the reference layers
    for layer in points + [lyr for lyr in surveys if lyr not in points] + others[::-1]:
        root.addLayer(layer)  # top to bottom: survey points, homesteads, reference layers, basemap
    path = os.path.join(folder, project_name + ".qgz")
    if not project.write(path):
        raise FieldPackageError(tr("The package project {path} could not be written: {error}").format(
            path=path, error=project.error()))
    project.clear()
    return path
