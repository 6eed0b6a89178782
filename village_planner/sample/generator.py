"""Generate a synthetic county in the third land survey schema.

    python -m village_planner.sample.generator OUT_DIR [--villages 12] [--parcels 4800] [--seed 42]

Writes ``county.gpkg`` (CJDCQ, DLTB, YJJBNTTB, STBHHX, CZKFBJ, DZZHD and the
table CJTJ of village statistics), ``village_stats.csv`` (GBK, Chinese headers)
and, unless ``--no-variants``, the same county as GBK Shapefiles without .cpg
(``shp_gbk/``) and in geographic CGCS2000 (``county_4490.gpkg``).

The county is planar CGCS2000 3-degree Gauss-Kruger CM 108E (EPSG:4545). TBMJ
is the parcel's ellipsoidal area, modelled from the Gauss-Kruger scale factor.
Defects seen in real deliveries are planted on purpose and listed in
``defects.json``: two self-intersecting parcels and one parcel whose ZLDWDM
names no village.
"""

import argparse
import json
import math
import os
import shutil

import numpy as np
import shapely
from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

COUNTY_CODE = "500230"
EPSG = 4545
CELL = 2400.0
X0, Y0 = 470000.0, 3300000.0
EARTH_R = 6378137.0

NAME_A = list("龙石青白金桂柳杨桃李梅竹松柏花岩凤鹤安平兴隆永福长乐新民高丰双河")
NAME_B = list("井坪湾坝沟山岭溪塘桥田林坡院冲口寨湖园庄堡台")
TOWN_NAMES = ["三合镇", "龙河镇", "兴义镇", "高家镇", "社坛镇", "许明寺镇", "包鸾镇", "湛普镇",
              "树人镇", "董家镇", "青龙乡", "太平坝乡", "暨龙镇", "南天湖镇", "仙女湖镇", "江池镇"]
INDUSTRIES = ["柑橘", "榨菜", "生猪养殖", "茶叶", "乡村旅游", "中药材", "花椒", "蔬菜", "水产养殖", "竹编"]
GROUP_NAMES = "一二三四五六七八九十"

SURVEY_NAMES = {
    "0101": "水田", "0102": "水浇地", "0103": "旱地", "0201": "果园", "0201K": "可调整果园",
    "0202": "茶园", "0301": "乔木林地", "0301K": "可调整乔木林地", "0305": "灌木林地",
    "0307": "其他林地", "0404": "其他草地", "0404K": "可调整其他草地", "05H1": "商业服务业设施用地",
    "0601": "工业用地", "0701": "城镇住宅用地", "0702": "农村宅基地", "08H1": "机关团体新闻出版用地",
    "08H2": "科教文卫用地", "0809": "公用设施用地", "0810": "公园与绿地", "09": "特殊用地",
    "1003": "公路用地", "1004": "城镇村道路用地", "1006": "农村道路", "1101": "河流水面",
    "1104": "坑塘水面", "1104K": "可调整坑塘水面", "1107": "沟渠", "1108": "沼泽地",
    "1109": "水工建筑用地", "1201": "空闲地", "1202": "设施农用地", "1206": "裸土地",
    "0204": "其他园地", "08H2A": "高教用地", "0810A": "广场用地", "1104A": "养殖坑塘", "1107A": "干渠",
    "1005": "交通服务场站用地",
}
KCXS = {1: 0.0, 2: 0.0263, 3: 0.0611, 4: 0.1036, 5: 0.1481}


def _scale2(x):
    """Square of the Gauss-Kruger scale factor at easting x (CM at 500 km)."""
    m = 1.0 + (x - 500000.0) ** 2 / (2.0 * EARTH_R ** 2)
    return m * m


def _names(rng, count, used=None):
    used = set() if used is None else used
    out = []
    while len(out) < count:
        name = rng.choice(NAME_A) + rng.choice(NAME_B) + "村"
        if name in used:
            name = rng.choice(NAME_A) + rng.choice(NAME_A) + rng.choice(NAME_B) + "村"
        if name not in used:
            used.add(name)
            out.append(name)
    return out


