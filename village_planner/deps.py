"""Python packages the plugin needs beside QGIS, and how to install them."""

import importlib
import importlib.util

# (import name, pip name, minimum version)
REQUIRED = (
    ("shapely", "shapely", (2, 0)),
    ("pandas", "pandas", (1, 3)),
    ("jinja2", "jinja2", (3, 0)),
    ("openpyxl", "openpyxl", (3, 0)),
)


def _version_tuple(text):
    parts = []
    for piece in str(text).split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def missing_packages():
    """[(pip name, reason)] for packages that cannot be imported or are too old."""
    missing = []
    for module, pip_name, minimum in REQUIRED:
        try:
            if importlib.util.find_spec(module) is None:
                missing.append((pip_name, "missing"))
                continue
            mod = importlib.import_module(module)
        except Exception:  # a broken install counts as missing
            missing.append((pip_name, "missing"))
            continue
        version = getattr(mod, "__version__", "0")
        if _version_tuple(version) < minimum:
            missing.append((pip_name, "old:" + str(version)))
    return missing


def install_hint(names):
    """Install commands for Windows (OSGeo4W shell) and Linux, for the given pip names."""
    joined = " ".join(names)
    return {
        "windows": "python -m pip install --upgrade {}".format(joined),
        "linux": "python3 -m pip install --user --upgrade {}".format(joined),
    }
