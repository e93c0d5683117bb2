"""Background work for the window, built so that no Qt object is ever destroyed in the wrong thread.

The rules (ARCHITECTURE.md, "Qt threading facts") and what broke when they were not kept:

1. **Work is plain Python in a plain thread.** A job (training, evaluating, loading torch) or a mirror
   (the drawing pad's private model) runs as a callable in a ``threading.Thread``. No Python-subclassed
   QObject is created in, moved to, or deleted by that thread. *Why:* a Python QObject deleted in a worker
   thread (``deleteLater`` there) runs ``~QObject``, which asks for the GIL while holding a QObject
   mutex; the GUI thread, holding the GIL, called ``moveToThread`` and waited for that mutex: frozen.
2. **Reports go through a relay that lives in the GUI thread.** The thread emits the signal of a
   :class:`Relay` created in the GUI thread, owned by a GUI-thread object and deleted with it. Qt
   queues each emission to the relay's receivers, which are ``@Slot`` methods of GUI-thread objects
   (a lambda connected to a signal emitted in a worker thread would run in that worker thread).
3. **Wait, then let go.** The owner of a thread joins it before it drops anything the thread used, and
   the relay outlives every thread that emits through it. *Why:* ``QThread`` emits ``finished()``
   before it processes its thread's pending ``deleteLater``; dropping the worker's last reference in a
   slot on ``finished`` deleted it in two threads at once: "shared QObject was deleted directly", SIGBUS.
4. **Stop = set a flag, then join**; never kill a thread. Every emission carries the number of the job
   (or mirror generation) that sent it, so reports from a job that was shut down are ignored.

tests/test_thread_lifetimes.py repeats the patterns that crashed and froze, hundreds of times.
"""
from __future__ import annotations

import os
import queue
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from workbench.control import Control
from workbench.errors import tr_noop
from workbench.memory import release_free_memory
from workbench.threads import use_one_thread, use_training_threads

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


class Relay(QObject):
    """The one QObject a worker thread touches: it only emits. Created, owned and deleted in the GUI thread."""

    event = Signal(int, str, object)    # sender's job/generation number, what happened, its payload


# A job is a plain function run in the worker thread: it receives the runner (for its control flags and
# trainer listeners) and returns a JSON-able summary.
Job = Callable[["JobRunner"], dict]


class JobRunner:
    """The worker-thread half of a job (plain Python): runs it, coalesces trainer events, reports.

    Steps and evaluations are sent at most ``MAX_RATE_HZ`` times a second whatever the batch rate, so
    the GUI thread never falls behind — less often where the window asks (``report_interval_s``, set from
    the GUI thread: widgets/update_budget.py); the last progress and snapshot are always sent at the end.
    """

    def __init__(self, job: Job, emit: Callable[[str, Any], None]) -> None:
        self.control = Control()
        self._job = job
        self._emit = emit
        self._pending_steps: list = []
        self._pending_evals: list = []
        self._last_sent = 0.0
        self._last_snapshot_sent = 0.0
        self._pending_snapshot = None
        self.report_interval_s = 1.0 / MAX_RATE_HZ     # a float the GUI thread may replace at any time

    def listeners(self) -> dict[str, list[Callable]]:
        """Trainer callbacks that feed this runner's reports."""
        return {"on_start": [self._start_run], "on_step": [self._collect_step],
                "on_eval": [self._collect_eval], "on_snapshot": [self._forward_snapshot]}

    def _start_run(self, event) -> None:
        # A job of several runs (a comparison, an experiment): what the last run left pending belongs to it,
        # so it goes out before the panels hear that a new run started and clear themselves.
        self.flush_all()
        self._emit("run_started", event)

    def _collect_step(self, event) -> None:
        self._pending_steps.append(event)
        self._flush_if_due()

    def _collect_eval(self, event) -> None:
        self._pending_evals.append(event)
        self._flush_if_due()

    def _forward_snapshot(self, event) -> None:
        now = time.perf_counter()
        if now - self._last_snapshot_sent >= self.report_interval_s:
            self._last_snapshot_sent = now
            self._pending_snapshot = None
            self._emit("snapshot_taken", event)
        else:
            # Too soon to send; keep it so that the final state (e.g. the trained model's last
            # snapshot) still reaches the window when the job ends.
            self._pending_snapshot = event

    def _flush_if_due(self) -> None:
        if time.perf_counter() - self._last_sent >= self.report_interval_s:
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
        self._emit("progressed", progress)

    def flush_all(self) -> None:
        """At the end of a job: the last progress and the last snapshot, whatever the throttle says."""
        self.flush()
        if self._pending_snapshot is not None:
            self._emit("snapshot_taken", self._pending_snapshot)
            self._pending_snapshot = None

    def run(self) -> None:
        """The thread's body: always ends by reporting ``finished``, whatever happened."""
        lower_thread_priority()
        use_training_threads()
        try:
            summary = self._job(self)
            self.flush_all()
            self._emit("succeeded", summary)
        except Exception as error:  # everything: a worker thread must never die silently
            self.flush_all()
            if not hasattr(error, "template"):
                traceback.print_exc()
            self._emit("failed", Failure.from_exception(error))
        finally:
            # Here rather than in the GUI thread: trimming after a large run takes tens of ms, and ctypes
            # lets go of the GIL meanwhile. Before "finished", so the next job starts on a trimmed heap.
            release_free_memory()
            self._emit("finished", None)


