"""The only bridge between training and the window: a QObject worker in a QThread, and its owner.

The worker turns trainer callbacks (plain Python, called in the worker thread) into Qt signals carrying
plain values and numpy copies. Steps and evaluations are coalesced and sent at most ``MAX_RATE_HZ``
times a second whatever the batch rate, so the GUI thread never falls behind. Worker signals are
connected only to ``@Slot`` methods of the controller, which lives in the GUI thread: a lambda would run
in the worker thread (see ARCHITECTURE.md).
"""
from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from workbench.errors import tr_noop

MAX_RATE_HZ = 10


@dataclass(frozen=True)
class Progress:
    """Everything that happened since the last update: new steps as arrays, new evaluations, the latest step."""

    steps: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    evaluations: tuple = ()
    latest: Any = None        # the most recent StepEnded (speed, ETA, epoch)
    logs: dict = field(default_factory=dict)   # name -> array of the task's per-step values


@dataclass(frozen=True)
class Failure:
    """Why a job failed, kept as template + params so the window can translate it."""

    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_exception(cls, error: BaseException) -> "Failure":
        if hasattr(error, "template"):
            return cls(error.template, dict(error.params))
        return cls(tr_noop("Unexpected error: {error}"), {"error": f"{type(error).__name__}: {error}"})


def lower_thread_priority(niceness: int = 10) -> None:
    """Make the calling (worker) thread yield the CPU to the GUI thread when both want it.

    Training uses every core; on a small machine the GUI thread would otherwise wait for a scheduler
    slice behind busy math threads. Linux applies nice values per thread, and threads the worker
    creates (torch's OpenMP team) inherit it. Elsewhere this is a no-op.
    """
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)
        except OSError:
            pass


# A job is a plain function run in the worker thread: it receives the worker (for its control flags
# and trainer listeners) and returns a JSON-able summary.
Job = Callable[["JobWorker"], dict]


class JobWorker(QObject):
    run_started = Signal(object)      # RunStarted
    progressed = Signal(object)       # Progress, at most MAX_RATE_HZ per second
    snapshot_taken = Signal(object)   # Snapshot
    succeeded = Signal(object)        # dict summary
    failed = Signal(object)           # Failure
    finished = Signal()               # always, last

    def __init__(self, job: Job) -> None:
        super().__init__()
        from workbench.trainer import Control  # torch is loaded before any job is created
        self.control = Control()
        self._job = job
        self._pending_steps: list = []
        self._pending_evals: list = []
        self._last_sent = 0.0
        self._last_snapshot_sent = 0.0
        self._pending_snapshot = None

    def listeners(self) -> dict[str, list[Callable]]:
        """Trainer callbacks that feed this worker's signals."""
        return {"on_start": [self.run_started.emit], "on_step": [self._collect_step],
                "on_eval": [self._collect_eval], "on_snapshot": [self._forward_snapshot]}

    def _collect_step(self, event) -> None:
        self._pending_steps.append(event)
        self._flush_if_due()

    def _collect_eval(self, event) -> None:
        self._pending_evals.append(event)
        self._flush_if_due()

    def _forward_snapshot(self, event) -> None:
        now = time.perf_counter()
        if now - self._last_snapshot_sent >= 1.0 / MAX_RATE_HZ:
            self._last_snapshot_sent = now
            self._pending_snapshot = None
            self.snapshot_taken.emit(event)
        else:
            # Too soon to send; keep it so that the final state (e.g. the trained model's last
            # snapshot) still reaches the window when the job ends.
            self._pending_snapshot = event

    def _flush_if_due(self) -> None:
        if time.perf_counter() - self._last_sent >= 1.0 / MAX_RATE_HZ:
            self.flush()

    def flush(self) -> None:
        """Send what has accumulated (also called when the job ends, so nothing is lost)."""
        if not self._pending_steps and not self._pending_evals:
            return
        steps = self._pending_steps
        progress = Progress(
            steps=np.array([event.step for event in steps], dtype=np.int64),
            losses=np.array([event.loss for event in steps], dtype=np.float64),
            grad_norms=np.array([event.grad_norm for event in steps], dtype=np.float64),
            evaluations=tuple(self._pending_evals),
            latest=steps[-1] if steps else None,
            logs={name: np.array([event.logs.get(name, np.nan) for event in steps])
                  for name in (steps[-1].logs if steps else {})},
        )
        self._pending_steps, self._pending_evals = [], []
        self._last_sent = time.perf_counter()
        self.progressed.emit(progress)

    def flush_all(self) -> None:
        """At the end of a job: the last progress and the last snapshot, whatever the throttle says."""
        self.flush()
        if self._pending_snapshot is not None:
            self.snapshot_taken.emit(self._pending_snapshot)
            self._pending_snapshot = None

    @Slot()
    def run(self) -> None:
        lower_thread_priority()
        try:
            summary = self._job(self)
            self.flush_all()
            self.succeeded.emit(summary)
        except Exception as error:  # everything: a worker thread must never die silently
            self.flush_all()
            if not hasattr(error, "template"):
                traceback.print_exc()
            self.failed.emit(Failure.from_exception(error))
        finally:
            self.finished.emit()


class JobController(QObject):
    """Runs one job at a time in its own QThread and re-emits the worker's signals in the GUI thread."""

    run_started = Signal(object)
    progressed = Signal(object)
    snapshot_taken = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: JobWorker | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    @property
    def paused(self) -> bool:
        return self._worker is not None and self._worker.control.paused

    def start(self, job: Job) -> bool:
        """Start ``job`` in a new thread; False (and nothing started) if a job is already running."""
        if self.busy:
            return False
        thread = QThread(self)
        thread.setObjectName("workbench-job")
        worker = JobWorker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.run_started.connect(self._on_run_started)
        worker.progressed.connect(self._on_progressed)
        worker.snapshot_taken.connect(self._on_snapshot_taken)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(thread.quit)
        worker.finished.connect(worker.deleteLater)  # processed as the thread winds down
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()
        self.busy_changed.emit(True)
        return True

    def pause(self) -> None:
        if self._worker is not None:
            self._worker.control.pause()

    def resume(self) -> None:
        if self._worker is not None:
            self._worker.control.resume()

    def request_stop(self) -> None:
        """Ask the job to stop after the current batch; returns at once (``finished`` follows)."""
        if self._worker is not None:
            self._worker.control.stop()

    def shutdown(self) -> None:
        """Stop the job and wait for its thread to end (window closing). Never ``terminate()``."""
        thread = self._thread
        if thread is None:
            return
        self.request_stop()
        thread.quit()
        thread.wait()
        self._on_thread_finished()

    @Slot(object)
    def _on_run_started(self, event) -> None:
        self.run_started.emit(event)

    @Slot(object)
    def _on_progressed(self, progress) -> None:
        self.progressed.emit(progress)

    @Slot(object)
    def _on_snapshot_taken(self, snapshot) -> None:
        self.snapshot_taken.emit(snapshot)

    @Slot(object)
    def _on_succeeded(self, summary) -> None:
        self.succeeded.emit(summary)

    @Slot(object)
    def _on_failed(self, failure) -> None:
        self.failed.emit(failure)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None:   # already cleaned up by shutdown()
            return
        thread = self._thread
        self._thread, self._worker = None, None
        thread.wait()
        thread.deleteLater()
        self.busy_changed.emit(False)
        self.finished.emit()
