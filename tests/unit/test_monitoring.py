"""Plan monitoring core: pieces, flags, village sums, the transition matrix and slivers, on hand-made parcels."""

import pandas as pd
import pytest
import shapely

from village_planner.core.monitoring import Draw, in_period, monitor, select_draws
from village_planner.core.profile import load_profile
from village_planner.core.quota import Entry

V1, V2 = "500230001001", "500230001002"


def box(x0, y0, x1, y1):
    return shapely.box(x0, y0, x1, y1)


def frame(rows):
    return pd.DataFrame([{"fid": i + 1, "zldwdm": z + "0010000", "land_class": c, "parcel_area": a}
                         for i, (z, c, a) in enumerate(rows)])


@pytest.fixture()
def years():
    # base: four 100 x 100 parcels, two per village (TBMJ = planar area here)
    base_geoms = [box(0, 0, 100, 100), box(100, 0, 200, 100), box(0, 100, 100, 200), box(100, 100, 200, 200)]
    base = frame([(V1, "0103", 10000), (V1, "0101", 10000), (V2, "0103", 10000), (V2, "0301", 10000)])
    # later: parcel 2 split: a 20 x 30 homestead (covered by a draw) and the rest, its shared edge with
    # parcel 1 moved by 0.2 m into it (a 20 m2 re-delineation sliver); parcel 3 gets an uncovered 20 x 10
    # homestead on basic farmland; parcel 4 becomes cultivated
    home1 = box(150, 0, 170, 30)
    rest2 = shapely.difference(box(100.2, 0, 200, 100), home1)
    home3 = box(0, 100, 20, 110)
    rest3 = shapely.difference(box(0, 100, 100, 200), home3)
    cur_geoms = [box(0, 0, 100.2, 100), rest2, home1, rest3, home3, box(100, 100, 200, 200)]
    cur = frame([(V1, "0103", 10020), (V1, "0101", rest2.area), (V1, "0702", 600), (V2, "0103", rest3.area),
                 (V2, "0702", 200), (V2, "0103", 10000)])
    return base, base_geoms, cur, cur_geoms, home1


def run(years, **kw):
    base, bg, cur, cg, home1 = years
    draws = kw.pop("draws", [Draw(seq=3, document_no="丰都规资〔2026〕1号", village=V1, area_ha=0.06,
                                  date="2026-05-20", geometry=home1)])
    return monitor(base, cur, load_profile(), bg, cg, basic_farmland=[box(0, 100, 50, 150)], redline=[],
                   draws=draws, village_names={V1: "一村", V2: "二村"},
                   control={"control_total_ha": 10.0, "baseline_ha": 9.0}, **kw)


def test_flags_and_village_sums(years):
    res = run(years)
    v1, v2 = res.row(V1), res.row(V2)
    assert v1["new_construction_ha"] == pytest.approx(0.06)
    assert v1["covered_ha"] == pytest.approx(0.06)
    assert v1["unexplained_ha"] == pytest.approx(0.0)
    assert v1["drawn_ha"] == pytest.approx(0.06)
    assert v1["cultivated_lost_ha"] == pytest.approx(0.06)
    assert v1["flagged"] == 0
    assert v2["new_construction_ha"] == pytest.approx(0.02)
    assert v2["unexplained_ha"] == pytest.approx(0.02)
    assert v2["bnt_occupied_ha"] == pytest.approx(0.02)
    assert v2["cultivated_gained_ha"] == pytest.approx(1.0)
    assert v2["flagged"] == 1 and v2["reasons"]
    assert v1["headroom_ha"] == pytest.approx(10.0 - 9.0 - 0.08)
    covered = res.pieces[res.pieces["covered_by_draw"] == 1].iloc[0]
    assert covered["draw_document"] == "丰都规资〔2026〕1号" and covered["draw_seq"] == 3
    assert (covered["code_before"], covered["code_after"]) == ("0101", "0702")
    bad = res.pieces[res.pieces["unexplained"] == 1].iloc[0]
    assert bad["flag"] == "unexplained" and bad["in_basic_farmland"] == 1


