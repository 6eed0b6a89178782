"""Translation sources: extract tr()/N_() strings, update the .ts, check it.

    python scripts/i18n.py update           # add new strings (unfinished), drop vanished ones
    python scripts/i18n.py check            # non-zero when a string is untranslated or missing
    python scripts/i18n.py fill FILE.json   # set translations from {source: translation}

All strings share one context, "VillagePlanner" (see qgis_adapter/i18n.py).
"""

import ast
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTEXT = "VillagePlanner"
TS_FILES = sorted(glob.glob(os.path.join(ROOT, "i18n", "*.ts"))) or [
    os.path.join(ROOT, "i18n", "village_planner_zh_CN.ts")]
MARKERS = {"tr", "N_", "translate"}
TEMPLATE_RE = re.compile(r"""tr\(\s*"((?:[^"\\]|\\.)*)"\s*\)""")


def _call_name(node):
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def scan_python(path):
    """([(text, line)], [(line, problem)]) for one Python file."""
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), path)
    found, problems = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _call_name(node) not in MARKERS or not node.args:
            continue
        name = _call_name(node)
        arg = node.args[1] if name == "translate" and len(node.args) > 1 else node.args[0]
        if isinstance(arg, ast.JoinedStr):
            problems.append((node.lineno, "f-string given to %s()" % name))
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((arg.value, node.lineno))
        elif isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
            problems.append((node.lineno, "%%-formatted string given to %s()" % name))
    return found, problems


def extract():
    """{text: [location]} over the package and the report templates, plus problems."""
    messages, problems = {}, []
    for path in sorted(glob.glob(os.path.join(ROOT, "village_planner", "**", "*.py"), recursive=True)):
        rel = os.path.relpath(path, ROOT)
        found, probs = scan_python(path)
        for text, line in found:
            messages.setdefault(text, []).append((rel, line))
        problems += ["%s:%d: %s" % (rel, line, p) for line, p in probs]
    for path in sorted(glob.glob(os.path.join(ROOT, "resources", "templates", "*.j2"))):
        rel = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                for m in TEMPLATE_RE.finditer(line):
                    messages.setdefault(m.group(1), []).append((rel, lineno))
    return messages, problems


def read_ts(path):
    """{source: (translation, finished)} of a .ts file."""
    if not os.path.exists(path):
        return {}
    out = {}
    for msg in ET.parse(path).getroot().iter("message"):
        source = msg.findtext("source") or ""
        trans = msg.find("translation")
        text = (trans.text or "") if trans is not None else ""
        finished = trans is not None and trans.get("type") not in ("unfinished", "obsolete", "vanished")
        out[source] = (text, finished and bool(text))
    return out


def write_ts(path, language, messages, translations):
    root = ET.Element("TS", version="2.1", language=language)
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for source in sorted(messages):
        msg = ET.SubElement(ctx, "message")
        for rel in sorted({r for r, _ in messages[source]})[:3]:
            ET.SubElement(msg, "location", filename="../" + rel)
        ET.SubElement(msg, "source").text = source
        text, finished = translations.get(source, ("", False))
        trans = ET.SubElement(msg, "translation")
        trans.text = text
        if not finished:
            trans.set("type", "unfinished")
    ET.indent(root)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        fh.write(ET.tostring(root, encoding="unicode"))
        fh.write("\n")


def language_of(path):
    return os.path.basename(path)[len("village_planner_"):-3]


def update():
    messages, problems = extract()
    for path in TS_FILES:
        write_ts(path, language_of(path), messages, read_ts(path))
    return messages, problems


def check():
    """A list of problems: bad tr() calls, strings missing or unfinished in a .ts."""
    messages, problems = extract()
    for path in TS_FILES:
        have = read_ts(path)
        for source in sorted(messages):
            if source not in have:
                problems.append("%s: missing: %r" % (os.path.basename(path), source))
            elif not have[source][1]:
                problems.append("%s: unfinished: %r" % (os.path.basename(path), source))
    return problems


def fill(json_path):
    with open(json_path, encoding="utf-8") as fh:
        mapping = json.load(fh)
    messages, _ = extract()
    for path in TS_FILES:
        have = read_ts(path)
        for source, text in mapping.items():
            if text:
                have[source] = (text, True)
        write_ts(path, language_of(path), messages, have)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "check"
    if cmd == "update":
        messages, problems = update()
        print("%d strings" % len(messages))
    elif cmd == "fill":
        fill(argv[2])
        problems = check()
    else:
        problems = check()
    for p in problems:
        print(p)
    return 1 if problems and cmd != "update" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
