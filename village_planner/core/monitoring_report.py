"""The monitoring workbook (openpyxl) and HTML report (jinja2): flagged villages, figures, matrices, pieces."""

import datetime as _dt
import os

from .classification_report import _env
from .codes import resource_path
from .i18n import current_language, tr
from .monitoring import FLAG_LABELS, FLAGS, PIECE_COLUMNS, UNMATCHED, VILLAGE_COLUMNS, class_label, summary
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
    """Header and rows of a matrix with its row and column totals, in hectares at four decimals."""
    classes = list(matrix.index)
    header = [tr("From \\ to (ha)")] + [class_label(c) for c in classes] + [tr("Base year total")]
    rows = []
    for c in classes:
        values = [round(float(matrix.loc[c, k]), 4) for k in classes]
        rows.append([class_label(c)] + values + [round(float(matrix.loc[c].sum()), 4)])
    rows.append([tr("Later year total")] + [round(float(matrix[k].sum()), 4) for k in classes] +
                [round(float(matrix.to_numpy().sum()), 4)])
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
    html = _env(template_path).get_template(os.path.basename(template_path)).render(
        lang="zh-CN" if current_language() == "zh" else "en", summary=summary(result), flagged=flagged,
        villages=result.villages.to_dict("records"), matrix_header=header, matrix_rows=rows,
        pieces=pieces.to_dict("records"), flag_labels={k: tr(v) for k, v in FLAG_LABELS.items()}, flags=FLAGS,
        unmatched=UNMATCHED, meta=result.meta,
        built_at=_dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path
