"""A pyqtgraph plot of named curves that grow during training (loss, accuracy, ...)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from widgets.panels.curve_buffer import PeakDecimatedCurve
from widgets.panels.outside_legend import OutsideLegend
from widgets.panels.plot_style import WIDE_LOG_LABEL, add_line, keep_label_room, style_plot
from widgets.panels.scatter import Scatter


MAX_SYMBOLS = 200    # points per series drawn with markers; a longer series is drawn as a plain line
MIN_WIDTH = 140      # px


@dataclass(frozen=True)
class SeriesStyle:
    color: str
    width: float = 1.5
    symbol: str | None = None


class CurvePlot(QWidget):
    """One plot, several series. Items are created once; updates only call ``setData``."""

    def __init__(self, title: str, x_label: str, y_label: str, parent: QWidget | None = None,
                 y_limits: tuple[float, float] | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = style_plot(self.plot_widget.getPlotItem(), title, x_label, y_label)
        # Long runs are decimated as they grow (PeakDecimatedCurve), so pyqtgraph's own clipping and
        # downsampling, which redo their work over the whole series on every update, stay off.
        # The keys under the plot, not a legend inside it: the curves of a run reach every corner of the view
        # in some lesson (a loss over three decades, a rollout error that grows again, six series at once).
        self.legend = OutsideLegend(self)
        # The y axis runs from 0 to the largest value seen (or is fixed to y_limits) and only grows: an
        # axis that rescales with every point must be re-rendered with every point (5 ms for a log axis).
        # A log axis spans whole decades and changes only when a value leaves them.
        self.y_limits = y_limits
        self.log_y = False
        self._y_top = 0.0
        self._decades: tuple[int, int] | None = None
        self.plot.enableAutoRange(axis="y", enable=False)
        if y_limits is not None:
            self.plot.setYRange(*y_limits, padding=0.02)
        self._curves: dict[str, pg.PlotCurveItem] = {}
        self._marks: dict[str, pg.ScatterPlotItem] = {}     # the markers of series drawn with them
        self._buffers: dict[str, PeakDecimatedCurve] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        layout.addWidget(self.legend)
        # Narrower than this a curve cannot be read; a page whose other panels have widths they keep (the
        # CNN's eight digits abreast) then takes the room from the form and notes beside it, as far as they give.
        self.setMinimumWidth(MIN_WIDTH)

    def add_series(self, key: str, name: str, style: SeriesStyle) -> None:
        curve = self._curves[key] = add_line(self.plot, style.color, style.width)
        self._buffers[key] = PeakDecimatedCurve()
        self.legend.add_key(curve, name, style.symbol)
        if style.symbol:
            # Markers are a scatter of their own that new points are added to (PlotDataItem rebuilt its
            # scatter from all its points on every update: 1.6 ms with 200 markers).
            marks = Scatter(symbol=style.symbol, size=6, brush=pg.mkBrush(style.color), pen=None)
            # Test points change a few times an epoch, the training line beside them ten times a second, and
            # each of its repaints covered the markers: cached as a pixmap, they are drawn again only when
            # they change (1.2-1.6 ms of each repaint in the forecasting lesson).
            marks.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.plot.addItem(marks)
            self._marks[key] = marks
            # A key hides a series by hiding its curve; its markers follow.
            curve.visibleChanged.connect(self._follow_curve_visibility)

    @Slot()
    def _follow_curve_visibility(self) -> None:
        for key, marks in self._marks.items():
            marks.setVisible(self._curves[key].isVisible())

    def set_log_y(self, log_y: bool) -> None:
        """Logarithmic y (for errors spanning decades); the axis then follows the data."""
        self.log_y = log_y
        self.plot.setLogMode(y=log_y)
        if log_y:
            keep_label_room(self.plot.getAxis("left"), WIDE_LOG_LABEL)
        self.plot.enableAutoRange(axis="y", enable=False)     # setLogMode turns autorange back on
        self._y_top = 0.0
        self._decades = None
        for key, curve in self._curves.items():
            buffer = self._buffers[key]
            if buffer.size:
                curve.setData(*self._drawable(buffer))
                if key in self._marks and buffer.size <= MAX_SYMBOLS:
                    self._marks[key].setData(x=buffer.full.x, y=self._mapped(buffer.full.y))

    def remove_all_series(self) -> None:
        for item in [*self._curves.values(), *self._marks.values()]:
            self.plot.removeItem(item)
        self._curves.clear()
        self._marks.clear()
        self._buffers.clear()
        self.legend.clear()
        self._y_top = 0.0
        self._decades = None

    def append(self, key: str, xs, ys) -> None:
        buffer, curve = self._buffers[key], self._curves[key]
        xs = np.atleast_1d(np.asarray(xs, dtype=np.float64))
        new = np.atleast_1d(np.asarray(ys, dtype=np.float64))
        buffer.extend(xs, new)
        marks = self._marks.get(key)
        if marks is not None:
            if buffer.size <= MAX_SYMBOLS:
                marks.addPoints(x=xs, y=self._mapped(new))
            elif len(marks.data):
                # Thousands of markers (a tiny model evaluates every few steps) are unreadable: past
                # MAX_SYMBOLS the series is a line; clear() brings the markers back for the next run.
                marks.clear()
        curve.setData(*self._drawable(buffer))
        if self.y_limits is not None or not buffer.size:
            return
        if self.log_y:
            self._grow_decades(new[np.isfinite(new) & (new > 0)])
            return
        finite = new[np.isfinite(new)]
        top = float(finite.max()) if finite.size else 0.0
        if top > self._y_top:
            self._y_top = top * 1.1
            self.plot.setYRange(0, self._y_top, padding=0.02)

    def _mapped(self, ys: np.ndarray) -> np.ndarray:
        """y as the view holds it: log10 of the value in log mode (a non-positive value is a gap)."""
        if not self.log_y:
            return ys
        with np.errstate(divide="ignore", invalid="ignore"):
            mapped = np.log10(ys)
        mapped[~np.isfinite(mapped)] = np.nan
        return mapped

    def _drawable(self, buffer: PeakDecimatedCurve) -> tuple[np.ndarray, np.ndarray]:
        xs, ys = buffer.drawable()
        return xs, self._mapped(ys)

    def markers_shown(self, key: str) -> int:
        """How many points of a series are drawn with a marker (0 once it has outgrown MAX_SYMBOLS)."""
        marks = self._marks.get(key)
        return len(marks.data) if marks is not None else 0

    def _grow_decades(self, positive: np.ndarray) -> None:
        if not positive.size:
            return
        low, high = int(np.floor(np.log10(positive.min()))), int(np.ceil(np.log10(positive.max())))
        if self._decades is not None:
            low, high = min(low, self._decades[0]), max(high, self._decades[1])
        if (low, high) != self._decades:
            self._decades = (low, max(high, low + 1))
            self.plot.setYRange(*self._decades, padding=0.02)     # log mode: the view's y is log10(value)

    def data(self, key: str):
        """The (x, y) arrays a series holds (tests and exports read them)."""
        return self._buffers[key].full.x, self._buffers[key].full.y

    def set_x_extent(self, last: float) -> None:
        """Fix the x axis to 0..last for a run of known length (the axis then need not be redrawn per point)."""
        self.plot.setXRange(0, max(1.0, last), padding=0.02)

    def clear(self) -> None:
        for key, buffer in self._buffers.items():
            buffer.clear()
            self._curves[key].setData([], [])
        for marks in self._marks.values():
            marks.clear()
        self._y_top = 0.0
        self._decades = None
