"""A private copy of the model being trained (or opened), for panels that run it on demand.

Panels such as the drawing pad and the decoder explorer must answer at once, also while training runs
in the training thread. Each gets a mirror: a plain Python object (never a QObject, see
widgets/worker.py) living in the panel's own thread (:class:`~widgets.worker.MirrorHost`) and holding a
CPU model rebuilt from numpy weight copies (training snapshots) or from a checkpoint file; the live
training module is never shared across threads. A mirror reports through ``emit(kind, payload)``.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

import numpy as np

from workbench.errors import tr_noop


LIVE = ""       # the origin of weights from the run training now (else a checkpoint's path)


def model_description(template: str, values: dict, origin: str) -> str:
    """What a panel says it runs, e.g. "LSTM 64×1 (live)" or "…(runs/x/checkpoint.pt)", translated (GUI thread)."""
    from widgets.i18n import translate_core
    where = translate_core(tr_noop("live")) if origin == LIVE else origin
    return f"{translate_core(template, values)} ({where})"


class ModelMirror:
    capability: type = object           # the protocol a model's lesson must implement (e.g. DigitReader)
    refusal = tr_noop("this model is for the lesson {task!r}, which this panel cannot use")

    def __init__(self, lessons: Mapping[str, type], emit: Callable[[str, Any], None]) -> None:
        self.lessons = lessons
        self.emit = emit
        self.task: Any = None
        self.model: Any = None
        self.spec_dict: dict | None = None

    def _use(self, task_name: str, spec_dict: dict, state: Mapping[str, Any], origin: str) -> None:
        import torch

        from workbench.checkpoint import network_name
        from workbench.spec import ModelSpec
        lesson = self.lessons.get(task_name)
        if lesson is None or not issubclass(lesson, self.capability):
            self.model = None
            self.emit("unavailable", (self.refusal, {"task": task_name}))
            return
        if self.model is None or spec_dict != self.spec_dict or type(self.task) is not lesson:
            self.task = lesson()
            self.model = self.task.build(ModelSpec.from_dict(spec_dict)).eval()
            self.spec_dict = spec_dict
            self.emit("model_ready", (*network_name(self.model.spec), origin))     # (translated in the GUI)
        self.model.load_state_dict({name: torch.as_tensor(np.asarray(value)) for name, value in state.items()})
        self.weights_changed()

    def weights_changed(self) -> None:
        """Hook: new weights are in place (subclasses refresh what they show)."""

    def set_weights(self, weights: Any) -> None:
        """Use weights from a training snapshot (a ``ModelWeights`` part: lesson, spec, numpy state)."""
        self._use(weights.task, weights.spec, weights.state, LIVE)

    def open_checkpoint(self, path: str) -> None:
        from workbench.checkpoint import load_checkpoint
        from workbench.errors import WorkbenchError
        try:
            checkpoint = load_checkpoint(path, self.lessons)
            self._use(checkpoint.task, checkpoint.spec.to_dict(), checkpoint.state_dict, path)
        except WorkbenchError as error:
            self.model = None
            self.emit("unavailable", (error.template, error.params))
