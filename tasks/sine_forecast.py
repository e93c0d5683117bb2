"""Lesson: a GRU and an MLP learn to forecast a noisy sine, side by side, then run on their own.

From seed note 002: a 1,000-point noisy sine (here resources/data/noisy_sine.csv, see
tools/make_noisy_sine.py), the first 80% to train on and the last 20% to test; windows of 20 steps; a
GRU with 16 hidden units whose state is carried from window to window, and an MLP 32-16 that sees only
the current value; Adam 5e-4 for 150 epochs. After training each model forecasts the test part
autoregressively — every prediction is fed back as its next input. The MLP cannot tell a rising value
from a falling one and its rollout collapses; the GRU's memory keeps the wave going.

Any one-column CSV of numbers can replace the sine. Values are standardised with the training part's
mean and standard deviation, so the MSE figures are in standard deviations squared.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import numpy as np

from workbench.errors import DataError, tr_noop
from workbench.series import Series, load_series
from workbench.spec import ModelSpec, Preset, TrainConfig
from workbench.frames import SeriesFrame
from workbench.experiments import Arm, Experiment, within_run_ratio
from workbench.views import SeedNote
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import (FULL_WIDTH_TOP, TEST_LOSS, Curve, GatesView, GradientsView, LessonView, LossView, Metric,
                             SeriesView)

if TYPE_CHECKING:
    import torch
    from torch import nn

TRAIN_FRACTION = 0.8


class Windows:
    """Consecutive windows of ``length`` steps over a 1-D tensor: inputs s[i:i+L], targets s[i+1:i+L+1]."""

    def __init__(self, series: "torch.Tensor", length: int) -> None:
        self.series, self.length = series, length
        self.count = (len(series) - 1) // length

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple]:
        for index in range(self.count):
            start = index * self.length
            inputs = self.series[start:start + self.length].view(1, -1, 1)
            targets = self.series[start + 1:start + self.length + 1].view(1, -1, 1)
            yield index, inputs, targets


def check_windows(series: Series, split: int, steps: int) -> None:
    """Refuse a series too short for at least one training and one test window of ``steps`` steps."""
    def windows(count: int) -> tuple[int, int]:
        cut = int(count * TRAIN_FRACTION)
        return (cut - 1) // steps, (count - cut) // steps
    if min(windows(len(series.values))) >= 1:
        return
    needed = next(count for count in range(2, 10**7) if min(windows(count)) >= 1)
    raise DataError(tr_noop("{source} has {count} values: {train} to train on and {test} to test on, but windows of "
                            "{steps} steps need at least {needed} values; use a longer series or fewer steps per "
                            "window"), source=series.source, count=len(series.values), train=split,
                    test=len(series.values) - split, steps=steps, needed=needed)


class SineForecast(Lesson):
    name = "sine-forecast"
    title = tr_noop("GRU vs MLP: forecasting a noisy sine")
    view = LessonView(
        form_fields=("cell", "hidden_size", "num_layers", "dropout", "nonlinearity", "optimizer", "lr", "schedule",
                     "epochs", "weight_decay", "clip_norm", "evals_per_epoch", "seed", "device", "sequence_length",
                     "carry_hidden", "csv_path", "csv_column"),
        metrics=(TEST_LOSS, Metric("test_gru_mse", tr_noop("recurrent one-step test MSE")),
                 Metric("test_mlp_mse", tr_noop("MLP one-step test MSE")),
                 Metric("rollout_gru_mse", tr_noop("recurrent rollout MSE")),
                 Metric("rollout_mlp_mse", tr_noop("MLP rollout MSE"))),
        headline="rollout_gru_mse",
        panels=(LossView(y_label=tr_noop("mean squared error (standardised)"),
                         train=(Curve("train_gru", tr_noop("recurrent: train")), Curve("train_mlp", tr_noop("MLP: train"))),
                         test=(Curve("test_gru_mse", tr_noop("recurrent: test (one step ahead)")),
                               Curve("test_mlp_mse", tr_noop("MLP: test (one step ahead)")),
                               Curve("rollout_gru_mse", tr_noop("recurrent: rollout")),
                               Curve("rollout_mlp_mse", tr_noop("MLP: rollout"))),
                         log_y=True,     # rollout errors and one-step errors differ by decades
                         place=FULL_WIDTH_TOP),
                SeriesView(title=tr_noop("The series and the forecasts"), truth_label=tr_noop("truth"),
                           series=(Curve("recurrent", tr_noop("recurrent model, on its own")),
                                   Curve("mlp", tr_noop("MLP, on its own"))),
                           boundary_label=tr_noop("train | test")),
                GatesView(), GradientsView(step=tr_noop("a time step reads one value of the series"))),
    )

    seed_note = SeedNote("002", tr_noop("GRU with 16 hidden units vs an MLP 20-32-16-1, sequences of 20, Adam 5e-4, "
                                        "150 epochs, 80/20 split of a 1,000-point noisy sine, hidden state carried"),
                         None, None,
                         tr_noop("The note's figure is a plot: the GRU's free-running forecast follows the wave while "
                                 "the MLP's flattens out. The experiments use the quicker recipe (Adam 5e-3, 20 epochs)."))
    experiments = (
        Experiment("rollout", tr_noop("GRU vs MLP, forecasting on their own"),
                   tr_noop("Over the test part the MLP's free-running forecast has at least 3× the GRU's MSE"),
                   (Arm(tr_noop("GRU 16 and MLP 32-16"), preset="quick"),),
                   within_run_ratio("rollout_mlp_mse", "rollout_gru_mse", 3.0)),
        Experiment("one-step", tr_noop("One step ahead, both look good"),
                   tr_noop("Predicting one step ahead from the true values, the MLP's test MSE is within 5× the GRU's "
                           "(while its forecast on its own is far worse)"),
                   (Arm(tr_noop("GRU 16 and MLP 32-16"), preset="quick"),),
                   within_run_ratio("test_mlp_mse", "test_gru_mse", 5.0, at_most=True)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._config = TrainConfig()
        self._train_state = None
        self._eval_state = None
        self._series: np.ndarray | None = None
        self._scale = (0.0, 1.0)
        self._train: "torch.Tensor | None" = None
        self._test: "torch.Tensor | None" = None
        self._last_rollouts: tuple[np.ndarray, np.ndarray] | None = None   # from the latest evaluation

    def default_spec(self) -> ModelSpec:
        return ModelSpec(cell="gru", input_size=1, hidden_size=16, num_layers=1, output_size=1)

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="adam", lr=5e-4, batch_size=1, epochs=150, sequence_length=20,
                           carry_hidden=True, evals_per_epoch=1)

    def presets(self) -> dict[str, Preset]:
        seed = Preset("seed", tr_noop("Seed: GRU 16 vs MLP 32-16, Adam 5e-4, 150 epochs"),
                      self.default_spec(), self.default_config())
        quick = Preset("quick", tr_noop("Quick look: GRU 16, Adam 5e-3, 20 epochs"),
                       self.default_spec(), self.default_config().replace(lr=5e-3, epochs=20))
        lstm = Preset("lstm", tr_noop("LSTM 16 instead of the GRU"), self.default_spec().replace(cell="lstm"),
                      self.default_config())
        return {preset.name: preset for preset in (seed, quick, lstm)}

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import ForecastPair
        return ForecastPair(spec.replace(input_size=1, output_size=1))

    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        import torch
        self._config = config
        loaded = load_series(config.csv_path, config.csv_column)
        series = loaded.values
        split = int(len(series) * TRAIN_FRACTION)
        check_windows(loaded, split, config.sequence_length)
        mean, std = float(series[:split].mean()), float(series[:split].std()) or 1.0
        self._scale = (mean, std)
        self._series = series
        standard = torch.tensor((series - mean) / std, dtype=torch.float32, device=device)
        self._train, self._test = standard[:split], standard[split - 1:]   # the test part starts from the
        self._train_state = self._eval_state = None                          # last training value
        self._last_rollouts = None
        train = Windows(self._train, config.sequence_length)
        test = Windows(self._test, config.sequence_length)
        return LessonData(train, test, len(train), len(test),
                          f"{loaded.describe()}, {split} train / {len(series) - split} test",
                          facts={"series_column": loaded.column, "series_length": len(series),
                                 "filled_missing": loaded.filled_missing})

    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        import torch.nn.functional as F

        from workbench.models import detach_state
        index, inputs, targets = batch
        if training:
            if index == 0 or not self._config.carry_hidden:
                self._train_state = None     # each epoch reads the series from its start
            state = self._train_state
        else:
            if index == 0:
                self._eval_state = self._warm_state(model)
            state = self._eval_state if self._config.carry_hidden else None
        predictions, state = model.recurrent(inputs, state)
        recurrent_loss = F.mse_loss(predictions, targets)
        mlp_loss = F.mse_loss(model.mlp(inputs.view(-1, 1)).view_as(targets), targets)
        if training:
            self._train_state = detach_state(state)
        else:
            self._eval_state = detach_state(state)
        size = inputs.shape[1]
        return StepResult(recurrent_loss + mlp_loss, size,
                          sums={"gru_mse": recurrent_loss.detach() * size, "mlp_mse": mlp_loss.detach() * size},
                          logs={"train_gru": recurrent_loss.detach(), "train_mlp": mlp_loss.detach()})

    def _warm_state(self, model: "nn.Module"):
        """The recurrent state after reading the whole training part: where the test part begins."""
        _, state = model.recurrent(self._train[:-1].view(1, -1, 1))
        return state

    def rollouts(self, model: "nn.Module") -> tuple[np.ndarray, np.ndarray]:
        """Both models forecasting the test part on their own, each prediction fed back as input."""
        import torch
        steps = len(self._test) - 1
        with torch.no_grad():
            state = self._warm_state(model)
            value = self._test[:1].view(1, 1, 1)
            recurrent = []
            for _ in range(steps):
                value, state = model.recurrent(value, state)
                recurrent.append(float(value))
            value = self._test[:1].view(1, 1)
            mlp = []
            for _ in range(steps):
                value = model.mlp(value)
                mlp.append(float(value))
        return np.array(recurrent), np.array(mlp)

    def extra_metrics(self, model: "nn.Module") -> dict[str, float]:
        recurrent, mlp = self._last_rollouts = self.rollouts(model)
        truth = self._test[1:].cpu().numpy()
        return {"rollout_gru_mse": float(np.mean((recurrent - truth) ** 2)),
                "rollout_mlp_mse": float(np.mean((mlp - truth) ** 2))}

    def snapshot(self, model: "nn.Module") -> tuple:
        mean, std = self._scale
        # Rollouts are 2 x 200 single steps: reuse the latest evaluation's rather than redo them per frame.
        recurrent, mlp = self._last_rollouts or self.rollouts(model)
        split = len(self._train)
        x_test = np.arange(split, split + len(recurrent))
        parts: list = [SeriesFrame((np.arange(len(self._series)), self._series),
                                   {"recurrent": (x_test, recurrent * std + mean), "mlp": (x_test, mlp * std + mean)},
                                   boundary=split - 0.5)]
        if self.probe.enabled:
            from workbench.gates import inspect_sequence
            windows = list(Windows(self._test, self._config.sequence_length))
            index = self.probe.index % len(windows)
            _, inputs, targets = windows[index]
            parts += inspect_sequence(model.rnn, model.head, inputs, targets, index)
        return tuple(parts)
