"""A run's training speed second by second, for benches that compare runs on a shared machine (no Qt here:
headless runs use it too).

*Why:* on this VM other tenants take the CPU in bursts of one to five seconds. Per-second rates along
alternating runs (optimizer-race, 2026-12-01) showed a window run dipping from 48,000 to 26,000 samples/s
for two seconds and a headless run at 41,000 instead of 49,500 for its first six, while the other runs of
both kinds held steady within 2 %. A run's samples/s (the summary's) averages such a burst in, and three
pairs of ~10 s runs rarely all miss them. The median of a run's per-second rates is what it trains at when
nothing else takes the machine: the steady rate.

The timeline also keeps every step's duration, for the share of training time lost in *stalls*: steps that
took several times the run's usual step. A stall is a step that had to wait — in the window, for the GUI
thread to let go of the GIL (widgets/update_budget.py) — and the machine's slow drift does not make them,
so the window's stalled share less the headless one is what the window's events cost training, measured in
one run each.
"""
from __future__ import annotations

import statistics


class TrainTimeline:
    """Records (training seconds, samples) from the trainer's step events, every ``every_s`` of training.

    Training seconds are the steps' own time, the clock of the summary's samples/s (evaluations and the
    window's snapshots between steps are not in it), so the steady rate measures the same thing."""

    STALL_FACTOR = 3.0        # a step this many times the run's median step waited for something

    def __init__(self, every_s: float = 0.1) -> None:
        self.every_s = every_s
        self.marks: list[tuple[float, int]] = []
        self.durations: list[float] = []     # every step's own time but each run's first, in seconds
        self._next = 0.0
        self._last: float | None = None

    def install(self) -> None:
        """Listen to every Trainer this process runs (the window's worker builds its own, out of reach)."""
        from workbench.trainer import Trainer
        original_run, timeline = Trainer.run, self

        def run(trainer):
            trainer.add_callback("on_start", timeline._run_started)
            trainer.add_callback("on_step", timeline._step_ended)
            return original_run(trainer)

        Trainer.run = run

    def _run_started(self, _event) -> None:
        self._next = 0.0           # a job of several runs (a comparison): each starts its clock at 0
        self._last = None          # (a continued run starts at its saved seconds: its first step has no duration)

    def _step_ended(self, event) -> None:
        if self._last is not None:
            self.durations.append(event.train_seconds - self._last)
        self._last = event.train_seconds
        if event.train_seconds >= self._next:
            self.marks.append((event.train_seconds, event.samples))
            self._next = event.train_seconds + self.every_s

    def steady_rate(self, span_s: float = 1.0) -> float | None:
        """The median of the samples/s over consecutive spans of ``span_s`` training seconds (None: too short)."""
        rates, start = [], None
        for seconds, samples in self.marks:
            if start is not None and seconds < start[0]:      # the clock went back: the next run began
                start = None
            if start is None:
                start = (seconds, samples)
            elif seconds - start[0] >= span_s:
                rates.append((samples - start[1]) / (seconds - start[0]))
                start = (seconds, samples)
        return statistics.median(rates) if len(rates) >= 3 else None

    def usual_step_s(self) -> float | None:
        """The median step's own time: how fast the run trains between stalls (None: too few steps)."""
        return statistics.median(self.durations) if len(self.durations) >= 100 else None

    def stalled_share(self) -> float | None:
        """The share of training seconds spent in stalls beyond the median step (None: too few steps)."""
        usual = self.usual_step_s()
        if usual is None:
            return None
        total = sum(self.durations)
        excess = sum(each - usual for each in self.durations if each > self.STALL_FACTOR * usual)
        return excess / total if total > 0 else None

    def figures(self) -> dict[str, float | None]:
        """What a bench's child process adds to its run's JSON line."""
        return {"steady_samples_per_s": self.steady_rate(), "stalled_share": self.stalled_share(),
                "usual_step_s": self.usual_step_s()}
