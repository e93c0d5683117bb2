"""Runs survive and continue: per-epoch checkpoints, resume equality, interrupted runs, the runs listing."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tasks import LESSONS
from workbench import cli
from workbench.checkpoint import load_checkpoint
from workbench.control import Control
from workbench.errors import CheckpointError, TrainingError
from workbench.run_index import list_runs, read_curves
from workbench.session import resume_run, train_lesson

ROOT = Path(__file__).resolve().parents[1]

# Small but real settings: each lesson's own random sources (shuffles, shifts, dropout, noise, phases,
# the carried hidden state, four optimizers) must all be restored for the continuation to match.
SETTINGS = {
    "mnist-rows": ({"hidden_size": 16, "dropout": 0.0}, {"batch_size": 400, "epochs": 3, "shift_px": 2}),
    "sine-to-cos": ({}, {"epochs": 4}),
    "sine-generation": ({}, {"epochs": 3}),
    "autoencoder": ({}, {"batch_size": 500, "epochs": 3, "noise_std": 0.3}),
    "optimizer-race": ({}, {"epochs": 3}),
    "mnist-cnn": ({}, {"batch_size": 500, "epochs": 2, "schedule": "onecycle"}),
}


def settings(name):
    task = LESSONS[name]()
    spec_changes, config_changes = SETTINGS[name]
    return task, task.default_spec().replace(**spec_changes), task.default_config().replace(**config_changes)


def stop_after_epoch(epoch: int, control: Control):
    return {"on_epoch": [lambda event: control.stop() if event[1].epoch == epoch else None]}


@pytest.mark.parametrize("name", list(SETTINGS))
def test_a_run_continued_at_an_epoch_boundary_ends_exactly_like_one_never_interrupted(tmp_path, name):
    task, spec, config = settings(name)
    whole = train_lesson(task, spec, config, tmp_path / "whole")
    control = Control()
    half = train_lesson(LESSONS[name](), spec, config, tmp_path / "half", control,
                        stop_after_epoch(config.epochs - 1, control))
    assert half["stopped"] and half["steps"] < whole["steps"]
    continued = resume_run(half["run_dir"], LESSONS)
    assert continued["run_dir"] == half["run_dir"] and continued["resumed_from_epoch"] == config.epochs - 1
    assert continued["steps"] == whole["steps"]
    for key in LESSONS[name]().metric_names:
        assert continued[key] == whole[key], key
    record = json.loads((Path(half["run_dir"]) / "config.json").read_text())
    assert record["status"] == "finished" and record["resumes"][0]["from_epochs"] == config.epochs - 1
    with open(Path(half["run_dir"]) / "metrics.csv", newline="") as file:
        steps = [int(row["step"]) for row in csv.DictReader(file) if row["train_loss"]]
    assert steps == list(range(1, whole["steps"] + 1))          # carries on: no gap, no repeat


@pytest.mark.parametrize("name", list(SETTINGS))
def test_a_run_stopped_inside_an_epoch_continues_exactly_like_one_never_interrupted(tmp_path, name):
    task, spec, config = settings(name)
    whole = train_lesson(task, spec, config, tmp_path / "whole")
    per_epoch = whole["steps"] // config.epochs
    stop_at = per_epoch * (config.epochs - 1) + max(1, per_epoch // 2)      # halfway through the last epoch
    control = Control()
    half = train_lesson(LESSONS[name](), spec, config, tmp_path / "half", control,
                        {"on_step": [lambda event: control.stop() if event.step == stop_at else None]})
    assert half["stopped"] and half["steps"] == stop_at
    point = load_checkpoint(Path(half["run_dir"]) / "checkpoint.pt", LESSONS).resume
    assert point["batches_done"] == stop_at - per_epoch * (config.epochs - 1) and point["epoch_rng"] is not None
    continued = resume_run(half["run_dir"], LESSONS)
    assert continued["steps"] == whole["steps"]
    for key in LESSONS[name]().metric_names:
        assert continued[key] == whole[key], key


def test_every_epoch_leaves_a_checkpoint_that_can_continue(tmp_path, monkeypatch):
    monkeypatch.setattr("workbench.session.EPOCH_CHECKPOINT_EVERY_S", 0.0)
    task, spec, config = settings("mnist-rows")
    saved = []

    def look(event):        # listeners run after the session's own on_epoch, which saved this epoch
        folder = next(Path(tmp_path).iterdir())
        checkpoint = load_checkpoint(folder / "checkpoint.pt", LESSONS)
        saved.append((checkpoint.resume["epoch"], json.loads((folder / "config.json").read_text())["epochs_done"]))
    train_lesson(task, spec, config, tmp_path, listeners={"on_epoch": [look]})
    assert saved == [(1, 1), (2, 2), (3, 3)]


def test_a_killed_run_is_interrupted_and_continues_to_the_same_end(tmp_path):
    out = tmp_path / "runs"
    arguments = ["--task", "sine-to-cos", "--epochs", "40", "--seed", "3"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", *arguments, "--out", str(out)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    run_dir = None
    for _line in process.stdout:          # each progress line is a moment to look; no sleeping
        found = list(out.glob("*/checkpoint.pt")) if out.exists() else []
        if found:
            run_dir = found[0].parent
            if json.loads((run_dir / "config.json").read_text()).get("epochs_done", 0) >= 2:
                break
    assert run_dir is not None and process.poll() is None, "the run ended before it could be killed"
    listed = list_runs(out, LESSONS)
    assert [row["status"] for row in listed] == ["running"]        # its process holds the lock
    process.send_signal(signal.SIGKILL)
    process.wait()
    listed = list_runs(out, LESSONS)
    assert listed[0]["status"] == "interrupted" and 2 <= listed[0]["epochs_done"] < 40
    continued = resume_run(run_dir, LESSONS)
    whole = train_lesson(LESSONS["sine-to-cos"](), LESSONS["sine-to-cos"]().default_spec(),
                         LESSONS["sine-to-cos"]().default_config().replace(epochs=40, seed=3), tmp_path / "whole")
    assert continued["test_loss"] == whole["test_loss"] and continued["steps"] == whole["steps"]
    assert list_runs(out, LESSONS)[0]["status"] == "finished"


def test_resume_with_more_epochs_and_clear_refusals(tmp_path):
    task, spec, config = settings("sine-to-cos")
    first = train_lesson(task, spec, config.replace(epochs=2), tmp_path)
    with pytest.raises(TrainingError, match="already has 2 epochs"):
        resume_run(first["run_dir"], LESSONS)
    longer = resume_run(first["run_dir"], LESSONS, epochs=4)
    assert longer["epochs"] == 4 and longer["steps"] == 2 * first["steps"]
    curves = read_curves(first["run_dir"])
    assert curves["train_loss"][0] == [float(step) for step in range(1, longer["steps"] + 1)]
    (Path(first["run_dir"]) / "checkpoint.pt").write_bytes(b"junk")
    with pytest.raises(CheckpointError):
        resume_run(first["run_dir"], LESSONS, epochs=6)
    with pytest.raises(CheckpointError, match="not a run folder"):
        resume_run(tmp_path / "nowhere", LESSONS)


def test_the_runs_command_lists_exports_and_survives_damage(tmp_path, capsys):
    task, spec, config = settings("sine-to-cos")
    good = train_lesson(task, spec, config.replace(epochs=1), tmp_path)
    cut = train_lesson(task, spec.replace(hidden_size=8), config.replace(epochs=1), tmp_path)
    metrics = Path(cut["run_dir"]) / "metrics.csv"
    metrics.write_bytes(metrics.read_bytes()[:-7])                 # a finished run whose table was cut
    unreadable = tmp_path / "20990101-000000-sine-to-cos"
    unreadable.mkdir()
    (unreadable / "config.json").write_text("{not json")
    assert cli.main(["runs", "--runs-dir", str(tmp_path), "--json"], LESSONS) == 0
    rows = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    by_dir = {row["run_dir"]: row for row in rows}
    assert by_dir[good["run_dir"]]["status"] == "finished"
    assert by_dir[good["run_dir"]]["headline"] == good["test_loss"] and by_dir[good["run_dir"]]["hidden_size"] == 32
    assert by_dir[cut["run_dir"]]["status"] == "damaged" and "cut" in by_dir[cut["run_dir"]]["reason"]
    assert by_dir[str(unreadable)]["status"] == "damaged" and "config.json" in by_dir[str(unreadable)]["reason"]
    table = tmp_path / "runs.csv"
    assert cli.main(["runs", "--out", str(tmp_path), "--lesson", "sine-to-cos", "--csv", str(table)], LESSONS) == 0
    with table.open(newline="") as file:
        written = list(csv.DictReader(file))
    assert len(written) == 2 and {"run_dir", "status", "headline", "hidden_size", "lr"} <= set(written[0])


def test_the_cli_resumes_and_refuses_changed_settings(tmp_path, capsys):
    assert cli.main(["train", "--task", "curve-fit", "--epochs", "3", "--out", str(tmp_path), "--quiet"], LESSONS) == 0
    run_dir = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["run_dir"]
    assert cli.main(["train", "--resume", run_dir, "--epochs", "5", "--quiet"], LESSONS) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["run_dir"] == run_dir and result["epochs"] == 5 and result["resumed_from_epoch"] == 3
    assert cli.main(["train", "--resume", run_dir, "--epochs", "7", "--lr", "0.5"], LESSONS) == 1
    assert "only --epochs and --device" in capsys.readouterr().err
