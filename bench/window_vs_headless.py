"""Training speed in the window vs headless (same config, same run of this script), and how late the
GUI event loop gets while training: a 10 ms probe timer's lateness percentiles.

    python bench/window_vs_headless.py [--lesson mnist-rows] [--preset morvan] [--epochs 3] [--threads N] [--json]

Prints one figure per line. Goals: window/headless samples/s >= 0.95; probe p99 <= 10 ms, max <= 50 ms.

Each repeat runs the window twice, with the probe and without it, then headless. *Why two window runs:* the
probe is a Python slot a hundred times a second, and each tick takes the GIL from a training thread that
runs Python between its torch ops; measured 2026-12-01 (four alternating rounds each, the probe at 10 ms
against one at 1 s): it slowed training by 4.2 % in two-class, 2.6 % in sine-to-cos, 2.2 % in
mnist-rows, 1.3 % in curve-fit, 1.0 % in autoencoder and 0.2 % in sine-forecast.
A learner's window has no probe, so the speed ratio is measured without it; the lateness with it.
Each pair is also compared at its runs' steady rates (bench/train_timeline.py): the machine's bursts of
other load move a single run's samples/s by up to 20 % here; and the share of training time each kind of
run lost in stalled steps (the window's, less the headless one, is what its events cost training).
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
    """``main.py train`` in a subprocess, as a user runs it, with its steady rate (bench/train_timeline.py)."""
    command = ["train", "--task", lesson, "--epochs", str(epochs), "--out", out, "--quiet"] + (
        ["--preset", preset] if preset else [])
    if threads:
        command += ["--threads", str(threads)]
    result = subprocess.run([sys.executable, __file__, "--headless-child", *command],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def headless_child(argv: list[str]) -> None:
    """Runs in a subprocess: main.py's own entry point with ``argv``; prints its summary and the timeline's figures."""
    import contextlib
    import io

    from bench.train_timeline import TrainTimeline
    timeline = TrainTimeline()
    timeline.install()
    import main as entry
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = entry.main(argv)
    if code:
        sys.exit(code)
    summary = json.loads(printed.getvalue().strip().splitlines()[-1])
    print(json.dumps({**summary, **timeline.figures()}))


def window_child(lesson: str, preset: str | None, epochs: int, out: str, probed: bool = True) -> None:
    """Runs in a subprocess: the real window trains while a 10 ms timer measures its own lateness (unless
    not ``probed``: then the lateness figures are NaN and the timer never runs)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtWidgets import QApplication

    from bench.probe import LatenessProbe, ReportCounter, train_in_window
    from bench.train_timeline import TrainTimeline

    from tasks import LESSONS
    from widgets.main_window import MainWindow
    from widgets.script import ScriptOptions

    from widgets.app import SWITCH_INTERVAL_S, WINDOW_ARENAS, configure_process
    configure_process(float(os.environ.get("SWITCH", SWITCH_INTERVAL_S)),          # as widgets/app.py does
                      int(os.environ.get("MALLOC_ARENAS", WINDOW_ARENAS)))
    timeline = TrainTimeline()
    timeline.install()
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
    if not probed:
        probe.timer.stop()
    window.controller.progressed.connect(refresh.count)
    train_in_window(app, window, probe.set_active, finish.done)
    lateness = np.array(probe.lateness() or [float("nan")])
    print(json.dumps({"samples_per_s": finish.summary.get("samples_per_s"), "seconds": finish.summary.get("seconds"),
                      **timeline.figures(), "test_accuracy": finish.summary.get("test_accuracy"),
                      "probe_p50_ms": float(np.percentile(lateness, 50)),
                      "probe_p99_ms": float(np.percentile(lateness, 99)), "probe_max_ms": float(lateness.max()),
                      "probe_ticks": int(len(probe.samples)),
                      "reports_per_s": refresh.reports / (finish.summary.get("seconds") or float("nan")),   # the run's own
                      "worst": sorted(((late, when - began) for when, late in probe.samples), reverse=True)[:5]}))


