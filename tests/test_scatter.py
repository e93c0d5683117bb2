"""Scatter keeps its bounding rectangle between repaints, and the rectangle it keeps is always the one
pyqtgraph would work out at that moment: after points are added, set or cleared, markers resized, the
view's range changed or the plot resized (widgets/panels/scatter.py says why it is kept)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from widgets.panels.scatter import Scatter


def fresh_rect(item: Scatter) -> QRectF:
    return pg.ScatterPlotItem.boundingRect(item)


def shown_scatter(qtbot):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    item = Scatter(size=6, pen=None, brush="#e4572e")
    widget.getPlotItem().addItem(item)
    widget.getPlotItem().enableAutoRange(enable=False)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(0, 1, padding=0)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, item


def test_the_kept_rectangle_follows_every_change_that_moves_it(qtbot):
    widget, item = shown_scatter(qtbot)
    steps = [
        lambda: item.addPoints(x=[1.0, 2.0], y=[0.2, 0.5]),
        lambda: item.addPoints(x=[8.0], y=[0.9]),
        lambda: item.setSize(14),
        lambda: widget.setXRange(0, 100, padding=0),
        lambda: widget.resize(800, 200),
        lambda: item.setData(x=[3.0, 4.0], y=[0.1, 0.3]),
        lambda: item.clear(),
        lambda: item.setData(x=[5.0], y=[0.5]),
    ]
    rects = []
    for step in steps:
        item.boundingRect()          # remember the rectangle from before the change
        step()
        widget.grab()                # the view applies range and size changes when it lays out
        assert item.boundingRect() == fresh_rect(item)
        rects.append(item.boundingRect())
    assert len({(r.x(), r.y(), r.width(), r.height()) for r in rects}) == len(rects)   # each step moved it


def test_repeated_questions_are_answered_without_working_the_rectangle_out_again(qtbot, monkeypatch):
    widget, item = shown_scatter(qtbot)
    item.setData(x=np.linspace(0, 10, 50), y=np.linspace(0, 1, 50))
    widget.grab()
    worked_out = []
    original = pg.ScatterPlotItem.boundingRect
    monkeypatch.setattr(pg.ScatterPlotItem, "boundingRect", lambda self: worked_out.append(1) or original(self))
    item.boundingRect()
    for _ in range(5):
        widget.viewport().repaint()
        item.boundingRect()
    assert len(worked_out) <= 1

