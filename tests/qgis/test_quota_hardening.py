"""The quota pool against messy input, careless hands and a hostile colleague (issue 9), through Processing."""

import math
import os
import sqlite3

import pytest
from openpyxl import load_workbook
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProject

from tests.conftest import gpkg_layer

V = "500230002001"


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings, self.errors, self.infos = [], [], []

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)

    def reportError(self, text, fatal=False):  # noqa: N802
        self.errors.append(text)

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)


def run(alg, params, feedback=None):
    import processing

    return processing.run("villageplanner:" + alg, params, feedback=feedback or Feedback())


def journal_rows(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM vp_quota_journal").fetchone()[0]
    finally:
        con.close()


def test_a_pool_from_a_baseline_alone(vp_provider, tmp_path):
    """Issue 9.4: no ledger, no farmland, no red line, no villages: a valid start, as the toolbox sends it."""
    db = str(tmp_path / "baseline_only.gpkg")
    toolbox = {"DATABASE": db, "CONNECTION": None, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 5000.0,
               "LEDGER": None, "BASELINE_CONSTRUCTION_HA": 4990.0, "CLASSIFICATION": None, "BASIC_FARMLAND": None,
               "ECO_REDLINE": None, "POLICY": "", "VILLAGE_ZONES": None}
    res = run("quotapoolcreate", toolbox)
    assert res["VILLAGES"] == 0
    move = {"DATABASE": db, "MOVEMENT": 0, "AREA_HA": 3.0, "DOCUMENT_NO": "丰都规资〔2026〕1号", "AUTHOR": "王工",
            "DATE": "2026-04-01", "SOURCE": "annual_plan"}
    assert run("quotamovement", move)["POOL_BALANCE_HA"] == pytest.approx(3.0)
    report = run("quotareport", {"DATABASE": db, "OUTPUT": "memory:"})
    assert report["VERIFIED"] == 1


def test_a_pool_with_village_accounts_from_village_zones(vp_provider, sample_dir, tmp_path):
    db = str(tmp_path / "zones.gpkg")
    feedback = Feedback()
    res = run("quotapoolcreate", {"DATABASE": db, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 100.0,
                                  "BASELINE_CONSTRUCTION_HA": 120.0,
                                  "VILLAGE_ZONES": gpkg_layer(sample_dir, "CJDCQ")}, feedback)
    assert res["VILLAGES"] == 12
    # issue 9.16: a control total below the baseline is warned about
    assert any("below the baseline" in w and "120.0000" in w for w in feedback.warnings), feedback.warnings
    con = sqlite3.connect(db)
    rows = con.execute("SELECT village_code, village_name, boundary IS NOT NULL FROM vp_quota_village").fetchall()
    crs = con.execute("SELECT crs FROM vp_quota_pool").fetchone()[0]
    con.close()
    assert len(rows) == 12 and all(len(code) == 12 and name and has for code, name, has in rows)
    assert crs == "EPSG:4545"


def test_no_warning_when_the_control_total_covers_the_baseline(vp_provider, tmp_path):
    feedback = Feedback()
    run("quotapoolcreate", {"DATABASE": str(tmp_path / "ok.gpkg"), "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 130,
                            "BASELINE_CONSTRUCTION_HA": 120}, feedback)
    assert feedback.warnings == []


@pytest.fixture
def pool(vp_provider, sample_dir, tmp_path):
    db = str(tmp_path / "pool.gpkg")
    run("quotapoolcreate", {"DATABASE": db, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 1000.0,
                            "BASELINE_CONSTRUCTION_HA": 990.0, "VILLAGE_ZONES": gpkg_layer(sample_dir, "CJDCQ")})
    for kind, ha, extra in ((0, 20.0, {"SOURCE": "annual_plan"}), (1, 5.0, {"VILLAGE": V})):
        run("quotamovement", {"DATABASE": db, "MOVEMENT": kind, "AREA_HA": ha, "DOCUMENT_NO": "丰都规资〔2026〕1号",
                              "AUTHOR": "王工", "DATE": "2026-04-01", **extra})
    return db


@pytest.mark.parametrize("area,words", [(5000.0, "control total"), (1e12, "implausible"), (1e15, "implausible"),
                                        (math.nan, "finite")])
def test_implausible_areas_are_refused_naming_the_parameter(pool, area, words):
    """Issue 9.12: 1e12 ha was accepted; 1e15 and NaN gave tracebacks."""
    feedback = Feedback()
    with pytest.raises(QgsProcessingException) as err:
        run("quotamovement", {"DATABASE": pool, "MOVEMENT": 1, "AREA_HA": area, "VILLAGE": V,
                              "DOCUMENT_NO": "丰都规资〔2026〕9号", "AUTHOR": "王工", "DATE": "2026-04-02"}, feedback)
    assert words in str(err.value) and "Traceback" not in str(err.value)
    assert "AREA_HA" in str(err.value) or "area" in str(err.value)
    assert journal_rows(pool) == 2


@pytest.mark.parametrize("date", ["2026-13-45", "abc'; --", "1899-02-30", "2026-02-30", "9999-12-31"])
def test_bad_dates_are_refused_naming_the_parameter(pool, date):
    with pytest.raises(QgsProcessingException) as err:
        run("quotamovement", {"DATABASE": pool, "MOVEMENT": 1, "AREA_HA": 1.0, "VILLAGE": V,
                              "DOCUMENT_NO": "丰都规资〔2026〕9号", "AUTHOR": "王工", "DATE": date})
    assert str(err.value).startswith("DATE:") and date in str(err.value)
    assert journal_rows(pool) == 2


def test_bad_dates_and_areas_in_an_import_are_reported_by_row(pool, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("movement,area_ha,village,document_no,author,date\n"
                   "allocate,1.0,%s,丰都规资〔2026〕20号,李工,2026-13-45\n"
                   "allocate,nan,%s,丰都规资〔2026〕21号,李工,2026-04-05\n"
                   "allocate,1e15,%s,丰都规资〔2026〕22号,李工,2026-04-05\n"
                   "allocate,1.0,%s,丰都规资〔2026〕23号,李工,2026-04-05\n" % (V, V, V, V), encoding="utf-8")
    feedback = Feedback()
    with pytest.raises(QgsProcessingException, match="3 of 4"):
        run("quotaimport", {"DATABASE": pool, "INPUT": str(csv)}, feedback)
    assert [e.split(":")[0] for e in feedback.errors[:3]] == ["Row 2", "Row 3", "Row 4"]
    assert journal_rows(pool) == 2


def test_importing_the_same_file_twice_is_refused_unless_allowed(pool, tmp_path):
    """Issue 9.13: a second import doubled allocations and draws."""
    csv = tmp_path / "movements.csv"
    csv.write_text("movement,area_ha,village,document_no,author,date\n"
                   "allocate,1.0,%s,丰都规资〔2026〕30号,李工,2026-05-01\n"
                   "draw,0.5,%s,丰都规资〔2026〕31号,李工,2026-05-02\n" % (V, V), encoding="utf-8")
    assert run("quotaimport", {"DATABASE": pool, "INPUT": str(csv)})["APPLIED"] == 2
    before = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:"})
    feedback = Feedback()
    with pytest.raises(QgsProcessingException, match="2 of 2"):
        run("quotaimport", {"DATABASE": pool, "INPUT": str(csv)}, feedback)
    assert all("already recorded" in e for e in feedback.errors[:2]), feedback.errors
    after = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:"})
    assert after["DRAWN_HA"] == before["DRAWN_HA"] and journal_rows(pool) == 4
    assert run("quotaimport", {"DATABASE": pool, "INPUT": str(csv), "ALLOW_DUPLICATES": True})["APPLIED"] == 2
    assert journal_rows(pool) == 6


def test_the_report_escapes_data_and_carries_the_anchor(pool, tmp_path):
    """Issue 9.11 and 9.14: <script> in a village name or the county code; the anchor in every output."""
    con = sqlite3.connect(pool)
    # a hostile colleague names things (the settings change shows in the verification too)
    con.execute("UPDATE vp_quota_village SET village_name = '<script>alert(1)</script>' WHERE village_code = ?", (V,))
    con.execute("UPDATE vp_quota_pool SET county_code = '<img src=x onerror=alert(2)>'")
    con.execute("UPDATE vp_quota_village SET village_name = '=HYPERLINK(\"http://x\",\"y\")' "
                "WHERE village_code = '500230001001'")
    con.commit()
    con.close()
    html_path, xlsx_path = str(tmp_path / "pool.html"), str(tmp_path / "pool.xlsx")
    res = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:", "OUTPUT_HTML": html_path,
                              "OUTPUT_XLSX": xlsx_path})
    with open(html_path, encoding="utf-8") as fh:
        text = fh.read()
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x" in text
    assert res["VERIFIED"] == 0  # the renamed village and county are settings changed outside the chain
    count, digest = res["ANCHOR"].split(":")
    assert count == "2" and len(digest) == 64
    assert res["ANCHOR"] in text
    wb = load_workbook(xlsx_path)
    values = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row] + \
        [str(c.value) for row in wb.worksheets[3].iter_rows() for c in row]
    assert res["ANCHOR"] in values
    names = [c.value for c in wb.worksheets[1]["B"]]
    assert '=HYPERLINK("http://x","y")' in names  # kept as text, not turned into a formula
    assert all(c.data_type != "f" for row in wb.worksheets[1].iter_rows() for c in row)


