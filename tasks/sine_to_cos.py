"""Lesson: an RNN reads sin(t) and answers cos(t), window after window, carrying its hidden state.

From seed note 000: windows of 10 steps, each covering π of the wave and starting where the last one
ended; an RNN with 32 hidden units, Adam lr 0.02. The final hidden state of each window is handed to
the next one, detached, so gradients stop at the window edge (truncated backpropagation through time)
while the memory flows on. Untick "carry the hidden state" and every window starts from zeros: at a
window's first step the network sees only sin(t) and cannot tell cos(t) = +√(1−sin²) from −√(…), so
its first predictions go wrong — the learner sees why the carried state matters.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING, Any, Iterator

import numpy as np

from workbench.errors import tr_noop
from workbench.experiments import Arm, Experiment, at_most, ratio_at_least
from workbench.views import SeedNote
from workbench.spec import ModelSpec, Preset, TrainConfig
from workbench.frames import SeriesFrame
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import (FULL_WIDTH_TOP, TEST_LOSS, Curve, GatesView, GradientsView, LessonView, LossView, Metric,
                             SeriesView)

if TYPE_CHECKING:
    import torch
    from torch import nn

WINDOWS_PER_EPOCH = 100
TEST_WINDOWS = 40
TEST_START = 10_000          # test windows lie far along the wave, at phases training never visited
SCOPE_WINDOWS = 30           # how much recent signal the oscilloscope keeps
LAST_WINDOWS = 20            # the "last N windows" of the metric


class WaveWindows:
    """Consecutive windows of the wave: window k covers t in [kπ, (k+1)π) with ``steps`` samples."""

    def __init__(self, first: int, count: int, steps: int, device: "torch.device") -> None:
        self.first, self.count, self.steps, self.device = first, count, steps, device

    def __len__(self) -> int:
        return self.count

    def window(self, index: int):
        import torch
        t = np.linspace(index * math.pi, (index + 1) * math.pi, self.steps, endpoint=False)
        inputs = torch.tensor(np.sin(t), dtype=torch.float32, device=self.device).view(1, -1, 1)
        targets = torch.tensor(np.cos(t), dtype=torch.float32, device=self.device).view(1, -1, 1)
        return t, inputs, targets

    def __iter__(self) -> Iterator[tuple]:
        for offset in range(self.count):
            yield (offset, *self.window(self.first + offset))


class EpochWindows(WaveWindows):
    """Training windows: each epoch continues along the wave where the previous one stopped."""

    def __iter__(self) -> Iterator[tuple]:
        for offset in range(self.count):
            yield (offset, *self.window(self.first + offset))
        self.first += self.count


class SineToCos(Lesson):
    name = "sine-to-cos"
    title = tr_noop("sin → cos, carrying the hidden state")
    view = LessonView(
        form_fields=("cell", "hidden_size", "num_layers", "dropout", "nonlinearity", "optimizer", "lr", "schedule",
                     "epochs", "weight_decay", "clip_norm", "evals_per_epoch", "seed", "device", "sequence_length",
                     "carry_hidden"),
        metrics=(TEST_LOSS, Metric("last_windows_mse", tr_noop("MSE over the last 20 windows"))),
        headline="test_loss",
        panels=(LossView(y_label=tr_noop("mean squared error"), train=(Curve("loss", tr_noop("train (per window)")),),
                         test=(Curve("test_loss", tr_noop("test (40 windows)")),), log_y=True, place=FULL_WIDTH_TOP),
                SeriesView(title=tr_noop("Oscilloscope: sin(t) goes in, cos(t) should come out"),
                           truth_label=tr_noop("target cos(t)"), series=(Curve("prediction", tr_noop("prediction")),),
                           background_label=tr_noop("input sin(t)"), x_label="t", scrolling=True),
                GatesView(), GradientsView(step=tr_noop("a time step reads one sample of the window"))),
    )

    seed_note = SeedNote("000", tr_noop("RNN with 32 hidden units, Adam lr 0.02, windows of 10 steps over π, the final "
                                        "hidden state handed to the next window"), None, None,
                         tr_noop("The note shows the prediction catching up with cos(t) within the first windows; it "
                                 "reports no number."))
    experiments = (
        Experiment("carry-vs-reset", tr_noop("Carry the hidden state vs reset it at every window"),
                   tr_noop("With the state reset at every window the test MSE is at least 5× the carried one"),
                   (Arm(tr_noop("carried"), preset="morvan"), Arm(tr_noop("reset"), preset="reset-each-window")),
                   ratio_at_least("test_loss", 1, 0, 5.0)),
        Experiment("learns-cos", tr_noop("Three epochs are enough"),
                   tr_noop("Carrying its state, the RNN's test MSE is below 0.01 after 3 epochs (cos(t) itself has "
                           "a variance of 0.5)"),
                   (Arm(tr_noop("RNN 32, carried"), preset="morvan"),), at_most("test_loss", 0.01)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._config = TrainConfig()
        self._train_state = None
        self._eval_state = None
        self._device = None
        self._scope: deque = deque(maxlen=SCOPE_WINDOWS)
        self._recent_losses: deque = deque(maxlen=LAST_WINDOWS)
        self._test: WaveWindows | None = None
        self._train: EpochWindows | None = None

    def default_spec(self) -> ModelSpec:
        return ModelSpec(cell="rnn", input_size=1, hidden_size=32, num_layers=1, output_size=1)

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="adam", lr=0.02, batch_size=1, epochs=3, sequence_length=10,
                           carry_hidden=True, evals_per_epoch=2)

    def presets(self) -> dict[str, Preset]:
        seed = Preset("morvan", tr_noop("Morvan: RNN 32, Adam 0.02, windows of 10"),
                      self.default_spec(), self.default_config())
        reset = Preset("reset-each-window", tr_noop("Same, but forget the hidden state at every window"),
                       self.default_spec(), self.default_config().replace(carry_hidden=False))
        lstm = Preset("lstm", tr_noop("LSTM 32, Adam 0.01"), self.default_spec().replace(cell="lstm"),
                      self.default_config().replace(lr=0.01))
        return {preset.name: preset for preset in (seed, reset, lstm)}

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import SequenceRegressor
        return SequenceRegressor(spec.replace(input_size=1, output_size=1))

    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        self._config, self._device = config, device
        self._train_state = self._eval_state = None
        self._scope.clear()
        self._recent_losses.clear()
        train = self._train = EpochWindows(0, WINDOWS_PER_EPOCH, config.sequence_length, device)
        self._test = WaveWindows(TEST_START, TEST_WINDOWS, config.sequence_length, device)
        return LessonData(train, self._test, WINDOWS_PER_EPOCH, TEST_WINDOWS,
                          f"sin→cos: {config.sequence_length} steps per window of π")

    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        import torch.nn.functional as F

        from workbench.models import detach_state
        offset, t, inputs, targets = batch
        if training:
            state = self._train_state if self._config.carry_hidden else None
        else:
            state = self._eval_state if (self._config.carry_hidden and offset > 0) else None
        predictions, state = model(inputs, state)
        loss = F.mse_loss(predictions, targets)
        if training:
            self._train_state = detach_state(state)
            self._scope.append((t, inputs[0, :, 0].detach().cpu().numpy(), targets[0, :, 0].cpu().numpy(),
                                predictions[0, :, 0].detach().cpu().numpy()))
            self._recent_losses.append(float(loss.detach()))
        else:
            self._eval_state = detach_state(state)
        return StepResult(loss, 1)

    def resume_state(self) -> dict[str, Any]:
        # The wave goes on where the last epoch stopped, and so does the carried memory.
        return {"next_window": self._train.first, "hidden": self._train_state, "recent_losses": list(self._recent_losses)}

    def restore_state(self, state: dict[str, Any]) -> None:
        self._train.first = int(state["next_window"])
        self._train_state = state["hidden"]
        if self._train_state is not None:
            self._train_state = (tuple(part.to(self._device) for part in self._train_state)
                                 if isinstance(self._train_state, (tuple, list)) else self._train_state.to(self._device))
        self._recent_losses.extend(state["recent_losses"])

    def extra_metrics(self, model: "nn.Module") -> dict[str, float]:
        if not self._recent_losses:
            return {}
        return {"last_windows_mse": float(np.mean(self._recent_losses))}

    def snapshot(self, model: "nn.Module") -> tuple:
        parts: list = []
        if self._scope:
            t, inputs, targets, predictions = (np.concatenate(part) for part in zip(*self._scope))
            parts.append(SeriesFrame((t, targets), {"prediction": (t, predictions)}, background=(t, inputs)))
        if self.probe.enabled:
            from workbench.gates import inspect_sequence
            _, _, inputs, targets = next(iter(self._probe_windows()))
            parts += inspect_sequence(model.rnn, model.head, inputs, targets, self.probe.index)
        return tuple(parts)

    def _probe_windows(self):
        index = TEST_START + self.probe.index % TEST_WINDOWS
        yield (0, *WaveWindows(index, 1, self._config.sequence_length, self._device).window(index))
