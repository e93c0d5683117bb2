from PySide6.QtCore import QObject, Signal, Slot

from tests.window_helpers import LONG
from widgets.worker import JobController, MirrorHost
from workbench.threads import THREADS_ENV, choose_thread_count, configure_torch_threads


def test_thread_policy(monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert choose_thread_count(False, cores=2) == 2
    assert choose_thread_count(True, cores=2) == 2      # too few cores to spare one
    assert choose_thread_count(True, cores=8) == 7
    assert choose_thread_count(True, requested=3, cores=8) == 3
    monkeypatch.setenv(THREADS_ENV, "1")
    assert choose_thread_count(False, cores=8) == 1


class ThreadCounts(QObject):
    """Collects, in the GUI thread, the torch thread counts that a job and a mirror saw in their threads."""

    got = Signal(str, int)

    @Slot(object)
    def on_job_done(self, summary: dict) -> None:
        self.got.emit("job", summary["threads"])

    @Slot(str, object)
    def on_reported(self, kind: str, payload: object) -> None:
        self.got.emit(kind, payload)


class CountingMirror:
    def __init__(self, emit):
        self.emit = emit

    def count(self):
        import torch
        self.emit("mirror", torch.get_num_threads())


def count_job(runner) -> dict:
    import torch
    return {"threads": torch.get_num_threads()}


def test_mirrors_run_on_one_thread_and_training_keeps_its_count(qtbot):
    """A drawing pad's reading on one core, and a training job started after it still with the chosen
    count: torch remembers the last count set in any thread as the one new threads start with."""
    import torch
    chosen = configure_torch_threads(leave_core_for_gui=False, requested=2)
    owner, counts = QObject(), ThreadCounts()
    host = MirrorHost(owner, CountingMirror, "counting")
    host.reported.connect(counts.on_reported)
    jobs = JobController(owner, "workbench-job")
    jobs.succeeded.connect(counts.on_job_done)
    try:
        with qtbot.waitSignal(counts.got, timeout=LONG) as mirror:
            host.submit("count")
        assert mirror.args == ["mirror", 1]
        with qtbot.waitSignal(counts.got, timeout=LONG) as job:     # a new thread, after the mirror's
            assert jobs.start(count_job)
        assert job.args == ["job", chosen] and chosen == 2
        assert torch.get_num_threads() == 2                         # this thread's own count untouched
    finally:
        host.stop()
        jobs.shutdown()
