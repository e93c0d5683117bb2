"""The look every plot shares: white background, dark title, labelled axes, a light grid, and cached
axes and legends (text is costly to repaint; see CurvePlot); the two cheap ways panels update live plots:
bare line items, and setData only for data that changed; and fewer calls from Qt into Python per repaint.

*Why fewer calls into Python:* while the worker trains, every time Qt calls a method that pyqtgraph
overrides in Python, the GUI thread must take the GIL back from the worker, waiting up to the switch
interval (widgets/app.py). A loss plot's repaint made ~40 such calls, most of them ``boundingRect`` of
layout widgets (plot, title, legend, its samples) whose Python versions only recompute what Qt's own
``QGraphicsWidget.boundingRect`` returns: the widget's rectangle. Those classes use Qt's here (assigned
once, below; tests/test_plot_style.py checks they agree with pyqtgraph's), and legend samples are cached
as pixmaps: 38 -> 19 calls into Python per loss-plot update (bench/plot_crossings.py).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample, LegendItem
from PySide6.QtWidgets import QGraphicsItem, QGraphicsWidget

# Each of these returns the widget's own rectangle (0, 0, width, height) for an untransformed widget, as
# Qt's does without calling into Python. Subclasses with a boundingRect of their own (axes, the view box,
# curves) keep theirs.
QT_GEOMETRY_CLASSES = (pg.GraphicsWidget, LegendItem, ItemSample)
# pyqtgraph's own methods, as they were: the tests compare them with Qt's, bench/plot_crossings.py puts
# them back to measure the difference.
PYQTGRAPH_GEOMETRY = {(cls, name): cls.__dict__[name]
                      for cls in QT_GEOMETRY_CLASSES for name in ("boundingRect", "shape") if name in cls.__dict__}


def use_qt_geometry(enabled: bool = True) -> None:
    for (cls, name), method in PYQTGRAPH_GEOMETRY.items():
        setattr(cls, name, getattr(QGraphicsWidget, name) if enabled else method)


use_qt_geometry()


class CachedSample(ItemSample):
    """A legend's line-and-marker sample, painted once into a pixmap (it repaints itself when clicked)."""

    def __init__(self, item) -> None:
        super().__init__(item)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def add_legend(plot: pg.PlotItem, offset: tuple[int, int], opacity: int = 210) -> LegendItem:
    """The plot's legend on a translucent white box, it and its samples cached as pixmaps."""
    legend = plot.addLegend(offset=offset, labelTextColor="#222", brush=(255, 255, 255, opacity),
                            sampleType=CachedSample)
    legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return legend


def style_plot(plot: pg.PlotItem, title: str, x_label: str, y_label: str) -> pg.PlotItem:
    plot.setTitle(title, color="#222", size="11pt")
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", y_label)
    plot.getAxis("left").enableAutoSIPrefix(False)
    plot.showGrid(x=True, y=True, alpha=0.25)
    # Axes, title and legend change rarely but are costly to paint (text). Cached as pixmaps, a new point
    # on a curve repaints only the curve; without this a live plot held the GIL long enough to slow
    # training in the worker thread several-fold.
    for item in (plot.getAxis("left"), plot.getAxis("bottom"), plot.titleLabel):
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
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
