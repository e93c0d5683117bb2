"""Thread lifetimes under stress: the patterns that crashed (SIGBUS) and froze the app, hundreds of times.

The old design moved QObject workers into QThreads and deleted them there; these rounds killed it
within seconds. A faulthandler watchdog prints every thread's stack and ends the process if anything
hangs, so CI fails with the stacks instead of waiting out its time limit.
"""
from __future__ import annotations

import faulthandler
import sys
import threading

import numpy as np
import pytest
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from tests.window_helpers import LONG
from widgets.pad_worker import PadMirror
from widgets.torch_loader import load_torch
from widgets.worker import JobController, MirrorHost

WATCHDOG_S = 150      # far above the test's own time (~20 s here); only a hang gets there
ROUNDS = 300


@pytest.fixture
def watchdog():
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True, file=sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


def quick_job(runner) -> dict:
    return {"ok": True}


def job_until_stopped(runner) -> dict:
    """Stands for a training run: works (here: waits) until asked to stop."""
    stop = runner.control
    while not stop.stop_requested:
        threading.Event().wait(0.0005)
    return {"stopped": True}


class JobRounds(QObject):
    """Each round: the torch loader's job, then — in the slot receiving its result, as --autostart does —
    a job on a second controller; when that one finishes, the next job starts in the very slot that
    receives ``finished``. Every third round also starts a long job and stops it, and every fifth
    shuts one down mid-run and starts another at once."""

    done = Signal()

    def __init__(self, rounds: int) -> None:
        super().__init__()
        self.rounds_left = rounds
        self.loader = JobController(self, "torch-loader")
        self.jobs = JobController(self, "workbench-job")
        self.loader.succeeded.connect(self._on_loaded)
        self.loader.finished.connect(self._on_loader_finished)
        self.jobs.finished.connect(self._on_job_finished)
        self.jobs.run_started.connect(self._on_run_started)
        self.completed = 0
        self.phase = ""

    def begin(self) -> None:
        self._next_round()

    @Slot()
    def _on_loader_finished(self) -> None:
        if self.phase == "waiting for the loader":
            self._next_round()

    def _next_round(self) -> None:
        if self.loader.busy:                        # its finished() may come after the job's
            self.phase = "waiting for the loader"
            return
        if self.rounds_left == 0:
            self.done.emit()
            return
        self.rounds_left -= 1
        self.phase = "load"
        assert self.loader.start(load_torch)

    @Slot(object)
    def _on_loaded(self, info: dict) -> None:
        assert "torch" in info
        self.phase = "quick"
        assert self.jobs.start(quick_job)           # the loader's thread is still winding down here

    @Slot(object)
    def _on_run_started(self, _event) -> None:
        self.jobs.request_stop()

    @Slot()
    def _on_job_finished(self) -> None:
        self.completed += 1
        if self.phase == "quick" and self.rounds_left % 3 == 0:
            self.phase = "stop"
            assert self.jobs.start(self._announcing(job_until_stopped))    # stopped when it reports
            return
        if self.phase in ("quick", "stop") and self.rounds_left % 5 == 0:
            self.phase = "shutdown"
            assert self.jobs.start(job_until_stopped)
            self.jobs.shutdown()                    # joins; its queued reports are dropped
            assert not self.jobs.busy
            return                                  # shutdown() emitted finished: we are called again
        self._next_round()

    @staticmethod
    def _announcing(job):
        def run(runner) -> dict:
            runner.listeners()["on_start"][0]({"announce": True})
            return job(runner)
        return run


