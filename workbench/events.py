"""What the trainer reports, as small frozen dataclasses of plain Python values and numpy arrays.

They cross threads (the worker forwards them to the window), so none of them holds a tensor or a model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RunStarted:
    task: str
    device: str
    parameter_count: int
    total_steps: int
    steps_per_epoch: int
    epochs: int
    train_size: int
    test_size: int
    data_description: str


@dataclass(frozen=True)
class StepEnded:
    step: int                # 1-based count of optimizer steps so far
    epoch: int               # 1-based
    loss: float
    grad_norm: float         # before clipping
    lr: float
    samples: int             # training samples seen so far
    seconds: float           # wall time since the first step, pauses excluded (evaluations included)
    total_steps: int
    train_seconds: float = 0.0   # time inside optimizer steps only: the basis of the speed figure
    logs: dict = field(default_factory=dict)   # the task's named per-step values (StepResult.logs)
    threads: int = 0             # CPU threads training used, fewer than thread_ceiling while giving way to
    thread_ceiling: int = 0      # other programs (workbench/threads.py): the count it would use with the
                                 # cores free (in the window, one where one thread measured faster); 0: fixed

    @property
    def samples_per_s(self) -> float:
        return self.samples / self.train_seconds if self.train_seconds > 0 else 0.0

    @property
    def eta_s(self) -> float:
        return self.seconds / self.step * (self.total_steps - self.step) if self.step else float("nan")


@dataclass(frozen=True)
class EvalEnded:
    step: int
    epoch: int
    metrics: dict[str, float]   # e.g. test_loss, test_accuracy


@dataclass(frozen=True)
class Snapshot:
    step: int
    parts: tuple                # workbench.frames dataclasses (numpy copies) for the panels
    tag: str | None = None      # e.g. the cell being trained in an RNN / LSTM / GRU comparison


@dataclass(frozen=True)
class RunFinished:
    """The run ended normally or was stopped; ``metrics`` is the JSON-able summary."""

    stopped: bool
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RunFailed:
    message: str
