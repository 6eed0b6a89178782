"""Writing and reading back the submission database: a File Geodatabase (GDAL's OpenFileGDB
driver, which the bureaus' ArcGIS systems read) or a GeoPackage, one per village."""

import os
import shutil

import pandas as pd
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.errors import VillagePlannerError
from .compat import new_field
from .i18n import tr
from .layers import plain

DRIVERS = {"gdb": "OpenFileGDB", "gpkg": "GPKG"}
GEOMETRY = {"Polygon": QgsWkbTypes.Type.MultiPolygon, "Point": QgsWkbTypes.Type.Point,
            "LineString": QgsWkbTypes.Type.MultiLineString, None: QgsWkbTypes.Type.NoGeometry}


class SubmissionWriteError(VillagePlannerError):
    pass


def schema_fields(field_defs):
    """QgsFields of a layer or table definition: [{name, type, length, alias}]."""
    fields = QgsFields()
    for spec in field_defs:
        kind = {"long": "long", "int": "int", "float": "float", "date": "date"}.get(spec["type"], "text")
        field = new_field(spec["name"], kind, spec.get("length", 0) if kind == "text" else 0)
        if spec.get("alias"):
            field.setAlias(spec["alias"])
        fields.append(field)
    return fields


def remove_database(path):
    """Remove a database (a .gdb is a folder)."""
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def written_by_plugin(path):
    """True when ``path`` is a submission database this plugin wrote (its VP_META table names a schema)."""
    layer = QgsVectorLayer("{}|layername=VP_META".format(path), "meta", "ogr")
    try:
        if not layer.isValid() or layer.fields().indexOf("KEY") < 0:
            return False
        return any(f["KEY"] == "schema" for f in layer.getFeatures())
    finally:
        del layer


def replace_database(built, target):
    """Put a database built under a temporary name in the place of ``target`` (an earlier build of ours)."""
    remove_database(target)
    os.replace(built, target)


def write_layer(path, fmt, name, alias, field_defs, geometry, crs, rows, geoms=None):
    """Write one layer (or attribute table, ``geometry`` None) into the database at ``path``.

    ``rows``: dicts by field name; ``geoms``: WKB per row (planar, in ``crs``) or None.
    """
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = DRIVERS[fmt]
    options.layerName = name
    options.fileEncoding = "UTF-8"
    exists = os.path.exists(path)
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer if exists
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
    if fmt == "gdb" and alias:
        options.layerOptions = ["LAYER_ALIAS=" + alias]
    fields = schema_fields(field_defs)
    writer = QgsVectorFileWriter.create(path, fields, GEOMETRY[geometry], crs, QgsCoordinateTransformContext(),
                                        options)
    if writer is None or writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        message = writer.errorMessage() if writer is not None else ""
        del writer
        raise SubmissionWriteError(tr("Layer {layer} cannot be written into {path}: {error}").format(
            layer=name, path=path, error=message))
    names = [f["name"] for f in field_defs]
    for i, row in enumerate(rows):
        feat = QgsFeature(fields)
        feat.setAttributes([row.get(n) for n in names])
        if geoms is not None and geoms[i] is not None:
            geom = QgsGeometry()
            geom.fromWkb(geoms[i])
            if geometry == "Polygon":
                geom.convertToMultiType()
            feat.setGeometry(geom)
        if not writer.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
            message = writer.errorMessage()
            del writer
            raise SubmissionWriteError(tr("Feature {n} of layer {layer} cannot be written into {path}: {error}").format(
                n=i + 1, layer=name, path=path, error=message))
    del writer  # closes the layer
    return name


def open_layer(path, name):
    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    return layer if layer.isValid() else None


def layer_field_kinds(layer):
    """{field name: (kind, length)} with the kinds of the schema file."""
    out = {}
    for f in layer.fields():
        type_name = (f.typeName() or "").lower()
        if any(t in type_name for t in ("string", "text", "char")):
            kind = "text"
        elif any(t in type_name for t in ("integer64", "int8", "bigint", "int64")):
            kind = "long"
        elif "int" in type_name:
            kind = "int"
        elif any(t in type_name for t in ("real", "double", "float", "numeric", "decimal")):
            kind = "float"
        elif "date" in type_name:
            kind = "date"
        else:
            kind = type_name
        out[f.name()] = (kind, f.length())
    return out


def layer_rows(layer):
    """The layer's attributes as a DataFrame with 'fid' (a GeoPackage's own fid column is that id)."""
    keep = [i for i, f in enumerate(layer.fields()) if f.name().lower() != "fid"]
    names = [layer.fields().at(i).name() for i in keep]
    rows = [[f.id()] + [plain(f.attributes()[i]) for i in keep] for f in layer.getFeatures()]
    return pd.DataFrame(rows, columns=["fid"] + names)
