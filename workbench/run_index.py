"""Every run folder under a runs root, as rows: for ``main.py runs``, the window's Runs view and exports.

A row is a flat dict: ``run_dir``, ``lesson``, ``status``, ``reason`` (why a folder is ``damaged``),
``epochs_done``, ``epochs``, ``headline_metric`` and ``headline`` (its latest value), ``started``,
``seconds``, then every ModelSpec and TrainConfig field under its own name. A folder that cannot be read
is a ``damaged`` row with the reason; it never breaks the listing. Reading is cheap (config.json and the
tail of metrics.csv), and a lesson reads only the folders not named for another lesson.
"""
from __future__ import annotations

import csv
import io
import json
import os
import threading
from dataclasses import fields
from pathlib import Path
from typing import Any, Iterable, Mapping

from workbench.errors import tr_noop
from workbench.run_lock import is_held
from workbench.runs import STEP_COLUMNS, lesson_in_name, read_config
from workbench.spec import ModelSpec, TrainConfig

STATUSES = ("running", "finished", "stopped", "interrupted", "failed", "damaged")
FIXED_COLUMNS = ("run_dir", "lesson", "status", "reason", "epochs_done", "epochs", "headline_metric", "headline",
                 "started", "seconds")
TAIL_BYTES = 4096          # enough for the last evaluation row; read further back only when it is not there
LONG_TAIL_BYTES = 256 * 1024


def headline_of(lessons: Mapping[str, type], lesson: str) -> str:
    view = getattr(lessons.get(lesson), "view", None)
    return view.headline if view is not None else "test_loss"


def _last_evaluation(metrics_path: Path, tail_bytes: int = TAIL_BYTES) -> tuple[dict[str, float], str]:
    """The latest evaluation row of metrics.csv (from its tail) and a problem with the file, if any."""
    with metrics_path.open("rb") as file:
        header_line = file.readline().decode("utf-8", "replace")
        size = file.seek(0, os.SEEK_END)
        file.seek(max(len(header_line), size - tail_bytes))
        tail = file.read().decode("utf-8", "replace")
    header = next(csv.reader([header_line]), [])
    if header[:len(STEP_COLUMNS)] != STEP_COLUMNS:
        return {}, "metrics.csv has no header row"
    lines = tail.splitlines()
    if size > tail_bytes and lines:
        lines = lines[1:]                         # the first line of the tail may start mid-row
    problem = ""
    if tail and not tail.endswith("\n"):
        problem = "metrics.csv ends in a cut row"
        lines = lines[:-1]
    train_loss = STEP_COLUMNS.index("train_loss")
    for row in reversed(list(csv.reader(lines))):
        if len(row) != len(header):
            return {}, "metrics.csv has a row of the wrong length"
        if row[train_loss]:               # a step row; evaluation rows leave the step columns empty
            continue
        evaluation = {name: float(value) for name, value in zip(header[len(STEP_COLUMNS):], row[len(STEP_COLUMNS):])
                      if value}
        if evaluation:
            return evaluation, problem
    if size > tail_bytes and tail_bytes < LONG_TAIL_BYTES:     # many steps between evaluations: look further
        return _last_evaluation(metrics_path, LONG_TAIL_BYTES)
    return {}, problem


def read_run(run_dir: Path, lessons: Mapping[str, type]) -> dict[str, Any]:
    row: dict[str, Any] = {"run_dir": str(run_dir), "lesson": "", "status": "damaged", "reason": ""}
    try:
        record = read_config(run_dir)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        row["reason"] = f"config.json: {error}"
        return row
    lesson = str(record.get("task", ""))
    config = record.get("config") if isinstance(record.get("config"), dict) else {}
    spec = record.get("spec") if isinstance(record.get("spec"), dict) else {}
    status = record.get("status", "")
    if status == "running" and not is_held(run_dir / "run.lock"):
        status = "interrupted"
    key = headline_of(lessons, lesson)
    result = record.get("result") if isinstance(record.get("result"), dict) else {}
    row.update(lesson=lesson, status=status, epochs_done=record.get("epochs_done", result.get("epochs", 0)),
               epochs=config.get("epochs"), headline_metric=key, headline=result.get(key), started=record.get("started", ""),
               seconds=record.get("seconds", result.get("seconds")))
    metrics_path = run_dir / "metrics.csv"
    try:
        latest, problem = _last_evaluation(metrics_path)
    except OSError as error:
        latest, problem = {}, f"metrics.csv: {error.strerror or error}"
    except ValueError as error:
        latest, problem = {}, f"metrics.csv: {error}"
    if row["headline"] is None:
        row["headline"] = latest.get(key)
    if problem and status in ("finished", "stopped", "failed"):   # a killed run may cut its last row; others not
        row.update(status="damaged", reason=problem)
    for name, value in list(spec.items()) + list(config.items()):
        row.setdefault(name, value)
    return row


def run_folders(root: str | os.PathLike) -> list[Path]:
    root = Path(root)
    if not root.is_dir():
        return []
    with os.scandir(root) as entries:      # (its entries know whether they are folders without a stat each)
        names = sorted(entry.name for entry in entries if entry.is_dir() and not entry.name.startswith("."))
    return [root / name for name in names]


