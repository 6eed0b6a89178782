"""The pool workbook and report. Every value that comes from the data is escaped (HTML) or kept as text (XLSX)."""

import html
import os

from . import quota as q
from .balance import balance_columns
from .i18n import N_, tr

# the report's table of village balances: (field, kind)
VILLAGE_FIELDS = [("village_code", "text"), ("village_name", "text"), ("town", "text"), ("category", "text"),
                  ("allocated_ha", "ha"), ("transfer_in_ha", "ha"), ("transfer_out_ha", "ha"), ("returned_ha", "ha"),
                  ("expired_ha", "ha"), ("drawn_ha", "ha"), ("flexible_ha", "ha"), ("flexible_limit_ha", "ha"),
                  ("balance_ha", "ha")]
# the headings a reader sees for the fields (the fields and the data stay as they are)
FIELD_LABELS = {
    "village_code": N_("Village code"), "village_name": N_("Village name"), "town": N_("Town"),
    "category": N_("Category"), "allocated_ha": N_("Allocated (ha)"), "transfer_in_ha": N_("Transferred in (ha)"),
    "transfer_out_ha": N_("Transferred out (ha)"), "returned_ha": N_("Returned (ha)"),
    "expired_ha": N_("Expired (ha)"), "drawn_ha": N_("Drawn (ha)"), "flexible_ha": N_("Flexible reserve drawn (ha)"),
    "flexible_limit_ha": N_("Flexible reserve limit (ha)"), "balance_ha": N_("Balance (ha)"),
    "seq": N_("Journal number"), "kind": N_("Movement"), "area_ha": N_("Area (ha)"), "date": N_("Date"),
    "document_no": N_("Approval document number"), "author": N_("Author"), "project": N_("Project"),
    "village": N_("Village code"), "to_village": N_("Receiving village code"),
    "land_use_code": N_("Planning land-use code"), "flexible": N_("Flexible reserve draw"),
    "reverses": N_("Entry reversed"), "source": N_("Inflow source"), "purpose": N_("Purpose"), "note": N_("Note"),
    "hash": N_("Hash"), "detail": N_("Accounts changed"),
    "chain_ok": N_("Hash chain intact"), "bad_seq": N_("First entry not following the chain"),
    "balances_ok": N_("Balances follow from the journal"), "identity_ok": N_("Inflows accounted for"),
    "settings_ok": N_("Pool settings as sealed"), "entries": N_("Journal entries"),
    "anchor": N_("Chain anchor (entries:last hash)"), "expected": N_("Earlier anchor checked"),
    "expected_found": N_("Earlier anchor found"),
}
_SUMMED = ("allocated", "transfer_in", "transfer_out", "returned", "expired", "drawn", "flexible", "balance")


def village_rows(state, entries, policy):
    """One row per village account, in code order: its movements and balance (ha) and its flexible limit."""
    summary = q.village_summary(entries, list(state.villages))
    rows = []
    for code in sorted(summary):
        info = state.villages.get(code, {})
        row = {"village_code": code, "village_name": info.get("village_name"), "town": info.get("town"),
               "category": info.get("category"),
               "flexible_limit_ha": q.to_ha(int((info.get("planned_units") or 0) * policy.flexible_ratio))}
        row.update({key + "_ha": q.to_ha(summary[code][key]) for key in _SUMMED})
        rows.append(row)
    return rows


def table_rows(rows):
    """The village rows as a report shows them: hectares at two decimals that add up, column by column, to a
    total row (largest-remainder rounding; the journal and the layer keep 0.0001 ha)."""
    keys = [name for name, kind in VILLAGE_FIELDS if kind == "ha"]
    rounded, totals = balance_columns(rows, keys)
    if rows:
        total = {name: "" for name in rows[0]}
        total["village_code"] = tr("Total")
        total.update(totals)
        rounded.append(total)
    return rounded


def heading(key):
    """The translated heading of a field or a verification key (the key itself when it has none)."""
    label = FIELD_LABELS.get(key)
    return tr(label) if label else key


def verification_problems(check):
    """What failed in a verification (``QuotaStore.verify``, with 'expected'/'expected_found' when an earlier
    anchor was checked), in words; [] when nothing failed."""
    out = []
    if not check.get("chain_ok", True):
        out.append(tr("The hash chain is broken from journal entry {seq} on: that entry or one before it was "
                      "changed, removed or inserted outside the plugin.").format(seq=check.get("bad_seq")))
    if not check.get("settings_ok", True):
        out.append(tr("The pool's settings (control total, baseline, policy, village accounts or protection zones) "
                      "are not those the journal sealed: they were changed outside the journal."))
    if not check.get("balances_ok", True):
        diffs = check.get("differences") or {}
        examples = "; ".join(tr("{account}: {kept} ha kept, {replayed} ha from the journal").format(
            account=tr("the pool") if account == q.POOL else account, kept=q.fmt(kept), replayed=q.fmt(replayed))
            for account, (kept, replayed) in sorted(diffs.items())[:3])
        out.append(tr("The balances do not follow from the journal ({n} accounts differ{examples}).").format(
            n=len(diffs), examples=(": " + examples) if examples else ""))
    if not check.get("identity_ok", True):
        out.append(tr("The inflows recorded in the journal are not what the pool, the village accounts and the "
                      "draws hold together."))
    if "expected" in check and not check.get("expected_found", True):
        out.append(tr("The journal no longer contains the earlier anchor {anchor}: the books were rewritten or "
                      "entries were deleted since that report.").format(anchor=check["expected"]))
    return out


