"""The county's ledger workbook (openpyxl) and HTML report (jinja2)."""

import os

from .balance import balance_ledger
from .codes import MU_PER_HA, resource_path
from .i18n import N_, current_language, tr
from .ledger import COLUMNS, UNASSIGNED
from .templates import render
from .workbook import save_workbook

# Columns that add up within a village row: (parent, [parts]), top-down. A partition that does not
# hold in a village's raw figures (say some cultivated land without a slope grade) is not forced.
LEDGER_PARTITIONS = [
    ("total_ha", ["cultivated_ha", "field_ridge_ha", "ecological_ha", "construction_ha", "other_agricultural_ha",
                  "other_ha"]),
    ("cultivated_ha", ["paddy_ha", "irrigated_ha", "dry_ha"]),
    ("cultivated_ha", ["slope1_ha", "slope2_ha", "slope3_ha", "slope4_ha", "slope5_ha"]),
    ("construction_ha", ["village_construction_ha", "urban_construction_ha", "other_construction_ha"]),
]
HA_COLUMNS = [c for c, kind in COLUMNS if kind == "ha"]


def balanced_table(table):
    """The ledger with its hectare figures rounded to two decimals so that every sum holds.

    (frame, county row {column: ha}). See core.balance.balance_ledger: the villages' totals
    add up to the county's rounded official total; within a village the land accounts add
    up to its total (and the sub-items to their account); the other columns (shares inside
    the control lines, restorable land, homesteads) add up down the column; the county row
    is the sum of the rounded rows. Mu (1 ha = 15 mu) shown from these figures is exact at
    two decimals and adds up the same way.
    """
    in_partition = {"total_ha"} | {k for _, parts in LEDGER_PARTITIONS for k in parts}
    others = [c for c in HA_COLUMNS if c not in in_partition]
    records = table[HA_COLUMNS].to_dict("records")
    rounded, county = balance_ledger(records, "total_ha", LEDGER_PARTITIONS, others)
    frame = table.copy()
    for col in HA_COLUMNS:
        frame[col] = [r[col] for r in rounded]
    return frame, county


def column_groups():
    """The six accounts as (group label, [(column, label, unit)])."""
    ha, person, hh = tr("ha"), tr("persons"), tr("households")
    return [
        (tr("Village"), [("village_code", tr("Village code"), ""), ("village_name", tr("Village name"), ""),
                         ("town", tr("Town"), ""), ("total_ha", tr("Total area"), ha)]),
        (tr("1 Cultivated land"), [
            ("cultivated_ha", tr("Cultivated land"), ha), ("paddy_ha", tr("Paddy"), ha),
            ("irrigated_ha", tr("Irrigated"), ha), ("dry_ha", tr("Dry land"), ha),
            ("field_ridge_ha", tr("Field ridges"), ha), ("cultivated_in_bnt_ha", tr("In basic farmland"), ha),
            ("slope1_ha", tr("Slope grade 1"), ha), ("slope2_ha", tr("Slope grade 2"), ha),
            ("slope3_ha", tr("Slope grade 3"), ha), ("slope4_ha", tr("Slope grade 4"), ha),
            ("slope5_ha", tr("Slope grade 5"), ha), ("restorable_ha", tr("Restorable (K) land"), ha)]),
        (tr("2 Ecological land"), [("ecological_ha", tr("Ecological land"), ha),
                                   ("eco_redline_ha", tr("Inside the red line"), ha)]),
        (tr("3 Construction land"), [
            ("construction_ha", tr("Construction land"), ha),
            ("village_construction_ha", tr("Village construction land"), ha),
            ("urban_construction_ha", tr("Urban construction land"), ha),
            ("other_construction_ha", tr("Regional and other construction land"), ha),
            ("homestead_ha", tr("Homesteads"), ha), ("dev_boundary_ha", tr("Inside the development boundary"), ha)]),
        (tr("4 Other and reserve land"), [
            ("other_agricultural_ha", tr("Other agricultural land (garden, ponds, ditches, facility farmland, rural "
                                         "roads, field ridges)"), ha),
            ("other_ha", tr("Other land"), ha), ("bnt_ha", tr("Basic farmland"), ha)]),
        (tr("5 Population and households"), [
            ("households", tr("Households"), hh), ("registered_pop", tr("Registered population"), person),
            ("resident_pop", tr("Resident population"), person), ("resident_ratio", tr("Resident ratio"), ""),
            ("construction_per_resident_m2", tr("Village construction land per resident"), tr("m2"))]),
        (tr("6 Industry and heritage"), [
            ("leading_industry", tr("Leading industry"), ""), ("collective_income", tr("Collective income"),
                                                                tr("10k yuan")),
            ("heritage", tr("Heritage designation"), ""), ("hazard_points", tr("Hazard points"), tr("points"))]),
    ]


