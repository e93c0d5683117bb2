"""Lesson (PyTorch basics): two clouds of points and a classifier drawing the line between them.

From seed note 003: 100 points around (2, 2) are class 0, 100 around (-2, -2) class 1 (standard
deviation 1), a 2-10-2 network with ReLU, SGD at lr 0.02. The window shades the plane by the
network's probability of class 1, so the boundary moves as it learns.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.errors import tr_noop
from workbench.spec import ModelSpec, Preset, TrainConfig, linear_parameter_count
from workbench.frames import DecisionFrame
from workbench.experiments import Arm, Experiment, at_least, ratio_at_least
from workbench.views import SeedNote
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import TEST_ACCURACY, TEST_LOSS, BoundaryView, Curve, LessonView, LossView, MetricView

if TYPE_CHECKING:
    import torch
    from torch import nn

PER_CLASS = 100
FIELD_SIZE = 80               # the probability field is FIELD_SIZE x FIELD_SIZE
FIELD_EXTENT = (-6.0, 6.0)
STEPS_PER_EPOCH = 10


def clouds(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    points = np.concatenate([rng.normal(2.0, 1.0, (PER_CLASS, 2)), rng.normal(-2.0, 1.0, (PER_CLASS, 2))])
    labels = np.concatenate([np.zeros(PER_CLASS, dtype=np.int64), np.ones(PER_CLASS, dtype=np.int64)])
    return points, labels


class TwoClass(Lesson):
    name = "two-class"
    title = tr_noop("Basics: two clouds, one boundary")
    view = LessonView(
        form_fields=("hidden_size", "activation", "optimizer", "lr", "epochs", "weight_decay", "evals_per_epoch",
                     "seed", "device"),
        metrics=(TEST_LOSS, TEST_ACCURACY),
        headline="test_accuracy",
        panels=(LossView(train=(Curve("loss", tr_noop("train")),), test=(Curve("test_loss", tr_noop("test (new points)")),)),
                MetricView(), BoundaryView(extent=FIELD_EXTENT)),
    )

    seed_note = SeedNote("003", tr_noop("two Gaussian clouds of 100 points around (2, 2) and (−2, −2), a 2-10-2 network "
                                        "with ReLU, SGD lr 0.02, cross-entropy"), None, None,
                         tr_noop("The note shows the points coloured by the network's answer, all right at the end; it "
                                 "prints the accuracy as it trains."))
    experiments = (
        Experiment("separable", tr_noop("Two clouds, one line"),
                   tr_noop("The seed's recipe classifies at least 97 % of new points right"),
                   (Arm(tr_noop("2-10-2 ReLU, SGD 0.02"), preset="morvan"),),
                   at_least("test_accuracy", 0.97, percent=True)),
        Experiment("tiny-lr", tr_noop("A learning rate 40× smaller"),
                   tr_noop("At lr 0.0005 the test loss after 10 epochs is at least 2× the one at lr 0.02"),
                   (Arm(tr_noop("lr 0.02"), preset="morvan"), Arm(tr_noop("lr 0.0005"), preset="morvan",
                                                                   config={"lr": 0.0005})),
                   ratio_at_least("test_loss", 1, 0, 2.0)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._points = self._labels = None
        self._device = None

    def default_spec(self) -> ModelSpec:
        return ModelSpec(architecture="mlp", input_size=2, hidden_size=10, output_size=2, activation="relu")

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="sgd", lr=0.02, batch_size=2 * PER_CLASS, epochs=10, evals_per_epoch=1)

    def presets(self) -> dict[str, Preset]:
        seed = Preset("morvan", tr_noop("Morvan: 2-10-2 ReLU, SGD 0.02"), self.default_spec(), self.default_config())
        fast = Preset("adam", tr_noop("2-10-2 tanh, Adam 0.05"), self.default_spec().replace(activation="tanh"),
                      self.default_config().replace(optimizer="adam", lr=0.05))
        return {preset.name: preset for preset in (seed, fast)}

    def parameter_count(self, spec: ModelSpec) -> int:
        return linear_parameter_count(2, spec.hidden_size, 2)

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import SmallMLP
        return SmallMLP(spec.replace(input_size=2, output_size=2))

    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        import torch

        from workbench.batching import FullBatch
        self._device = device
        self._points, self._labels = clouds(config.seed)
        test_points, test_labels = clouds(config.seed + 1000)

        def tensors(points, labels):
            return (torch.tensor(points, dtype=torch.float32, device=device), torch.tensor(labels, device=device))

        return LessonData(FullBatch(tensors(self._points, self._labels), STEPS_PER_EPOCH),
                          FullBatch(tensors(test_points, test_labels), 1), 2 * PER_CLASS, 2 * PER_CLASS,
                          "two Gaussian clouds, 100 points each")

    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        import torch.nn.functional as F
        points, labels = batch
        logits = model(points)
        correct = (logits.argmax(dim=1) == labels).sum()
        return StepResult(F.cross_entropy(logits, labels), len(labels), {"accuracy": correct})

    def probability_field(self, model: "nn.Module") -> np.ndarray:
        """P(class 1) on a FIELD_SIZE x FIELD_SIZE grid over FIELD_EXTENT², rows = y (bottom up), cols = x."""
        import torch
        axis = np.linspace(*FIELD_EXTENT, FIELD_SIZE)
        xs, ys = np.meshgrid(axis, axis)
        grid = torch.tensor(np.stack([xs.ravel(), ys.ravel()], axis=1), dtype=torch.float32, device=self._device)
        with torch.no_grad():
            return model(grid).softmax(dim=1)[:, 1].view(FIELD_SIZE, FIELD_SIZE).cpu().numpy()

    def snapshot(self, model: "nn.Module") -> tuple:
        return (DecisionFrame(self.probability_field(model), FIELD_EXTENT, self._points, self._labels),)
