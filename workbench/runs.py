"""Run folders: every training run, from the window or the CLI, leaves ``<root>/<time>-<task>/`` with

- ``config.json``  — lesson, network spec, training config, status, and the final metrics;
- ``metrics.csv``  — one row per optimizer step (train loss, lr, gradient norm) and per evaluation;
- ``checkpoint.pt`` — the weights with everything needed to continue (optimizer, schedule, random
  generators, counters: workbench/resume.py), rewritten atomically after every epoch (at most once a
  second for lessons whose epochs take milliseconds) and when the run ends;
- ``run.lock``     — held (``flock``) by the process training it, with that process's id: a run whose
  config says ``running`` but whose lock nobody holds was interrupted (killed, crashed, lid closed).

Statuses: ``running``, ``finished``, ``stopped``, ``interrupted``, ``failed``.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
from pathlib import Path
from typing import Any, Mapping

from workbench.atomic import atomic_write
from workbench.run_lock import RunLock
from workbench.events import EvalEnded, RunFailed, RunStarted, StepEnded
from workbench.spec import ModelSpec, TrainConfig

RUNS_ENV = "RNN_WORKBENCH_RUNS"
STEP_COLUMNS = ["step", "epoch", "seconds", "train_loss", "lr", "grad_norm"]


def default_runs_root() -> Path:
    """``$RNN_WORKBENCH_RUNS`` if set, else ``runs/`` in the current folder."""
    return Path(os.environ.get(RUNS_ENV) or "runs")


RUN_STAMP = "%Y%m%d-%H%M%S"     # a run folder is named <stamp>-<lesson>, with -2, -3 ... if taken
RUN_NAME = re.compile(r"\d{8}-\d{6}-(.+)")     # the same, read back (a regex: strptime costs ~2 µs a name)


def new_run_dir(root: str | os.PathLike, task_name: str) -> Path:
    stamp = _dt.datetime.now().strftime(RUN_STAMP)
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


def lesson_in_name(name: str, lessons: Mapping[str, type]) -> str | None:
    """The lesson a run folder's name gives (``new_run_dir`` made it), or None for a name it did not make."""
    matched = RUN_NAME.fullmatch(name)
    if matched is None:
        return None
    named = matched.group(1)
    if named not in lessons:
        base, _, number = named.rpartition("-")
        named = base if number.isdigit() else named
    return named if named in lessons else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    atomic_write(path, lambda file: file.write(text))


class RunRecorder:
    """Listens to a trainer's events and keeps the run folder up to date.

    ``resume_at`` continues an existing folder: ``metrics.csv`` keeps its rows up to that step (rows a
    killed process wrote after its last checkpoint are dropped, so steps keep increasing without a gap or
    a repeat) and ``config.json`` records the resume.
    """

    def __init__(self, run_dir: Path, task_name: str, spec: ModelSpec, config: TrainConfig,
                 eval_columns: tuple[str, ...], resume_at: int | None = None) -> None:
        self.run_dir = run_dir
        self.config_path = run_dir / "config.json"
        self.metrics_path = run_dir / "metrics.csv"
        self.checkpoint_path = run_dir / "checkpoint.pt"
        self.lock = RunLock(run_dir / "run.lock")
        self.lock.acquire()
        now = _dt.datetime.now().isoformat(timespec="seconds")
        if resume_at is None:
            self.record: dict[str, Any] = {"task": task_name, "spec": spec.to_dict(), "config": config.to_dict(),
                                           "status": "running", "started": now, "epochs_done": 0}
            self.eval_columns = list(eval_columns)
            self._file = self.metrics_path.open("w", newline="", encoding="utf-8")
            self._csv = csv.writer(self._file)
            self._csv.writerow(STEP_COLUMNS + self.eval_columns)
        else:
            self.record = read_config(run_dir)
            self.record.setdefault("resumes", []).append(
                {"at": now, "from_step": resume_at, "from_epochs": self.record.get("epochs_done", 0),
                 "epochs": config.epochs, "previous_status": self.record.get("status")})
            self.record.update(config=config.to_dict(), status="running")
            self.record.pop("error", None)
            self.eval_columns = self._keep_rows_until(resume_at)
            self._file = self.metrics_path.open("a", newline="", encoding="utf-8")
            self._csv = csv.writer(self._file)
        _write_json(self.config_path, self.record)

    def _keep_rows_until(self, step: int) -> list[str]:
        """Rewrite metrics.csv with its rows up to ``step``; return its evaluation columns."""
        with self.metrics_path.open(newline="", encoding="utf-8") as file:
            rows = list(csv.reader(file))
        header = rows[0] if rows else STEP_COLUMNS
        kept = [row for row in rows[1:] if len(row) == len(header) and _int_or_none(row[0]) is not None
                and int(row[0]) <= step]
        lines = [header] + kept

        def write(binary) -> None:
            import io
            text = io.StringIO()
            csv.writer(text).writerows(lines)
            binary.write(text.getvalue().encode("utf-8"))
        atomic_write(self.metrics_path, write)
        return header[len(STEP_COLUMNS):]

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

    def epoch_saved(self, epochs_done: int, seconds: float) -> None:
        """The checkpoint now holds ``epochs_done`` epochs: say so, with the rows that go with it."""
        self._file.flush()
        self.record.update(epochs_done=epochs_done, seconds=round(seconds, 3))
        _write_json(self.config_path, self.record)

    def on_error(self, event: RunFailed) -> None:
        self._file.close()
        self.record.update(status="failed", error=event.message)
        try:
            _write_json(self.config_path, self.record)
        except OSError:
            pass    # the disk refuses even this; the error that ended the run is what the learner must see
        self.lock.release()

    def finish(self, metrics: dict[str, Any]) -> None:
        """Record the final metrics (the caller has written the checkpoint)."""
        epochs_done = metrics.get("epochs", 0)
        self._file.close()
        self.record.update(status="stopped" if metrics.get("stopped") else "finished", result=metrics,
                           epochs_done=int(epochs_done) if float(epochs_done).is_integer() else epochs_done, seconds=metrics.get("seconds"),
                           finished=_dt.datetime.now().isoformat(timespec="seconds"))
        _write_json(self.config_path, self.record)
        self.lock.release()


def _int_or_none(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def read_config(run_dir: str | os.PathLike) -> dict[str, Any]:
    """A run folder's config.json as a dict; ValueError / OSError say why it cannot be read."""
    data = json.loads((Path(run_dir) / "config.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "task" not in data:
        raise ValueError("config.json does not describe a run")
    return data


def read_run_settings(run_dir: str | os.PathLike) -> tuple[str, ModelSpec, TrainConfig]:
    """(lesson, spec, config) a run folder was trained with; ValueError / OSError say why not."""
    record = read_config(run_dir)
    try:
        return str(record["task"]), ModelSpec.from_dict(record["spec"]), TrainConfig.from_dict(record["config"])
    except (KeyError, TypeError) as error:
        raise ValueError(f"config.json lacks {error}") from None
