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

*Why axes draw their grid as filled rectangles:* the slow repaints while a lesson trains were the ones
after an axis range changed (a loss falling into a new decade, an oscilloscope's y range growing): the
axis renders its ticks and grid again, and a grid line is a translucent 1-pixel line across the plot,
which Qt's raster engine blends pixel by pixel: 95 such lines (a log axis over nine decades) took 9 ms,
the same pixels as translucent 1-pixel rectangles 0.6 ms (tests/test_plot_style.py checks they are the
same pixels). And a grid level is left out when pyqtgraph would draw it fainter than ``MIN_GRID_ALPHA``:
it fades each level by its density, so a log axis's minor lines over many decades, or a linear axis's
third level, came out at 1-3 % opacity, too faint to see, and computing those ticks was most of the
axis's Python time (bench/axis_cost.py: a range change of the log loss plot 11 -> 4 ms CPU).
"""
from __future__ import annotations

import sys

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample, LegendItem
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
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

MIN_GRID_ALPHA = 10      # of 255: grid levels fainter than this (under 4 %) are not drawn
PYQTGRAPH_AXIS = {name: pg.AxisItem.__dict__[name] for name in ("drawPicture", "tickValues")}


def _fill_colour(pen) -> QColor | None:
    """The colour of a pen that draws plain 1-pixel lines (those can be filled as rectangles), else None."""
    if (pen.style() != Qt.PenStyle.SolidLine or pen.brush().style() != Qt.BrushStyle.SolidPattern
            or pen.widthF() > 1.0):
        return None
    return pen.color()


def draw_axis_picture(axis: pg.AxisItem, painter: QPainter, axis_spec, tick_specs, text_specs) -> None:
    """pyqtgraph's AxisItem.drawPicture, with horizontal and vertical 1-pixel ticks and grid lines filled
    as rectangles, and without labels that would overlap others (``separate_labels``). An unantialiased
    line from a to b covers the pixels floor(a)..floor(b) along it and floor(y) across it; a filled
    rectangle covers the pixels whose centres it holds (round half up), so the rectangle reaching half a
    pixel beyond each end covers the same ones (tests/test_plot_style.py)."""
    text_specs = separate_labels(text_specs, log=axis.logMode)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    colours: dict[int, QColor | None] = {}        # a tick level's lines share one pen
    others = []
    for pen, start, end in tick_specs:
        if id(pen) not in colours:
            colours[id(pen)] = _fill_colour(pen)
        colour = colours[id(pen)]
        x1, y1, x2, y2 = start.x(), start.y(), end.x(), end.y()
        if colour is None or (x1 != x2 and y1 != y2):
            others.append((pen, start, end))
        elif y1 == y2:
            painter.fillRect(QRectF(min(x1, x2) - 0.5, y1 - 0.5, abs(x2 - x1) + 1, 1), colour)
        else:
            painter.fillRect(QRectF(x1 - 0.5, min(y1, y2) - 0.5, 1, abs(y2 - y1) + 1), colour)
    PYQTGRAPH_AXIS["drawPicture"](axis, painter, axis_spec, others, text_specs)


def separate_labels(text_specs: list, log: bool = False) -> list:
    """The labels to draw, none overlapping another. pyqtgraph decides how many labels of a tick level fit
    from their count, as if they were evenly spaced, but a log axis's minor labels (2, 3, ... 9 in each
    decade) crowd towards the decade's top: over two decades in a short plot "0.7", "0.8", "0.9" and "1"
    were drawn on top of each other. Labels are kept in turn, each only where it touches none kept before:
    levels come major first, and on a log axis the powers of ten go first (over a few decades pyqtgraph
    puts them in one level with the minor values), so each decade keeps its label."""
    order = sorted(text_specs, key=lambda spec: not _power_of_ten(spec[2])) if log else text_specs
    kept: list = []
    for spec in order:
        rect = spec[0].adjusted(-1, -1, 1, 1)      # at least a pixel between two labels
        if not any(rect.intersects(other[0]) for other in kept):
            kept.append(spec)
    return kept


def _power_of_ten(label: str) -> bool:
    try:
        value = float(label)
    except ValueError:
        return False
    return value > 0 and float(np.log10(value)).is_integer()


def grid_alpha(grid: int, level: int, ticks: int, size: float) -> float:
    """The opacity (0-255) pyqtgraph gives grid lines of tick ``level`` (0 = major): fainter for minor
    levels and for dense ones (its AxisItem.generateDrawSpecs)."""
    return 255 / (level + 1) * grid / 255 * float(np.clip(0.05 * size / (ticks + 1), 0.0, 1.0))


def visible_tick_values(axis: pg.AxisItem, low: float, high: float, size: float) -> list:
    """pyqtgraph's tick levels without grid levels too faint to see (their labels never fit either)."""
    levels = PYQTGRAPH_AXIS["tickValues"](axis, low, high, size)
    if axis.grid is False or axis.style["tickAlpha"] is not None or not levels:
        return levels       # plain tick marks are drawn opaque: keep every level
    return levels[:1] + [(spacing, values) for level, (spacing, values) in enumerate(levels[1:], start=1)
                         if grid_alpha(axis.grid, level, len(values), size) >= MIN_GRID_ALPHA]


