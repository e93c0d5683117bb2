"""Faults a learner can cause or meet, in the real window: closing it mid-run in every lesson, a lesson
that raises, a loss that turns NaN, buttons pressed in any order, a disk that fills up while saving.
In every case the app keeps running, the message says what happened, and nothing good is lost."""
from __future__ import annotations

import errno
import hashlib
import json
import random

import pytest
import torch

import workbench.atomic
import workbench.checkpoint
from tasks import LESSONS
from tests.window_helpers import LONG, train

FAST_SETTINGS = {"hidden_size": 8, "batch_size": 200, "evals_per_epoch": 1}


def make_small(window, epochs: int) -> None:
    """Shrink whatever the current lesson shows in the form, so runs take a moment, not minutes."""
    form = window.form
    for field, value in FAST_SETTINGS.items():
        if not form.rows[field].isHidden():
            getattr(form, field).setValue(value)
    form.epochs.setValue(epochs)


def run_status(run_dir) -> dict:
    return json.loads((run_dir / "config.json").read_text())


def only_run(window):
    runs = sorted(window.runs_root.iterdir())
    assert len(runs) == 1, runs
    return runs[0]


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_closing_the_window_mid_run_stops_cleanly_in_every_lesson(qtbot, window, lesson):
    window._select_lesson(lesson)
    make_small(window, epochs=2000)
    with qtbot.waitSignal(window.controller.progressed, timeout=LONG):
        assert window.start_training()
    window.close()
    assert not window.controller.busy            # joined; the fixture checks no thread is left
    assert run_status(only_run(window))["status"] == "stopped"


def fail_at_step(monkeypatch, lesson_class, step: int, how: str) -> None:
    """Make ``lesson_class.step`` raise (or return a NaN loss) at its ``step``-th training call."""
    original = lesson_class.step
    calls = {"training": 0}

    def step_that_fails(self, model, batch, training):
        result = original(self, model, batch, training)
        if training:
            calls["training"] += 1
            if calls["training"] == step:
                if how == "raise":
                    raise RuntimeError("boom in the lesson")
                result.loss = result.loss * float("nan")
        return result

    monkeypatch.setattr(lesson_class, "step", step_that_fails)


@pytest.mark.parametrize("how, words", [
    ("raise", "Training failed: Unexpected error: RuntimeError: boom in the lesson"),
    ("nan", "Training failed: the loss became nan at step 5"),
])
def test_a_failing_run_is_explained_marked_failed_and_the_app_goes_on(qtbot, window, monkeypatch, how, words):
    window._select_lesson("mnist-rows")
    make_small(window, epochs=1)
    fail_at_step(monkeypatch, LESSONS["mnist-rows"], 5, how)
    with qtbot.waitSignal(window.job_failed, timeout=LONG) as failed:
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert words in failed.args[0] and words in window.message_bar.label.text()
    record = run_status(only_run(window))
    assert record["status"] == "failed" and record["error"]
    assert window.start_button.isEnabled()
    monkeypatch.undo()
    assert train(qtbot, window)["steps"] == 20           # and the next run trains normally


def test_buttons_in_random_order_never_break_the_window(qtbot, window):
    """Start, Pause/Resume, Stop and lesson switches, 200 of them in a random order, as fast as a user
    could click: every button's state always matches what is running, and every run ends properly."""
    rng = random.Random(11)
    fast_lessons = ["curve-fit", "two-class", "sine-to-cos", "optimizer-race", "mnist-rows", "sine-generation"]
    finished: list[dict] = []
    window.job_succeeded.connect(finished.append)
    window.job_failed.connect(lambda message: pytest.fail(f"a run failed: {message}"))
    started = 0
    for action in range(200):
        busy = window.controller.busy
        training = busy and window.job_kind == "train"
        assert window.start_button.isEnabled() == (not busy)
        assert window.pause_button.isEnabled() == training and window.stop_button.isEnabled() == training
        assert window.lesson_box.isEnabled() == (not busy) and window.form.isEnabled() == (not busy)
        choice = rng.choice(["start", "start", "pause", "stop", "lesson", "wait"])
        if choice == "start" and window.start_button.isEnabled():
            make_small(window, epochs=rng.choice([1, 3, 50]))
            window.start_button.click()
            started += 1
        elif choice == "pause" and window.pause_button.isEnabled():
            was_paused = window.controller.paused
            window.pause_button.click()
            assert window.controller.paused != was_paused
            assert window.pause_button.text() == ("Resume" if not was_paused else "Pause")
        elif choice == "stop" and window.stop_button.isEnabled():
            window.stop_button.click()
            qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
        elif choice == "lesson" and window.lesson_box.isEnabled():
            window.lesson_box.setCurrentIndex(window.lesson_box.findData(rng.choice(fast_lessons)))
        elif choice == "wait" and busy:
            if window.controller.paused:
                window.pause_button.click()
            qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    if window.controller.paused:
        window.pause_button.click()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert started >= 20 and len(finished) == started
    statuses = [run_status(run)["status"] for run in window.runs_root.iterdir()]
    assert len(statuses) == started and set(statuses) <= {"finished", "stopped"}


class DiskFull:
    """Make atomic writes of matching files fail half-way with ENOSPC, as on a full disk."""

    def __init__(self, monkeypatch, matches) -> None:
        real = workbench.atomic.atomic_write
        self.failures = 0

        def atomic_write(path, write):
            if not matches(str(path)):
                return real(path, write)

            def write_half_then_fail(file):
                file.write(b"\0" * 4096)
                self.failures += 1
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(path, write_half_then_fail)

        monkeypatch.setattr(workbench.atomic, "atomic_write", atomic_write)
        monkeypatch.setattr(workbench.checkpoint, "atomic_write", atomic_write)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_while_saving_keeps_the_previous_checkpoint(qtbot, window, tmp_path, monkeypatch):
    window._select_lesson("mnist-rows")
    make_small(window, epochs=1)
    first = train(qtbot, window)
    saved = tmp_path / "model.pt"
    assert window.save_checkpoint_to(str(saved))
    before = digest(saved)
    disk = DiskFull(monkeypatch, lambda path: path.endswith(".pt"))

    assert not window.save_checkpoint_to(str(saved))              # Save as… onto the same file
    assert "No space left on device" in window.message_bar.label.text()
    assert digest(saved) == before and not list(tmp_path.glob(".model.pt.*"))   # no temporary file left over

    with qtbot.waitSignal(window.job_failed, timeout=LONG) as failed:   # a run whose checkpoint cannot be saved
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert "No space left on device" in failed.args[0] and disk.failures == 2
    runs = sorted(window.runs_root.iterdir())
    assert run_status(runs[-1])["status"] == "failed"
    assert window.current_checkpoint == first["checkpoint"]       # the last good model is still the one in use
    payload = torch.load(first["checkpoint"], weights_only=True)
    assert payload["task"] == "mnist-rows"
    monkeypatch.undo()
    assert window.save_checkpoint_to(str(saved)) and digest(saved) == before   # same model as before
