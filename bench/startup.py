"""Time from launching ``python main.py`` to the window being painted, and to PyTorch being ready.

    python bench/startup.py [--repeats 3] [--stalls]

The app reports its first paint and torch-ready times against the clock this script passes in
``RNN_WORKBENCH_T0``, so the figures include interpreter start-up. Goal: painted well before torch is.
``--stalls`` also opens the window in a child with a 10 ms probe timer and prints the event loop's
worst lateness between the first paint and torch being ready (goal: no stall over 100 ms), with when
each of the worst happened (seconds after the paint).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def launch_once(runs: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               RNN_WORKBENCH_T0=repr(time.time()))
    # The app prints its timings once torch is ready; then this script closes it.
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--report-startup", "--runs-dir", runs],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = process.stdout.readline()
    process.terminate()
    process.wait(30)
    return json.loads(line)


def stalls_child(runs: str) -> None:
    """In a child process: the real window loading torch, and a probe timer measuring its lateness."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from widgets.app import configure_process
    configure_process()   # as widgets/app.py does
    app = QApplication([sys.argv[0]])
    from bench.probe import LatenessProbe
    from tasks import LESSONS
    from widgets.main_window import MainWindow
    window = MainWindow(LESSONS, runs)

    class Finish(QObject):
        @Slot()
        def ready(self) -> None:
            QTimer.singleShot(300, app.quit)      # the ticks just after "ready" belong to loading too

    probe, finish = LatenessProbe(), Finish()
    window.torch_ready.connect(finish.ready)
    window.show()
    window.load_torch_after_paint()
    app.exec()
    painted, ready = window.startup_times["painted"], window.startup_times["torch_ready"]
    window.close()
    loading = [(when - painted, late) for when, late in probe.samples if painted < when <= ready + 0.3]
    worst = sorted(loading, key=lambda sample: -sample[1])[:5]
    print(json.dumps({"loading_s": round(ready - painted, 2), "ticks": len(loading),
                      "max_ms": round(max((late for _, late in loading), default=0.0), 1),
                      "worst": [(round(late), round(when, 2)) for when, late in worst]}))


def loading_stalls(runs: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    result = subprocess.run([sys.executable, __file__, "--stalls-child", runs], capture_output=True, text=True,
                            env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stalls", action="store_true", help="also measure stalls while torch loads")
    parser.add_argument("--stalls-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stalls_child:
        stalls_child(args.stalls_child)
        return
    with tempfile.TemporaryDirectory() as runs:
        results = [launch_once(runs) for _ in range(args.repeats)]
    painted = statistics.median(result["window_painted_s"] for result in results)
    ready = statistics.median(result["torch_ready_s"] for result in results)
    print(f"launch to painted window s (median of {args.repeats}): {painted:.2f}")
    print(f"launch to PyTorch ready (Start enabled) s (median): {ready:.2f}")
    print(f"painted / ready ratio: {painted / ready:.2f}")
    if args.stalls:
        with tempfile.TemporaryDirectory() as runs:
            stalls = [loading_stalls(runs) for _ in range(args.repeats)]
        print(f"worst stall while torch loads ms (max of {args.repeats}): {max(s['max_ms'] for s in stalls):.0f}")
        for each in stalls:
            print(f"  loading {each['loading_s']} s, {each['ticks']} ticks; worst (ms @ s after paint): "
                  + ", ".join(f"{late} @ {when}" for late, when in each["worst"]))


if __name__ == "__main__":
    main()
