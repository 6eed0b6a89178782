"""Where the plugin's data lives, packaged or in a source checkout."""

import os

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _find(name):
    for base in (PACKAGE_DIR, os.path.dirname(PACKAGE_DIR)):
        path = os.path.join(base, name)
        if os.path.exists(path):
            return path
    return os.path.join(PACKAGE_DIR, name)


def resources_dir():
    return _find("resources")


def resource(*parts):
    return os.path.join(resources_dir(), *parts)


def i18n_dir():
    return _find("i18n")


def metadata_path():
    return _find("metadata.txt")


def icon_path():
    return resource("icons", "village_planner.svg")
