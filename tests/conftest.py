"""Shared fixtures. Tests run offscreen; any test that leaves a QThread running fails."""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from workbench.spec import ModelSpec, TrainConfig  # noqa: E402


@pytest.fixture(autouse=True)
def fixed_thread_count(monkeypatch):
    """Training keeps its thread count in tests: the CNN's results depend on it, and the tests that compare
    runs digit for digit must not depend on what else this machine is doing (tests/test_threads.py tests
    the giving way itself)."""
    monkeypatch.setattr("workbench.trainer.load_follower", lambda: None)


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """No test (nor a window a test starts in a subprocess) reads or writes the user's own settings."""
    monkeypatch.setenv("RNN_WORKBENCH_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture(autouse=True)
def dangling_threads(request, monkeypatch):
    """Record where every QThread and Python thread is started; fail the test if one is still running at
    its end (napari's ``dangling_qthreads``, extended: our workers are plain Python threads)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    import threading

    from PySide6.QtCore import QThread
    started: list[tuple[object, str]] = []
    original_qthread_start, original_thread_start = QThread.start, threading.Thread.start

    def recording_qthread_start(self, *args, **kwargs):
        started.append((self, "".join(traceback.format_stack(limit=6)[:-1])))
        return original_qthread_start(self, *args, **kwargs)

    def recording_thread_start(self):
        started.append((self, "".join(traceback.format_stack(limit=6)[:-1])))
        return original_thread_start(self)

    monkeypatch.setattr(QThread, "start", recording_qthread_start)
    monkeypatch.setattr(threading.Thread, "start", recording_thread_start)
    yield
    running = []
    for thread, where in started:
        try:
            alive = thread.isRunning() if isinstance(thread, QThread) else thread.is_alive()
        except RuntimeError:  # the C++ object is already gone: certainly not running
            continue
        if alive:
            running.append(f"{getattr(thread, 'name', type(thread).__name__)}, started at:\n{where}")
    if running:
        pytest.fail("thread(s) still running after the test:\n" + "\n".join(running))


@pytest.fixture
def tiny_spec() -> ModelSpec:
    return ModelSpec(cell="lstm", hidden_size=16, num_layers=1)


@pytest.fixture
def tiny_config() -> TrainConfig:
    return TrainConfig(optimizer="adam", lr=0.01, batch_size=200, epochs=1, evals_per_epoch=2)


@pytest.fixture
def lessons():
    from tasks import LESSONS
    return LESSONS


@pytest.fixture
def window(qtbot, tmp_path, lessons):
    """The real main window with PyTorch loaded, run folders in a temporary directory."""
    from tests.window_helpers import LONG
    from widgets.main_window import MainWindow
    win = MainWindow(lessons, tmp_path / "runs")
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.torch_ready, timeout=LONG):
        win.load_torch()
    yield win
    win.close()
