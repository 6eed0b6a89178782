"""Village classification: ordered rules from a county-editable file, explained.

The first rule that matches gives the suggestion. When a rule cannot be decided
because an indicator it needs is missing, the village is "unclassified" and the
missing indicator is named. Every suggestion says which rule and which figures
led to it; the planner decides (see store.classification).
"""

from dataclasses import dataclass, field

from .codes import read_json, resource_path
from .errors import VillagePlannerError
from .i18n import current_language, tr
from .schema import check
from .values import is_missing

DEFAULT_RULES = ("rules", "classification_default.json")
CATEGORIES = ("protection", "relocation", "suburban", "agglomeration", "unclassified")
OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "designated": ""}


class RulesError(VillagePlannerError, ValueError):
    pass


@dataclass
class Suggestion:
    village_code: str
    category: str
    rule_id: str
    explanation: str
    missing: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)


class RuleSet:
    def __init__(self, data, path="", content_hash=""):
        self.data = data
        self.path = path
        self.content_hash = content_hash
        self._validate()
        self.alias_map = {}
        for key, info in data["categories"].items():
            for alias in [key, info.get("zh", ""), info.get("en", "")] + list(info.get("aliases", [])):
                if alias:
                    self.alias_map[alias.strip().lower()] = key

    @property
    def name(self):
        return self.data.get("name", "")

    @property
    def rules(self):
        return self.data["rules"]

    @property
    def standard_order(self):
        return self.data.get("standard_order", list(CATEGORIES))

    def _validate(self):
        where = self.path or tr("(rules)")
        check(self.data, "classification_rules.schema.json", RulesError, tr("Rules {path}").format(path=where))
        cats = self.data.get("categories") if isinstance(self.data, dict) else None
        if not isinstance(cats, dict) or set(cats) != set(CATEGORIES):
            raise RulesError(tr("Rules {path}: 'categories' must list exactly {keys}.").format(
                path=where, keys=", ".join(CATEGORIES)))
        rules = self.data.get("rules")
        if not isinstance(rules, list) or not rules:
            raise RulesError(tr("Rules {path} has no rules.").format(path=where))
        ids = [rule["id"] for rule in rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise RulesError(tr("Rules {path}: the rule ids {ids} are used more than once.").format(
                path=where, ids=", ".join(twice)))
        indicators = self.data.get("indicators", {})
        for rule in rules:
            if rule.get("category") not in CATEGORIES:
                raise RulesError(tr("Rules {path}: rule {rule} has an unknown category.").format(
                    path=where, rule=rule.get("id")))
            for cond in _flatten(rule.get("conditions", [])):
                if cond.get("indicator") not in indicators:
                    raise RulesError(tr("Rules {path}: rule {rule} reads an unknown indicator {ind}.").format(
                        path=where, rule=rule.get("id"), ind=cond.get("indicator")))
                if cond.get("op") not in OPS:
                    raise RulesError(tr("Rules {path}: rule {rule} has an unknown operator {op}.").format(
                        path=where, rule=rule.get("id"), op=cond.get("op")))
        if rules[-1].get("match") != "always":
            raise RulesError(tr("Rules {path}: the last rule must match always.").format(path=where))

    # -- names -------------------------------------------------------------
    def category_name(self, key, lang=None):
        lang = lang or current_language()
        info = self.data["categories"].get(key, {})
        return info.get("zh" if lang == "zh" else "en", key)

    def canonical(self, name):
        """Canonical key for a category name or provincial alias (None if unknown)."""
        if name is None:
            return None
        return self.alias_map.get(str(name).strip().lower())

    def color(self, key):
        return self.data["categories"].get(key, {}).get("color", "#999999")

    def indicator_name(self, key, lang=None):
        lang = lang or current_language()
        info = self.data["indicators"].get(key, {})
        return info.get("zh" if lang == "zh" else "en", key)

    def rule_name(self, rule, lang=None):
        lang = lang or current_language()
        return rule.get("name_zh" if lang == "zh" else "name_en", rule.get("id", ""))

    def format_value(self, key, value, lang=None):
        lang = lang or current_language()
        if value is None:
            return tr("missing")
        info = self.data["indicators"].get(key, {})
        fmt = info.get("format", "text")
        unit = info.get("unit_zh" if lang == "zh" else "unit_en", "")
        if fmt == "percent":
            return "{:.1f}%".format(value * 100)
        if fmt == "ratio":
            return "{:.2f}".format(value)
        if fmt == "int":
            return ("{:,.0f} {}".format(value, unit)).strip()
        return str(value) if value != "" else tr("none")

    # -- evaluation --------------------------------------------------------
    def designated(self, value):
        if value is None:
            return None
        none_words = {w.lower() for w in self.data.get("no_designation_values", [""])}
        return str(value).strip().lower() not in none_words

    def _test(self, cond, figures, top=False):
        """(True/False/None, [missing], text) for one condition or group."""
        if "all" in cond or "any" in cond:
            mode = "all" if "all" in cond else "any"
            parts = [self._test(c, figures) for c in cond[mode]]
            missing = [m for _, ms, _ in parts for m in ms]
            values = [v for v, _, _ in parts]
            joiner = tr(" and ") if mode == "all" else tr(" or ")
            text = joiner.join(t for _, _, t in parts)
            if not top:
                text = "(" + text + ")"
            if mode == "all":
                if any(v is False for v in values):
                    return False, missing, text
                return (None if missing else True), missing, text
            if any(v is True for v in values):
                return True, missing, text
            return (None if missing else False), missing, text
        key = cond["indicator"]
        value = figures.get(key)
        if is_missing(value):
            value = None
        name = self.indicator_name(key)
        if cond["op"] == "designated":
            hit = self.designated(value)
            text = "{} {}".format(name, self.format_value(key, value) if value not in (None, "") else tr("none"))
        else:
            threshold = cond["value"]
            shown = self.format_value(key, threshold)
            text = "{} {} {} {}".format(name, self.format_value(key, value), OPS[cond["op"]], shown)
            hit = None if value is None else _compare(value, cond["op"], threshold)
        if hit is None:
            if cond.get("if_missing") == "skip":
                return False, [], text + " " + tr("(not computed, skipped)")
            return None, [key], text
        return hit, [], text + (" ✓" if hit else " ✗")

    def evaluate(self, village_code, figures):
        """The suggestion for one village's indicators."""
        for rule in self.rules:
            if rule.get("match") == "always":
                text = "[{}] {}: {}".format(rule["id"], self.category_name(rule["category"]), self.rule_name(rule))
                return Suggestion(village_code, rule["category"], rule["id"], text, [], dict(figures))
            group = {"any" if rule.get("match", "any") == "any" else "all": rule.get("conditions", [])}
            hit, missing, text = self._test(group, figures, top=True)
            if hit is True:
                explanation = "[{}] {}: {}; {}".format(rule["id"], self.category_name(rule["category"]),
                                                       self.rule_name(rule), text)
                return Suggestion(village_code, rule["category"], rule["id"], explanation, [], dict(figures))
            if hit is None:
                names = ", ".join(self.indicator_name(m) for m in missing)
                explanation = tr("{category}: the indicator {names} that rule {rule} ({rule_name}) needs is "
                                 "missing.").format(category=self.category_name("unclassified"), names=names,
                                                    rule=rule["id"], rule_name=self.rule_name(rule))
                return Suggestion(village_code, "unclassified", rule["id"], explanation, list(missing),
                                  dict(figures))
        raise RulesError("no rule matched")  # unreachable: the last rule matches always

    def what_it_takes(self, suggestion):
        """For each other category, the conditions of its rule with the village's figures."""
        out = []
        for rule in self.rules:
            if rule["category"] == suggestion.category or rule.get("match") == "always":
                continue
            group = {"any" if rule.get("match", "any") == "any" else "all": rule.get("conditions", [])}
            _, _, text = self._test(group, suggestion.figures, top=True)
            out.append((rule["category"], rule["id"], "{} — {}".format(self.rule_name(rule), text)))
        return out


def _compare(value, op, threshold):
    value = float(value)
    return {">=": value >= threshold, "<=": value <= threshold, ">": value > threshold, "<": value < threshold,
            "==": value == threshold}[op]


def _flatten(conds):
    for cond in conds:
        if "all" in cond or "any" in cond:
            yield from _flatten(cond.get("all", cond.get("any", [])))
        else:
            yield cond


def load_rules(path=None):
    path = path or resource_path(*DEFAULT_RULES)
    data, digest = read_json(path, RulesError, tr("Rules file not found: {path}"),
                             tr("Rules {path} is not valid UTF-8 JSON: {error}"))
    return RuleSet(data, path=path, content_hash=digest)


def indicators_from_ledger(row, dev_distance_m=None):
    """The rule indicators of one ledger row (a mapping of the ledger's columns)."""

    def num(key):
        v = row.get(key)
        if v is None:
            return None
        try:
            v = float(v)
        except (TypeError, ValueError):
            return None
        return None if is_missing(v) else v

    total = num("total_ha")
    has_stats = row.get("has_stats")
    if has_stats is None:  # ledgers without the flag: statistics present when any figure is
        has_stats = any(num(k) is not None for k in ("households", "registered_pop", "resident_pop"))
    heritage = (row.get("heritage") or "") if has_stats else None

    def share(key):
        v = num(key)
        return None if v is None or not total else v / total

    return {
        "heritage": heritage,
        "hazard_points": num("hazard_points"),
        "redline_share": share("eco_redline_ha"),
        "resident_ratio": num("resident_ratio"),
        "resident_pop": num("resident_pop"),
        "dev_share": share("dev_boundary_ha"),
        "dev_distance_m": dev_distance_m,
    }


def percentile_rank(values, value):
    """Share of the county's villages (0-100) with a value at or below this one; None without data."""
    vals = [float(v) for v in values if v is not None]
    if value is None or not vals:
        return None
    return sum(1 for v in vals if v <= value) / len(vals) * 100


def county_spread(values, value):
    """Where a village's value stands in the county: {rank, median, low, high} (None where unknown)."""
    vals = sorted(float(v) for v in values if not is_missing(v))
    if not vals:
        return {"rank": None, "median": None, "low": None, "high": None}
    mid = len(vals) // 2
    median = vals[mid] if len(vals) % 2 else (vals[mid - 1] + vals[mid]) / 2
    return {"rank": percentile_rank(vals, value), "median": median, "low": vals[0], "high": vals[-1]}


def county_summary(suggestions, rules, key="category"):
    """Count and share per category beside the national reference shares."""
    counts = {c: 0 for c in rules.standard_order}
    for s in suggestions:
        cat = getattr(s, key) if hasattr(s, key) else s[key]
        counts[cat] = counts.get(cat, 0) + 1
    total = sum(counts.values()) or 1
    ref = rules.data.get("reference_shares", {})
    rows = []
    for cat in rules.standard_order:
        lo_hi = ref.get(cat)
        rows.append({"category": cat, "name": rules.category_name(cat), "count": counts.get(cat, 0),
                     "share": counts.get(cat, 0) / total * 100,
                     "reference": ("{}–{}%".format(*lo_hi) if lo_hi and lo_hi[0] != lo_hi[1] else
                                   ("≈{}%".format(lo_hi[0]) if lo_hi else ""))})
    return rows
