"""Parcels measured against their control zones, for the area balance (平差).

The QGIS part of ``villageplanner:adjustareas``: ellipsoidal areas on the CGCS2000
ellipsoid (QgsDistanceArea), the zone each parcel belongs to, and whether it touches
the zone's edge. The arithmetic is ``core.balance``.

Rules:

* A parcel belongs to the zone that contains the point on its surface
  (``pointOnSurface``, always inside the parcel, unlike a centroid); where zones
  overlap, the first zone in the layer's order takes it. A parcel crossing a zone
  border therefore counts whole in one zone, and shows up as a difference in both.
* A parcel touches the edge when it is not inside the zone shrunk by 0.5 m: shared
  vertices that differ in the last digits still count, and so do edges that were straight
  in another CRS (a 2.4 km straight edge in Gauss-Kruger bends by some 5 cm in degrees);
  a parcel sticking out of its zone is an edge parcel too.
* Parcels in no zone (and parcels without geometry) keep their own ellipsoidal area,
  rounded to 0.01 m2, and are listed as a warning.
* An invalid parcel geometry is measured after repair (makeValid) and listed as a
  warning; the geometry itself is written unchanged.
"""

from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsGeometry,
    QgsSpatialIndex,
    QgsUnitTypes,
)

from ..core.errors import VillagePlannerError
from .i18n import tr
from .layers import is_null

CGCS2000_ELLIPSOID = "EPSG:1024"  # the CGCS2000 ellipsoid (a = 6378137, 1/f = 298.257222101)
EDGE_TOLERANCE_M = 0.5
ZONE_CODE_FIELDS = ("ZLDWDM", "XZQDM", "CJDM", "village_code", "BSM")
ZONE_NAME_FIELDS = ("ZLDWMC", "XZQMC", "CJMC", "village_name", "NAME", "MC")


class ZoneAreaError(VillagePlannerError):
    """A control zone layer that cannot be used; the message names the layer and zone."""


def ellipsoidal_measure(crs, transform_context):
    """A QgsDistanceArea measuring on the CGCS2000 ellipsoid for geometries in ``crs``."""
    da = QgsDistanceArea()
    da.setSourceCrs(crs, transform_context)
    if not da.setEllipsoid(CGCS2000_ELLIPSOID):
        da.setEllipsoid("EPSG:7019")  # GRS 1980: CGCS2000's ellipsoid differs from it by 0.1 mm in b
    return da


