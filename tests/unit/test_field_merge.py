"""Field verification without QGIS: the forms file, row versions kept by triggers, merge decisions, the merge."""

import json
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time

import pytest

from village_planner.core import field as fc
from village_planner.paths import resource
from village_planner.store import field_store as fs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRS = {"srs_id": 4545, "organization": "EPSG", "org_id": 4545, "name": "CGCS2000 / 3-degree GK CM 108E",
       "definition": "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 108E\"]"}
V1, V2 = "500230001002", "500230001003"


def forms():
    return fc.load_forms(resource("forms", "field_forms.json"))


def square(x, y, d=10.0):
    ring = [(x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)]
    wkb = struct.pack("<BIII", 1, 3, 1, len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring)
    return fs.gpkg_blob(wkb, 4545, (x, y, x + d, y + d))


def make_db(tmp_path, n=3):
    path = str(tmp_path / "planning.gpkg")
    f = forms()
    fs.ensure_survey_schema(path, f, SRS)
    rows = [{"village_code": V1 if i % 2 == 0 else V2, "parcel_bsm": "B%d" % i, "area_m2": 100.0 + i,
             "geom": square(i * 20, 0)} for i in range(n)]
    fs.seed(path, "homestead_survey", [V1, V2], rows)
    return path, f


def package_of(path, f, villages=(V1,)):
    """A manifest and the package rows as fieldpackage would make them (without files)."""
    layers, rows = {}, {}
    for layer in f["layers"]:
        cols = fc.content_columns(f, layer)
        got = fs.read_layer(path, f, layer, list(villages))
        layers[layer] = {r["uuid"]: {"version": r["row_version"], "hash": fc.row_hash(r, cols)} for r in got}
        rows[layer] = {r["uuid"]: dict(r) for r in got}
    con = sqlite3.connect(path)
    dbid = con.execute("SELECT value FROM vp_meta WHERE key='database_id'").fetchone()[0]
    con.close()
    manifest = {"package_id": fs.new_uuid(), "database_id": dbid, "villages": list(villages), "layers": layers,
                "surveyor": "王工"}
    return manifest, rows


def test_the_forms_file_names_every_layer_and_the_homestead_status_list():
    f = forms()
    assert set(f["layers"]) == set(fc.LAYERS)
    status = [x for x in f["layers"]["homestead_survey"]["fields"] if x["name"] == "status"][0]
    assert status["values"] == list(fc.HOMESTEAD_STATUS) and status["required"]
    for layer in f["layers"].values():
        assert {"uuid", "village_code", "surveyor", "surveyed_at", "photo", "row_version"} <= \
            {x["name"] for x in layer["fields"]}
        assert all(x["label_zh"] and x["label_en"] for x in layer["fields"])


