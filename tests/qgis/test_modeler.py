"""The ledger runs inside a graphical model like any native algorithm."""

import os

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)

from tests.conftest import gpkg_layer


def test_model_with_the_ledger_and_a_native_step(sample_dir, tmp_path, vp_provider):
    model = QgsProcessingModelAlgorithm("ledger model", "village planner")
    model.addModelParameter(QgsProcessingParameterVectorLayer("parcels", "parcels"),
                            QgsProcessingModelParameter("parcels"))
    ledger = QgsProcessingModelChildAlgorithm("villageplanner:resourceledger")
    ledger.setChildId("ledger")
    ledger.addParameterSources("PARCELS", [QgsProcessingModelChildParameterSource.fromModelParameter("parcels")])
    ledger.addParameterSources("VILLAGES", [QgsProcessingModelChildParameterSource.fromStaticValue(
        gpkg_layer(sample_dir, "CJDCQ"))])
    model.addChildAlgorithm(ledger)
    extract = QgsProcessingModelChildAlgorithm("native:extractbyexpression")
    extract.setChildId("extract")
    extract.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("ledger", "OUTPUT")])
    extract.addParameterSources("EXPRESSION", [QgsProcessingModelChildParameterSource.fromStaticValue(
        "\"cultivated_ha\" > 100")])
    out = QgsProcessingModelOutput("big", "big farming villages")
    out.setChildOutputName("OUTPUT")
    extract.setModelOutputs({"big": out})
    model.addChildAlgorithm(extract)
    context = QgsProcessingContext()
    dest = str(tmp_path / "big.gpkg")
    results, ok = model.run({"parcels": gpkg_layer(sample_dir, "DLTB"), "extract:big": dest}, context,
                            QgsProcessingFeedback())
    assert ok
    # QGIS 3.22 returns a model output as results["child:output"]; QGIS 3.40 returns the children's
    # results under CHILD_RESULTS instead
    path = results["extract:big"] if "extract:big" in results else results["CHILD_RESULTS"]["extract"]["OUTPUT"]
    layer = QgsVectorLayer(path, "big", "ogr")
    assert layer.isValid()
    values = [f["cultivated_ha"] for f in layer.getFeatures()]
    assert values and all(v > 100 for v in values)
    assert len(values) < 13
    assert os.path.exists(dest)
