"""The "4+2" resource baseline ledger, computed from plain tables.

Inputs are pandas frames made by the QGIS adapter (or by tests):

* ``parcels``: one row per survey parcel with ``fid``, ``zldwdm``, ``land_class``,
  ``parcel_area`` (TBMJ, m2) and optionally ``deducted_area`` (KCMJ),
  ``net_area`` (TBDLMJ), ``settlement_type`` (CZCSXM), ``slope_grade`` (GDPDJB),
  ``village_name`` (ZLDWMC);
* ``overlays``: for each overlay layer, the planar share (0..1) of each parcel
  inside it, indexed by ``fid``. A piece of a parcel takes the parcel's official
  area times that share, so official (ellipsoidal) areas are kept;
* ``villages``, ``hazard_counts`` and ``stats`` per village.

Per-village sums are attribute sums: survey parcels never cross village borders.
"""

import datetime as _dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .codes import M2_PER_HA, VILLAGE_CODE_LEN, normalise_class, town_code
from .i18n import tr
from .issues import FindingList
from .values import text as value_text

UNASSIGNED = "UNASSIGNED"
OVERLAYS = ("basic_farmland", "eco_redline", "dev_boundary")
MAX_IDS_IN_MESSAGE = 20

# Output columns in order: (name, kind) where kind is "ha", "int", "float" or "text".
COLUMNS = [
    ("village_code", "text"),
    ("village_name", "text"),
    ("town", "text"),
    ("parcel_count", "int"),
    ("total_ha", "ha"),
    ("cultivated_ha", "ha"),
    ("paddy_ha", "ha"),
    ("irrigated_ha", "ha"),
    ("dry_ha", "ha"),
    ("field_ridge_ha", "ha"),
    ("cultivated_in_bnt_ha", "ha"),
    ("slope1_ha", "ha"),
    ("slope2_ha", "ha"),
    ("slope3_ha", "ha"),
    ("slope4_ha", "ha"),
    ("slope5_ha", "ha"),
    ("restorable_ha", "ha"),
    ("ecological_ha", "ha"),
    ("eco_redline_ha", "ha"),
    ("construction_ha", "ha"),
    ("village_construction_ha", "ha"),
    ("urban_construction_ha", "ha"),
    ("other_construction_ha", "ha"),
    ("homestead_ha", "ha"),
    ("other_agricultural_ha", "ha"),
    ("other_ha", "ha"),
    ("bnt_ha", "ha"),
    ("dev_boundary_ha", "ha"),
    ("hazard_points", "int"),
    ("households", "int"),
    ("registered_pop", "int"),
    ("resident_pop", "int"),
    ("resident_ratio", "float"),
    ("construction_per_resident_m2", "float"),
    ("heritage", "text"),
    ("leading_industry", "text"),
    ("collective_income", "float"),
    ("has_stats", "int"),
    ("unassigned", "int"),
]
COLUMN_NAMES = [c for c, _ in COLUMNS]


@dataclass
class LedgerResult:
    table: pd.DataFrame
    findings: FindingList
    meta: dict = field(default_factory=dict)

    def row(self, code):
        hit = self.table[self.table["village_code"] == code]
        return None if hit.empty else hit.iloc[0]


def village_codes(series):
    """Vectorised 12-digit prefix of ZLDWDM values; None where there is none.

    Computed once per distinct value: a county has 300,000 parcels but only a few
    thousand villager-group codes.
    """
    codes, uniques = pd.factorize(pd.Series(series).astype(object), use_na_sentinel=True)
    text = pd.Series(uniques, dtype=object).astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    prefix = text.str[:VILLAGE_CODE_LEN]
    ok = prefix.str.fullmatch(r"\d{%d}" % VILLAGE_CODE_LEN).fillna(False).to_numpy(dtype=bool)
    mapped = np.where(ok, prefix.to_numpy(dtype=object), None)
    out = np.full(len(codes), None, dtype=object)
    valid = codes >= 0
    out[valid] = mapped[codes[valid]]
    return pd.Series(out, index=getattr(series, "index", None), dtype=object)


