"""Field verification, the pure part: the forms file, row hashes, and what a merge does with each row.

No Qt, no QGIS, no database: the store reads rows as dicts and applies the actions decided here.
A row is a dict of column values; its geometry is under ``GEOM`` as GeoPackage blob bytes (only
the WKB part counts for the hash, so a rewritten blob header is no change).
"""

import hashlib
import json
import math
import os
import zipfile

from ..paths import resource
from .errors import VillagePlannerError
from .i18n import tr

GEOM = "geom"
# kept by the plugin in every survey layer, whatever a county's forms file says
KEY_FIELDS = ("uuid", "village_code", "surveyor", "surveyed_at", "photo", "linked_uuid", "row_version")
KINDS = {"text": "TEXT", "int": "INTEGER", "float": "REAL", "date": "DATE"}
WIDGETS = ("text", "value_map", "date", "photo", "range", "hidden")
GEOMETRIES = ("Polygon", "Point")
LAYERS = ("homestead_survey", "facility_needs", "hazard_check", "villager_opinions")
HOMESTEAD_STATUS = ("在用", "闲置", "一户多宅", "危房", "已拆除")

INSERT, UPDATE, DELETE, CONFLICT, SKIPPED = "insert", "update", "delete", "conflict", "skipped"
REPORT_FIELDS = [("uuid", "text"), ("layer", "text"), ("action", "text"), ("village_code", "text"),
                 ("fields", "text"), ("field_values", "text"), ("office_values", "text"), ("reason", "text")]


PACKAGE_GPKG = "field_data.gpkg"  # a package's data, beside its project, photos/ and manifest
MANIFEST = "manifest.json"
FORMS = resource("forms", "field_forms.json")  # the county's forms file


class FormsError(VillagePlannerError):
    """The forms file cannot be used; the message names the file and the entry."""


class PhotoRefused(VillagePlannerError):
    """A photo named by a package row that is not a file inside the package."""


def package_photo(package_dir, value):
    """The file of a photo a package row names: it must lie inside the package folder (a row naming
    '../…' or an absolute path of the office computer is refused) and exist."""
    root = os.path.realpath(package_dir)
    source = os.path.realpath(os.path.join(root, value))
    if os.path.isabs(value) or os.path.commonpath([root, source]) != root:
        raise PhotoRefused(tr("photo {value} lies outside the package; it was not copied").format(value=value))
    if not os.path.isfile(source):
        raise PhotoRefused(tr("photo {value} is not in the package; the row keeps its name only").format(
            value=value))
    return source


class ConflictSettled(VillagePlannerError):
    """A decision on a conflict that was already settled, or that no merge reported."""


class MergeRefused(VillagePlannerError):
    """A package that must not be merged (merged before, from another database, unreadable)."""


