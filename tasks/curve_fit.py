"""Lesson (PyTorch basics): a tiny MLP fits y = x² + noise, and the curve bends into shape as it learns.

From seed note 003 (after Morvan): 100 points x in [-1, 1], y = x² + 0.2·U(0, 1), a 1-10-1 network
with ReLU, plain SGD at lr 0.2, full-batch steps. The hidden width and activation are in the form.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.errors import tr_noop
from workbench.spec import ModelSpec, Preset, TrainConfig, linear_parameter_count
from workbench.frames import SeriesFrame
from workbench.experiments import Arm, Experiment, at_most, ratio_at_least
from workbench.views import SeedNote
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import FULL_WIDTH_TOP, TEST_LOSS, Curve, LessonView, LossView, SeriesView

if TYPE_CHECKING:
    import torch
    from torch import nn

POINTS = 100
STEPS_PER_EPOCH = 10


def noisy_parabola(seed: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(-1, 1, POINTS)
    return x, x ** 2 + 0.2 * np.random.default_rng(seed).random(POINTS)


class CurveFit(Lesson):
    name = "curve-fit"
    title = tr_noop("Basics: fitting a curve (y = x² + noise)")
    view = LessonView(
        form_fields=("hidden_size", "activation", "optimizer", "lr", "epochs", "weight_decay", "evals_per_epoch",
                     "seed", "device"),
        metrics=(TEST_LOSS,),
        headline="test_loss",
        panels=(LossView(y_label=tr_noop("mean squared error"), train=(Curve("loss", tr_noop("train")),),
                         test=(Curve("test_loss", tr_noop("test (new noise)")),), place=FULL_WIDTH_TOP),
                SeriesView(title=tr_noop("The data and the network's curve"), truth_label=tr_noop("data (x² + noise)"),
                           series=(Curve("fit", tr_noop("network")),), truth_as_points=True, x_label="x", y_label="y")),
    )

    seed_note = SeedNote("003", tr_noop("100 points of y = x² + 0.2·U(0, 1), a 1-10-1 network with ReLU, SGD lr 0.2, "
                                        "full-batch steps"), None, None,
                         tr_noop("The note shows the red curve bending onto the points as it trains; it reports no "
                                 "number."))
    experiments = (
        Experiment("fits", tr_noop("The seed's recipe fits the parabola"),
                   tr_noop("After 20 epochs the test MSE is at most 0.01 (the noise alone gives about 0.0033)"),
                   (Arm(tr_noop("1-10-1 ReLU, SGD 0.2"), preset="morvan"),), at_most("test_loss", 0.01)),
        Experiment("tiny-lr", tr_noop("A learning rate 100× smaller"),
                   tr_noop("At lr 0.002 the test MSE after 20 epochs is at least 5× the one at lr 0.2"),
                   (Arm(tr_noop("lr 0.2"), preset="morvan"), Arm(tr_noop("lr 0.002"), preset="morvan",
                                                                  config={"lr": 0.002})),
                   ratio_at_least("test_loss", 1, 0, 5.0)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None
        self._device = None

    def default_spec(self) -> ModelSpec:
        return ModelSpec(architecture="mlp", input_size=1, hidden_size=10, output_size=1, activation="relu")

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="sgd", lr=0.2, batch_size=POINTS, epochs=20, evals_per_epoch=1)

    def presets(self) -> dict[str, Preset]:
        seed = Preset("morvan", tr_noop("Morvan: 1-10-1 ReLU, SGD 0.2"), self.default_spec(), self.default_config())
        wide = Preset("wide-tanh", tr_noop("1-50-1 tanh, Adam 0.02"),
                      self.default_spec().replace(hidden_size=50, activation="tanh"),
                      self.default_config().replace(optimizer="adam", lr=0.02))
        return {preset.name: preset for preset in (seed, wide)}

    def parameter_count(self, spec: ModelSpec) -> int:
        return linear_parameter_count(1, spec.hidden_size, 1)

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import SmallMLP
        return SmallMLP(spec.replace(input_size=1, output_size=1))

    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        import torch

        from workbench.batching import FullBatch
        self._device = device
        x, y = noisy_parabola(config.seed)
        _, y_test = noisy_parabola(config.seed + 1000)
        self._x, self._y = x, y

        def tensors(values):
            return torch.tensor(values, dtype=torch.float32, device=device).view(-1, 1)

        train = FullBatch((tensors(x), tensors(y)), STEPS_PER_EPOCH)
        test = FullBatch((tensors(x), tensors(y_test)), 1)
        return LessonData(train, test, POINTS, POINTS, f"{POINTS} points of x² + noise")

    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        import torch.nn.functional as F
        inputs, targets = batch
        return StepResult(F.mse_loss(model(inputs), targets), len(inputs))

    def snapshot(self, model: "nn.Module") -> tuple:
        import torch
        grid = np.linspace(-1.1, 1.1, 200)
        with torch.no_grad():
            fitted = model(torch.tensor(grid, dtype=torch.float32, device=self._device).view(-1, 1))
        return (SeriesFrame((self._x, self._y), {"fit": (grid, fitted.cpu().numpy().ravel())}),)
