"""The two jobs both front ends run: train a lesson into a run folder, and evaluate a checkpoint.

The CLI calls them directly; the window's worker calls them in its thread and turns the trainer's
events into Qt signals. One implementation, so the window and the CLI cannot drift apart.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable, Mapping

import torch

from workbench.checkpoint import load_checkpoint, load_weights, save_checkpoint
from workbench.errors import CheckpointError, TrainingError, tr_noop
from workbench.events import EvalEnded, RunFailed, Snapshot
from workbench.models import count_parameters
from workbench.resume import ResumePoint
from workbench.runs import RunRecorder, new_run_dir, read_config
from workbench.spec import ModelSpec, TrainConfig
from workbench.task import Task
from workbench.trainer import Control, Trainer, evaluate, resolve_device

Listeners = Mapping[str, list[Callable]]


EPOCH_CHECKPOINT_EVERY_S = 1.0   # lessons whose epochs take milliseconds save at most once a second


def train_lesson(task: Task, spec: ModelSpec, config: TrainConfig, runs_root: str | os.PathLike,
                 control: Control | None = None, listeners: Listeners | None = None,
                 snapshot_every_s: float = 0.3) -> dict[str, Any]:
    """Train ``task`` with ``spec``/``config``; write the run folder; return the summary metrics.

    The summary holds the trainer's metrics plus ``run_dir`` and ``checkpoint``. The checkpoint is
    rewritten after every epoch, so a killed run loses at most the epoch it was in; a stopped run saves
    its half-trained model too; a failed run keeps its last good epoch.
    """
    spec, config = spec.validate(), config.validate()
    trainer = Trainer(task, spec, config, control, snapshot_every_s=snapshot_every_s)
    run_dir = new_run_dir(runs_root, task.name)
    recorder = RunRecorder(run_dir, task.name, spec, config, task.metric_names)
    return _run_recorded(task, spec, config, trainer, recorder, listeners)


def resume_run(run_dir: str | os.PathLike, lessons: Mapping[str, type], epochs: int | None = None,
               control: Control | None = None, listeners: Listeners | None = None,
               snapshot_every_s: float = 0.3, probe: Any = None, device: str | None = None) -> dict[str, Any]:
    """Continue the run in ``run_dir`` from its checkpoint, in the same folder, to ``epochs`` epochs in all
    (default: the epochs it was asked for). Interrupted, stopped and finished runs can all continue."""
    run_dir = Path(run_dir)
    try:
        read_config(run_dir)          # a folder without a readable config.json is not a run
    except (OSError, ValueError) as error:
        raise CheckpointError(tr_noop("{run_dir} is not a run folder that can continue: {error}"),
                              run_dir=str(run_dir), error=error) from None
    checkpoint_path = run_dir / "checkpoint.pt"
    if not checkpoint_path.exists():
        raise CheckpointError(tr_noop("{run_dir} has no checkpoint yet (it ended before its first epoch); "
                                      "start it again instead"), run_dir=str(run_dir))
    checkpoint = load_checkpoint(checkpoint_path, lessons)
    if checkpoint.resume is None:
        raise CheckpointError(tr_noop("{path} holds weights only (saved by an older version), so training "
                                      "cannot continue exactly; open it instead"), path=str(checkpoint_path))
    point = ResumePoint.from_dict(checkpoint.resume, str(checkpoint_path))
    config = checkpoint.config.replace(epochs=epochs or checkpoint.config.epochs)
    if device is not None:
        config = config.replace(device=device)
    done = point.epoch + (1 if point.batches_done else 0)
    if config.epochs <= point.epoch and not point.batches_done or config.epochs < done:
        raise TrainingError(tr_noop("the run already has {done} epochs; ask for more (e.g. --epochs {more})"),
                            done=point.epoch, more=point.epoch + max(1, point.epoch // 2))
    task = lessons[checkpoint.task]()
    if probe is not None:
        task.probe = probe
    spec, config = checkpoint.spec.validate(), config.validate()
    trainer = Trainer(task, spec, config, control, snapshot_every_s=snapshot_every_s,
                      resume=(checkpoint.state_dict, point))
    recorder = RunRecorder(run_dir, task.name, spec, config, task.metric_names, resume_at=point.step)
    summary = _run_recorded(task, spec, config, trainer, recorder, listeners)
    summary["resumed_from_epoch"] = point.epoch
    return summary


def _run_recorded(task: Task, spec: ModelSpec, config: TrainConfig, trainer: Trainer, recorder: RunRecorder,
                  listeners: Listeners | None) -> dict[str, Any]:
    recorder.attach(trainer)
    last_saved = [0.0]

    def save_epoch(event: tuple) -> None:
        model, point = event
        now = time.monotonic()
        if point.epoch < config.epochs and now - last_saved[0] < EPOCH_CHECKPOINT_EVERY_S:
            return
        save_checkpoint(recorder.checkpoint_path, task.name, spec, model, config,
                        dict(point.metrics, epochs=point.epoch, steps=point.step), resume=point.to_dict())
        recorder.epoch_saved(point.epoch, point.seconds)
        last_saved[0] = time.monotonic()
    trainer.add_callback("on_epoch", save_epoch)
    for event_name, callbacks in (listeners or {}).items():
        for callback in callbacks:
            trainer.add_callback(event_name, callback)
    try:
        result = trainer.run()
    except BaseException:
        recorder.lock.release()
        raise
    metrics = dict(result.metrics, run_dir=str(recorder.run_dir), checkpoint=str(recorder.checkpoint_path))
    try:
        save_checkpoint(recorder.checkpoint_path, task.name, spec, result.model, config, metrics,
                        resume=result.resume.to_dict() if result.resume is not None else None)
    except CheckpointError as error:       # e.g. a full disk: the run is marked failed, not left "running"
        recorder.on_error(RunFailed(str(error)))
        raise
    recorder.finish(metrics)
    return metrics


def compare_cells(task_factory: Callable[[], Task], spec: ModelSpec, config: TrainConfig,
                  runs_root: str | os.PathLike, control: Control | None = None, listeners: Listeners | None = None,
                  cells: tuple[str, ...] = ("rnn", "lstm", "gru"), snapshot_every_s: float = 0.3) -> dict[str, Any]:
    """Train the same lesson once per cell type, with the same data, seed and recipe, one after another.

    Snapshots are tagged with the cell so a panel can draw the cells side by side. Stopping stops the
    whole comparison. Returns each cell's summary under ``compare``.
    """
    control = control or Control()
    results: dict[str, Any] = {}
    for cell in cells:
        if control.stop_requested:
            break
        tagged: dict[str, list[Callable]] = {name: list(callbacks) for name, callbacks in (listeners or {}).items()}
        tagged["on_snapshot"] = [
            (lambda forward, tag: lambda event: forward(Snapshot(event.step, event.parts, tag=tag)))(callback, cell)
            for callback in (listeners or {}).get("on_snapshot", [])]
        results[cell] = train_lesson(task_factory(), spec.replace(cell=cell, nonlinearity="tanh"), config,
                                     runs_root, control, tagged, snapshot_every_s)
    last = results[list(results)[-1]] if results else {}
    return {"task": last.get("task"), "compare": results, "stopped": control.stop_requested,
            "checkpoint": last.get("checkpoint"), "run_dir": last.get("run_dir"),
            "seconds": round(sum(result["seconds"] for result in results.values()), 3),
            "samples_per_s": last.get("samples_per_s", 0.0), "test_accuracy": last.get("test_accuracy")}


def inspect_checkpoint(path: str | os.PathLike, lessons: Mapping[str, type], probe: Any = None,
                       data_root: str = "", bare_task: str | None = None,
                       bare_spec: ModelSpec | None = None) -> tuple:
    """Snapshot parts (prediction grid, gates, gradients, ...) of a saved model for the probed input."""
    checkpoint = load_checkpoint(path, lessons, bare_task, bare_spec)
    task = lessons[checkpoint.task]()
    if probe is not None:
        task.probe = probe
    model = load_weights(task.build(checkpoint.spec), checkpoint, path)
    task.data(checkpoint.config.replace(device="cpu", data_root=data_root), torch.device("cpu"))
    model.eval()
    with torch.no_grad():
        return tuple(task.snapshot(model))


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
            on_snapshot(Snapshot(0, tuple(task.snapshot(model))))
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
