"""Layout widgets and legend samples answer Qt's geometry questions without calling into Python, and
answer them exactly as pyqtgraph's own methods would; axes fill their grid lines as rectangles that cover
exactly the line's pixels and leave out grid levels too faint to see (widgets/panels/plot_style.py says why)."""
from __future__ import annotations

import sys

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication

from widgets.panels.curve_plot import CurvePlot, SeriesStyle
from widgets.panels.plot_style import (MIN_GRID_ALPHA, PYQTGRAPH_AXIS, PYQTGRAPH_GEOMETRY, QT_GEOMETRY_CLASSES,
                                       CachedSample, add_legend, draw_axis_picture, grid_alpha, separate_labels)


def live_plot(qtbot, inside_legend: bool = False) -> CurvePlot:
    """A loss plot as a lesson shows it; ``inside_legend`` adds a pyqtgraph legend in the view, as the
    decision map, the latent space and the gradient plots have (``plot.inside``)."""
    plot = CurvePlot("Loss", "step", "loss")
    qtbot.addWidget(plot)
    plot.add_series("loss", "training loss", SeriesStyle("#1f77b4"))
    plot.add_series("test", "test loss", SeriesStyle("#e4572e", 2.0, "o"))
    if inside_legend:
        plot.inside = add_legend(plot.plot, (-10, 10))
        for key, name in (("loss", "training loss"), ("test", "test loss")):
            plot.inside.addItem(plot._curves[key], name)
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
    plot = live_plot(qtbot, inside_legend=True)
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
    plot = live_plot(qtbot, inside_legend=True)
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
    assert all(isinstance(sample, CachedSample) for sample, _label in plot.inside.items)


def test_a_plots_keys_sit_under_it_at_any_width_and_hide_their_series(qtbot):
    plot = live_plot(qtbot)
    keys = plot.legend.keys
    assert [key.text() for key in keys] == ["training loss", "test loss"] and all(key.isChecked() for key in keys)
    assert not plot.plot.legend                                      # nothing of pyqtgraph's inside the view
    for width in (640, 180):                                         # a lesson's plot; the CNN lesson's beside its digits
        plot.resize(width, 360)
        # Laid out (not squeezed to nothing), each key inside the panel and under the plot.
        qtbot.waitUntil(lambda: all(key.height() > 0 and plot.rect().contains(key.geometry().translated(
            plot.legend.pos())) for key in keys))
        below = plot.plot_widget.geometry().bottom()
        assert all(key.geometry().translated(plot.legend.pos()).top() > below for key in keys)
    keys[1].click()
    assert not plot._curves["test"].isVisible() and not plot._marks["test"].isVisible()
    plot._curves["test"].show()                                      # shown again elsewhere: the key follows
    assert keys[1].isChecked() and plot._marks["test"].isVisible()
    plot.remove_all_series()
    assert not plot.legend.keys


def test_keys_that_wrap_leave_the_panel_under_their_plot_its_share_of_the_height(qtbot):
    """In a grid, a plot whose keys wrap onto two rows still shrinks as far as the panel under it does (the
    keys' height follows the width they got; said as height-for-width, it had made the plot rigid and the
    forecasting lesson's series plot a strip 140 px high)."""
    from PySide6.QtWidgets import QGridLayout, QWidget
    page = QWidget()
    qtbot.addWidget(page)
    grid = QGridLayout(page)
    upper, lower = CurvePlot("Loss", "step", "loss"), CurvePlot("Series", "t", "value")
    for index in range(6):
        upper.add_series(str(index), f"a rather long series name {index}", SeriesStyle("#1f77b4"))
    lower.add_series("truth", "truth", SeriesStyle("#222222"))
    grid.addWidget(upper, 0, 0)
    grid.addWidget(lower, 1, 0)
    page.resize(600, 700)
    page.show()
    qtbot.waitExposed(page)
    # The keys wrap onto three rows and the legend is as tall as they are, no more.
    qtbot.waitUntil(lambda: upper.legend.keys[-1].geometry().top() > 0
                    and upper.legend.height() - upper.legend.keys[-1].geometry().bottom() < 6)
    assert abs(upper.plot_widget.height() - lower.plot_widget.height()) < 30
    assert upper.plot_widget.height() > 200 and lower.plot_widget.height() > 200


def test_a_legend_goes_to_the_corner_the_curves_cross_least():
    from widgets.panels.plot_style import legend_corner
    steps = np.arange(50, dtype=np.float64)
    rising, falling = 1 - np.exp(-steps / 10), np.exp(-steps / 10)
    assert legend_corner([(steps, rising)]) == (-10, -10)                     # accuracy: bottom right
    assert legend_corner([(steps, falling)]) == (-10, 10)                     # a loss: top right
    # A free-running forecast's error: flat, then growing fast. Four evaluations are points far apart; the
    # lines between them count, so both right-hand corners are taken: top left.
    evaluations = np.array([40, 120, 240, 390.0]), np.array([1.03, 1.01, 0.99, 1.45])
    assert legend_corner([evaluations]) == (10, 10)
    assert legend_corner([(steps, np.full(50, np.nan))]) == (-10, 10)        # nothing drawn yet: top right
    assert legend_corner([]) == (-10, 10)


def test_clicking_a_legend_sample_still_hides_its_series_and_redraws_the_sample(qtbot):
    from PySide6.QtCore import Qt
    plot = live_plot(qtbot, inside_legend=True)
    sample = next(sample for sample, _label in plot.inside.items if sample.item is plot._curves["test"])
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


def shown_loss_plot(qtbot, log_y: bool, height: int = 355) -> CurvePlot:
    """An empty loss plot the size a lesson shows it at, on screen."""
    plot = CurvePlot("Loss", "optimizer step", "loss")
    qtbot.addWidget(plot)
    plot.add_series("loss", "training loss", SeriesStyle("#1f77b4"))
    plot.set_log_y(log_y)
    plot.resize(675, height)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


def loss_plot_pixels(qtbot, log_y: bool):
    """A loss plot as a lesson shows it (a loss trained down to ~1e-6 on a log axis, or a linear one),
    rendered from scratch: its axes draw their ticks and grid anew."""
    plot = shown_loss_plot(qtbot, log_y)
    x = np.arange(2000, dtype=np.float64)
    plot.set_x_extent(len(x))
    plot.append("loss", x, np.exp(-x / 300) + 1e-6)
    image = plot.plot_widget.grab().toImage()
    plot.close()
    return image


@pytest.mark.parametrize("log_y", [False, True])
def test_grid_lines_filled_as_rectangles_paint_exactly_the_pixels_of_pyqtgraphs_lines(qtbot, monkeypatch, log_y):
    ours = loss_plot_pixels(qtbot, log_y)
    monkeypatch.setattr(pg.AxisItem, "drawPicture", PYQTGRAPH_AXIS["drawPicture"])
    theirs = loss_plot_pixels(qtbot, log_y)
    assert ours.size() == theirs.size() and ours == theirs


