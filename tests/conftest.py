"""Shared fixtures: the sample county (generated once) and the plugin's provider."""

import os
import shutil
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
# make test-ltr tests the plugin as a user installs it: the packaged zip, unpacked in VP_PLUGIN_DIR
PLUGIN_DIR = os.environ.get("VP_PLUGIN_DIR")
if PLUGIN_DIR:
    sys.path.insert(0, PLUGIN_DIR)
    import village_planner  # imported now, from the zip: the checkout's copy is never imported after this

    assert village_planner.__file__.startswith(PLUGIN_DIR), village_planner.__file__
PROCESSING_PATH = "/usr/share/qgis/python/plugins"
if PROCESSING_PATH not in sys.path:
    sys.path.append(PROCESSING_PATH)
def pytest_configure(config):
    """On the QGIS 3.40 target, a deprecation warning raised by the plugin's own code fails its test (the
    command line's -W takes exact module names only; this filter takes the package and its modules)."""
    if os.environ.get("VP_QGIS_TARGET") == "ltr":
        config.addinivalue_line("filterwarnings", "default::DeprecationWarning")
        config.addinivalue_line("filterwarnings", "error::DeprecationWarning:village_planner")


OUTPUT_ROOT = os.environ.get("VP_TEST_OUTPUT") or os.path.join(ROOT, "test-output")  # one per concurrent run


@pytest.fixture(scope="session")
def sample_dir():
    """The default sample county with its GBK Shapefile and EPSG:4490 variants."""
    from village_planner.sample.generator import generate

    path = os.path.join(OUTPUT_ROOT, "sample")
    shutil.rmtree(path, ignore_errors=True)
    generate(path, villages=12, parcels=4800, seed=42, variants=True)
    return path


@pytest.fixture(scope="session")
def out_dir():
    os.makedirs(OUTPUT_ROOT, exist_ok=True)
    return OUTPUT_ROOT


@pytest.fixture(scope="module")
def vp_provider(qgis_processing):
    """The plugin's provider, registered the way qgis_process does (initProcessing).

    Module-scoped: removed again after each test module, so that the lifecycle test
    starts from a registry without it."""
    from qgis.core import QgsApplication

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    assert plugin.provider is not None, plugin.missing
    yield plugin.provider
    QgsApplication.processingRegistry().removeProvider(plugin.provider)


def gpkg_layer(sample_dir, name, file="county.gpkg"):
    return "%s|layername=%s" % (os.path.join(sample_dir, file), name)


@pytest.fixture(scope="session")
def postgis():
    """A real PostgreSQL/PostGIS server, started for this test run and stopped after it."""
    from tests.pgserver import PgServer

    server = PgServer().start()
    try:
        yield server
    finally:
        server.stop()
