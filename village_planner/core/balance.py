"""Balanced areas (平差) and balanced tables: arithmetic in integer hundredths.

Two jobs, both done in integers so that no float drift can break a sum:

* **Tables** (:func:`largest_remainder`, :func:`balance_tree`, :func:`balance_columns`,
  :func:`balance_ledger`): values rounded to two decimals so that rows add up exactly to
  their subtotals and the total, and the total is the rounded official total. The
  rounding is the largest-remainder (Hamilton) method: every value is cut down to its
  floor, and the units still missing go to the values with the largest cut-off parts.
* **Parcel areas** (:func:`balance_zone`, :func:`balance_zones`): per control zone the
  difference between the control area and the sum of the parcels' ellipsoidal areas is
  spread over the parcels on the zone edge in proportion to their area; the 0.01 m2
  rounding remainder goes to the largest parcels. A difference above the tolerance is
  a real gap or overlap and is refused.

No Qt or QGIS here; the QGIS side measures the areas and finds the edge parcels.
"""

import math
from dataclasses import dataclass, field

from .errors import VillagePlannerError
from .i18n import tr

DECIMALS = 2


def units(value, decimals=DECIMALS):
    """``value`` as an integer count of 10**-decimals, rounded half away from zero."""
    scaled = float(value) * 10 ** decimals
    # repr-level noise (0.285 * 100 = 28.499999999999996) must not decide a rounding: snap first
    scaled = round(scaled, 6)
    return int(math.floor(abs(scaled) + 0.5)) * (1 if scaled >= 0 else -1)