def use_fast_axes(fill_lines: bool = True, drop_faint_levels: bool = True) -> None:
    pg.AxisItem.drawPicture = draw_axis_picture if fill_lines else PYQTGRAPH_AXIS["drawPicture"]
    pg.AxisItem.tickValues = visible_tick_values if drop_faint_levels else PYQTGRAPH_AXIS["tickValues"]


use_fast_axes()


class FittingTitle(pg.LabelItem):
    """A plot's title that never makes its plot wider than the room it has: where the plot is narrower than
    the text, the text is cut with "…" (and whole again when the plot grows).

    *Why:* pyqtgraph makes a title's text width the plot's minimum width. In a narrow panel the layout then
    ran wider than its widget and was clipped on the right: at the default window size the drawing pad's
    "what it sees" plot lost the digit classes 5-9, and the gradient panel the heatmap's colour bar."""

    full_text = ""

    def setText(self, text, **args) -> None:
        self.full_text = text
        super().setText(text, **args)

    def updateMin(self) -> None:
        super().updateMin()
        self.setMinimumWidth(0)
        height = self._sizeHint[Qt.SizeHint.MinimumSize][1]
        self._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)

    def resizeEvent(self, event) -> None:
        fitted = self._fitted(self.rect().width())
        if fitted != self.text:
            pg.LabelItem.setText(self, fitted)      # (not ours: full_text stays; calls resizeEvent again)
        super().resizeEvent(event)

    def _fitted(self, width: float) -> str:
        if width <= 0 or "<" in self.full_text:     # not laid out yet, or rich text (left as it is)
            return self.full_text
        font = QFont(self.item.font())
        size = str(self.opts.get("size", ""))
        if size.endswith("pt"):
            font.setPointSizeF(float(size[:-2]))
        if self.opts.get("bold") is True:
            font.setBold(True)
        margins = 2 * self.item.document().documentMargin()
        return QFontMetrics(font).elidedText(self.full_text, Qt.TextElideMode.ElideRight, int(width - margins))


def use_fitting_titles(enabled: bool = True) -> None:
    """Plots made after this call get a FittingTitle (PlotItem makes its title from the name LabelItem)."""
    sys.modules["pyqtgraph.graphicsItems.PlotItem.PlotItem"].LabelItem = FittingTitle if enabled else pg.LabelItem


use_fitting_titles()


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


LEGEND_CORNERS = ((-10, 10), (-10, -10), (10, 10), (10, -10))    # top right first: where a legend is looked for


