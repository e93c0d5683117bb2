"""The window gives freed heap back to the OS after each job (see workbench/memory.py for why)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.memory import _glibc, _malloc_trim, release_free_memory


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


# Eight threads that each hold a malloc'd block until all have one: without a cap glibc gives each its own
# arena (up to 8 per core); malloc_stats() prints one "Arena N:" block per arena on stderr.
ARENA_PROBE = """
import sys, threading
sys.path.insert(0, sys.argv[2])
from workbench.memory import limit_malloc_arenas
import ctypes
cap = int(sys.argv[1])
if cap:
    assert limit_malloc_arenas(cap) is True
held = threading.Barrier(8)
def hold():
    block = bytearray(100_000)      # above pymalloc's limit: straight from malloc, in this thread's arena
    held.wait()
    del block
threads = [threading.Thread(target=hold) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
ctypes.CDLL("libc.so.6").malloc_stats()
"""


def arenas_used(cap: int, env_cap: str | None = None) -> int:
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    if env_cap:
        env["MALLOC_ARENA_MAX"] = env_cap
    root = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-c", ARENA_PROBE, str(cap), root], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    return sum(line.startswith("Arena ") for line in result.stderr.splitlines())


@pytest.mark.skipif(_glibc() is None, reason="needs glibc's mallopt")
def test_the_arena_cap_keeps_threads_to_that_many_arenas():
    assert arenas_used(0) > 2, "glibc gave the threads no arenas of their own: nothing to test here"
    assert arenas_used(2) == 2


@pytest.mark.skipif(_glibc() is None, reason="needs glibc's mallopt")
def test_a_cap_set_in_the_environment_is_left_as_the_user_set_it():
    assert arenas_used(2, env_cap="3") == 3


def test_an_arena_count_below_one_is_refused():
    from workbench.memory import limit_malloc_arenas
    with pytest.raises(ValueError, match="at least 1"):
        limit_malloc_arenas(0)
