"""File → Open / Save checkpoint and the scripted screenshot: the window's file dialogs and copies."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog

from workbench.atomic import atomic_copy


class CheckpointFiles(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    @Slot()
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open checkpoint"), str(self.window.runs_root),
                                              self.tr("PyTorch checkpoints (*.pt *.pth *.ckpt);;All files (*)"))
        if path:
            self.window.open_checkpoint(path)

    @Slot()
    def save_dialog(self) -> None:
        if self.window.current_checkpoint is None:
            self.window.message_bar.show_message(
                self.tr("Nothing to save yet: train a network or open a checkpoint."), "error")
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save checkpoint"), str(Path.home() / "model.pt"),
                                              self.tr("PyTorch checkpoints (*.pt)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Copy the current model's checkpoint to ``path`` atomically; any old file there survives a failure."""
        if self.window.current_checkpoint is None:
            return False
        try:
            atomic_copy(self.window.current_checkpoint, path)
        except OSError as error:
            self.window.message_bar.show_message(self.tr("Could not save to {path}: {reason}")
                                                 .format(path=path, reason=error.strerror or error), "error")
            return False
        self.window.message_bar.show_message(self.tr("Saved {path}").format(path=path), "success")
        return True

    def save_screenshot(self, path: str) -> bool:
        ok = self.window.grab().save(path)
        if not ok:
            print(f"rnn-workbench: could not write the screenshot {path}", flush=True)
        return ok
