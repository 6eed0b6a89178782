"""villageplanner:adjustareas (平差) on the sample county's planned layer against its village zones."""

import json
import os
from collections import defaultdict

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from tests.conftest import gpkg_layer

ogr.UseExceptions()


def _hundredths(x):
    return int(round(x * 100))


def _copy_planned(sample_dir, path, repair=True, drop_bsm=None, file="county.gpkg"):
    """GHDLTB and CJDCQ copied to ``path`` with GDAL; the planted bow-tie parcels made into their quads again
    (``repair``), and one parcel removed (``drop_bsm``) to plant a gap."""
    if os.path.exists(path):
        os.remove(path)
    src = ogr.Open(os.path.join(sample_dir, file))
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    for name in ("GHDLTB", "CJDCQ"):
        dst.CopyLayer(src.GetLayerByName(name), name)
    lyr = dst.GetLayerByName("GHDLTB")
    for f in list(lyr):
        if repair and f["BSM"] in _defects(sample_dir)["invalid_geometry_bsm"] and not f.GetGeometryRef().IsValid():
            ring = f.GetGeometryRef().GetGeometryRef(0)
            p1, p2 = ring.GetPoint_2D(1), ring.GetPoint_2D(2)
            ring.SetPoint_2D(1, *p2)  # the generator swapped vertices 1 and 2
            ring.SetPoint_2D(2, *p1)
            assert f.GetGeometryRef().IsValid()
            lyr.SetFeature(f)
        if f["BSM"] == drop_bsm:
            lyr.DeleteFeature(f.GetFID())
    dst = None
    return path


def _refusal(params):
    """The message of a run that must be refused. The exception is dropped here: its traceback holds the
    run's OGR layers, and a layer still alive when QGIS exits crashes the interpreter."""
    import processing

    try:
        processing.run("villageplanner:adjustareas", params)
    except QgsProcessingException as exc:
        return str(exc)
    pytest.fail("the run was not refused")


def _defects(sample_dir):
    with open(os.path.join(sample_dir, "defects.json"), encoding="utf-8") as fh:
        return json.load(fh)["defects"]


ORPHAN_CODE, ORPHAN_ZONE = "500230002999", "500230002001"  # a planted survey parcel whose ZLDWDM names no village


def _zone_sums(path, layer="balanced", area="TBMJ"):
    """{12-digit village code: sum of the area field in hundredths} read back with GDAL, and the features."""
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0) if layer is None else ds.GetLayerByName(layer)
    sums, values = defaultdict(int), {}
    for f in lyr:
        value = f[area]
        assert value is not None
        assert _hundredths(value) == pytest.approx(value * 100, abs=1e-6)  # stored at 0.01 m2
        sums[f["ZLDWDM"][:12]] += _hundredths(value)
        values[f["BSM"]] = value
    return sums, values


def _zone_areas(path):
    """Each zone's ellipsoidal area (CGCS2000) measured here with QgsDistanceArea, independently."""
    from qgis.core import QgsCoordinateTransformContext, QgsDistanceArea, QgsVectorLayer

    layer = QgsVectorLayer(path + "|layername=CJDCQ", "CJDCQ", "ogr")
    da = QgsDistanceArea()
    da.setSourceCrs(layer.crs(), QgsCoordinateTransformContext())
    assert da.setEllipsoid("EPSG:1024")
    out = {f["ZLDWDM"][:12]: (da.measureArea(f.geometry()), f["DCMJ"]) for f in layer.getFeatures()}
    del layer
    return out


def _balanced_sums(sample_dir, path, out, file_label, **params):
    import processing

    if os.path.exists(out):
        os.remove(out)
    res = processing.run("villageplanner:adjustareas", {
        "INPUT": path + "|layername=GHDLTB", "CONTROL": path + "|layername=CJDCQ",
        "OUTPUT": "ogr:dbname='%s' table=\"balanced\" (geom)" % out, "REPORT": "memory:", **params})
    sums, values = _zone_sums(out)
    # parcels are assigned by geometry, not by ZLDWDM: the orphan (a wrong code) lies in its zone and counts there
    # (when the planned layer carries the survey's mistyped code)
    sums[ORPHAN_ZONE] += sums.pop(ORPHAN_CODE, 0)
    report = {f["zone"][:12]: f for f in res["REPORT"].getFeatures()}
    return res, sums, report