def test_an_earlier_anchor_proves_a_rewrite(pool, tmp_path):
    first = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:"})
    assert first["VERIFIED"] == 1
    anchor = first["ANCHOR"]
    run("quotamovement", {"DATABASE": pool, "MOVEMENT": 2, "AREA_HA": 0.5, "VILLAGE": V, "AUTHOR": "王工",
                          "DOCUMENT_NO": "丰都规资〔2026〕40号", "DATE": "2026-06-01"})
    later = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:", "EXPECTED": anchor})
    assert later["EXPECTED_FOUND"] == 1 and later["VERIFIED"] == 1 and later["ANCHOR"] != anchor
    # the last entries deleted and the balances fixed by hand: the books alone look sound
    con = sqlite3.connect(pool)
    con.execute("DROP TRIGGER vp_quota_journal_no_delete")
    con.execute("DELETE FROM vp_quota_journal WHERE seq >= 2")
    con.execute("DELETE FROM vp_quota_balance WHERE account NOT IN ('POOL')")
    con.execute("UPDATE vp_quota_balance SET units = 200000 WHERE account = 'POOL'")
    con.commit()
    con.close()
    assert run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:"})["VERIFIED"] == 1
    html_path = str(tmp_path / "proof.html")
    feedback = Feedback()
    proof = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:", "EXPECTED": anchor,
                                "OUTPUT_HTML": html_path}, feedback)
    assert proof["EXPECTED_FOUND"] == 0 and proof["VERIFIED"] == 0
    assert any("no longer contains" in e for e in feedback.errors)
    with open(html_path, encoding="utf-8") as fh:
        assert "no longer contains" in fh.read()
    with pytest.raises(QgsProcessingException, match="EXPECTED"):
        run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:", "EXPECTED": "12:nothex"})


