"""What a run needs to continue exactly where it stopped, as plain data ``torch.load(weights_only=True)``
accepts: counters, the optimizer's and the schedule's state, every random generator the run draws from,
and the lesson's own state (e.g. a hidden state carried from window to window).

It travels in the checkpoint's ``resume`` entry (workbench/checkpoint.py). Restoring all of it makes the
continued run step for step the run that was never interrupted (on CPU, same seed): at an epoch boundary,
and inside an epoch, where the epoch's own draws are made again from ``epoch_rng`` first (trainer.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from workbench.errors import CheckpointError, tr_noop

RESUME_VERSION = 1


@dataclass
class ResumePoint:
    """Where a run stopped (the end of an epoch, or inside one): counters and the states to restore."""

    epoch: int                          # epochs completed
    step: int                           # optimizer steps completed
    samples: int
    train_seconds: float
    seconds: float                      # active seconds so far (pauses excluded)
    total_epochs: int                   # what the run was asked for when this was saved
    metrics: dict[str, float] = field(default_factory=dict)       # the latest evaluation
    evaluated_at: int = -1
    recent_losses: list[float] = field(default_factory=list)
    optimizer: dict[str, Any] = field(default_factory=dict)
    schedule: dict[str, Any] | None = None
    rng: dict[str, Any] = field(default_factory=dict)
    task: dict[str, Any] = field(default_factory=dict)
    batches_done: int = 0               # of epoch ``epoch + 1``, when the run was stopped inside it
    epoch_rng: dict[str, Any] | None = None     # the random states as that epoch began (to draw it again)

    def to_dict(self) -> dict[str, Any]:
        return {"version": RESUME_VERSION, **self.__dict__}

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "") -> "ResumePoint":
        try:
            if data.get("version") != RESUME_VERSION:
                raise KeyError("version")
            known = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
            return cls(**known)
        except (KeyError, TypeError, AttributeError) as error:
            raise CheckpointError(tr_noop("{path} cannot continue training: its resume data is damaged or from "
                                          "another version ({error})"), path=path, error=error) from None


def generator_states(generators: tuple) -> list[Any]:
    """The state of each torch or numpy generator, in order (numpy's as JSON text: its ints are huge)."""
    states: list[Any] = []
    for generator in generators:
        if isinstance(generator, torch.Generator):
            states.append(generator.get_state())
        elif isinstance(generator, np.random.Generator):
            states.append(json.dumps(generator.bit_generator.state))
        else:
            raise TypeError(f"cannot save the state of {type(generator).__name__}; list torch or numpy generators")
    return states


def restore_generators(generators: tuple, states: list[Any]) -> None:
    if len(states) != len(generators):
        raise CheckpointError(tr_noop("the saved run drew from {saved} random generators, the lesson now from "
                                      "{now}; it cannot continue exactly"), saved=len(states), now=len(generators))
    for generator, state in zip(generators, states):
        if isinstance(generator, torch.Generator):
            generator.set_state(state)
        else:
            generator.bit_generator.state = json.loads(state)


def capture_rng(generators: tuple) -> dict[str, Any]:
    rng: dict[str, Any] = {"torch": torch.get_rng_state(), "generators": generator_states(generators)}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        rng["cuda"] = torch.cuda.get_rng_state_all()
    return rng


def restore_rng(rng: dict[str, Any], generators: tuple) -> None:
    torch.set_rng_state(rng["torch"])
    if "cuda" in rng and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(rng["cuda"])
    restore_generators(generators, rng.get("generators", []))
