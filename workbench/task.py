"""The lesson contract the trainer, the CLI and the window rely on — all of it, in one place.

A lesson (``tasks/*.py``) says which network to build, which data to feed it, what one step's loss is,
what it shows (:class:`~workbench.views.LessonView`) and what its panels draw
(:mod:`workbench.frames`). It never holds an optimizer or a loop: that is the trainer's job. Lessons
subclass :class:`Lesson`, which supplies the defaults of the optional members; a lesson whose models
the drawing pad or the decoder explorer can use also implements :class:`DigitReader` or
:class:`LatentDecoder`. Nothing outside this protocol is read from a lesson.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Protocol, Sized, runtime_checkable

from workbench.spec import ModelSpec, Preset, TrainConfig
from workbench.views import LessonView, SeedNote

if TYPE_CHECKING:  # torch stays out of the window's start-up path
    import numpy as np
    import torch
    from torch import nn

    from workbench.frames import Frame


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
    generators: tuple = ()      # the torch / numpy generators the batches and steps draw from: a continued
                                # run restores their states, so it draws exactly what the first run would have


@runtime_checkable
class Task(Protocol):
    name: str                       # "mnist-rows": the CLI's --task, the checkpoint's lesson
    title: str                      # English, tr_noop-marked; the window translates it
    view: LessonView                # what the window shows for it
    probe: ProbeSelection           # set by the window, read by snapshot()
    seed_note: SeedNote | None      # the source note's recipe and figure, shown beside the learner's result
    experiments: tuple              # workbench.experiments.Experiment: claims the notes make, checked by runs

    @property
    def metric_names(self) -> tuple[str, ...]: ...          # what an evaluation reports
    def default_spec(self) -> ModelSpec: ...
    def default_config(self) -> TrainConfig: ...
    def presets(self) -> dict[str, Preset]: ...
    def parameter_count(self, spec: ModelSpec) -> int: ...  # without torch, for the form
    def build(self, spec: ModelSpec) -> "nn.Module": ...
    def make_optimizer(self, model: "nn.Module", config: TrainConfig) -> "torch.optim.Optimizer | None": ...
    def data(self, config: TrainConfig, device: "torch.device") -> LessonData: ...
    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult: ...
    def extra_metrics(self, model: "nn.Module") -> dict[str, float]: ...   # beyond averages over batches
    def snapshot(self, model: "nn.Module") -> "tuple[Frame, ...]": ...
    def resume_state(self) -> dict[str, Any]: ...            # carried from epoch to epoch besides the model
    def restore_state(self, state: dict[str, Any]) -> None: ...


class Lesson:
    """Defaults for a :class:`Task`'s optional members; every lesson subclasses it."""

    name: ClassVar[str]
    title: ClassVar[str]
    view: ClassVar[LessonView]
    seed_note: ClassVar[SeedNote | None] = None          # the source note's recipe and figure
    experiments: ClassVar[tuple] = ()                    # workbench.experiments.Experiment, ≥ 2 per lesson

    def __init__(self) -> None:
        self.probe = ProbeSelection()      # the window may replace it with one it shares

    @property
    def metric_names(self) -> tuple[str, ...]:
        return tuple(metric.key for metric in self.view.metrics)

    def parameter_count(self, spec: ModelSpec) -> int:
        """A recurrent stack and its head (lessons with other networks count their own)."""
        return spec.parameter_count()

    def make_optimizer(self, model: "nn.Module", config: TrainConfig) -> "torch.optim.Optimizer | None":
        """None: the trainer builds the optimizer the config names (a race builds one per racer)."""
        return None

    def extra_metrics(self, model: "nn.Module") -> dict[str, float]:
        return {}

    def snapshot(self, model: "nn.Module") -> "tuple[Frame, ...]":
        return ()

    def resume_state(self) -> dict[str, Any]:
        """What the lesson carries from epoch to epoch besides the model (tensors and plain values)."""
        return {}

    def restore_state(self, state: dict[str, Any]) -> None:
        """Take back what :meth:`resume_state` gave, after :meth:`data` (a continued run)."""


@runtime_checkable
class DigitReader(Protocol):
    """A lesson whose models classify 28x28 digits: the drawing pad can use them."""

    def predict(self, model: "nn.Module", images: "np.ndarray") -> "np.ndarray": ...
    def read_digit(self, model: "nn.Module", digit: "np.ndarray") -> "tuple[np.ndarray, np.ndarray]": ...


@runtime_checkable
class LatentDecoder(Protocol):
    """A lesson whose models decode latent codes into digits: the decoder explorer can use them."""

    def decode(self, model: "nn.Module", code: "np.ndarray") -> "np.ndarray": ...
    def reconstruct(self, model: "nn.Module", image: "np.ndarray") -> "np.ndarray": ...