@pytest.mark.parametrize("alg", ["quotareport", "quotamovement", "quotapoolcreate", "quotaimport"])
def test_a_database_that_is_a_csv_is_a_clear_error(vp_provider, tmp_path, alg):
    """Issue 9.16: sqlite3.DatabaseError traceback."""
    csv = tmp_path / "villages.csv"
    csv.write_text("village_code,name\n500230001001,新塘村\n", encoding="utf-8")
    params = {"DATABASE": str(csv), "OUTPUT": "memory:", "MOVEMENT": 0, "AREA_HA": 1, "DOCUMENT_NO": "x",
              "AUTHOR": "y", "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 10, "BASELINE_CONSTRUCTION_HA": 5,
              "INPUT": str(csv)}
    with pytest.raises(QgsProcessingException) as err:
        run(alg, params)
    assert "DATABASE" in str(err.value) and "villages.csv" in str(err.value) and "GeoPackage" in str(err.value)
    assert csv.read_text(encoding="utf-8") == "village_code,name\n500230001001,新塘村\n"


def test_a_new_database_must_be_a_geopackage(vp_provider, tmp_path):
    with pytest.raises(QgsProcessingException, match="DATABASE.*gpkg"):
        run("quotapoolcreate", {"DATABASE": str(tmp_path / "pool.csv"), "COUNTY_CODE": "500230",
                                "CONTROL_TOTAL_HA": 10, "BASELINE_CONSTRUCTION_HA": 5})
    assert not os.path.exists(tmp_path / "pool.csv")


