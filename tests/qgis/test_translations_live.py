"""Under zh_CN every algorithm, parameter and menu entry the planner sees is in Chinese."""

import re

from qgis.core import QgsApplication

import village_planner
from village_planner.qgis_adapter.i18n import Translation

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_algorithms_and_parameters_speak_chinese(qgis_iface, qgis_processing):
    translation = Translation()
    assert translation.install("zh_CN")
    plugin = village_planner.classFactory(qgis_iface)
    try:
        plugin.initGui()
        plugin.translation.install("zh_CN")
        provider = QgsApplication.processingRegistry().providerById("villageplanner")
        untranslated = []
        for alg in provider.algorithms():
            fresh = alg.create({})
            for text in [fresh.displayName(), fresh.shortHelpString()] + [
                    p.description() for p in fresh.parameterDefinitions()] + [
                    o.description() for o in fresh.outputDefinitions()]:
                if text and not CJK.search(text):
                    untranslated.append((alg.id(), text))
        assert untranslated == []
        menu_texts = [a.text() for a in plugin.actions]
        assert all(CJK.search(t) for t in menu_texts), menu_texts
    finally:
        plugin.unload()
        translation.remove()