def legend_corner(curves: list[tuple[np.ndarray, np.ndarray]], width: float = 0.45,
                  height: float = 0.35) -> tuple[int, int]:
    """A legend offset for the corner of the view the curves cross least (``width`` x ``height`` of their
    range; each curve is followed along x, so a line between two sparse points counts too); top right
    when it ties. *Why:* a fixed corner covered some lesson's curves — the Runs view overlays a headline
    metric that rises in one lesson (accuracy), falls in another and grows again in a third (a free-running
    forecast's error), and a gradient through time grows or shrinks towards the last step."""
    drawn = []
    for x, y in curves:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        keep = np.isfinite(x) & np.isfinite(y)
        if keep.any():
            order = np.argsort(x[keep])
            drawn.append((x[keep][order], y[keep][order]))
    if not drawn:
        return LEGEND_CORNERS[0]
    x_low, x_high = min(float(x[0]) for x, _ in drawn), max(float(x[-1]) for x, _ in drawn)
    y_low, y_high = min(float(y.min()) for _, y in drawn), max(float(y.max()) for _, y in drawn)
    along = [np.linspace(x[0], x[-1], 200) for x, _ in drawn]
    u = np.concatenate([(grid - x_low) / ((x_high - x_low) or 1.0) for grid in along])
    v = np.concatenate([(np.interp(grid, x, y) - y_low) / ((y_high - y_low) or 1.0)
                        for grid, (x, y) in zip(along, drawn)])
    right, left, top, bottom = u >= 1 - width, u <= width, v >= 1 - height, v <= height
    crossed = [int(np.count_nonzero(right & top)), int(np.count_nonzero(right & bottom)),
               int(np.count_nonzero(left & top)), int(np.count_nonzero(left & bottom))]
    return LEGEND_CORNERS[crossed.index(min(crossed))]


def style_plot(plot: pg.PlotItem, title: str, x_label: str, y_label: str) -> pg.PlotItem:
    plot.setTitle(title, color="#222", size="11pt")
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", y_label)
    for side in ("left", "bottom"):     # no "(x0.001)": an empty plot's range is tiny
        plot.getAxis(side).enableAutoSIPrefix(False)
    keep_label_room(plot.getAxis("left"))
    plot.showGrid(x=True, y=True, alpha=0.25)
    # Axes, title and legend change rarely but are costly to paint (text). Cached as pixmaps, a new point
    # on a curve repaints only the curve; without this a live plot held the GIL long enough to slow
    # training in the worker thread several-fold.
    for item in (plot.getAxis("left"), plot.getAxis("bottom"), plot.titleLabel):
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return plot


WIDE_LOG_LABEL = "0.0001"      # as wide as a log axis's labels get (it prints 1e-4..1e4 as decimals)
WIDE_LINEAR_LABEL = "-0.00"    # as wide as most losses', accuracies' and signals' labels get


def keep_label_room(axis: pg.AxisItem, widest: str = WIDE_LINEAR_LABEL) -> None:
    """Room for ``widest`` from the start, and never less: an axis whose labels changed width (the empty
    plot's 0..1 to the first loss's 0.25, a falling loss's longer labels) moved its plot sideways and
    repainted all of it with both axes drawn anew (8-18 ms), at a run's start or in the middle of it."""
    font = axis.style["tickFont"] or axis.font()
    axis.textWidth = max(axis.textWidth, QFontMetrics(font).horizontalAdvance(widest))   # pyqtgraph's own
    axis.setStyle(autoReduceTextSpace=False)      # (setStyle applies the width)


def add_line(plot: pg.PlotItem, colour: str, width: float) -> pg.PlotCurveItem:
    """A plain line on ``plot``: a bare PlotCurveItem, not PlotDataItem, whose setData (bounds, log
    mapping, the dataset cache) costs ~0.8 ms more per update; live lines are updated up to ten times a
    second. A bare curve knows nothing of log mode: its owner maps the data (CurvePlot). Its name goes in
    the owner's keys (outside_legend.py)."""
    curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width))
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
