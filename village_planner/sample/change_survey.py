"""A next-year change survey (年度变更调查) derived from a generated county, for tests, the demo and the bench.

    python -m village_planner.sample.change_survey COUNTY_DIR [--seed 2024] [--share 0.03]

Reads ``county.gpkg`` (DLTB, YJJBNTTB, STBHHX) and writes ``change_survey.gpkg`` (layer DLTB, the same
fields) and ``change_survey.json`` (what was changed, and the planted cases with their expected areas).
The result depends only on the county and the seed. A few percent of parcels change:

* re-delineation without change of land: interior vertices moved by 0.15-0.4 m (in every parcel that
  shares them, so the survey still tiles; the overlay then has thin slivers between neighbours of
  different classes), parcels split in two and neighbours of the same class merged;
* changes of land among non-construction classes (cultivated land to garden or forest and back);
* planted cases, each a 30 m x 30 m rural homestead (0702) carved out of a cultivated parcel in a village
  of its own: ``covered`` (outside basic farmland and the red line; the test records a draw of its
  geometry), ``unexplained`` (the same, with no draw) and ``basic_farmland`` (inside permanent basic
  farmland).
"""

import argparse
import json
import os

import numpy as np
import shapely
from osgeo import ogr

from .generator import EPSG, PARCEL_FIELDS, SURVEY_NAMES, _scale2, _write_layer

ogr.UseExceptions()
CULTIVATED = ("0101", "0102", "0103")
KCXS = {1: 0.0, 2: 0.0263, 3: 0.0611, 4: 0.1036, 5: 0.1481}
HOME_SIDE = 30.0
PLANTED = ("covered", "unexplained", "basic_farmland")


def _read(path, name):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName(name)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    geoms, attrs = [], []
    for feat in layer:
        g = feat.GetGeometryRef()
        geoms.append(shapely.from_wkb(bytes(g.ExportToWkb())) if g is not None else None)
        attrs.append({n: feat.GetField(n) for n in names})
    return np.array(geoms, dtype=object), attrs


def _areas(attrs, geom):
    """TBMJ, KCMJ and TBDLMJ of a reshaped parcel (ellipsoidal area modelled as the generator does)."""
    tbmj = round(geom.area / _scale2(geom.centroid.x), 2)
    kcxs = attrs.get("KCXS") or 0.0
    kcmj = round(tbmj * kcxs, 2)
    out = dict(attrs)
    out.update({"TBMJ": tbmj, "KCMJ": kcmj, "TBDLMJ": round(tbmj - kcmj, 2), "KCDLBM": "1203" if kcmj > 0 else ""})
    return out


def _move_vertices(geoms, attrs, valid, rng, share):
    """Move a share of the interior vertices (four parcels of one village share them) in every parcel."""
    owners = {}
    for i, g in enumerate(geoms):
        if not valid[i] or g.geom_type != "Polygon" or len(g.interiors):
            continue
        for xy in g.exterior.coords[:-1]:
            owners.setdefault(xy, []).append(i)
    village = [str(a.get("ZLDWDM") or "")[:12] for a in attrs]
    interior = sorted(xy for xy, who in owners.items() if len(who) == 4 and len({village[i] for i in who}) == 1)
    pick = rng.uniform(size=len(interior)) < share
    moves = {}
    for xy, chosen in zip(interior, pick):
        if chosen:
            angle, dist = rng.uniform(0, 2 * np.pi), rng.uniform(0.15, 0.4)
            moves[xy] = (xy[0] + dist * np.cos(angle), xy[1] + dist * np.sin(angle))
    touched = sorted({i for xy in moves for i in owners[xy]})
    for i in touched:
        ring = [moves.get(xy, xy) for xy in geoms[i].exterior.coords]
        geoms[i] = shapely.Polygon(ring)
    return set(touched), len(moves)


def _carve(parcel, zone=None):
    """A HOME_SIDE square inside ``parcel`` (and inside ``zone`` when given), or None."""
    area = parcel if zone is None else shapely.intersection(parcel, zone)
    if area.is_empty:
        return None
    x, y = shapely.point_on_surface(area).coords[0]
    for dx, dy in ((0, 0), (-10, 0), (10, 0), (0, -10), (0, 10), (-20, -20), (20, 20)):
        half = HOME_SIDE / 2
        square = shapely.box(x + dx - half, y + dy - half, x + dx + half, y + dy + half)
        if area.buffer(-0.5).contains(square):
            return square
    return None