# -- the forms file ---------------------------------------------------------------------------
def load_forms(path):
    """The forms file as {"layers": {name: {"geometry", "label_zh", "label_en", "fields": [...]}}}.

    Each layer's field list starts with the common fields; every field has name, kind, widget,
    label_zh, label_en, required, values (a list, possibly empty)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise FormsError(tr("The forms file {path} cannot be read: {error}").format(path=path, error=exc)) from exc
    except ValueError as exc:
        raise FormsError(tr("The forms file {path} is not valid JSON: {error}").format(path=path, error=exc)) from exc
    layers = data.get("layers") if isinstance(data, dict) else None
    if not isinstance(layers, dict) or set(LAYERS) - set(layers):
        raise FormsError(tr("The forms file {path} must describe the layers {layers}.").format(
            path=path, layers=", ".join(LAYERS)))
    common = [_field(path, "common_fields", f) for f in data.get("common_fields", [])]
    missing = set(KEY_FIELDS) - {f["name"] for f in common}
    if missing:
        raise FormsError(tr("The forms file {path} lacks the common fields {fields}.").format(
            path=path, fields=", ".join(sorted(missing))))
    out = {}
    for name, layer in layers.items():
        if layer.get("geometry") not in GEOMETRIES:
            raise FormsError(tr("{path}: layer {layer} needs a geometry, one of {kinds}.").format(
                path=path, layer=name, kinds=", ".join(GEOMETRIES)))
        own = [_field(path, name, f) for f in layer.get("fields", [])]
        names = [f["name"] for f in common + own]
        if len(set(names)) != len(names):
            raise FormsError(tr("{path}: layer {layer} names a field twice.").format(path=path, layer=name))
        out[name] = {"geometry": layer["geometry"], "label_zh": layer.get("label_zh", name),
                     "label_en": layer.get("label_en", name), "fields": common + own}
    if "status" not in {f["name"] for f in out["homestead_survey"]["fields"]}:
        raise FormsError(tr("{path}: homestead_survey needs its status field.").format(path=path))
    return {"version": data.get("version", 1), "layers": out, "path": os.path.abspath(path)}


def _field(path, layer, spec):
    if not isinstance(spec, dict) or not str(spec.get("name", "")).isidentifier():
        raise FormsError(tr("{path}: layer {layer} has a field without a valid name.").format(path=path, layer=layer))
    name = spec["name"]
    kind, widget = spec.get("kind", "text"), spec.get("widget", "text")
    if kind not in KINDS or widget not in WIDGETS:
        raise FormsError(tr("{path}: field {layer}.{field} has an unknown kind or widget.").format(
            path=path, layer=layer, field=name))
    values = spec.get("values", [])
    if widget == "value_map" and (not isinstance(values, list) or not values):
        raise FormsError(tr("{path}: field {layer}.{field} needs its list of values.").format(
            path=path, layer=layer, field=name))
    field = dict(spec)
    field.update(kind=kind, widget=widget, values=list(values), required=bool(spec.get("required")),
                 label_zh=spec.get("label_zh", name), label_en=spec.get("label_en", name))
    return field


def columns(forms, layer):
    """The layer's column names in the forms' order (without fid and geometry)."""
    return [f["name"] for f in forms["layers"][layer]["fields"]]


def content_columns(forms, layer):
    """The columns a planner edits: everything but uuid and row_version."""
    return [c for c in columns(forms, layer) if c not in ("uuid", "row_version")]


# -- hashes ------------------------------------------------------------------------------------
def wkb_of(blob):
    """The WKB part of a GeoPackage geometry blob (the blob itself if it is not one)."""
    if not blob:
        return b""
    blob = bytes(blob)
    if blob[:2] != b"GP":
        return blob
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07, 0)
    return blob[8 + envelope:]


def _plain(value):
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value)
    if isinstance(value, str) and value == "":
        return None
    return value


def row_hash(row, cols):
    """A stable hash of a row's content (its edited columns and its geometry's WKB)."""
    content = [[c, _plain(row.get(c))] for c in cols]
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False, default=str).encode("utf-8"))
    digest.update(wkb_of(row.get(GEOM)))
    return digest.hexdigest()


def content_hash(row_hashes):
    """One hash over every row's hash ({uuid: hash}), the package's content at packaging."""
    digest = hashlib.sha256()
    for key in sorted(row_hashes):
        digest.update(("%s=%s;" % (key, row_hashes[key])).encode("utf-8"))
    return digest.hexdigest()


def file_hash(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# -- the merge ---------------------------------------------------------------------------------
def differences(field_row, office_row, cols):
    """[(column, field value, office value)] where the two versions differ (geometry as 'geometry')."""
    out = [(c, field_row.get(c), office_row.get(c)) for c in cols
           if _plain(field_row.get(c)) != _plain(office_row.get(c))]
    if wkb_of(field_row.get(GEOM)) != wkb_of(office_row.get(GEOM)):
        out.append(("geometry", tr("(field geometry)"), tr("(office geometry)")))
    return out


def plan_merge(layer, cols, base, package_rows, office_rows, villages=None):
    """What to do with each row of one layer.

    ``base``: {uuid: {"version": row_version at packaging, "hash": row_hash at packaging}};
    ``package_rows`` and ``office_rows``: {uuid: row}; ``villages``: the package's villages (a row of
    another village is never written). Returns [dict(uuid, layer, action, row, diffs, reason)]; rows
    unchanged in the field are not listed.
    """
    actions = []

    def act(uuid, action, row=None, diffs=(), reason=""):
        actions.append({"uuid": uuid, "layer": layer, "action": action, "row": row, "diffs": list(diffs),
                        "reason": reason, "village_code": (row or office_rows.get(uuid) or {}).get("village_code")})

    for uuid in sorted(package_rows):
        row = package_rows[uuid]
        office = office_rows.get(uuid)
        if villages is not None and row.get("village_code") not in villages and (
                uuid not in base or row_hash(row, cols) != base[uuid]["hash"]):
            act(uuid, SKIPPED, None, differences(row, office or {}, cols),
                tr("the row belongs to village {code}, which is not in this package; nothing was written").format(
                    code=row.get("village_code")))
            continue
        if uuid not in base:
            if office is not None:
                act(uuid, CONFLICT, row, differences(row, office, cols),
                    tr("a new row in the field has the key of a row already in the database"))
            else:
                act(uuid, INSERT, row)
            continue
        if row_hash(row, cols) == base[uuid]["hash"]:
            continue  # not touched in the field
        if office is None:
            act(uuid, CONFLICT, row, differences(row, {}, cols),
                tr("changed in the field, deleted in the office"))
        elif office.get("row_version") == base[uuid]["version"]:
            act(uuid, UPDATE, row, differences(row, office, cols))
        else:
            act(uuid, CONFLICT, row, differences(row, office, cols),
                tr("changed in the field and in the office since the package was made"))
    for uuid in sorted(set(base) - set(package_rows)):
        office = office_rows.get(uuid)
        if office is None:
            act(uuid, SKIPPED, None, (), tr("deleted in the field and in the office"))
        elif office.get("row_version") == base[uuid]["version"]:
            act(uuid, DELETE, None, [(c, None, office.get(c)) for c in cols if office.get(c) not in (None, "")])
        else:
            act(uuid, CONFLICT, None, differences({}, office, cols),
                tr("deleted in the field, changed in the office since the package was made"))
    return actions


def report_rows(actions):
    """The merge report: one row per row touched, the differing fields with both values."""
    out = []
    for a in actions:
        out.append({
            "uuid": a["uuid"], "layer": a["layer"], "action": a["action"], "village_code": a.get("village_code"),
            "fields": ", ".join(d[0] for d in a["diffs"]),
            "field_values": "; ".join("%s=%s" % (d[0], "" if d[1] is None else d[1]) for d in a["diffs"]),
            "office_values": "; ".join("%s=%s" % (d[0], "" if d[2] is None else d[2]) for d in a["diffs"]),
            "reason": a.get("reason", "")})
    return out


def settle(report, layer, uuid, choice, written, when):
    """The merge report with the planner's decision on one conflict recorded in its row (resolution, the uuid
    written, when). A conflict is settled once: a second decision, or one on a row that was no conflict of
    that merge, is refused (ConflictSettled)."""
    out = [dict(r) for r in report]
    for row in out:
        if row.get("layer") == layer and row.get("uuid") == uuid and row.get("action") == CONFLICT:
            if row.get("resolution"):
                raise ConflictSettled(tr("The conflict on {layer} {uuid} was already settled ({choice}, {when}); "
                                         "nothing was changed.").format(layer=layer, uuid=uuid,
                                                                        choice=row["resolution"],
                                                                        when=row.get("resolved_at", "")))
            row.update(resolution=choice, resolved_uuid=written, resolved_at=when)
            return out
    raise ConflictSettled(tr("{layer} {uuid} is no conflict of that merge; nothing was changed.").format(
        layer=layer, uuid=uuid))


def unsettled(report):
    """The conflicts of a merge report that no planner has settled yet."""
    return [r for r in report or [] if r.get("action") == CONFLICT and not r.get("resolution")]


def counts(actions):
    out = {k: 0 for k in (INSERT, UPDATE, DELETE, CONFLICT, SKIPPED)}
    for a in actions:
        out[a["action"]] += 1
    return out


def check_package(manifest, database_id, merged_ids):
    """Refuse a package from another database or one merged before (MergeRefused)."""
    for key in ("package_id", "database_id", "layers"):
        if key not in manifest:
            raise MergeRefused(tr("The package's manifest lacks {key}; it was not made by fieldpackage.").format(
                key=key))
    if manifest["database_id"] != database_id:
        raise MergeRefused(tr("The package {id} was made from another planning database ({other}); it cannot be "
                              "merged into this one ({this}).").format(
            id=manifest["package_id"], other=manifest["database_id"], this=database_id))
    if manifest["package_id"] in merged_ids:
        raise MergeRefused(tr("The package {id} was already merged on {when}; merging it again is refused and "
                              "nothing was changed.").format(id=manifest["package_id"],
                                                             when=merged_ids[manifest["package_id"]]))


def homestead_figures(rows):
    """Per village: homesteads in use, idle, demolished, dilapidated, several per household, idle area (m2).

    ``rows``: dicts with village_code, status and area_m2 (the homestead_survey rows)."""
    out = {}
    keys = {"在用": "homesteads_in_use", "闲置": "homesteads_idle", "已拆除": "homesteads_demolished",
            "危房": "homesteads_dilapidated", "一户多宅": "homesteads_multiple"}
    for row in rows:
        code = row.get("village_code")
        if not code:
            continue
        fig = out.setdefault(code, {"homesteads_surveyed": 0, "homesteads_in_use": 0, "homesteads_idle": 0,
                                    "homesteads_demolished": 0, "homesteads_dilapidated": 0,
                                    "homesteads_multiple": 0, "idle_homestead_m2": 0.0})
        status = row.get("status")
        if status:
            fig["homesteads_surveyed"] += 1
        if status in keys:
            fig[keys[status]] += 1
        if status == "闲置":
            fig["idle_homestead_m2"] += float(row.get("area_m2") or 0.0)
    return out


# the homestead figures as extra columns of the resource ledger ([(name, kind)] like core.ledger.COLUMNS)
HOMESTEAD_COLUMNS = [("homesteads_surveyed", "int"), ("homesteads_in_use", "int"), ("homesteads_idle", "int"),
                     ("homesteads_demolished", "int"), ("homesteads_dilapidated", "int"),
                     ("homesteads_multiple", "int"), ("idle_homestead_m2", "float")]


def package_folder(path, workdir):
    """The folder holding the manifest: ``path`` itself, its only subfolder, or a zip unpacked in ``workdir``."""
    if os.path.isfile(path) and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                target = os.path.realpath(os.path.join(workdir, member))
                if not target.startswith(os.path.realpath(workdir) + os.sep):
                    raise MergeRefused(tr("The zipped package {path} holds a file outside its folder.").format(
                        path=path))
            archive.extractall(workdir)
        path = workdir
    if os.path.isfile(os.path.join(path, MANIFEST)):
        return path
    if os.path.isdir(path):
        subs = [os.path.join(path, d) for d in os.listdir(path) if os.path.isfile(os.path.join(path, d, MANIFEST))]
        if len(subs) == 1:
            return subs[0]
    raise MergeRefused(tr("{path} is not a field package: it has no manifest.json.").format(path=path))


def read_manifest(folder):
    """The manifest of the package in ``folder`` and the SHA-256 of its bytes."""
    path = os.path.join(folder, MANIFEST)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        return json.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()
    except (OSError, ValueError) as exc:
        raise MergeRefused(tr("The manifest {path} cannot be read: {error}").format(path=path, error=exc)) \
            from exc
