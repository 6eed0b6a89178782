"""The quality check's report: an HTML page (jinja2 template in resources/) and a workbook."""

import datetime as _dt
import os

from .codes import resource_path
from .i18n import current_language, tr
from .issues import ERROR
from .plan_check import summary
from .templates import render
from .workbook import save_workbook

COLUMNS = ("severity", "rule", "layer", "feature_id", "field", "message")


def _severity_label(severity):
    return tr("ERROR") if severity == ERROR else tr("WARNING")


def finding_rows(findings):
    """Plain rows of the findings, errors first."""
    rows = []
    for f in sorted(findings, key=lambda f: (f.severity != ERROR, f.code, str(f.feature_id or ""))):
        rows.append({"severity": f.severity, "severity_label": _severity_label(f.severity), "rule": f.code,
                     "layer": f.layer, "feature_id": "" if f.feature_id is None else f.feature_id,
                     "field": f.field, "message": f.message})
    return rows


def rule_rows(findings, rules):
    _, _, counts = summary(findings)
    return [{"rule": rule, "label": rules.label(rule), "severity": rules.severity(rule),
             "severity_label": _severity_label(rules.severity(rule)), "count": counts.get(rule, 0)}
            for rule in rules.data["rules"]]


def write_check_html(path, findings, rules, title="", template_path=None):
    template_path = template_path or resource_path("templates", "plan_check_report.html.j2")
    errors, warnings, _ = summary(findings)
    html = render(template_path,
        lang="zh-CN" if current_language() == "zh" else "en", title=title, errors=errors, warnings=warnings,
        rules_path=os.path.basename(rules.path or ""), rule_rows=rule_rows(findings, rules),
        findings=finding_rows(findings), checked_at=_dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path


def write_check_workbook(path, findings, rules, title=""):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = tr("Findings")[:31]
    errors, warnings, _ = summary(findings)
    ws.append([tr("Quality check of the village plan") + " " + title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([tr("Errors"), errors, tr("Warnings"), warnings])
    headers = [tr("Severity"), tr("Rule"), tr("Layer"), tr("Feature"), tr("Field"), tr("Message")]
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in finding_rows(findings):
        ws.append([row["severity_label"], row["rule"], row["layer"], row["feature_id"], row["field"],
                   row["message"]])
    for col, width in zip("ABCDEF", (10, 30, 16, 10, 12, 90)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"
    rs = wb.create_sheet(tr("Rules")[:31])
    rs.append([tr("Rule"), tr("Severity"), tr("Findings")])
    for r in rule_rows(findings, rules):
        rs.append(["{} ({})".format(r["label"], r["rule"]), r["severity_label"], r["count"]])
    rs.column_dimensions["A"].width = 60
    return save_workbook(wb, path)
