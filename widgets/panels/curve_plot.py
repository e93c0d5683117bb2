"""A pyqtgraph plot of named curves that grow during training (loss, accuracy, ...)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from widgets.panels.curve_buffer import PeakDecimatedCurve
from widgets.panels.plot_style import style_plot


MAX_SYMBOLS = 200    # points per series drawn with markers; a longer series is drawn as a plain line


@dataclass(frozen=True)
class SeriesStyle:
    color: str
    width: float = 1.5
    symbol: str | None = None


class CurvePlot(QWidget):
    """One plot, several series. Items are created once; updates only call ``setData``."""

    def __init__(self, title: str, x_label: str, y_label: str, parent: QWidget | None = None,
                 legend_offset: tuple[int, int] = (-10, 10), y_limits: tuple[float, float] | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = style_plot(self.plot_widget.getPlotItem(), title, x_label, y_label)
        # Long runs are decimated as they grow (PeakDecimatedCurve), so pyqtgraph's own clipping and
        # downsampling, which redo their work over the whole series on every update, stay off.
        self.legend = self.plot.addLegend(offset=legend_offset, labelTextColor="#222", brush=(255, 255, 255, 200))
        # Axes, title and legend change rarely but are costly to paint (text). Cached as pixmaps, a new
        # point on a curve repaints only the curve; without this a live plot held the GIL long enough
        # to slow training in the worker thread several-fold.
        for item in (self.legend, self.plot.titleLabel):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
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
        self._curves: dict[str, pg.PlotDataItem | pg.PlotCurveItem] = {}
        self._buffers: dict[str, PeakDecimatedCurve] = {}
        self._symbols: dict[str, str] = {}        # markers taken off long series, put back by clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    def add_series(self, key: str, name: str, style: SeriesStyle) -> None:
        pen = pg.mkPen(style.color, width=style.width)
        if style.symbol:
            self._curves[key] = self.plot.plot([], [], pen=pen, name=name, symbol=style.symbol, symbolSize=6,
                                               symbolBrush=style.color, symbolPen=None)
        else:
            # A plain line is a bare PlotCurveItem: PlotDataItem's setData (bounds, log mapping, the
            # dataset cache) cost ~0.8 ms more per update, and a training curve is updated ten times a
            # second. Log mode is then ours to apply (see _drawable).
            curve = pg.PlotCurveItem(pen=pen, name=name)
            self.plot.addItem(curve)
            self._curves[key] = curve
        self._buffers[key] = PeakDecimatedCurve()

    def set_log_y(self, log_y: bool) -> None:
        """Logarithmic y (for errors spanning decades); the axis then follows the data."""
        self.log_y = log_y
        self.plot.setLogMode(y=log_y)
        self.plot.enableAutoRange(axis="y", enable=False)     # setLogMode turns autorange back on
        self._y_top = 0.0
        self._decades = None
        for key, curve in self._curves.items():
            if self._buffers[key].size:
                curve.setData(*self._drawable(curve, self._buffers[key]))

    def remove_all_series(self) -> None:
        for curve in self._curves.values():
            self.plot.removeItem(curve)
        self._curves.clear()
        self._buffers.clear()
        self._y_top = 0.0
        self._decades = None

    def append(self, key: str, xs, ys) -> None:
        buffer, curve = self._buffers[key], self._curves[key]
        buffer.extend(xs, ys)
        if buffer.size > MAX_SYMBOLS and curve.opts.get("symbol") is not None:
            # Thousands of markers (a tiny model evaluates every few steps) are unreadable and were rebuilt
            # on every update (ScatterPlotItem.setData, tens of ms): past MAX_SYMBOLS it is a line.
            self._symbols[key] = curve.opts["symbol"]
            curve.setSymbol(None)
        curve.setData(*self._drawable(curve, buffer))
        if self.y_limits is not None or not buffer.size:
            return
        new = np.asarray(ys, dtype=float)
        if self.log_y:
            self._grow_decades(new[np.isfinite(new) & (new > 0)])
            return
        finite = new[np.isfinite(new)]
        top = float(finite.max()) if finite.size else 0.0
        if top > self._y_top:
            self._y_top = top * 1.1
            self.plot.setYRange(0, self._y_top, padding=0.02)

    def _grow_decades(self, positive: np.ndarray) -> None:
        if not positive.size:
            return
        low, high = int(np.floor(np.log10(positive.min()))), int(np.ceil(np.log10(positive.max())))
        if self._decades is not None:
            low, high = min(low, self._decades[0]), max(high, self._decades[1])
        if (low, high) != self._decades:
            self._decades = (low, max(high, low + 1))
            self.plot.setYRange(*self._decades, padding=0.02)     # log mode: the view's y is log10(value)

    def _drawable(self, curve, buffer: PeakDecimatedCurve) -> tuple[np.ndarray, np.ndarray]:
        xs, ys = buffer.drawable()
        if self.log_y and isinstance(curve, pg.PlotCurveItem):
            # In log mode the view's y is log10(value); PlotDataItem maps its data itself, a bare curve not.
            with np.errstate(divide="ignore", invalid="ignore"):
                ys = np.log10(ys)
            ys[~np.isfinite(ys)] = np.nan
        return xs, ys

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
        for key, symbol in self._symbols.items():
            self._curves[key].setSymbol(symbol)
        self._symbols.clear()
        self._y_top = 0.0
        self._decades = None