def _per_value(series, func):
    """Apply ``func`` to each distinct value only; returns a numpy array."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    values = np.array([func(u) for u in uniques], dtype=object)
    return values[codes]


def _ids_text(ids):
    ids = list(ids)
    shown = ", ".join(str(i) for i in ids[:MAX_IDS_IN_MESSAGE])
    if len(ids) > MAX_IDS_IN_MESSAGE:
        shown += tr(" ... ({n} in all)").format(n=len(ids))
    return shown


AREA_TOLERANCE_M2 = 0.011  # TBDLMJ + KCMJ must equal TBMJ to 0.01 m2



def area_values(frame, column, layer, field_name, findings, default=0.0):
    """An area column as finite, non-negative floats.

    NULL or blank values are a warning and count as ``default``; text that is not a
    number, infinite values and negative values are errors (the figures built on them
    would be wrong) and count as 0 so the remaining checks can still run.
    """
    if column not in frame.columns:
        return pd.Series(default, index=frame.index, dtype="float64")
    raw = frame[column]
    if raw.dtype.kind in "fiub":  # a numeric field: only NULLs, infinities and negatives to find
        values = raw.astype("float64")
        blank = values.isna()
    else:  # a text field (or mixed): each distinct value is parsed once
        text = pd.Series(_per_value(raw.astype(object), value_text), index=raw.index)
        blank = text.eq("")
        values = pd.to_numeric(text.where(~blank), errors="coerce").astype("float64")
    not_number = values.isna() & ~blank
    infinite = np.isinf(values)
    negative = (values < 0) & ~infinite
    for mask, code, message in (
            (not_number, "area_not_number",
             tr("{n} features have a value in {field} that is not a number. Features: {ids}")),
            (infinite, "area_not_finite",
             tr("{n} features have an infinite value in {field}. Features: {ids}")),
            (negative, "area_negative",
             tr("{n} features have a negative area in {field}. Features: {ids}"))):
        if mask.any():
            findings.error(message.format(n=int(mask.sum()), field=field_name,
                                          ids=_ids_text(frame.loc[mask, "fid"])),
                           layer=layer, field=field_name, code=code,
                           feature_id=frame.loc[mask, "fid"].iloc[0],
                           extra={"ids": [int(i) for i in frame.loc[mask, "fid"]],
                                  "values": [str(v) for v in raw[mask].head(MAX_IDS_IN_MESSAGE)]})
    missing = blank & values.isna()
    if missing.any() and default is not None:
        findings.warning(
            tr("{n} features have no value in {field}; 0 is used. Features: {ids}").format(
                n=int(missing.sum()), field=field_name, ids=_ids_text(frame.loc[missing, "fid"])
            ),
            layer=layer, field=field_name, code="null_value",
            feature_id=frame.loc[missing, "fid"].iloc[0],
        )
    bad = not_number | infinite | negative
    values = values.where(~bad, 0.0)
    if default is not None:
        values = values.fillna(default)
    return values


DEFAULT_FIELD_NAMES = {"parcel_area": "TBMJ", "deducted_area": "KCMJ", "net_area": "TBDLMJ",
                       "land_class": "DLBM", "zldwdm": "ZLDWDM", "slope_grade": "GDPDJB"}


def parcel_areas(p, names, parcel_layer, findings):
    """(area, deducted, net) in m2 from a parcel frame, with every area problem reported.

    ``names`` maps the columns to the layer's field names for the messages.
    """
    area = area_values(p, "parcel_area", parcel_layer, names["parcel_area"], findings)
    deducted = area_values(p, "deducted_area", parcel_layer, names["deducted_area"], findings)
    if "net_area" not in p.columns:
        return area, deducted, area - deducted
    net = area_values(p, "net_area", parcel_layer, names["net_area"], findings)
    mismatch = (area - deducted - net).abs() > AREA_TOLERANCE_M2
    if mismatch.any():
        findings.warning(
            tr("{n} parcels where {net} differs from {area} - {ded} by more than 0.01 m2; "
               "the survey's {net} is used. Features: {ids}").format(
                n=int(mismatch.sum()), net=names["net_area"], area=names["parcel_area"],
                ded=names["deducted_area"], ids=_ids_text(p.loc[mismatch, "fid"])),
            layer=parcel_layer, field=names["net_area"], code="net_area_mismatch",
            feature_id=p.loc[mismatch, "fid"].iloc[0], extra={"ids": [int(i) for i in p.loc[mismatch, "fid"]]},
        )
    return area, deducted, net


def build_ledger(parcels, profile, villages=None, overlays=None, hazard_counts=None, stats=None,
                 parcel_layer="DLTB", survey_year=None, sources=None, field_names=None):
    """Compute the ledger. Returns a :class:`LedgerResult`.

    The steps: official areas per parcel, the parcel's land account, its share in each
    overlay, the village it belongs to, sums per village, names, statistics, ratios.
    """
    findings = FindingList()
    names = dict(DEFAULT_FIELD_NAMES)
    names.update(field_names or {})
    p = parcels.reset_index(drop=True)
    area, deducted, net = parcel_areas(p, names, parcel_layer, findings)
    land = _land_accounts(p, profile, names, parcel_layer, findings)
    cols = _parcel_columns(p, profile, land, area, deducted, net)
    overlay_done = _overlay_columns(cols, p, overlays or {}, land, area, net)
    work = pd.DataFrame(cols)
    valid, known_names, lost = _assign_villages(work, p, villages, area, names, parcel_layer, findings)
    table = _village_sums(work, valid, lost, overlay_done, names, parcel_layer, findings)
    stats = stats if stats is not None else pd.DataFrame()
    _village_names(table, p, work, known_names, stats)
    _statistics(table, stats, hazard_counts, valid, findings)
    _ratios(table, stats)

    table = table.reset_index()
    for col, kind in COLUMNS:
        if kind == "ha":
            table[col] = table[col].astype("float64").round(6)  # 0.01 m2
    table = table[COLUMN_NAMES]
    meta = {
        "profile_name": profile.name,
        "profile_hash": profile.content_hash,
        "profile_path": profile.path,
        "survey_year": survey_year,
        "sources": dict(sources or {}),
        "built_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "parcel_count": len(p),
        "total_m2": float(area.to_numpy().sum()),
    }
    return LedgerResult(table=table, findings=findings, meta=meta)


def _land_accounts(p, profile, names, parcel_layer, findings):
    """Per parcel: its account in the profile, its base class (K suffix removed) and whether it is
    restorable (K) land. Classes the profile does not know are reported."""
    classes = p["land_class"].astype(object).where(p["land_class"].notna(), "").astype(str)
    account_map, base_map, unknown = {}, {}, []
    for code in pd.unique(classes):
        account, known = profile.account_of(code)
        account_map[code] = account
        norm = normalise_class(code)
        base_map[code] = norm[:-len(profile.suffix)] if (len(norm) > len(profile.suffix)
                                                           and norm.endswith(profile.suffix)) else norm
        if not known:
            unknown.append(code)
    for code in unknown:
        hit = classes == code
        findings.warning(
            tr("Land class '{code}' is not in the ledger profile; {n} parcels counted as {account}. "
               "Features: {ids}").format(code=code, n=int(hit.sum()), account=profile.fallback_account,
                                         ids=_ids_text(p.loc[hit, "fid"])),
            layer=parcel_layer, field=names["land_class"], code="unknown_class",
            feature_id=p.loc[hit, "fid"].iloc[0],
        )
    return {
        "account": pd.Series(_per_value(classes, account_map.get), index=p.index),
        "base": pd.Series(_per_value(classes, base_map.get), index=p.index),
        "restorable": pd.Series(_per_value(classes, lambda c: base_map[c] != normalise_class(c)), index=p.index),
    }


def _code_column(p, column, strip_zero=False):
    """A code column as upper-case text ('' when missing); '3.0' read as '3' when ``strip_zero``."""
    if column not in p.columns:
        return pd.Series("", index=p.index)

    def norm(v):
        text = value_text(v).upper()
        return text[:-2] if strip_zero and text.endswith(".0") else text

    return pd.Series(_per_value(p[column].astype(object), norm), index=p.index)


def _parcel_columns(p, profile, land, area, deducted, net):
    """{ledger column: m2 per parcel} for the land accounts, settlements and slope grades."""
    n = len(p)
    account, base = land["account"], land["base"]
    settle = _code_column(p, "settlement_type")
    slope = _code_column(p, "slope_grade", strip_zero=True)
    is_cult = (account == "cultivated").to_numpy()
    is_cons = (account == "construction").to_numpy()
    is_village = is_cons & settle.isin(profile.village_settlement_codes).to_numpy()
    is_urban = is_cons & settle.isin(profile.urban_settlement_codes).to_numpy()
    ne = net.to_numpy()
    zero = np.zeros(n)
    cols = {
        "parcel_count": np.ones(n),
        "total_ha": area.to_numpy(),
        "cultivated_ha": np.where(is_cult, ne, zero),
        "paddy_ha": np.where(base.eq("0101").to_numpy(), ne, zero),
        "irrigated_ha": np.where(base.eq("0102").to_numpy(), ne, zero),
        "dry_ha": np.where(base.eq("0103").to_numpy(), ne, zero),
        "field_ridge_ha": deducted.to_numpy(),
        "restorable_ha": np.where(land["restorable"].to_numpy(), ne, zero),
        "ecological_ha": np.where((account == "ecological").to_numpy(), ne, zero),
        "construction_ha": np.where(is_cons, ne, zero),
        "village_construction_ha": np.where(is_village, ne, zero),
        "urban_construction_ha": np.where(is_urban, ne, zero),
        "other_construction_ha": np.where(is_cons & ~is_village & ~is_urban, ne, zero),
        "homestead_ha": np.where(base.isin(profile.homestead_codes).to_numpy(), ne, zero),
        "other_agricultural_ha": np.where((account == "other_agricultural").to_numpy(), ne, zero),
        "other_ha": np.where((account == "other").to_numpy(), ne, zero),
    }
    for grade in ("1", "2", "3", "4", "5"):
        cols["slope%s_ha" % grade] = np.where(is_cult & slope.eq(grade).to_numpy(), ne, zero)
    return cols


def _overlay_columns(cols, p, overlays, land, area, net):
    """Add the overlay columns (official area times the share inside) to ``cols``; the overlays done."""
    fids = p["fid"].to_numpy()
    is_cult = (land["account"] == "cultivated").to_numpy()
    a, ne = area.to_numpy(), net.to_numpy()
    done = set()
    for key in OVERLAYS:
        share = overlays.get(key)
        if share is None:
            continue
        frac = pd.Series(share).reindex(fids).fillna(0.0).clip(0.0, 1.0).to_numpy()
        done.add(key)
        if key == "basic_farmland":
            cols["cultivated_in_bnt_ha"] = np.where(is_cult, ne * frac, 0.0)
            cols["bnt_ha"] = a * frac
        elif key == "eco_redline":
            cols["eco_redline_ha"] = a * frac
        else:
            cols["dev_boundary_ha"] = a * frac
    return done


def _assign_villages(work, p, villages, area, names, parcel_layer, findings):
    """Set work["village_code"] (UNASSIGNED for parcels of no known village).

    Returns (the set of village codes, {code: name from the village layer}, mask of lost parcels).
    """
    vcodes = village_codes(p["zldwdm"]) if "zldwdm" in p.columns else pd.Series([None] * len(p))
    known_names = {}
    if villages is not None and len(villages):
        vt = villages.copy()
        vt["village_code"] = village_codes(vt["village_code"])
        for code, name in zip(vt["village_code"], vt.get("village_name", pd.Series([""] * len(vt)))):
            if code and code not in known_names:
                known_names[code] = value_text(name)
        valid = set(known_names)
        in_village = vcodes.isin(valid)
    else:
        in_village = vcodes.notna()
        valid = set(vcodes[in_village].unique())
    lost = ~in_village.to_numpy()
    if lost.any():
        lost_ids = p.loc[lost, "fid"]
        findings.warning(
            tr("{n} parcels ({ha} ha) have no matching village in {field}; they are reported in the "
               "'unassigned' row. Features: {ids}").format(
                n=int(lost.sum()), ha="%.4f" % (area.to_numpy()[lost].sum() / M2_PER_HA), field=names["zldwdm"],
                ids=_ids_text(lost_ids)),
            layer=parcel_layer, field=names["zldwdm"], code="parcel_without_village",
            feature_id=lost_ids.iloc[0],
        )
    work["village_code"] = np.where(lost, UNASSIGNED, vcodes.fillna(UNASSIGNED).to_numpy())
    return valid, known_names, lost


def _village_sums(work, valid, lost, overlay_done, names, parcel_layer, findings):
    """One row per village (and the unassigned row), areas in hectares; overlays not given are NaN."""
    sums = work.groupby("village_code", sort=True).sum(numeric_only=True)
    all_codes = sorted(valid)
    table = pd.DataFrame(index=pd.Index(all_codes + ([UNASSIGNED] if lost.any() else []), name="village_code"))
    table = table.join(sums, how="left")
    area_cols = [c for c, kind in COLUMNS if kind == "ha" and c in table.columns]
    table[area_cols] = table[area_cols].fillna(0.0) / M2_PER_HA
    table["parcel_count"] = table["parcel_count"].fillna(0).astype("int64")
    for code in [c for c in all_codes if table.at[c, "parcel_count"] == 0]:
        findings.warning(tr("Village {code} has no parcels.").format(code=code),
                         layer=parcel_layer, field=names["zldwdm"], code="village_without_parcels")
    for key, col in (("basic_farmland", "cultivated_in_bnt_ha"), ("basic_farmland", "bnt_ha"),
                     ("eco_redline", "eco_redline_ha"), ("dev_boundary", "dev_boundary_ha")):
        if key not in overlay_done:
            table[col] = np.nan
    return table


def _village_names(table, p, work, known_names, stats):
    """Names from the village layer, then the statistics, then the parcels' own ZLDWMC; towns from the
    statistics, else the town code."""
    parcel_names = {}
    if "village_name" in p.columns:
        named = pd.DataFrame({"c": work["village_code"], "n": p["village_name"].astype("string")}).dropna()
        if len(named):
            parcel_names = named.groupby("c")["n"].agg(lambda s: s.mode().iloc[0]).to_dict()
    names_out, towns = [], []
    for code in table.index:
        if code == UNASSIGNED:
            names_out.append(tr("Unassigned parcels"))
            towns.append("")
            continue
        name = known_names.get(code) or ""
        if not name and "village_name" in stats.columns and code in stats.index:
            name = stats.at[code, "village_name"]
        names_out.append(name or parcel_names.get(code, ""))
        town = stats.at[code, "town"] if ("town" in stats.columns and code in stats.index) else ""
        towns.append(town or town_code(code))
    table["village_name"] = names_out
    table["town"] = towns


def _statistics(table, stats, hazard_counts, valid, findings):
    """Hazard points, population, households, income and heritage per village."""
    if hazard_counts is not None:
        table["hazard_points"] = pd.Series(hazard_counts).reindex(table.index).fillna(0).astype("int64")
    else:
        table["hazard_points"] = np.nan
    for col in ("households", "registered_pop", "resident_pop", "collective_income",
                "heritage", "leading_industry"):
        if col in stats.columns:
            table[col] = stats[col].reindex(table.index)
        else:
            table[col] = np.nan if col not in ("heritage", "leading_industry") else ""
    for col in ("heritage", "leading_industry"):
        table[col] = table[col].fillna("").astype(str)
    if len(stats):
        for code in [c for c in sorted(valid) if c not in stats.index]:
            findings.warning(tr("Village {code} has no row in the village statistics.").format(code=code),
                             layer="VILLAGE_STATS", field="village_code", code="village_without_stats")
        for code in [c for c in stats.index if c not in valid]:
            findings.warning(tr("The village statistics have a row for {code}, which is not a village of "
                                "the parcels.").format(code=code),
                             layer="VILLAGE_STATS", field="village_code", code="stats_unknown_village")


def _ratios(table, stats):
    reg = table["registered_pop"].astype("float64")
    res = table["resident_pop"].astype("float64")
    table["resident_ratio"] = (res / reg.where(reg > 0)).round(4)
    table["construction_per_resident_m2"] = (
        table["village_construction_ha"] * M2_PER_HA / res.where(res > 0)).round(2)
    table["unassigned"] = (table.index == UNASSIGNED).astype("int64")
    table["has_stats"] = (table.index.isin(stats.index) if len(stats) else
                          np.zeros(len(table), dtype=bool)).astype("int64")
