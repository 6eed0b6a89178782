"""Field verification, the pure part: the forms file, row hashes, and what a merge does with each row.

No Qt, no QGIS, no database: the store reads rows as dicts and applies the actions decided here.
A row is a dict of column values; its geometry is under ``GEOM`` as GeoPackage blob bytes (only
the WKB part counts for the hash, so a rewritten blob header is no change).
"""

import hashlib
import json
import math
import os
import struct
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

REFUSED = "_refused"  # in read package rows: {layer: {uuid: why the row cannot be written}}
INSERT, UPDATE, DELETE, CONFLICT, SKIPPED = "insert", "update", "delete", "conflict", "skipped"
REPORT_FIELDS = [("uuid", "text"), ("layer", "text"), ("action", "text"), ("village_code", "text"),
                 ("fields", "text"), ("field_values", "text"), ("office_values", "text"), ("reason", "text")]


PACKAGE_GPKG = "field_data.gpkg"  # a package's data, beside its project, photos/ and manifest
MANIFEST = "manifest.json"
MAX_UNZIPPED = 8 * 2 ** 30  # a field package with its photos and basemap stays far below
FORMS = resource("forms", "field_forms.json")  # the county's forms file


class FormsError(VillagePlannerError):
    """The forms file cannot be used; the message names the file and the entry."""


class PhotoRefused(VillagePlannerError):
    """A photo named by a package row that is not a file inside the package."""


def package_photo(package_dir, value):
    """The file of a photo a package row names: it must lie inside the package folder (a row naming
    '../…' or an absolute path of the office computer is refused) and exist."""
    if not isinstance(value, str) or "\x00" in value:
        raise PhotoRefused(tr("photo {value!r} is not a file name; it was not copied").format(value=value))
    value = value.replace("\\", "/")  # a path written on Windows: photos\\door.jpg
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


def geometry_problem(blob, srs_id, geometry):
    """Why a package row's geometry blob cannot go into a ``geometry`` layer (Polygon or Point) of ``srs_id``,
    in words, or '' (a row without geometry is fit)."""
    if blob is None:
        return ""
    blob = bytes(blob)
    if len(blob) < 8 or blob[:2] != b"GP":
        return tr("the geometry is not a GeoPackage geometry")
    flags = blob[3]
    if flags & 0x10:
        return tr("the geometry is empty")
    order = "<" if flags & 0x01 else ">"
    if srs_id is not None and struct.unpack(order + "i", blob[4:8])[0] != srs_id:
        return tr("the geometry is in another coordinate system (srs {found}, the layer's is {srs})").format(
            found=struct.unpack(order + "i", blob[4:8])[0], srs=srs_id)
    wkb = wkb_of(blob)
    if len(wkb) < 5 or wkb[0] not in (0, 1):
        return tr("the geometry is not a GeoPackage geometry")
    kind = (struct.unpack("<I" if wkb[0] == 1 else ">I", wkb[1:5])[0] & 0x0FFFFFFF) % 1000
    if kind not in {"Polygon": (3, 6), "Point": (1, 4)}[geometry]:
        return tr("the geometry is not a polygon") if geometry == "Polygon" else tr("the geometry is not a point")
    return ""


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


def row_problems(forms, layer, row):
    """What makes a package row unfit to be written, in words: a value outside its value list, a number that
    is none. [] when the row is fit."""
    problems = []
    for f in forms["layers"][layer]["fields"]:
        value = row.get(f["name"])
        if value in (None, ""):
            continue
        if f["values"] and str(_plain(value)) not in {str(_plain(v)) for v in f["values"]}:  # 2, 2.0 and "2"
            problems.append(tr("{field}={value} is not one of its values ({values})").format(
                field=f["name"], value=value, values="/".join(str(v) for v in f["values"])))
        elif f["kind"] in ("int", "float") and not _is_number(value):
            problems.append(tr("{field}={value} is not a number").format(field=f["name"], value=value))
    return problems


