"""Homestead areas seeded into a field package are official (TBMJ) areas, whatever the delivery's CRS."""

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.qgis_adapter.field_package import parcel_seed

VILLAGE = "500230001004"


@pytest.mark.parametrize("file", ["county.gpkg", "county_4490.gpkg"])
def test_homestead_areas_are_official_in_any_crs(sample_dir, file):
    layer = QgsVectorLayer(gpkg_layer(sample_dir, "DLTB", file), "DLTB", "ogr")
    expected = sum(f["TBMJ"] for f in layer.getFeatures()
                   if str(f["ZLDWDM"]).startswith(VILLAGE) and f["DLBM"] == "0702")
    rows, _ = parcel_seed(layer, [VILLAGE], QgsCoordinateReferenceSystem("EPSG:4545"), 4545,
                          QgsProject.instance().transformContext())
    assert expected > 1000 and rows
    assert sum(r["area_m2"] for r in rows) == pytest.approx(expected, abs=0.01 * len(rows))
