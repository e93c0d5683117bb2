"""The two jobs both front ends run: train a lesson into a run folder, and evaluate a checkpoint.

The CLI calls them directly; the window's worker calls them in its thread and turns the trainer's
events into Qt signals. One implementation, so the window and the CLI cannot drift apart.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Mapping

import torch

from workbench.checkpoint import load_checkpoint, load_weights, save_checkpoint
from workbench.errors import CheckpointError
from workbench.events import EvalEnded, RunFailed, Snapshot
from workbench.models import count_parameters
from workbench.runs import RunRecorder, new_run_dir
from workbench.spec import ModelSpec, TrainConfig
from workbench.task import Task
from workbench.trainer import Control, Trainer, evaluate, resolve_device

Listeners = Mapping[str, list[Callable]]


def train_lesson(task: Task, spec: ModelSpec, config: TrainConfig, runs_root: str | os.PathLike,
                 control: Control | None = None, listeners: Listeners | None = None,
                 snapshot_every_s: float = 0.3) -> dict[str, Any]:
    """Train ``task`` with ``spec``/``config``; write the run folder; return the summary metrics.

    The summary holds the trainer's metrics plus ``run_dir`` and ``checkpoint``. A stopped run still
    saves its checkpoint (the learner may want the half-trained model); a failed run saves none.
    """
    spec, config = spec.validate(), config.validate()
    trainer = Trainer(task, spec, config, control, snapshot_every_s=snapshot_every_s)
    run_dir = new_run_dir(runs_root, task.name)
    recorder = RunRecorder(run_dir, task.name, spec, config, task.metric_names)
    recorder.attach(trainer)
    for event_name, callbacks in (listeners or {}).items():
        for callback in callbacks:
            trainer.add_callback(event_name, callback)
    result = trainer.run()
    metrics = dict(result.metrics, run_dir=str(run_dir), checkpoint=str(recorder.checkpoint_path))
    try:
        save_checkpoint(recorder.checkpoint_path, task.name, spec, result.model, config, metrics)
    except CheckpointError as error:       # e.g. a full disk: the run is marked failed, not left "running"
        recorder.on_error(RunFailed(str(error)))
        raise
    recorder.finish(metrics)
    return metrics


def compare_cells(task_factory: Callable[[], Task], spec: ModelSpec, config: TrainConfig,
                  runs_root: str | os.PathLike, control: Control | None = None, listeners: Listeners | None = None,
                  cells: tuple[str, ...] = ("rnn", "lstm", "gru"), snapshot_every_s: float = 0.3) -> dict[str, Any]:
    """Train the same lesson once per cell type, with the same data, seed and recipe, one after another.

    Snapshots are tagged with ``compare_cell`` so a panel can draw the cells side by side. Stopping
    stops the whole comparison. Returns each cell's summary under ``compare``.
    """
    control = control or Control()
    results: dict[str, Any] = {}
    for cell in cells:
        if control.stop_requested:
            break
        tagged: dict[str, list[Callable]] = {name: list(callbacks) for name, callbacks in (listeners or {}).items()}
        tagged["on_snapshot"] = [
            (lambda forward: lambda event: forward(Snapshot(event.step, {**event.arrays, "compare_cell": cell})))(
                callback) for callback in (listeners or {}).get("on_snapshot", [])]
        results[cell] = train_lesson(task_factory(), spec.replace(cell=cell, nonlinearity="tanh"), config,
                                     runs_root, control, tagged, snapshot_every_s)
    last = results[list(results)[-1]] if results else {}
    return {"task": last.get("task"), "compare": results, "stopped": control.stop_requested,
            "checkpoint": last.get("checkpoint"), "run_dir": last.get("run_dir"),
            "seconds": round(sum(result["seconds"] for result in results.values()), 3),
            "samples_per_s": last.get("samples_per_s", 0.0), "test_accuracy": last.get("test_accuracy")}


def inspect_checkpoint(path: str | os.PathLike, lessons: Mapping[str, type], probe: Any = None,
                       data_root: str = "", bare_task: str | None = None,
                       bare_spec: ModelSpec | None = None) -> dict[str, Any]:
    """Snapshot arrays (prediction grid, gates, gradients) of a saved model for the probed input."""
    checkpoint = load_checkpoint(path, lessons, bare_task, bare_spec)
    task = lessons[checkpoint.task]()
    if probe is not None:
        task.probe = probe
    model = load_weights(task.build(checkpoint.spec), checkpoint, path)
    task.data(checkpoint.config.replace(device="cpu", data_root=data_root), torch.device("cpu"))
    model.eval()
    with torch.no_grad():
        return task.snapshot(model)


def evaluate_checkpoint(path: str | os.PathLike, lessons: Mapping[str, type], data_root: str | None = None,
                        device: str = "cpu", bare_task: str | None = None, bare_spec: ModelSpec | None = None,
                        on_snapshot: Callable[[Snapshot], None] | None = None,
                        on_eval: Callable[[EvalEnded], None] | None = None, probe: Any = None) -> dict[str, Any]:
    """Rebuild a checkpoint's network, evaluate it on its lesson's test split, return the metrics.

    ``data_root`` overrides the data folder the checkpoint was trained with ("" = embedded set).
    """
    checkpoint = load_checkpoint(path, lessons, bare_task, bare_spec)   # refuses lessons we do not have
    task = lessons[checkpoint.task]()
    if probe is not None:
        task.probe = probe
    model = load_weights(task.build(checkpoint.spec), checkpoint, path)
    overrides: dict[str, Any] = {"device": device}
    if data_root is not None:
        overrides["data_root"] = data_root
    config = checkpoint.config.replace(**overrides).validate()
    torch_device = resolve_device(config.device)
    model = model.to(torch_device)
    data = task.data(config, torch_device)
    metrics = evaluate(task, model, data.test)
    if on_eval is not None:
        on_eval(EvalEnded(0, 0, metrics))
    if on_snapshot is not None:
        model.eval()
        with torch.no_grad():
            on_snapshot(Snapshot(0, task.snapshot(model)))
    return {
        "task": checkpoint.task,
        "checkpoint": str(Path(path)),
        "epochs": checkpoint.meta.get("metrics", {}).get("epochs", 0),
        **{key: round(value, 6) for key, value in metrics.items()},
        "parameter_count": count_parameters(model),
        "data": data.description,
        "spec": checkpoint.spec.to_dict(),
        "config": checkpoint.config.to_dict(),
        "bare": checkpoint.bare,
        "integrity": checkpoint.integrity,
    }
