"""Two-class decision boundary: the plane shaded by the network's probability of class 1, the points on top."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.panels.base import LessonPanel, PanelContext
from widgets.panels.contour import contour_segments
from widgets.panels.plot_style import ShownData, add_legend
from widgets.panels.scatter import Scatter
from workbench.frames import DecisionFrame
from workbench.views import BoundaryView

CLASS_COLOURS = ("#1f77b4", "#d62728")


class BoundaryPlot(QWidget, LessonPanel):
    frames = (DecisionFrame,)

    def __init__(self, spec: BoundaryView, context: PanelContext) -> None:
        super().__init__()
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.plot = self.view.addPlot(row=0, col=0)
        self.plot.setTitle(self.tr("P(class 1) over the plane"), color="#222", size="11pt")
        self.plot.setLabel("bottom", "x₁")
        self.plot.setLabel("left", "x₂")
        for side in ("left", "bottom"):      # plain numbers, no "(x0.001)", on the empty plane before training
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.field = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.field)
        # Under the plane, not beside it: the panel is tall and narrow, and a bar beside the plane pushed
        # itself out of sight whenever the plane's title and axis needed the width.
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get("CET-D1"), interactive=False, width=14,
                                   label=self.tr("P(class 1)"), orientation="horizontal")
        self.bar.setImageItem(self.field)
        self.view.addItem(self.bar, row=1, col=0)
        self.legend = add_legend(self.plot, (10, 10))
        self.points = [Scatter(size=7, pen=pg.mkPen("w", width=0.5), brush=colour,
                                          name=self.tr("class {n}").format(n=index))
                       for index, colour in enumerate(CLASS_COLOURS)]
        for item in self.points:
            self.plot.addItem(item)
        # The 0.5 line, traced with numpy (contour.py) and drawn as segments in the plane's coordinates.
        self.boundary_line = pg.PlotCurveItem(pen=pg.mkPen("#222", width=2), connect="pairs")
        self.plot.addItem(self.boundary_line)
        self.shown = ShownData()       # the data points are the same in every snapshot of a run
        # The lesson's plane from the start: its axes then need no other width when the first frame
        # comes (a width change re-lays the plot out and repaints it in full, while the run starts).
        self._extent = spec.extent
        self.plot.setRange(xRange=spec.extent, yRange=spec.extent, padding=0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_frame(self, frame: DecisionFrame, tag: str | None = None) -> None:
        field = np.asarray(frame.field, dtype=np.float32)
        low, high = frame.extent
        self.field.setImage(field, levels=(0, 1))
        self.field.setRect(low, low, high - low, high - low)
        columns, rows = contour_segments(field, 0.5)      # in grid units: the field samples the grid points
        self.boundary_line.setData(low + columns * (high - low) / max(field.shape[1] - 1, 1),
                                   low + rows * (high - low) / max(field.shape[0] - 1, 1))
        points, labels = np.asarray(frame.points), np.asarray(frame.labels)
        for index, item in enumerate(self.points):
            chosen = points[labels == index]
            self.shown.set(item, chosen[:, 0], chosen[:, 1])
        if (low, high) != self._extent:
            self._extent = (low, high)
            self.plot.setRange(xRange=(low, high), yRange=(low, high), padding=0)

    def clear(self) -> None:
        self.shown.clear()
        # Back to the whole plane if the learner zoomed (pyqtgraph changes nothing when it is already shown).
        self.plot.setRange(xRange=self._extent, yRange=self._extent, padding=0)
        self.field.clear()
        self.boundary_line.setData([], [])
        for item in self.points:
            item.clear()
