"""The drawing pad's own worker thread: it keeps a private CPU copy of a digit classifier and reads
whatever is on the canvas, so the pad answers while a model trains in the training thread.

The GUI sends at most one request at a time and always the newest canvas (see DrawingPad), so a fast
mouse never queues up stale work. Weights arrive as numpy copies (from training snapshots) or from a
checkpoint file; the live training module is never shared.
"""
from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from workbench.errors import tr_noop


@dataclass(frozen=True)
class PadReading:
    request: int                 # the request number this answers
    digit: np.ndarray            # the 28x28 uint8 image the model saw
    probabilities: np.ndarray    # (10,)
    per_row: np.ndarray          # (28, 10): probabilities after reading rows 0..t
    seconds: float               # preprocessing + model time in the worker


class PadWorker(QObject):
    read_done = Signal(object)          # PadReading
    model_ready = Signal(str)           # a description of the model now in use
    unavailable = Signal(object)        # (template, params): why the pad cannot classify
    mistakes_found = Signal(object)     # {"images", "labels", "predictions", "indices"}

    def __init__(self, lessons: Mapping[str, type]) -> None:
        super().__init__()
        self.lessons = lessons
        self.task: Any = None
        self.model: Any = None
        self.spec_dict: dict | None = None
        self.canvas: np.ndarray | None = None    # written by the GUI thread, read here
        self.request = 0

    def _use(self, task_name: str, spec_dict: dict, state: Mapping[str, Any], origin: str) -> None:
        import torch

        from workbench.checkpoint import describe_network
        from workbench.spec import ModelSpec
        lesson = self.lessons.get(task_name)
        if lesson is None or not getattr(lesson, "reads_digits", False):
            self.model = None
            self.unavailable.emit((tr_noop("this model is for the lesson {task!r}, which does not classify "
                                           "digits; train or open an MNIST classifier"), {"task": task_name}))
            return
        if self.model is None or spec_dict != self.spec_dict or type(self.task) is not lesson:
            self.task = lesson()
            self.model = self.task.build(ModelSpec.from_dict(spec_dict)).eval()
            self.spec_dict = spec_dict
            self.model_ready.emit(f"{describe_network(self.model.spec)} ({origin})")
        self.model.load_state_dict({name: torch.as_tensor(np.asarray(value)) for name, value in state.items()})

    @Slot(object)
    def set_weights(self, payload: dict) -> None:
        """Use weights from a training snapshot: {"task", "spec", "state": {name: array}}."""
        try:
            self._use(payload["task"], payload["spec"], payload["state"], "live")
        except Exception as error:  # a bad payload must not kill the pad's thread
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

    @Slot(int)
    def read_canvas(self, request: int) -> None:
        from workbench.preprocess import mnist_style
        if self.model is None or self.canvas is None:
            return
        began = time.perf_counter()
        digit = mnist_style(self.canvas)
        probabilities, per_row = self.task.read_digit(self.model, digit)
        self.read_done.emit(PadReading(request, digit, probabilities, per_row, time.perf_counter() - began))

    @Slot(str)
    def find_mistakes(self, data_root: str) -> None:
        """The test digits the current model gets wrong (at most 32), for the learner to try."""
        import torch

        from workbench.data import load_mnist
        from workbench.errors import WorkbenchError
        if self.model is None:
            return
        try:
            split = load_mnist(data_root)
        except WorkbenchError as error:
            self.unavailable.emit((error.template, error.params))
            return
        predictions = []
        with torch.no_grad():
            for start in range(0, len(split.test_labels), 500):
                batch = split.test_images[start:start + 500]
                predictions.append(self.task.predict(self.model, batch))
        predicted = np.concatenate(predictions)
        wrong = np.flatnonzero(predicted != split.test_labels)[:32]
        self.mistakes_found.emit({"images": split.test_images[wrong], "labels": split.test_labels[wrong],
                                  "predictions": predicted[wrong], "indices": wrong,
                                  "total_wrong": int((predicted != split.test_labels).sum()),
                                  "total": len(split.test_labels)})