def test_slivers_are_not_change(years):
    res = run(years)
    # the 0.2 m strip between parcel 1 (0103) and the moved edge is not a changed piece
    assert not ((res.pieces["code_before"] == "0101") & (res.pieces["code_after"] == "0103")).any()
    assert res.meta["ignored_m2"] == pytest.approx(20.0)
    assert res.row(V1)["ignored_sliver_ha"] == pytest.approx(0.002)
    assert res.row(V1)["cultivated_lost_ha"] == pytest.approx(0.06)
    big = run(years, sliver_width=0.0, min_area=0.0)
    assert len(big.pieces) == len(res.pieces) + 1
    # with a huge minimum area only the parcel that kept its shape and changed its code is change
    none = run(years, min_area=1e9)
    assert list(none.pieces["code_before"]) == ["0301"] and none.meta["ignored_m2"] > 0


def test_matrix_sums_to_both_years(years):
    res = run(years)
    base, _, cur, _, _ = years
    m = res.matrix
    real = [c for c in m.index if c != "--"]
    assert m.loc[real].sum(axis=1)["01"] == pytest.approx(30000 / 1e4)
    assert m[real].sum(axis=0)["01"] == pytest.approx(cur[cur["land_class"].str.startswith("01")]["parcel_area"]
                                                      .sum() / 1e4)
    assert m.loc["01", "07"] == pytest.approx(0.08)
    assert m.loc["03", "01"] == pytest.approx(1.0)
    v1 = res.village_matrices[V1]
    assert v1.loc["01"].sum() == pytest.approx(2.0)  # both base parcels of village 1 are cultivated
    assert v1["01"].sum() == pytest.approx((10020 + cur.loc[1, "parcel_area"]) / 1e4)
    assert v1.loc["01", "07"] == pytest.approx(0.06)


def test_against_plan_and_flexible_draws(years):
    base, bg, cur, cg, home1 = years
    plan = ([box(0, 0, 200, 200)], ["0103"])
    res = run(years, planned=plan)
    assert res.row(V1)["against_plan_ha"] == pytest.approx(0.06)
    flexible = [Draw(seq=3, document_no="d", village=V1, area_ha=0.06, date="2026-05-20", flexible=True,
                     geometry=home1)]
    res = run(years, planned=plan, draws=flexible)
    assert res.row(V1)["against_plan_ha"] == pytest.approx(0.0)


def test_draws_of_the_period_not_reversed():
    g = shapely.to_wkb(box(0, 0, 1, 1))
    entries = [Entry(kind="draw", units=100, date="2025-12-31", village=V1, geometry_wkb=g, seq=1),
               Entry(kind="draw", units=200, date="2026-03-01", village=V1, geometry_wkb=g, seq=2),
               Entry(kind="draw", units=300, date="2026-04-01", village=V1, seq=3),
               Entry(kind="inflow", units=500, date="2026-04-01", seq=4)]
    entries[2].extra["reversed"] = True
    picked = select_draws(entries, "2026-01-01", "2026-12-31")
    assert [d.seq for d in picked] == [2] and picked[0].area_ha == pytest.approx(0.02)
    assert in_period("2026-01-01", "2026-01-01", "") and not in_period("2027-01-01", "", "2026-12-31")


def test_snapshots_record_the_change_survey_year(tmp_path):
    import sqlite3

    from village_planner.core.ledger import build_ledger
    from village_planner.store.snapshots import ensure_schema, list_snapshots, save_snapshot

    path = str(tmp_path / "planning.gpkg")
    ensure_schema(path)
    con = sqlite3.connect(path)  # a database of schema version 1: no change_survey_year column
    con.executescript("DROP TRIGGER vp_snapshot_no_update; CREATE TABLE old AS SELECT * FROM vp_ledger_snapshot; "
                      "DROP TABLE vp_ledger_snapshot; CREATE TABLE vp_ledger_snapshot (id INTEGER PRIMARY KEY "
                      "AUTOINCREMENT, built_at TEXT NOT NULL, survey_year INTEGER, label TEXT, profile_name TEXT, "
                      "profile_hash TEXT, profile_path TEXT, sources TEXT, villages INTEGER, total_ha REAL);")
    con.commit()
    con.close()
    result = build_ledger(frame([(V1, "0103", 10000)]), load_profile(), survey_year=2023)
    result.meta["change_survey_year"] = 2025
    snap = save_snapshot(path, result, "2025 change survey")
    assert list_snapshots(path)[-1]["change_survey_year"] == 2025 and snap == list_snapshots(path)[-1]["id"]
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM vp_meta WHERE key = 'snapshot_schema_version'").fetchone()[0] == "2"
    con.close()