def _is_number(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    return False


def plan_merge(layer, cols, base, package_rows, office_rows, villages=None, refused=None):
    """What to do with each row of one layer.

    ``base``: {uuid: {"version": row_version at packaging, "hash": row_hash at packaging}};
    ``package_rows`` and ``office_rows``: {uuid: row}; ``villages``: the package's villages (a row of
    another village is never written); ``refused``: {uuid: reason} of package rows unfit to be written
    (skipped when changed in the field). Returns [dict(uuid, layer, action, row, diffs, reason)]; rows
    unchanged in the field, or changed to what the office already has, are not listed.
    """
    refused = refused or {}
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
        changed = uuid not in base or row_hash(row, cols) != base[uuid]["hash"]
        if changed and uuid in refused:
            act(uuid, SKIPPED, None, differences(row, office or {}, cols),
                tr("{problems}; nothing was written").format(problems=refused[uuid]))
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
            diffs = differences(row, office, cols)
            if diffs:  # the same content as the office's is no change: row_version stays
                act(uuid, UPDATE, row, diffs)
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
    check_manifest(manifest)
    if manifest["database_id"] != database_id:
        raise MergeRefused(tr("The package {id} was made from another planning database ({other}); it cannot be "
                              "merged into this one ({this}).").format(
            id=manifest["package_id"], other=manifest["database_id"], this=database_id))
    if manifest["package_id"] in merged_ids:
        raise MergeRefused(tr("The package {id} was already merged on {when}; merging it again is refused and "
                              "nothing was changed.").format(id=manifest["package_id"],
                                                             when=merged_ids[manifest["package_id"]]))


def open_packages(packages, merged_ids, villages):
    """The packages (dicts with package_id, created_at, surveyor, villages as text) not merged yet that share a
    village with ``villages``: two planners on one village will meet conflicts at the merge."""
    wanted = set(villages)
    return [p for p in packages if p["package_id"] not in merged_ids
            and wanted & set((p.get("villages") or "").split(","))]


def check_manifest(manifest):
    """Refuse a manifest that fieldpackage did not write as it is (MergeRefused naming what is wrong)."""
    def refuse(key):
        raise MergeRefused(tr("The package's manifest lacks {key} or it is malformed; it was not made by "
                              "fieldpackage, or it was edited. Nothing was merged.").format(key=key))

    if not isinstance(manifest, dict):
        refuse("package_id")
    for key in ("package_id", "database_id"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            refuse(key)
    villages = manifest.get("villages")
    if not isinstance(villages, list) or not villages or not all(isinstance(v, str) for v in villages):
        refuse("villages")
    layers = manifest.get("layers")
    if not isinstance(layers, dict):
        refuse("layers")
    for rows in layers.values():
        if not isinstance(rows, dict) or not all(
                isinstance(b, dict) and isinstance(b.get("hash"), str) and isinstance(b.get("version"), int)
                for b in rows.values()):
            refuse("layers")


def homestead_figures(rows):
    """Per village: homesteads in use, idle, demolished, dilapidated, several per household, idle area (m2).

    ``rows``: dicts with village_code, status, area_m2 and linked_uuid (the homestead_survey rows); a row
    that is another version of a house (linked_uuid, from a conflict settled "keep both") is not counted."""
    out = {}
    keys = {"在用": "homesteads_in_use", "闲置": "homesteads_idle", "已拆除": "homesteads_demolished",
            "危房": "homesteads_dilapidated", "一户多宅": "homesteads_multiple"}
    for row in rows:
        code = row.get("village_code")
        if not code or row.get("linked_uuid"):  # a field version kept beside the office row: one house
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
            area = row.get("area_m2")
            fig["idle_homestead_m2"] += area if _is_number(area) and area > 0 else 0.0
    return out


# the homestead figures as extra columns of the resource ledger ([(name, kind)] like core.ledger.COLUMNS)
HOMESTEAD_COLUMNS = [("homesteads_surveyed", "int"), ("homesteads_in_use", "int"), ("homesteads_idle", "int"),
                     ("homesteads_demolished", "int"), ("homesteads_dilapidated", "int"),
                     ("homesteads_multiple", "int"), ("idle_homestead_m2", "float")]


def package_folder(path, workdir):
    """The folder holding the manifest: ``path`` itself, its only subfolder, or a zip unpacked in ``workdir``."""
    given = path
    if os.path.isfile(path) and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise MergeRefused(tr("The zipped package {path} unpacks to more than {gb} GB; it is not a field "
                                      "package.").format(path=path, gb=MAX_UNZIPPED // 2 ** 30))
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
    raise MergeRefused(tr("{path} is not a field package: it has no manifest.json.").format(path=given))


def read_manifest(folder):
    """The manifest of the package in ``folder`` and the SHA-256 of its bytes."""
    path = os.path.join(folder, MANIFEST)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        return json.loads(raw.decode("utf-8-sig")), hashlib.sha256(raw).hexdigest()
    except (OSError, ValueError) as exc:
        raise MergeRefused(tr("The manifest {path} cannot be read: {error}").format(path=path, error=exc)) \
            from exc
