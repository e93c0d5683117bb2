"""The window's menu bar: File (checkpoints, folders, settings, quit), Training, View (language)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog



class WindowMenus(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        files = window.files
        self.open_action = self._action(self.tr("&Open checkpoint…"), files.open_dialog, QKeySequence.StandardKey.Open)
        self.save_action = self._action(self.tr("&Save checkpoint as…"), files.save_dialog,
                                        QKeySequence.StandardKey.Save)
        data_action = self._action(self.tr("Use MNIST &folder…"), window.form._on_choose_data)
        runs_action = self._action(self.tr("&Runs folder…"), self._on_choose_runs_root)
        reset_action = self._action(self.tr("&Reset settings"), self.reset_settings)
        quit_action = self._action(self.tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)
        file_menu = window.menuBar().addMenu(self.tr("&File"))
        for item in (self.open_action, self.save_action, None, data_action, runs_action, None, reset_action, None,
                     quit_action):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)
        self.start_action = self._action(self.tr("&Start"), window.start_training, QKeySequence(Qt.Key.Key_F5))
        self.stop_action = self._action(self.tr("S&top"), window.stop_training, QKeySequence(Qt.Key.Key_Escape))
        train_menu = window.menuBar().addMenu(self.tr("&Training"))
        train_menu.addAction(self.start_action)
        train_menu.addAction(self.stop_action)
        view_menu = window.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self._action(self.tr("R&uns"), window.show_runs, QKeySequence("Ctrl+R")))
        self.notes_action = self._action(self.tr("&Notes and experiments"), self._on_notes_toggled, QKeySequence("F1"))
        self.notes_action.setCheckable(True)
        self.notes_action.setChecked(True)
        view_menu.addAction(self.notes_action)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self.languages = QActionGroup(self)
        current = window.settings.language() if window.settings is not None else ""
        # Each language is named in itself, so a learner who cannot read the current one still finds theirs.
        for code, name in (("", self.tr("System language")), ("en", "English"), ("zh_CN", "简体中文")):
            action = self._action(name, self._on_language_chosen)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            self.languages.addAction(action)
            language_menu.addAction(action)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        made = QAction(text, self.window)
        made.triggered.connect(slot)
        if shortcut is not None:
            made.setShortcut(shortcut)
        return made

    @Slot()
    def reset_settings(self) -> None:
        """File → Reset settings: forget everything remembered and show the defaults now."""
        window = self.window
        if window.settings is None or window.controller.busy:
            return
        window.settings.reset()
        window.settings.apply_defaults(window)
        self.notes_action.setChecked(True)
        window.notes.show()
        window.message_bar.show_message(self.tr("Settings reset to the defaults."), "success")

    @Slot()
    def _on_notes_toggled(self) -> None:
        self.window.notes.setVisible(self.notes_action.isChecked())

    @Slot()
    def _on_choose_runs_root(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Where run folders go"),
                                                  str(self.window.runs_root))
        if folder:
            self.window.set_runs_root(folder)

    @Slot()
    def _on_language_chosen(self) -> None:
        action = self.languages.checkedAction()
        if action is None or self.window.settings is None:
            return
        self.window.settings.set("language", action.data())
        self.window.message_bar.show_message(self.tr("The language changes when the workbench starts again."), "info")
