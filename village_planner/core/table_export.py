"""Planning tables as county offices file them: merged headers, units, frozen panes."""


from .i18n import tr
from .workbook import save_workbook


def write_structure_workbook(path, tables, lang="en", names=None):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    names = names or {}
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    for code, rows in tables.items():
        ws = wb.create_sheet(code[-12:])
        ws.merge_cells("A1:F1")
        ws["A1"] = tr("Land-use structure adjustment table") + "  " + (names.get(code, "") + " " + code).strip()
        ws["A1"].font = Font(bold=True, size=13)
        ws["A1"].alignment = center
        ws.merge_cells("A3:A4")
        ws["A3"] = tr("Land use")
        ws.merge_cells("B3:C3")
        ws["B3"] = tr("Base year")
        ws.merge_cells("D3:E3")
        ws["D3"] = tr("Target year")
        ws["F3"] = tr("Change")
        for cell, text in (("B4", tr("Area (ha)")), ("C4", tr("Share (%)")), ("D4", tr("Area (ha)")),
                           ("E4", tr("Share (%)")), ("F4", tr("Area (ha)"))):
            ws[cell] = text
        for row in ws["A3:F4"]:
            for cell in row:
                cell.font, cell.alignment, cell.border = bold, center, border
        for i, r in enumerate(rows, start=5):
            name = r["name_zh"] if lang == "zh" else r["name_en"]
            ws.cell(row=i, column=1, value=("  " * r["level"]) + name)
            for j, key in enumerate(("base_ha", "base_pct", "target_ha", "target_pct", "change_ha"), start=2):
                c = ws.cell(row=i, column=j, value=r[key])
                c.number_format = "0.00"
            for j in range(1, 7):
                ws.cell(row=i, column=j).border = border
                if r["level"] == 0 and r["row_id"] in ("C", "TOTAL"):
                    ws.cell(row=i, column=j).font = bold
        ws.column_dimensions["A"].width = 34
        for col in "BCDEF":
            ws.column_dimensions[col].width = 13
        ws.freeze_panes = "B5"
    return save_workbook(wb, path)


def write_indicator_workbook(path, tables, lang="en"):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    kinds = {"binding": tr("Binding"), "expected": tr("Expected")}
    units = {"ha": tr("ha"), "persons": tr("persons"), "m2/person": tr("m2 per person")}
    for code, rows in tables.items():
        ws = wb.create_sheet(code[-12:])
        ws.merge_cells("A1:G1")
        ws["A1"] = tr("Planning indicator table") + "  " + code
        ws["A1"].font = Font(bold=True, size=13)
        ws["A1"].alignment = center
        heads = [tr("No."), tr("Indicator"), tr("Type"), tr("Unit"), tr("Base year"), tr("Target year"), tr("Change")]
        for j, text in enumerate(heads, start=1):
            c = ws.cell(row=3, column=j, value=text)
            c.font, c.alignment, c.border = Font(bold=True), center, border
        for i, r in enumerate(rows, start=4):
            values = [i - 3, r["name_zh"] if lang == "zh" else r["name_en"], kinds[r["kind"]], units[r["unit"]],
                      r["base"], r["target"], r["change"]]
            for j, v in enumerate(values, start=1):
                c = ws.cell(row=i, column=j, value=v)
                c.border = border
                if j >= 5:
                    c.number_format = "0.00"
        ws.column_dimensions["B"].width = 30
        ws.freeze_panes = "C4"
    return save_workbook(wb, path)
