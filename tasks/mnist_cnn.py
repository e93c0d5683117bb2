"""Lesson (PyTorch basics): the seed's small CNN on the same MNIST split as the row-by-row lesson.

From seed note 003 (after Morvan): conv 5×5 with 16 filters, ReLU, 2×2 max-pool; conv 5×5 with 32 filters,
ReLU, 2×2 max-pool; a linear layer to 10 classes. The seed trains 1 epoch with Adam 1e-3 and batch 50
on the full MNIST; on the embedded 4,000 digits its settings give about 93.8% in 3 epochs, and Adam
2e-3 with batch 32 gives about 96%, the default here. Same data, same split, same pixel scaling as the
LSTM lesson, so their accuracy and speed compare directly — and its checkpoints work in the drawing pad.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tasks.mnist_rows import MnistRows, to_input
from workbench.errors import tr_noop
from workbench.experiments import Arm, Experiment, at_least, points_ahead
from workbench.views import SeedNote
from workbench.frames import FilterFrame
from workbench.spec import ModelSpec, Preset, TrainConfig
from workbench.views import (TEST_ACCURACY, TEST_LOSS, DigitGridView, DrawingPadView, FiltersView, LessonView,
                             LossView, MetricView, Place)

if TYPE_CHECKING:
    from torch import nn


class MnistCnn(MnistRows):
    """Everything but the network is the row-by-row lesson's: data, split, step, grid, drawing pad."""

    name = "mnist-cnn"
    title = tr_noop("Basics: a small CNN on MNIST")
    view = LessonView(
        form_fields=("optimizer", "lr", "schedule", "batch_size", "epochs", "weight_decay", "clip_norm",
                     "label_smoothing", "shift_px", "evals_per_epoch", "seed", "device", "data_root", "download"),
        metrics=(TEST_LOSS, TEST_ACCURACY),
        headline="test_accuracy",
        panels=(LossView(), MetricView(), DigitGridView(place=Place(0, 1)), FiltersView(),
                DrawingPadView(row_axis=tr_noop("image row (rows shown so far)"))),
    )

    seed_note = SeedNote("003", tr_noop("two 5×5 convolutions (16 and 32 filters) with max-pooling, Adam 1e-3, batch 50, "
                            "1 epoch on the full training set"), None, None,
                    tr_noop("The note prints the accuracy as it trains but states no final figure; on the embedded "
                            "4,000 digits one epoch already passes 90 %."))
    experiments = (
        Experiment("one-epoch", tr_noop("One epoch of the CNN"),
                   tr_noop("One epoch on 4,000 digits reaches at least 90 % test accuracy"),
                   (Arm(tr_noop("CNN, 1 epoch"), config={"epochs": 1}),), at_least("test_accuracy", 0.90, percent=True)),
        Experiment("too-fast", tr_noop("A learning rate 25× too high"),
                   tr_noop("Adam at lr 0.05 ends at least 20 points below Adam at lr 0.002 after one epoch"),
                   (Arm(tr_noop("lr 0.002"), config={"epochs": 1}), Arm(tr_noop("lr 0.05"), config={"epochs": 1, "lr": 0.05})),
                   points_ahead("test_accuracy", 0, 1, 20.0)),
    )

    def default_spec(self) -> ModelSpec:
        return ModelSpec(architecture="cnn", output_size=10)

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="adam", lr=2e-3, batch_size=32, epochs=3)

    def presets(self) -> dict[str, Preset]:
        tuned = Preset("default", tr_noop("CNN, Adam 2e-3, batch 32, 3 epochs"), self.default_spec(),
                       self.default_config())
        seed = Preset("morvan", tr_noop("Morvan: CNN, Adam 1e-3, batch 50"), self.default_spec(),
                      self.default_config().replace(lr=1e-3, batch_size=50))
        return {preset.name: preset for preset in (tuned, seed)}

    def parameter_count(self, spec: ModelSpec) -> int:
        return (16 * 25 + 16) + (32 * 16 * 25 + 32) + (32 * 7 * 7 * 10 + 10)

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import TwoConvCNN
        return TwoConvCNN(spec)

    def snapshot(self, model: "nn.Module") -> tuple:
        from workbench.models import mirror_payload
        return (self.guesses(model), FilterFrame(model.conv1[0].weight.detach().cpu().numpy()[:, 0]),  # (16, 5, 5)
                mirror_payload(self.name, model))

    def read_digit(self, model: "nn.Module", digit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities for the digit, and with only rows 0..t shown (the rest blank), for each t."""
        import torch
        device = next(model.parameters()).device
        prefixes = np.repeat(np.ascontiguousarray(digit, dtype=np.uint8)[None], 28, axis=0)
        for t in range(27):
            prefixes[t, t + 1:] = 0
        with torch.no_grad():
            per_row = model(to_input(torch.from_numpy(prefixes).to(device))).softmax(dim=1).cpu().numpy()
        return per_row[-1], per_row
