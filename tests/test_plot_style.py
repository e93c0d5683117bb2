"""Layout widgets and legend samples answer Qt's geometry questions without calling into Python, and
answer them exactly as pyqtgraph's own methods would (widgets/panels/plot_style.py says why)."""
from __future__ import annotations

import sys

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from widgets.panels.curve_plot import CurvePlot, SeriesStyle
from widgets.panels.plot_style import PYQTGRAPH_GEOMETRY, QT_GEOMETRY_CLASSES, CachedSample


def live_plot(qtbot) -> CurvePlot:
    plot = CurvePlot("Loss", "step", "loss")
    qtbot.addWidget(plot)
    plot.add_series("loss", "training loss", SeriesStyle("#1f77b4"))
    plot.add_series("test", "test loss", SeriesStyle("#e4572e", 2.0, "o"))
    plot.resize(640, 360)
    plot.show()
    qtbot.waitExposed(plot)
    x = np.arange(200, dtype=np.float64)
    plot.set_x_extent(400)
    plot.append("loss", x, np.exp(-x / 100))
    plot.append("test", x[::20], np.exp(-x[::20] / 100))
    plot.plot_widget.grab()
    return plot


def widgets_of(plot: CurvePlot) -> list:
    return [item for item in plot.plot_widget.scene().items() if isinstance(item, QT_GEOMETRY_CLASSES)]


def test_qt_geometry_agrees_with_pyqtgraphs_for_every_layout_widget_of_a_plot(qtbot):
    plot = live_plot(qtbot)
    checked = 0
    for item in widgets_of(plot):
        owner = next(cls for cls in type(item).__mro__ if "boundingRect" in cls.__dict__)
        original = PYQTGRAPH_GEOMETRY.get((owner, "boundingRect"))
        if original is None:
            continue        # a subclass with a boundingRect of its own (axes, the view box): not replaced
        assert item.boundingRect() == QRectF(original(item)), type(item).__name__
        if isinstance(item, pg.GraphicsWidget):
            ours, theirs = item.shape().boundingRect(), PYQTGRAPH_GEOMETRY[(pg.GraphicsWidget, "shape")](item).boundingRect()
            assert ours == theirs, type(item).__name__
        checked += 1
    names = {type(item).__name__ for item in widgets_of(plot)}
    assert checked >= 5 and {"PlotItem", "LegendItem", "CachedSample", "LabelItem"} <= names


def test_a_repaint_asks_python_for_no_layout_geometry_and_paints_no_legend_sample(qtbot):
    plot = live_plot(qtbot)
    entered = []

    def hook(frame, event, arg):
        if event == "call" and frame.f_code.co_name in ("boundingRect", "shape", "paint"):
            owner = frame.f_locals.get("self")
            if isinstance(owner, (pg.PlotItem, pg.LabelItem, pg.LegendItem, CachedSample)):
                entered.append(f"{type(owner).__name__}.{frame.f_code.co_name}")

    x = np.arange(200, 220, dtype=np.float64)
    sys.setprofile(hook)
    try:
        plot.append("loss", x, np.exp(-x / 100))
        plot.plot_widget.grab()
    finally:
        sys.setprofile(None)
    assert entered == [], entered
    assert all(isinstance(sample, CachedSample) for sample, _label in plot.legend.items)


def test_clicking_a_legend_sample_still_hides_its_series_and_redraws_the_sample(qtbot):
    from PySide6.QtCore import Qt
    plot = live_plot(qtbot)
    sample = next(sample for sample, _label in plot.legend.items if sample.item is plot._curves["test"])
    view = plot.plot_widget
    region = view.mapFromScene(sample.sceneBoundingRect()).boundingRect()

    def sample_pixels():
        return view.grab(region).toImage()

    class Click:        # what pyqtgraph's scene hands mouseClickEvent
        def button(self):
            return Qt.MouseButton.LeftButton

        def accept(self):
            pass

    shown = sample_pixels()
    sample.mouseClickEvent(Click())
    assert not plot._curves["test"].isVisible() and not plot._marks["test"].isVisible()
    assert sample_pixels() != shown        # not the cached picture: the sample shows its series hidden
    sample.mouseClickEvent(Click())
    assert plot._curves["test"].isVisible() and plot._marks["test"].isVisible()
    assert sample_pixels() == shown
