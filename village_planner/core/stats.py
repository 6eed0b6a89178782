"""The village statistics table: header recognition, encodings, code clean-up."""

import io
import json
import os

import pandas as pd

from .codes import resource_path, village_code
from .i18n import tr
from .issues import FindingList

NUMERIC = ("households", "registered_pop", "resident_pop", "collective_income")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class StatsError(ValueError):
    pass


def load_aliases(path=None):
    with open(path or resource_path("stats_fields.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _norm_header(text):
    return str(text).strip().replace(" ", "").replace("\u3000", "").lower()


def map_headers(columns, aliases=None):
    """{source column: canonical name} for the columns that are recognised."""
    aliases = aliases or load_aliases()
    lookup = {}
    for canonical, names in aliases.items():
        for name in names:
            lookup.setdefault(_norm_header(name), canonical)
    mapping = {}
    for col in columns:
        canonical = lookup.get(_norm_header(col))
        if canonical and canonical not in mapping.values():
            mapping[col] = canonical
    return mapping


def detect_encoding(raw):
    """The encoding of CSV bytes, among UTF-8 (with or without BOM) and GB18030/GBK."""
    for enc in CSV_ENCODINGS:
        try:
            raw.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    raise StatsError(tr("The file is neither UTF-8 nor GBK/GB18030 text."))


def read_table_file(path):
    """Read a CSV or XLSX statistics file into a DataFrame of strings."""
    ext = os.path.splitext(path)[1].lower()
    if not os.path.exists(path):
        raise StatsError(tr("Village statistics file not found: {path}").format(path=path))
    if ext in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str)
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        encoding = detect_encoding(raw)
    except StatsError as exc:
        raise StatsError("{}: {}".format(path, exc)) from exc
    return pd.read_csv(io.StringIO(raw.decode(encoding)), dtype=str, keep_default_na=False)


def normalise_stats(frame, source_name, aliases=None):
    """Rename recognised headers to canonical names and clean values.

    Returns (DataFrame indexed by 12-digit village code, FindingList).
    """
    findings = FindingList()
    mapping = map_headers(frame.columns, aliases)
    if "village_code" not in mapping.values():
        raise StatsError(
            tr("Layer {layer}: no village code column found (expected one of 村代码, village_code, ZLDWDM).").format(
                layer=source_name
            )
        )
    data = frame.rename(columns=mapping)[list(mapping.values())].copy()
    data["village_code"] = [village_code(v) for v in data["village_code"]]
    bad = data["village_code"].isna()
    for idx in data.index[bad]:
        findings.warning(
            tr("Row {row} has no valid 12-digit village code; the row is ignored.").format(row=int(idx) + 2),
            layer=source_name, feature_id=int(idx) + 2, field="village_code", code="stats_bad_code",
        )
    data = data[~bad]
    dup = data["village_code"].duplicated(keep="first")
    for idx in data.index[dup]:
        findings.warning(
            tr("Village code {code} appears more than once; the first row is used.").format(
                code=data.at[idx, "village_code"]
            ),
            layer=source_name, feature_id=int(idx) + 2, field="village_code", code="stats_duplicate",
        )
    data = data[~dup]
    for col in NUMERIC:
        if col in data.columns:
            text = data[col].astype(str).str.replace(",", "", regex=False).str.strip()
            values = pd.to_numeric(text.where(text != ""), errors="coerce")
            wrong = values.isna() & text.ne("") & text.ne("nan") & text.ne("None")
            for idx in data.index[wrong]:
                findings.warning(
                    tr("Value '{value}' is not a number.").format(value=data.at[idx, col]),
                    layer=source_name, feature_id=int(idx) + 2, field=col, code="stats_not_number",
                )
            data[col] = values
    for col in ("village_name", "town", "heritage", "leading_industry"):
        if col in data.columns:
            data[col] = data[col].fillna("").astype(str).str.strip().replace({"nan": "", "None": ""})
    return data.set_index("village_code"), findings
