"""How often Qt calls into Python per live-plot update: each call is a GIL hand-off while the worker trains.

    python bench/plot_crossings.py

Builds a loss plot as a lesson has it (two series, test markers, log axis, a legend), then updates it
ten points at a time and repaints, as the window does ten times a second; counts the Python functions
that C++ entered (a profile hook sees a Python call whose caller is inside a Qt call), and the CPU per
update. Measured twice in one run: with pyqtgraph's Python ``boundingRect``/``shape`` of layout widgets
and legend samples drawn every time, then as the app runs (widgets/panels/plot_style.py).
"""
from __future__ import annotations

import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UPDATES = 60


def build_plot(app, cache_samples: bool):
    import numpy as np
    from widgets.panels.curve_plot import CurvePlot, SeriesStyle
    from PySide6.QtWidgets import QGraphicsItem
    plot = CurvePlot("Loss", "optimizer step", "loss")
    plot.add_series("loss", "training loss", SeriesStyle("#1f77b4", 1.0))
    plot.add_series("test", "test loss", SeriesStyle("#e4572e", 2.0, "o"))
    if not cache_samples:
        for sample, _label in plot.legend.items:
            sample.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    plot.set_log_y(True)
    plot.resize(800, 420)
    plot.show()
    x = np.arange(8000, dtype=np.float64)
    plot.set_x_extent(len(x))
    plot.append("loss", x[:2000], np.exp(-x[:2000] / 1000) + 0.05)
    plot.append("test", x[:2000:50], np.exp(-x[:2000:50] / 1000))
    app.processEvents()
    return plot, x


def measure(app, cache_samples: bool) -> tuple[float, float, collections.Counter]:
    import numpy as np
    from shiboken6 import Shiboken
    plot, x = build_plot(app, cache_samples)
    counts: collections.Counter = collections.Counter()
    in_qt: set[int] = set()

    def update(i: int) -> None:
        s = 2000 + 10 * i
        plot.append("loss", x[s:s + 10], np.exp(-x[s:s + 10] / 1000) + 0.05)
        if i % 5 == 0:
            plot.append("test", x[s:s + 1], np.exp(-x[s:s + 1] / 1000))
        plot.plot_widget.viewport().repaint()

    def hook(frame, event, arg) -> None:
        if event == "c_call":
            owner = getattr(arg, "__self__", None)
            if isinstance(owner, Shiboken.Object) or (getattr(arg, "__module__", "") or "").startswith("PySide6"):
                in_qt.add(id(frame))
        elif event in ("c_return", "c_exception"):
            in_qt.discard(id(frame))
        elif event == "call" and frame.f_back is not None and id(frame.f_back) in in_qt:
            code = frame.f_code
            if not code.co_filename.endswith("enum.py"):     # enum conversions: Python-to-Python, no hand-off
                counts[f"{Path(code.co_filename).stem}.{code.co_qualname}"] += 1

    for i in range(5):
        update(i)
    began = time.thread_time()
    for i in range(5, 5 + UPDATES):
        update(i)
    cpu_ms = (time.thread_time() - began) / UPDATES * 1000
    sys.setprofile(hook)
    for i in range(5 + UPDATES, 5 + 2 * UPDATES):
        update(i)
    sys.setprofile(None)
    plot.close()
    return sum(counts.values()) / UPDATES, cpu_ms, counts


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from widgets.panels.plot_style import use_qt_geometry
    use_qt_geometry(False)
    before, before_ms, before_counts = measure(app, cache_samples=False)
    use_qt_geometry(True)
    after, after_ms, after_counts = measure(app, cache_samples=True)
    print(f"updates measured: {UPDATES} per configuration (a loss plot: 2 series, markers, log axis, legend)")
    for name, crossings, ms, counts in (("pyqtgraph's geometry, samples drawn", before, before_ms, before_counts),
                                        ("as the app runs", after, after_ms, after_counts)):
        print(f"{name}: {crossings:.1f} calls into Python per update, {ms:.2f} ms CPU per update")
        print("   " + ", ".join(f"{key} {count / UPDATES:.1f}" for key, count in counts.most_common(8)))
    print(f"calls into Python, as the app runs / before: {after / before:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
