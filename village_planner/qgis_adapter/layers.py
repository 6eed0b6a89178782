"""Read QGIS layers into what the core eats: pandas frames and shapely arrays.

Geometries are reprojected to one planar CRS (the parcels' own when projected,
otherwise the CGCS2000 3-degree Gauss-Kruger zone of the data). Official areas
always come from the survey's attributes, never from geometry.
"""

import os
import struct

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
)

from .i18n import tr


def layer_label(layer):
    """The name to show for a layer in messages.

    Processing names a layer opened from ``file.gpkg|layername=DLTB`` after the
    file ("file"); the planner knows it as DLTB, so the sublayer name is used.
    """
    if layer is None:
        return ""
    name = layer.name()
    source = layer.source()
    if "layername=" in source:
        sub = source.split("layername=")[1].split("|")[0]
        base = os.path.basename(source.split("|")[0])
        # QGIS names the layer after the file up to its first dot ("t_12.5平方米.gpkg" -> "t_12")
        if sub and name in (os.path.splitext(base)[0], base.split(".")[0]):
            return sub
    return name


def gk_zone_crs(longitude):
    """CGCS2000 3-degree Gauss-Kruger CRS (no zone prefix) for a longitude."""
    cm = int(round(longitude / 3.0)) * 3
    cm = min(max(cm, 75), 135)
    return QgsCoordinateReferenceSystem("EPSG:%d" % (4534 + (cm - 75) // 3))


def working_crs(layer):
    """The planar CRS in which overlays are computed for this parcel layer."""
    crs = layer.crs()
    if crs.isValid() and not crs.isGeographic():
        return crs
    extent = layer.extent()
    if crs.isValid() and crs != QgsCoordinateReferenceSystem("EPSG:4326") and crs.authid() != "EPSG:4490":
        ct = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
        extent = ct.transformBoundingBox(extent)
    return gk_zone_crs(extent.center().x())


def guess_shapefile_encoding(layer):
    """'GB18030' for a Shapefile whose text is GBK but that declares no code page; else None."""
    if layer is None or layer.providerType() != "ogr":
        return None
    path = layer.source().split("|")[0]
    if not path.lower().endswith(".shp"):
        return None
    base = path[:-4]
    if any(os.path.exists(base + ext) for ext in (".cpg", ".CPG")):
        return None
    dbf = next((base + ext for ext in (".dbf", ".DBF") if os.path.exists(base + ext)), None)
    if dbf is None:
        return None
    with open(dbf, "rb") as fh:
        head = fh.read(32)
        if len(head) < 32:
            return None
        ldid = head[29]
        header_len = struct.unpack("<H", head[8:10])[0]
        fh.seek(header_len)
        sample = fh.read(1 << 20)
    if ldid not in (0,):
        return None  # a code page is declared in the file; GDAL honours it
    try:
        sample.decode("utf-8")
        return None  # plain ASCII or UTF-8: nothing to do
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "GB18030" if (layer.dataProvider().encoding() or "").upper() != "GB18030" else None


def readable_copy(layer, findings=None):
    """The layer itself, or, for a GBK Shapefile that declares no code page, a copy read as GBK.

    The user's layer is never changed by a job or a check; the finding says what was done.
    """
    encoding = guess_shapefile_encoding(layer)
    if encoding is None:
        return layer
    copy = layer.clone()
    copy.setProviderEncoding(encoding)
    if findings is not None:
        findings.warning(
            tr("Layer {layer} declares no text encoding; its text was read as GBK/GB18030. The layer in the "
               "project is unchanged: set its encoding in the layer properties (Source) to see its names "
               "right.").format(layer=layer.name()),
            layer=layer.name(), code="encoding_guessed")
    return copy


def readable_layers(layers, findings):
    """{kind: readable_copy(layer)} for a job's layers; a layer without a CRS is read (as a copy) in the
    parcels' CRS, or in the CRS of the first other layer that has one."""
    out = {kind: readable_copy(layer, findings) if layer is not None else None for kind, layer in layers.items()}
    known = [layer for layer in [out.get("parcels")] + list(out.values())
             if layer is not None and layer.isValid() and layer.crs().isValid()]
    if not known:
        return out
    crs = known[0].crs()
    for kind, layer in out.items():
        if layer is None or not layer.isValid() or layer.crs().isValid():
            continue
        copy = layer.clone() if layer is layers.get(kind) else layer
        copy.setCrs(crs)
        out[kind] = copy
        findings.warning(
            tr("Layer {layer} has no coordinate reference system; it is read in {crs}, the CRS of layer "
               "{other}. If that is wrong, set its CRS in the layer properties.").format(
                layer=layer.name(), crs=crs.authid(), other=known[0].name()),
            layer=layer.name(), code="no_crs")
    return out


FAST_EXTENSIONS = (".gpkg", ".shp", ".gdb", ".sqlite", ".fgb")


def _ogr_source(layer):
    """(path, sublayer name, open options) when the layer can be read straight through OGR."""
    if layer.providerType() != "ogr" or layer.subsetString() or layer.isModified():
        return None
    parts = layer.source().split("|")
    path = parts[0]
    if not path.lower().rstrip("/").endswith(FAST_EXTENSIONS) or not os.path.exists(path):
        return None
    name = None
    for part in parts[1:]:
        if part.startswith("layername="):
            name = part[len("layername="):]
        elif part.startswith("layerid="):
            name = int(part[len("layerid="):])
        elif part:
            return None  # geometrytype=, subset= ...: leave it to QGIS
    options = []
    if path.lower().endswith(".shp"):
        encoding = layer.dataProvider().encoding()
        if encoding and encoding.upper() not in ("UTF-8", "SYSTEM"):
            options.append("ENCODING=" + encoding)
    return path, name, options


def _fast_read(layer, fields, with_geometry, target_crs):
    """Columnar read with GDAL's Arrow stream (GDAL >= 3.6); None when not applicable."""
    if with_geometry and target_crs is not None and layer.crs() != target_crs:
        return None
    if os.environ.get("VILLAGE_PLANNER_NO_FAST_READ"):
        return None
    src = _ogr_source(layer)
    if src is None:
        return None
    try:
        from osgeo import gdal, ogr  # noqa: F401
    except ImportError:
        return None
    path, name, options = src
    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=options)
        lyr = ds.GetLayer(name if name is not None else 0) if not isinstance(name, str) else ds.GetLayerByName(name)
        if lyr is None or not hasattr(lyr, "GetArrowStreamAsNumPy"):
            return None
        wanted = {v.upper() for v in fields.values() if v}
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        ignored = [n for n in names if n.upper() not in wanted]
        if not with_geometry:
            ignored.append("OGR_GEOMETRY")
        lyr.SetIgnoredFields(ignored)
        by_upper = {n.upper(): n for n in names}
        fid_col = lyr.GetFIDColumn() or "OGC_FID"
        geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
        cols = {key: [] for key, v in fields.items() if v}
        fids, wkbs = [], []
        stream = lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"])
        # a batch's arrays point into GDAL's buffers and are only valid until the next batch:
        # copy everything out before moving on
        for batch in stream:
            fids.append(np.array(batch[fid_col], copy=True))
            for key, fname in fields.items():
                if fname:
                    cols[key].append(_column(batch[by_upper[fname.upper()]]))
            if with_geometry:
                wkbs.append(_wkb_list(batch[geom_col]))
            del batch
        del stream
        lyr = None
        ds = None
    except Exception:  # any surprise: the general path reads it
        return None
    frame = pd.DataFrame({"fid": np.concatenate(fids) if fids else np.array([], dtype=np.int64)})
    for key, parts in cols.items():
        frame[key] = pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype=object)
    geoms = from_wkbs([w for arr in wkbs for w in arr]) if with_geometry else None
    return frame, geoms