def main() -> None:
    if sys.argv[1:2] == ["--headless-child"]:       # the rest is main.py's own command line
        headless_child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="mnist-rows")
    parser.add_argument("--preset", help="a preset of the lesson (default: its defaults; morvan for mnist-rows)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3, help="alternating window/headless pairs")
    parser.add_argument("--threads", type=int, help="torch threads for both runs (default: each one's policy)")
    parser.add_argument("--window-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(ROOT / "runs" / "bench"))
    args = parser.parse_args()
    if args.preset is None and args.lesson == "mnist-rows":
        args.preset = "morvan"
    if args.window_child:
        window_child(args.lesson, args.preset, args.epochs, args.out, probed=not args.no_probe)
        return
    import statistics

    from bench.train_timeline import TrainTimeline
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if args.threads:
        env["RNN_WORKBENCH_THREADS"] = str(args.threads)
    def window_run(*extra: str) -> dict:
        result = subprocess.run([sys.executable, __file__, "--window-child", "--lesson", args.lesson, "--epochs",
                                 str(args.epochs), "--out", args.out, *extra] + (["--preset", args.preset] if args.preset else []),
                                capture_output=True, text=True, env=env, check=True)
        return json.loads(result.stdout.strip().splitlines()[-1])

    probed, quiet, alones = [], [], []
    # Alternate the kinds of run so that drifting machine load hits them alike.
    for _ in range(args.repeats):
        probed.append(window_run())
        quiet.append(window_run("--no-probe"))
        alones.append(headless(args.lesson, args.preset, args.epochs, args.out, args.threads))
    window_speed = statistics.median(run["samples_per_s"] for run in quiet)
    alone_speed = statistics.median(run["samples_per_s"] for run in alones)
    # Each pair ran back to back, so its ratio shares the machine's state of those seconds; the median of
    # the pairs' ratios is the figure (the ratio of the two medians can pair a fast minute with a slow one).
    def pair_ratios(windows: list[dict], key: str = "samples_per_s") -> list[float]:
        return [window[key] / alone[key] for window, alone in zip(windows, alones)
                if window.get(key) and alone.get(key)]

    pairs, probed_pairs = pair_ratios(quiet), pair_ratios(probed)
    ratio, probed_ratio = statistics.median(pairs), statistics.median(probed_pairs)
    # The same pairs at their steady rates: what each run trained at outside the machine's bursts (None: too short).
    def median_or_nan(values: list[float]) -> float:      # NaN where the runs were too short to say
        return statistics.median(values) if values else float("nan")

    steady_pairs = pair_ratios(quiet, "steady_samples_per_s")
    steady = median_or_nan(steady_pairs)
    stalls, alone_stalls = (median_or_nan([run["stalled_share"] for run in runs if run.get("stalled_share") is not None])
                            for runs in (quiet, alones))
    # Between stalls: the pairs' median steps, as speeds (headless step time over the window's).
    usual_pairs = [1 / step_ratio for step_ratio in pair_ratios(quiet, "usual_step_s")]
    usual = median_or_nan(usual_pairs)
    worst = max(probed, key=lambda run: run["probe_p99_ms"])
    print(f"config: {args.lesson}, preset {args.preset or 'none'}, {args.epochs} epochs, threads {args.threads or 'default policy'}, "
          f"{args.repeats} alternating rounds (window with the probe, window without, headless)")
    print(f"headless samples/s (median): {alone_speed:.0f}   runs: {[round(r['samples_per_s']) for r in alones]}")
    print(f"window samples/s (median): {window_speed:.0f}   runs: {[round(r['samples_per_s']) for r in quiet]}")
    print(f"window/headless ratio (median of the pairs): {ratio:.3f}   pairs: {[round(r, 3) for r in pairs]}")
    print(f"the same with the probe running: {probed_ratio:.3f}   pairs: {[round(r, 3) for r in probed_pairs]}")
    print(f"the same at steady rates (median per second of training): {steady:.3f}   "
          f"pairs: {[round(r, 3) for r in steady_pairs]}")
    print(f"training time stalled in steps over {TrainTimeline.STALL_FACTOR:g}x the median step (median): "
          f"window {100 * stalls:.1f} %, headless {100 * alone_stalls:.1f} %")
    print(f"window/headless speed of the median step (median of the pairs): {usual:.3f}   "
          f"pairs: {[round(r, 3) for r in usual_pairs]}")
    print(f"probe timer lateness p50 ms (median): {statistics.median(r['probe_p50_ms'] for r in probed):.2f}")
    print(f"probe timer lateness p99 ms (median): {statistics.median(r['probe_p99_ms'] for r in probed):.2f}")
    print(f"probe timer lateness max ms (worst run): {max(r['probe_max_ms'] for r in probed):.2f}")
    refreshes = statistics.median(r["reports_per_s"] for r in quiet)
    print(f"panel refreshes a second while training (median): {refreshes:.1f}")
    print("worst lateness in the worst run (ms @ s after start): " +
          ", ".join(f"{late:.0f} @ {when:.1f}" for late, when in worst["worst"]))
    if args.json:
        print(json.dumps({"lesson": args.lesson, "ratio": round(ratio, 3),
                          "ratio_range": [round(min(pairs), 3), round(max(pairs), 3)],
                          "ratio_with_probe": round(probed_ratio, 3),
                          "steady_ratio": round(steady, 3),
                          "stalled": round(stalls, 4), "stalled_headless": round(alone_stalls, 4),
                          "usual_step_ratio": round(usual, 3),
                          "p99_ms": round(statistics.median(r["probe_p99_ms"] for r in probed), 1),
                          "max_ms": round(max(r["probe_max_ms"] for r in probed), 1),
                          "ticks": int(statistics.median(r["probe_ticks"] for r in probed)),
                          "reports_per_s": round(refreshes, 1),
                          "window_s": round(statistics.median(r["seconds"] for r in quiet), 1)}))


if __name__ == "__main__":
    main()
