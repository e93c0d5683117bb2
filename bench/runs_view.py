"""The Runs view under load: opening it on 200 run folders, and the event loop's lateness while 10 runs of
30,000 steps are overlaid and one more run of the same lesson trains (the table refreshing live).

    python bench/runs_view.py [--folders 200] [--overlaid 10] [--steps 30000] [--epochs 40]

Prints one figure per line. Goals: open ≤ 300 ms; probe p99 ≤ 10 ms while training with the overlays.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LESSON = "sine-to-cos"


def fake_run(root: Path, number: int, steps: int, hidden: int) -> None:
    """A finished run folder as the recorder writes it: ``steps`` step rows, 60 evaluations."""
    from tasks import LESSONS
    task = LESSONS[LESSON]()
    spec, config = task.default_spec().replace(hidden_size=hidden), task.default_config()
    folder = root / f"20260101-{number:06d}-{LESSON}"
    folder.mkdir()
    record = {"task": LESSON, "spec": spec.to_dict(), "config": config.to_dict(), "status": "finished",
              "started": f"2026-01-01T{number // 3600 % 24:02d}:{number // 60 % 60:02d}:{number % 60:02d}",
              "epochs_done": config.epochs, "seconds": 1.0, "result": {"test_loss": 0.01, "epochs": config.epochs}}
    (folder / "config.json").write_text(json.dumps(record))
    rng = np.random.default_rng(number)
    losses = np.exp(-np.arange(steps) / (steps / 4)) + 0.01 * rng.random(steps)
    lines = ["step,epoch,seconds,train_loss,lr,grad_norm,test_loss,last_windows_mse"]
    for step in range(1, steps + 1):
        lines.append(f"{step},1,{step * 0.001:.4f},{losses[step - 1]:.6g},0.02,1.0,,")
        if step % max(1, steps // 60) == 0:
            lines.append(f"{step},1,,,,,{losses[step - 1] * 0.9:.6g},{losses[step - 1]:.6g}")
    (folder / "metrics.csv").write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folders", type=int, default=200)
    parser.add_argument("--overlaid", type=int, default=10)
    parser.add_argument("--steps", type=int, default=30_000)
    parser.add_argument("--epochs", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    root = Path(tempfile.mkdtemp(prefix="runs-bench-"))
    os.environ["RNN_WORKBENCH_SETTINGS"] = str(root / "settings.ini")
    runs = root / "runs"
    runs.mkdir()
    began = time.perf_counter()
    for number in range(args.folders):
        fake_run(runs, number, args.steps if number < args.overlaid else 200, 8 * (1 + number % 8))
    print(f"made {args.folders} run folders ({args.overlaid} of {args.steps} steps) in "
          f"{time.perf_counter() - began:.1f} s", flush=True)

    from PySide6.QtCore import QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from tasks import LESSONS
    from widgets.main_window import MainWindow

    from widgets.app import configure_process
    configure_process()   # as widgets/app.py does
    app = QApplication([])
    window = MainWindow(LESSONS, runs)
    window.show()
    app.processEvents()
    window._select_lesson(LESSON)
    window.runs_view.set_lesson("", window.task.view)      # as if the view had never listed this lesson
    window.runs_view.lister.cache.clear()
    app.processEvents()
    began = time.perf_counter()
    window.runs_view.set_lesson(LESSON, window.task.view)
    window.show_runs()
    app.processEvents()
    print(f"open the Runs view on {args.folders} folders: {1000 * (time.perf_counter() - began):.0f} ms "
          f"(goal ≤ 300 ms)", flush=True)

    class Bench(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.lateness: list[float] = []
            self.probing = False
            self.timer = QTimer(self)
            self.timer.setInterval(10)
            self.timer.timeout.connect(self.tick)
            self.last = time.perf_counter()
            self.overlaid_at = 0.0
            self.when: list[float] = []
            self.probe_began = 0.0

        @Slot()
        def tick(self) -> None:
            now = time.perf_counter()
            if self.probing:
                self.lateness.append(max(0.0, (now - self.last) * 1000 - 10))
                self.when.append(now - self.probe_began)
            self.last = now

        @Slot()
        def torch_ready(self) -> None:
            view = window.runs_view
            view.overlays_drawn.connect(self.overlays_drawn)
            self.asked = time.perf_counter()
            view.select_dirs([str(runs / name) for name in sorted(os.listdir(runs))[:args.overlaid]])

        @Slot()
        def overlays_drawn(self) -> None:
            if self.overlaid_at:
                return
            self.overlaid_at = time.perf_counter()
            print(f"read and overlay {args.overlaid} runs × {args.steps} steps: "
                  f"{1000 * (self.overlaid_at - self.asked):.0f} ms (in the reader thread)", flush=True)
            window.form.epochs.setValue(args.epochs)
            window.start_training()
            QTimer.singleShot(1000, self.start_probe)

        @Slot()
        def start_probe(self) -> None:
            self.probing = True
            self.probe_began = time.perf_counter()

        @Slot()
        def done(self) -> None:
            self.probing = False
            app.quit()

    bench = Bench()
    bench.timer.start()
    window.torch_ready.connect(bench.torch_ready)
    window.controller.finished.connect(bench.done)
    window.load_torch()
    app.exec()
    window.close()
    values = np.array(bench.lateness)
    if values.size:
        print(f"event-loop lateness while training with {args.overlaid} overlays (ms): p50 {np.percentile(values, 50):.1f}"
              f"  p99 {np.percentile(values, 99):.1f}  max {values.max():.1f}  ({values.size} samples; goal p99 ≤ 10)")
        worst = sorted(zip(values, bench.when), reverse=True)[:5]
        print("worst stalls: " + ", ".join(f"{late:.0f} ms at {when:.1f} s" for late, when in worst))
    rows = len(window.runs_view.model.rows)
    print(f"runs listed at the end: {rows} (the {args.folders} made + the one trained)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
