"""Plugin name and version, read once from metadata.txt (single source)."""

import configparser

from .paths import metadata_path


def read_metadata(path=None):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path or metadata_path(), encoding="utf-8")
    return dict(parser["general"]) if parser.has_section("general") else {}


_META = read_metadata()
NAME = _META.get("name", "Village Planner")
VERSION = _META.get("version", "0.0.0")