def measure(da, geometry):
    """Ellipsoidal area (m2) of a geometry, repaired first when invalid. (area, was_invalid)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return 0.0, False
    if geometry.isGeosValid():
        return da.measureArea(geometry), False
    return da.measureArea(geometry.makeValid()), True


@dataclass
class Zone:
    fid: int
    key: str
    name: str
    control_m2: float
    geometry: QgsGeometry = None  # in the parcels' CRS
    parcels: list = field(default_factory=list)  # parcel feature ids
    areas: list = field(default_factory=list)  # their ellipsoidal areas (m2)
    edge: list = field(default_factory=list)  # whether each touches the zone's edge

    @property
    def label(self):
        return "{} {}".format(self.key, self.name).strip()


@dataclass
class Measured:
    zones: list
    outside: dict  # parcel id -> ellipsoidal area, for parcels in no zone
    invalid: list  # parcel ids measured after repair
    no_geometry: list  # parcel ids without geometry


def field_named(fields, names):
    """The spelling in ``fields`` (QgsFields) of the first of ``names`` it has (case-insensitive), or None."""
    have = {f.name().upper(): f.name() for f in fields}
    return next((have[n.upper()] for n in names if n.upper() in have), None)


def _text(value):
    if is_null(value):
        return ""
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def read_zones(features, fields, crs, label, target_crs, transform_context, area_field=None):
    """The control zones (``features`` in ``crs``, from a layer named ``label`` with ``fields``) in
    ``target_crs``, each with its control area.

    The control area is ``area_field`` when given (a zone without a usable value there is an
    error naming the zone), else the zone's own ellipsoidal area measured in its CRS.
    """
    code_f = field_named(fields, ZONE_CODE_FIELDS)
    name_f = field_named(fields, ZONE_NAME_FIELDS)
    da = ellipsoidal_measure(crs, transform_context)
    transform = None
    if crs != target_crs:
        transform = QgsCoordinateTransform(crs, target_crs, transform_context)
    zones = []
    for f in features:
        g = QgsGeometry(f.geometry())
        key = _text(f[code_f]) if code_f else ""
        key = key or "#{}".format(f.id())
        name = _text(f[name_f]) if name_f else ""
        if g.isNull() or g.isEmpty():
            raise ZoneAreaError(tr("Zone {zone} of layer {layer} has no geometry.").format(
                zone=key, layer=label))
        if area_field:
            value = f[area_field]
            try:
                control = float(value) if not is_null(value) else None
            except (TypeError, ValueError):
                control = None
            if control is None or control != control or control < 0 or control == float("inf"):
                raise ZoneAreaError(tr(
                    "Zone {zone} of layer {layer} has no usable control area in {field} ({value}).").format(
                    zone=key, layer=label, field=area_field, value=_text(value) or "NULL"))
        else:
            control, _ = measure(da, g)
        if not g.isGeosValid():
            g = g.makeValid()
        if transform is not None:
            g.transform(transform)
        zones.append(Zone(fid=f.id(), key=key, name=name, control_m2=control, geometry=g))
    return zones


def _edge_tolerance(crs):
    """EDGE_TOLERANCE_M in the map units of ``crs``."""
    factor = QgsUnitTypes.fromUnitToUnitFactor(QgsUnitTypes.DistanceUnit.DistanceMeters, crs.mapUnits())
    return EDGE_TOLERANCE_M * (factor if factor > 0 else 1.0)


def measure_parcels(features, count, crs, zones, transform_context, feedback=None):
    """Assign each parcel (``features``, ``count`` of them, in ``crs``) to a zone and measure it.

    Fills each zone's parcels, areas and edge flags, in the features' order. Returns a
    :class:`Measured`, or None when the feedback was cancelled.
    """
    da = ellipsoidal_measure(crs, transform_context)
    eps = _edge_tolerance(crs)
    index = QgsSpatialIndex()
    engines, inner = {}, {}
    for i, z in enumerate(zones):
        engine = QgsGeometry.createGeometryEngine(z.geometry.constGet())
        engine.prepareGeometry()
        engines[i] = engine
        shrunk = z.geometry.buffer(-eps, 4)
        if shrunk.isNull() or shrunk.isEmpty():
            inner[i] = None  # a zone thinner than 1 m: every parcel is on its edge
        else:
            e = QgsGeometry.createGeometryEngine(shrunk.constGet())
            e.prepareGeometry()
            inner[i] = e
        index.addFeature(i, z.geometry.boundingBox())
    outside, invalid, no_geometry = {}, [], []
    total = max(count, 1)
    step = max(total // 100, 500)
    for n, f in enumerate(features):
        if n % step == 0 and feedback is not None:
            if feedback.isCanceled():
                return None
            feedback.setProgress(60.0 * n / total)
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            no_geometry.append(f.id())
            outside[f.id()] = 0.0
            continue
        if g.isGeosValid():
            area = da.measureArea(g)
        else:
            g = g.makeValid()
            area = da.measureArea(g)
            invalid.append(f.id())
        point = g.pointOnSurface()
        hit = None
        if not point.isNull():
            p = point.constGet()
            for i in sorted(index.intersects(point.boundingBox())):
                if engines[i].intersects(p):
                    hit = i
                    break
        if hit is None:
            outside[f.id()] = area
            continue
        z = zones[hit]
        z.parcels.append(f.id())
        z.areas.append(area)
        z.edge.append(inner[hit] is None or not inner[hit].contains(g.constGet()))
    return Measured(zones=zones, outside=outside, invalid=invalid, no_geometry=no_geometry)