@pytest.mark.parametrize("file", ["county.gpkg", "county_4490.gpkg"])
def test_each_zone_sums_to_its_ellipsoidal_area_at_a_hundredth(sample_dir, out_dir, vp_provider, file):
    """Read back with GDAL: per zone the parcels' TBMJ sum to the zone's CGCS2000 ellipsoidal area exactly at
    0.01 m2; in the projected county and in its geographic (EPSG:4490) copy."""
    path = _copy_planned(sample_dir, os.path.join(out_dir, "adjust_" + file), file=file)
    res, sums, report = _balanced_sums(sample_dir, path, os.path.join(out_dir, "adjust_out_" + file), file)
    zones = _zone_areas(path)
    assert len(zones) == 12 and res["ZONES"] == 12 and res["OUTSIDE"] == 0
    for code, (area, _) in zones.items():
        row = report[code]
        assert sums[code] == _hundredths(area), code
        assert row["control_m2"] == pytest.approx(area, abs=0.005)
        assert _hundredths(row["adjusted_m2"]) == _hundredths(area)
        assert row["status"] == "balanced" and row["parcels"] == 400
        assert row["edge_parcels"] == 76  # the 20 x 20 grid's outer ring
        assert 0 < abs(row["difference_m2"]) < 1.0  # a rounding-size difference on the sample
    assert res["MAX_DIFFERENCE"] == pytest.approx(max(abs(f["difference_m2"]) for f in report.values()))


def test_a_control_area_field(sample_dir, out_dir, vp_provider):
    """DCMJ as the control area: balanced to it; a DCMJ 500 m2 off is refused with its zone named."""
    import processing

    path = _copy_planned(sample_dir, os.path.join(out_dir, "adjust_dcmj.gpkg"))
    params = {"INPUT": path + "|layername=GHDLTB", "CONTROL": path + "|layername=CJDCQ",
              "CONTROL_AREA_FIELD": "DCMJ", "OUTPUT": "memory:", "REPORT": "memory:"}
    zones = _zone_areas(path)
    # DCMJ is the survey's sum of TBMJ; where it lacks a parcel it is fixed as a county would fix it
    for code, (area, dcmj) in zones.items():
        if abs(area - dcmj) > 1.0:
            ds = ogr.Open(path, 1)
            ds.ExecuteSQL("UPDATE CJDCQ SET DCMJ = %.2f WHERE ZLDWDM LIKE '%s%%'" % (area + 0.3, code))
            ds = None
    zones = _zone_areas(path)
    res = processing.run("villageplanner:adjustareas", params)
    report = {f["zone"][:12]: f for f in res["REPORT"].getFeatures()}
    sums = defaultdict(int)
    for f in res["OUTPUT"].getFeatures():
        sums[f["ZLDWDM"][:12]] += _hundredths(f["TBMJ"])
    sums[ORPHAN_ZONE] += sums.pop(ORPHAN_CODE, 0)
    for code, (_, dcmj) in zones.items():
        assert report[code]["control_m2"] == dcmj and sums[code] == _hundredths(dcmj), code
    # DCMJ is not the measured area: the control really came from the field
    assert sum(abs(dcmj - area) > 0.01 for area, dcmj in zones.values()) >= 10
    ds = ogr.Open(path, 1)
    ds.ExecuteSQL("UPDATE CJDCQ SET DCMJ = DCMJ + 500 WHERE ZLDWDM LIKE '500230001002%'")
    ds = None
    text = _refusal(params)
    assert "in 1 zones" in text and "5002300010020000000" in text and "+500." in text