class JobController(QObject):
    """Runs one job at a time in its own thread and re-emits its reports as signals in the GUI thread."""

    run_started = Signal(object)
    progressed = Signal(object)
    snapshot_taken = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, thread_name: str = "workbench-job") -> None:
        super().__init__(parent)
        self.thread_name = thread_name
        self._relay = Relay(self)
        self._relay.event.connect(self._on_event)
        self._job_number = 0
        self._thread: threading.Thread | None = None
        self._runner: JobRunner | None = None
        self._shutting_down = False
        self._signals = {"run_started": self.run_started, "progressed": self.progressed,
                         "snapshot_taken": self.snapshot_taken, "succeeded": self.succeeded, "failed": self.failed}

    @property
    def busy(self) -> bool:
        return self._thread is not None

    @property
    def paused(self) -> bool:
        return self._runner is not None and self._runner.control.paused

    def start(self, job: Job) -> bool:
        """Start ``job`` in a new thread; False (and nothing started) if a job is already running."""
        if self.busy or self._shutting_down:
            return False
        self._job_number += 1
        runner = JobRunner(job, partial(self._relay.event.emit, self._job_number))
        # A daemon thread cannot keep a crashed window's process alive; normally it is always joined.
        thread = threading.Thread(target=runner.run, name=self.thread_name, daemon=True)
        self._thread, self._runner = thread, runner
        thread.start()
        self.busy_changed.emit(True)
        return True

    def set_report_interval(self, seconds: float) -> None:
        """The running job reports no more often than every ``seconds`` (the next job starts at the default)."""
        if self._runner is not None:
            self._runner.report_interval_s = seconds

    def pause(self) -> None:
        if self._runner is not None:
            self._runner.control.pause()

    def resume(self) -> None:
        if self._runner is not None:
            self._runner.control.resume()

    def request_stop(self) -> None:
        """Ask the job to stop after the current batch; returns at once (``finished`` follows)."""
        if self._runner is not None:
            self._runner.control.stop()

    def shutdown(self) -> None:
        """Stop the job and wait for its thread to end (window closing). Its unread reports are dropped."""
        if self._thread is None:
            return
        self.request_stop()
        self._job_number += 1          # whatever it queued before it ended is now stale
        # A slot that `finished` reaches may want the next job (the Runs view's reader asks for the curves
        # it still owes): refused here, or a thread would start while the window closes, and outlive it.
        self._shutting_down = True
        try:
            self._end()
        finally:
            self._shutting_down = False

    @Slot(int, str, object)
    def _on_event(self, number: int, kind: str, payload: object) -> None:
        if number != self._job_number or self._thread is None:
            return                     # from a job that was shut down
        if kind == "finished":
            self._end()
        else:
            self._signals[kind].emit(payload)

    def _end(self) -> None:
        self._thread.join()            # wait first (the thread is at most one emit from its end) ...
        self._thread, self._runner = None, None     # ... then let go
        self.busy_changed.emit(False)
        self.finished.emit()


