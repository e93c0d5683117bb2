"""Guided experiments: a claim the lesson's notes make, and the runs that check it.

An :class:`Experiment` trains one or more *arms* — the lesson's defaults (or a preset) with a few
settings changed — with the same seed, then compares what they reached with what the notes promised:
``holds`` is True or False and ``observed`` shows the numbers side by side ("0.100 vs 0.0043 (×23)").
Each arm is an ordinary training run, so it leaves an ordinary run folder. The window and
``main.py experiment`` both run :func:`run_experiment`.

Claims are written with a margin and checked for seeds 1-5 (bench/experiments.py); none is tuned to
one lucky seed.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from workbench.control import Control
from workbench.spec import ModelSpec, TrainConfig


@dataclass(frozen=True)
class Arm:
    """One run of an experiment: the lesson's defaults (or ``preset``) with these changes."""

    label: str                                   # tr_noop-marked, e.g. "carried state"
    spec: Mapping[str, Any] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    preset: str | None = None

    def settings(self, task, seed: int) -> tuple[ModelSpec, TrainConfig]:
        if self.preset is not None:
            preset = task.presets()[self.preset]
            spec, config = preset.spec, preset.config
        else:
            spec, config = task.default_spec(), task.default_config()
        return spec.replace(**self.spec), config.replace(**dict(self.config), seed=seed)


@dataclass(frozen=True)
class Outcome:
    holds: bool
    observed: str                                # numbers only, so no language is needed


Check = Callable[[list[dict[str, Any]]], Outcome]


@dataclass(frozen=True)
class Experiment:
    name: str                                    # "carry-vs-reset": the CLI's --name
    title: str                                   # tr_noop: what the learner clicks
    expectation: str                             # tr_noop: the claim, with its margin
    arms: tuple[Arm, ...]
    check: Check


# --- checks -------------------------------------------------------------------------------------------
def _number(value: float, percent: bool = False) -> str:
    return f"{100 * value:.1f}%" if percent else f"{value:.3g}"


def ratio_at_least(metric: str, high: int, low: int, factor: float) -> Check:
    """Arm ``high``'s ``metric`` is at least ``factor`` times arm ``low``'s (e.g. an error that grows)."""
    def check(results: list[dict[str, Any]]) -> Outcome:
        a, b = results[high][metric], results[low][metric]
        ratio = a / b if b > 0 else float("inf")
        return Outcome(ratio >= factor, f"{_number(a)} vs {_number(b)} (×{ratio:.1f})")
    return check


def ratio_at_most(metric: str, high: int, low: int, factor: float) -> Check:
    """Arm ``high``'s ``metric`` is at most ``factor`` times arm ``low``'s (a gap that closes)."""
    def check(results: list[dict[str, Any]]) -> Outcome:
        a, b = results[high][metric], results[low][metric]
        ratio = a / b if b > 0 else float("inf")
        return Outcome(ratio <= factor, f"{_number(a)} vs {_number(b)} (×{ratio:.1f})")
    return check


def within_run_ratio(high: str, low: str, factor: float, arm: int = 0, at_most: bool = False) -> Check:
    """In one run, metric ``high`` is at least (or, ``at_most``, at most) ``factor`` times metric ``low``."""
    def check(results: list[dict[str, Any]]) -> Outcome:
        a, b = results[arm][high], results[arm][low]
        ratio = a / b if b > 0 else float("inf")
        return Outcome(ratio <= factor if at_most else ratio >= factor, f"{_number(a)} vs {_number(b)} (×{ratio:.1f})")
    return check


def points_ahead(metric: str, better: int, worse: int, points: float) -> Check:
    """Arm ``better``'s accuracy-like ``metric`` is at least ``points`` percentage points above ``worse``'s."""
    def check(results: list[dict[str, Any]]) -> Outcome:
        a, b = results[better][metric], results[worse][metric]
        return Outcome(100 * (a - b) >= points, f"{_number(a, True)} vs {_number(b, True)} (Δ {100 * (a - b):+.1f})")
    return check


def at_least(metric: str, threshold: float, arm: int = 0, percent: bool = False) -> Check:
    def check(results: list[dict[str, Any]]) -> Outcome:
        value = results[arm][metric]
        return Outcome(value >= threshold, f"{_number(value, percent)} (≥ {_number(threshold, percent)})")
    return check


def at_most(metric: str, threshold: float, arm: int = 0) -> Check:
    def check(results: list[dict[str, Any]]) -> Outcome:
        value = results[arm][metric]
        return Outcome(value <= threshold, f"{_number(value)} (≤ {_number(threshold)})")
    return check


def all_of(*checks: Check) -> Check:
    def check(results: list[dict[str, Any]]) -> Outcome:
        outcomes = [each(results) for each in checks]
        return Outcome(all(outcome.holds for outcome in outcomes), " · ".join(outcome.observed for outcome in outcomes))
    return check


# --- running ------------------------------------------------------------------------------------------
def find_experiment(task, name: str) -> Experiment:
    from workbench.errors import WorkbenchError
    for experiment in getattr(task, "experiments", ()):
        if experiment.name == name:
            return experiment
    names = ", ".join(experiment.name for experiment in getattr(task, "experiments", ())) or "none"
    raise WorkbenchError("the lesson {task} has no experiment {name!r}; choose from {names}",
                         task=task.name, name=name, names=names)


def run_experiment(task_factory: Callable[[], Any], name: str, seed: int, runs_root: str | os.PathLike,
                   control: Control | None = None, listeners: Mapping[str, list] | None = None,
                   on_arm: Callable[[int, Arm], None] | None = None,
                   overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Train each arm with ``seed``; return ``{lesson, experiment, expected, observed, holds, run_dirs, ...}``.
    A stopped experiment returns ``holds: None`` (nothing was decided). ``overrides`` changes every arm's
    config (the test suite shortens experiments with ``{"epochs": 1}``; the claim is then not meaningful)."""
    from workbench.session import train_lesson
    began = time.perf_counter()
    task = task_factory()
    experiment = find_experiment(task, name)
    control = control or Control()
    results: list[dict[str, Any]] = []
    for index, arm in enumerate(experiment.arms):
        if control.stop_requested:
            break
        if on_arm is not None:
            on_arm(index, arm)
        arm_task = task_factory()
        spec, config = arm.settings(arm_task, seed)
        config = config.replace(**dict(overrides or {}))
        results.append(train_lesson(arm_task, spec, config, runs_root, control, listeners))
    finished = len(results) == len(experiment.arms) and not control.stop_requested
    outcome = experiment.check(results) if finished else Outcome(False, "")
    return {"lesson": task.name, "task": task.name, "experiment": experiment.name, "expected": experiment.expectation,
            "observed": outcome.observed, "holds": outcome.holds if finished else None,
            "run_dirs": [result["run_dir"] for result in results], "arms": [arm.label for arm in experiment.arms],
            "seed": seed, "seconds": round(time.perf_counter() - began, 1), "stopped": not finished,
            "run_dir": results[-1]["run_dir"] if results else "",
            "checkpoint": results[-1]["checkpoint"] if results else None}
