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
Results do not depend on the thread count (mnist-rows, sine-to-cos, autoencoder, the "best" preset: identical
test losses with 1 and 2 threads), so the window and ``main.py train`` agree — except the CNN's, whose
convolutions sum in another order (test loss 0.192907 with 1 thread, 0.193773 with 2, one epoch): it can
differ in its last digits when the count followed a load during the run (LoadFollower, below) or, in the
window, while the run measured one thread against two (ThreadTuner, below).
That count is a ceiling: while other programs use cores, training uses fewer; and in the window each run
trains on one thread where it measures one at least as fast — a core left to the GUI (below).
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, NamedTuple

THREADS_ENV = "RNN_WORKBENCH_THREADS"
_training_threads: int | None = None     # what configure_torch_threads chose; each training thread uses it
_follow_load = False                     # True when that count was not asked for: training gives way (below)
_tune_count = False                      # True in the window: each run measures whether one thread is faster


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
    """Set and remember the training thread count. Chosen here (not ``requested``, not ``$RNN_WORKBENCH_THREADS``),
    it is a ceiling: training threads follow the load of other programs (:class:`LoadFollower`)."""
    global _training_threads, _follow_load, _tune_count
    import torch
    count = _training_threads = choose_thread_count(leave_core_for_gui, requested)
    _follow_load = count > 1 and not (requested or os.environ.get(THREADS_ENV, "").isdigit())
    _tune_count = _follow_load and leave_core_for_gui
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


# --- giving way to other programs ---------------------------------------------------------------------
# torch's OpenMP team waits for its slowest thread at every parallel op, spinning. When another program
# takes one of the cores, a team as large as the machine stalls at every op: mnist-rows headless, 2 cores
# (bench/contention.py): alone 2 threads ~12,000 samples/s, 1 thread ~12,500; beside a busy loop 2 threads
# 3,800-4,800, 1 thread 10,400-12,500; beside a second training with 2 threads, 2 threads 48-2,285 (sic),
# 1 thread ~8,100. So a training thread measures, once a second, how many cores the other programs used
# and trains on the cores they left, back up to the chosen count once they have been free for two seconds.

class CpuSample(NamedTuple):
    busy_s: float       # CPU seconds all programs have used since boot (/proc/stat, all cores)
    own_s: float        # CPU seconds this process has used (every thread: training, GUI, mirrors)
    wall_s: float


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100     # /proc/stat's unit, per second


