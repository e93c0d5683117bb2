"""CPU per repaint of a live loss plot when its y range changes (the axis renders its ticks and grid
again) and when only new points arrive: pyqtgraph's axes vs ours, in one run.

    python bench/axis_cost.py [--repaints 40]

The slow repaints while a lesson trains are those after a range change: a loss falling into a new
decade (log axis), an oscilloscope's values outgrowing its range (linear). Our axes fill straight grid
lines as rectangles and leave out grid levels too faint to see (widgets/panels/plot_style.py says why).
Figures are thread CPU milliseconds per repaint (GUI thread only, nothing else running in this process).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(app, log_y: bool, repaints: int) -> tuple[float, float]:
    """(ms per repaint after a y-range change, ms per repaint after ten new points)."""
    import numpy as np
    from widgets.panels.curve_plot import CurvePlot, SeriesStyle
    plot = CurvePlot("Loss", "optimizer step", "loss")
    plot.add_series("loss", "training loss", SeriesStyle("#1f77b4", 1.0))
    plot.add_series("test", "test loss", SeriesStyle("#e4572e", 2.0, "o"))
    plot.set_log_y(log_y)
    plot.resize(675, 355)       # a loss plot's size in the 1360 x 860 window
    plot.show()
    x = np.arange(2000 + 10 * (2 * repaints + 10), dtype=np.float64)
    y = np.exp(-x / 300) + 1e-6         # nine decades, as a loss that trains to ~1e-6 spans
    plot.set_x_extent(len(x))
    plot.append("loss", x[:2000], y[:2000])
    plot.append("test", x[:2000:50], y[:2000:50])
    app.processEvents()

    def new_range(i: int) -> None:
        plot.plot.setYRange(*((-7 - i % 2, 1) if log_y else (0, 1 + i % 2)), padding=0.02)
        plot.plot_widget.viewport().repaint()

    def new_points(i: int) -> None:
        start = 2000 + 10 * i
        plot.append("loss", x[start:start + 10], y[start:start + 10])
        plot.plot_widget.viewport().repaint()

    figures = []
    for step in (new_range, new_points):
        for i in range(5):
            step(i)
        began = time.thread_time()
        for i in range(repaints):
            step(i)
        figures.append((time.thread_time() - began) / repaints * 1000)
    plot.close()
    plot.deleteLater()
    return figures[0], figures[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repaints", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from widgets.panels.plot_style import use_fast_axes
    app = QApplication.instance() or QApplication([])
    print("axis   axes         after a range change   after new points   (ms CPU per repaint)")
    for log_y in (True, False):
        for fast in (False, True, False, True):       # alternated: the second pair shows the spread
            use_fast_axes(fast, fast)
            changed, points = measure(app, log_y, args.repaints)
            kind, axes = "log" if log_y else "linear", "ours" if fast else "pyqtgraph"
            print(f"{kind:6s} {axes:12s} {changed:10.2f} {points:18.2f}")
    use_fast_axes()


if __name__ == "__main__":
    main()
