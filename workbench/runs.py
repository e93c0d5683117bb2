"""Run folders: every training run, from the window or the CLI, leaves ``<root>/<time>-<task>/`` with

- ``config.json``  — lesson, network spec, training config, status, and the final metrics;
- ``metrics.csv``  — one row per optimizer step (train loss, lr, gradient norm) and per evaluation;
- ``checkpoint.pt`` — the trained weights (written when the run ends, not when it fails).
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

from workbench.atomic import atomic_write
from workbench.events import EvalEnded, RunFailed, RunStarted, StepEnded
from workbench.spec import ModelSpec, TrainConfig

RUNS_ENV = "RNN_WORKBENCH_RUNS"
STEP_COLUMNS = ["step", "epoch", "seconds", "train_loss", "lr", "grad_norm"]


def default_runs_root() -> Path:
    """``$RNN_WORKBENCH_RUNS`` if set, else ``runs/`` in the current folder."""
    return Path(os.environ.get(RUNS_ENV) or "runs")


def new_run_dir(root: str | os.PathLike, task_name: str) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for attempt in range(1000):
        suffix = f"-{attempt + 1}" if attempt else ""
        candidate = root / f"{stamp}-{task_name}{suffix}"
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a new run folder in {root}")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    atomic_write(path, lambda file: file.write(text))


class RunRecorder:
    """Listens to a trainer's events and keeps the run folder up to date."""

    def __init__(self, run_dir: Path, task_name: str, spec: ModelSpec, config: TrainConfig,
                 eval_columns: tuple[str, ...]) -> None:
        self.run_dir = run_dir
        self.config_path = run_dir / "config.json"
        self.metrics_path = run_dir / "metrics.csv"
        self.checkpoint_path = run_dir / "checkpoint.pt"
        self.record: dict[str, Any] = {
            "task": task_name, "spec": spec.to_dict(), "config": config.to_dict(), "status": "running",
            "started": _dt.datetime.now().isoformat(timespec="seconds"),
        }
        _write_json(self.config_path, self.record)
        self.eval_columns = list(eval_columns)
        self._file = self.metrics_path.open("w", newline="", encoding="utf-8")
        self._csv = csv.writer(self._file)
        self._csv.writerow(STEP_COLUMNS + self.eval_columns)

    def attach(self, trainer) -> None:
        trainer.add_callback("on_start", self.on_start)
        trainer.add_callback("on_step", self.on_step)
        trainer.add_callback("on_eval", self.on_eval)
        trainer.add_callback("on_error", self.on_error)

    def on_start(self, event: RunStarted) -> None:
        self.record.update(device=event.device, parameter_count=event.parameter_count, data=event.data_description)
        _write_json(self.config_path, self.record)

    def on_step(self, event: StepEnded) -> None:
        self._csv.writerow([event.step, event.epoch, f"{event.seconds:.4f}", f"{event.loss:.6g}",
                            f"{event.lr:.6g}", f"{event.grad_norm:.6g}"] + [""] * len(self.eval_columns))

    def on_eval(self, event: EvalEnded) -> None:
        values = [f"{event.metrics[name]:.6g}" if name in event.metrics else "" for name in self.eval_columns]
        self._csv.writerow([event.step, event.epoch, "", "", "", ""] + values)
        self._file.flush()

    def on_error(self, event: RunFailed) -> None:
        self._file.close()
        self.record.update(status="failed", error=event.message)
        try:
            _write_json(self.config_path, self.record)
        except OSError:
            pass    # the disk refuses even this; the error that ended the run is what the learner must see

    def finish(self, metrics: dict[str, Any]) -> None:
        """Record the final metrics (the caller has written the checkpoint)."""
        self._file.close()
        self.record.update(status="stopped" if metrics.get("stopped") else "finished", result=metrics,
                           finished=_dt.datetime.now().isoformat(timespec="seconds"))
        _write_json(self.config_path, self.record)