def cpu_sample() -> CpuSample | None:
    """Now, or None where the system does not say (not Linux)."""
    try:
        with open("/proc/stat", "rb") as stat:
            fields = [int(value) for value in stat.readline().split()[1:8]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq = fields
    return CpuSample((user + nice + system + irq + softirq) / _TICKS, time.process_time(), time.perf_counter())


# --- one thread or all, measured in the window ----------------------------------------------------------
# In the window the GUI thread shares the cores with training. For the smallest lessons a second torch
# thread gains nothing (their ops are too small to split) while the team it forms stalls whenever the GUI
# takes a slice of one of its cores; for the larger ones, headless, the second thread is worth 25 % and more.
# Measured on 2026-12-01 (2 cores): whole runs in the window with a fixed count, window/headless samples/s
# with one thread vs two (3-4 alternating rounds): sine-forecast 0.993 vs 0.898, two-class 1.006 vs 0.940,
# curve-fit 0.900 vs 0.897; mnist-rows 0.870 vs 0.915, where two threads ran at 23k-38k samples/s from one
# run to the next and one at 27k-29k. Headless, mnist-rows 29k with one and 35k-39k with two. Which side a
# model falls on depends on the model, the machine and what the panels draw, so each run in the window
# measures it on itself. What the tuner found in the window, one thread's speed over two's: sine-forecast
# 1.00, two-class 1.19, curve-fit 1.02, optimizer-race 1.01, sine-to-cos 1.04, sine-generation 1.16,
# mnist-rows 1.12, autoencoder 1.14 (one thread chosen) and mnist-cnn 0.65 (two kept); headless, the
# same measurement gave mnist-rows 0.71-0.76, as whole runs do. mnist-rows sits near the line and follows
# the machine (figures: ThreadTuner._clear_early).

class ThreadTuner:
    """Which trains faster in this run, ``ceiling`` threads or one: blocks of steps alternate between the
    two (``ceiling`` first and last), each one-thread block is compared with the blocks either side, and
    the median of those ratios decides. One thread wins ties (within ``PREFER_ONE``): it leaves a core to
    the GUI and to other programs. Measured again later (the panels shown change the GUI's share; the run's
    first seconds are not typical), sooner after a close call. ``clock`` is a parameter for the tests."""

    SETTLE_S = 1.5       # a run's first moments are not typical: the panels clear and redraw everything
    BLOCK_S = 0.1        # the machine's speed drifts over seconds: short neighbouring blocks share it
    MIN_STEPS = 3
    PAIRS = 5            # one-thread blocks per measurement: 1.1 s or so, half of it at the slower count
    EARLY_PAIRS = 2      # ... unless the first ones already agree that all threads are clearly faster (below)
    PREFER_ONE = 0.98
    RECHECK_S = 10.0     # after the first measurement (still near the run's start) and after a close one
    SETTLED_RECHECK_S = 60.0     # after a clear one (beyond DECISIVE): each measurement costs speed
    DECISIVE = 0.1

    def __init__(self, ceiling: int, clock: Callable[[], float] = time.perf_counter) -> None:
        self.ceiling, self.clock = ceiling, clock
        self.choice = ceiling                   # the count decided; ceiling until measured
        self.decisions: list[tuple[float, float, int]] = []     # (seconds in, one/ceiling ratio, count)
        self._began = clock()
        self._next_round = self._began + self.SETTLE_S
        self._rates: list[float] = []           # of this round's blocks, alternating ceiling, 1, ceiling, ...
        self._block: tuple[int, int, float, float, int] | None = None   # count, samples, train s, wall, steps

    @property
    def measuring(self) -> bool:
        return self._block is not None

    def count(self, samples: int, train_seconds: float) -> int:
        """After a step (the run's samples and training seconds so far): the count to train with now."""
        now = self.clock()
        if self._block is None:
            if now < self._next_round:
                return self.choice
            self._block = (self.ceiling, samples, train_seconds, now, 0)
            return self.ceiling
        count, samples0, seconds0, wall0, steps = self._block
        steps += 1
        if now - wall0 < self.BLOCK_S or steps < self.MIN_STEPS or train_seconds <= seconds0:
            self._block = (count, samples0, seconds0, wall0, steps)
            return count
        self._rates.append((samples - samples0) / (train_seconds - seconds0))
        ratios = sorted(self._rates[i] / ((self._rates[i - 1] + self._rates[i + 1]) / 2)
                        for i in range(1, len(self._rates) - 1, 2))
        if len(self._rates) < 2 * self.PAIRS + 1 and not self._clear_early(ratios):
            following = 1 if count == self.ceiling else self.ceiling
            self._block = (following, samples, train_seconds, now, 0)
            return following
        self._rates, self._block = [], None
        ratio = ratios[len(ratios) // 2]
        self.choice = 1 if ratio >= self.PREFER_ONE else self.ceiling
        self.decisions.append((round(now - self._began, 2), round(ratio, 3), self.choice))
        clear = len(self.decisions) > 1 and abs(ratio - self.PREFER_ONE) > self.DECISIVE
        self._next_round = now + (self.SETTLED_RECHECK_S if clear else self.RECHECK_S)
        return self.choice

    def _clear_early(self, ratios: list[float]) -> bool:
        """Whether the one-thread blocks so far all fall clearly on the ceiling's side: every block at the
        slower count costs speed (mnist-rows trains at ~0.75 of its speed on one thread, the CNN at ~0.65; in a
        ten-second run the full measurement cost them ~3 %), so a clear difference ends it after EARLY_PAIRS.
        A difference for one thread gets all PAIRS, as a close call does: choosing one wrongly costs more than
        the blocks do, and two pairs can agree by chance. In 22 window runs of mnist-rows (35 epochs,
        2026-12-01) 19 measured 0.69-0.88 and kept two threads (31k-38k samples/s); two ended early at 1.23
        and 1.26 for one and then trained at 21.6k and 24.3k. With all PAIRS, 3 of 6 runs still measured
        1.00-1.21, all three while the VM ran slow (25.8k-28.8k samples/s, against 26.5k-38.0k for the three
        that kept two); the GUI thread's CPU in the blocks was 0-9 % of a core in both kinds, so it is the
        machine, not the drawing, that moves the blocks. The smallest lessons lose little from three more
        pairs (one thread ~1.1-1.2x faster there, 0.1 s blocks)."""
        return len(ratios) >= self.EARLY_PAIRS and ratios[-1] < self.PREFER_ONE - self.DECISIVE

    def abandon(self) -> None:
        """Another program took a core mid-measurement: the blocks no longer compare the counts; measure later."""
        if self._block is not None:
            self._rates, self._block = [], None
            self._next_round = self.clock() + self.BLOCK_S * (2 * self.PAIRS + 1)


class LoadFollower:
    """Called after every training step in the training thread: every ``interval_s`` it sets the thread's
    torch thread count to the cores other programs left free (at least 1, at most ``ceiling``): down at
    once, up after two intervals in a row with room. With ``tune`` (the window), the count it trains with
    while the cores are free is the faster of ``ceiling`` and one, as a :class:`ThreadTuner` measures it
    (:attr:`target`)."""

    def __init__(self, ceiling: int, cores: int | None = None, interval_s: float = 1.0,
                 sample: Callable[[], CpuSample | None] = cpu_sample, tune: bool = False,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.ceiling, self.cores, self.interval_s, self.sample = ceiling, cores or os.cpu_count() or 1, interval_s, sample
        self.clock = clock
        _use_here(ceiling)          # each run starts with the chosen count (a comparison's second run too)
        self.current = ceiling
        self.allowed = ceiling      # what other programs leave
        self.target = ceiling       # what the tuner asks for (the ceiling without one)
        self.tuner = ThreadTuner(ceiling, clock) if tune and ceiling > 1 else None
        self.changes: list[tuple[float, float, int]] = []     # (seconds in, others' cores, threads) per change
        self._began = clock()
        self._last = sample()
        self._due = self._began + min(interval_s, 0.3)     # a first look soon: a short run must not lose its first second
        self._room_seen = 0

    def after_step(self, samples: int = 0, train_seconds: float = 0.0) -> None:
        """``samples`` and ``train_seconds``: the run's so far (what the tuner compares)."""
        self._follow_load()
        if self.tuner is not None:
            if self.allowed < self.ceiling:      # the blocks would compare one thread with one
                self.tuner.abandon()
                self.target = self.tuner.choice
            else:
                self.target = self.tuner.count(samples, train_seconds)
        if min(self.allowed, self.target) != self.current:
            self.current = min(self.allowed, self.target)
            _use_here(self.current)

    def _follow_load(self) -> None:
        now = self.clock()
        if now < self._due:
            return
        self._due = now + self.interval_s
        sample = self.sample()
        last, self._last = self._last, sample
        if sample is None or last is None or sample.wall_s <= last.wall_s:
            return
        others = max(0.0, (sample.busy_s - last.busy_s) - (sample.own_s - last.own_s)) / (sample.wall_s - last.wall_s)
        wanted = min(self.ceiling, max(1, int(self.cores - others + 0.3)))
        if wanted > self.allowed:
            self._room_seen += 1
            if self._room_seen < 2:
                return
        self._room_seen = 0
        if wanted != self.allowed:
            self.allowed = wanted
            self.changes.append((round(now - self._began, 2), round(others, 2), min(wanted, self.target)))


def load_follower() -> LoadFollower | None:
    """For a training thread: a LoadFollower, unless the thread count was asked for (or is 1); in the window
    one that also measures whether one thread trains faster."""
    return LoadFollower(_training_threads, tune=_tune_count) if _follow_load else None