def from_wkbs(wkbs):
    """A shapely array of WKB blobs, None where a blob is None (a NULL geometry)."""
    geoms = np.empty(len(wkbs), dtype=object)
    present = np.array([w is not None for w in wkbs], dtype=bool)
    if present.any():
        geoms[present] = shapely.from_wkb([w for w in wkbs if w is not None])
    return geoms


def _wkb_list(arr):
    """WKB blobs of an Arrow geometry column, None for NULL geometries.

    NULLs arrive as masked entries of a masked array (``numpy.ma.masked``), not as None.
    """
    mask = np.ma.getmaskarray(arr) if np.ma.isMaskedArray(arr) else np.zeros(len(arr), dtype=bool)
    data = np.ma.getdata(arr)
    blobs = [None if (masked or item is None) else bytes(item) for item, masked in zip(data, mask)]
    return [blob if blob else None for blob in blobs]


def _column(arr):
    """A numpy (masked) column from the Arrow stream as a pandas Series with None/NaN for nulls."""
    mask = np.ma.getmaskarray(arr).copy() if np.ma.isMaskedArray(arr) else None
    data = np.array(np.ma.getdata(arr), copy=True)
    if data.dtype.kind == "S":
        # codes repeat a lot: decode each distinct value once
        codes, uniques = pd.factorize(data)
        decoded = np.array([u.decode("utf-8", "replace") for u in uniques], dtype=object)
        series = pd.Series(decoded[codes] if len(codes) else np.array([], dtype=object))
    elif data.dtype.kind == "O":
        series = pd.Series([v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in data], dtype=object)
    else:
        series = pd.Series(data)
    if mask is not None and mask.any():
        series = series.astype(object).where(~mask, None) if data.dtype.kind in "SO" else series.where(~mask)
    return series


