"""The Runs tab: every run of the current lesson in a sortable, filterable table; the selected runs'
curves overlaid, each in its own colour, named by what differs between them; and what to do with a run
(open it, continue training it, show its folder, delete it, export the table).

Listing reads each folder's config.json and the tail of its metrics.csv (200 folders in a few tens of
ms). Whole curves can be 30,000 rows per run, so they are read in a thread of their own (a JobController)
and cached by file size and time. The table lists the lesson's runs when the lesson or the folder changes,
refreshes itself every two seconds while a run of the lesson is live, and when a job starts or ends; all
those listings happen in the reader thread too (with 300 runs in the folder, listing them in the GUI
thread at the end of every job stalled the window for ~90 ms).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QSpinBox, QSplitter, QTableView, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from widgets.elided_label import ElidedLabel
from widgets.flow_layout import FlowLayout, kept_together
from widgets.i18n import translate_core
from widgets.panels.plot_style import add_legend, legend_corner, style_plot
from widgets.runs_table import SORT_ROLE, RunsModel
from widgets.worker import Failure, JobController
from workbench.atomic import atomic_write
from workbench.run_index import SHORT_NAMES, RunLister, differing_settings, format_setting, read_curves, rows_to_csv
from workbench.views import LessonView, LossView

RUN_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
               "#7f7f7f", "#bcbd22"]
LIVE_REFRESH_MS = 2000
# Past this many overlaid runs the plots' legends are left out: they covered the whole plot (ten runs
# already filled a loss plot of the usual size), and the table beside the plots keys the colours.
MAX_LEGEND_RUNS = 6
DIFFERENCES_MAX_WIDTH = 360     # px: the table keying overlaid runs' colours to their differing settings


class WhenDone(list):
    """Callbacks waiting for something to happen; ``call()`` calls each once and forgets them (one added
    meanwhile waits for the next time)."""

    def call(self) -> None:
        waiting = list(self)
        self.clear()
        for callback in waiting:
            callback()


def read_curves_job(run_dirs: list[str], known: dict[str, tuple], listing: tuple | None = None):
    """A job for the reader thread: the curves of ``run_dirs`` not already in ``known`` (keyed by the
    metrics file's size and time), as numpy arrays; with ``listing`` = (lister, root, lesson), the rows too
    (a live refresh lists in this thread, so the GUI thread only applies what changed)."""
    def job(runner) -> dict[str, Any]:
        rows = listing[0].rows(listing[1], listing[2]) if listing is not None else None
        settings = differing_settings(rows) if rows is not None else None
        curves: dict[str, Any] = {}
        for run_dir in run_dirs:
            path = Path(run_dir) / "metrics.csv"
            try:
                stat = path.stat()
                key = (stat.st_size, stat.st_mtime_ns)
                if known.get(run_dir, (None,))[0] == key:
                    continue
                series = {name: (np.asarray(xs), np.asarray(ys)) for name, (xs, ys) in read_curves(run_dir).items()}
            except (OSError, ValueError) as error:
                series, key = {}, (None, str(error))
            curves[run_dir] = (key, series)
        return {"curves": curves, "rows": rows, "settings": settings,
                "listed": (str(listing[1]), listing[2]) if listing is not None else None}
    return job


class RunsView(QWidget):
    open_requested = Signal(str)             # a checkpoint path
    continue_requested = Signal(str, int)    # a run folder, the epochs it should reach in all
    overlays_drawn = Signal()                # the selected runs' curves are on the plots

    def __init__(self, lessons: Mapping[str, type], runs_root: str | Path) -> None:
        super().__init__()
        self.lessons, self.runs_root = lessons, Path(runs_root)
        self.lesson = ""
        self.view: LessonView | None = None
        self.cache: dict[str, tuple] = {}           # run_dir -> (file key, {name: (x, y)})
        self.lister = RunLister(lessons)
        self._drawn: tuple = ()                      # what the plots show: (run_dir, file key) per run
        self._pending = False
        self._listing_wanted = False                 # a listing is asked for and not yet shown
        self._listed_for: tuple[str, str] | None = None      # (folder, lesson) the table's rows were listed for
        self._when_listed = WhenDone()               # called once a listing is shown (when_listed)
        self._when_drawn = WhenDone()                # called once the overlays are drawn (overlay_all)
        self._newest_shown: str | None = None        # the run selected when the view opened with none
        self.reader = JobController(self, "runs-reader")
        self.reader.succeeded.connect(self._on_curves_read)
        self.reader.failed.connect(self._on_read_failed)
        self.reader.finished.connect(self._on_reader_finished)

        self.model = RunsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)         # newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        # A folder name wider than its column is cut in the middle (date … lesson), not wrapped into rows
        # twice as high.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Columns are sized once per listing, from the first rows: ResizeToContents would measure every cell
        # of 200 rows again on each live update (hundreds of ms in the GUI thread).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_open_clicked)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter runs (any column: status, a setting, a date…)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.count_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)    # it names the folder: any length
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)

        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Load the run's checkpoint into the window and evaluate it"))
        self.continue_button = QPushButton(self.tr("Continue training"))
        self.continue_button.setToolTip(self.tr("Train the run further, in its own folder, from where it stopped"))
        self.continue_epochs = QSpinBox()
        self.continue_epochs.setRange(1, 100_000)
        self.continue_epochs.setPrefix(self.tr("to "))
        self.continue_epochs.valueChanged.connect(self._on_continue_epochs_changed)
        self._on_continue_epochs_changed(self.continue_epochs.value())
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.export_button = QPushButton(self.tr("Export table as CSV…"))
        self.open_button.clicked.connect(self._on_open_clicked)
        self.continue_button.clicked.connect(self._on_continue_clicked)
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        actions = FlowLayout()
        for widget in (self.open_button, kept_together(self.continue_button, self.continue_epochs), self.folder_button,
                       self.delete_button, self.export_button):
            actions.addWidget(widget)

        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.loss_plot = style_plot(self.plots.addPlot(row=0, col=0), self.tr("Training loss"),
                                    self.tr("optimizer step"), self.tr("loss"))
        self.metric_plot = style_plot(self.plots.addPlot(row=0, col=1), "", self.tr("optimizer step"), "")
        for plot in (self.loss_plot, self.metric_plot):
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
        self.loss_legend = add_legend(self.loss_plot, (-10, 10))
        self.metric_legend = add_legend(self.metric_plot, (-10, 10))
        self.differences = QTableWidget()
        self.differences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.differences.verticalHeader().hide()
        self.differences.setMaximumWidth(DIFFERENCES_MAX_WIDTH)
        self.differences.hide()             # until overlaid runs differ in a setting (an empty white box else)
        self.hint = QLabel(self.tr("Select runs (Ctrl or Shift + click) to overlay their curves."))
        self.hint.setStyleSheet("color: #555;")
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.plots, 1)
        beside = QVBoxLayout()           # the table at the top, as tall as its rows or the plots, whichever is less
        beside.addWidget(self.differences, 1)
        beside.addStretch()
        lower_layout.addLayout(beside)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addLayout(actions)
        upper_layout.addWidget(self.hint)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([330, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_REFRESH_MS)
        self.live_timer.timeout.connect(self._on_live_tick)
        self._update_actions()

    # --- what the window tells it ----------------------------------------------------------------------
    def set_lesson(self, name: str, view: LessonView) -> None:
        self.lesson, self.view = name, view
        title = translate_core(view.metric(view.headline).label)
        self.metric_plot.setTitle(title[:1].upper() + title[1:], color="#222", size="11pt")    # "Test loss"
        loss = next((spec for spec in view.panels if isinstance(spec, LossView)), LossView())
        self.loss_plot.setLabel("left", translate_core(loss.y_label))
        self.loss_plot.setLogMode(y=loss.log_y)
        self.refresh()

    def set_root(self, runs_root: str | Path) -> None:
        self.runs_root = Path(runs_root)
        self.refresh()

    def set_live(self, live: bool) -> None:
        """A job of this window trains (or stopped training): follow the running run."""
        self._request_listing()
        if live:
            self.live_timer.start()
        else:
            self.live_timer.stop()

    @Slot()
    def refresh(self) -> None:
        """List the lesson's runs anew, in the reader thread (``when_listed`` waits for them). *Why:* at
        launch and at a lesson switch the listing ran in the GUI thread: 30-94 ms the first time with
        87-171 runs of the lesson in the folder, longer with more. Rows of another lesson or folder leave
        the table at once rather than standing there under this one's name."""
        if self._listed_for != self._listing_key:
            self._show_rows([])
            if self.lesson:
                self.count_label.setText(self.tr("Listing the runs in {folder}…").format(folder=self.runs_root))
        self._request_listing()

    def _list_now(self) -> None:
        """List in the GUI thread (after deleting runs: the table must not show them a moment longer)."""
        self._show_rows(self.lister.rows(self.runs_root, self.lesson) if self.lesson else [])
        self._listed(self._listing_key)
        self._request_curves()

    @property
    def _listing_key(self) -> tuple[str, str]:
        """What a listing is for: the folder and the lesson."""
        return str(self.runs_root), self.lesson

    @property
    def is_current(self) -> bool:
        """No listing is waiting for the reader thread: the table shows the folder as last listed."""
        return not self._listing_wanted

    def when_listed(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (in the GUI thread) once the table shows the folder as listed: now if it does,
        else when the listing on its way from the reader thread is shown (a scripted screenshot of the
        Runs view waits so, to show the run that just ended as it ended, not as it was running)."""
        if self.is_current:
            callback()
        else:
            self._when_listed.append(callback)

    def _listed(self, key: tuple[str, str]) -> None:
        self._listed_for = key
        self._listing_wanted = False
        self._when_listed.call()
        self._select_newest_if_none()       # a run that just started, while the view is open

    def _request_listing(self) -> None:
        """List the lesson's runs (and read the selected curves) in the reader thread, now or when it is free."""
        if not self.lesson:
            self._show_rows([])
            return
        self._listing_wanted = True
        if self.reader.busy or not self.reader.start(read_curves_job(
                self.selected_dirs(), dict(self.cache), (self.lister, self.runs_root, self.lesson))):
            self._pending = True

    def _show_rows(self, rows: list[dict[str, Any]], settings: list[str] | None = None) -> None:
        if not self.model.update_rows(rows, settings):
            selected = set(self.selected_dirs())
            self.model.set_rows(rows, self.view, settings)
            self.table.resizeColumnsToContents()
            self.select_dirs(selected)
        counted = self.tr("1 run in {folder}") if len(rows) == 1 else self.tr("{count} runs in {folder}")
        self.count_label.setText(counted.format(count=len(rows), folder=self.runs_root))

    @Slot()
    def _on_live_tick(self) -> None:
        # While a run trains the listing happens in the reader thread: with 200 folders it took 10-20 ms of
        # the GUI thread every tick.
        if self.isVisible() and self.lesson and not self.reader.busy:
            self._request_listing()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.when_listed(self._select_newest_if_none)

    def _select_newest_if_none(self) -> None:
        """Open with nothing selected, the view overlays the newest run (the one just trained, or training)
        instead of showing empty plots. A learner who clears the selection keeps it clear until a newer
        run appears."""
        if not self.isVisible() or self.selected_dirs() or not self.model.rows:
            return
        # (started has whole seconds; two runs in one second are told apart by their folders' "-2")
        newest = max(self.model.rows, key=lambda row: (str(row.get("started") or ""), row["run_dir"]))["run_dir"]
        if newest != self._newest_shown:
            self._newest_shown = newest
            self.select_dirs([newest])

    # --- selection and overlays ------------------------------------------------------------------------
    def selected_rows(self) -> list[dict[str, Any]]:
        indices = sorted(self.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [self.model.rows[self.proxy.mapToSource(index).row()] for index in indices]

    def selected_dirs(self) -> list[str]:
        return [row["run_dir"] for row in self.selected_rows()]

    def select_dirs(self, run_dirs) -> None:
        wanted = set(run_dirs)
        chosen = QItemSelection()          # one selection change, not one per run
        for number, row in enumerate(self.model.rows):
            if row["run_dir"] in wanted:
                index = self.proxy.mapFromSource(self.model.index(number, 0))
                chosen.select(index, index)
        model = self.table.selectionModel()
        model.select(chosen, model.SelectionFlag.ClearAndSelect | model.SelectionFlag.Rows)

    def select_all(self) -> None:
        self.table.selectAll()

    def overlay_all(self, callback: Callable[[], None]) -> None:
        """Select every listed run and call ``callback`` once all their curves are drawn (a scripted
        screenshot: the run that just trained was listed after the view had selected the others)."""
        self._when_drawn.append(callback)
        before = self.selected_dirs()
        self.select_all()
        # No new selection and no reading on its way (the view may have just asked for the newest run's
        # curves): drawn as it stands. Else the reading that ends draws them and calls back.
        if self.selected_dirs() == before and not self.reader.busy and not self._pending:
            self.draw_overlays()

    def _overlays_done(self) -> None:
        self.overlays_drawn.emit()
        self._when_drawn.call()

    @Slot()
    def _on_selection_changed(self, *_args) -> None:
        self._update_actions()
        self._request_curves()

    def _request_curves(self) -> None:
        wanted = self.selected_dirs()
        if self.reader.busy:
            self._pending = True
            return
        if not self.reader.start(read_curves_job(wanted, dict(self.cache))):
            self._pending = True

    @Slot(object)
    def _on_curves_read(self, result: dict) -> None:
        # A listing made before the lesson or the folder changed is not shown (refresh() asked for the new one).
        if result["rows"] is not None and result["listed"] == self._listing_key:
            self._show_rows(result["rows"], result["settings"])
            self._listed(result["listed"])
        self.cache.update(result["curves"])
        self.draw_overlays()

    @Slot(object)
    def _on_read_failed(self, failure: Failure) -> None:
        self.hint.setText(self.tr("Could not read the curves: {reason}")
                          .format(reason=translate_core(failure.template, failure.params)))

    @Slot()
    def _on_reader_finished(self) -> None:
        if self._pending:
            self._pending = False
            if self._listing_wanted:
                self._request_listing()
            else:
                self._request_curves()

    def legend_labels(self, rows: list[dict[str, Any]]) -> list[str]:
        """Each run named by the settings that differ between the selected runs (its time if none do)."""
        keys = differing_settings(rows)
        labels = []
        for row in rows:
            parts = [f"{translate_core(SHORT_NAMES.get(key, key))} {format_setting(row.get(key))}" for key in keys]
            labels.append(" · ".join(parts) if parts else str(row.get("started", "")).replace("T", " "))
        return labels

    def draw_overlays(self) -> None:
        rows = [row for row in self.selected_rows() if row["run_dir"] in self.cache]
        drawn = tuple((row["run_dir"], self.cache[row["run_dir"]][0], json.dumps(row, sort_keys=True, default=str))
                      for row in rows)
        if drawn == self._drawn:            # a live refresh found nothing new: 10 × 30,000 points stay as drawn
            if not self._pending:
                self._overlays_done()
            return
        self._drawn = drawn
        for plot, legend in ((self.loss_plot, self.loss_legend), (self.metric_plot, self.metric_legend)):
            plot.clear()
            legend.clear()
        key = self.view.headline if self.view is not None else "test_loss"
        scale = 100.0 if self.view is not None and self.view.metric(key).percent else 1.0
        legends = len(rows) <= MAX_LEGEND_RUNS
        for legend in (self.loss_legend, self.metric_legend):
            legend.setVisible(legends)
        labels = self.legend_labels(rows) if legends else [None] * len(rows)
        for number, (row, label) in enumerate(zip(rows, labels)):
            colour = RUN_COLOURS[number % len(RUN_COLOURS)]
            series = self.cache[row["run_dir"]][1]
            if "train_loss" in series:
                x, y = series["train_loss"]
                self.loss_plot.plot(x, y, pen=pg.mkPen(colour, width=1.2), name=label)
            if key in series:
                x, y = series[key]
                self.metric_plot.plot(x, y * scale, pen=pg.mkPen(colour, width=2), name=label,
                                      symbol="o" if len(x) <= 60 else None, symbolSize=5, symbolBrush=colour,
                                      symbolPen=None)
        for plot, legend in ((self.loss_plot, self.loss_legend), (self.metric_plot, self.metric_legend)):
            drawn = [item.getData() for item in plot.listDataItems()]
            legend.setOffset(legend_corner([data for data in drawn if data[0] is not None]))
        keyed = self._fill_differences(rows)
        if not rows:
            self.hint.setText(self.tr("Select runs (Ctrl or Shift + click) to overlay their curves."))
        elif legends:
            self.hint.setText((self.tr("1 run overlaid.") if len(rows) == 1 else self.tr("{count} runs overlaid."))
                              .format(count=len(rows)))
        elif not keyed:
            self.hint.setText(self.tr("{count} runs overlaid, all with the same settings (the plots show no "
                                      "legend past {most} runs).").format(count=len(rows), most=MAX_LEGEND_RUNS))
        else:
            self.hint.setText(self.tr("{count} runs overlaid; the plots show no legend past {most} runs: "
                                      "the table beside them keys the colours.").format(count=len(rows),
                                                                                        most=MAX_LEGEND_RUNS))
        if not self._pending:           # a newer selection is being read: these are not the final overlays
            self._overlays_done()

    def _fill_differences(self, rows: list[dict[str, Any]]) -> bool:
        """The table keying each run's colour to its differing settings; False (and hidden) if none differ."""
        keys = differing_settings(rows)
        self.differences.clear()
        self.differences.setRowCount(len(rows))
        self.differences.setColumnCount(len(keys) + 1)
        self.differences.setHorizontalHeaderLabels([""] + [translate_core(SHORT_NAMES.get(key, key)) for key in keys])
        for number, row in enumerate(rows):
            swatch = QTableWidgetItem("■")
            swatch.setForeground(pg.mkColor(RUN_COLOURS[number % len(RUN_COLOURS)]))
            self.differences.setItem(number, 0, swatch)
            for column, key in enumerate(keys, start=1):
                self.differences.setItem(number, column, QTableWidgetItem(format_setting(row.get(key))))
        self.differences.resizeColumnsToContents()
        # As wide as its columns (up to the 360 px it may take): one short column had kept 360 px from
        # the plots beside it, a white box squeezing them to ~150 px each.
        table = self.differences
        needed = (sum(table.columnWidth(column) for column in range(table.columnCount())) + 2 * table.frameWidth()
                  + table.verticalScrollBar().sizeHint().width())
        table.setFixedWidth(min(DIFFERENCES_MAX_WIDTH, needed))
        # and no taller than its rows: a white box the plots' height below two rows read as something missing
        table.setMaximumHeight(table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
                               + sum(table.rowHeight(row) for row in range(table.rowCount())))
        table.setVisible(bool(keys))
        return bool(keys)

    # --- actions -----------------------------------------------------------------------------------------
    @Slot(int)
    def _on_continue_epochs_changed(self, epochs: int) -> None:
        self.continue_epochs.setSuffix(self.tr(" epoch") if epochs == 1 else self.tr(" epochs"))    # "to 1 epoch"

    def _update_actions(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        has_checkpoint = one is not None and (Path(one["run_dir"]) / "checkpoint.pt").exists()
        idle = one is not None and one["status"] != "running"
        self.open_button.setEnabled(has_checkpoint)
        self.continue_button.setEnabled(has_checkpoint and idle and one["status"] != "damaged")
        self.continue_epochs.setEnabled(self.continue_button.isEnabled())
        self.folder_button.setEnabled(one is not None)
        self.delete_button.setEnabled(bool(rows) and all(row["status"] != "running" for row in rows))
        if one is not None:
            done, asked = float(one.get("epochs_done") or 0), int(one.get("epochs") or 1)
            self.continue_epochs.setValue(asked if done < asked else max(asked + 1, 2 * int(done)))

    @Slot()
    def _on_open_clicked(self, *_args) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and (Path(rows[0]["run_dir"]) / "checkpoint.pt").exists():
            self.open_requested.emit(str(Path(rows[0]["run_dir"]) / "checkpoint.pt"))

    @Slot()
    def _on_continue_clicked(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.continue_requested.emit(rows[0]["run_dir"], self.continue_epochs.value())

    @Slot()
    def _on_folder_clicked(self) -> None:
        for row in self.selected_rows()[:1]:
            QDesktopServices.openUrl(QUrl.fromLocalFile(row["run_dir"]))

    @Slot()
    def _on_delete_clicked(self) -> None:
        rows = [row for row in self.selected_rows() if row["status"] != "running"]
        if not rows:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete runs"),
            self.tr("Delete {count} run folder(s) with their checkpoints and metrics? This cannot be undone.\n\n{names}")
            .format(count=len(rows), names="\n".join(Path(row["run_dir"]).name for row in rows[:12])))
        if answer != QMessageBox.StandardButton.Yes:
            return
        problems = []
        for row in rows:
            try:
                shutil.rmtree(row["run_dir"])
            except OSError as error:
                problems.append(f"{Path(row['run_dir']).name}: {error.strerror or error}")
            self.cache.pop(row["run_dir"], None)
        if problems:
            QMessageBox.warning(self, self.tr("Delete runs"), self.tr("Some folders could not be deleted:\n{problems}")
                                .format(problems="\n".join(problems)))
        self._list_now()

    @Slot()
    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the runs table"),
                                              str(self.runs_root / f"{self.lesson or 'runs'}.csv"),
                                              self.tr("CSV tables (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        """Write the lesson's runs (all of them, every column) as CSV; a failure is said, nothing half-written."""
        data = rows_to_csv(self.model.rows).encode("utf-8")
        try:
            atomic_write(Path(path), lambda file: file.write(data))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export the runs table"), self.tr("Could not write {path}: {reason}")
                                .format(path=path, reason=error.strerror or error))
            return False
        self.hint.setText(self.tr("Table written to {path}").format(path=path))
        return True

    def shutdown(self) -> None:
        self.live_timer.stop()
        self.reader.shutdown()