class MirrorRounds(QObject):
    """The drawing pad's mirror: start with the newest weights, answer, then stop — alternately by
    ``stop()`` from the slot that got the answer, and by the idle timer — and start again at once."""

    done = Signal()

    def __init__(self, rounds: int, weights) -> None:
        super().__init__()
        from tasks import LESSONS
        self.rounds_left = rounds
        self.host = MirrorHost(self, lambda emit: PadMirror(LESSONS, emit), "drawing-pad", idle_s=0.0)
        self.host.set_weights(weights)
        self.host.reported.connect(self._on_reported)
        self.host.stopped.connect(self._on_stopped)
        self.canvas = np.zeros((280, 280), dtype=np.uint8)
        self.canvas[60:220, 130:150] = 255          # a "1"
        self.answers = 0
        self.waiting_for_idle = False

    def begin(self) -> None:
        self._ask()

    def _ask(self) -> None:
        if self.rounds_left == 0:
            self.host.stop()
            self.done.emit()
            return
        self.rounds_left -= 1
        self.host.submit("read_canvas", self.rounds_left, self.canvas)

    @Slot(str, object)
    def _on_reported(self, kind: str, payload) -> None:
        if kind != "read_done":
            assert kind == "model_ready", payload
            return
        assert payload.probabilities.shape == (10,)
        self.answers += 1
        if self.rounds_left % 2:
            self.host.stop()
            self._ask()
        else:
            self.waiting_for_idle = True            # the idle timer (0 s) stops it next

    @Slot()
    def _on_stopped(self) -> None:
        if self.waiting_for_idle:
            self.waiting_for_idle = False
            self._ask()


def test_jobs_and_mirrors_survive_hundreds_of_start_stop_rounds(qtbot, watchdog):
    from tasks.mnist_rows import MnistRows
    from workbench.models import mirror_payload
    from workbench.spec import ModelSpec
    weights = mirror_payload("mnist-rows", MnistRows().build(ModelSpec(hidden_size=8)))
    jobs, mirror = JobRounds(ROUNDS), MirrorRounds(ROUNDS, weights)
    with qtbot.waitSignals([jobs.done, mirror.done], timeout=LONG):
        QTimer.singleShot(0, jobs.begin)
        QTimer.singleShot(0, mirror.begin)
    assert jobs.completed >= ROUNDS and mirror.answers == ROUNDS
    assert not jobs.jobs.busy and not jobs.loader.busy and not mirror.host.running


def test_a_slow_request_is_answered_even_when_the_idle_timer_fires(qtbot, watchdog):
    """The idle stop waits for outstanding requests: stopping would drop the answer the panel waits for."""
    release = threading.Event()

    class SlowMirror:
        def __init__(self, emit):
            self.emit = emit

        def slow(self):
            release.wait(LONG / 1000)
            self.emit("answer", 42)

    owner = QObject()
    host = MirrorHost(owner, SlowMirror, "slow", idle_s=0.0)
    class Receiver(QObject):      # a @Slot in the GUI thread: a lambda would run in the mirror's thread
        got = Signal(object)

        @Slot(str, object)
        def on_reported(self, kind, payload):
            self.got.emit(payload)

    receiver = Receiver()
    host.reported.connect(receiver.on_reported)
    host.submit("slow")
    with qtbot.waitSignal(host.idle.timeout, timeout=LONG):   # the idle timer fires with the request pending
        pass
    assert host.running                                # not stopped: the request is outstanding
    with qtbot.waitSignal(receiver.got, timeout=LONG) as got:
        release.set()
    assert got.args == [42]
    qtbot.waitUntil(lambda: not host.running, timeout=LONG)   # and then the idle stop happens


class Restarter(QObject):
    """Asks for the next job whenever one finishes, as the Runs view's reader does for curves it owes."""

    def __init__(self, jobs: JobController) -> None:
        super().__init__()
        self.jobs, self.refused = jobs, 0
        jobs.finished.connect(self.again)

    @Slot()
    def again(self) -> None:
        if not self.jobs.start(job_until_stopped):
            self.refused += 1


def test_no_job_starts_from_a_finished_slot_while_the_controller_shuts_down(qtbot, watchdog):
    jobs = JobController(thread_name="restarting")
    restarter = Restarter(jobs)
    assert jobs.start(job_until_stopped)
    jobs.shutdown()                                     # the window closes mid-job
    assert restarter.refused == 1 and not jobs.busy     # no thread left to outlive the window
    jobs.finished.disconnect(restarter.again)
    assert jobs.start(quick_job)                        # (a controller can still be used afterwards)
    qtbot.waitUntil(lambda: not jobs.busy, timeout=LONG)
