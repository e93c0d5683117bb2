"""Lesson: an RNN learns the next value of a sine wave, then generates the wave on its own.

From seed note 004: sequences of 60 points over a span of 10 (t from a random start), an RNN with 10
hidden units in 2 layers predicting each next value, Adam 5e-3; then, primed with the first few true
values, the network feeds its own predictions back and keeps going. The note also explains gradient
clipping (rescale the gradient when its norm exceeds a threshold) and why a plain RNN's gradients
vanish: the Gradients tab plots the global gradient norm per step with the clipping threshold.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import numpy as np

from workbench.errors import tr_noop
from workbench.spec import ModelSpec, Preset, TrainConfig
from workbench.frames import SeriesFrame
from workbench.experiments import Arm, Experiment, ratio_at_least, within_run_ratio
from workbench.views import SeedNote
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import (FULL_WIDTH_TOP, TEST_LOSS, Curve, GatesView, GradientsView, LessonView, LossView, Metric,
                             SeriesView)

if TYPE_CHECKING:
    import torch
    from torch import nn

SPAN = 10.0                 # the seed spaces 60 points over t in [start, start + 10]
DT = SPAN / 59              # kept whatever the sequence length
BATCHES_PER_EPOCH = 100
PRIMER = 10                 # true values shown before free-running generation
TEST_STARTS = (0.3, 1.7, 2.9, 4.4)   # fixed phases for evaluation, so runs are comparable


def wave(starts: np.ndarray, points: int, dt: float) -> np.ndarray:
    """sin over ``points`` samples spaced ``dt`` from each start: (len(starts), points)."""
    return np.sin(starts[:, None] + dt * np.arange(points)[None, :])


class RandomPhases:
    """Batches of sequences with random starting phases; inputs s[:-1], targets s[1:]."""

    def __init__(self, batch_size: int, length: int, dt: float, generator: np.random.Generator,
                 device: "torch.device", count: int = BATCHES_PER_EPOCH) -> None:
        self.batch_size, self.length, self.dt = batch_size, length, dt
        self.generator, self.device, self.count = generator, device, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple]:
        import torch
        for _ in range(self.count):
            starts = self.generator.uniform(0, 2 * np.pi, self.batch_size)
            values = torch.tensor(wave(starts, self.length + 1, self.dt), dtype=torch.float32, device=self.device)
            yield values[:, :-1, None], values[:, 1:, None]


class SineGeneration(Lesson):
    name = "sine-generation"
    title = tr_noop("Generating a sine wave (and clipping gradients)")
    view = LessonView(
        form_fields=("cell", "hidden_size", "num_layers", "dropout", "nonlinearity", "optimizer", "lr", "schedule",
                     "batch_size", "epochs", "weight_decay", "clip_norm", "evals_per_epoch", "seed", "device",
                     "sequence_length", "horizon"),
        metrics=(TEST_LOSS, Metric("generation_mse", tr_noop("generation MSE"))),
        headline="generation_mse",
        panels=(LossView(y_label=tr_noop("mean squared error"), train=(Curve("loss", tr_noop("train (next value)")),),
                         test=(Curve("test_loss", tr_noop("test (next value)")),
                               Curve("generation_mse", tr_noop("generation"))), log_y=True, place=FULL_WIDTH_TOP),
                SeriesView(title=tr_noop("The series and the forecasts"), truth_label=tr_noop("truth"),
                           series=(Curve("generated", tr_noop("generated")),),
                           boundary_label=tr_noop("primer | free running")),
                GatesView(), GradientsView(step=tr_noop("a time step reads one point of the sequence"))),
    )

    seed_note = SeedNote("004", tr_noop("RNN with 10 hidden units in 2 layers, sequences of 60 points from a random start, "
                                        "Adam 5e-3, then free-running generation from a short primer"), None, None,
                         tr_noop("The note shows the generated wave beside the truth; it reports no number."))
    experiments = (
        Experiment("free-running", tr_noop("One step ahead vs running free"),
                   tr_noop("Generating 100 steps on its own, the error is at least 3× the one-step test error"),
                   (Arm(tr_noop("RNN 10×2"), preset="seed"),),
                   within_run_ratio("generation_mse", "test_loss", 3.0)),
        Experiment("more-epochs", tr_noop("Two epochs vs ten"),
                   tr_noop("After 2 epochs the next-value test MSE is at least 1.5× the one after 10"),
                   (Arm(tr_noop("10 epochs"), preset="seed"), Arm(tr_noop("2 epochs"), preset="seed",
                                                                   config={"epochs": 2})),
                   ratio_at_least("test_loss", 1, 0, 1.5)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._config = TrainConfig()
        self._device = None

    def default_spec(self) -> ModelSpec:
        return ModelSpec(cell="rnn", input_size=1, hidden_size=10, num_layers=2, output_size=1)

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="adam", lr=5e-3, batch_size=16, epochs=10, sequence_length=59, horizon=100,
                           evals_per_epoch=2)

    def presets(self) -> dict[str, Preset]:
        seed = Preset("seed", tr_noop("Seed: RNN 10×2, Adam 5e-3"), self.default_spec(), self.default_config())
        clipped = Preset("clipped", tr_noop("Same, with the gradient norm clipped at 0.5"), self.default_spec(),
                         self.default_config().replace(clip_norm=0.5))
        lstm = Preset("lstm", tr_noop("LSTM 32×1, Adam 1e-2"), ModelSpec(cell="lstm", input_size=1, hidden_size=32,
                                                                          output_size=1),
                      self.default_config().replace(lr=1e-2))
        return {preset.name: preset for preset in (seed, clipped, lstm)}

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import SequenceRegressor
        return SequenceRegressor(spec.replace(input_size=1, output_size=1))

    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        import torch
        self._config, self._device = config, device
        phases = np.random.default_rng(config.seed)
        train = RandomPhases(config.batch_size, config.sequence_length, DT, phases, device)
        values = torch.tensor(wave(np.array(TEST_STARTS), config.sequence_length + 1, DT),
                              dtype=torch.float32, device=device)
        test = [(values[:, :-1, None], values[:, 1:, None])]
        return LessonData(train, test, config.batch_size * BATCHES_PER_EPOCH, len(TEST_STARTS),
                          f"sine sequences of {config.sequence_length} steps (dt = {DT:.3f}), random phases",
                          generators=(phases,))

    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        import torch.nn.functional as F
        inputs, targets = batch
        predictions, _ = model(inputs)
        return StepResult(F.mse_loss(predictions, targets), inputs.shape[0])

    def generate(self, model: "nn.Module", start: float) -> tuple[np.ndarray, np.ndarray]:
        """Prime with PRIMER true values, then feed predictions back for ``horizon`` steps.
        Returns (truth, generated), both covering the horizon."""
        import torch
        horizon = self._config.horizon
        truth = wave(np.array([start]), PRIMER + horizon, DT)[0]
        with torch.no_grad():
            primer = torch.tensor(truth[:PRIMER], dtype=torch.float32, device=self._device).view(1, -1, 1)
            predictions, state = model(primer)
            value = predictions[:, -1:]
            generated = []
            for _ in range(horizon):
                generated.append(float(value))
                value, state = model(value, state)
        return truth[PRIMER:], np.array(generated)

    def extra_metrics(self, model: "nn.Module") -> dict[str, float]:
        errors = [np.mean((generated - truth) ** 2) for truth, generated in
                  (self.generate(model, start) for start in TEST_STARTS)]
        return {"generation_mse": float(np.mean(errors))}

    def snapshot(self, model: "nn.Module") -> tuple:
        index = self.probe.index % len(TEST_STARTS)
        truth, generated = self.generate(model, TEST_STARTS[index])
        steps = np.arange(PRIMER + len(truth))
        full_truth = wave(np.array([TEST_STARTS[index]]), PRIMER + len(truth), DT)[0]
        parts: list = [SeriesFrame((steps, full_truth), {"generated": (steps[PRIMER:], generated)},
                                   boundary=PRIMER - 0.5)]
        if self.probe.enabled:
            import torch

            from workbench.gates import inspect_sequence
            values = torch.tensor(full_truth[:self._config.sequence_length + 1], dtype=torch.float32,
                                  device=self._device)
            parts += inspect_sequence(model.rnn, model.head, values[:-1].view(1, -1, 1), values[1:].view(1, -1, 1),
                                      index)
        return tuple(parts)
