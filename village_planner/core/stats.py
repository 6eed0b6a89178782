"""The village statistics table: header recognition, encodings, code clean-up."""

import io
import json
import os

import numpy as np
import pandas as pd

from .codes import resource_path, village_code
from .errors import VillagePlannerError
from .i18n import tr
from .issues import FindingList
from .values import text as value_text

NUMERIC = ("households", "registered_pop", "resident_pop", "collective_income")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
BOM = b"\xef\xbb\xbf"
POPULATION = ("registered_pop", "resident_pop")


class StatsError(VillagePlannerError, ValueError):
    pass


def _fields_file(path=None):
    with open(path or resource_path("stats_fields.json"), encoding="utf-8") as fh:
        return json.load(fh)


def load_aliases(path=None):
    return {k: v for k, v in _fields_file(path).items() if not k.startswith("_")}


def load_limits(path=None):
    """{column: (lowest, highest)} plausible values, from the "_limits" of stats_fields.json."""
    limits = _fields_file(path).get("_limits", {})
    return {k: (float(v[0]), float(v[1])) for k, v in limits.items() if isinstance(v, list) and len(v) == 2}


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
    """The encoding of CSV bytes, among UTF-8 (with or without BOM) and GB18030/GBK.

    A UTF-8 byte-order mark followed by GBK text (an editor that saved GBK text as
    "UTF-8 with BOM" without converting it) is read as GB18030 after the mark.
    """
    for enc in CSV_ENCODINGS:
        try:
            raw.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    if raw.startswith(BOM):
        try:
            raw[len(BOM):].decode("gb18030")
            return "bom+gb18030"
        except UnicodeDecodeError:
            pass
    raise StatsError(tr("The file is neither UTF-8 nor GBK/GB18030 text."))


def _decode(raw, encoding):
    if encoding == "bom+gb18030":
        return raw[len(BOM):].decode("gb18030")
    return raw.decode(encoding)



def _header(rows, aliases):
    """(column names, number of header rows) of a table given as rows of cells.

    County offices often put a two-row header on their sheets, 人口 merged over 户籍 and
    常住: when the first two rows together name more known columns than the first row
    alone, they are read as one header.
    """
    first = [value_text(v) for v in rows[0]] if rows else []
    one = len(map_headers(first, aliases))
    if len(rows) < 2:
        return first, 1
    upper, last = [], ""
    for value in first:  # a merged cell leaves the cells to its right blank
        last = value or last
        upper.append(last if not value else value)
    lower = [value_text(v) for v in rows[1]]
    lookup = {_norm_header(name) for names in (aliases or load_aliases()).values() for name in names}
    combined = []
    for top, below, own in zip(upper, lower, first):
        choices = [below + top, top + below, below, own]
        hit = next((c for c in choices if c and _norm_header(c) in lookup), None)
        combined.append(hit or below or own)
    two = len(map_headers(combined, aliases))
    return (combined, 2) if two > one else (first, 1)


def read_table_file(path, aliases=None):
    """Read a CSV or XLSX statistics file into a DataFrame of strings.

    Blank rows are dropped; ``frame.attrs["rows"]`` holds each row's number in the file
    (the spreadsheet row a planner would look for).
    """
    ext = os.path.splitext(path)[1].lower()
    if not os.path.exists(path):
        raise StatsError(tr("Village statistics file not found: {path}").format(path=path))
    if ext in (".xlsx", ".xlsm"):
        raw_rows = pd.read_excel(path, dtype=str, header=None, keep_default_na=False).values.tolist()
    else:
        with open(path, "rb") as fh:
            raw = fh.read()
        try:
            encoding = detect_encoding(raw)
        except StatsError as exc:
            raise StatsError("{}: {}".format(path, exc)) from exc
        text = _decode(raw, encoding)
        raw_rows = [] if not text.strip() else pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, header=None,
            skip_blank_lines=False).values.tolist()
    numbered = [(n + 1, [value_text(v) for v in row]) for n, row in enumerate(raw_rows)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        return pd.DataFrame()
    columns, skip = _header([row for _, row in numbered[:2]], aliases)
    body = numbered[skip:]
    columns = [c or "column_{}".format(i + 1) for i, c in enumerate(columns)]
    frame = pd.DataFrame([row for _, row in body], columns=columns, dtype=object) if body else \
        pd.DataFrame(columns=columns, dtype=object)
    frame.attrs["rows"] = [n for n, _ in body]
    return frame


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
    rows = frame.attrs.get("rows")
    row_of = (lambda idx: rows[int(idx)]) if rows and len(rows) == len(frame) else (lambda idx: int(idx) + 2)
    header = {canonical: str(source) for source, canonical in mapping.items()}  # the user's own column names
    data = frame.rename(columns=mapping)[list(mapping.values())].copy().reset_index(drop=True)
    data["village_code"] = [village_code(v) for v in data["village_code"]]
    bad = data["village_code"].isna()
    for idx in data.index[bad]:
        findings.warning(
            tr("Row {row} has no valid 12-digit village code; the row is ignored.").format(row=row_of(idx)),
            layer=source_name, feature_id=row_of(idx), field=header["village_code"], code="stats_bad_code",
        )
    data = data[~bad]
    dup = data["village_code"].duplicated(keep="first")
    for idx in data.index[dup]:
        findings.warning(
            tr("Village code {code} appears more than once; the first row is used.").format(
                code=data.at[idx, "village_code"]
            ),
            layer=source_name, feature_id=row_of(idx), field=header["village_code"], code="stats_duplicate",
        )
    data = data[~dup]
    limits = load_limits()
    for col in NUMERIC:
        if col not in data.columns:
            continue
        text = data[col].map(value_text).str.replace(",", "", regex=False)
        values = pd.to_numeric(text.where(text != ""), errors="coerce").astype("float64")
        wrong = (values.isna() & text.ne("") & text.ne("nan") & text.ne("None")) | np.isinf(values)
        for idx in data.index[wrong]:
            findings.warning(
                tr("Row {row}: value '{value}' of {field} is not a number; it is left empty.").format(
                    row=row_of(idx), value=data.at[idx, col], field=header[col]),
                layer=source_name, feature_id=row_of(idx), field=header[col], code="stats_not_number",
            )
        values = values.where(~wrong)
        low, high = limits.get(col, (-np.inf, np.inf))
        odd = values.notna() & ((values < low) | (values > high))
        for idx in data.index[odd]:
            findings.warning(
                tr("Row {row}: {field} = {value} is outside the plausible range {low:g} to {high:g}; it is "
                   "left empty.").format(row=row_of(idx), field=header[col], value=data.at[idx, col], low=low,
                                          high=high),
                layer=source_name, feature_id=row_of(idx), field=header[col], code="stats_implausible",
            )
        data[col] = values.where(~odd)
    if not any(c in data.columns for c in POPULATION):
        findings.warning(
            tr("Layer {layer} has no population column (户籍人口 or 常住人口); the population figures of the ledger "
               "stay empty. Recognised columns: {columns}").format(
                layer=source_name, columns=", ".join(str(c) for c in mapping)),
            layer=source_name, code="stats_no_population")
    for col in ("village_name", "town", "heritage", "leading_industry"):
        if col in data.columns:
            data[col] = data[col].fillna("").astype(str).str.strip().replace({"nan": "", "None": ""})
    return data.set_index("village_code"), findings
