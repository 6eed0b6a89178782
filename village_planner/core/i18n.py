"""Translation hook for the domain core.

The core has no Qt import, so it cannot call QCoreApplication.translate itself.
The QGIS side installs a translator function with :func:`set_translator`; until
then strings come back untranslated (English). Every user-visible string of the
core is written as ``tr("...")`` with a literal, so the extractor finds it.
"""

_translator = None


def set_translator(func):
    """Install ``func(text) -> text`` as the translator (None to remove it)."""
    global _translator
    _translator = func


def tr(text):
    if _translator is None:
        return text
    return _translator(text)


def current_language():
    """'zh' when the installed translator turns a known string into Chinese."""
    probe = tr("English")
    return "zh" if probe != "English" else "en"


def N_(text):  # noqa: N802
    """Mark a constant for translation; translate it later with ``tr(value)``."""
    return text
