"""Saving the plugin's workbooks: what comes from data stays data.

openpyxl turns any text that starts with "=" into a formula. The plugin writes no formulas,
so before a workbook is saved every such cell is made text again: a village named
"=HYPERLINK(...)" or "=1+1" is shown as written, never run.
"""

import os


def save_workbook(wb, path):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    wb.save(path)
    return path