def test_passwords_never_appear_in_messages(vp_provider, postgis):
    """Issue 9.7: the plugin's error printed the whole connection string."""
    from qgis.core import QgsProviderRegistry

    secret = "Pw-9z!secret"
    base = "host=%s port=%d dbname=no_such_db user=admin1" % (postgis.host, postgis.port)
    for text in (base + " password=" + secret, base + " password='%s'" % secret,
                 "postgresql://admin1:%s@%s:%d/no_such_db" % (secret, postgis.host, postgis.port)):
        feedback = Feedback()
        with pytest.raises(QgsProcessingException) as err:
            run("quotareport", {"DATABASE": text, "OUTPUT": "memory:"}, feedback)
        assert secret not in str(err.value) and "*****" in str(err.value)
        assert not any(secret in m for m in feedback.errors + feedback.infos + feedback.warnings)
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = "dbname='no_such_db' host=%s port=%d user='admin1' password='%s' sslmode=disable" % (
        postgis.host, postgis.port, secret)
    metadata.saveConnection(metadata.createConnection(uri, {"saveUsername": True, "savePassword": True}),
                            "with password")
    for params in ({"DATABASE": "connection:with password"}, {"CONNECTION": "with password"}):
        with pytest.raises(QgsProcessingException) as err:
            run("quotareport", dict(params, OUTPUT="memory:"))
        assert secret not in str(err.value) and "connection:with password" in str(err.value)


def test_a_saved_connection_chosen_in_the_connection_parameter(vp_provider, postgis, tmp_path):
    from qgis.core import QgsProviderRegistry

    db = postgis.create_database("quota_conn_param")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = "dbname='%s' host=%s port=%d user='postgres' sslmode=disable" % (db, postgis.host, postgis.port)
    metadata.saveConnection(metadata.createConnection(uri, {"saveUsername": True}), "team pool")
    run("quotapoolcreate", {"CONNECTION": "team pool", "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 100,
                            "BASELINE_CONSTRUCTION_HA": 90})
    run("quotamovement", {"CONNECTION": "team pool", "MOVEMENT": 0, "AREA_HA": 2.0, "SOURCE": "annual_plan",
                          "DOCUMENT_NO": "x", "AUTHOR": "y", "DATE": "2026-04-01"})
    report = run("quotareport", {"CONNECTION": "team pool", "OUTPUT": "memory:"})
    assert report["POOL_BALANCE_HA"] == pytest.approx(2.0) and report["VERIFIED"] == 1
    alg = __import__("qgis.core", fromlist=["QgsApplication"]).QgsApplication.processingRegistry() \
        .algorithmById("villageplanner:quotamovement")
    assert "history" in alg.shortHelpString() and alg.parameterDefinition("DATABASE") is not None
    assert alg.parameterDefinition("CONNECTION").type() == "providerconnection"


def test_quota_messages_in_chinese(pool):
    from village_planner.qgis_adapter.i18n import Translation

    translation = Translation()
    assert translation.install("zh_CN")
    try:
        with pytest.raises(QgsProcessingException) as err:
            run("quotamovement", {"DATABASE": pool, "MOVEMENT": 1, "AREA_HA": 1.0, "VILLAGE": V,
                                  "DOCUMENT_NO": "x", "AUTHOR": "y", "DATE": "2026-13-45"})
        assert "DATE" in str(err.value) and "日期" in str(err.value)
    finally:
        translation.remove()


