"""Soak: train lessons in the real window back to back for a given time and print the process's RSS.

    python bench/soak.py --minutes 60 --every 5
    python bench/soak.py --runs 10          # the RSS after ten runs (bench/report.py)

Each run is one lesson with its default recipe cut to a few epochs; between runs the next lesson is
chosen and the window shows the next of that lesson's tabs, so the drawing pad's and the decoder
explorer's threads start and stop as a learner's would. The baseline is taken once every lesson has
trained with each of its tabs in front (torch, the data, every panel and every panel's thread have then
been used once); ``--minutes`` counts from there. Prints one line per measurement (minutes since the
start, RSS in MB, runs so far), then the growth from the baseline.
Target: growth <= 50 MB over 60 minutes. Measured (2026-11-30, alone, malloc arenas capped as the app
does): +4.9 MB, 1524 runs; with glibc's own limit (``--malloc-arenas 0``) +39 MB in an hour, and +59 MB
in 30 minutes of another soak.

*Why the baseline waits for every tab:* until 2026-11-30 it was taken after one run of each lesson, and
the tab shown was chosen by the overall run count, so a lesson with three tabs always showed the same one
(9 lessons) and others reached their last tab only in the fifth lap: the first time a panel is shown it
builds its plots and perhaps a model of its own, and that was counted as growth.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from widgets.app import configure_process  # noqa: E402
from workbench.memory import ARENA_ENV, WINDOW_ARENAS  # noqa: E402

# Runs of a few seconds to half a minute on 2 cores, so every lesson comes round several times an hour.
EPOCHS = {"mnist-rows": 2, "sine-to-cos": 3, "sine-forecast": 30, "sine-generation": 4, "autoencoder": 2,
          "curve-fit": 300, "two-class": 100, "optimizer-race": 6, "mnist-cnn": 1}


def rss_mb() -> float:
    """Resident set size now (not the peak), from /proc where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--every", type=float, default=5.0, help="minutes between RSS lines")
    parser.add_argument("--runs", type=int, help="stop after this many runs instead, printing the RSS then")
    parser.add_argument("--malloc-arenas", type=int, default=WINDOW_ARENAS,
                        help=f"cap glibc's malloc arenas as the app does (default {WINDOW_ARENAS}; 0: glibc's own limit)")
    args = parser.parse_args()
    configure_process(malloc_arenas=args.malloc_arenas)       # as widgets/app.py does
    print(f"malloc arenas: {os.environ.get(ARENA_ENV) or args.malloc_arenas or 'glibc default'}", flush=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from tasks import LESSONS
    from widgets.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    runs_dir = tempfile.TemporaryDirectory(prefix="soak-runs-")
    window = MainWindow(LESSONS, runs_dir.name)
    window.resize(1360, 860)
    window.show()

    class Driver(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.began = time.perf_counter()
            self.runs = 0
            self.failures = 0
            self.baseline: float | None = None
            self.baseline_minutes = 0.0
            self.next_report = 0.0
            self.lessons = list(LESSONS)
            self.visits = {lesson: 0 for lesson in self.lessons}     # runs per lesson: which tab comes next
            self.tab_counts: dict[str, int] = {}

        @Slot()
        def next_run(self) -> None:
            minutes = (time.perf_counter() - self.began) / 60
            if args.runs is not None and self.runs >= args.runs:
                print(f"after {self.runs} runs: {rss_mb():.0f} MB ({self.failures} failed, {minutes:.1f} minutes)",
                      flush=True)
                app.quit()
                return
            if self.runs == len(self.lessons):
                print(f"minutes {minutes:.1f}  rss_mb {rss_mb():.1f}  runs {self.runs}  (one run of every lesson)",
                      flush=True)
            warm = len(self.tab_counts) == len(self.lessons) and all(
                self.visits[lesson] >= count for lesson, count in self.tab_counts.items())
            if warm and self.baseline is None and args.runs is None:
                self.baseline, self.baseline_minutes = rss_mb(), minutes
                self.next_report = minutes + args.every
                print(f"minutes {minutes:.1f}  rss_mb {self.baseline:.1f}  runs {self.runs}  "
                      f"(baseline: every lesson trained with each of its tabs in front)", flush=True)
            elif self.baseline is not None and minutes >= self.next_report:
                print(f"minutes {minutes:.1f}  rss_mb {rss_mb():.1f}  runs {self.runs}", flush=True)
                self.next_report += args.every
            if self.baseline is not None and minutes - self.baseline_minutes >= args.minutes:
                growth = rss_mb() - self.baseline
                print(f"rss growth MB: {growth:.1f}", flush=True)
                print(f"runs: {self.runs} ({self.failures} failed)", flush=True)
                app.quit()
                return
            lesson = self.lessons[self.runs % len(self.lessons)]
            window._select_lesson(lesson)
            window.form.set_epochs(EPOCHS.get(lesson, 2))
            tabs = [index for index in range(window.tabs.count()) if window.tabs.isTabVisible(index)]
            self.tab_counts[lesson] = len(tabs)
            window.tabs.setCurrentIndex(tabs[self.visits[lesson] % len(tabs)])
            self.visits[lesson] += 1
            self.runs += 1
            if not window.start_training():
                self.failures += 1
                QTimer.singleShot(0, self.next_run)

        @Slot()
        def on_job_finished(self) -> None:
            if window.message_bar.kind == "error":
                self.failures += 1
            QTimer.singleShot(0, self.next_run)

    driver = Driver()
    window.torch_ready.connect(driver.next_run)
    window.controller.finished.connect(driver.on_job_finished)
    window.load_torch()
    app.exec()
    window.close()
    runs_dir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
