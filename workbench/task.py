"""The lesson contract the trainer, the CLI and the window rely on.

A lesson (``tasks/*.py``) says which network to build, which data to feed it, what one step's loss is,
and what the panels should draw. It never holds an optimizer or a loop: that is the trainer's job.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Protocol, Sized

from workbench.spec import ModelSpec, Preset, TrainConfig

if TYPE_CHECKING:  # torch stays out of the window's start-up path
    import numpy as np
    import torch
    from torch import nn


@dataclass
class StepResult:
    """One batch's outcome.

    ``loss`` is the mean loss the optimizer minimises; ``sums`` are per-sample quantities summed over
    the batch (e.g. ``{"accuracy": number_correct}``) that the trainer averages over an evaluation.
    """

    loss: "torch.Tensor"
    size: int
    sums: dict[str, "torch.Tensor"] = field(default_factory=dict)
    logs: dict[str, "torch.Tensor"] = field(default_factory=dict)   # per-step curves, e.g. each model's loss


class ProbeSelection:
    """Which input the "inside the cell" panels look at, shared between the window and the worker.

    The window sets ``index`` (a test sample) or ``image`` (a drawn input, which wins when set); the
    task reads them at each snapshot. Plain attribute writes and reads are atomic in CPython, so no
    lock is needed for these two independent values.
    """

    def __init__(self, index: int = 0, image: "np.ndarray | None" = None, enabled: bool = True) -> None:
        self.index = index
        self.image = image
        self.samples: "list[int] | None" = None   # test samples a panel asked for (autoencoder grid)
        self.enabled = enabled   # False: snapshots skip the gates (bench/gates_cost.py measures the saving)


class Batches(Iterable, Sized, Protocol):
    """Re-iterable batches with a known length (the trainer needs it for progress and ETA)."""


@dataclass(frozen=True)
class LessonData:
    """The batches a run trains and evaluates on, and how many samples each holds."""

    train: Batches
    test: Batches
    train_size: int
    test_size: int
    description: str
    facts: dict[str, Any] = field(default_factory=dict)   # JSON-able facts for the run's summary (e.g. which
                                                           # CSV column a series came from)


class Task(Protocol):
    name: str
    title: str                      # English; the window translates it
    panels: tuple[str, ...]         # which panels the window shows
    metric_names: tuple[str, ...]   # what an evaluation reports, e.g. ("test_loss", "test_accuracy")

    def default_spec(self) -> ModelSpec: ...
    def default_config(self) -> TrainConfig: ...
    def presets(self) -> dict[str, Preset]: ...
    def build(self, spec: ModelSpec) -> "nn.Module": ...
    def data(self, config: TrainConfig, device: "torch.device") -> LessonData: ...
    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult: ...
    def snapshot(self, model: "nn.Module") -> dict[str, "np.ndarray"]: ...
