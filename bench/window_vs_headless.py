"""Training speed in the window vs headless (same config, same run of this script), and how late the
GUI event loop gets while training: a 10 ms probe timer's lateness percentiles.

    python bench/window_vs_headless.py [--lesson mnist-rows] [--preset morvan] [--epochs 3] [--threads N] [--json]

Prints one figure per line. Goals: window/headless samples/s >= 0.95; probe p99 <= 16 ms.
For A/B runs the window's process settings can be changed from the environment: SWITCH (the GIL's
switch interval, seconds) and MALLOC_ARENAS (0: glibc's own arena limit); see widgets/app.py.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def headless(lesson: str, preset: str | None, epochs: int, out: str, threads: int | None) -> dict:
    command = [sys.executable, str(ROOT / "main.py"), "train", "--task", lesson, "--epochs", str(epochs),
               "--out", out, "--quiet"] + (["--preset", preset] if preset else [])
    if threads:
        command += ["--threads", str(threads)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def window_child(lesson: str, preset: str | None, epochs: int, out: str) -> None:
    """Runs in a subprocess: the real window trains while a 10 ms timer measures its own lateness."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtWidgets import QApplication

    from bench.probe import LatenessProbe, ReportCounter, train_in_window

    from tasks import LESSONS
    from widgets.main_window import MainWindow
    from widgets.script import ScriptOptions

    from widgets.app import SWITCH_INTERVAL_S, WINDOW_ARENAS, configure_process
    configure_process(float(os.environ.get("SWITCH", SWITCH_INTERVAL_S)),          # as widgets/app.py does
                      int(os.environ.get("MALLOC_ARENAS", WINDOW_ARENAS)))
    app = QApplication([])
    window = MainWindow(LESSONS, out, ScriptOptions(lesson=lesson, preset=preset, epochs=epochs, autostart=True))

    class Finish(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.summary: dict = {}

        @Slot(object)
        def done(self, summary: dict) -> None:
            self.summary = summary
            app.quit()

    began = time.time()
    probe, finish, refresh = LatenessProbe(active=False), Finish(), ReportCounter()
    window.controller.progressed.connect(refresh.count)
    train_in_window(app, window, probe.set_active, finish.done)
    lateness = np.array(probe.lateness() or [float("nan")])
    print(json.dumps({"samples_per_s": finish.summary.get("samples_per_s"), "seconds": finish.summary.get("seconds"),
                      "test_accuracy": finish.summary.get("test_accuracy"),
                      "probe_p50_ms": float(np.percentile(lateness, 50)),
                      "probe_p99_ms": float(np.percentile(lateness, 99)), "probe_max_ms": float(lateness.max()),
                      "probe_ticks": int(len(probe.samples)),
                      "reports_per_s": refresh.reports / (finish.summary.get("seconds") or float("nan")),   # the run's own
                      "worst": sorted(((late, when - began) for when, late in probe.samples), reverse=True)[:5]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="mnist-rows")
    parser.add_argument("--preset", help="a preset of the lesson (default: its defaults; morvan for mnist-rows)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3, help="alternating window/headless pairs")
    parser.add_argument("--threads", type=int, help="torch threads for both runs (default: each one's policy)")
    parser.add_argument("--window-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(ROOT / "runs" / "bench"))
    args = parser.parse_args()
    if args.preset is None and args.lesson == "mnist-rows":
        args.preset = "morvan"
    if args.window_child:
        window_child(args.lesson, args.preset, args.epochs, args.out)
        return
    import statistics
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if args.threads:
        env["RNN_WORKBENCH_THREADS"] = str(args.threads)
    windows, alones = [], []
    # Alternate the two kinds of run so that drifting machine load hits both alike.
    for _ in range(args.repeats):
        result = subprocess.run([sys.executable, __file__, "--window-child", "--lesson", args.lesson, "--epochs",
                                 str(args.epochs), "--out", args.out] + (["--preset", args.preset] if args.preset else []),
                                capture_output=True, text=True, env=env, check=True)
        windows.append(json.loads(result.stdout.strip().splitlines()[-1]))
        alones.append(headless(args.lesson, args.preset, args.epochs, args.out, args.threads))
    window_speed = statistics.median(run["samples_per_s"] for run in windows)
    alone_speed = statistics.median(run["samples_per_s"] for run in alones)
    # Each pair ran back to back, so its ratio shares the machine's state of those seconds; the median of
    # the pairs' ratios is the figure (the ratio of the two medians can pair a fast minute with a slow one).
    pairs = [window["samples_per_s"] / alone["samples_per_s"] for window, alone in zip(windows, alones)]
    ratio = statistics.median(pairs)
    worst = max(windows, key=lambda run: run["probe_p99_ms"])
    print(f"config: {args.lesson}, preset {args.preset or 'none'}, {args.epochs} epochs, threads {args.threads or 'default policy'}, "
          f"{args.repeats} alternating pairs")
    print(f"headless samples/s (median): {alone_speed:.0f}   runs: {[round(r['samples_per_s']) for r in alones]}")
    print(f"window samples/s (median): {window_speed:.0f}   runs: {[round(r['samples_per_s']) for r in windows]}")
    print(f"window/headless ratio (median of the pairs): {ratio:.3f}   pairs: {[round(r, 3) for r in pairs]}")
    print(f"probe timer lateness p50 ms (median): {statistics.median(r['probe_p50_ms'] for r in windows):.2f}")
    print(f"probe timer lateness p99 ms (median): {statistics.median(r['probe_p99_ms'] for r in windows):.2f}")
    print(f"probe timer lateness max ms (worst run): {max(r['probe_max_ms'] for r in windows):.2f}")
    refreshes = statistics.median(r["reports_per_s"] for r in windows)
    print(f"panel refreshes a second while training (median): {refreshes:.1f}")
    print("worst lateness in the worst run (ms @ s after start): " +
          ", ".join(f"{late:.0f} @ {when:.1f}" for late, when in worst["worst"]))
    if args.json:
        print(json.dumps({"lesson": args.lesson, "ratio": round(ratio, 3),
                          "ratio_range": [round(min(pairs), 3), round(max(pairs), 3)],
                          "p99_ms": round(statistics.median(r["probe_p99_ms"] for r in windows), 1),
                          "max_ms": round(max(r["probe_max_ms"] for r in windows), 1),
                          "ticks": int(statistics.median(r["probe_ticks"] for r in windows)),
                          "reports_per_s": round(refreshes, 1),
                          "window_s": round(statistics.median(r["seconds"] for r in windows), 1)}))


if __name__ == "__main__":
    main()
