"""The main window, a frame: lesson and form on the left, the lesson's panels and the Runs view in tabs.

It knows no lesson and no panel by name: a lesson's ``view`` names its form fields, metrics and panels
(workbench/views.py); LessonPanels builds them and routes snapshot parts to them. Jobs run in the
JobController's thread; reports arrive through ``@Slot``s. The window is the panels' PanelContext.
"""
from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Mapping

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from widgets.checkpoint_files import CheckpointFiles
from widgets.headline import Headline, HeadlineRow
from widgets.i18n import translate_core, translate_error
from widgets.jobs import comparison_job, inspection_job, experiment_job, resume_job, task_factory, training_job
from widgets.lesson_panels import LessonPanels
from widgets.notes_pane import NotesPane
from widgets.panels.base import TRAINING_JOBS
from widgets.message_bar import MessageBar
from widgets.run_status import RunStatus
from widgets.runs_view import RunsView
from widgets.side_panel import SidePanel
from widgets.script import ScriptOptions, run_script
from widgets.torch_loader import TorchStartup
from widgets.update_budget import UpdateBudget
from widgets.window_menus import WindowMenus
from widgets.window_settings import (DEFAULT_CONTENT_SPLIT, DEFAULT_SPLIT, WindowSettings, default_size,
                                     screen_area)
from widgets.worker import Failure, JobController
from workbench.runs import read_run_settings
from workbench.spec import TrainConfig
from workbench.task import ProbeSelection
from workbench.views import GradientsView, LessonView