def test_a_planted_gap_is_refused_with_the_zone_named_and_nothing_written(sample_dir, out_dir, vp_provider):

    # an edge parcel of village 500230001004 removed: a hole of some 14,000 m2 in the layer
    ds = ogr.Open(gpkg_layer(sample_dir, "GHDLTB").split("|")[0])
    lyr = ds.GetLayerByName("GHDLTB")
    lyr.SetAttributeFilter("ZLDWDM LIKE '500230001004%'")
    victim = next(iter(lyr))["BSM"]
    ds = None
    path = _copy_planned(sample_dir, os.path.join(out_dir, "adjust_gap.gpkg"), drop_bsm=victim)
    out = os.path.join(out_dir, "adjust_gap_out.gpkg")
    report = os.path.join(out_dir, "adjust_gap_report.csv")
    for p in (out, report):
        if os.path.exists(p):
            os.remove(p)
    text = _refusal({"INPUT": path + "|layername=GHDLTB", "CONTROL": path + "|layername=CJDCQ", "OUTPUT": out,
                     "REPORT": report})
    assert "5002300010040000000" in text and "gap or an overlap" in text
    assert "5002300010030000000" not in text  # the other zones are fine
    assert not os.path.exists(out) and not os.path.exists(report)


def test_the_survey_as_delivered_is_refused_where_the_bowties_leave_holes(sample_dir, out_dir, vp_provider):
    """The survey layer's two planted self-intersecting parcels cover only part of their quads: real gaps in
    their two zones, measured after repair, and refused."""
    out = os.path.join(out_dir, "adjust_bowtie_out.gpkg")
    if os.path.exists(out):
        os.remove(out)
    ds = ogr.Open(os.path.join(sample_dir, "county.gpkg"))
    dltb = ds.GetLayerByName("DLTB")
    bowties = _defects(sample_dir)["invalid_geometry_bsm"]
    zones = set()
    for f in dltb:
        if f["BSM"] in bowties:
            assert not f.GetGeometryRef().IsValid()
            zones.add(f["ZLDWDM"][:12] + "0000000")
    ds = None
    assert len(zones) == 2
    text = _refusal({"INPUT": gpkg_layer(sample_dir, "DLTB"), "CONTROL": gpkg_layer(sample_dir, "CJDCQ"),
                     "OUTPUT": out})
    assert "in 2 zones" in text
    assert all(z in text for z in zones)
    assert not os.path.exists(out)


def test_an_existing_area_field_is_overwritten_and_parcels_outside_are_kept(sample_dir, out_dir, vp_provider):
    import processing
    from qgis.core import QgsProcessingFeedback

    path = _copy_planned(sample_dir, os.path.join(out_dir, "adjust_outside.gpkg"))
    ds = ogr.Open(path, 1)
    zones = ds.GetLayerByName("CJDCQ")
    zones.SetAttributeFilter("ZLDWDM = '5002300020060000000'")
    fid = next(iter(zones)).GetFID()
    zones.SetAttributeFilter(None)
    zones.DeleteFeature(fid)  # one zone less: its 400 parcels lie in no zone
    ds = None

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, info):  # noqa: N802
            self.lines.append(info)

        def pushWarning(self, warning):  # noqa: N802
            self.lines.append(warning)

    log = Log()
    res = processing.run("villageplanner:adjustareas", {
        "INPUT": path + "|layername=GHDLTB", "CONTROL": path + "|layername=CJDCQ", "AREA_FIELD": "MJ",
        "OUTPUT": "memory:"}, feedback=log)
    assert res["OUTSIDE"] == 400 and res["ZONES"] == 11
    layer = res["OUTPUT"]
    names = [f.name() for f in layer.fields()]
    assert names.count("MJ") == 1 and "TBMJ" not in names
    assert any("lie in no control zone" in line and "400 parcels" in line for line in log.lines)
    assert sum("difference" in line for line in log.lines) == 11
    from qgis.core import QgsDistanceArea

    da = QgsDistanceArea()
    da.setSourceCrs(layer.crs(), layer.transformContext())
    da.setEllipsoid("EPSG:1024")
    for f in layer.getFeatures():
        if f["ZLDWDM"].startswith("500230002006"):  # outside: their own area at 0.01 m2
            assert f["MJ"] == pytest.approx(round(da.measureArea(f.geometry()), 2), abs=0.0051)


def test_a_text_area_field_is_refused_before_running(sample_dir, out_dir, vp_provider):

    text = _refusal({"INPUT": gpkg_layer(sample_dir, "GHDLTB"), "CONTROL": gpkg_layer(sample_dir, "CJDCQ"),
                     "AREA_FIELD": "GHDLBM", "OUTPUT": "memory:"})
    assert "AREA_FIELD" in text and "not numeric" in text