def test_the_dock_picks_a_geopackage_or_a_saved_connection_and_remembers_it(pool, postgis, qgis_iface, tmp_path):
    from qgis.core import QgsProviderRegistry

    from village_planner.gui.quota_dock import QuotaDock, project_database

    project = QgsProject.instance()
    project.removeEntry("VillagePlanner", "quota_database")
    dock = QuotaDock(qgis_iface)
    dock.file_widget.setFilePath(pool)
    assert dock.refresh() and dock.database_text() == pool
    assert project_database() == pool
    # a saved PostgreSQL connection, as the algorithms understand connection:NAME
    db = postgis.create_database("quota_dock_conn")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = "dbname='%s' host=%s port=%d user='postgres' sslmode=disable" % (db, postgis.host, postgis.port)
    metadata.saveConnection(metadata.createConnection(uri, {"saveUsername": True}), "dock pool")
    run("quotapoolcreate", {"DATABASE": "connection:dock pool", "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 100,
                            "BASELINE_CONSTRUCTION_HA": 90})
    dock.connection_combo.refreshConnections() if hasattr(dock.connection_combo, "refreshConnections") else None
    dock.set_database("connection:dock pool")
    assert dock.connection_combo.currentConnection() == "dock pool"
    assert dock.refresh() and dock.database_text() == "connection:dock pool"
    assert project_database() == "connection:dock pool"
    again = QuotaDock(qgis_iface)  # a new dock (a reopened project) comes back to the same pool
    assert again.database_text() == "connection:dock pool" and again.store is not None
    # a typed connection string with a password is used but never written into the project
    again.set_database("host=%s port=%d dbname=%s user=postgres password=Sec-ret1" % (
        postgis.host, postgis.port, db))
    assert again.refresh()
    assert project_database() == "connection:dock pool"
    # a CSV as database: a message, no traceback, and the summary is escaped
    csv = tmp_path / "x<b>.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    again.set_database(str(csv))
    assert not again.refresh()
    assert "not a GeoPackage" in again.summary.text() and "&lt;b&gt;" in again.summary.text()
    dock.deleteLater()
    again.deleteLater()
    project.removeEntry("VillagePlanner", "quota_database")


def test_the_movement_is_given_by_its_key_or_by_its_index(pool):
    """MOVEMENT=draw from qgis_process and scripts (issue 10); MOVEMENT=2, as before, still works."""
    from village_planner.store.quota_store import GpkgQuotaStore

    common = {"DATABASE": pool, "AREA_HA": 0.5, "VILLAGE": V, "DOCUMENT_NO": "丰都规资〔2026〕2号",
              "AUTHOR": "王工", "DATE": "2026-04-02"}
    for n, movement in enumerate(("draw", "DRAW", 2, "2")):  # four draws: not duplicates of each other
        run("quotamovement", {**common, "MOVEMENT": movement, "DOCUMENT_NO": "丰都规资〔2026〕%d号" % (2 + n)})
    assert [e.kind for e in GpkgQuotaStore(pool).journal()] == ["inflow", "allocate"] + ["draw"] * 4
    alg = __import__("qgis.core", fromlist=["QgsApplication"]).QgsApplication.processingRegistry() \
        .algorithmById("villageplanner:quotamovement")
    assert alg.parameterDefinition("MOVEMENT").keys == ["inflow", "allocate", "draw", "return", "transfer",
                                                        "expire", "reverse"]
    for wrong in ("lottery", 7):
        with pytest.raises(QgsProcessingException, match="MOVEMENT"):
            run("quotamovement", {**common, "MOVEMENT": wrong})
    assert len(GpkgQuotaStore(pool).journal()) == 6


def test_the_report_keeps_its_fields_and_workbook_columns(pool, tmp_path):
    """The village table is public: its fields (from a spec through qgis_adapter.sinks) and the workbook's
    columns stay as they were before issue 10."""
    xlsx_path = str(tmp_path / "pool.xlsx")
    res = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:", "OUTPUT_XLSX": xlsx_path})
    layer = res["OUTPUT"]  # processing.run hands back the memory layer itself
    names = ["village_code", "village_name", "town", "category", "allocated_ha", "transfer_in_ha",
             "transfer_out_ha", "returned_ha", "expired_ha", "drawn_ha", "flexible_ha", "flexible_limit_ha",
             "balance_ha"]
    fields = layer.fields()
    assert [f.name() for f in fields] == names
    assert [f.isNumeric() for f in fields] == [False] * 4 + [True] * 9
    assert all(layer.fields().field(n).typeName().lower() in ("double", "real") for n in names[4:])
    row = next(f for f in layer.getFeatures() if f["village_code"] == V)
    assert row["allocated_ha"] == pytest.approx(5.0) and row["balance_ha"] == pytest.approx(5.0)
    # the workbook's columns in the same order, with headings a planner reads (issue 9 re-test, 5)
    heads = [c.value for c in load_workbook(xlsx_path).worksheets[1][1]]
    assert heads == ["Village code", "Village name", "Town", "Category", "Flexible reserve limit (ha)",
                     "Allocated (ha)", "Transferred in (ha)", "Transferred out (ha)", "Returned (ha)", "Expired (ha)",
                     "Drawn (ha)", "Flexible reserve drawn (ha)", "Balance (ha)"]


# -- issue 9 re-tested by a hostile tester ---------------------------------------------------------------------