class MainWindow(QMainWindow):
    torch_ready = Signal()           # torch imported: Start can be enabled
    job_succeeded = Signal(object)   # the summary dict of a training run or an opened checkpoint
    job_failed = Signal(str)         # the translated message
    exit_requested = Signal(int)     # scripted mode: the process exit code

    def __init__(self, lessons: Mapping[str, type], runs_root: str | Path, script: ScriptOptions | None = None,
                 settings: WindowSettings | None = None) -> None:
        """``settings``: remember the lesson, form, layout and folders between launches (None: forget)."""
        super().__init__()
        self.lessons = lessons
        self.runs_root = Path(runs_root)
        self.settings = settings
        self.script = script or ScriptOptions()
        self.startup_times: dict[str, float] = {}
        self.is_torch_ready = False
        self.job_kind = ""                       # "train", "compare", "open" or "inspect" while a job runs
        self.current_checkpoint: str | None = None
        self.probe = ProbeSelection()            # which input the inside-the-cell panels look at
        self._opened_updates: list = []          # an opened checkpoint's reports, shown once its lesson is
        self.compare_index = 0                   # which cell of a comparison is training
        self.compare_cells: tuple[str, ...] = ()
        self.experiment = None                   # the guided experiment running, if any
        self.controller = JobController(self)
        self.update_budget = UpdateBudget(self.controller)      # how often the job reports: what the GUI affords
        self.torch_startup = TorchStartup(self)
        self.torch_startup.controller.succeeded.connect(self._on_torch_loaded)
        self.torch_startup.controller.failed.connect(self._on_torch_failed)

        self.setWindowTitle(self.tr("RNN Workbench"))
        self.resize(*default_size(screen_area()))
        self.side_panel = SidePanel(lessons)
        side = self.side_panel
        self.lesson_box, self.preset_box, self.form, self.torch_status = (side.lesson_box, side.preset_box,
                                                                          side.form, side.torch_status)
        self.start_button, self.pause_button, self.stop_button = side.start_button, side.pause_button, side.stop_button
        self.start_button.clicked.connect(self.start_training)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop_training)
        self._build_central()
        self.status = RunStatus(self.statusBar())
        self.files = CheckpointFiles(self)
        self.menus = WindowMenus(self)
        self.open_action, self.save_action = self.menus.open_action, self.menus.save_action
        self.start_action, self.stop_action = self.menus.start_action, self.menus.stop_action

        self.controller.run_started.connect(self._on_run_started)
        self.controller.progressed.connect(self._on_progressed)
        self.controller.snapshot_taken.connect(self._on_snapshot_taken)
        self.controller.succeeded.connect(self._on_succeeded)
        self.controller.failed.connect(self._on_failed)
        self.controller.finished.connect(self._on_job_finished)
        self.form.changed.connect(self._update_buttons)
        self.lesson_box.currentIndexChanged.connect(self._on_lesson_chosen)
        self.side_panel.preset_chosen.connect(self.apply_preset)

        self.notes.run_requested.connect(self.start_experiment)
        self.notes.panel_requested.connect(self.panels.show_panel_named)
        self.runs_view.open_requested.connect(self.open_checkpoint)
        self.runs_view.continue_requested.connect(self.continue_run)
        saved_lesson = settings.text("lesson") if settings is not None else ""
        self._select_lesson(self.script.lesson or (saved_lesson if saved_lesson in lessons else next(iter(lessons))))
        if settings is not None:
            settings.restore_layout(self)
            self._say_settings_problems()

    # --- layout ---------------------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.message_bar = MessageBar()
        self.headline = Headline(self.tr("Build a network in the form, then press Start."))
        self.lesson_note = QLabel()
        self.lesson_note.setWordWrap(True)
        self.lesson_note.setStyleSheet("color: #333; padding: 2px 4px;")
        self.tabs = QTabWidget()
        self.runs_view = RunsView(self.lessons, self.runs_root)
        self.panels = LessonPanels(self.tabs, self, common=((self.tr("Runs"), self.runs_view),))
        central = QWidget()
        layout = QVBoxLayout(central)
        for widget in (self.message_bar, HeadlineRow(self.headline), self.lesson_note):
            layout.addWidget(widget)
        self.notes = NotesPane()
        self.content = QSplitter()        # the plots, and the notes beside them (View → Notes hides them)
        self.content.addWidget(self.tabs)
        self.content.addWidget(self.notes)
        self.content.setStretchFactor(0, 1)
        self.content.setSizes(list(DEFAULT_CONTENT_SPLIT))
        layout.addWidget(self.content, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.side_panel)
        self.splitter.addWidget(central)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(list(DEFAULT_SPLIT))
        self.setCentralWidget(self.splitter)

    # --- start-up --------------------------------------------------------------------------------------
    def load_torch_after_paint(self) -> None:
        self.torch_startup.load_after_paint()

    @Slot()
    def load_torch(self) -> None:
        """Import torch behind the painted window; ``torch_ready`` follows. Only the first call acts."""
        self.torch_startup.load()

    @Slot(object)
    def _on_torch_loaded(self, info: dict) -> None:
        self.startup_times["torch_ready"] = time.time()
        self.is_torch_ready = True
        self.form.set_devices(info["devices"])
        self.torch_status.setText(self.tr("PyTorch {version} ready · {threads} CPU thread(s) for training")
                                  .format(version=info["torch"], threads=info["threads"]))
        self._update_buttons()
        self.torch_ready.emit()
        run_script(self, self.script)

    @Slot(object)
    def _on_torch_failed(self, failure: Failure) -> None:
        self.torch_status.setText(self.tr("PyTorch failed to load"))
        self.message_bar.show_message(self.tr("PyTorch could not be imported, so nothing can train: {message}")
                                      .format(message=translate_core(failure.template, failure.params)), "error")
        if self.script.quit_when_done:
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
        self._remember_form()
        self.task = self.lessons[self.lesson_box.itemData(index)]()
        self.task.probe = self.probe
        self.side_panel.show_presets(self.task)
        view = self.task.view
        self.page = self.panels.show_lesson(self.task.name, view)
        self.form.parameter_counter = self.task.parameter_count
        self.form.set_visible_fields(view.form_fields)
        saved = self.settings.form_values(self.task.name) if self.settings is not None else None
        self.form.set_values(*(saved or (self.task.default_spec(), self.task.default_config())))
        self._say_settings_problems()
        self.runs_view.set_lesson(self.task.name, view)
        self.notes.set_lesson(self.task)
        self.headline.set_view(view)
        self.lesson_note.setText(translate_core(view.note) if view.note else "")
        self.lesson_note.setVisible(bool(view.note))
        self._update_buttons()

    def apply_preset(self, name: str) -> bool:
        problem = self.side_panel.apply_preset(self.task, name)
        if problem:
            self.message_bar.show_message(problem, "error")
        return not problem

    # --- what panels may ask of the window (PanelContext) ----------------------------------------------
    @property
    def view(self) -> LessonView:
        return self.task.view

    def data_root(self) -> str:
        return self.form.data_root.text()

    def show_panel(self, spec_type: type) -> None:
        self.panels.show_panel(spec_type)

    def inspect_again(self) -> None:
        """Recompute the probe's parts from the current checkpoint now; while training, the next snapshot will."""
        if not self.is_torch_ready or self.controller.busy or not self.current_checkpoint:
            return
        spec, config, problems = self.form.values()
        self._start_job("inspect", inspection_job(self.current_checkpoint, self.lessons, self.probe,
                                                  config.data_root, self.task.name, None if problems else spec))

    # --- jobs ------------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        busy = self.controller.busy
        problems = self.form.values()[2]
        can_start = self.is_torch_ready and not busy and not problems
        training = busy and self.job_kind in TRAINING_JOBS
        for widget, enabled in ((self.start_button, can_start), (self.start_action, can_start),
                                (self.pause_button, training), (self.stop_button, training),
                                (self.stop_action, training), (self.form, not busy), (self.lesson_box, not busy),
                                (self.preset_box, not busy), (self.open_action, self.is_torch_ready and not busy),
                                (self.save_action, self.current_checkpoint is not None and not busy)):
            widget.setEnabled(enabled)
        self.pause_button.setText(self.tr("Resume") if self.controller.paused else self.tr("Pause"))
        for panel in self.page.each():
            panel.set_ready(self.is_torch_ready and not busy)
        self.notes.set_ready(self.is_torch_ready and not busy)

    def _start_job(self, kind: str, job, config: TrainConfig | None = None) -> None:
        self.job_kind = kind
        for panel in self.page.each():
            panel.job_starting(kind, config)
        self.controller.start(job)
        self._update_buttons()
        if kind in TRAINING_JOBS:
            self.runs_view.set_live(True)

    @Slot()
    def start_training(self) -> bool:
        """Start training what the form describes; False (with the reason shown) if it cannot start."""
        return self._start_training_job("train", training_job)

    def start_comparison(self, cells: tuple[str, ...]) -> bool:
        """Train these cells in turn with the form's settings (asked by a panel that overlays them)."""
        self.compare_cells = tuple(cells)
        return bool(cells) and self._start_training_job("compare", lambda *args: comparison_job(*args, cells))

    @Slot(str)
    def start_experiment(self, name: str) -> bool:
        """A guided experiment: the form shows its first arm; the arms train in turn with the form's seed."""
        experiment = next(each for each in self.task.experiments if each.name == name)
        self.form.set_values(*experiment.arms[0].settings(self.task, self.form.values()[1].seed))
        self.experiment = experiment
        return self._start_training_job("experiment", lambda make_task, _spec, config, root: experiment_job(
            make_task, name, config.seed, root))

    def _start_training_job(self, kind: str, make_job) -> bool:
        """Check the form, then run ``make_job(make_task, spec, config, runs_root)``."""
        if not self.is_torch_ready or self.controller.busy:
            self.message_bar.show_message(self.tr("Wait for the current job to finish first."), "error")
            return False
        spec, config, problems = self.form.values()
        if problems:
            self.message_bar.show_message(self.tr("Fix the form first: {problem}")
                                          .format(problem=translate_error(problems[0])), "error")
            return False
        self.message_bar.dismiss()
        self.headline.set_view(self.task.view)
        self.headline.setText(self.tr("Starting…"))
        self.status.say(self.tr("starting…"))
        self.compare_index = 0
        self._start_job(kind, make_job(task_factory(type(self.task), self.probe), spec, config, self.runs_root), config)
        return True

    @Slot()
    def toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
            self.status.say(self.tr("resuming…"))
        else:
            self.controller.pause()
            self.status.say(self.tr("paused"))
        self._update_buttons()

    @Slot()
    def stop_training(self) -> None:
        if self.controller.busy and self.job_kind in TRAINING_JOBS:
            self.controller.request_stop()
            self.status.say(self.tr("stopping after this batch…"))

    # --- worker reports --------------------------------------------------------------------------------
    @Slot(object)
    def _on_run_started(self, event) -> None:
        self.status.run_started(event)
        for panel in self.page.each():
            panel.run_started(event, self.job_kind)
        self.compare_index += 1
        if self.job_kind == "compare":
            self.headline.show_comparing(self.compare_cells, self.compare_index)
        elif self.job_kind == "experiment":
            self.headline.show_arm(self.experiment, self.compare_index)
        else:
            self.headline.show_training(event)

    @Slot(object)
    def _on_progressed(self, progress) -> None:
        if self.job_kind == "open":
            self._opened_updates.append(progress)     # drawn once the checkpoint's lesson is on screen
            return
        for panel in self.page.each():
            panel.progressed(progress, self.job_kind)
        if progress.evaluations:
            for panel in self.page.each():
                panel.evaluated(progress.evaluations)
            self.headline.show_evaluations(progress.evaluations)
        if progress.latest is not None:
            self.status.progressed(progress.latest, self.controller.paused)

    @Slot(object)
    def _on_snapshot_taken(self, snapshot) -> None:
        if self.job_kind == "open":
            self._opened_updates.append(snapshot)
        else:
            self.page.route(snapshot.parts, snapshot.tag)

    @Slot(object)
    def _on_succeeded(self, summary: dict) -> None:
        if self.job_kind == "inspect":
            self.page.route(summary["parts"])
            return
        self.current_checkpoint = summary.get("checkpoint")
        if self.job_kind == "open":
            self.files.show_opened(summary)
        elif self.job_kind == "experiment":
            self.notes.show_result(summary)
            self.message_bar.show_message(self.headline.show_checked(self.experiment, summary), "success")
            self.status.say(self.tr("done") if summary.get("holds") is not None else self.tr("stopped"))
        elif self.job_kind == "compare":
            self.headline.show_compared(summary)
            self.message_bar.show_message(self.tr("Same data, seed and recipe for each cell; their gradients "
                                                  "through time are overlaid in the tab “{tab}”.").format(
                tab=translate_core(GradientsView.tab)), "success")
            self.status.say(self.tr("done"))
        else:
            stopped = summary.get("stopped")
            self.headline.show_finished(summary)
            self.notes.show_latest(summary)
            self.message_bar.show_message(self.tr("{seconds:.1f} s, {speed:,.0f} samples/s. Run saved in {run_dir} "
                                                  "(Ctrl+S saves the checkpoint elsewhere).").format(
                seconds=summary["seconds"], speed=summary["samples_per_s"], run_dir=summary["run_dir"]), "success")
            self.status.say(self.tr("done") if not stopped else self.tr("stopped"))
        self.job_succeeded.emit(summary)

    @Slot(object)
    def _on_failed(self, failure: Failure) -> None:
        message = translate_core(failure.template, failure.params)
        self._opened_updates = []
        if self.job_kind in ("open", "inspect"):
            message = self.tr("Could not open the checkpoint: {reason}").format(reason=message)
            self.headline.setText(self.tr("Nothing changed: the previous network is still here."))
        else:
            message = self.tr("Training failed: {reason}").format(reason=message)
            self.headline.setText(self.tr("Training failed"))
        self.message_bar.show_message(message, "error")
        self.status.say(self.tr("failed"))
        self.job_failed.emit(message)

    @Slot()
    def _on_job_finished(self) -> None:
        failed = self.message_bar.kind == "error"
        if self.job_kind in TRAINING_JOBS:
            self.runs_view.set_live(False)
        self.job_kind = ""
        self._update_buttons()
        if self.script.show_runs:
            self.runs_view.when_listed(partial(self.runs_view.overlay_all, partial(self.on_script_done, failed)))
        else:
            self.on_script_done(failed)

    @Slot()
    def on_script_done(self, failed: bool = False) -> None:
        """What the script wanted is on screen: save the screenshot and quit, if asked."""
        if self.script.screenshot:
            self.files.save_screenshot(self.script.screenshot)
        if self.script.quit_when_done:
            self.exit_requested.emit(1 if failed else 0)

    # --- files ---------------------------------------------------------------------------------------
    @Slot(str)
    def open_checkpoint(self, path: str) -> bool:
        """Evaluate the checkpoint at ``path`` in the worker; the form and panels follow on success."""
        return self.files.open(path)

    def save_checkpoint_to(self, path: str) -> bool:
        return self.files.save_to(path)

    # --- runs and settings -------------------------------------------------------------------------------
    @Slot()
    def show_runs(self) -> None:
        self.panels.show_tab(self.runs_view)

    @Slot(str, int)
    def continue_run(self, run_dir: str, epochs: int) -> bool:
        """Train a saved run further, in its own folder (Runs view → Continue training)."""
        if not self.is_torch_ready or self.controller.busy:
            self.message_bar.show_message(self.tr("Wait for the current job to finish first."), "error")
            return False
        try:
            lesson, spec, config = read_run_settings(run_dir)
        except (OSError, ValueError) as error:
            self.message_bar.show_message(self.tr("Cannot continue {run}: {reason}").format(run=run_dir, reason=error),
                                          "error")
            return False
        self._select_lesson(lesson)                 # its panels, cleared for the continued run
        self.form.set_values(spec, config.replace(epochs=epochs))
        self.message_bar.dismiss()
        self.headline.setText(self.tr("Continuing {run}…").format(run=Path(run_dir).name))
        self._start_job("train", resume_job(run_dir, self.lessons, epochs, self.probe), config)
        return True

    def set_runs_root(self, folder: str) -> None:
        self.runs_root = Path(folder)
        self.runs_view.set_root(self.runs_root)
        if self.settings is not None:
            self.settings.set("runs_root", str(self.runs_root))

    def _say_settings_problems(self) -> None:
        note = self.settings.take_problems() if self.settings is not None else ""
        if note:
            self.message_bar.show_message(note, "info")

    def _remember_form(self) -> None:
        if self.settings is not None and getattr(self, "task", None) is not None:
            self.settings.remember_form(self.task.name, self.form)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.settings is not None:
            self._remember_form()
            self.settings.save_layout(self)
        self.controller.shutdown()
        self.runs_view.shutdown()
        self.panels.shutdown()
        self.torch_startup.controller.shutdown()
        super().closeEvent(event)
