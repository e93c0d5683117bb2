"""How many CPU threads torch may use.

torch defaults to one intra-op thread per core. Headless, that is what we want. In the window the GUI
thread needs CPU too. On 2 cores, measured with bench/window_vs_headless.py: one training thread left
the GUI no more responsive (probe p99 ~19 ms either way) but trained at 0.66x the headless speed, while
two threads with the worker thread niced (widgets/worker.py) trained at 0.97x. So the window keeps a
core free only where there are cores to spare (4 or more). Checked again on 2026-11-30 (three alternating
pairs each, this noisy 2-core VM): mnist-rows in the window 8,460 samples/s with one thread, 10,254 with
two; sine-generation 1,795 vs 1,728 — two threads never lose by much and win on the bigger models.
Again on 2026-12-01 (window with one thread vs two, medians of three runs each, alternating with headless):
mnist-rows (morvan) 11,828 vs 13,609 samples/s, autoencoder 9,332 vs 11,703, sine-generation 2,640 vs 2,361 —
only the smallest lessons gain from one thread (headless alone, one thread is as fast as two with every
lesson's defaults but the CNN's, 3,520 vs 5,300, and 8 % slower with the row-by-row "best" preset), so the
policy stays.
OpenMP's waiting, checked on 2026-12-01 (sine-generation, 10 epochs, window and headless alternating, three
rounds): OMP_WAIT_POLICY=PASSIVE (team threads sleep at once instead of spinning) trained at 1,770 / 1,363
samples/s in the window and 1,747 / 1,718 headless against 2,364 / 2,167 and 2,427 / 2,520 by default;
ACTIVE (never sleep) was no better than the default (window 1,871-2,123 vs 1,736-2,122). So the default stays.
Results do not depend on the thread count (mnist-rows, sine-to-cos, autoencoder: identical test losses
with 1 and 2 threads), so the window and ``main.py train`` agree.
"""
from __future__ import annotations

import os
import sys

THREADS_ENV = "RNN_WORKBENCH_THREADS"
_training_threads: int | None = None     # what configure_torch_threads chose; each training thread uses it


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
    global _training_threads
    import torch
    count = _training_threads = choose_thread_count(leave_core_for_gui, requested)
    torch.set_num_threads(count)
    return count


# torch's thread count is kept per thread (an OpenMP setting of the calling thread), but
# ``torch.set_num_threads`` also stores it as the count each thread starts with when it first runs torch.
# So a thread that keeps to one (below) would leave a training thread started after it with one: each
# training thread sets the training count for itself first.

def _use_here(count: int | None) -> None:
    """torch ops of the calling thread use ``count`` threads (if torch is loaded and a count is known)."""
    torch = sys.modules.get("torch")
    if torch is not None and count is not None and torch.get_num_threads() != count:
        torch.set_num_threads(count)


def use_training_threads() -> None:
    """In a thread about to train: torch uses the count configure_torch_threads chose."""
    _use_here(_training_threads)


def use_one_thread() -> None:
    """In a thread that runs small models on demand (the drawing pad's, the decoder's): torch ops of this
    thread run on one core, with no OpenMP team of their own.

    *Why:* a pad reading (an LSTM over 28 prefixes of the drawing) takes ~3 ms on one core. Split over two,
    each op waited for its partner thread whenever the other core was busy (the GUI painting the stroke,
    training): one reading in five took 10-30 ms, most of it spinning. Measured with bench/pad_latency.py,
    two runs each, p95: idle 21-28 ms -> 5.6-5.8 ms; median reading 2.5-2.8 ms either way.
    """
    _use_here(1)
