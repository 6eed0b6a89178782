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


_FIXED = {}


def translator_for(language):
    """A ``tr(text)`` for a fixed language ('zh' or 'en'), whatever the interface language.

    Plan maps are Chinese planning documents: their text follows the export's language
    parameter, not the user's interface.
    """
    if language != "zh":
        return lambda text: text
    translator = _FIXED.get(language)
    if translator is None:
        translator = QTranslator()
        path = qm_path("zh_CN")
        if not path or not translator.load(path):
            return tr
        _FIXED[language] = translator
    return lambda text: translator.translate(CONTEXT, text) or text