def pool_summary(state, info, entries, anchor=None):
    inflow = sum(e.units for e in entries if e.kind == "inflow")
    allocated_now = sum(v for k, v in state.balances.items() if ":" not in k and k != q.POOL)
    return [
        (tr("County code"), info.get("county_code")),
        (tr("Control total (ha)"), q.fmt(state.control_total)),
        (tr("Baseline construction land (ha)"), q.fmt(state.baseline)),
        (tr("Inflows (ha)"), q.fmt(inflow)),
        (tr("Reclaimed (ha)"), q.fmt(state.reclaimed)),
        (tr("Available in the pool (ha)"), q.fmt(state.balance(q.POOL))),
        (tr("Allocated, not yet drawn (ha)"), q.fmt(allocated_now)),
        (tr("Drawn (ha)"), q.fmt(state.drawn_total)),
        (tr("County construction land now (ha)"), q.fmt(state.construction_after())),
        (tr("Headroom under the control total (ha)"), q.fmt(state.control_total - state.construction_after())),
        (tr("Journal entries"), len(entries)),
        (tr("Policy"), info.get("policy_name")),
    ] + ([(tr("Chain anchor (entries:last hash)"), anchor)] if anchor else [])


def _append(ws, values):
    """A row whose text stays text: a village name like '=HYPERLINK(…)' is not turned into a formula."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _esc(value):
    return html.escape("" if value is None else str(value), quote=True)


def write_pool_workbook(path, pool, rows, entries, check):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = tr("Pool")[:31]
    for label, value in pool:
        _append(ws, [label, value])
    ws.column_dimensions["A"].width = 40
    vs = wb.create_sheet(tr("Villages")[:31])
    heads = list(rows[0].keys()) if rows else []
    _append(vs, [heading(h) for h in heads])
    for cell in vs[1]:
        cell.font = Font(bold=True)
    for r in table_rows(rows):
        _append(vs, [r[h] for h in heads])
    if rows:
        for cell in vs[vs.max_row]:
            cell.font = Font(bold=True)
    vs.freeze_panes = "B2"
    js = wb.create_sheet(tr("Journal")[:31])
    cols = ["seq", "kind", "units", "date", "document_no", "author", "project", "village", "to_village",
            "land_use_code", "flexible", "reverses", "source", "purpose", "note", "hash"]
    if any(e.detail for e in entries):
        cols.append("detail")
    _append(js, [heading(c if c != "units" else "area_ha") for c in cols])
    for e in entries:
        _append(js, [q.to_ha(e.units) if c == "units" else getattr(e, c) for c in cols])
    js.freeze_panes = "A2"
    cs = wb.create_sheet(tr("Verification")[:31])
    for key in ("chain_ok", "bad_seq", "balances_ok", "identity_ok", "settings_ok", "entries", "anchor", "expected",
                "expected_found"):
        if key in check:
            _append(cs, [heading(key), str(check.get(key))])
    for problem in verification_problems(check):
        _append(cs, [tr("Failed"), problem])
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    wb.save(path)
    return path


def write_pool_html(path, pool, rows, check):
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>{}</title>"
             "<style>body{{font-family:'WenQuanYi Micro Hei','Microsoft YaHei',sans-serif}}"
             "td,th{{border:1px solid #999;padding:2px 6px}}table{{border-collapse:collapse}}</style>"
             "</head><body><h1>{}</h1><table>".format(_esc(tr("Quota pool")), _esc(tr("Quota pool")))]
    for label, value in pool:
        parts.append("<tr><th>{}</th><td>{}</td></tr>".format(_esc(label), _esc(value)))
    parts.append("</table><h2>{}</h2><table><tr>".format(_esc(tr("Villages"))))
    heads = list(rows[0].keys()) if rows else []
    parts.append("".join("<th>{}</th>".format(_esc(heading(h))) for h in heads) + "</tr>")
    for r in table_rows(rows):
        parts.append("<tr>" + "".join("<td>{}</td>".format(_esc(r[h])) for h in heads) + "</tr>")
    ok = check.get("chain_ok") and check.get("balances_ok") and check.get("identity_ok") and \
        check.get("settings_ok", True) and check.get("expected_found", True)
    parts.append("</table><p>{}</p>".format(
        _esc(tr("Books and hash chain verified.") if ok else tr("Verification FAILED."))))
    problems = verification_problems(check)
    if problems:
        parts.append("<ul>" + "".join("<li>{}</li>".format(_esc(p)) for p in problems) + "</ul>")
    if check.get("anchor"):
        parts.append("<p>{}: <code>{}</code></p>".format(_esc(tr("Chain anchor (entries:last hash)")),
                                                         _esc(check["anchor"])))
    if "expected" in check:
        parts.append("<p>{}</p>".format(_esc(
            (tr("The journal still contains the earlier anchor {anchor}.") if check.get("expected_found") else
             tr("The journal no longer contains the earlier anchor {anchor}: the books were rewritten or entries "
                "were deleted since that report.")).format(anchor=check["expected"]))))
    parts.append("</body></html>")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(parts))
    return path
