"""How many CPU threads torch may use.

torch defaults to one intra-op thread per core. Headless, that is what we want. In the window the GUI
thread needs CPU too. On 2 cores, measured with bench/window_vs_headless.py: one training thread left
the GUI no more responsive (probe p99 ~19 ms either way) but trained at 0.66x the headless speed, while
two threads with the worker thread niced (widgets/worker.py) trained at 0.97x. So the window keeps a
core free only where there are cores to spare (4 or more). Checked again on 2026-11-30 (three alternating
pairs each, this noisy 2-core VM): mnist-rows in the window 8,460 samples/s with one thread, 10,254 with
two; sine-generation 1,795 vs 1,728 — two threads never lose by much and win on the bigger models.
Results do not depend on the thread count (mnist-rows, sine-to-cos, autoencoder: identical test losses
with 1 and 2 threads), so the window and ``main.py train`` agree.
"""
from __future__ import annotations

import os

THREADS_ENV = "RNN_WORKBENCH_THREADS"


def choose_thread_count(leave_core_for_gui: bool, requested: int | None = None,
                        cores: int | None = None) -> int:
    """``requested`` (or ``$RNN_WORKBENCH_THREADS``) if given, else all cores, less one for the GUI."""
    if requested is None and os.environ.get(THREADS_ENV, "").isdigit():
        requested = int(os.environ[THREADS_ENV])
    if requested is not None and requested > 0:
        return requested
    cores = cores or os.cpu_count() or 1
    return cores - 1 if leave_core_for_gui and cores >= 4 else cores


def configure_torch_threads(leave_core_for_gui: bool, requested: int | None = None) -> int:
    import torch
    count = choose_thread_count(leave_core_for_gui, requested)
    torch.set_num_threads(count)
    return count
