"""The monitoring workbook (openpyxl) and HTML report (jinja2): flagged villages, figures, matrices, pieces."""

import datetime as _dt
import os

from .balance import largest_remainder, round_half_up
from .codes import resource_path
from .i18n import current_language, tr
from .monitoring import FLAG_LABELS, FLAGS, PIECE_COLUMNS, UNMATCHED, VILLAGE_COLUMNS, class_label, summary
from .templates import render
from .workbook import save_workbook


def _value(v):
    if v is None:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def _matrix_rows(matrix):
    """Header and rows of a matrix in hectares at two decimals, with each year's totals.

    The totals are the two years' official totals, rounded so that they add up (largest remainder); the
    cells between two classes are rounded each, and the differences row and column (re-delineated land
    with no counterpart) take what is left, so every row adds up to its base-year total and every
    column to its later-year total exactly at 0.01 ha."""
    classes = list(matrix.index)
    real = [c for c in classes if c != UNMATCHED]
    base = largest_remainder([float(matrix.loc[c].sum()) for c in classes])
    later = largest_remainder([float(matrix[c].sum()) for c in classes])
    cells = {(r, k): round_half_up(float(matrix.loc[r, k])) for r in real for k in real}
    header = [tr("From \\ to (ha)")] + [class_label(c) for c in classes] + [tr("Base year total")]
    rows = []
    for i, r in enumerate(classes):
        if r == UNMATCHED:
            values = [round_half_up(later[j] - sum(cells[(q, k)] for q in real)) if k != UNMATCHED else 0.0
                      for j, k in enumerate(classes)]
        else:
            inside = [cells[(r, k)] for k in real]
            values = inside + [round_half_up(base[i] - sum(inside))] if UNMATCHED in classes else inside
        rows.append([class_label(r)] + values + [base[i]])
    rows.append([tr("Later year total")] + later + [""])
    return header, rows


def write_workbook(result, path):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = tr("Summary")
    for label, value in summary(result):
        ws.append([label, value])
    ws = wb.create_sheet(tr("Villages"))
    ws.append([c for c, _ in VILLAGE_COLUMNS])
    for rec in result.villages.itertuples(index=False):
        ws.append([_value(v) for v in rec])
    for cell in ws[1]:
        cell.font = bold
    ws = wb.create_sheet(tr("Transition matrix"))
    header, rows = _matrix_rows(result.matrix)
    ws.append([tr("County")])
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws = wb.create_sheet(tr("Village matrices"))
    for code, matrix in result.village_matrices.items():
        name = result.row(code)["village_name"] if result.row(code) is not None else ""
        ws.append(["{} {}".format(code, name).strip()])
        ws.cell(ws.max_row, 1).font = bold
        header, rows = _matrix_rows(matrix)
        ws.append(header)
        for row in rows:
            ws.append(row)
        ws.append([])
    ws = wb.create_sheet(tr("Changed pieces"))
    ws.append([c for c, _ in PIECE_COLUMNS])
    for rec in result.pieces.itertuples(index=False):
        ws.append([_value(v) for v in rec])
    return save_workbook(wb, path)


def write_html(result, path, template_path=None):
    template_path = template_path or resource_path("templates", "monitoring_report.html.j2")
    header, rows = _matrix_rows(result.matrix)
    flagged = result.villages[result.villages["flagged"] == 1].to_dict("records")
    pieces = result.pieces[result.pieces["flag"].isin(("unexplained", "basic_farmland", "red_line",
                                                      "against_plan"))]
    html = render(template_path,
        lang="zh-CN" if current_language() == "zh" else "en", summary=summary(result), flagged=flagged,
        villages=result.villages.to_dict("records"), matrix_header=header, matrix_rows=rows,
        pieces=pieces.to_dict("records"), flag_labels={k: tr(v) for k, v in FLAG_LABELS.items()}, flags=FLAGS,
        unmatched=UNMATCHED, meta=result.meta,
        built_at=_dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path