class _NextSurvey:
    """The parcels of the next year's survey as they are being changed (one random stream, in order)."""

    def __init__(self, geoms, attrs, rng):
        self.rng = rng
        self.attrs = attrs
        self.geoms = geoms.copy()
        self.valid = np.array([g is not None and g.is_valid for g in geoms], dtype=bool)
        self.out = [dict(a) for a in attrs]
        self.reshaped, self.removed, self.taken = set(), set(), set()
        self.extra = []  # (geometry, attrs) of new parcels
        self.next_bsm = max(int(a["BSM"]) for a in attrs) + 1

    def new_bsm(self):
        self.next_bsm += 1
        return "%018d" % (self.next_bsm - 1)

    def plant_homesteads(self, planted_villages, bnt, protected):
        """A 30 m x 30 m homestead carved from a cultivated parcel of each planted village."""
        planted = {}
        for case, village in planted_villages.items():
            for i in np.nonzero(self.valid)[0]:
                a = self.attrs[i]
                if i in self.taken or not str(a["ZLDWDM"]).startswith(village) or a["DLBM"] not in CULTIVATED:
                    continue
                g = self.geoms[i]
                if case == "basic_farmland":
                    square = _carve(g, bnt)
                else:
                    square = None if shapely.intersection(g, protected).area > 0 else _carve(g)
                if square is None:
                    continue
                self.geoms[i] = shapely.difference(g, square)
                self.reshaped.add(i)
                home = {k: a[k] for k in a}
                home.update({"BSM": self.new_bsm(), "DLBM": "0702", "DLMC": SURVEY_NAMES.get("0702", ""),
                             "CZCSXM": "203", "GDLX": "", "GDPDJB": "", "KCXS": 0.0})
                home = _areas(home, square)
                self.extra.append((square, home))
                self.taken.add(i)
                planted[case] = {
                    "village": village, "parcel_bsm": a["BSM"], "code_before": a["DLBM"], "code_after": "0702",
                    "tbmj": home["TBMJ"], "geometry_wkt": square.wkt,
                    "bnt_m2": round(shapely.intersection(square, bnt).area / _scale2(square.centroid.x), 2)}
                break
        return planted

    def swap_codes(self, share):
        """Changes of land among non-construction classes."""
        n = 0
        swaps = {"0101": "0201", "0102": "0201", "0103": "0301", "0201": "0103", "0301": "0103", "0204": "0103"}
        roll = self.rng.uniform(size=len(self.attrs))
        for i, a in enumerate(self.attrs):
            if i in self.taken or roll[i] >= share / 2 or a["DLBM"] not in swaps:
                continue
            new = swaps[a["DLBM"]]
            self.out[i].update({"DLBM": new, "DLMC": SURVEY_NAMES.get(new, "")})
            if new in CULTIVATED:
                self.out[i].update({"GDPDJB": self.out[i].get("GDPDJB") or "2",
                                    "GDLX": self.out[i].get("GDLX") or "TT"})
            else:
                self.out[i].update({"GDPDJB": "", "GDLX": "", "KCXS": 0.02 if new.startswith("02") else 0.0})
            self.reshaped.add(i)
            n += 1
        return n

    def split(self, share):
        """Re-delineation without change of land: parcels cut in two."""
        n = 0
        roll = self.rng.uniform(size=len(self.attrs))
        for i in np.nonzero(self.valid & (roll < share / 3))[0]:
            if i in self.taken:
                continue
            g = self.geoms[i]
            x0, y0, x1, y1 = g.bounds
            xm = (x0 + x1) / 2
            halves = [shapely.intersection(g, shapely.box(x0 - 1, y0 - 1, xm, y1 + 1)),
                      shapely.intersection(g, shapely.box(xm, y0 - 1, x1 + 1, y1 + 1))]
            if any(h.geom_type != "Polygon" or h.area < 10 for h in halves):
                continue
            self.geoms[i] = halves[0]
            self.reshaped.add(i)
            second = dict(self.out[i])
            second["BSM"] = self.new_bsm()
            self.extra.append((halves[1], second))
            self.taken.add(i)
            n += 1
        return n

    def merge(self, share):
        """Re-delineation without change of land: neighbours of one class and village joined."""
        n = 0
        tree = shapely.STRtree(self.geoms)
        roll = self.rng.uniform(size=len(self.attrs))
        out, geoms = self.out, self.geoms
        for i in np.nonzero(self.valid & (roll < share / 3))[0]:
            if i in self.taken or i in self.removed:
                continue
            for j in tree.query(geoms[i], predicate="touches"):
                if j == i or j in self.taken or j in self.removed or not self.valid[j] or \
                        out[j]["DLBM"] != out[i]["DLBM"] or out[j]["ZLDWDM"] != out[i]["ZLDWDM"]:
                    continue
                if shapely.intersection(geoms[i].boundary, geoms[j].boundary).length < 1.0:
                    continue
                merged = shapely.union(geoms[i], geoms[j])
                if merged.geom_type != "Polygon":
                    continue
                geoms[i] = merged
                self.removed.add(int(j))
                self.taken.update({int(i), int(j)})
                self.reshaped.add(i)
                n += 1
                break
        return n

    def rows(self):
        rows = []
        for i, (g, a) in enumerate(zip(self.geoms, self.out)):
            if i in self.removed:
                continue
            if i in self.reshaped and self.valid[i]:
                a = _areas(a, g)
            rows.append((g, a))
        rows.extend(self.extra)
        fields = [name for name, _, _ in PARCEL_FIELDS]
        return [(g, {k: a.get(k) for k in fields}) for g, a in rows]


