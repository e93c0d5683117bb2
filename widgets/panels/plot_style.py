"""The look every plot shares: white background, dark title, labelled axes, a light grid, and cached
axes (text is costly to repaint; see CurvePlot); and the two cheap ways panels update live plots: bare
line items, and setData only for data that changed."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem


def style_plot(plot: pg.PlotItem, title: str, x_label: str, y_label: str) -> pg.PlotItem:
    plot.setTitle(title, color="#222", size="11pt")
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", y_label)
    plot.getAxis("left").enableAutoSIPrefix(False)
    plot.showGrid(x=True, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return plot


def add_line(plot: pg.PlotItem, colour: str, width: float, name: str | None = None) -> pg.PlotCurveItem:
    """A plain line on ``plot``: a bare PlotCurveItem, not PlotDataItem, whose setData (bounds, log
    mapping, the dataset cache) costs ~0.8 ms more per update; live lines are updated ten times a second.
    A bare curve knows nothing of log mode: its owner maps the data (CurvePlot)."""
    curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width), name=name)
    plot.addItem(curve)
    return curve


class ShownData:
    """What each item shows, so that a snapshot bringing the same arrays again does not call setData:
    the data points of a lesson are the same in every frame, and a scatter's setData rebuilds every point."""

    def __init__(self) -> None:
        self._shown: dict[int, tuple[np.ndarray, np.ndarray]] = {}     # id(item) -> (x, y) it shows

    def set(self, item, x, y) -> None:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        shown = self._shown.get(id(item))
        if shown is not None and np.array_equal(shown[0], x) and np.array_equal(shown[1], y):
            return
        self._shown[id(item)] = (x, y)
        item.setData(x, y)

    def clear(self) -> None:
        self._shown.clear()
