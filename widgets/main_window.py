"""The main window: lesson and form on the left, live panels in the middle, progress in the status bar.

It only draws and dispatches: every training or evaluation job runs in the JobController's thread,
and every worker signal arrives here through a ``@Slot``.
"""
from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QMainWindow, QProgressBar, QPushButton, QScrollArea,
                               QSizePolicy, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from widgets.i18n import translate_core, translate_error
from widgets.message_bar import MessageBar
from widgets.model_form import ModelForm
from widgets.panels.boundary_plot import BoundaryPlot
from widgets.panels.curve_plot import CurvePlot, SeriesStyle
from widgets.panels.digit_grid import DigitGrid
from widgets.panels.drawing_pad import DrawingPad
from widgets.panels.filter_grid import FilterGrid
from widgets.panels.forecast_plot import ForecastPlot
from widgets.panels.latent_explorer import LatentExplorer
from widgets.panels.reconstruction_grid import ReconstructionGrid
from widgets.panels.gate_heatmap import GateHeatmap
from widgets.panels.gradient_panel import GradientPanel
from widgets.torch_loader import load_torch
from widgets.worker import Failure, JobController
from workbench.atomic import atomic_copy
from workbench.errors import tr_noop
from workbench.spec import ModelSpec, TrainConfig
from workbench.task import ProbeSelection

COMPARED_CELLS = ("rnn", "lstm", "gru")
METRIC_NAMES = {
    "test_accuracy": tr_noop("test accuracy"), "test_loss": tr_noop("test loss"),
    "test_gru_mse": tr_noop("recurrent one-step test MSE"), "test_mlp_mse": tr_noop("MLP one-step test MSE"),
    "rollout_gru_mse": tr_noop("recurrent rollout MSE"), "rollout_mlp_mse": tr_noop("MLP rollout MSE"),
    "generation_mse": tr_noop("generation MSE"), "last_windows_mse": tr_noop("MSE over the last 20 windows"),
    "test_mse": tr_noop("test MSE"), "test_sgd": tr_noop("SGD test MSE"),
    "test_momentum": tr_noop("Momentum test MSE"), "test_rmsprop": tr_noop("RMSprop test MSE"),
    "test_adam": tr_noop("Adam test MSE"),
}


def loss_curves(task) -> tuple:
    """(key, name) of the per-step training curves a lesson draws; "loss" is the optimised loss."""
    return getattr(task, "loss_curves", (("loss", tr_noop("train (per batch)")),))


def eval_curves(task) -> tuple:
    return getattr(task, "eval_curves", (("test_loss", tr_noop("test")),))


def headline_key(task) -> str:
    return getattr(task, "headline_metric", "test_accuracy")


def metric_text(name: str, value: float) -> str:
    """e.g. "test accuracy 97.3%" or "generation MSE 0.0123", translated."""
    label = translate_core(METRIC_NAMES.get(name, name))
    if value is None or value != value:
        return f"{label} –"
    return f"{label} {100 * value:.1f}%" if name.endswith("accuracy") else f"{label} {value:.4g}"

TRAIN_BLUE = "#1f77b4"
TEST_ORANGE = "#e4572e"


@dataclass
class ScriptOptions:
    """What ``--lesson/--preset/--epochs/--autostart/--screenshot/--quit-when-done`` asked for."""

    lesson: str | None = None
    preset: str | None = None
    epochs: int | None = None
    autostart: bool = False
    screenshot: str | None = None
    quit_when_done: bool = False
    data_root: str | None = None