def test_a_forms_file_without_the_key_fields_is_refused(tmp_path):
    with open(resource("forms", "field_forms.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    data["common_fields"] = [c for c in data["common_fields"] if c["name"] != "row_version"]
    bad = tmp_path / "forms.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(fc.FormsError, match="row_version"):
        fc.load_forms(str(bad))


def test_any_update_raises_row_version_and_an_insert_gets_a_uuid(tmp_path):
    path, f = make_db(tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE homestead_survey SET note='x' WHERE parcel_bsm='B0'")
    con.execute("UPDATE homestead_survey SET note='y', row_version=1 WHERE parcel_bsm='B0'")  # a tool resetting it
    con.execute("INSERT INTO homestead_survey (village_code, status) VALUES (?, '闲置')", (V1,))
    con.commit()
    assert con.execute("SELECT row_version FROM homestead_survey WHERE parcel_bsm='B0'").fetchone()[0] == 3
    new = con.execute("SELECT uuid, row_version FROM homestead_survey WHERE status='闲置'").fetchone()
    con.close()
    assert len(new[0]) == 36 and new[1] == 1


def test_seeding_happens_once_per_village(tmp_path):
    path, f = make_db(tmp_path)
    assert fs.seed(path, "homestead_survey", [V1], [{"village_code": V1, "geom": square(0, 50)}]) == 0
    assert len(fs.read_layer(path, f, "homestead_survey", [V1])) == 2


def test_plan_merge_applies_updates_and_reports_conflicts_field_by_field():
    cols = ["status", "note"]
    base_rows = {"a": {"status": "在用", "note": None, "row_version": 1},
                 "b": {"status": "在用", "note": None, "row_version": 1},
                 "c": {"status": "在用", "note": None, "row_version": 1},
                 "d": {"status": "在用", "note": None, "row_version": 1}}
    base = {k: {"version": 1, "hash": fc.row_hash(r, cols)} for k, r in base_rows.items()}
    package = {"a": {"status": "闲置", "note": None}, "b": {"status": "危房", "note": None},
               "d": dict(base_rows["d"]), "n": {"status": "在用", "note": "new"}}
    office = {"a": dict(base_rows["a"]), "b": dict(base_rows["b"], status="已拆除", row_version=2),
              "c": dict(base_rows["c"], note="office", row_version=2), "d": dict(base_rows["d"])}
    acts = {a["uuid"]: a for a in fc.plan_merge("homestead_survey", cols, base, package, office)}
    assert acts["a"]["action"] == fc.UPDATE
    assert acts["b"]["action"] == fc.CONFLICT and acts["b"]["diffs"] == [("status", "危房", "已拆除")]
    assert acts["c"]["action"] == fc.CONFLICT  # deleted in the field, changed in the office
    assert "d" not in acts and acts["n"]["action"] == fc.INSERT
    report = {r["uuid"]: r for r in fc.report_rows(acts.values())}
    assert report["b"]["field_values"] == "status=危房" and report["b"]["office_values"] == "status=已拆除"


def test_merge_applies_refuses_twice_and_another_database(tmp_path):
    path, f = make_db(tmp_path)
    manifest, rows = package_of(path, f)
    homes = rows["homestead_survey"]
    first, second = sorted(homes)
    homes[first]["status"] = "闲置"
    del homes[second]
    acts = fs.merge(path, f, manifest, "h", rows, str(tmp_path))
    assert sorted(a["action"] for a in acts) == [fc.DELETE, fc.UPDATE]
    now = {r["uuid"]: r for r in fs.read_layer(path, f, "homestead_survey")}
    assert now[first]["status"] == "闲置" and now[first]["row_version"] == 2 and second not in now
    def content():
        with open(path, "rb") as fh:
            return fh.read()

    before = content()
    with pytest.raises(fc.MergeRefused, match="already merged"):
        fs.merge(path, f, manifest, "h", rows, str(tmp_path))
    assert content() == before
    os.makedirs(tmp_path / "other")
    other, _ = make_db(tmp_path / "other")
    with pytest.raises(fc.MergeRefused, match="another planning database"):
        fs.merge(other, f, dict(manifest, package_id="x"), "h", rows, str(tmp_path))
    assert fs.merge_history(path)[0]["updated"] == 1


def test_a_merge_killed_halfway_leaves_the_database_unchanged(tmp_path):
    path, f = make_db(tmp_path)
    manifest, rows = package_of(path, f)
    for row in rows["homestead_survey"].values():
        row["status"] = "危房"
    payload = tmp_path / "payload.json"
    for layer in rows.values():
        for row in layer.values():
            row["geom"] = row["geom"].hex()
    payload.write_text(json.dumps({"manifest": manifest, "rows": rows}), encoding="utf-8")
    before = fs.read_layer(path, f, "homestead_survey")
    script = (
        "import sys, time, json\n"
        "sys.path.insert(0, %r)\n"
        "from village_planner.core import field as fc\n"
        "from village_planner.store import field_store as fs\n"
        "from village_planner.paths import resource\n"
        "p = json.load(open(%r, encoding='utf-8'))\n"
        "rows = {l: {k: dict(r, geom=bytes.fromhex(r['geom'])) for k, r in v.items()} for l, v in p['rows'].items()}\n"
        "def hang():\n"
        "    print('in transaction', flush=True)\n"
        "    time.sleep(60)\n"
        "fs.merge(%r, fc.load_forms(resource('forms', 'field_forms.json')), p['manifest'], 'h', rows, %r,\n"
        "         before_commit=hang)\n"
    ) % (ROOT, str(payload), path, str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "in transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()
    time.sleep(0.2)
    assert fs.read_layer(path, f, "homestead_survey") == before
    assert fs.merge_history(path) == []
    for layer in rows.values():
        for row in layer.values():
            row["geom"] = bytes.fromhex(row["geom"])
    assert len(fs.merge(path, f, manifest, "h", rows, str(tmp_path))) == 2  # usable again


def test_figures_per_village_count_the_statuses_and_the_idle_area():
    figs = fc.homestead_figures([{"village_code": V1, "status": "闲置", "area_m2": 120.5},
                                 {"village_code": V1, "status": "在用", "area_m2": 80},
                                 {"village_code": V1, "status": None, "area_m2": 80}])
    assert figs[V1]["homesteads_idle"] == 1 and figs[V1]["idle_homestead_m2"] == 120.5
    assert figs[V1]["homesteads_surveyed"] == 2


def conflicted(tmp_path):
    """A database with one conflict after a merge: the same homestead edited in the field and in the office."""
    path, f = make_db(tmp_path)
    manifest, rows = package_of(path, f)
    key = sorted(rows["homestead_survey"])[0]
    rows["homestead_survey"][key].update(status="危房", note="field")
    con = sqlite3.connect(path)
    con.execute("UPDATE homestead_survey SET status='已拆除' WHERE uuid=?", (key,))
    con.commit()
    con.close()
    acts = fs.merge(path, f, manifest, "h", rows, str(tmp_path))
    assert [a["action"] for a in acts] == ["conflict"]
    assert fs.merge_report(path, manifest["package_id"])[0]["uuid"] == key
    return path, f, key, rows["homestead_survey"][key]


def office_rows(path, f):
    return {r["uuid"]: r for r in fs.read_layer(path, f, "homestead_survey")}


def test_a_conflict_settled_keeping_the_office_version_changes_nothing(tmp_path):
    path, f, key, field_row = conflicted(tmp_path)
    before = office_rows(path, f)
    assert fs.resolve_conflict(path, "homestead_survey", key, "office", field_row) is None
    assert office_rows(path, f) == before
    with pytest.raises(ValueError):
        fs.resolve_conflict(path, "homestead_survey", key, "mine", field_row)


def test_a_conflict_settled_taking_the_field_version_updates_the_row_and_its_version(tmp_path):
    path, f, key, field_row = conflicted(tmp_path)
    assert fs.resolve_conflict(path, "homestead_survey", key, "field", field_row) == key
    row = office_rows(path, f)[key]
    assert (row["status"], row["note"], row["row_version"]) == ("危房", "field", 3)


def test_a_conflict_settled_keeping_both_adds_the_field_version_linked_to_the_office_row(tmp_path):
    path, f, key, field_row = conflicted(tmp_path)
    before = office_rows(path, f)
    new = fs.resolve_conflict(path, "homestead_survey", key, "both", field_row)
    now = office_rows(path, f)
    assert now[key] == before[key] and len(now) == len(before) + 1
    assert now[new]["linked_uuid"] == key and now[new]["status"] == "危房" and now[new]["row_version"] == 1
    assert fc.wkb_of(now[new]["geom"]) == fc.wkb_of(before[key]["geom"])


def test_a_row_deleted_in_the_field_is_deleted_only_when_the_field_version_is_taken(tmp_path):
    path, f, key, _ = conflicted(tmp_path)
    assert fs.resolve_conflict(path, "homestead_survey", key, "both", None) is None
    assert key in office_rows(path, f)
    fs.resolve_conflict(path, "homestead_survey", key, "field", None)
    assert key not in office_rows(path, f)


def test_a_package_photo_must_lie_inside_the_package(tmp_path):
    from village_planner.core import field as fc

    package = tmp_path / "package"
    (package / "photos").mkdir(parents=True)
    (package / "photos" / "a.jpg").write_bytes(b"jpeg")
    secret = tmp_path / "secret.txt"
    secret.write_text("office file")
    assert fc.package_photo(str(package), "photos/a.jpg") == str((package / "photos" / "a.jpg").resolve())
    for hostile in ("../secret.txt", str(secret), "photos/../../secret.txt"):
        with pytest.raises(fc.PhotoRefused, match="outside the package"):
            fc.package_photo(str(package), hostile)
    with pytest.raises(fc.PhotoRefused, match="not in the package"):
        fc.package_photo(str(package), "photos/missing.jpg")


def test_rows_of_villages_outside_the_package_are_never_written():
    from village_planner.core import field as fc

    cols = ["village_code", "status"]
    actions = fc.plan_merge("homestead_survey", cols, {}, {"u1": {"uuid": "u1", "village_code": "500230009999",
                                                                  "status": "闲置"}}, {}, villages={"500230001002"})
    assert [a["action"] for a in actions] == [fc.SKIPPED] and "500230009999" in actions[0]["reason"]
    assert fc._plain(float("inf")) == float("inf")  # no OverflowError on a non-finite REAL


def test_a_conflict_is_settled_once_and_only_a_reported_one():
    report = [{"uuid": "a", "layer": "homestead_survey", "action": fc.CONFLICT},
              {"uuid": "b", "layer": "homestead_survey", "action": fc.UPDATE}]
    settled = fc.settle(report, "homestead_survey", "a", "both", "a2", "2026-11-29T10:00:00")
    assert settled[0] == dict(report[0], resolution="both", resolved_uuid="a2", resolved_at="2026-11-29T10:00:00")
    assert "resolution" not in report[0] and fc.unsettled(settled) == [] and len(fc.unsettled(report)) == 1
    with pytest.raises(fc.ConflictSettled, match="already settled"):
        fc.settle(settled, "homestead_survey", "a", "field", "a", "2026-11-29T11:00:00")
    with pytest.raises(fc.ConflictSettled, match="no conflict"):
        fc.settle(report, "homestead_survey", "b", "field", "b", "2026-11-29T11:00:00")


def test_a_value_list_of_numbers_accepts_the_number_however_it_was_stored():
    forms_ = {"layers": {"homestead_survey": {"fields": [
        {"name": "floors", "kind": "int", "values": [1, 2, 3]},
        {"name": "rooms", "kind": "text", "values": [1, 2, 3]},
        {"name": "status", "kind": "text", "values": ["在用", "闲置"]}]}}}
    for floors, rooms in ((2, "2"), (2.0, 3), (1, "1")):  # a value map may write the number as text
        assert fc.row_problems(forms_, "homestead_survey", {"floors": floors, "rooms": rooms, "status": "在用"}) == []
    problems = fc.row_problems(forms_, "homestead_survey", {"floors": 4, "status": "闲置 "})
    assert len(problems) == 2 and "floors=4" in problems[0] and "status=闲置 " in problems[1]
