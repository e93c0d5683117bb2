"""Translations: Qt's own for the widgets, and the core's error templates (context ``core``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


CURRENT_LANGUAGE = "en"      # what install_translators chose, e.g. "zh_CN" (the lesson notes follow it)


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Load ``resources/i18n/workbench_<lang>.qm`` (and Qt's own strings) for ``language`` or the system locale.

    Returns the translators so the caller keeps them alive (Qt does not own them).
    """
    locale = QLocale(language) if language else QLocale.system()
    global CURRENT_LANGUAGE
    CURRENT_LANGUAGE = locale.name()
    installed = []
    ours = QTranslator(app)
    if ours.load(locale, "workbench", "_", str(I18N)):
        app.installTranslator(ours)
        installed.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def translate_core(template: str, params: dict[str, Any] | None = None) -> str:
    """Translate a core message template and fill it in; string parameters are translated too
    (they are field labels like "hidden size", marked with ``tr_noop`` in the core)."""
    translated = {key: QCoreApplication.translate("core", value) if isinstance(value, str) else value
                  for key, value in (params or {}).items()}
    text = QCoreApplication.translate("core", template)
    try:
        return text.format(**translated)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
        return template.format(**(params or {}))


def translate_error(error: Exception) -> str:
    """The learner-facing sentence for any exception: core errors translated, others as they are."""
    template = getattr(error, "template", None)
    if template is None:
        return str(error)
    return translate_core(template, getattr(error, "params", {}))
