"""Translations: one context for the whole plugin, loaded from i18n/*.qm."""

import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from ..core import i18n as core_i18n
from ..paths import i18n_dir

CONTEXT = "VillagePlanner"


def tr(text):
    return QCoreApplication.translate(CONTEXT, text)


def user_locale():
    """The QGIS UI locale ('zh_CN', 'en_US', ...)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "") or ""
    else:
        name = QLocale.system().name()
    return name or "en_US"


def qm_path(locale_name):
    for candidate in (locale_name, locale_name.split("_")[0]):
        path = os.path.join(i18n_dir(), "village_planner_{}.qm".format(candidate))
        if os.path.exists(path):
            return path
    return None


class Translation:
    """Installs the plugin's translator for a locale and removes it again."""

    def __init__(self):
        self.translator = None

    def install(self, locale_name=None):
        self.remove()
        path = qm_path(locale_name or user_locale())
        if path:
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
        core_i18n.set_translator(tr)
        return self.translator is not None

    def remove(self):
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        core_i18n.set_translator(None)