def format_duration(seconds: float) -> str:
    if seconds != seconds or seconds < 0:  # NaN before the first step
        return "–"
    minutes, seconds = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class MainWindow(QMainWindow):
    torch_ready = Signal()           # torch imported: Start can be enabled
    job_succeeded = Signal(object)   # the summary dict of a training run or an opened checkpoint
    job_failed = Signal(str)         # the translated message
    exit_requested = Signal(int)     # scripted mode: the process exit code

    def __init__(self, lessons: Mapping[str, type], runs_root: str | Path, script: ScriptOptions | None = None,
                 t0: float | None = None) -> None:
        super().__init__()
        self.lessons = lessons
        self.runs_root = Path(runs_root)
        self.script = script or ScriptOptions()
        self.t0 = t0
        self.startup_times: dict[str, float] = {}
        self.is_torch_ready = False
        self.job_kind = ""                       # "train" or "open" while a job runs
        self.current_checkpoint: str | None = None
        self.total_steps = 0
        self.run_epochs = 0
        self.best_accuracy: float | None = None
        self.controller = JobController(self)
        self.probe = ProbeSelection()         # which digit the inside-the-cell panels look at
        self.compare_index = 0
        self.torch_loader = JobController(self, "torch-loader")
        self.torch_loader.succeeded.connect(self._on_torch_loaded)
        self.torch_loader.failed.connect(self._on_torch_failed)
        self._torch_requested = False
        self._load_after_paint = False

        self.setWindowTitle(self.tr("RNN Workbench"))
        self.resize(1360, 860)
        self._build_side_panel()
        self._build_central()
        self._build_status_bar()
        self._build_menus()

        self.controller.run_started.connect(self._on_run_started)
        self.controller.progressed.connect(self._on_progressed)
        self.controller.snapshot_taken.connect(self._on_snapshot_taken)
        self.controller.succeeded.connect(self._on_succeeded)
        self.controller.failed.connect(self._on_failed)
        self.controller.finished.connect(self._on_job_finished)
        self.form.changed.connect(self._on_form_changed)
        self.lesson_box.currentIndexChanged.connect(self._on_lesson_chosen)
        self.preset_box.activated.connect(self._on_preset_chosen)

        self._select_lesson(self.script.lesson or next(iter(lessons)))
        self._update_buttons()
        self.installEventFilter(self)

    # --- layout ---------------------------------------------------------------------------------------
    def _build_side_panel(self) -> None:
        self.lesson_box = QComboBox()
        for name, lesson in self.lessons.items():
            self.lesson_box.addItem(translate_core(lesson.title), name)
        self.preset_box = QComboBox()
        self.form = ModelForm()
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train the network in the form (F5)"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button.setStyleSheet("font-weight: bold; padding: 6px;")
        self.start_button.clicked.connect(self.start_training)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop_training)

        chooser = QFormLayout()
        chooser.addRow(self.tr("Lesson"), self.lesson_box)
        chooser.addRow(self.tr("Preset"), self.preset_box)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        self.torch_status = QLabel(self.tr("Loading PyTorch…"))
        self.torch_status.setStyleSheet("color: #666;")

        side = QWidget()
        layout = QVBoxLayout(side)
        layout.addLayout(chooser)
        layout.addWidget(self.form)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_panel = QWidget()
        outer = QVBoxLayout(self.side_panel)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        outer.addWidget(self.torch_status)
        self.side_panel.setMinimumWidth(400)

    def _build_central(self) -> None:
        self.message_bar = MessageBar()
        self.headline = QLabel(self.tr("Build a network in the form, then press Start."))
        self.headline.setStyleSheet("font-size: 15pt; font-weight: bold; color: #222; padding: 2px 4px;")
        # Text that changes several times a second must not change size hints: a relayout repaints
        # every plot, which held the GUI thread (and the GIL) for ~200 ms at a time.
        self.headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.loss_plot = CurvePlot(self.tr("Loss"), self.tr("optimizer step"), self.tr("loss"))
        self.accuracy_plot = CurvePlot(self.tr("Test accuracy"), self.tr("optimizer step"), self.tr("accuracy (%)"),
                                       legend_offset=(-10, -10), y_limits=(0, 100))
        self.accuracy_plot.add_series("test", self.tr("test accuracy"), SeriesStyle(TEST_ORANGE, 2.0, "o"))
        self.digit_grid = DigitGrid(columns=8)
        self.grid_box = QGroupBox(self.tr("Test digits: the network's guess and its confidence "
                                          "(green right, red wrong)"))
        grid_layout = QVBoxLayout(self.grid_box)
        grid_layout.addWidget(self.digit_grid)
        self.grid_score = QLabel()
        grid_layout.addWidget(self.grid_score)

        self.forecast_plot = ForecastPlot(self.tr("The series and the forecasts"), self.tr("time step"),
                                          self.tr("value"))
        training_page = QWidget()
        panels = self.training_grid = QGridLayout(training_page)
        panels.addWidget(self.loss_plot, 0, 0)
        panels.addWidget(self.accuracy_plot, 1, 0)
        panels.addWidget(self.grid_box, 0, 1, 2, 1)
        panels.addWidget(self.forecast_plot, 1, 0, 1, 2)
        self.reconstruction_grid = ReconstructionGrid()
        self.reconstruction_grid.samples_requested.connect(self._on_samples_requested)
        panels.addWidget(self.reconstruction_grid, 1, 0, 1, 2)
        self.boundary_plot = BoundaryPlot()
        panels.addWidget(self.boundary_plot, 0, 1, 2, 1)
        self.filter_grid = FilterGrid()
        panels.addWidget(self.filter_grid, 1, 1)
        self.lesson_note = QLabel()
        self.lesson_note.setWordWrap(True)
        self.lesson_note.setStyleSheet("color: #333; padding: 2px 4px;")
        panels.setColumnStretch(0, 3)
        panels.setColumnStretch(1, 2)
        self.gate_panel = GateHeatmap()
        self.gate_panel.probe_requested.connect(self._on_probe_requested)
        self.gradient_panel = GradientPanel()
        self.gradient_panel.compare_requested.connect(self.start_comparison)
        self.tabs = QTabWidget()
        self.tabs.addTab(training_page, self.tr("Training"))
        self.tabs.addTab(self.gate_panel, self.tr("Inside the cell"))
        self.tabs.addTab(self.gradient_panel, self.tr("Gradients through time"))
        self.drawing_pad = DrawingPad(self.lessons)
        self.drawing_pad.inspect_requested.connect(self._on_drawing_inspected)
        self.tabs.addTab(self.drawing_pad, self.tr("Draw a digit"))
        self.latent_explorer = LatentExplorer(self.lessons)
        self.tabs.addTab(self.latent_explorer, self.tr("Latent space"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.headline)
        layout.addWidget(self.lesson_note)
        layout.addWidget(self.tabs, 1)

        splitter = QSplitter()
        splitter.addWidget(self.side_panel)
        splitter.addWidget(central)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 930])
        self.setCentralWidget(splitter)

    def _build_status_bar(self) -> None:
        self.device_label = QLabel(self.tr("device: –"))
        self.speed_label = QLabel(self.tr("– samples/s"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(360)
        for label, sample in ((self.device_label, "device: cuda:0"), (self.speed_label, "88,888 samples/s")):
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(sample) + 16)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("idle"))
        bar = self.statusBar()
        bar.addPermanentWidget(self.device_label)
        bar.addPermanentWidget(self.speed_label)
        bar.addPermanentWidget(self.progress)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open checkpoint…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._on_open_triggered)
        self.save_action = QAction(self.tr("&Save checkpoint as…"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self._on_save_triggered)
        data_action = QAction(self.tr("Use MNIST &folder…"), self)
        data_action.triggered.connect(self.form._on_choose_data)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.open_action, self.save_action, None, data_action, None, quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        train_menu = self.menuBar().addMenu(self.tr("&Training"))
        self.start_action = QAction(self.tr("&Start"), self)
        self.start_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.start_action.triggered.connect(self.start_training)
        self.stop_action = QAction(self.tr("S&top"), self)
        self.stop_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_action.triggered.connect(self.stop_training)
        train_menu.addAction(self.start_action)
        train_menu.addAction(self.stop_action)

    # --- start-up --------------------------------------------------------------------------------------
    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # Installed on this window only until its first paint, so that afterwards no event of the
        # window passes through Python.
        if watched is self and event.type() == QEvent.Type.Paint:
            self.startup_times["painted"] = time.time()
            self.removeEventFilter(self)
            if self._load_after_paint:
                QTimer.singleShot(0, self.load_torch)
        return False

    def load_torch_after_paint(self) -> None:
        """Import torch once the window has been painted, so the learner sees it at once; a fallback
        timer covers platforms that never paint (a minimised start)."""
        self._load_after_paint = True
        QTimer.singleShot(1000, self.load_torch)

    @Slot()
    def load_torch(self) -> None:
        """Import torch behind the painted window; ``torch_ready`` follows. Only the first call acts."""
        if self._torch_requested:
            return
        self._torch_requested = True
        self.torch_loader.start(load_torch)

    @Slot(object)
    def _on_torch_loaded(self, info: dict) -> None:
        self.startup_times["torch_ready"] = time.time()
        # torch, Qt and pyqtgraph leave ~10^6 long-lived objects; a full garbage collection walking them
        # held the GIL for ~150 ms, stalling both the GUI and training. Freeze them out of the collector.
        gc.freeze()
        self.is_torch_ready = True
        self.form.set_devices(info["devices"])
        self.torch_status.setText(self.tr("PyTorch {version} ready · {threads} CPU thread(s) for training")
                                  .format(version=info["torch"], threads=info["threads"]))
        self._update_buttons()
        self.torch_ready.emit()
        self._run_script()

    @Slot(object)
    def _on_torch_failed(self, failure: Failure) -> None:
        self.torch_status.setText(self.tr("PyTorch failed to load"))
        self.message_bar.show_message(self.tr("PyTorch could not be imported, so nothing can train: {message}")
                                      .format(message=translate_core(failure.template, failure.params)), "error")
        if self.script.quit_when_done:
            self.exit_requested.emit(1)

    def _run_script(self) -> None:
        if self.script.preset:
            self.apply_preset(self.script.preset)
        if self.script.epochs:
            self.form.set_epochs(self.script.epochs)
        if self.script.data_root:
            reason = self.form.set_data_root(self.script.data_root)
            if reason:
                self.message_bar.show_message(reason, "error")
        if self.script.autostart and not self.start_training() and self.script.quit_when_done:
            self.exit_requested.emit(1)

    # --- lessons and presets ---------------------------------------------------------------------------
    def _select_lesson(self, name: str) -> None:
        index = self.lesson_box.findData(name)
        if index < 0:
            self.message_bar.show_message(self.tr("There is no lesson called {name}.").format(name=name), "error")
            index = 0
        self.lesson_box.setCurrentIndex(index)
        self._on_lesson_chosen(index)

    @Slot(int)
    def _on_lesson_chosen(self, index: int) -> None:
        self.task = self.lessons[self.lesson_box.itemData(index)]()
        self.preset_box.clear()
        self.preset_box.addItem(self.tr("Choose a preset…"), "")
        for preset in self.task.presets().values():
            self.preset_box.addItem(translate_core(preset.title), preset.name)
        self.form.parameter_counter = getattr(self.task, "parameter_count", None)
        self.form.set_values(self.task.default_spec(), self.task.default_config())
        self._configure_panels()

    def _configure_panels(self) -> None:
        """Show the form rows, curves, panels and tabs this lesson uses."""
        task = self.task
        panels = set(task.panels)
        self.form.set_visible_fields(getattr(task, "form_fields", None))
        self.loss_plot.remove_all_series()
        self.loss_plot.plot.setLabel("left", translate_core(getattr(task, "loss_label", "cross-entropy loss")))
        colours = iter(["#1f77b4", "#2ca02c", "#9467bd", "#8c564b"])
        for key, name in loss_curves(task):
            self.loss_plot.add_series(key, translate_core(name), SeriesStyle(next(colours, TRAIN_BLUE), 1.0))
        colours = iter([TEST_ORANGE, "#d62728", "#e377c2", "#bcbd22"])
        for key, name in eval_curves(task):
            self.loss_plot.add_series(key, translate_core(name), SeriesStyle(next(colours, TEST_ORANGE), 2.0, "o"))
        self.accuracy_plot.setVisible("accuracy" in panels)
        self.grid_box.setVisible("predictions" in panels)
        self.forecast_plot.setVisible(bool(panels & {"forecast", "scope", "fit"}))
        self.boundary_plot.setVisible("boundary" in panels)
        self.filter_grid.setVisible("filters" in panels)
        self.training_grid.addWidget(self.grid_box, 0, 1, 1 if "filters" in panels else 2, 1)
        note = getattr(task, "note", "")
        self.lesson_note.setText(translate_core(note) if note else "")
        self.lesson_note.setVisible(bool(note))
        for panel in (self.boundary_plot, self.filter_grid):
            panel.clear()
        self.loss_plot.set_log_y(bool(getattr(task, "loss_log_scale", False)))
        # The loss plot takes the whole width when no digit grid sits beside it.
        beside = bool(panels & {"predictions", "boundary"})
        self.training_grid.addWidget(self.loss_plot, 0, 0, 1, 1 if beside else 2)
        if "scope" in panels:
            self.forecast_plot.plot.setTitle(self.tr("Oscilloscope: sin(t) goes in, cos(t) should come out"),
                                             color="#222", size="11pt")
            self.forecast_plot.configure(self.tr("target cos(t)"), {"prediction": self.tr("prediction")},
                                         background_name=self.tr("input sin(t)"), axis_labels=("t", self.tr("value")))
        elif "fit" in panels:
            self.forecast_plot.plot.setTitle(self.tr("The data and the network's curve"), color="#222", size="11pt")
            self.forecast_plot.configure(self.tr("data (x² + noise)"), {"fit": self.tr("network")},
                                         truth_as_points=True, axis_labels=("x", "y"))
        elif "forecast" in panels:
            self.forecast_plot.plot.setTitle(self.tr("The series and the forecasts"), color="#222", size="11pt")
            names = {"recurrent": self.tr("recurrent model, on its own"), "mlp": self.tr("MLP, on its own"),
                     "generated": self.tr("generated")}
            keys = ("generated",) if task.name == "sine-generation" else ("recurrent", "mlp")
            boundary = self.tr("primer | free running") if task.name == "sine-generation" else self.tr("train | test")
            self.forecast_plot.configure(self.tr("truth"), {key: names[key] for key in keys}, boundary_label=boundary,
                                         axis_labels=(self.tr("time step"), self.tr("value")))
        self.forecast_plot.clear()
        inside = "gates" in panels
        self.tabs.setTabVisible(self.tabs.indexOf(self.gate_panel), inside)
        self.tabs.setTabVisible(self.tabs.indexOf(self.gradient_panel), inside)
        self.tabs.setTabVisible(self.tabs.indexOf(self.drawing_pad), bool(getattr(task, "reads_digits", False)))
        self.tabs.setTabVisible(self.tabs.indexOf(self.latent_explorer), "latent" in panels)
        self.reconstruction_grid.setVisible("reconstructions" in panels)
        self.reconstruction_grid.clear()
        self.latent_explorer.clear()
        self.gate_panel.clear()
        self.gradient_panel.clear()

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        name = self.preset_box.itemData(index)
        if name:
            self.apply_preset(name)

    def apply_preset(self, name: str) -> bool:
        presets = self.task.presets()
        if name not in presets:
            self.message_bar.show_message(self.tr("The lesson has no preset called {name}; choose from {names}.")
                                          .format(name=name, names=", ".join(presets)), "error")
            return False
        _spec, current, _problems = self.form.values()
        preset = presets[name]
        # Keep the learner's data and device choices; a preset is about the network and the recipe.
        config = preset.config.replace(device=current.device, data_root=current.data_root, download=current.download)
        self.form.set_values(preset.spec, config)
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(name)))
        return True

    # --- buttons -------------------------------------------------------------------------------------
    @Slot()
    def _on_form_changed(self) -> None:
        self.drawing_pad.data_root = self.form.data_root.text()
        self.latent_explorer.data_root = self.form.data_root.text()
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.controller.busy
        _spec, _config, problems = self.form.values()
        can_start = self.is_torch_ready and not busy and not problems
        self.start_button.setEnabled(can_start)
        self.start_action.setEnabled(can_start)
        training = busy and self.job_kind in ("train", "compare")
        self.pause_button.setEnabled(training)
        self.stop_button.setEnabled(training)
        self.stop_action.setEnabled(training)
        self.form.setEnabled(not busy)
        self.lesson_box.setEnabled(not busy)
        self.preset_box.setEnabled(not busy)
        self.open_action.setEnabled(self.is_torch_ready and not busy)
        self.gradient_panel.compare_button.setEnabled(self.is_torch_ready and not busy)
        self.save_action.setEnabled(self.current_checkpoint is not None and not busy)
        self.pause_button.setText(self.tr("Resume") if self.controller.paused else self.tr("Pause"))

    @Slot()
    def start_training(self) -> bool:
        """Start training what the form describes; False (with the reason shown) if it cannot start."""
        from workbench.session import train_lesson

        def job(make_task, spec, config, runs_root):
            return lambda worker: train_lesson(make_task(), spec, config, runs_root, worker.control,
                                               worker.listeners())
        if not self._start_training_job("train", job):
            return False
        self.headline.setText(self.tr("Starting…"))
        self.progress.setFormat(self.tr("starting…"))
        return True

    @Slot()
    def start_comparison(self) -> bool:
        """Train RNN, LSTM and GRU in turn with the form's settings; the gradient panel overlays them."""
        from workbench.session import compare_cells

        def job(make_task, spec, config, runs_root):
            return lambda worker: compare_cells(make_task, spec, config, runs_root, worker.control,
                                                worker.listeners(), COMPARED_CELLS)
        if not self._start_training_job("compare", job):
            return False
        self.compare_index = 0
        self.tabs.setCurrentWidget(self.gradient_panel)
        return True

    def _start_training_job(self, kind: str, make_job) -> bool:
        """Check the form, reset the panels and run ``make_job(make_task, spec, config, runs_root)``."""
        if not self.is_torch_ready or self.controller.busy:
            self.message_bar.show_message(self.tr("Wait for the current job to finish first."), "error")
            return False
        spec, config, problems = self.form.values()
        if problems:
            self.message_bar.show_message(self.tr("Fix the form first: {problem}")
                                          .format(problem=translate_error(problems[0])), "error")
            return False
        self._clear_panels()
        self.gradient_panel.clear()
        self.gradient_panel.set_clip_threshold(config.clip_norm)
        self.message_bar.dismiss()
        self.job_kind = kind
        self.controller.start(make_job(self._task_factory(), spec, config, self.runs_root))
        self._update_buttons()
        return True

    def _task_factory(self):
        """A function that makes a fresh lesson object sharing this window's probe selection."""
        task_class, probe = type(self.task), self.probe

        def make_task():
            task = task_class()
            task.probe = probe
            return task
        return make_task

    @Slot(object)
    def _on_samples_requested(self, samples: list) -> None:
        self.probe.samples = samples
        if not self.controller.busy and self.current_checkpoint:
            self.inspect_current_model()

    @Slot(object)
    def _on_drawing_inspected(self, digit) -> None:
        """Show the gates and gradients for the learner's own drawing."""
        self.probe.image = digit
        self.tabs.setCurrentWidget(self.gate_panel)
        if not self.controller.busy and self.current_checkpoint:
            self.inspect_current_model()    # while training, the next snapshot picks it up

    @Slot(int)
    def _on_probe_requested(self, step: int) -> None:
        self.probe.index = max(0, self.probe.index + step)
        self.probe.image = None
        if not self.controller.busy and self.current_checkpoint:
            self.inspect_current_model()

    def inspect_current_model(self) -> bool:
        """Recompute the inside-the-cell panels from the current checkpoint (no training running)."""
        if not self.is_torch_ready or self.controller.busy or not self.current_checkpoint:
            return False
        from workbench.session import inspect_checkpoint
        spec, config, problems = self.form.values()
        path, lessons, probe, task_name = self.current_checkpoint, self.lessons, self.probe, self.task.name
        bare_spec = None if problems else spec

        def job(worker) -> dict:
            return inspect_checkpoint(path, lessons, probe, config.data_root, task_name, bare_spec)

        self.job_kind = "inspect"
        self.controller.start(job)
        self._update_buttons()
        return True

    @Slot()
    def toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
            self.progress.setFormat(self.tr("resuming…"))
        else:
            self.controller.pause()
            self.progress.setFormat(self.tr("paused"))
        self._update_buttons()

    @Slot()
    def stop_training(self) -> None:
        if self.controller.busy and self.job_kind in ("train", "compare"):
            self.controller.request_stop()
            self.progress.setFormat(self.tr("stopping after this batch…"))

    def _clear_panels(self) -> None:
        self.loss_plot.clear()
        self.accuracy_plot.clear()
        self.digit_grid.clear()
        self.grid_score.clear()
        self.best_accuracy = None

    # --- worker signals ------------------------------------------------------------------------------
    @Slot(object)
    def _on_run_started(self, event) -> None:
        if self.job_kind == "compare":
            self._clear_panels()
            self.compare_index += 1
        self.total_steps = event.total_steps
        self.run_epochs = event.epochs
        self.progress.setRange(0, max(1, event.total_steps))
        self.loss_plot.set_x_extent(event.total_steps)
        self.accuracy_plot.set_x_extent(event.total_steps)
        self.progress.setValue(0)
        self.device_label.setText(self.tr("device: {device}").format(device=event.device))
        if self.job_kind == "compare":
            cell = COMPARED_CELLS[min(self.compare_index, len(COMPARED_CELLS)) - 1]
            self.headline.setText(self.tr("Comparing cells: training the {cell} ({index} of {count})").format(
                cell=cell.upper(), index=self.compare_index, count=len(COMPARED_CELLS)))
        else:
            self.headline.setText(self.tr("Training {parameters:,} parameters on {data}")
                                  .format(parameters=event.parameter_count, data=event.data_description))

    @Slot(object)
    def _on_progressed(self, progress) -> None:
        if len(progress.steps):
            for key, _name in loss_curves(self.task):
                values = progress.losses if key == "loss" else progress.logs.get(key)
                if values is not None:
                    self.loss_plot.append(key, progress.steps, values)
            if self.job_kind != "compare":
                self.gradient_panel.append_gradient_norms(progress.steps, progress.grad_norms)
        for evaluation in progress.evaluations:
            self._show_evaluation(evaluation)
        latest = progress.latest
        if latest is not None:
            self.progress.setValue(latest.step)
            self.speed_label.setText(self.tr("{speed:,.0f} samples/s").format(speed=latest.samples_per_s))
            if not self.controller.paused:
                self.progress.setFormat(self.tr("epoch {epoch}/{epochs} · {percent}% · ETA {eta}").format(
                    epoch=latest.epoch, epochs=self.run_epochs,
                    percent=round(100 * latest.step / max(1, latest.total_steps)), eta=format_duration(latest.eta_s)))

    def _show_evaluation(self, evaluation) -> None:
        metrics = evaluation.metrics
        for key, _name in eval_curves(self.task):
            if key in metrics:
                self.loss_plot.append(key, [evaluation.step], [metrics[key]])
        if "test_accuracy" in metrics:
            percent = 100 * metrics["test_accuracy"]
            self.accuracy_plot.append("test", [evaluation.step], [percent])
            self.best_accuracy = max(self.best_accuracy or 0.0, percent)
            self.headline.setText(self.tr("Test accuracy {accuracy:.1f}% (best {best:.1f}%) after {step} steps")
                                  .format(accuracy=percent, best=self.best_accuracy, step=evaluation.step))
        elif headline_key(self.task) in metrics:
            self.headline.setText(self.tr("{metric} after {step} steps").format(
                metric=metric_text(headline_key(self.task), metrics[headline_key(self.task)]), step=evaluation.step))

    @Slot(object)
    def _on_snapshot_taken(self, snapshot) -> None:
        self._show_snapshot(snapshot.arrays)

    def _show_snapshot(self, arrays: dict) -> None:
        if "forecast" in arrays:
            self.forecast_plot.show_forecast(arrays["forecast"])
        if "boundary" in arrays:
            self.boundary_plot.update_boundary(arrays["boundary"])
        if "filters" in arrays:
            self.filter_grid.update_filters(arrays["filters"])
        if "scope" in arrays:
            self.forecast_plot.show_scope(arrays["scope"])
        if "model" in arrays and "compare_cell" not in arrays:
            lesson = self.lessons.get(arrays["model"]["task"])
            if getattr(lesson, "reads_digits", False):
                self.drawing_pad.offer_weights(arrays["model"])
            if getattr(lesson, "decodes_latents", False):
                self.latent_explorer.offer_weights(arrays["model"])
        if "reconstructions" in arrays:
            self.reconstruction_grid.update_reconstructions(arrays["reconstructions"])
        if "latent" in arrays:
            self.latent_explorer.update_latent(arrays["latent"])
        if "gates" in arrays and "compare_cell" not in arrays:
            self.gate_panel.update_snapshot(arrays)
        self.gradient_panel.update_snapshot(arrays)
        if "grid_images" in arrays:
            self.digit_grid.update_predictions(arrays["grid_images"], arrays["grid_labels"],
                                               arrays["grid_predictions"], arrays.get("grid_confidence"))
            self.grid_score.setText(self.tr("{right} of {total} shown digits right").format(
                right=self.digit_grid.correct_count, total=len(arrays["grid_labels"])))

    @Slot(object)
    def _on_succeeded(self, summary: dict) -> None:
        if self.job_kind == "inspect":
            self._show_snapshot(summary)
            return
        self.current_checkpoint = summary.get("checkpoint")
        if self.job_kind == "open":
            self._show_opened(summary)
        elif self.job_kind == "compare":
            results = summary.get("compare", {})
            key = headline_key(self.task)
            self.headline.setText(self.tr("Compared: {results}").format(results=", ".join(
                f"{cell.upper()}: {metric_text(key, result.get(key, float('nan')))}"
                for cell, result in results.items())))
            self.message_bar.show_message(self.tr("Same data, seed and recipe for each cell; their gradients "
                                                  "through time are overlaid in the Gradients tab."), "success")
            self.progress.setFormat(self.tr("done"))
        else:
            stopped = summary.get("stopped")
            text = self.tr("Stopped: {metric}") if stopped else self.tr("Finished: {metric}")
            key = headline_key(self.task)
            self.headline.setText(text.format(metric=metric_text(key, summary.get(key, float("nan")))))
            self.message_bar.show_message(self.tr("{seconds:.1f} s, {speed:,.0f} samples/s. Run saved in {run_dir} "
                                                  "(Ctrl+S saves the checkpoint elsewhere).").format(
                seconds=summary["seconds"], speed=summary["samples_per_s"], run_dir=summary["run_dir"]), "success")
            self.progress.setFormat(self.tr("done") if not stopped else self.tr("stopped"))
        self.job_succeeded.emit(summary)

    def _show_opened(self, summary: dict) -> None:
        self._select_lesson(summary["task"])
        _spec, current, _problems = self.form.values()
        config = TrainConfig.from_dict(summary["config"]).replace(data_root=current.data_root,
                                                                  download=current.download, device=current.device)
        self.form.set_values(ModelSpec.from_dict(summary["spec"]), config)
        key = headline_key(self.task)
        self.headline.setText(self.tr("Opened checkpoint: {metric}").format(
            metric=metric_text(key, summary.get(key, float("nan")))))
        message = self.tr("{path} evaluated on {data}: {metrics}.").format(
            path=summary["checkpoint"], data=summary["data"], metrics=", ".join(
                metric_text(name, summary[name]) for name in self.task.metric_names if name in summary))
        if summary.get("integrity") == "unverified":
            message += " " + self.tr("It was saved by an older version, without checksums, so damage to it "
                                     "cannot be detected; save it again to add them.")
        self.message_bar.show_message(message, "success")
        self.progress.setFormat(self.tr("checkpoint evaluated"))

    @Slot(object)
    def _on_failed(self, failure: Failure) -> None:
        message = translate_core(failure.template, failure.params)
        if self.job_kind in ("open", "inspect"):
            message = self.tr("Could not open the checkpoint: {reason}").format(reason=message)
            self.headline.setText(self.tr("Nothing changed: the previous network is still here."))
        else:
            message = self.tr("Training failed: {reason}").format(reason=message)
            self.headline.setText(self.tr("Training failed"))
        self.message_bar.show_message(message, "error")
        self.progress.setFormat(self.tr("failed"))
        self.job_failed.emit(message)

    @Slot()
    def _on_job_finished(self) -> None:
        failed = self.message_bar.kind == "error"
        self.job_kind = ""
        self._update_buttons()
        if self.script.screenshot:
            self.save_screenshot(self.script.screenshot)
        if self.script.quit_when_done:
            self.exit_requested.emit(1 if failed else 0)

    # --- files ---------------------------------------------------------------------------------------
    @Slot()
    def _on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open checkpoint"), str(self.runs_root),
                                              self.tr("PyTorch checkpoints (*.pt *.pth *.ckpt);;All files (*)"))
        if path:
            self.open_checkpoint(path)

    def open_checkpoint(self, path: str) -> bool:
        """Evaluate the checkpoint at ``path`` in the worker; the form and panels follow on success."""
        if not self.is_torch_ready or self.controller.busy:
            self.message_bar.show_message(self.tr("Wait for the current job to finish before opening a checkpoint."),
                                          "error")
            return False
        from workbench.session import evaluate_checkpoint
        spec, config, problems = self.form.values()
        lessons, task_name, probe = self.lessons, self.task.name, self.probe
        bare_spec = None if problems else spec

        def job(worker) -> dict:
            listeners = worker.listeners()
            return evaluate_checkpoint(path, lessons, data_root=config.data_root, device="cpu",
                                       bare_task=task_name, bare_spec=bare_spec, probe=probe,
                                       on_snapshot=listeners["on_snapshot"][0], on_eval=listeners["on_eval"][0])

        self.message_bar.dismiss()
        self.job_kind = "open"
        self.progress.setFormat(self.tr("evaluating {name}…").format(name=Path(path).name))
        self.controller.start(job)
        self._update_buttons()
        return True

    @Slot()
    def _on_save_triggered(self) -> None:
        if self.current_checkpoint is None:
            self.message_bar.show_message(self.tr("Nothing to save yet: train a network or open a checkpoint."),
                                          "error")
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save checkpoint"), str(Path.home() / "model.pt"),
                                              self.tr("PyTorch checkpoints (*.pt)"))
        if path:
            self.save_checkpoint_to(path)

    def save_checkpoint_to(self, path: str) -> bool:
        """Copy the current model's checkpoint to ``path`` atomically; any old file there survives a failure."""
        if self.current_checkpoint is None:
            return False
        try:
            atomic_copy(self.current_checkpoint, path)
        except OSError as error:
            self.message_bar.show_message(self.tr("Could not save to {path}: {reason}")
                                          .format(path=path, reason=error.strerror or error), "error")
            return False
        self.message_bar.show_message(self.tr("Saved {path}").format(path=path), "success")
        return True

    def save_screenshot(self, path: str) -> bool:
        ok = self.grab().save(path)
        if not ok:
            print(f"rnn-workbench: could not write the screenshot {path}", flush=True)
        return ok

    # --- closing -------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.controller.shutdown()
        self.drawing_pad.shutdown()
        self.latent_explorer.shutdown()
        self.torch_loader.shutdown()
        super().closeEvent(event)

