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


class WeightsThrottle(QObject):
    """Passes weight payloads on at most once per ``interval_s``, always ending with the newest one.

    Each payload makes a mirror thread load a model's weights, which competes with training for the
    CPU; a panel looked at while training needs a fresh model about once a second, not per snapshot.
    """

    def __init__(self, forward, interval_s: float = 1.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QTimer
        self.forward = forward
        self.pending: dict | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(interval_s * 1000))
        self.timer.timeout.connect(self._on_timeout)

    def offer(self, payload: dict) -> None:
        if self.timer.isActive():
            self.pending = payload
            return
        self.forward(payload)
        self.timer.start()

    @Slot()
    def _on_timeout(self) -> None:
        if self.pending is not None:
            payload, self.pending = self.pending, None
            self.forward(payload)
            self.timer.start()


class MirrorHost(QObject):
    """Runs a ModelMirror in a thread that exists only while the panel is being used.

    Why: a second thread that has run torch ops keeps its own OpenMP thread team for as long as it
    lives, and with one alive beside it the training thread ran at about half speed on 2 cores (one
    GRU forward in an idle side thread was enough; measured in bench/mirror_cost.py). So the thread
    starts on the first request and stops after ``idle_s`` seconds without one. The newest weights
    (numpy copies) or checkpoint path are kept here and handed to each new worker.
    """

    weights_sent = Signal(object)
    checkpoint_sent = Signal(str)

    def __init__(self, owner: QObject, make_worker, name: str, wire, on_ready, on_unavailable,
                 idle_s: float = 3.0) -> None:
        super().__init__(owner)
        from PySide6.QtCore import QTimer
        self.make_worker, self.name, self.wire = make_worker, name, wire
        self.on_ready, self.on_unavailable = on_ready, on_unavailable
        self.worker: ModelMirror | None = None
        self.thread: QThread | None = None
        self.weights: dict | None = None
        self.checkpoint: str | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(idle_s * 1000))
        self.idle.timeout.connect(self.stop)
        self.throttle = WeightsThrottle(self.weights_sent.emit, parent=self)

    @property
    def running(self) -> bool:
        return self.worker is not None

    def ensure(self) -> ModelMirror:
        """The worker, started (with the newest model) if it was not running; restarts the idle clock."""
        self.idle.start()
        if self.worker is None:
            worker = self.make_worker()
            thread = QThread(self.parent())
            thread.setObjectName(self.name)
            worker.moveToThread(thread)
            self.weights_sent.connect(worker.set_weights)
            self.checkpoint_sent.connect(worker.open_checkpoint)
            worker.model_ready.connect(self.on_ready)
            worker.unavailable.connect(self.on_unavailable)
            self.wire(worker)
            thread.finished.connect(worker.deleteLater)
            thread.start()
            self.worker, self.thread = worker, thread
            if self.checkpoint is not None:
                self.checkpoint_sent.emit(self.checkpoint)
            elif self.weights is not None:
                self.weights_sent.emit(self.weights)
        return self.worker

    def set_weights(self, payload: dict) -> None:
        """Keep the newest weights; a running worker gets them (at most once a second)."""
        self.weights, self.checkpoint = payload, None
        if self.worker is not None:
            self.throttle.offer(payload)

    def open_checkpoint(self, path: str) -> None:
        self.checkpoint, self.weights = path, None
        self.ensure()
        self.checkpoint_sent.emit(path)

    @Slot()
    def stop(self) -> None:
        """End the thread (its OpenMP team goes with it); the next request starts a fresh one."""
        self.idle.stop()
        thread = self.thread
        self.worker, self.thread = None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
