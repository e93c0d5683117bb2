"""The drawing pad's mirror: a private CPU copy of a digit classifier that reads whatever is on the
canvas, in the pad's own thread, so the pad answers while a model trains in the training thread.

The GUI sends at most one request at a time and always the newest canvas (see DrawingPad), so a fast
mouse never queues up stale work. Plain Python (see widgets/worker.py): it reports through ``emit``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from widgets.model_mirror import ModelMirror
from workbench.errors import tr_noop
from workbench.task import DigitReader


@dataclass(frozen=True)
class PadReading:
    request: int                 # the request number this answers
    digit: np.ndarray            # the 28x28 uint8 image the model saw
    probabilities: np.ndarray    # (10,)
    per_row: np.ndarray          # (28, 10): probabilities after reading rows 0..t
    seconds: float               # preprocessing + model time in the worker


class PadMirror(ModelMirror):
    """Reports ``read_done`` (PadReading), ``mistakes_found`` (dict), ``model_ready``, ``unavailable``."""

    capability = DigitReader
    refusal = tr_noop("this model is for the lesson {task!r}, which does not classify digits; train or open an "
                      "MNIST classifier")

    def read_canvas(self, request: int, canvas: np.ndarray) -> None:
        from workbench.preprocess import mnist_style
        if self.model is None:
            return
        began = time.perf_counter()
        digit = mnist_style(canvas)
        probabilities, per_row = self.task.read_digit(self.model, digit)
        self.emit("read_done", PadReading(request, digit, probabilities, per_row, time.perf_counter() - began))

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
            self.emit("unavailable", (error.template, error.params))
            return
        predictions = []
        with torch.no_grad():
            for start in range(0, len(split.test_labels), 500):
                batch = split.test_images[start:start + 500]
                predictions.append(self.task.predict(self.model, batch))
        predicted = np.concatenate(predictions)
        wrong = np.flatnonzero(predicted != split.test_labels)[:32]
        self.emit("mistakes_found", {"images": split.test_images[wrong], "labels": split.test_labels[wrong],
                                     "predictions": predicted[wrong], "indices": wrong,
                                     "total_wrong": int((predicted != split.test_labels).sum()),
                                     "total": len(split.test_labels)})
