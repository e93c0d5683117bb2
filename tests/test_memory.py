"""The window gives freed heap back to the OS after each job (see workbench/memory.py for why)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.memory import _malloc_trim, release_free_memory


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS line")


@pytest.mark.skipif(_malloc_trim() is None, reason="needs glibc's malloc_trim")
def test_freed_small_allocations_go_back_to_the_os_after_a_trim():
    release_free_memory()
    before = resident_mb()
    # Many blocks below malloc's mmap threshold: freed, they stay in the heap, as a run's tensors do.
    blocks = [np.ones(2000) for _ in range(20_000)]            # ~320 MB
    keep = blocks[-1].copy()    # noqa: F841 - something allocated after them, so the heap cannot simply shrink
    del blocks
    assert resident_mb() - before > 200, "the freed blocks were returned without a trim: nothing to test here"
    assert release_free_memory() is True
    assert resident_mb() - before < 100


def test_a_job_thread_trims_before_it_reports_finished(qtbot, monkeypatch):
    import widgets.worker as worker
    order = []
    monkeypatch.setattr(worker, "release_free_memory", lambda: order.append("trim"))
    controller = worker.JobController()
    controller.finished.connect(lambda: order.append("finished"))
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.start(lambda runner: {"ok": True})
    assert order == ["trim", "finished"] and not controller.busy