class County:
    """The generated county, kept in memory as shapely arrays and dicts."""

    def __init__(self, villages=12, parcels=4800, seed=42):
        self.rng = np.random.default_rng(seed)
        self.n_villages = max(2, int(villages))
        self.per_village = max(16, int(parcels) // self.n_villages)
        self.ncols = int(math.ceil(math.sqrt(self.n_villages)))
        self.nrows = int(math.ceil(self.n_villages / self.ncols))
        self.n_towns = max(2, int(math.ceil(self.n_villages / 20)))
        self.phases = self.rng.uniform(0, 2 * math.pi, 6)
        self._villages()
        self._parcels()
        self._overlays()
        self._stats()
        self._plan()

    # -- layout ---------------------------------------------------------
    def _elev(self, x, y):
        u, v = (x - X0) / CELL, (y - Y0) / CELL
        p = self.phases
        e = (np.sin(u * 0.9 + p[0]) + np.sin(v * 1.1 + p[1]) + 0.6 * np.sin((u + v) * 1.7 + p[2])
             + 0.4 * np.sin(u * 3.1 - v * 2.3 + p[3]))
        return (e + 3.0) / 6.0

    def _villages(self):
        rng = self.rng
        lat = np.zeros((self.nrows + 1, self.ncols + 1, 2))
        for r in range(self.nrows + 1):
            for c in range(self.ncols + 1):
                jit = rng.uniform(-0.12, 0.12, 2) * CELL
                if r in (0, self.nrows):
                    jit[1] = 0.0
                if c in (0, self.ncols):
                    jit[0] = 0.0
                lat[r, c] = (X0 + c * CELL + jit[0], Y0 + r * CELL + jit[1])
        self.lattice = lat
        names = _names(rng, self.n_villages)
        self.villages = []
        per_town = int(math.ceil(self.n_villages / self.n_towns))
        for i in range(self.n_villages):
            r, c = divmod(i, self.ncols)
            town = i // per_town
            seq = i % per_town
            corners = np.array([lat[r, c], lat[r, c + 1], lat[r + 1, c + 1], lat[r + 1, c]])
            self.villages.append({
                "index": i,
                "code": "%s%03d%03d" % (COUNTY_CODE, town + 1, seq + 1),
                "name": names[i],
                "town": TOWN_NAMES[town % len(TOWN_NAMES)] + ("" if town < len(TOWN_NAMES) else str(town)),
                "town_index": town,
                "seat": seq == 0,
                "corners": corners,
                "center": corners.mean(axis=0),
                "polygon": shapely.Polygon(np.vstack([corners, corners[:1]])),
            })

    def _parcels(self):
        rng = self.rng
        k = self.per_village
        a = max(2, int(round(math.sqrt(k))))
        b = max(2, int(round(k / a)))
        polys, attrs = [], []
        river_amp, river_len = 0.35 * CELL, 2.3 * CELL
        river_y0 = Y0 + self.nrows * CELL * 0.55
        highway_x = X0 + self.ncols * CELL * 0.37
        bsm = 0
        for v in self.villages:
            ju = np.linspace(0, 1, a + 1)
            jv = np.linspace(0, 1, b + 1)
            uu, vv = np.meshgrid(ju, jv, indexing="ij")
            inner = (uu > 0) & (uu < 1) & (vv > 0) & (vv < 1)
            uu = uu + np.where(inner, rng.uniform(-0.28, 0.28, uu.shape) / a, 0)
            vv = vv + np.where(inner, rng.uniform(-0.28, 0.28, vv.shape) / b, 0)
            c0, c1, c2, c3 = v["corners"]
            pts = ((1 - uu)[..., None] * (1 - vv)[..., None] * c0 + uu[..., None] * (1 - vv)[..., None] * c1
                   + uu[..., None] * vv[..., None] * c2 + (1 - uu)[..., None] * vv[..., None] * c3)
            quads = np.stack([pts[:-1, :-1], pts[1:, :-1], pts[1:, 1:], pts[:-1, 1:], pts[:-1, :-1]], axis=2)
            quads = quads.reshape(-1, 5, 2)
            groups = np.repeat(np.arange(a) * 6 // a, b)
            geoms = shapely.polygons(quads)
            cent = quads[:, :4].mean(axis=1)
            cx, cy = cent[:, 0], cent[:, 1]
            elev = self._elev(cx, cy)
            dcen = np.hypot(cx - v["center"][0], cy - v["center"][1]) / CELL
            roll = rng.uniform(0, 1, len(geoms))
            river = np.abs(cy - (river_y0 + river_amp * np.sin((cx - X0) / river_len))) < 45
            highway = np.abs(cx - highway_x) < 30
            for j, geom in enumerate(geoms):
                bsm += 1
                code, czc, qsxz = self._classify(v, elev[j], dcen[j], roll[j], river[j], highway[j])
                polys.append(geom)
                attrs.append({
                    "BSM": "%018d" % bsm, "DLBM": code, "DLMC": SURVEY_NAMES[code], "QSXZ": qsxz,
                    "ZLDWDM": v["code"] + "%03d0000" % (groups[j] + 1),
                    "ZLDWMC": v["name"] + GROUP_NAMES[groups[j]] + "组",
                    "CZCSXM": czc, "_elev": elev[j], "_x": cx[j],
                })
        planar = shapely.area(np.array(polys, dtype=object))
        for att, area in zip(attrs, planar):
            tbmj = round(area / _scale2(att.pop("_x")), 2)
            elev = att.pop("_elev")
            att["TBMJ"] = tbmj
            grade = None
            if att["DLBM"] in ("0101", "0102", "0103"):
                grade = int(min(5, max(1, 1 + int(elev / 0.5 * 5 + self.rng.uniform(-0.5, 0.5)))))
                att["GDLX"] = "TT" if grade <= 2 else "PD"
            else:
                att["GDLX"] = ""
            att["GDPDJB"] = "" if grade is None else str(grade)
            kcxs = KCXS[grade] if grade else (0.02 if att["DLBM"].startswith("02") else 0.0)
            kcmj = round(tbmj * kcxs, 2)
            att["KCDLBM"] = "1203" if kcmj > 0 else ""
            att["KCXS"] = kcxs
            att["KCMJ"] = kcmj
            att["TBDLMJ"] = round(tbmj - kcmj, 2)
        self.parcel_geoms = np.array(polys, dtype=object)
        self.parcel_attrs = attrs
        # the delivery as it should have been, before the defects below: the plan is drawn on it
        self.clean_geoms = self.parcel_geoms.copy()
        self.true_zldwdm = [att["ZLDWDM"] for att in attrs]
        self.defects = {"invalid_geometry_bsm": [], "orphan_parcel_bsm": []}
        # plant defects seen in real deliveries
        n = len(polys)
        for j in (n // 3, (2 * n) // 3):
            q = np.array(self.parcel_geoms[j].exterior.coords)
            q[[1, 2]] = q[[2, 1]]
            self.parcel_geoms[j] = shapely.Polygon(q)
            self.defects["invalid_geometry_bsm"].append(attrs[j]["BSM"])
        j = n // 2 + 1
        attrs[j]["ZLDWDM"] = attrs[j]["ZLDWDM"][:9] + "999" + attrs[j]["ZLDWDM"][12:]
        self.defects["orphan_parcel_bsm"].append(attrs[j]["BSM"])

    def _classify(self, v, elev, dcen, roll, river, highway):
        if highway:
            return "1003", "", "20"
        if river:
            return ("1101", "", "20") if roll < 0.9 else ("1109", "", "20")
        # the A-suffixed classes, from the same roll (the random stream, and so the rest of the county, is kept)
        half = (roll * 9) % 1 < 0.5
        if v["index"] == 0 and dcen < 0.2:
            code = ["0701", "0701", "0701", "05H1", "08H1", "08H2", "1004", "0810", "0601"][int(roll * 9)]
            code = {"08H2": "08H2A", "0810": "0810A"}.get(code, code) if half else code
            return code, "201", "20" if code in ("08H1", "1004", "0810", "0810A") else "30"
        if v["seat"] and dcen < 0.15:
            code = ["0701", "0701", "05H1", "08H1", "08H2", "1004", "0702"][int(roll * 7)]
            return code, "202", "30"
        if dcen < 0.11:
            code = ["0702"] * 12 + ["08H2", "0809", "05H1", "1004", "1005", "1201", "0601", "09"]
            return code[int(roll * len(code))], "203", "30"
        if roll < 0.03:
            return "1006", "", "30"
        if roll < 0.045:
            return ("1104" if roll < 0.04 else "1104A"), "", "30"
        if roll < 0.05:
            return "1104K", "", "30"
        if roll < 0.06:
            return ("1107" if roll < 0.057 else "1107A"), "", "30"
        if roll < 0.07:
            return "1202", "", "30"
        if roll < 0.073:
            return "1206", "", "30"
        if roll < 0.075:
            return "1108", "", "30"
        r2 = (roll - 0.075) / 0.925
        if elev < 0.36:
            return ("0101" if r2 < 0.7 else "0102"), "", "30"
        if elev < 0.5:
            return ("0103" if r2 < 0.85 else "0101"), "", "30"
        if elev < 0.6:
            return ("0201", "0201K", "0202", "0204")[int(r2 * 4)], "", "30"
        if elev < 0.88:
            return ("0301", "0301", "0305", "0307", "0301K")[int(r2 * 5)], "", "30"
        return ("0404", "0404K")[int(r2 * 2)], "", "30"

    # -- the village plans ----------------------------------------------
    def _plan(self):
        """A planned layer in 2023 planning codes (GHDLTB) and village construction boundaries (CZJSBJ)."""
        from ..core.crosswalk import SurveyCrosswalk, planning_codes

        rng = np.random.default_rng(7)
        cross = SurveyCrosswalk()
        names = planning_codes()
        relocation = {v["code"] for v in self.villages[2:5]}
        # a plan the bureau's check accepts: drawn on the clean delivery, no construction land left on basic
        # farmland or the red line, no loss of cultivated land and no growth of village construction land
        protected = shapely.union_all(list(self.bnt) + list(self.redline))
        construction = ("07", "08", "09", "10", "11", "12", "13", "14", "15", "16")
        self.planned = []
        for att, zldwdm, geom in zip(self.parcel_attrs, self.true_zldwdm, self.clean_geoms):
            code, _, _ = cross.convert(att["DLBM"], att["CZCSXM"])
            czc = att["CZCSXM"]
            roll = rng.uniform()
            if zldwdm[:12] in relocation and code == "0703" and roll < 0.6:
                code, czc = "0101", ""  # homesteads of a relocated village reclaimed as paddy
            elif code.startswith(construction) and shapely.area(shapely.intersection(geom, protected)) > 0.01:
                code, czc = "0301", ""  # construction on protected land is removed and the land restored
            self.planned.append({"GHDLBM": code, "GHDLMC": names.get(code, {}).get("name_zh", ""),
                                 "ZLDWDM": zldwdm, "CZCSXM": czc, "MJ": att["TBMJ"], "KCMJ": att["KCMJ"],
                                 "BSM": att["BSM"]})
        geoms = self.clean_geoms
        by_village = {}
        for g, att in zip(geoms, self.planned):
            if att["CZCSXM"] in ("203", "203A"):  # village land only: towns have their own boundary
                by_village.setdefault(att["ZLDWDM"][:12], []).append(g)
        self.boundaries = []
        for v in self.villages:
            parts = by_village.get(v["code"])
            if not parts:
                continue
            area = shapely.intersection(shapely.union_all(parts).buffer(15.0), v["polygon"])
            self.boundaries.append((area, v))

    # -- other layers ---------------------------------------------------
    def _overlays(self):
        rng = self.rng
        self.county = shapely.union_all([v["polygon"] for v in self.villages])
        # permanent basic farmland: patches of cultivated parcels along their edges, as
        # delineated from the survey; some patches are cut by setbacks (roads, ditches)
        # drawn across parcels, so that part of a parcel lies outside
        bnt_parts = []
        geoms = shapely.make_valid(self.parcel_geoms)
        by_village = {}
        for g, att in zip(geoms, self.parcel_attrs):
            if att["DLBM"] in ("0101", "0102", "0103") and rng.uniform() < 0.85:
                by_village.setdefault(att["ZLDWDM"][:12], []).append(g)
        for code in sorted(by_village):
            merged = shapely.union_all(by_village[code])
            x0, y0, x1, y1 = merged.bounds
            cuts = []
            for _ in range(3):
                ax, bx = rng.uniform(x0, x1, 2)
                cuts.append(shapely.LineString([(ax, y0), (bx, y1)]).buffer(4.0))
                ay, by = rng.uniform(y0, y1, 2)
                cuts.append(shapely.LineString([(x0, ay), (x1, by)]).buffer(4.0))
            merged = shapely.difference(merged, shapely.union_all(cuts))
            bnt_parts.extend(p for p in shapely.get_parts(merged) if p.area > 200)
        self.bnt = bnt_parts
        # ecological red line: most of village 3 plus high ground elsewhere
        red = []
        if self.n_villages > 3:
            v = self.villages[3]
            c0, c1, c2, c3 = v["corners"]
            cut = 0.38
            red.append(shapely.Polygon([c0 + (c3 - c0) * cut, c1 + (c2 - c1) * cut, c2, c3]))
        for v in self.villages[5:]:
            if rng.uniform() < 0.3:
                cx, cy = v["center"] + rng.uniform(-0.3, 0.3, 2) * CELL
                red.append(shapely.Point(cx, cy).buffer(rng.uniform(0.12, 0.25) * CELL, quad_segs=12))
        red = shapely.intersection(shapely.union_all(red), self.county) if red else shapely.Polygon()
        self.redline = [p for p in shapely.get_parts(red) if p.area > 0]
        # urban development boundary around the county seat (village 0)
        v0 = self.villages[0]
        blob = shapely.Point(*v0["center"]).buffer(0.36 * CELL, quad_segs=16)
        blob = shapely.affinity.scale(blob, 1.25, 0.85)
        self.devbound = [shapely.intersection(blob, self.county)]
        # geological hazard points
        pts = []
        for v in self.villages:
            n = 4 if v["index"] == 2 else int(rng.integers(0, 3))
            for _ in range(n):
                u, w = rng.uniform(0.1, 0.9, 2)
                c0, c1, c2, c3 = v["corners"]
                p = (1 - u) * (1 - w) * c0 + u * (1 - w) * c1 + u * w * c2 + (1 - u) * w * c3
                pts.append((shapely.Point(*p), ["滑坡", "崩塌", "泥石流", "地面塌陷"][int(rng.integers(0, 4))], v))
        self.hazards = pts

    def _stats(self):
        rng = self.rng
        rows = []
        for v in self.villages:
            if v["index"] == self.n_villages - 1 and self.n_villages >= 6:
                continue  # one village without statistics
            hh = int(rng.integers(280, 950))
            reg = int(hh * rng.uniform(2.9, 3.6))
            ratio = rng.uniform(0.5, 0.92)
            heritage = ""
            if v["index"] == 1:
                heritage = "国家级传统村落"
            elif v["index"] >= 6 and rng.uniform() < 0.06:
                heritage = ["市级传统村落", "历史文化名村", "少数民族特色村寨"][int(rng.integers(0, 3))]
            if v["index"] == 4:
                hh, reg, ratio = 480, 1560, 0.27
            rows.append({
                "村代码": v["code"], "村名称": v["name"], "乡镇": v["town"], "户数": hh,
                "户籍人口": reg, "常住人口": int(round(reg * ratio)), "传统村落级别": heritage,
                "主导产业": INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))],
                "集体经济收入（万元）": round(float(rng.uniform(3, 85)), 1),
            })
        self.stats = rows


