"""The jobs the window runs in its worker thread, as plain functions of the runner (widgets/worker.py).

Each captures plain values only (a task factory, specs, paths, the shared probe), never a widget.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from widgets.worker import Job
from workbench.spec import ModelSpec, TrainConfig
from workbench.task import ProbeSelection


def task_factory(task_class: type, probe: ProbeSelection) -> Callable:
    """A function that makes a fresh lesson object sharing the window's probe selection."""
    def make_task():
        task = task_class()
        task.probe = probe
        return task
    return make_task


def training_job(make_task: Callable, spec: ModelSpec, config: TrainConfig, runs_root: Path) -> Job:
    def job(runner) -> dict:
        from workbench.session import train_lesson
        return train_lesson(make_task(), spec, config, runs_root, runner.control, runner.listeners())
    return job


def comparison_job(make_task: Callable, spec: ModelSpec, config: TrainConfig, runs_root: Path,
                   cells: tuple[str, ...]) -> Job:
    def job(runner) -> dict:
        from workbench.session import compare_cells
        return compare_cells(make_task, spec, config, runs_root, runner.control, runner.listeners(), cells)
    return job


def experiment_job(make_task: Callable, name: str, seed: int, runs_root: Path) -> Job:
    """A lesson's guided experiment: each arm an ordinary run, then the claim checked."""
    def job(runner) -> dict:
        from workbench.experiments import run_experiment
        return run_experiment(make_task, name, seed, runs_root, runner.control, runner.listeners())
    return job


def resume_job(run_dir: str, lessons: Mapping[str, type], epochs: int, probe: ProbeSelection) -> Job:
    """Continue a saved run in its own folder (Runs view → Continue training)."""
    def job(runner) -> dict:
        from workbench.session import resume_run
        return resume_run(run_dir, lessons, epochs, runner.control, runner.listeners(), probe=probe)
    return job


def evaluation_job(path: str, lessons: Mapping[str, type], data_root: str, task_name: str,
                   bare_spec: ModelSpec | None, probe: ProbeSelection) -> Job:
    """Open a checkpoint: evaluate it on the test split, with the panels' snapshot of it."""
    def job(runner) -> dict:
        from workbench.session import evaluate_checkpoint
        listeners = runner.listeners()
        return evaluate_checkpoint(path, lessons, data_root=data_root, device="cpu", bare_task=task_name,
                                   bare_spec=bare_spec, probe=probe, on_snapshot=listeners["on_snapshot"][0],
                                   on_eval=listeners["on_eval"][0])
    return job


def inspection_job(path: str, lessons: Mapping[str, type], probe: ProbeSelection, data_root: str, task_name: str,
                   bare_spec: ModelSpec | None) -> Job:
    """Recompute the probe's parts (gates, gradients, reconstructions) of a saved model."""
    def job(runner) -> dict:
        from workbench.session import inspect_checkpoint
        return {"parts": inspect_checkpoint(path, lessons, probe, data_root, task_name, bare_spec)}
    return job