def _finite(value):
    """A table value as a float; missing and non-finite values (None, NaN, inf) count as 0."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0.0
    return value if math.isfinite(value) else 0.0


def round_half_up(value, decimals=DECIMALS):
    """``value`` rounded to ``decimals`` places, half away from zero (never banker's rounding)."""
    return units(value, decimals) / 10 ** decimals + 0.0  # + 0.0: no "-0"


def _apportion(scaled, target, key):
    """Integers, one per float in ``scaled``, each its floor or ceiling, summing to ``target``.

    The units missing after taking every floor go to the entries ranked first by ``key``
    (which gets the index and the cut-off part); units too many are taken back from the
    entries ranked last.
    """
    floors = [math.floor(round(s, 6)) for s in scaled]
    parts = [round(s, 6) - f for s, f in zip(scaled, floors)]
    missing = target - sum(floors)
    if not scaled:
        if missing:
            raise ValueError("no values to carry a total of %d units" % target)
        return []
    order = sorted(range(len(scaled)), key=lambda i: key(i, parts[i]))
    out = list(floors)
    if missing >= 0:
        rounds, rest = divmod(missing, len(out))
        for i in range(len(out)):
            out[i] += rounds
        for i in order[:rest]:
            out[i] += 1
    else:
        rounds, rest = divmod(-missing, len(out))
        for i in range(len(out)):
            out[i] -= rounds
        for i in order[len(out) - rest:] if rest else []:
            out[i] -= 1
    return out


def largest_remainder_units(values, total_units, decimals=DECIMALS):
    """Integer units (10**-decimals) of ``values`` that sum exactly to ``total_units``.

    When the values do not already add up to the total (more than half a unit per value
    apart), they are first scaled in proportion to it, so that a total that was itself
    rounded, or a control total, can be met.
    """
    values = [_finite(v) for v in values]
    scale = 10 ** decimals
    scaled = [v * scale for v in values]
    raw = sum(scaled)
    if abs(raw - total_units) > 0.5 * max(len(values), 1):
        if raw == 0:
            raise ValueError("values summing to 0 cannot be scaled to a total of %d units" % total_units)
        factor = total_units / raw
        scaled = [s * factor for s in scaled]
    # the largest cut-off part first; on a tie the larger value, then the earlier row
    return _apportion(scaled, int(total_units), lambda i, part: (-part, -abs(values[i]), i))


def largest_remainder(values, total=None, decimals=DECIMALS):
    """``values`` rounded to ``decimals`` places so that they sum exactly to ``total`` rounded.

    ``total`` defaults to the sum of the values: the rounded values then add up to the
    rounded sum, as a table's rows must add up to its total. Returns floats.
    """
    values = [_finite(v) for v in values]
    if total is None:
        total = sum(values)
    out = largest_remainder_units(values, units(total, decimals), decimals)
    return [u / 10 ** decimals + 0.0 for u in out]


def balance_tree(values, children, roots, total=None, decimals=DECIMALS):
    """Round a tree of rows so that every parent is the sum of its children and the roots sum to the total.

    ``values``: {row id: raw value}; ``children``: {row id: [child ids]} for the subtotal
    rows (a subtotal's raw value, when missing, is the sum of its children's); ``roots``:
    the top-level rows in order. ``total`` defaults to the sum of the roots. The total is
    rounded first, then the roots are apportioned to it, then each parent's children to the
    parent's rounded value. Returns ({row id: rounded value}, rounded total).
    """
    scale = 10 ** decimals

    def raw(rid):
        if rid in children and children[rid]:
            return sum(raw(c) for c in children[rid])
        v = values.get(rid)
        return 0.0 if v is None else float(v)

    if total is None:
        total = sum(raw(r) for r in roots)
    total_units = units(total, decimals)
    out = {}

    def place(ids, target):
        if not ids:
            return
        for rid, u in zip(ids, largest_remainder_units([raw(r) for r in ids], target, decimals)):
            out[rid] = u / scale + 0.0
            place(children.get(rid) or [], u)

    place(list(roots), total_units)
    return out, total_units / scale + 0.0


def balance_columns(rows, keys, decimals=DECIMALS):
    """A flat table rounded column by column: each column's rows sum to its rounded total.

    ``rows``: a list of dicts; ``keys``: the columns to round (None values stay None and
    count as 0). Returns (new rows, {key: rounded total}). For tables without a hierarchy,
    such as the quota reports: the total row is the returned totals.
    """
    out = [dict(r) for r in rows]
    totals = {}
    for key in keys:
        present = [i for i, r in enumerate(rows) if r.get(key) is not None and math.isfinite(float(r[key]))]
        raw = [float(rows[i][key]) for i in present]
        rounded = largest_remainder(raw, sum(raw), decimals)
        for i, v in zip(present, rounded):
            out[i][key] = v
        totals[key] = units(sum(raw), decimals) / 10 ** decimals + 0.0
    return out, totals


def _partition_holds(row, parent, parts, scale):
    """Whether the raw parts of a row add up to its raw parent (to 0.01 m2 for hectares)."""
    values = [row.get(k) for k in [parent] + list(parts)]
    if any(v is None for v in values):
        return False
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if any(n != n for n in nums):
        return False
    return abs(sum(nums[1:]) - nums[0]) * scale < 1e-2


def balance_ledger(rows, total_key, partitions, other_keys=(), decimals=DECIMALS, check_scale=1e4):
    """Round a table of villages whose columns add up within each row (the ledger).

    The two directions agree this way:

    1. ``total_key`` (the village total) is rounded down the column: the villages' rounded
       totals sum exactly to the county's rounded official total.
    2. Within each village, each partition ``(parent, [parts])`` in order is apportioned to
       the parent's rounded value, so a village's land accounts sum exactly to its rounded
       total (and, e.g., village + urban + other construction to its construction land). A
       partition that does not hold in the raw figures of a row (say slope grades missing
       on some cultivated land) is not forced: those parts are rounded on their own.
    3. Columns that are no part of a partition (``other_keys``: overlay shares, homesteads)
       are rounded down the column so that they sum to their rounded county total.

    The county row is then the sum of the rounded rows in every column: its total is the
    rounded official total, its accounts add up to it, and every column adds up to it. An
    account column's county figure may differ by a few 0.01 from rounding the raw county
    sum of that column on its own; that is the price of rows that add up.

    ``rows``: list of dicts with float values (None or NaN for missing). ``check_scale``
    turns the values into the unit in which a partition must hold to 0.01 (1e4: hectares
    to m2). Returns (rounded rows, county total row).
    """
    scale = 10 ** decimals
    out = [dict(r) for r in rows]

    def num(v):
        if v is None:
            return None
        try:
            f = float(v)
        except (TypeError, ValueError):
            return None
        return None if f != f else f

    # 1. village totals down the column
    present = [i for i, r in enumerate(rows) if num(r.get(total_key)) is not None]
    for i, v in zip(present, largest_remainder([num(rows[i][total_key]) for i in present], None, decimals)):
        out[i][total_key] = v
    done = {total_key}
    # 2. partitions within each row, top-down
    for parent, parts in partitions:
        for i, row in enumerate(rows):
            parent_value = num(row.get(parent))
            if parent_value is None:
                continue
            if parent not in done:  # a parent no earlier step rounded: on its own
                out[i][parent] = round_half_up(parent_value, decimals)
            if _partition_holds(row, parent, parts, check_scale):
                target = units(out[i][parent], decimals)
                rounded = largest_remainder_units([num(row[k]) for k in parts], target, decimals)
                for k, u in zip(parts, rounded):
                    out[i][k] = u / scale + 0.0
            else:
                for k in parts:
                    if num(row.get(k)) is not None:
                        out[i][k] = round_half_up(num(row[k]), decimals)
        done.add(parent)
        done.update(parts)
    # 3. the other columns down the column
    for key in other_keys:
        present = [i for i, r in enumerate(rows) if num(r.get(key)) is not None]
        if not present:
            continue
        for i, v in zip(present, largest_remainder([num(rows[i][key]) for i in present], None, decimals)):
            out[i][key] = v
    keys = [total_key] + [k for _, parts in partitions for k in parts] + list(other_keys)
    county = {}
    for key in dict.fromkeys(keys):
        vals = [num(r.get(key)) for r in out]
        vals = [v for v in vals if v is not None]
        county[key] = sum(units(v, decimals) for v in vals) / scale + 0.0 if vals else None
    return out, county


# -- 平差: parcel areas balanced to a zone's control area ---------------------------

DEFAULT_TOLERANCE_M2 = 1.0


class AreaDifferenceTooLarge(VillagePlannerError):
    """Zones whose parcels differ from the control area by more than the tolerance (a gap or an overlap)."""

    def __init__(self, message, zones):
        super().__init__(message)
        self.zones = zones


@dataclass
class ZoneBalance:
    """The result for one zone. Areas are integer hundredths of m2 (0.01 m2 units)."""

    key: str
    control: int  # the control area
    measured: int  # the sum of the parcels' ellipsoidal areas, before the adjustment
    parcels: int
    edge_parcels: int
    adjusted: list = field(default_factory=list)  # one per parcel, in the order given
    refused: bool = False

    @property
    def difference(self):
        """Control minus measured, in hundredths of m2."""
        return self.control - self.measured

    @property
    def adjusted_sum(self):
        return sum(self.adjusted)

    def as_row(self):
        return {"zone": self.key, "control_m2": self.control / 100, "measured_m2": self.measured / 100,
                "difference_m2": self.difference / 100, "parcels": self.parcels,
                "edge_parcels": self.edge_parcels,
                "adjusted_m2": None if self.refused else self.adjusted_sum / 100,
                "status": self.status}

    @property
    def status(self):
        """'refused', 'balanced', or 'unbalanced' (a zone without parcels that could carry its area)."""
        if self.refused:
            return "refused"
        return "balanced" if self.adjusted_sum == self.control else "unbalanced"


def balance_zone(key, control_m2, areas_m2, edge, tolerance_m2=DEFAULT_TOLERANCE_M2):
    """Balance one zone's parcel areas to its control area.

    ``areas_m2``: the parcels' ellipsoidal areas; ``edge``: for each parcel, whether it
    touches the zone edge. The difference (control minus the sum of the areas) is spread
    over the edge parcels in proportion to their area (over all parcels when none is on the
    edge); every parcel is then rounded to 0.01 m2 and the units still missing (or too
    many) go one each to the largest parcels, so that the parcels sum exactly to the
    control area at 0.01 m2. Returns a :class:`ZoneBalance`; ``refused`` is set (and no
    areas given) when the difference exceeds ``tolerance_m2`` (or the edge parcels are too
    small to take it without a negative area). A zone whose control area is within the
    tolerance but has no parcel with an area to carry it is left as it is ('unbalanced').
    """
    areas = [float(a) for a in areas_m2]
    edge = [bool(e) for e in edge]
    control = units(control_m2)
    measured_exact = sum(areas)
    result = ZoneBalance(key=key, control=control, measured=units(measured_exact), parcels=len(areas),
                         edge_parcels=sum(edge))
    difference = control / 100 - measured_exact
    if abs(difference) > tolerance_m2 + 1e-9:
        result.refused = True
        return result
    carriers = [i for i, e in enumerate(edge) if e and areas[i] > 0]
    if not carriers:
        carriers = [i for i, a in enumerate(areas) if a > 0]
    if not carriers:  # no parcel (or none with an area) and a control area within the tolerance
        result.adjusted = [units(a) for a in areas]
        return result
    carried = sum(areas[i] for i in carriers)
    adjusted = list(areas)
    for i in carriers:
        adjusted[i] = areas[i] + difference * areas[i] / carried
    if any(a < 0 for a in adjusted):
        result.refused = True
        return result
    # every parcel to 0.01 m2, the remainder one unit each on the largest parcels
    rounded = [units(a) for a in adjusted]
    missing = control - sum(rounded)
    by_size = sorted(range(len(areas)), key=lambda i: (-adjusted[i], i))
    step = 1 if missing > 0 else -1
    k = 0
    while missing:
        i = by_size[k % len(by_size)]
        if step > 0 or rounded[i] > 0:
            rounded[i] += step
            missing -= step
        k += 1
    result.adjusted = rounded
    return result


def balance_zones(zones, tolerance_m2=DEFAULT_TOLERANCE_M2):
    """Balance every zone; refuse all of them if any differs by more than the tolerance.

    ``zones``: iterable of (key, control m2, [areas m2], [edge flags]). Returns the list of
    :class:`ZoneBalance`. Raises :class:`AreaDifferenceTooLarge` naming every zone over the
    tolerance with its difference, so that nothing is written for a layer with a real gap
    or overlap.
    """
    results = [balance_zone(key, control, areas, edge, tolerance_m2) for key, control, areas, edge in zones]
    refused = [r for r in results if r.refused]
    if refused:
        shown = "; ".join(tr("zone {zone}: control {control} m2, parcels {measured} m2, difference {diff} m2").format(
            zone=r.key, control="%.2f" % (r.control / 100), measured="%.2f" % (r.measured / 100),
            diff="%+.2f" % (r.difference / 100)) for r in refused)
        raise AreaDifferenceTooLarge(tr(
            "The parcel areas differ from the control area by more than the tolerance ({tol} m2) in {n} zones, "
            "which means a gap or an overlap, not a rounding difference; nothing was written. Fix the "
            "geometries first. {zones}").format(tol="%.2f" % tolerance_m2, n=len(refused), zones=shown), refused)
    return results
