"""A series and what the models make of it: the truth, one or more predictions, and where training
data ends (or the primer stops and the network runs on its own). Also the sin→cos oscilloscope, which
scrolls to keep the newest signal in view. Items are created once; updates only call ``setData``."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from widgets.panels.plot_style import style_plot

PREDICTION_COLOURS = ["#e4572e", "#2ca02c", "#9467bd", "#1f77b4"]


class ForecastPlot(QWidget):
    def __init__(self, title: str, x_label: str, y_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = style_plot(self.plot_widget.getPlotItem(), title, x_label, y_label)
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextColor="#222", brush=(255, 255, 255, 210))
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.background_curve = self.plot.plot([], [], pen=pg.mkPen("#bbbbbb", width=1.5))   # e.g. the input sin
        self.truth_curve = self.plot.plot([], [], pen=pg.mkPen("#222222", width=1.5))
        self.prediction_curves: dict[str, pg.PlotDataItem] = {}
        self.boundary = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", width=1.5, style=Qt.PenStyle.DashLine),
                                        label="", labelOpts={"position": 0.95, "color": "#555"})
        self.plot.addItem(self.boundary)
        self.boundary.hide()
        self.plot.setYRange(-1.6, 1.6, padding=0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    def configure(self, truth_name: str, prediction_names: dict[str, str], background_name: str = "",
                  boundary_label: str = "", truth_as_points: bool = False,
                  axis_labels: tuple[str, str] | None = None) -> None:
        """Name the curves for a lesson (creates prediction curves as needed, removes the others).
        ``truth_as_points`` draws the data as dots (noisy samples) rather than a line."""
        if truth_as_points:
            self.truth_curve.setPen(None)
            self.truth_curve.setSymbol("o")
            self.truth_curve.setSymbolSize(5)
            self.truth_curve.setSymbolBrush("#555555")
            self.truth_curve.setSymbolPen(None)
        else:
            self.truth_curve.setPen(pg.mkPen("#222222", width=1.5))
            self.truth_curve.setSymbol(None)
        if axis_labels:
            self.plot.setLabel("bottom", axis_labels[0])
            self.plot.setLabel("left", axis_labels[1])
        self.legend.clear()
        self.legend.addItem(self.truth_curve, truth_name)
        if background_name:
            self.legend.addItem(self.background_curve, background_name)
        for key in list(self.prediction_curves):
            if key not in prediction_names:
                self.plot.removeItem(self.prediction_curves.pop(key))
        for index, (key, name) in enumerate(prediction_names.items()):
            if key not in self.prediction_curves:
                colour = PREDICTION_COLOURS[index % len(PREDICTION_COLOURS)]
                self.prediction_curves[key] = self.plot.plot([], [], pen=pg.mkPen(colour, width=2))
            self.legend.addItem(self.prediction_curves[key], name)
        self.boundary.label.setFormat(boundary_label)

    def show_forecast(self, forecast: dict) -> None:
        """``{"truth": (x, y), "boundary": x, "predictions": {key: (x, y)}}`` as the lessons send it."""
        x, y = forecast["truth"]
        self.truth_curve.setData(x, y)
        for key, (px, py) in forecast.get("predictions", {}).items():
            if key in self.prediction_curves:
                self.prediction_curves[key].setData(px, py)
        if forecast.get("boundary") is not None:
            self.boundary.setValue(forecast["boundary"])
            self.boundary.show()
        low, high = float(np.min(y)), float(np.max(y))
        margin = 0.15 * (high - low or 1.0)
        self.plot.setYRange(low - margin, high + margin, padding=0)
        self.plot.setXRange(float(x[0]), float(x[-1]), padding=0.01)

    def show_scope(self, scope: dict) -> None:
        """Oscilloscope: the newest stretch of input, target and prediction, scrolling with time."""
        t = scope["t"]
        self.background_curve.setData(t, scope["input"])
        self.truth_curve.setData(t, scope["target"])
        if "prediction" in self.prediction_curves:
            self.prediction_curves["prediction"].setData(t, scope["prediction"])
        self.plot.setXRange(float(t[0]), float(t[-1]), padding=0)
        self.plot.setYRange(-1.3, 1.3, padding=0)

    def clear(self) -> None:
        for curve in [self.truth_curve, self.background_curve, *self.prediction_curves.values()]:
            curve.setData([], [])
        self.boundary.hide()