# -- writing --------------------------------------------------------------
PARCEL_FIELDS = [("BSM", ogr.OFTString, 18), ("DLBM", ogr.OFTString, 5), ("DLMC", ogr.OFTString, 60),
                 ("QSXZ", ogr.OFTString, 2), ("ZLDWDM", ogr.OFTString, 19), ("ZLDWMC", ogr.OFTString, 60),
                 ("TBMJ", ogr.OFTReal, 0), ("KCDLBM", ogr.OFTString, 5), ("KCXS", ogr.OFTReal, 0),
                 ("KCMJ", ogr.OFTReal, 0), ("TBDLMJ", ogr.OFTReal, 0), ("CZCSXM", ogr.OFTString, 4),
                 ("GDLX", ogr.OFTString, 2), ("GDPDJB", ogr.OFTString, 2)]


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _write_layer(ds, name, epsg, gtype, fields, rows, options=None, transform=None):
    layer = ds.CreateLayer(name, _srs(epsg), gtype, options=options or [])
    for fname, ftype, width in fields:
        defn = ogr.FieldDefn(fname, ftype)
        if width:
            defn.SetWidth(width)
        if ftype == ogr.OFTReal and ds.GetDriver().GetName() == "ESRI Shapefile":
            defn.SetWidth(18)
            defn.SetPrecision(4)
        layer.CreateField(defn)
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for geom, values in rows:
        feat = ogr.Feature(defn)
        for key, value in values.items():
            if value is not None and value != "":
                feat.SetField(key, value)
        if geom is not None:
            g = ogr.CreateGeometryFromWkb(shapely.to_wkb(geom))
            if transform is not None:
                g.Transform(transform)
            feat.SetGeometry(g)
        layer.CreateFeature(feat)
    layer.CommitTransaction()
    return layer


