"""The Runs view's table: one row per run folder of the lesson, sortable by the value (not the text) of
each column, with the settings that differ between the lesson's runs as columns of their own."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from widgets.i18n import translate_core
from workbench.errors import tr_noop
from workbench.run_index import SHORT_NAMES, differing_settings, format_setting
from workbench.views import LessonView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLOURS = {"running": "#1f77b4", "finished": "#2a7d2a", "stopped": "#8a6d00", "interrupted": "#c05600",
                  "failed": "#c62828", "damaged": "#c62828"}
STATUS_NAMES = {"running": tr_noop("running"), "finished": tr_noop("finished"), "stopped": tr_noop("stopped"),
                "interrupted": tr_noop("interrupted"), "failed": tr_noop("failed"), "damaged": tr_noop("damaged")}


def metric_value_text(view: LessonView | None, key: str, value: Any) -> str:
    if not isinstance(value, (int, float)):
        return "–"
    percent = view is not None and view.metric(key).percent
    return f"{100 * value:.2f}%" if percent else f"{value:.4g}"


class RunsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.view: LessonView | None = None
        self.settings: list[str] = []
        self.headers: list[str] = []

    def set_rows(self, rows: list[dict[str, Any]], view: LessonView | None, differing: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows, self.view = rows, view
        self.settings = self._setting_columns(rows, differing)
        metric = translate_core(view.metric(view.headline).label) if view is not None else self.tr("metric")
        self.headers = ([self.tr("status"), self.tr("started"), self.tr("epochs"), metric]
                        + [translate_core(SHORT_NAMES.get(name, name)) for name in self.settings] + [self.tr("folder")])
        self.endResetModel()

    @staticmethod
    def _setting_columns(rows: list[dict[str, Any]], differing: list[str] | None = None) -> list[str]:
        """The settings that differ between ``rows`` (``differing``, when the reader thread found them)."""
        # The epochs asked for already show in the epochs column ("done / asked").
        return [name for name in (differing_settings(rows) if differing is None else differing) if name != "epochs"]

    def update_rows(self, rows: list[dict[str, Any]], differing: list[str] | None = None) -> bool:
        """Take new values for the same run folders in place (keeps selection and sort); False if the set of
        folders or the differing settings changed and a full reset is needed."""
        old_dirs, new_dirs = [row["run_dir"] for row in self.rows], [row["run_dir"] for row in rows]
        if (not old_dirs or new_dirs[:len(old_dirs)] != old_dirs
                or self._setting_columns(rows, differing) != self.settings):
            return False
        if len(rows) > len(self.rows):          # new runs (folders sort by time): insert, do not reset
            self.beginInsertRows(QModelIndex(), len(self.rows), len(rows) - 1)
            self.rows = self.rows + rows[len(self.rows):]
            self.endInsertRows()
        for number, (old, new) in enumerate(zip(self.rows, rows)):
            if old != new:
                self.rows[number] = new
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers) - 1))
        return True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if section < len(self.headers) else None
        return None

    def _value(self, row: dict[str, Any], column: int) -> tuple[str, Any]:
        """(text shown, value sorted by) of a cell."""
        if column == 0:
            return translate_core(STATUS_NAMES.get(row["status"], row["status"])), row["status"]
        if column == 1:
            return str(row.get("started", "")).replace("T", " "), str(row.get("started", ""))
        if column == 2:
            done, asked = row.get("epochs_done"), row.get("epochs")
            text = f"{format_setting(done) if done is not None else '–'} / {asked if asked is not None else '–'}"
            return text, float(done or 0)
        if column == 3:
            key = row.get("headline_metric", "")
            value = row.get("headline")
            return metric_value_text(self.view, key, value), value if isinstance(value, (int, float)) else float("inf")
        if column == len(self.headers) - 1:
            return Path(row["run_dir"]).name, Path(row["run_dir"]).name
        name = self.settings[column - 4]
        value = row.get(name)
        return format_setting(value) if value is not None else "–", value if isinstance(value, (int, float)) \
            else str(value)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._value(row, index.column())[0]
        if role == SORT_ROLE:
            return self._value(row, index.column())[1]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(STATUS_COLOURS.get(row["status"], "#222"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.get("reason") or row["run_dir"]
        return None
