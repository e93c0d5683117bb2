"""A series and what the models make of it: the truth, named predictions, and where training data ends
(or the primer stops and the network runs on its own); or, when the spec scrolls, an oscilloscope that
keeps the newest signal in view. Items are created once, from the spec; updates only call ``setData``."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.i18n import translate_core
from widgets.panels.base import LessonPanel, PanelContext
from widgets.panels.outside_legend import OutsideLegend
from widgets.panels.plot_style import ShownData, add_line, style_plot
from workbench.frames import SeriesFrame
from workbench.views import SeriesView

PREDICTION_COLOURS = ["#e4572e", "#2ca02c", "#9467bd", "#1f77b4"]
SCOPE_Y_RANGE = (-1.3, 1.3)


class SeriesPlot(QWidget, LessonPanel):
    frames = (SeriesFrame,)

    def __init__(self, spec: SeriesView, context: PanelContext) -> None:
        super().__init__()
        self.spec = spec
        self.plot_widget = pg.PlotWidget(background="w")
        x_label = translate_core(spec.x_label)
        if spec.scrolling:
            x_label = self.tr("{axis} (0 = the newest sample)").format(axis=x_label)
        self.plot = style_plot(self.plot_widget.getPlotItem(), translate_core(spec.title), x_label,
                               translate_core(spec.y_label))
        # A wave fills its view from trough to peak: a legend inside would cover some of it wherever it stood.
        self.legend = OutsideLegend(self)
        self.background_curve = add_line(self.plot, "#bbbbbb", 1.5)                          # e.g. the input sin
        if spec.truth_as_points:      # noisy samples read better as dots than as a line
            self.truth_curve = self.plot.plot([], [], pen=None, symbol="o", symbolSize=5, symbolBrush="#555555",
                                              symbolPen=None)
        else:
            self.truth_curve = add_line(self.plot, "#222222", 1.5)
        self.legend.add_key(self.truth_curve, translate_core(spec.truth_label))
        if spec.background_label:
            self.legend.add_key(self.background_curve, translate_core(spec.background_label))
        self.prediction_curves: dict[str, pg.PlotCurveItem] = {}
        for index, curve in enumerate(spec.series):
            colour = PREDICTION_COLOURS[index % len(PREDICTION_COLOURS)]
            self.prediction_curves[curve.key] = add_line(self.plot, colour, 2)
            self.legend.add_key(self.prediction_curves[curve.key], translate_core(curve.label))
        self.boundary = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", width=1.5, style=Qt.PenStyle.DashLine),
                                        label=translate_core(spec.boundary_label) if spec.boundary_label else "",
                                        labelOpts={"position": 0.95, "color": "#555"})
        self.plot.addItem(self.boundary)
        self.boundary.hide()
        self.plot.setYRange(-1.6, 1.6, padding=0)
        self.shown = ShownData()       # the truth and the input are the same in most frames
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        layout.addWidget(self.legend)

    def show_frame(self, frame: SeriesFrame, tag: str | None = None) -> None:
        x, y = np.asarray(frame.truth[0], dtype=np.float64), frame.truth[1]
        # An oscilloscope draws time relative to the newest sample, as a real one does relative to its
        # trigger: the axis then stays put. (Following absolute t re-rendered the axis text on every frame.)
        shift = float(x[-1]) if self.spec.scrolling and len(x) else 0.0
        self.shown.set(self.truth_curve, x - shift, y)
        if frame.background is not None:
            self.shown.set(self.background_curve, np.asarray(frame.background[0], dtype=np.float64) - shift,
                           frame.background[1])
        for key, (px, py) in frame.predictions.items():
            if key in self.prediction_curves:
                self.shown.set(self.prediction_curves[key], np.asarray(px, dtype=np.float64) - shift, py)
        if frame.boundary is not None:
            self.boundary.setValue(frame.boundary - shift)
            self.boundary.show()
        if self.spec.scrolling:       # the newest stretch, on a fixed scale
            self.plot.setXRange(float(x[0]) - shift, 0.0, padding=0)
            self.plot.setYRange(*SCOPE_Y_RANGE, padding=0)
            return
        low, high = float(np.min(y)), float(np.max(y))
        margin = 0.15 * (high - low or 1.0)
        self.plot.setYRange(low - margin, high + margin, padding=0)
        self.plot.setXRange(float(x[0]), float(x[-1]), padding=0.01)

    def clear(self) -> None:
        self.shown.clear()
        for curve in [self.truth_curve, self.background_curve, *self.prediction_curves.values()]:
            curve.setData([], [])
        self.boundary.hide()