def _value(v):
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except TypeError:
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def write_workbook(result, path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = tr("Ledger")[:31]
    groups = column_groups()
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.cell(row=1, column=1, value=tr("Resource baseline ledger (4+2)"))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    col = 1
    layout = []
    for label, cols in groups:
        start = col
        for key, name, unit in cols:
            text = name + ("\n(" + unit + ")" if unit else "")
            cell = ws.cell(row=3, column=col, value=text)
            cell.font, cell.alignment, cell.border, cell.fill = bold, center, border, head_fill
            ws.column_dimensions[get_column_letter(col)].width = 14 if key != "village_name" else 16
            layout.append((key, col))
            col += 1
        ws.merge_cells(start_row=2, start_column=start, end_row=2, end_column=col - 1)
        cell = ws.cell(row=2, column=start, value=label)
        cell.font, cell.alignment, cell.fill = bold, center, head_fill
        for c in range(start, col):
            ws.cell(row=2, column=c).border = border
    ws.row_dimensions[3].height = 45
    kinds = dict(COLUMNS)
    row = 4
    table, county = balanced_table(result.table)
    for _, rec in table.iterrows():
        for key, c in layout:
            value = _value(rec[key])
            if key == "village_code" and value == UNASSIGNED:
                value = ""
            cell = ws.cell(row=row, column=c, value=value)
            cell.border = border
            if kinds.get(key) == "ha" and value is not None:
                cell.number_format = "0.00"
        row += 1
    # county total: the sum of the rounded rows (hectares from balanced_table)
    ws.cell(row=row, column=1, value=tr("County total")).font = bold
    for key, c in layout:
        value = None
        if kinds.get(key) == "ha":
            value = county.get(key)
        elif kinds.get(key) == "int" and key not in ("parcel_count",):
            series = table[key].dropna()
            value = int(series.sum()) if len(series) else None
        if value is not None:
            cell = ws.cell(row=row, column=c, value=value)
            cell.font = bold
            if kinds.get(key) == "ha":
                cell.number_format = "0.00"
        ws.cell(row=row, column=c).border = border
    ws.freeze_panes = "D4"

    _problems_sheet(wb, result, bold)
    _about_sheet(wb, result)
    _homestead_sheet(wb, result)
    return save_workbook(wb, path)


def _problems_sheet(wb, result, bold):
    """The findings of the data check, one row each."""
    probs = wb.create_sheet(tr("Data problems")[:31])
    heads = [tr("Severity"), tr("Code"), tr("Layer"), tr("Feature id"), tr("Field"), tr("Message")]
    probs.append(heads)
    for cell in probs[1]:
        cell.font = bold
    for f in result.findings:
        r = f.as_row()
        probs.append([tr(r["severity"]), r["code"], r["layer"], r["feature_id"], r["field"], r["message"]])
    probs.column_dimensions["F"].width = 100
    probs.freeze_panes = "A2"


def _about_sheet(wb, result):
    """What the ledger was built from: profile, survey year, sources."""
    meta = wb.create_sheet(tr("About this ledger")[:31])
    m = result.meta
    meta.append([tr("Profile"), m.get("profile_name", "")])
    meta.append([tr("Profile hash (SHA-256)"), m.get("profile_hash", "")])
    meta.append([tr("Survey year"), m.get("survey_year", "")])
    meta.append([tr("Built at"), m.get("built_at", "")])
    meta.append([tr("Parcels read"), m.get("parcel_count", "")])
    meta.append([tr("Overlay CRS"), m.get("working_crs", "")])
    for kind, src in sorted(m.get("sources", {}).items()):
        meta.append([tr("Source") + ": " + kind, src])
    meta.column_dimensions["A"].width = 28
    meta.column_dimensions["B"].width = 90


def _homestead_sheet(wb, result):
    """Field verification's homestead figures per village, when the planning database has a survey."""
    figures = result.meta.get("homesteads") or {}
    if not figures:
        return
    ws = wb.create_sheet(tr("Homesteads")[:31])
    heads = [(N_("Village code"), None), (N_("Homesteads verified"), "homesteads_surveyed"),
             (N_("In use"), "homesteads_in_use"), (N_("Idle"), "homesteads_idle"),
             (N_("Several per household"), "homesteads_multiple"), (N_("Dilapidated"), "homesteads_dilapidated"),
             (N_("Demolished"), "homesteads_demolished"), (N_("Idle homestead area (m2)"), "idle_homestead_m2")]
    ws.append([tr(label) for label, _ in heads])
    for code in sorted(figures):
        ws.append([code] + [round(figures[code].get(key) or 0, 2) for _, key in heads[1:]])


def write_html(result, path, template_path=None):
    template_path = template_path or resource_path("templates", "ledger_report.html.j2")
    villages = []
    table, _ = balanced_table(result.table)  # the figures of the workbook; mu = 15 x these, exact at 0.01
    for _, rec in table.iterrows():
        villages.append({k: _value(rec[k]) for k in table.columns})
    html = render(template_path,
        lang="zh-CN" if current_language() == "zh" else "en",
        groups=column_groups(), villages=villages, meta=result.meta,
        findings=[f.as_row() for f in result.findings], mu_per_ha=MU_PER_HA, unassigned=UNASSIGNED,
        kinds=dict(COLUMNS),
    )
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path
