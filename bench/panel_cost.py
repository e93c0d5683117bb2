"""What showing a run costs the training, measured inside one window: speed while the panels receive the
run's updates vs while those updates are dropped, alternating every second.

    python bench/panel_cost.py [--lesson two-class] [--epochs 2500] [--segment 1.0] [--json]

*Why this and not only bench/window_vs_headless.py:* on this 2-core VM the same headless run's speed moves
by ±20 % from one run to the next and from one second to the next (curve-fit: 138k-283k samples/s in
six back-to-back runs of one process), so window/headless pairs of separate processes cannot show a 5 %
difference. Here the two conditions alternate within seconds in the same process, so neighbouring
segments share the machine's mood, and the median of many neighbour ratios is steady to a few per cent.
What it measures is the panels' part (GUI-thread work for each update and the GIL it takes from the worker);
differences of the process itself (Qt loaded, training in a second thread) it leaves out — those were
within the noise when checked (2026-12-01, curve-fit, five process variants ×3).

Prints the median of (shown segment / mean of the dropped segments either side), its quartiles, and the
medians of both kinds, as samples per second of training step (the trainer's own ``samples_per_s``) and of
wall time. The first quarter of each segment is skipped (updates already queued, repaints in flight).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def neighbour_ratios(segments: list[tuple[bool, float]]) -> list[float]:
    """For each shown segment between two dropped ones: its rate over the mean of theirs."""
    return [rate / ((segments[i - 1][1] + segments[i + 1][1]) / 2)
            for i, (dropped, rate) in enumerate(segments[1:-1], start=1)
            if not dropped and segments[i - 1][0] and segments[i + 1][0]]


def segment_rates(marks: np.ndarray, bounds: list[tuple[float, bool | None]], skip: float,
                  clock: int) -> list[tuple[bool, float]]:
    """marks: rows of (perf_counter, samples, train_seconds); bounds: (start, dropped) per segment, the
    last one's start closing it. ``clock`` 2 rates per training-step second, 0 per wall second."""
    rates = []
    for (start, dropped), (end, _) in zip(bounds, bounds[1:]):
        inside = marks[(marks[:, 0] >= start + skip) & (marks[:, 0] < end)]
        if len(inside) >= 3 and inside[-1, clock] > inside[0, clock]:
            rates.append((bool(dropped), (inside[-1, 1] - inside[0, 1]) / (inside[-1, clock] - inside[0, clock])))
    return rates


def measure(lesson: str, epochs: int, segment_s: float, drop: tuple[str, ...] = ("progressed", "snapshot_taken")) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    import widgets.worker as worker
    from bench.probe import train_in_window
    from tasks import LESSONS
    from widgets.app import SWITCH_INTERVAL_S, configure_process
    from widgets.main_window import MainWindow
    from widgets.script import ScriptOptions

    configure_process(float(os.environ.get("SWITCH", SWITCH_INTERVAL_S)))    # SWITCH: for A/B, as window_vs_headless.py
    state = {"dropped": False}
    marks: list[tuple[float, int, float]] = []
    listeners = worker.JobRunner.listeners

    def recording_listeners(runner):
        found = listeners(runner)
        found["on_step"] = [*found["on_step"], lambda event: marks.append(
            (time.perf_counter(), event.samples, event.train_seconds))]
        if not getattr(runner, "_bench_gated", False):
            emit = runner._emit

            def gated(kind, payload, emit=emit):
                if not (state["dropped"] and kind in drop):
                    emit(kind, payload)
            runner._emit, runner._bench_gated = gated, True
        return found
    worker.JobRunner.listeners = recording_listeners

    app = QApplication([])
    window = MainWindow(LESSONS, str(ROOT / "runs" / "bench"), ScriptOptions(lesson=lesson, epochs=epochs,
                                                                             autostart=True))
    bounds: list[tuple[float, bool | None]] = []

    class Switch(QObject):
        @Slot()
        def flip(self) -> None:
            state["dropped"] = not state["dropped"]
            bounds.append((time.perf_counter(), state["dropped"]))

        @Slot(bool)
        def busy(self, busy: bool) -> None:
            if busy:
                bounds.append((time.perf_counter(), state["dropped"]))
                timer.start()
            else:
                timer.stop()
                bounds.append((time.perf_counter(), None))

        @Slot(object)
        def done(self, _summary) -> None:
            app.quit()

    switch, timer = Switch(), QTimer()
    timer.setInterval(int(segment_s * 1000))
    timer.timeout.connect(switch.flip)
    train_in_window(app, window, switch.busy, switch.done)
    figures: dict = {"lesson": lesson, "epochs": epochs, "dropped": list(drop)}
    for name, clock in (("step", 2), ("wall", 0)):
        rates = segment_rates(np.array(marks), bounds, segment_s / 4, clock)
        ratios = neighbour_ratios(rates)
        low, middle, high = np.percentile(ratios, [25, 50, 75]) if ratios else (float("nan"),) * 3
        figures[name] = {"ratio": round(float(middle), 3), "quartiles": [round(float(low), 3), round(float(high), 3)],
                         "pairs": len(ratios),
                         "shown": round(statistics.median(r for d, r in rates if not d)) if rates else None,
                         "dropped": round(statistics.median(r for d, r in rates if d)) if rates else None}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="two-class")
    parser.add_argument("--epochs", type=int, default=2500, help="long enough for 20 or more segments")
    parser.add_argument("--segment", type=float, default=1.0, help="seconds per segment")
    parser.add_argument("--drop", nargs="+", choices=("progressed", "snapshot_taken"),
                        default=["progressed", "snapshot_taken"], help="which updates the dropped segments drop")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    args = parser.parse_args()
    figures = measure(args.lesson, args.epochs, args.segment, tuple(args.drop))
    for name, label in (("step", "per training-step second (samples_per_s)"), ("wall", "per wall second")):
        part = figures[name]
        print(f"{args.lesson}, {label}: shown/dropped {part['ratio']:.3f} (quartiles {part['quartiles'][0]:.3f}-"
              f"{part['quartiles'][1]:.3f}, {part['pairs']} neighbour pairs); medians shown {part['shown']}, "
              f"dropped {part['dropped']}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