def list_runs(root: str | os.PathLike, lessons: Mapping[str, type], lesson: str | None = None) -> list[dict[str, Any]]:
    """One row per run folder under ``root`` (oldest first); only ``lesson``'s when given."""
    return RunLister(lessons).rows(root, lesson)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class RunLister:
    """Lists run folders again and again (the Runs view refreshes while a run trains) and reads only the
    folders whose config.json or metrics.csv changed since the last listing; a ``running`` row's lock is
    checked every time, since a process can die without touching its files."""

    def __init__(self, lessons: Mapping[str, type]) -> None:
        self.lessons = lessons
        self.cache: dict[Path, tuple[tuple, dict[str, Any]]] = {}
        self._lock = threading.Lock()        # the window lists in its GUI thread and in a reader thread

    def rows(self, root: str | os.PathLike, lesson: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return self._rows(root, lesson)

    def _rows(self, root: str | os.PathLike, lesson: str | None) -> list[dict[str, Any]]:
        rows, seen = [], set()
        for folder in run_folders(root):
            seen.add(folder)
            # A folder named for another lesson needs neither a stat nor a read when one lesson is listed
            # (630 runs in the folder, 38 of the lesson: 172 → 19 ms the first time, 24 → 8 ms after, every
            # two seconds while a run trains); a folder named otherwise is read, whatever its name.
            if lesson is not None and lesson_in_name(folder.name, self.lessons) not in (None, lesson):
                continue
            stamp = (_stamp(folder / "config.json"), _stamp(folder / "metrics.csv"))
            cached = self.cache.get(folder)
            if cached is not None and cached[0] == stamp:
                row = dict(cached[1])
                if row["status"] == "running" and not is_held(folder / "run.lock"):
                    row["status"] = "interrupted"
            else:
                row = read_run(folder, self.lessons)
                if row["status"] not in ("interrupted",):     # an interrupted row may be running again later
                    self.cache[folder] = (stamp, row)
            if lesson is None or row["lesson"] == lesson:
                rows.append(row)
        for gone in set(self.cache) - seen:
            del self.cache[gone]
        return rows


def columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    names = list(FIXED_COLUMNS)
    for row in rows:
        names += [name for name in row if name not in names]
    return names


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns(rows), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: (json.dumps(value) if isinstance(value, (list, dict)) else value)
                         for key, value in row.items()})
    return text.getvalue()


def read_curves(run_dir: str | os.PathLike) -> dict[str, tuple[list[float], list[float]]]:
    """Every series of a run's metrics.csv: ``train_loss`` per step and each evaluation column, as (steps,
    values); a cut last row is skipped. Raises OSError / ValueError for a file that cannot be read."""
    with (Path(run_dir) / "metrics.csv").open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader, None)
        if header is None or header[:len(STEP_COLUMNS)] != STEP_COLUMNS:
            raise ValueError("metrics.csv has no header row")
        names = ["train_loss"] + header[len(STEP_COLUMNS):]
        indices = [header.index("train_loss")] + list(range(len(STEP_COLUMNS), len(header)))
        curves: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in names}
        for row in reader:
            if len(row) != len(header):
                continue
            try:
                step = float(row[0])
            except ValueError:
                continue
            for name, index in zip(names, indices):
                if row[index]:
                    try:
                        value = float(row[index])
                    except ValueError:
                        continue
                    curves[name][0].append(step)
                    curves[name][1].append(value)
    return {name: curve for name, curve in curves.items() if curve[0]}


# --- what differs between runs (the Runs view's legend and columns) ------------------------------------
SETTING_FIELDS = tuple(f.name for f in fields(ModelSpec)) + tuple(f.name for f in fields(TrainConfig))
SHORT_NAMES = {
    "cell": tr_noop("cell"), "hidden_size": tr_noop("hidden"), "num_layers": tr_noop("layers"),
    "bidirectional": tr_noop("both ways"), "dropout": tr_noop("dropout"), "nonlinearity": tr_noop("nonlinearity"),
    "architecture": tr_noop("network"), "latent_size": tr_noop("latent"), "activation": tr_noop("activation"),
    "optimizer": tr_noop("optimizer"), "lr": tr_noop("lr"), "batch_size": tr_noop("batch"),
    "epochs": tr_noop("epochs"), "schedule": tr_noop("schedule"), "weight_decay": tr_noop("weight decay"),
    "clip_norm": tr_noop("clip"), "label_smoothing": tr_noop("smoothing"), "shift_px": tr_noop("shift"),
    "noise_std": tr_noop("noise"), "evals_per_epoch": tr_noop("evals/epoch"), "seed": tr_noop("seed"),
    "device": tr_noop("device"), "data_root": tr_noop("data"), "sequence_length": tr_noop("window"),
    "carry_hidden": tr_noop("carry state"), "horizon": tr_noop("horizon"), "csv_path": tr_noop("CSV"),
    "csv_column": tr_noop("column"), "race_lrs": tr_noop("race rates"), "head": tr_noop("head"),
    "input_size": tr_noop("inputs"), "output_size": tr_noop("outputs"), "download": tr_noop("download"),
}


def differing_settings(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The spec/config fields whose values are not the same in every row (in the fields' order)."""
    rows = [row for row in rows if row.get("status") != "damaged"]
    if not rows:
        return []
    first = rows[0]
    return [name for name in SETTING_FIELDS if any(row.get(name) != first.get(name) for row in rows)]


def format_setting(value: Any) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