def read_attributes(layer, fields, feedback=None, with_geometry=False, target_crs=None, progress=(0, 100)):
    """Read the given fields ({column: field name}) of every feature.

    Returns (DataFrame with 'fid' and one column per key, geometry array or None).
    Geometry is transformed to ``target_crs`` when given. File layers (GeoPackage,
    Shapefile, File Geodatabase) without a filter or pending edits are read as
    columns through GDAL; everything else goes through QGIS feature by feature.
    """
    fast = _fast_read(layer, fields, with_geometry, target_crs)
    if fast is not None:
        if feedback is not None:
            feedback.setProgress(progress[0] + progress[1])
        return fast
    names = [f for f in fields.values() if f]
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(names, layer.fields())
    if not with_geometry:
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    transform = None
    if with_geometry and target_crs is not None and layer.crs() != target_crs:
        transform = QgsCoordinateTransform(layer.crs(), target_crs, QgsProject.instance())
    total = max(layer.featureCount(), 1)
    idx = {key: layer.fields().indexOf(name) for key, name in fields.items() if name}
    cols = {key: [] for key in idx}
    fids, wkbs = [], []
    step = max(total // 50, 1000)
    start, span = progress
    for n, feat in enumerate(layer.getFeatures(request)):
        if n % step == 0 and feedback is not None:
            if feedback.isCanceled():
                break
            feedback.setProgress(start + span * n / total)
        fids.append(feat.id())
        attrs = feat.attributes()
        for key, i in idx.items():
            cols[key].append(attrs[i])
        if with_geometry:
            geom = feat.geometry()
            if geom.isNull():
                wkbs.append(None)
                continue
            if transform is not None:
                geom.transform(transform)
            wkbs.append(bytes(geom.asWkb()))
    frame = pd.DataFrame({"fid": fids, **cols})
    for key in idx:
        frame[key] = frame[key].map(plain)
    return frame, (from_wkbs(wkbs) if with_geometry else None)


def is_null(value):
    """True for None and for QGIS's NULL (a null QVariant)."""
    return value is None or (hasattr(value, "isNull") and value.isNull())


def plain(value):
    """QVariant NULL -> None; everything else unchanged."""
    if value is None:
        return None
    try:
        if value.isNull():  # QVariant
            return None
    except AttributeError:
        pass
    return value


def read_geometries(layer, target_crs, feedback=None):
    """All geometries of a layer as a shapely array in ``target_crs``, with feature ids."""
    frame, geoms = read_attributes(layer, {}, feedback, with_geometry=True, target_crs=target_crs)
    return frame["fid"].to_numpy(), geoms