def _multipolygon(geom):
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return shapely.MultiPolygon(parts)


def _layers(county):
    """(name, geometry type, fields, rows) of every layer of the county."""
    parcel_rows = ((g, a) for g, a in zip(county.parcel_geoms, county.parcel_attrs))
    dcmj = {}  # the village's surveyed area: every parcel inside it, the one with a mistyped code too
    for a, zldwdm in zip(county.parcel_attrs, county.true_zldwdm):
        dcmj[zldwdm[:12]] = dcmj.get(zldwdm[:12], 0.0) + a["TBMJ"]
    village_rows = [(v["polygon"], {"BSM": "%018d" % (v["index"] + 1), "ZLDWDM": v["code"] + "0000000",
                                    "ZLDWMC": v["name"], "DCMJ": round(dcmj.get(v["code"], 0.0), 2)})
                    for v in county.villages]
    bnt_rows = [(g, {"BSM": "%018d" % (i + 1), "JBNTMJ": round(g.area / _scale2(g.centroid.x), 2),
                     "DLBM": "01"}) for i, g in enumerate(county.bnt)]
    red_rows = [(g, {"BSM": "%018d" % (i + 1), "HXMC": "生态保护红线%d" % (i + 1), "MJ": round(g.area, 2)})
                for i, g in enumerate(county.redline)]
    dev_rows = [(g, {"BSM": "%018d" % (i + 1), "MC": "县城城镇开发边界", "MJ": round(g.area, 2)})
                for i, g in enumerate(county.devbound)]
    haz_rows = [(p, {"BSM": "%018d" % (i + 1), "ZHLX": kind, "ZLDWDM": v["code"]})
                for i, (p, kind, v) in enumerate(county.hazards)]
    S, R = ogr.OFTString, ogr.OFTReal  # noqa: N806
    planned_rows = ((g, a) for g, a in zip(county.clean_geoms, county.planned))
    boundary_rows = [(_multipolygon(g), {"BSM": "%018d" % (i + 1), "ZLDWDM": v["code"] + "0000000",
                                         "MC": v["name"] + "村庄建设边界"})
                     for i, (g, v) in enumerate(county.boundaries)]
    return [
        ("GHDLTB", ogr.wkbPolygon, [("BSM", S, 18), ("GHDLBM", S, 8), ("GHDLMC", S, 60), ("ZLDWDM", S, 19),
                                    ("CZCSXM", S, 4), ("MJ", R, 0), ("KCMJ", R, 0)], planned_rows),
        ("CZJSBJ", ogr.wkbMultiPolygon, [("BSM", S, 18), ("ZLDWDM", S, 19), ("MC", S, 60)], boundary_rows),
        ("CJDCQ", ogr.wkbPolygon, [("BSM", S, 18), ("ZLDWDM", S, 19), ("ZLDWMC", S, 60), ("DCMJ", R, 0)],
         village_rows),
        ("DLTB", ogr.wkbPolygon, PARCEL_FIELDS, parcel_rows),
        ("YJJBNTTB", ogr.wkbPolygon, [("BSM", S, 18), ("JBNTMJ", R, 0), ("DLBM", S, 5)], bnt_rows),
        ("STBHHX", ogr.wkbMultiPolygon, [("BSM", S, 18), ("HXMC", S, 60), ("MJ", R, 0)],
         [(shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g, a) for g, a in red_rows]),
        ("CZKFBJ", ogr.wkbMultiPolygon, [("BSM", S, 18), ("MC", S, 60), ("MJ", R, 0)],
         [(shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g, a) for g, a in dev_rows]),
        ("DZZHD", ogr.wkbPoint, [("BSM", S, 18), ("ZHLX", S, 20), ("ZLDWDM", S, 19)], haz_rows),
    ]


