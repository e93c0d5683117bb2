"""A worker-thread copy of the model being trained (or opened), for panels that run it on demand.

Panels such as the drawing pad and the decoder explorer must answer at once, also while training runs
in the training thread. They get their own QObject in their own QThread holding a private CPU model,
rebuilt from numpy weight copies (training snapshots) or from a checkpoint file; the live training
module is never shared across threads.
"""
from __future__ import annotations

import traceback
from typing import Any, Mapping

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from workbench.errors import tr_noop


class ModelMirror(QObject):
    model_ready = Signal(str)           # a description of the model now in use
    unavailable = Signal(object)        # (template, params): why this panel cannot use the model

    capability = ""                     # the lesson attribute a model's lesson must set (e.g. reads_digits)
    refusal = tr_noop("this model is for the lesson {task!r}, which this panel cannot use")

    def __init__(self, lessons: Mapping[str, type]) -> None:
        super().__init__()
        self.lessons = lessons
        self.task: Any = None
        self.model: Any = None
        self.spec_dict: dict | None = None

    def _use(self, task_name: str, spec_dict: dict, state: Mapping[str, Any], origin: str) -> None:
        import torch

        from workbench.checkpoint import describe_network
        from workbench.spec import ModelSpec
        lesson = self.lessons.get(task_name)
        if lesson is None or not getattr(lesson, self.capability, False):
            self.model = None
            self.unavailable.emit((self.refusal, {"task": task_name}))
            return
        if self.model is None or spec_dict != self.spec_dict or type(self.task) is not lesson:
            self.task = lesson()
            self.model = self.task.build(ModelSpec.from_dict(spec_dict)).eval()
            self.spec_dict = spec_dict
            self.model_ready.emit(f"{describe_network(self.model.spec)} ({origin})")
        self.model.load_state_dict({name: torch.as_tensor(np.asarray(value)) for name, value in state.items()})
        self.weights_changed()

    def weights_changed(self) -> None:
        """Hook: new weights are in place (subclasses refresh what they show)."""

    @Slot(object)
    def set_weights(self, payload: dict) -> None:
        """Use weights from a training snapshot: {"task", "spec", "state": {name: array}}."""
        try:
            self._use(payload["task"], payload["spec"], payload["state"], "live")
        except Exception as error:  # a bad payload must not kill this thread
            traceback.print_exc()
            self.unavailable.emit(("Unexpected error: {error}", {"error": str(error)}))

    @Slot(str)
    def open_checkpoint(self, path: str) -> None:
        from workbench.checkpoint import load_checkpoint
        from workbench.errors import WorkbenchError
        try:
            checkpoint = load_checkpoint(path, self.lessons)
            self._use(checkpoint.task, checkpoint.spec.to_dict(), checkpoint.state_dict, path)
        except WorkbenchError as error:
            self.model = None
            self.unavailable.emit((error.template, error.params))


def start_mirror_thread(owner: QObject, worker: ModelMirror, name: str, weights_offered, checkpoint_offered,
                        on_ready, on_unavailable) -> QThread:
    """Move ``worker`` to a new thread owned by ``owner`` and wire the signals every mirror panel has.

    The owner connects its own request/answer signals; it must call ``quit()`` and ``wait()`` on the
    returned thread when it closes.
    """
    thread = QThread(owner)
    thread.setObjectName(name)
    worker.moveToThread(thread)
    weights_offered.connect(worker.set_weights)
    checkpoint_offered.connect(worker.open_checkpoint)
    worker.model_ready.connect(on_ready)
    worker.unavailable.connect(on_unavailable)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread
