"""The quota pool's algorithms: create, record a movement, import movements, report."""

import datetime as _dt
import json
import os

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterProviderConnection,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import quota as q
from ..core.codes import village_code
from ..core.secrets import mask
from ..core.stats import read_table_file
from ..qgis_adapter.fields import find_field
from ..qgis_adapter.layers import read_attributes, working_crs
from ..qgis_adapter.quota_database import PREFIX, open_quota_store
from ..qgis_adapter.quota_geometry import OverlapChecker, crs_of, draw_wkb, layer_wkbs
from ..store.snapshots import StoreError
from .base import VillagePlannerAlgorithm


def add_database_param(alg):
    alg.addParameter(QgsProcessingParameterString(
        "DATABASE", alg.tr("Planning database (.gpkg path, PostGIS connection string, or connection:NAME of a "
                           "saved QGIS connection)"), optional=True))
    alg.addParameter(QgsProcessingParameterProviderConnection(
        "CONNECTION", alg.tr("or a PostgreSQL connection saved in QGIS (its password stays in QGIS)"), "postgres",
        optional=True))


def database_help(alg):
    return alg.tr(
        "The database is a GeoPackage (.gpkg), a PostgreSQL connection chosen from those saved in QGIS, or "
        "DATABASE=connection:NAME. A connection string typed into DATABASE with its password is stored as typed "
        "in the Processing history and log: choose a saved connection instead, so that the password stays in "
        "QGIS's authentication store. Messages never show a password.")


def _store(alg, parameters, context, must_exist=True):
    name = alg.parameterAsConnectionName(parameters, "CONNECTION", context) if parameters.get("CONNECTION") else ""
    text = PREFIX + name if name else alg.parameterAsString(parameters, "DATABASE", context)
    try:
        return open_quota_store(text, "DATABASE", must_exist)
    except StoreError as exc:
        raise QgsProcessingException(mask(str(exc))) from None


def _fail(message, feedback):
    feedback.reportError(message, True)
    raise QgsProcessingException(message)


class QuotaPoolCreateAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotapoolcreate"

    def displayName(self):
        return self.tr("Create quota pool")

    def shortHelpString(self):
        return self.tr(
            "Creates the county's pool of collective construction-land quota in a planning GeoPackage: the control "
            "total, the baseline construction land (from the ledger or given), one account per village with its "
            "category and planned construction land, and a copy of the permanent basic farmland and red line that "
            "draws are checked against. Only the control total and the baseline are needed: village accounts come "
            "from the ledger or from village zones (CJDCQ) when given.") + "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_param(self)
        self.addParameter(QgsProcessingParameterString("COUNTY_CODE", self.tr("County code")))
        self.addParameter(QgsProcessingParameterNumber("CONTROL_TOTAL_HA", self.tr("Construction land control total "
                                                                                   "(ha)"),
                                                       QgsProcessingParameterNumber.Double, minValue=0))
        self.addParameter(QgsProcessingParameterVectorLayer("LEDGER", self.tr("Resource ledger"),
                                                            [QgsProcessing.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterNumber("BASELINE_CONSTRUCTION_HA", self.tr(
            "Baseline construction land (ha; empty: the ledger's total)"), QgsProcessingParameterNumber.Double,
            optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterVectorLayer("CLASSIFICATION", self.tr("Village classification"),
                                                            [QgsProcessing.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer("BASIC_FARMLAND", self.tr(
            "Permanent basic farmland (YJJBNTTB)"), [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer("ECO_REDLINE", self.tr(
            "Ecological protection red line (STBHHX)"), [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFile("POLICY", self.tr("Quota policy (JSON; empty for the default)"),
                                                     extension="json", optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer("VILLAGE_ZONES", self.tr(
            "Village zones (CJDCQ; village accounts when no ledger is given)"), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Village accounts")))

    def processAlgorithm(self, parameters, context, feedback):
        store = _store(self, parameters, context, must_exist=False)
        ledger = self.parameterAsVectorLayer(parameters, "LEDGER", context)
        zones = self.parameterAsVectorLayer(parameters, "VILLAGE_ZONES", context)
        baseline = parameters.get("BASELINE_CONSTRUCTION_HA")
        if ledger is None and baseline in (None, ""):
            raise QgsProcessingException(self.tr("Give the ledger or the baseline construction land."))
        try:
            policy = q.load_policy(self.parameterAsFile(parameters, "POLICY", context) or None)
        except q.PolicyError as exc:
            raise QgsProcessingException(str(exc)) from exc
        categories = {}
        cls = self.parameterAsVectorLayer(parameters, "CLASSIFICATION", context)
        if cls is not None:
            for f in cls.getFeatures():
                final = f["final_category"]
                categories[str(f["village_code"])] = final if final not in (None, "") and not (
                    hasattr(final, "isNull") and final.isNull()) else f["suggested_category"]
        villages, total_construction = [], 0.0
        layers = [ledger, zones, self.parameterAsVectorLayer(parameters, "BASIC_FARMLAND", context),
                  self.parameterAsVectorLayer(parameters, "ECO_REDLINE", context)]
        first = next((lyr for lyr in layers if lyr is not None and lyr.isSpatial()), None)
        if first is not None:
            crs = working_crs(first)
        else:  # no layer at all: the project's CRS, if it is a planar one; draws are then kept in it
            crs = context.project().crs() if context.project() is not None else None
            if crs is not None and (not crs.isValid() or crs.isGeographic()):
                crs = None
        if ledger is not None:
            frame, geoms = read_attributes(ledger, {"code": "village_code", "name": "village_name", "town": "town",
                                                    "cons": "construction_ha", "vcons": "village_construction_ha"},
                                           with_geometry=ledger.isSpatial(), target_crs=crs)
            for i, row in frame.iterrows():
                code = str(row["code"])
                if code == "UNASSIGNED":
                    continue
                total_construction += float(row["cons"] or 0)
                geom = geoms[i] if geoms is not None else None
                villages.append({"village_code": code, "village_name": row["name"], "town": row["town"],
                                 "category": categories.get(code, ""), "planned_ha": float(row["vcons"] or 0),
                                 "boundary_wkb": None if geom is None else geom.wkb})
        elif zones is not None:
            villages = self.zone_accounts(zones, crs, categories)
        baseline_ha = float(self.parameterAsDouble(parameters, "BASELINE_CONSTRUCTION_HA", context)) \
            if baseline not in (None, "") else total_construction
        constraints = []
        for key, kind in (("BASIC_FARMLAND", "basic_farmland"), ("ECO_REDLINE", "eco_redline")):
            layer = self.parameterAsVectorLayer(parameters, key, context)
            if layer is not None:
                constraints += [(kind, w) for w in layer_wkbs(layer, crs)]
        control = self.parameterAsDouble(parameters, "CONTROL_TOTAL_HA", context)
        try:
            store.create(self.parameterAsString(parameters, "COUNTY_CODE", context), control, baseline_ha, policy,
                         villages, constraints, crs.authid() if crs is not None else "")
        except StoreError as exc:
            raise QgsProcessingException(mask(str(exc))) from None
        if control < baseline_ha:
            feedback.pushWarning(self.tr(
                "The control total {c} ha is below the baseline construction land {b:.4f} ha: no draw can be "
                "recorded until reclamation brings construction land under the control total.").format(
                c=control, b=baseline_ha))
        feedback.pushInfo(self.tr("Quota pool created: {n} villages, control total {c} ha, baseline {b:.4f} ha, "
                                  "headroom {h:.4f} ha.").format(n=len(villages), c=control, b=baseline_ha,
                                                                 h=control - baseline_ha))
        return {"VILLAGES": len(villages)}

    def zone_accounts(self, layer, crs, categories):
        """Village accounts from village zones: code (ZLDWDM or village_code) and name (ZLDWMC or village_name)."""
        code_field = find_field(layer, ["village_code", "ZLDWDM", "CJDCQDM"])
        if code_field is None:
            raise QgsProcessingException(self.tr(
                "VILLAGE_ZONES: layer {layer} has no village code field (ZLDWDM or village_code).").format(
                layer=layer.name()))
        name_field = find_field(layer, ["village_name", "ZLDWMC", "CJDCQMC"])
        town_field = find_field(layer, ["town", "XZMC"])
        from qgis.core import QgsCoordinateTransform

        ct = QgsCoordinateTransform(layer.crs(), crs, context_project()) if crs is not None else None
        accounts = {}
        for f in layer.getFeatures():
            raw = f[code_field]
            code = village_code(None if raw is None or (hasattr(raw, "isNull") and raw.isNull()) else str(raw))
            if not code:
                raise QgsProcessingException(self.tr(
                    "VILLAGE_ZONES: feature {fid} of layer {layer} has no village code in field {field}.").format(
                    fid=f.id(), layer=layer.name(), field=code_field))
            geom = f.geometry()
            wkb = None
            if geom is not None and not geom.isNull() and not geom.isEmpty():
                if ct is not None:
                    geom.transform(ct)
                wkb = bytes(geom.asWkb())
            name = f[name_field] if name_field else None
            town = f[town_field] if town_field else None
            accounts.setdefault(code, {"village_code": code, "village_name": _text(name), "town": _text(town),
                                       "category": categories.get(code, ""), "planned_ha": 0.0,
                                       "boundary_wkb": wkb})
        return list(accounts.values())


def _text(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return str(value)


def context_project():
    from qgis.core import QgsProject

    return QgsProject.instance()


MOVEMENT_LABELS = ("inflow", "allocate", "draw", "return", "transfer", "expire", "reverse")


def _entry_from(values):
    """An entry from parameter or row values; raises QuotaRefused ('area') for an area that is not a number."""
    return q.Entry(
        kind=values["kind"], units=q.area_units(values.get("area_ha") or 0), date=values.get("date") or "",
        document_no=values.get("document_no") or "", author=values.get("author") or "",
        project=values.get("project") or "", note=values.get("note") or "", village=values.get("village") or "",
        to_village=values.get("to_village") or "", land_use_code=values.get("land_use_code") or "",
        flexible=bool(values.get("flexible")), reverses=int(values.get("reverses") or 0),
        source=values.get("source") or "", purpose=values.get("purpose") or "",
        geometry_wkb=values.get("geometry_wkb") or b"")


class QuotaMovementAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotamovement"

    def displayName(self):
        return self.tr("Record quota movement")

    def shortHelpString(self):
        return self.tr(
            "Records one movement of the quota pool (inflow, allocate, draw, return, transfer, expire or reverse) "
            "after checking every rule in the same transaction: no account below zero, the county control total, "
            "no draw on permanent basic farmland or the red line, the 5% flexible reserve and allocation by "
            "village category. The area must be a plausible number of hectares (not more than the control total) "
            "and the date a real date (YYYY-MM-DD, 1949 to a few years ahead). A refused movement writes nothing "
            "and says which rule, with the figures.") + "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_param(self)
        self.addParameter(QgsProcessingParameterEnum("MOVEMENT", self.tr("Movement"),
                                                     [self.tr(q.KIND_LABELS[k]) for k in MOVEMENT_LABELS]))
        self.addParameter(QgsProcessingParameterNumber("AREA_HA", self.tr("Area (ha)"),
                                                       QgsProcessingParameterNumber.Double, minValue=0))
        self.addParameter(QgsProcessingParameterString("VILLAGE", self.tr("Village code"), optional=True))
        self.addParameter(QgsProcessingParameterString("TO_VILLAGE", self.tr("Receiving village code (transfers)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString("DOCUMENT_NO", self.tr("Approval document number")))
        self.addParameter(QgsProcessingParameterString("DATE", self.tr("Date (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterString("PROJECT", self.tr("Project"), optional=True))
        self.addParameter(QgsProcessingParameterString("LAND_USE_CODE", self.tr("Planning land-use code (draws)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean("FLEXIBLE", self.tr("Flexible reserve draw"), False))
        self.addParameter(QgsProcessingParameterVectorLayer("DRAW_GEOMETRY", self.tr(
            "Draw parcels (selected features, or all)"), [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber("REVERSES", self.tr("Entry to reverse (journal number)"),
                                                       QgsProcessingParameterNumber.Integer, optional=True, minValue=1))
        self.addParameter(QgsProcessingParameterString("SOURCE", self.tr(
            "Inflow source (reclamation, linked, land_ticket, annual_plan)"), optional=True))
        self.addParameter(QgsProcessingParameterString("PURPOSE", self.tr("Purpose (e.g. resettlement)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString("AUTHOR", self.tr("Author")))
        self.addParameter(QgsProcessingParameterString("NOTE", self.tr("Note"), optional=True, multiLine=True))
        self.addOutput(QgsProcessingOutputNumber("SEQ", self.tr("Journal number")))
        self.addOutput(QgsProcessingOutputNumber("POOL_BALANCE_HA", self.tr("Pool balance (ha)")))

    def processAlgorithm(self, parameters, context, feedback):
        store = _store(self, parameters, context)
        kind = MOVEMENT_LABELS[self.parameterAsEnum(parameters, "MOVEMENT", context)]
        values = {"kind": kind, "area_ha": parameters.get("AREA_HA")}
        if not isinstance(values["area_ha"], (int, float)):
            values["area_ha"] = self.parameterAsDouble(parameters, "AREA_HA", context)
        for key in ("VILLAGE", "TO_VILLAGE", "DOCUMENT_NO", "DATE", "PROJECT", "LAND_USE_CODE", "SOURCE", "PURPOSE",
                    "AUTHOR", "NOTE"):
            values[key.lower()] = self.parameterAsString(parameters, key, context).strip()
        values["date"] = values["date"] or _dt.date.today().isoformat()
        values["flexible"] = self.parameterAsBool(parameters, "FLEXIBLE", context)
        rev = parameters.get("REVERSES")
        values["reverses"] = self.parameterAsInt(parameters, "REVERSES", context) if rev not in (None, "") else 0
        layer = self.parameterAsVectorLayer(parameters, "DRAW_GEOMETRY", context)
        if layer is not None:
            values["geometry_wkb"] = draw_wkb(layer, crs_of(store))
        try:
            entry = _entry_from(values)
        except q.QuotaRefused as exc:
            _fail(self.tr("AREA_HA: {reason}").format(reason=exc), feedback)
        try:
            entry.date = q.check_date(entry.date)
        except q.QuotaRefused as exc:
            _fail(self.tr("DATE: {reason}").format(reason=exc), feedback)
        try:
            seq, warnings = store.record(entry, OverlapChecker(store))
        except q.QuotaRefused as exc:
            _fail(self.tr("Refused by rule '{rule}': {reason}").format(rule=exc.rule, reason=mask(str(exc))),
                  feedback)
        except StoreError as exc:
            raise QgsProcessingException(mask(str(exc))) from None
        for w in warnings:
            feedback.pushWarning(w)
        pool = q.to_ha(store.state().balance(q.POOL))
        feedback.pushInfo(self.tr("Recorded as journal entry {seq}; pool balance {pool:.4f} ha.").format(
            seq=seq, pool=pool))
        return {"SEQ": seq, "POOL_BALANCE_HA": pool}


IMPORT_ALIASES = {
    "movement": ["movement", "kind", "类型", "变动类型"], "area_ha": ["area_ha", "面积", "面积（公顷）", "面积(公顷)"],
    "village": ["village", "village_code", "村代码"], "to_village": ["to_village", "转入村代码"],
    "document_no": ["document_no", "批复文号", "文号"], "date": ["date", "日期"], "project": ["project", "项目"],
    "land_use_code": ["land_use_code", "用地代码"], "flexible": ["flexible", "机动指标"],
    "reverses": ["reverses", "冲销序号"], "author": ["author", "经办人"], "note": ["note", "备注"],
    "source": ["source", "来源"], "purpose": ["purpose", "用途"],
}


class QuotaImportAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotaimport"

    def displayName(self):
        return self.tr("Import quota movements")

    def shortHelpString(self):
        return self.tr(
            "Applies a table of movements (CSV in UTF-8 or GBK, or XLSX; Chinese or English headers) to the quota "
            "pool, all or nothing: when any row is refused, nothing is written and every refused row is reported "
            "with its rule. Rows already recorded (same document number, movement, village and area) are refused, "
            "so that importing a file twice does not double the movements, unless duplicates are allowed.") + \
            "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_param(self)
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Movements (CSV or XLSX)")))
        self.addParameter(QgsProcessingParameterString("AUTHOR", self.tr("Author (for rows without one)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean("ALLOW_DUPLICATES", self.tr(
            "Record rows already in the journal again (same document number, movement, village and area)"), False))
        self.addOutput(QgsProcessingOutputNumber("APPLIED", self.tr("Movements applied")))
        self.addOutput(QgsProcessingOutputNumber("REFUSED", self.tr("Movements refused")))

    def processAlgorithm(self, parameters, context, feedback):
        store = _store(self, parameters, context)
        path = self.parameterAsFile(parameters, "INPUT", context)
        try:
            frame = read_table_file(path)
        except Exception as exc:  # noqa: BLE001 - a message naming the file
            raise QgsProcessingException(str(exc)) from None
        lookup = {alias.lower(): key for key, names in IMPORT_ALIASES.items() for alias in names}
        frame = frame.rename(columns={c: lookup.get(str(c).strip().lower(), c) for c in frame.columns})
        if "movement" not in frame.columns or "area_ha" not in frame.columns:
            raise QgsProcessingException(self.tr("{file}: the columns movement and area_ha are required.").format(
                file=os.path.basename(path)))
        author = self.parameterAsString(parameters, "AUTHOR", context)
        entries, bad = [], []
        for n, (_, row) in enumerate(frame.iterrows()):
            values = {k: (str(row[k]).strip() if k in row and str(row[k]) not in ("nan", "None") else "")
                      for k in IMPORT_ALIASES}
            values["kind"] = values.pop("movement").lower()
            values["author"] = values["author"] or author
            values["flexible"] = values["flexible"].lower() in ("1", "true", "yes", "是", "y")
            values["village"] = village_code(values["village"]) or values["village"]
            values["to_village"] = village_code(values["to_village"]) or values["to_village"]
            values["area_ha"] = values["area_ha"] or 0
            if len(values["date"]) == 19 and values["date"].endswith(" 00:00:00"):  # a date cell of a workbook
                values["date"] = values["date"][:10]
            values["date"] = values["date"] or _dt.date.today().isoformat()  # as for one movement
            try:
                try:
                    values["reverses"] = int(float(values["reverses"] or 0))
                except (ValueError, OverflowError):
                    raise q.QuotaRefused("reverse", self.tr("'{value}' is not a journal number.").format(
                        value=values["reverses"])) from None
                entry = _entry_from(values)
                if entry.units <= 0:
                    raise q.QuotaRefused("area", self.tr("The area must be more than 0 ha (given {ha} ha).").format(
                        ha=values["area_ha"] or 0))
                entry.date = q.check_date(entry.date)
                entries.append(entry)
            except q.QuotaRefused as exc:
                bad.append((n, exc))
                entries.append(None)
        if bad:
            for i, exc in bad:
                feedback.reportError(self.tr("Row {row}: refused by rule '{rule}': {reason}").format(
                    row=i + 2, rule=exc.rule, reason=exc))
            _fail(self.tr("{n} of {total} movements were refused; nothing was written.").format(
                n=len(bad), total=len(entries)), feedback)
        allow = self.parameterAsBool(parameters, "ALLOW_DUPLICATES", context)
        try:
            written, refused = store.record_many(entries, OverlapChecker(store), allow_duplicates=allow)
        except StoreError as exc:
            raise QgsProcessingException(mask(str(exc))) from None
        for i, exc in refused:
            feedback.reportError(self.tr("Row {row}: refused by rule '{rule}': {reason}").format(
                row=i + 2, rule=exc.rule, reason=mask(str(exc))))
        if refused:
            _fail(self.tr("{n} of {total} movements were refused; nothing was written.").format(
                n=len(refused), total=len(entries)), feedback)
        feedback.pushInfo(self.tr("{n} movements applied.").format(n=len(written)))
        return {"APPLIED": len(written), "REFUSED": 0}


REPORT_FIELDS = [("village_code", QVariant.String), ("village_name", QVariant.String), ("town", QVariant.String),
                 ("category", QVariant.String), ("allocated_ha", QVariant.Double), ("transfer_in_ha", QVariant.Double),
                 ("transfer_out_ha", QVariant.Double), ("returned_ha", QVariant.Double),
                 ("expired_ha", QVariant.Double), ("drawn_ha", QVariant.Double), ("flexible_ha", QVariant.Double),
                 ("flexible_limit_ha", QVariant.Double), ("balance_ha", QVariant.Double)]


class QuotaReportAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotareport"

    def displayName(self):
        return self.tr("Quota pool report")

    def shortHelpString(self):
        return self.tr(
            "Balances per village, the pool summary, the journal and a verification of the balances, the hash chain "
            "and the pool's settings (control total, baseline, policy, village accounts, protection zones). Every "
            "report prints the chain's anchor (entries:last hash); give an anchor from an earlier report as "
            "EXPECTED to check that the journal still contains it, which proves that the books were not rewritten "
            "since.") + "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_param(self)
        self.addParameter(QgsProcessingParameterString("EXPECTED", self.tr(
            "Anchor of an earlier report to check (entries:hash)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Village quota balances")))
        self.add_workbook_output(self.tr("Pool workbook"))
        self.add_report_output(self.tr("Pool report"))
        self.addOutput(QgsProcessingOutputNumber("POOL_BALANCE_HA", self.tr("Pool balance (ha)")))
        self.addOutput(QgsProcessingOutputNumber("DRAWN_HA", self.tr("Drawn (ha)")))
        self.addOutput(QgsProcessingOutputNumber("VERIFIED", self.tr("Verified (1 = books and chain are sound)")))
        self.addOutput(QgsProcessingOutputString("ANCHOR", self.tr("Chain anchor (entries:last hash)")))
        self.addOutput(QgsProcessingOutputNumber("EXPECTED_FOUND", self.tr(
            "Earlier anchor found (1 = the journal still contains it)")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.quota_report import pool_summary, write_pool_html, write_pool_workbook

        store = _store(self, parameters, context)
        expected_text = self.parameterAsString(parameters, "EXPECTED", context).strip()
        expected = None
        if expected_text:
            try:
                expected = q.parse_anchor(expected_text)
            except ValueError as exc:
                raise QgsProcessingException(self.tr("EXPECTED: {reason}").format(reason=exc)) from None
        try:
            state = store.state()
            entries = store.journal()
            check = store.verify(entries)
            policy = store.policy()
            info = store.pool_info()
        except StoreError as exc:
            raise QgsProcessingException(mask(str(exc))) from None
        summary = q.village_summary(entries, list(state.villages))
        rows = []
        for code in sorted(summary):
            info_v = state.villages.get(code, {})
            s = summary[code]
            row = {"village_code": code, "village_name": info_v.get("village_name"), "town": info_v.get("town"),
                   "category": info_v.get("category"),
                   "flexible_limit_ha": q.to_ha(int((info_v.get("planned_units") or 0) * policy.flexible_ratio))}
            for key in ("allocated", "transfer_in", "transfer_out", "returned", "expired", "drawn", "flexible",
                        "balance"):
                row[key + "_ha"] = q.to_ha(s[key])
            rows.append(row)
        verified = int(store.verified(check))
        found = None
        if expected is not None:
            found = int(q.contains_anchor(entries, expected[0], expected[1], store.settings_digest()))
            check["expected"] = expected_text
            check["expected_found"] = bool(found)
            if not found:
                verified = 0
                feedback.reportError(self.tr(
                    "The journal no longer contains the earlier anchor {anchor}: the books were rewritten or "
                    "entries were deleted since that report.").format(anchor=expected_text))
            else:
                feedback.pushInfo(self.tr("The journal still contains the earlier anchor {anchor}.").format(
                    anchor=expected_text))
        pool = pool_summary(state, info, entries, check["anchor"])
        if not verified:
            feedback.reportError(self.tr("Verification failed: {detail}").format(detail=json.dumps(
                {k: v for k, v in check.items() if k != "differences"}, ensure_ascii=False)))
        fields = QgsFields()
        for name, qtype in REPORT_FIELDS:
            fields.append(QgsField(name, qtype))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.NoGeometry)
        for row in rows:
            feat = QgsFeature()
            feat.setAttributes([row[n] for n, _ in REPORT_FIELDS])
            sink.addFeature(feat, QgsFeatureSink.FastInsert)
        outputs = {"OUTPUT": dest, "POOL_BALANCE_HA": q.to_ha(state.balance(q.POOL)),
                   "DRAWN_HA": q.to_ha(state.drawn_total), "VERIFIED": verified, "ANCHOR": check["anchor"]}
        if found is not None:
            outputs["EXPECTED_FOUND"] = found
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            outputs["OUTPUT_XLSX"] = write_pool_workbook(xlsx, pool, rows, entries, check)
        html = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html:
            outputs["OUTPUT_HTML"] = write_pool_html(html, pool, rows, check)
        for label, value in pool:
            feedback.pushInfo("{}: {}".format(label, value))
        return outputs
