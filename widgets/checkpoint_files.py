"""File → Open / Save checkpoint and the scripted screenshot: the window's file dialogs and copies."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtWidgets import QFileDialog

from widgets.jobs import evaluation_job
from workbench.atomic import atomic_copy
from workbench.spec import ModelSpec, TrainConfig


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

    def open(self, path: str) -> bool:
        """Evaluate the checkpoint at ``path`` in the worker; the form and panels follow on success."""
        window = self.window
        if not window.is_torch_ready or window.controller.busy:
            window.message_bar.show_message(
                self.tr("Wait for the current job to finish before opening a checkpoint."), "error")
            return False
        spec, config, problems = window.form.values()
        window.message_bar.dismiss()
        window.status.say(self.tr("evaluating {name}…").format(name=Path(path).name))
        window._opened_updates = []
        window._start_job("open", evaluation_job(path, window.lessons, config.data_root, window.task.name,
                                                 None if problems else spec, window.probe))
        return True

    def show_opened(self, summary: dict) -> None:
        """The checkpoint was evaluated: show its lesson, its settings in the form, and what it reached."""
        window = self.window
        window._select_lesson(summary["task"])
        _spec, current, _problems = window.form.values()
        config = TrainConfig.from_dict(summary["config"]).replace(data_root=current.data_root,
                                                                  download=current.download, device=current.device)
        window.form.set_values(ModelSpec.from_dict(summary["spec"]), config)
        updates, window._opened_updates, window.job_kind = window._opened_updates, [], "opened"
        for update in updates:                      # now drawn in the checkpoint's own lesson
            (window._on_progressed if hasattr(update, "steps") else window._on_snapshot_taken)(update)
        window.message_bar.show_message(window.headline.show_opened(summary, window.task.metric_names), "success")
        window.status.say(self.tr("checkpoint evaluated"))

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
        # Lay out what the last slots changed first (a table hidden a moment ago still took its room):
        # grab() paints the widgets where they are, and the layouts would only move at the next loop pass.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        ok = self.window.grab().save(path)
        if not ok:
            print(f"rnn-workbench: could not write the screenshot {path}", flush=True)
        return ok