STATS_FIELDS = ["村代码", "村名称", "乡镇", "户数", "户籍人口", "常住人口", "传统村落级别", "主导产业",
                "集体经济收入（万元）"]


def _write_stats_table(ds, rows):
    layer = ds.CreateLayer("CJTJ", None, ogr.wkbNone)
    for name in STATS_FIELDS:
        ftype = ogr.OFTInteger if name in ("户数", "户籍人口", "常住人口") else (
            ogr.OFTReal if name.startswith("集体") else ogr.OFTString)
        layer.CreateField(ogr.FieldDefn(name, ftype))
    layer.StartTransaction()
    for row in rows:
        feat = ogr.Feature(layer.GetLayerDefn())
        for key, value in row.items():
            if value != "":
                feat.SetField(key, value)
        layer.CreateFeature(feat)
    layer.CommitTransaction()


def write_county(county, out_dir, variants=True):
    os.makedirs(out_dir, exist_ok=True)
    gpkg = os.path.join(out_dir, "county.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(gpkg)
    for name, gtype, fields, rows in _layers(county):
        _write_layer(ds, name, EPSG, gtype, fields, rows, options=["SPATIAL_INDEX=YES"])
    _write_stats_table(ds, county.stats)
    ds = None
    with open(os.path.join(out_dir, "village_stats.csv"), "w", encoding="gbk", newline="") as fh:
        fh.write(",".join(STATS_FIELDS) + "\r\n")
        for row in county.stats:
            fh.write(",".join(str(row[k]) for k in STATS_FIELDS) + "\r\n")
    if variants:
        shp_dir = os.path.join(out_dir, "shp_gbk")
        shutil.rmtree(shp_dir, ignore_errors=True)
        os.makedirs(shp_dir)
        drv = ogr.GetDriverByName("ESRI Shapefile")
        for name, gtype, fields, rows in _layers(county):
            ds = drv.CreateDataSource(os.path.join(shp_dir, name + ".shp"))
            _write_layer(ds, name, EPSG, gtype, fields, rows, options=["ENCODING=CP936"])
            ds = None
            cpg = os.path.join(shp_dir, name + ".cpg")
            if os.path.exists(cpg):
                os.remove(cpg)  # as delivered: GBK text and no code page declared
        geo = os.path.join(out_dir, "county_4490.gpkg")
        if os.path.exists(geo):
            os.remove(geo)
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(geo)
        transform = osr.CoordinateTransformation(_srs(EPSG), _srs(4490))
        for name, gtype, fields, rows in _layers(county):
            _write_layer(ds, name, 4490, gtype, fields, rows, transform=transform)
        _write_stats_table(ds, county.stats)
        ds = None
    summary = {
        "villages": len(county.villages),
        "parcels": len(county.parcel_attrs),
        "county_code": COUNTY_CODE,
        "epsg": EPSG,
        "defects": county.defects,
        "village_codes": [v["code"] for v in county.villages],
    }
    with open(os.path.join(out_dir, "defects.json"), "w", encoding="utf-8") as fh:
        json.dump(summary, fh, ensure_ascii=False, indent=1)
    return summary


def generate(out_dir, villages=12, parcels=4800, seed=42, variants=True):
    return write_county(County(villages, parcels, seed), out_dir, variants=variants)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--villages", type=int, default=12)
    ap.add_argument("--parcels", type=int, default=4800)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-variants", action="store_true")
    args = ap.parse_args(argv)
    summary = generate(args.out_dir, args.villages, args.parcels, args.seed, not args.no_variants)
    print("sample county: %d villages, %d parcels -> %s" % (summary["villages"], summary["parcels"], args.out_dir))


if __name__ == "__main__":
    main()