@pytest.mark.parametrize("key,value,words", [("flexible_reserve_ratio", "5%", '"5%"'),
                                             ("flexible_reserve_ratio", -3, "at least 0"),
                                             ("allocation_by_category", "all", '"all"')])
def test_a_bad_policy_is_refused_naming_the_key_and_nothing_is_written(vp_provider, tmp_path, key, value, words):
    import json

    from village_planner.core.codes import resource_path

    with open(resource_path("policy", "quota_default.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    data[key] = value
    policy = tmp_path / "county.json"
    policy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "pool.gpkg"
    with pytest.raises(QgsProcessingException) as err:
        run("quotapoolcreate", {"DATABASE": str(db), "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 100,
                                "BASELINE_CONSTRUCTION_HA": 90, "POLICY": str(policy)})
    assert key in str(err.value) and words in str(err.value) and "Traceback" not in str(err.value)
    assert not db.exists()


def test_identical_rows_within_one_file_are_refused_naming_both_rows(pool, tmp_path):
    csv = tmp_path / "twice.csv"
    csv.write_text("movement,area_ha,village,document_no,author,date\n"
                   "allocate,1.0,%s,丰都规资〔2026〕50号,李工,2026-05-01\n"
                   "allocate,2.0,%s,丰都规资〔2026〕51号,李工,2026-05-01\n"
                   "allocate,1.0,%s,丰都规资〔2026〕50号,李工,2026-05-02\n" % (V, V, V), encoding="utf-8")
    feedback = Feedback()
    with pytest.raises(QgsProcessingException, match="1 of 3"):
        run("quotaimport", {"DATABASE": pool, "INPUT": str(csv)}, feedback)
    assert feedback.errors[0].startswith("Row 4:") and "row 2" in feedback.errors[0], feedback.errors
    assert "no duplicate movement (duplicate)" in feedback.errors[0]
    assert journal_rows(pool) == 2
    assert run("quotaimport", {"DATABASE": pool, "INPUT": str(csv), "ALLOW_DUPLICATES": True})["APPLIED"] == 3


def test_a_movement_identical_to_a_recorded_one_is_refused_unless_allowed(pool):
    common = {"DATABASE": pool, "MOVEMENT": "allocate", "AREA_HA": 5.0, "VILLAGE": V,
              "DOCUMENT_NO": "丰都规资〔2026〕1号", "AUTHOR": "王工", "DATE": "2026-04-01"}
    with pytest.raises(QgsProcessingException) as err:
        run("quotamovement", common)
    assert "journal entry 2" in str(err.value) and "no duplicate movement (duplicate)" in str(err.value)
    assert journal_rows(pool) == 2
    assert run("quotamovement", {**common, "ALLOW_DUPLICATES": True})["SEQ"] == 3


def test_refusals_show_the_rule_by_its_label_in_english_and_in_chinese(pool):
    from village_planner.qgis_adapter.i18n import Translation

    draw = {"DATABASE": pool, "MOVEMENT": "draw", "AREA_HA": 50.0, "VILLAGE": V, "DOCUMENT_NO": "丰都规资〔2026〕60号",
            "AUTHOR": "王工", "DATE": "2026-04-01"}
    with pytest.raises(QgsProcessingException) as err:
        run("quotamovement", draw)
    assert "no account below zero (balance)" in str(err.value)
    translation = Translation()
    assert translation.install("zh_CN")
    try:
        for params, label in ((draw, "账户余额不得为负（balance）"),
                              ({**draw, "VILLAGE": "500230999999", "AREA_HA": 1.0}, "村庄账户（village）")):
            with pytest.raises(QgsProcessingException) as err:
                run("quotamovement", params)
            assert label in str(err.value), str(err.value)
            assert "“balance”" not in str(err.value) and "“village”" not in str(err.value)
    finally:
        translation.remove()


def test_a_failed_verification_is_said_in_words(pool, tmp_path):
    con = sqlite3.connect(pool)
    con.execute("UPDATE vp_quota_pool SET control_total_units = control_total_units * 2")
    con.commit()
    con.close()
    feedback = Feedback()
    html_path = str(tmp_path / "report.html")
    res = run("quotareport", {"DATABASE": pool, "OUTPUT": "memory:", "OUTPUT_HTML": html_path}, feedback)
    assert res["VERIFIED"] == 0
    failed = [e for e in feedback.errors if e.startswith("Verification failed")]
    assert failed and "changed outside the journal" in failed[0], feedback.errors
    assert "{" not in failed[0] and "settings_ok" not in failed[0]
    with open(html_path, encoding="utf-8") as fh:
        text = fh.read()
    assert "changed outside the journal" in text and "<th>Flexible reserve limit (ha)</th>" in text
    assert "<th>flexible_limit_ha</th>" not in text


def _zones_layer(features):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4545&field=village_code:string&field=village_name:string", "zones",
                           "memory")
    feats = []
    for code, name, x in features:
        f = QgsFeature(layer.fields())
        f.setAttributes([code, name])
        f.setGeometry(QgsGeometry.fromWkt("POLYGON((%d 0, %d 0, %d 100, %d 100, %d 0))" % (x, x + 100, x + 100, x, x)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_village_zones_sharing_a_code_are_warned_about(vp_provider, tmp_path):
    zones = _zones_layer([("500230001001", "新塘村", 0), ("500230001002", "高岭村", 200),
                          ("500230001001", "新塘村二组", 400)])
    feedback = Feedback()
    res = run("quotapoolcreate", {"DATABASE": str(tmp_path / "z.gpkg"), "COUNTY_CODE": "500230",
                                  "CONTROL_TOTAL_HA": 100, "BASELINE_CONSTRUCTION_HA": 90, "VILLAGE_ZONES": zones},
              feedback)
    assert res["VILLAGES"] == 2
    warned = [w for w in feedback.warnings if "500230001001" in w]
    assert warned and "1, 3" in warned[0], feedback.warnings


def test_village_accounts_added_to_a_pool_made_from_a_baseline_alone(vp_provider, sample_dir, tmp_path):
    """Issue 9 re-test, 7: village accounts 'added later', through quotapoolcreate ADD_VILLAGES."""
    db = str(tmp_path / "later.gpkg")
    run("quotapoolcreate", {"DATABASE": db, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 5000.0,
                            "BASELINE_CONSTRUCTION_HA": 4990.0})
    move = {"DATABASE": db, "AREA_HA": 3.0, "DOCUMENT_NO": "丰都规资〔2026〕1号", "AUTHOR": "王工",
            "DATE": "2026-04-01"}
    run("quotamovement", {**move, "MOVEMENT": "inflow", "SOURCE": "annual_plan"})
    with pytest.raises(QgsProcessingException, match="has no account"):
        run("quotamovement", {**move, "MOVEMENT": "allocate", "VILLAGE": V})
    with pytest.raises(QgsProcessingException, match="already holds a quota pool"):  # as before, without the flag
        run("quotapoolcreate", {"DATABASE": db, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 5000.0,
                                "BASELINE_CONSTRUCTION_HA": 4990.0, "VILLAGE_ZONES": gpkg_layer(sample_dir, "CJDCQ")})
    feedback = Feedback()
    res = run("quotapoolcreate", {"DATABASE": db, "ADD_VILLAGES": True, "AUTHOR": "县规划局",
                                  "DOCUMENT_NO": "丰都规资〔2026〕2号",
                                  "VILLAGE_ZONES": gpkg_layer(sample_dir, "CJDCQ")}, feedback)
    assert (res["VILLAGES"], res["ADDED"], res["CHANGED"]) == (12, 12, 0)
    assert any("Journal entry 2" in i for i in feedback.infos), feedback.infos
    assert run("quotamovement", {**move, "MOVEMENT": "allocate", "VILLAGE": V})["SEQ"] == 3
    report = run("quotareport", {"DATABASE": db, "OUTPUT": "memory:"})
    assert report["VERIFIED"] == 1
    # again: nothing to add, nothing written
    again = run("quotapoolcreate", {"DATABASE": db, "ADD_VILLAGES": True,
                                    "VILLAGE_ZONES": gpkg_layer(sample_dir, "CJDCQ")})
    assert (again["VILLAGES"], again["ADDED"]) == (12, 0) and journal_rows(db) == 3
    con = sqlite3.connect(db)
    boundaries = con.execute("SELECT count(*) FROM vp_quota_village WHERE boundary IS NOT NULL").fetchone()[0]
    con.close()
    assert boundaries == 12
    assert run("quotareport", {"DATABASE": db, "OUTPUT": "memory:"})["VERIFIED"] == 1