def make_change_survey(county_dir, out_dir=None, seed=2024, share=0.03):
    """Write the change survey next to the county (or into ``out_dir``); returns the manifest."""
    out_dir = out_dir or county_dir
    gpkg = os.path.join(county_dir, "county.gpkg")
    geoms, attrs = _read(gpkg, "DLTB")
    bnt_geoms, _ = _read(gpkg, "YJJBNTTB")
    red_geoms, _ = _read(gpkg, "STBHHX")
    bnt = shapely.union_all([g for g in bnt_geoms if g is not None])
    red = shapely.union_all([g for g in red_geoms if g is not None]) if len(red_geoms) else shapely.Polygon()
    protected = shapely.union_all([bnt, red])
    survey = _NextSurvey(geoms, attrs, np.random.default_rng(seed))
    codes = sorted({str(a["ZLDWDM"])[:12] for a in attrs if a.get("ZLDWDM")})
    known = [c for c in codes if sum(1 for a in attrs if str(a["ZLDWDM"]).startswith(c)) > 20]
    mid = len(known) // 2
    planted_villages = dict(zip(PLANTED, known[mid:mid + 3]))

    moved, n_vertices = _move_vertices(survey.geoms, attrs, survey.valid, survey.rng, share / 3)
    survey.reshaped.update(moved)
    manifest = {"seed": seed, "share": share, "epsg": EPSG, "moved_vertices": n_vertices,
                "planted": survey.plant_homesteads(planted_villages, bnt, protected)}
    n_codes = survey.swap_codes(share)
    n_splits = survey.split(share)
    n_merges = survey.merge(share)
    rows = survey.rows()
    path = os.path.join(out_dir, "change_survey.gpkg")
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    _write_layer(ds, "DLTB", EPSG, ogr.wkbPolygon, PARCEL_FIELDS, rows, options=["SPATIAL_INDEX=YES"])
    ds = None
    manifest.update({"path": path, "parcels_before": len(attrs), "parcels_after": len(rows),
                     "reshaped_parcels": len(survey.reshaped), "code_changes": n_codes, "splits": n_splits,
                     "merges": n_merges})
    with open(os.path.join(out_dir, "change_survey.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    return manifest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("county_dir")
    ap.add_argument("--out-dir")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--share", type=float, default=0.03)
    args = ap.parse_args(argv)
    m = make_change_survey(args.county_dir, args.out_dir, args.seed, args.share)
    print("change survey: %d -> %d parcels, %d reshaped, %d code changes -> %s" % (
        m["parcels_before"], m["parcels_after"], m["reshaped_parcels"], m["code_changes"], m["path"]))


if __name__ == "__main__":
    main()
