"""The look every plot shares: white background, dark title, labelled axes, a light grid, and cached
axes (text is costly to repaint; see CurvePlot)."""
from __future__ import annotations

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
