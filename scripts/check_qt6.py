"""Fail on the forms that PyQt6 (QGIS 4) no longer accepts; `--fix` rewrites the enum ones.

    python scripts/check_qt6.py [--fix] [paths...]      # default: village_planner tests scripts

What it finds:
- Qt imported other than through ``qgis.PyQt`` (``import PyQt5``, ``from PyQt5...``);
- ``exec_()`` and ``print_()`` (PyQt6 has ``exec()`` and ``print()``);
- enum values named without their enum (``Qt.AlignLeft`` instead of ``Qt.AlignmentFlag.AlignLeft``,
  ``QgsWkbTypes.PolygonGeometry`` instead of ``QgsWkbTypes.GeometryType.PolygonGeometry``): PyQt6 only
  knows the scoped names. The enums are looked up in the installed PyQt and PyQGIS, so run it with a
  Python that imports qgis;
- ``QVariant`` outside ``qgis_adapter/compat.py``: field types and values are chosen there.
"""

import ast
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PATHS = ("village_planner", "tests", "scripts")
QT_MODULES = ("qgis.PyQt.", "qgis.core", "qgis.gui", "qgis.analysis")
ALLOWED_QVARIANT = {os.path.join("village_planner", "qgis_adapter", "compat.py")}


def python_files(paths):
    for path in paths:
        full = os.path.join(ROOT, path)
        if os.path.isfile(full):
            yield full
            continue
        for base, dirs, files in os.walk(full):
            dirs[:] = [d for d in dirs if d not in ("__pycache__", "libs")]
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(base, name)


def imported_classes(tree):
    """{local name: class object} for the Qt and QGIS classes a module imports."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(QT_MODULES):
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if isinstance(obj, type):
                    found[alias.asname or alias.name] = obj
    return found


def enum_scope(cls, member):
    """The enum's name when ``cls.member`` is an enum value named without its enum, else None."""
    value = getattr(cls, member, None)
    if value is None or isinstance(value, type) or not isinstance(value, int) or isinstance(value, bool):
        return None
    enum_type = type(value)
    if enum_type is int or enum_type.__qualname__.split(".")[0] != cls.__name__.split(".")[-1] \
            and not enum_type.__qualname__.startswith(cls.__qualname__):
        return None
    scope = enum_type.__name__
    return scope if getattr(enum_type, member, None) is not None or hasattr(cls, scope) else None


def check_file(path, fix=False):
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as fh:
        source = fh.read()
    tree = ast.parse(source, path)
    problems, edits = [], []
    classes = imported_classes(tree)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(n.split(".")[0] in ("PyQt5", "PyQt6") for n in names):
                problems.append((node.lineno, "import Qt through qgis.PyQt, not PyQt5/PyQt6"))
            if rel not in ALLOWED_QVARIANT and isinstance(node, ast.ImportFrom) and \
                    any(a.name == "QVariant" for a in node.names):
                problems.append((node.lineno, "QVariant: use qgis_adapter.compat (field types) or plain values"))
        elif isinstance(node, ast.Attribute) and node.attr in ("exec_", "print_"):
            problems.append((node.lineno, "{}() is {}() in PyQt6".format(node.attr, node.attr[:-1])))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in classes:
            scope = enum_scope(classes[node.value.id], node.attr)
            if scope and scope != node.attr:
                problems.append((node.lineno, "{0}.{1} -> {0}.{2}.{1}".format(node.value.id, node.attr, scope)))
                edits.append((node.end_lineno, node.end_col_offset, node.value.id, node.attr, scope))
    if fix and edits:
        lines = source.split("\n")
        for line_no, end_col, cls, attr, scope in sorted(edits, reverse=True):
            line = lines[line_no - 1]
            start = end_col - len(cls) - 1 - len(attr)
            assert line[start:end_col] == "{}.{}".format(cls, attr), (rel, line_no, line)
            lines[line_no - 1] = line[:start] + "{}.{}.{}".format(cls, scope, attr) + line[end_col:]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
        problems = [p for p in problems if "->" not in p[1]]
    return ["{}:{}: {}".format(rel, line, text) for line, text in problems]


def main(argv):
    fix = "--fix" in argv
    paths = [a for a in argv if not a.startswith("--")] or DEFAULT_PATHS
    found = []
    for path in python_files(paths):
        found.extend(check_file(path, fix))
    for line in found:
        print(line)
    if found:
        print("{} PyQt5-only forms (scripts/check_qt6.py --fix rewrites the enum ones)".format(len(found)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