class MirrorHost(QObject):
    """Runs a mirror — a plain Python object holding a private CPU model — in a thread of its own that
    exists only while a panel uses it.

    Requests are method names and arguments, queued to the thread and run in order; the mirror reports
    through ``emit(kind, payload)``, which reaches :attr:`reported` in the GUI thread. *Why the thread
    stops when idle:* a second thread that has run torch ops keeps its own OpenMP team for as long as it
    lives, and with one alive beside it training ran at about half speed on 2 cores (bench/mirror_cost.py).
    So the thread starts on the first request and stops ``idle_s`` seconds after the last one; the newest
    weights (numpy copies) or checkpoint path are kept here and handed to each new thread. (Its torch ops
    now run on one core and start no team at all: workbench/threads.py ``use_one_thread``.)
    """

    reported = Signal(str, object)      # in the GUI thread: what the mirror said, and its payload
    stopped = Signal()                  # its thread has ended (idle, or stop())

    def __init__(self, owner: QObject, make_mirror: Callable[[Callable[[str, Any], None]], Any], name: str,
                 idle_s: float = 3.0, weights_interval_s: float = 1.0) -> None:
        super().__init__(owner)
        from PySide6.QtCore import QTimer
        self.make_mirror, self.name = make_mirror, name
        self._relay = Relay(self)
        self._relay.event.connect(self._on_event)
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._requests: queue.SimpleQueue | None = None
        self._outstanding = 0          # requests queued and not yet answered "done"
        self.weights: dict | None = None
        self.checkpoint: str | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(idle_s * 1000))
        self.idle.timeout.connect(self._on_idle)
        # Each weight payload makes the mirror load a model, which competes with training for the CPU; a
        # panel looked at while training needs a fresh model about once a second, not per snapshot.
        self._weights_timer = QTimer(self)
        self._weights_timer.setSingleShot(True)
        self._weights_timer.setInterval(int(weights_interval_s * 1000))
        self._weights_timer.timeout.connect(self._on_weights_due)
        self._weights_waiting = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def submit(self, method: str, *args: Any) -> None:
        """Run ``mirror.method(*args)`` in the mirror's thread, starting it (with the newest model) if needed."""
        self.idle.start()
        if self._thread is None:
            self._start()
        self._put(method, *args)

    def _put(self, method: str, *args: Any) -> None:
        self._outstanding += 1
        self._requests.put((method, args))

    def _start(self) -> None:
        self._generation += 1
        self._outstanding = 0
        requests: queue.SimpleQueue = queue.SimpleQueue()
        emit = partial(self._relay.event.emit, self._generation)
        thread = threading.Thread(target=serve, args=(self.make_mirror(emit), requests, emit), name=self.name,
                                  daemon=True)
        self._thread, self._requests = thread, requests
        thread.start()
        if self.checkpoint is not None:
            self._put("open_checkpoint", self.checkpoint)
        elif self.weights is not None:
            self._put("set_weights", self.weights)

    def set_weights(self, payload: dict) -> None:
        """Keep the newest weights; a running mirror gets them (at most once per interval, newest last)."""
        self.weights, self.checkpoint = payload, None
        if self._thread is None:
            return
        if self._weights_timer.isActive():
            self._weights_waiting = True
            return
        self._put("set_weights", payload)
        self._weights_timer.start()

    @Slot()
    def _on_weights_due(self) -> None:
        if self._weights_waiting and self._thread is not None and self.weights is not None:
            self._weights_waiting = False
            self._put("set_weights", self.weights)
            self._weights_timer.start()

    def open_checkpoint(self, path: str) -> None:
        self.checkpoint, self.weights = path, None
        self.submit("open_checkpoint", path)

    @Slot()
    def _on_idle(self) -> None:
        # A request still being served (reading all test digits can take seconds) keeps the thread:
        # stopping would drop its answer, and the panel waiting for it would wait for ever.
        if self._outstanding:
            self.idle.start()
        else:
            self.stop()

    @Slot()
    def stop(self) -> None:
        """End the thread (its OpenMP team goes with it) and wait for it; the next request starts a fresh one."""
        self.idle.stop()
        self._weights_timer.stop()
        self._weights_waiting = False
        thread, requests = self._thread, self._requests
        if thread is None:
            return
        requests.put(None)
        self._generation += 1          # reports it queued before ending are stale
        thread.join()
        self._thread, self._requests, self._outstanding = None, None, 0
        self.stopped.emit()

    @Slot(int, str, object)
    def _on_event(self, generation: int, kind: str, payload: object) -> None:
        if generation != self._generation or self._thread is None:
            return
        if kind == DONE:
            self._outstanding -= 1
        else:
            self.reported.emit(kind, payload)


DONE = "request-done"


def serve(mirror: Any, requests: queue.SimpleQueue, emit: Callable[[str, Any], None]) -> None:
    """A mirror thread's body: run queued requests in order until told to stop (``None``); after each
    one, report :data:`DONE` so the host knows when nothing is outstanding."""
    lower_thread_priority()
    while True:
        request = requests.get()
        if request is None:
            return
        method, args = request
        try:
            use_one_thread()        # torch may have been loaded since the last request
            getattr(mirror, method)(*args)
        except Exception as error:  # a bad request must not end the thread; the panel says why
            traceback.print_exc()
            failure = Failure.from_exception(error)
            emit("unavailable", (failure.template, failure.params))
        finally:
            emit(DONE, None)