def test_lines_other_than_plain_straight_ones_are_still_drawn_by_pyqtgraph(qtbot, monkeypatch):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QImage, QPainter, QPen
    handed_on = []
    monkeypatch.setitem(PYQTGRAPH_AXIS, "drawPicture",
                        lambda axis, painter, spec, ticks, texts: handed_on.extend(ticks))
    solid, dashed, wide = QPen(Qt.GlobalColor.black), QPen(Qt.GlobalColor.black), QPen(Qt.GlobalColor.black)
    dashed.setStyle(Qt.PenStyle.DashLine)
    wide.setWidthF(3.0)
    ticks = [(solid, QPointF(0, 5), QPointF(40, 5)), (solid, QPointF(5, 0), QPointF(5, 40)),    # filled
             (solid, QPointF(0, 0), QPointF(40, 40)), (dashed, QPointF(0, 9), QPointF(40, 9)),  # drawn as lines
             (wide, QPointF(0, 20), QPointF(40, 20))]
    image = QImage(50, 50, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    draw_axis_picture(pg.AxisItem("left"), painter, None, ticks, [])
    painter.end()
    assert handed_on == ticks[2:]
    assert image.pixelColor(20, 5).alpha() == 255 and image.pixelColor(5, 30).alpha() == 255
    assert image.pixelColor(20, 9).alpha() == 0           # the dashed line was left to pyqtgraph


def test_grid_levels_too_faint_to_see_are_left_out_and_plain_ticks_are_all_kept(qtbot):
    plot = pg.PlotItem()
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setLogMode(y=True)
    axis = plot.getAxis("left")
    theirs, ours = PYQTGRAPH_AXIS["tickValues"](axis, -8.0, 1.0, 290), axis.tickValues(-8.0, 1.0, 290)
    assert len(theirs) == 3 and len(theirs[2][1]) > 60     # decades, and 2..9 x every decade
    assert ours == theirs[:2]
    for level, (_spacing, values) in enumerate(theirs[1:], start=1):
        assert (grid_alpha(axis.grid, level, len(values), 290) >= MIN_GRID_ALPHA) == (level < 2)
    assert axis.tickValues(-1.0, 1.0, 290) == PYQTGRAPH_AXIS["tickValues"](axis, -1.0, 1.0, 290)   # two decades
    plain = pg.AxisItem("bottom")                          # no grid: its ticks are opaque marks
    assert plain.tickValues(0, 1530, 600) == PYQTGRAPH_AXIS["tickValues"](plain, 0, 1530, 600)


def test_the_left_axis_keeps_its_width_while_a_loss_falls_through_the_decades(qtbot):
    plot = shown_loss_plot(qtbot, log_y=True)
    axis = plot.plot.getAxis("left")
    plot.set_x_extent(700)
    widths = []
    for step in range(0, 700, 100):        # 1.0 down to 1e-6, a decade a hundred steps
        x = np.arange(step, step + 100, dtype=np.float64)
        plot.append("loss", x, 10 ** (-x / 100))
        plot.plot_widget.grab()             # paint: pyqtgraph resizes an axis when it draws wider labels
        widths.append(axis.maximumWidth())       # the width pyqtgraph asks the layout for
    assert plot._decades[0] <= -6 and len(set(widths)) == 1, widths


def test_no_axis_label_is_drawn_over_another_and_every_decade_keeps_its_label(qtbot, monkeypatch):
    from widgets.panels import plot_style
    proposed, drawn = {}, {}

    def record(axis, painter, spec, ticks, texts):
        drawn[axis.orientation] = [(QRectF(rect), text) for rect, _flags, text in texts]

    def separate(texts, log=False):
        proposed.setdefault("all", []).append([text for _rect, _flags, text in texts])
        return separate_labels(texts, log)

    monkeypatch.setitem(PYQTGRAPH_AXIS, "drawPicture", record)
    monkeypatch.setattr(plot_style, "separate_labels", separate)
    plot = shown_loss_plot(qtbot, log_y=True, height=290)     # as the forecasting lesson shows it: two decades
    x = np.arange(240, dtype=np.float64)
    plot.set_x_extent(240)
    plot.append("loss", x, 0.15 + 5 * np.exp(-x / 20))
    plot.plot_widget.grab()
    labels = drawn["left"]
    texts = [text for _rect, text in labels]
    for index, (rect, text) in enumerate(labels):
        for other, other_text in labels[index + 1:]:
            assert not rect.intersects(other), (text, other_text)
    # pyqtgraph proposed more: its minor labels near the top of each decade ran into each other. Every
    # decade it proposed is kept, and the minor labels where they fit.
    left = next(each for each in proposed["all"] if set(texts) <= set(each))
    assert {"1", "0.9", "9"} <= set(left)
    assert "1" in texts and {"0.2", "2"} <= set(texts)
    assert {"0.9", "9"} <= set(left) - set(texts)


def test_a_linear_loss_axis_keeps_its_width_from_the_empty_plot_to_a_trained_loss(qtbot):
    """The linear kin of the test above: the empty plot's 0..1 labels are narrower than a small loss's."""
    plot = shown_loss_plot(qtbot, log_y=False)
    axis = plot.plot.getAxis("left")
    plot.plot_widget.grab()
    widths = [axis.maximumWidth()]
    x = np.arange(3000, dtype=np.float64)
    loss = 0.08 * np.exp(-x / 400) + 0.03     # 0.11 falling to 0.03: labels 0.04, 0.06, ... are wider than 0.8
    plot.set_x_extent(len(x))
    for start, end in ((0, 10), (10, 300), (300, 3000)):
        plot.append("loss", x[start:end], loss[start:end])
        plot.plot_widget.grab()
        widths.append(axis.maximumWidth())
    assert widths == [widths[0]] * 4


def test_a_title_wider_than_its_plot_is_cut_and_never_widens_the_plot(qtbot):
    title = "A title much wider than the little plot it sits on, as some translations are"
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setTitle(title, size="11pt")
    widget.resize(240, 200)
    widget.show()
    qtbot.waitExposed(widget)
    assert plot.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() < 240      # pyqtgraph's: the text's width
    shown = plot.titleLabel.text
    assert shown.endswith("…") and title.startswith(shown[:-1]) and plot.titleLabel.full_text == title
    assert plot.titleLabel.itemRect().width() <= plot.titleLabel.rect().width() + 1
    widget.resize(1400, 200)                                                     # room again: the whole title
    qtbot.waitUntil(lambda: plot.titleLabel.text == title)


def test_every_plot_of_every_lesson_fits_its_tab_at_the_default_window_size(qtbot, tmp_path, lessons):
    from widgets.main_window import MainWindow
    from widgets.window_settings import DEFAULT_SIZE
    window = MainWindow(lessons, tmp_path / "runs")
    qtbot.addWidget(window)
    window.resize(*DEFAULT_SIZE)
    window.show()
    qtbot.waitExposed(window)
    too_wide = []
    for name in lessons:
        window.lesson_box.setCurrentIndex(window.lesson_box.findData(name))
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()          # lay the shown tab out (no waiting on time)
            for view in window.tabs.widget(index).findChildren(pg.GraphicsView):
                needed = view.centralWidget.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
                if needed > view.viewport().width() + 1:
                    too_wide.append((name, window.tabs.tabText(index), round(needed), view.viewport().width()))
    assert too_wide == []


def test_an_empty_plot_labels_its_axes_without_a_scale_factor(qtbot):
    from widgets.panels.plot_style import style_plot
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = style_plot(widget.getPlotItem(), "gates", "time step", "hidden unit")
    # An image plot without its image yet: pyqtgraph ranged it -0.5..0.5 and labelled it "(x0.001)".
    plot.setRange(xRange=(-0.5, 0.5), yRange=(-0.5, 0.5), padding=0)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    for side in ("left", "bottom"):
        assert "x0.001" not in plot.getAxis(side).labelString()
