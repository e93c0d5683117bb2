"""Lesson (PyTorch basics): SGD, SGD with momentum, RMSprop and Adam race on the same problem.

From seed note 003: 1,000 points of y = x² + 0.1·N(0, 1) on [-1, 1], a 1-20-1 ReLU network, batches of
32, 12 epochs, lr 0.01 for all four; momentum 0.8, RMSprop alpha 0.9, Adam betas (0.9, 0.99). The four
copies of the network start from identical weights and see identical batches (one worker, one data
stream), so the only difference between the curves is the optimizer.

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.errors import tr_noop
from workbench.spec import ModelSpec, Preset, TrainConfig, linear_parameter_count, parse_rates
from workbench.experiments import Arm, Experiment, within_run_ratio
from workbench.views import SeedNote
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import TEST_LOSS, Curve, LessonView, LossView, Metric, Place

if TYPE_CHECKING:
    import torch
    from torch import nn

RACERS = ("sgd", "momentum", "rmsprop", "adam")
RACER_NAMES = {"sgd": tr_noop("SGD"), "momentum": tr_noop("Momentum"), "rmsprop": tr_noop("RMSprop"),
               "adam": tr_noop("Adam")}
POINTS = 1000


class OptimizerRace(Lesson):
    name = "optimizer-race"
    title = tr_noop("Basics: the optimizer race")
    view = LessonView(
        form_fields=("hidden_size", "activation", "race_lrs", "batch_size", "epochs", "evals_per_epoch", "seed",
                     "device"),
        metrics=(TEST_LOSS, Metric("test_sgd", tr_noop("SGD test MSE")),
                 Metric("test_momentum", tr_noop("Momentum test MSE")),
                 Metric("test_rmsprop", tr_noop("RMSprop test MSE")), Metric("test_adam", tr_noop("Adam test MSE"))),
        headline="test_adam",
        # The four train curves tell the story; the test MSEs are in the metrics.
        panels=(LossView(y_label=tr_noop("mean squared error"),
                         train=tuple(Curve(f"train_{racer}", RACER_NAMES[racer]) for racer in RACERS), test=(),
                         place=Place(0, 0, 2, 2)),),
        note=tr_noop("The four networks start from identical weights and see the same batches in the same order: "
                     "the only difference is the optimizer."),
    )

    seed_note = SeedNote("003", tr_noop("1,000 points of y = x² + 0.1·N(0, 1), a 1-20-1 ReLU network per optimizer, "
                                        "batches of 32, lr 0.01 for SGD, Momentum 0.8, RMSprop α 0.9 and Adam β (0.9, "
                                        "0.99), 12 epochs"), None, None,
                         tr_noop("The note's figure is the four loss curves: SGD lags far behind the other three."))
    experiments = (
        Experiment("adaptive-wins", tr_noop("Same learning rate for all four"),
                   tr_noop("After 3 epochs at lr 0.01 for all, SGD's test MSE is at least 2× Adam's"),
                   (Arm(tr_noop("all at 0.01, 3 epochs"), preset="morvan", config={"epochs": 3}),),
                   within_run_ratio("test_sgd", "test_adam", 2.0)),
        Experiment("fair-rates", tr_noop("Each at a rate that suits it"),
                   tr_noop("With SGD at lr 0.1, its test MSE after 12 epochs comes within 3× Adam's"),
                   (Arm(tr_noop("rates 0.1, 0.05, 0.005, 0.005"), preset="fair-rates"),),
                   within_run_ratio("test_sgd", "test_adam", 3.0, at_most=True)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._config = TrainConfig()

    def default_spec(self) -> ModelSpec:
        return ModelSpec(architecture="mlp", input_size=1, hidden_size=20, output_size=1, activation="relu")

    def default_config(self) -> TrainConfig:
        return TrainConfig(batch_size=32, epochs=12, evals_per_epoch=1, race_lrs="0.01, 0.01, 0.01, 0.01")

    def presets(self) -> dict[str, Preset]:
        seed = Preset("morvan", tr_noop("Morvan: 1-20-1 ReLU, lr 0.01 for all, batch 32, 12 epochs"),
                      self.default_spec(), self.default_config())
        tuned = Preset("fair-rates", tr_noop("Each at a rate that suits it: 0.1, 0.05, 0.005, 0.005"),
                       self.default_spec(), self.default_config().replace(race_lrs="0.1, 0.05, 0.005, 0.005"))
        return {preset.name: preset for preset in (seed, tuned)}

    def parameter_count(self, spec: ModelSpec) -> int:
        return len(RACERS) * linear_parameter_count(1, spec.hidden_size, 1)

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import RaceNets
        return RaceNets(spec.replace(input_size=1, output_size=1), RACERS)

    def make_optimizer(self, model: "nn.Module", config: TrainConfig):
        """One optimizer per racer, each over its own copy of the network."""
        import torch

        from workbench.models import MultiOptimizer
        sgd, momentum, rmsprop, adam = parse_rates(config.race_lrs)
        nets = model.nets
        return MultiOptimizer([
            torch.optim.SGD(nets[0].parameters(), lr=sgd),
            torch.optim.SGD(nets[1].parameters(), lr=momentum, momentum=0.8),
            torch.optim.RMSprop(nets[2].parameters(), lr=rmsprop, alpha=0.9),
            torch.optim.Adam(nets[3].parameters(), lr=adam, betas=(0.9, 0.99)),
        ])

    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        import torch

        from workbench.batching import TensorBatches
        self._config = config
        rng = np.random.default_rng(config.seed)
        x = np.linspace(-1, 1, POINTS)
        y = x ** 2 + 0.1 * rng.normal(size=POINTS)
        y_test = x ** 2 + 0.1 * rng.normal(size=POINTS)

        def tensor(values):
            return torch.tensor(values, dtype=torch.float32, device=device).view(-1, 1)

        train = TensorBatches(tensor(x), tensor(y), config.batch_size,
                              generator=torch.Generator().manual_seed(config.seed))
        test = TensorBatches(tensor(x), tensor(y_test), POINTS)
        return LessonData(train, test, POINTS, POINTS, f"{POINTS} points of x² + noise, shared by the four racers",
                          generators=(train.generator,))

    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        inputs, targets = batch
        predictions = model(inputs)                                   # (racers, batch, 1)
        per_racer = ((predictions - targets[None]) ** 2).mean(dim=(1, 2))
        size = len(inputs)
        return StepResult(per_racer.sum(), size,
                          sums={racer: per_racer[index].detach() * size for index, racer in enumerate(RACERS)},
                          logs={f"train_{racer}": per_racer[index].detach() for index, racer in enumerate(RACERS)})

