"""What the window remembers between launches (QSettings, an INI file): the last lesson, the form's values
per lesson, the window's geometry and splitters, the language, the MNIST folder and the runs folder.

A value that cannot be read back (a hand-edited or damaged file, a setting from another version) is
skipped, and the window says once that some settings were ignored; nothing here can stop the app from
starting. ``$RNN_WORKBENCH_SETTINGS`` names another file (tests use a temporary one).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QStandardPaths
from PySide6.QtGui import QGuiApplication

from workbench.errors import SpecError
from workbench.runs import default_runs_root
from workbench.spec import ModelSpec, TrainConfig

SETTINGS_ENV = "RNN_WORKBENCH_SETTINGS"
VERSION = 1
DEFAULT_SIZE = (1360, 860)
DEFAULT_SPLIT = (390, 970)              # the form | the rest
DEFAULT_CONTENT_SPLIT = (690, 270)      # the lesson's tabs | the notes
DEFAULT_RUNS_SPLIT = (330, 420)


def default_size(area: tuple[int, int] | None) -> tuple[int, int]:
    """DEFAULT_SIZE, made smaller where the screen's free ``area`` (width, height) is: a 1,366 x 768 laptop
    screen leaves about 1,366 x 728 under its task bar. None (no real screen: offscreen) gives DEFAULT_SIZE."""
    if area is None:
        return DEFAULT_SIZE
    return min(DEFAULT_SIZE[0], area[0]), min(DEFAULT_SIZE[1], area[1] - 40)   # (title bar)


def screen_area() -> tuple[int, int] | None:
    """The primary screen's free area, or None where there is no real screen (offscreen, minimal)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal") or QGuiApplication.primaryScreen() is None:
        return None
    area = QGuiApplication.primaryScreen().availableGeometry()
    return area.width(), area.height()


def settings_path() -> str:
    if os.environ.get(SETTINGS_ENV):
        return os.environ[SETTINGS_ENV]
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation) or str(Path.home())
    return str(Path(folder) / "settings.ini")


class WindowSettings(QObject):
    def __init__(self, path: str | None = None, parent: QObject | None = None, read_only: bool = False) -> None:
        """``read_only``: use what is saved, change nothing (a scripted run: see widgets/app.py)."""
        super().__init__(parent)
        self.read_only = read_only
        self.path = path or settings_path()
        self.store = QSettings(self.path, QSettings.Format.IniFormat)
        self.problems: list[str] = []
        unreadable = Path(self.path).is_file() and Path(self.path).stat().st_size > 0 and self.store.value("version") is None
        self._ignored = False      # nothing of the file is used (read only: it is left as it is, not cleared)
        if self.store.status() != QSettings.Status.NoError or unreadable:
            self.problems.append(self.tr("the settings file {path} could not be read").format(path=self.path))
            self._forget_all()
        elif self.store.value("version") not in (None, VERSION, str(VERSION)):
            self.problems.append(self.tr("the settings file is from another version"))
            self._forget_all()

    def _forget_all(self) -> None:
        if self.read_only:
            self._ignored = True
        else:
            self.store.clear()

    # --- plain values ------------------------------------------------------------------------------------
    def text(self, key: str) -> str:
        value = None if self._ignored else self.store.value(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problems.append(key)
            return ""
        return value

    def bytes(self, key: str) -> QByteArray | None:
        value = None if self._ignored else self.store.value(key)
        if value is None:
            return None
        if not isinstance(value, QByteArray):
            self.problems.append(key)
            return None
        return value

    def set(self, key: str, value) -> None:
        if self.read_only:
            return
        self.store.setValue("version", VERSION)
        self.store.setValue(key, value)

    def language(self) -> str:
        return self.text("language")

    def runs_root(self) -> str:
        return self.text("runs_root")

    # --- the form, per lesson ------------------------------------------------------------------------
    def form_values(self, lesson: str) -> tuple[ModelSpec, TrainConfig] | None:
        text = self.text(f"form/{lesson}")
        if not text:
            return None
        try:
            data = json.loads(text)
            spec, config = ModelSpec.from_dict(data["spec"]).validate(), TrainConfig.from_dict(data["config"]).validate()
        except (ValueError, KeyError, TypeError, SpecError):
            self.problems.append(f"form/{lesson}")
            return None
        mnist = self.text("mnist_root")
        if mnist and not Path(mnist).is_dir():          # the folder is gone: back to the embedded digits
            mnist = ""
        return spec, config.replace(data_root=mnist)

    def save_form(self, lesson: str, spec: ModelSpec, config: TrainConfig) -> None:
        self.set(f"form/{lesson}", json.dumps({"spec": spec.to_dict(), "config": config.to_dict()}))
        self.set("mnist_root", config.data_root)

    def take_problems(self) -> str:
        """A note for the window about values that were ignored (once), or ""."""
        problems, self.problems = self.problems, []
        if not problems:
            return ""
        return self.tr("Some saved settings could not be read and were ignored ({which}); the defaults are used "
                       "instead.").format(which=", ".join(dict.fromkeys(problems)))

    def reset(self) -> None:
        if not self.read_only:
            self.store.clear()
            self.store.sync()

    def sync(self) -> None:
        self.store.sync()          # (read only, nothing was changed: nothing to write)

    # --- the window --------------------------------------------------------------------------------------
    def remember_form(self, lesson: str, form) -> None:
        spec, config, problems = form.values()
        if not problems:
            self.save_form(lesson, spec, config)

    def restore_layout(self, window) -> None:
        geometry = self.bytes("window/geometry")
        if geometry is not None and not window.restoreGeometry(geometry):
            self.problems.append("window/geometry")
        notes = self.text("window/notes")
        if notes in ("shown", "hidden"):
            window.notes.setVisible(notes == "shown")
            window.menus.notes_action.setChecked(notes == "shown")
        for key, splitter in (("window/splitter", window.splitter), ("window/runs_splitter", window.runs_view.splitter),
                              ("window/content_splitter", window.content)):
            state = self.bytes(key)
            if state is not None and not splitter.restoreState(state):
                self.problems.append(key)

    def save_layout(self, window) -> None:
        self.set("window/geometry", window.saveGeometry())
        self.set("window/splitter", window.splitter.saveState())
        self.set("window/runs_splitter", window.runs_view.splitter.saveState())
        self.set("window/content_splitter", window.content.saveState())
        self.set("window/notes", "shown" if window.menus.notes_action.isChecked() else "hidden")
        self.set("lesson", window.task.name)
        self.sync()

    def apply_defaults(self, window) -> None:
        """Show what a first launch shows (File → Reset settings); the settings file is already empty."""
        window.resize(*default_size(screen_area()))
        window.splitter.setSizes(list(DEFAULT_SPLIT))
        window.content.setSizes(list(DEFAULT_CONTENT_SPLIT))
        window.runs_view.splitter.setSizes(list(DEFAULT_RUNS_SPLIT))
        window.set_runs_root(str(default_runs_root()))
        first = next(iter(window.lessons))
        if window.task.name != first:
            window._select_lesson(first)
        window.form.set_values(window.task.default_spec(), window.task.default_config())
        self.reset()        # what the steps above remembered on the way is forgotten again
