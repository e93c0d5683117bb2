"""What keeps the window smooth while tiny models train fast: one batched update per report, markers
dropped from long series, a bounded drawable version of long curves, axes that change only when they
must, no per-step work when clipping is off."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from workbench.events import EvalEnded
from workbench.trainer import gradient_norm


def test_a_long_evaluation_series_loses_its_markers_and_gets_them_back_when_cleared(qtbot):
    from widgets.panels.curve_plot import MAX_SYMBOLS, CurvePlot, SeriesStyle
    plot = CurvePlot("t", "x", "y")
    qtbot.addWidget(plot)
    plot.add_series("test", "test", SeriesStyle("#f00", 2.0, "o"))
    plot.append("test", np.arange(MAX_SYMBOLS - 1), np.ones(MAX_SYMBOLS - 1))
    plot.append("test", [MAX_SYMBOLS - 1], [0.75])                # markers are added to, one batch at a time
    assert plot.markers_shown("test") == MAX_SYMBOLS
    assert plot._marks["test"].data["y"][-1] == 0.75
    plot.append("test", [MAX_SYMBOLS], [0.5])
    assert plot.markers_shown("test") == 0 and len(plot.data("test")[0]) == MAX_SYMBOLS + 1
    assert len(plot._curves["test"].getData()[0]) == MAX_SYMBOLS + 1     # the line goes on
    plot.clear()
    plot.append("test", [1, 2], [0.3, 0.2])
    assert plot.markers_shown("test") == 2
    plot._curves["test"].hide()                                     # what a click on the legend does
    assert not plot._marks["test"].isVisible()
    plot._curves["test"].show()
    assert plot._marks["test"].isVisible()


def test_a_plain_line_on_a_log_axis_is_drawn_at_log10_of_its_values_and_named_in_the_keys(qtbot):
    import pyqtgraph as pg

    from widgets.panels.curve_plot import CurvePlot, SeriesStyle
    plot = CurvePlot("t", "x", "y")
    qtbot.addWidget(plot)
    plot.add_series("loss", "training loss", SeriesStyle("#00f"))
    plot.append("loss", [1, 2, 3], [1.0, 10.0, 100.0])
    curve = plot._curves["loss"]
    assert isinstance(curve, pg.PlotCurveItem)
    assert list(curve.getData()[1]) == [1.0, 10.0, 100.0]
    plot.set_log_y(True)                       # switching redraws what is there
    assert list(curve.getData()[1]) == pytest.approx([0.0, 1.0, 2.0])
    plot.append("loss", [4, 5], [0.0, 0.01])   # a zero has no logarithm: a gap, not a crash
    drawn = curve.getData()[1]
    assert np.isnan(drawn[3]) and drawn[4] == pytest.approx(-2.0)
    assert list(plot.data("loss")[1]) == [1.0, 10.0, 100.0, 0.0, 0.01]     # the data itself is untouched
    plot.add_series("test", "test loss", SeriesStyle("#f00", 2.0, "o"))
    plot.append("test", [3, 5], [100.0, 1.0])
    assert list(plot._marks["test"].data["y"]) == pytest.approx([2.0, 0.0])   # markers are mapped too
    plot.set_log_y(False)
    assert list(plot._marks["test"].data["y"]) == pytest.approx([100.0, 1.0])
    plot.set_log_y(True)
    assert [key.text() for key in plot.legend.keys] == ["training loss", "test loss"]
    plot.plot_widget.grab()                    # paints with the gap


def test_panels_take_a_batch_of_evaluations_in_one_update(qtbot):
    from types import SimpleNamespace

    from widgets.panels.training_curves import LossPanel, MetricPanel
    from workbench.views import LossView, MetricView
    loss, metric = LossPanel(LossView(), SimpleNamespace()), MetricPanel(MetricView(), SimpleNamespace())
    for panel in (loss, metric):
        qtbot.addWidget(panel)
    batch = tuple(EvalEnded(step, 1, {"test_loss": 1.0 / step, "test_accuracy": step / 100}) for step in (10, 20, 30))
    loss.evaluated(batch)
    metric.evaluated(batch)
    assert list(loss.plot.data("test_loss")[0]) == [10, 20, 30]
    assert list(metric.plot.data("test_accuracy")[1]) == pytest.approx([10, 20, 30])       # scaled to %


@pytest.mark.parametrize("clip", [0.0, 0.05])
def test_the_gradient_norm_is_the_one_before_clipping_and_clips_only_when_asked(clip):
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 3)
    model(torch.randn(8, 4)).pow(2).sum().backward()
    before = [parameter.grad.clone() for parameter in model.parameters()]
    expected = torch.linalg.vector_norm(torch.cat([grad.flatten() for grad in before]))
    assert float(gradient_norm(model, clip)) == pytest.approx(float(expected), rel=1e-6)
    after = torch.cat([parameter.grad.flatten() for parameter in model.parameters()])
    if clip:
        assert float(torch.linalg.vector_norm(after)) == pytest.approx(clip, rel=1e-4)
    else:
        assert all(torch.equal(grad, parameter.grad) for grad, parameter in zip(before, model.parameters()))


def test_a_long_curve_is_drawn_from_a_bounded_version_that_keeps_every_peak():
    from widgets.panels.curve_buffer import PeakDecimatedCurve
    rng = np.random.default_rng(0)
    curve = PeakDecimatedCurve(limit=1000)
    ys = rng.random(50_000)
    ys[12_345], ys[40_001] = 9.0, -9.0          # one spike up, one down
    for start in range(0, len(ys), 137):        # arriving in uneven batches, as updates do
        curve.extend(np.arange(start, min(start + 137, len(ys))), ys[start:start + 137])
        x, y = curve.drawable()
        assert len(x) == len(y) <= 1000 + 2 * 137 + 64
    x, y = curve.drawable()
    assert 9.0 in y and -9.0 in y
    assert 12_345 in x and 40_001 in x
    assert np.all(np.diff(x) > 0)               # still in order: drawn as one line
    assert x[-1] == len(ys) - 1                  # the newest point is always drawn
    assert curve.size == len(ys) and np.array_equal(curve.full.y, ys)    # every point is kept for export
    curve.clear()
    assert curve.size == 0 and len(curve.drawable()[0]) == 0


def test_a_short_curve_is_drawn_point_for_point():
    from widgets.panels.curve_buffer import PeakDecimatedCurve
    curve = PeakDecimatedCurve(limit=1000)
    curve.extend(np.arange(500), np.sin(np.arange(500)))
    assert np.array_equal(curve.drawable()[1], np.sin(np.arange(500)))


def test_a_log_axis_moves_by_whole_decades_and_only_when_a_value_leaves_them(qtbot):
    from widgets.panels.curve_plot import CurvePlot, SeriesStyle
    plot = CurvePlot("t", "x", "y")
    qtbot.addWidget(plot)
    plot.add_series("loss", "loss", SeriesStyle("#00f"))
    plot.set_log_y(True)
    changes = []
    plot.plot.getViewBox().sigYRangeChanged.connect(lambda _box, y_range: changes.append(tuple(y_range)))
    plot.append("loss", [1, 2], [0.5, 0.2])
    plot.append("loss", [3, 4], [0.15, 0.11])         # still within 0.1 .. 1
    assert len(changes) == 1
    low, high = changes[-1]
    assert low == pytest.approx(-1, abs=0.05) and high == pytest.approx(0, abs=0.05)
    plot.append("loss", [5], [0.03])                  # a new decade below
    assert len(changes) == 2 and changes[-1][0] == pytest.approx(-2, abs=0.07)
    plot.append("loss", [6], [0.0])                   # zero has no logarithm: ignored, not an error
    assert len(changes) == 2


def test_the_oscilloscope_axis_stays_put_while_the_signal_runs_on(qtbot):
    from types import SimpleNamespace

    from widgets.panels.series_plot import SeriesPlot
    from workbench.frames import SeriesFrame
    from workbench.views import Curve, SeriesView
    plot = SeriesPlot(SeriesView("scope", "truth", (Curve("prediction", "p"),), scrolling=True), SimpleNamespace())
    qtbot.addWidget(plot)
    ranges = []
    for start in (0.0, 37.5, 1000.25):
        t = start + np.linspace(0, 20, 201)
        plot.show_frame(SeriesFrame((t, np.sin(t)), {"prediction": (t, np.cos(t))}, background=(t, np.sin(t))))
        ranges.append(tuple(plot.plot.getViewBox().viewRange()[0]))
        x, y = plot.truth_curve.getData()
        assert x[-1] == 0.0 and x[0] == pytest.approx(-20) and np.allclose(y, np.sin(t))
        assert np.allclose(plot.prediction_curves["prediction"].getData()[1], np.cos(t))
    assert ranges[0] == ranges[1] == ranges[2]


def test_image_grids_are_built_with_the_panel_and_kept_from_run_to_run(qtbot):
    """Building the grids' view boxes took 130-200 ms; it used to happen at each run's first snapshot."""
    from types import SimpleNamespace

    from widgets.panels.filter_grid import FilterGrid
    from widgets.panels.reconstruction_grid import ReconstructionGrid
    from workbench.frames import FilterFrame, ReconstructionFrame
    from workbench.views import FiltersView, ReconstructionsView
    filters = FilterGrid(FiltersView(), SimpleNamespace())
    grid = ReconstructionGrid(ReconstructionsView(), SimpleNamespace())
    for widget in (filters, grid):
        qtbot.addWidget(widget)
    assert len(grid.images("outputs")) == 8     # before any snapshot
    built = (filters.image, {key: list(items) for key, items in grid.rows.items()})
    digits = np.random.default_rng(0).random((8, 28, 28))
    for _run in range(2):                        # a run draws, the next run starts by clearing
        filters.show_frame(FilterFrame(np.ones((16, 5, 5))))
        grid.show_frame(ReconstructionFrame(digits, digits * 0.5, digits, False, np.arange(8)))
        assert np.allclose(grid.images("outputs")[3], digits[3] * 0.5)
        assert filters.filters.shape == (16, 5, 5) and filters.image.image.shape == (11, 47, 3)
        filters.clear()
        grid.clear()
        assert filters.image.image is None and grid.images("outputs")[0] is None
    assert built == (filters.image, {key: list(items) for key, items in grid.rows.items()})
    # A different layout (a denoising run shows three rows) is built when it comes, once.
    grid.show_frame(ReconstructionFrame(digits, digits, digits, True, np.arange(8)))
    assert set(grid.rows) == {"inputs", "outputs", "clean"}


def test_torch_imports_with_the_garbage_collector_off_and_it_comes_back_on(monkeypatch):
    """Full collections during the import held the GIL for 100-300 ms at a time: the window froze."""
    import gc

    import widgets.torch_loader as loader
    seen = []

    def fake_import():
        seen.append(gc.isenabled())
        return {"torch": "x", "threads": 1, "devices": []}

    def broken_import():
        raise ImportError("torch is broken")

    monkeypatch.setattr(loader, "_import_torch", fake_import)
    try:
        assert loader.load_torch()["torch"] == "x"
        assert seen == [False] and gc.isenabled() and gc.get_freeze_count() > 0
        monkeypatch.setattr(loader, "_import_torch", broken_import)
        with pytest.raises(ImportError):
            loader.load_torch()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="dlopen preloading is Linux only")
def test_torch_libraries_are_mapped_before_the_import_without_the_gil():
    """The import's own dlopen of libtorch_cpu.so held the GIL for 300-450 ms: the window froze."""
    from widgets.torch_loader import TORCH_LIBRARIES, preload_torch_libraries
    assert preload_torch_libraries() == len(TORCH_LIBRARIES)
    maps = open("/proc/self/maps").read()
    assert all(name in maps for name, _flags in TORCH_LIBRARIES)


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="dlopen preloading is Linux only")
def test_the_preload_puts_torch_s_openmp_runtime_in_the_global_scope_as_the_import_does():
    """Preloaded local and in dependency order, the tiny lessons trained 7-8 % slower all run long. In a
    fresh process (this one may have imported torch already): after the preload, and before any import of
    torch, the OpenMP runtime's symbols resolve globally, as ``import torch`` leaves them."""
    import subprocess
    import sys
    probe = ("import ctypes, sys; from widgets.torch_loader import preload_torch_libraries; "
             "assert 'torch' not in sys.modules; preload_torch_libraries(); "
             "print(hasattr(ctypes.CDLL(None), 'omp_get_max_threads'), 'torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
                            check=True)
    assert result.stdout.split() == ["True", "False"]


def test_the_window_s_process_imports_without_pyside_s_feature_hook_and_pyside_still_imports():
    """PySide's ``__feature__`` hook ran a Python function for every import statement of the process, also
    those inside torch's functions at each training step (curve-fit 0.878 of its speed). In a fresh process,
    as the window starts: the hook is there after importing PySide6, gone after configure_process, and
    PySide's own modules and names (loaded lazily, through the import the hook wrapped) still import."""
    import subprocess
    import sys
    probe = ("import builtins; import widgets.app as app; "
             "hooked = builtins.__import__ is builtins.__feature_import__; app.configure_process(); "
             "from PySide6 import QtSvg; from PySide6.QtGui import QColor; import pyqtgraph; "
             "print(hooked, builtins.__import__ is builtins.__orig_import__, QColor('red').name())")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent, check=True)
    assert result.stdout.split() == ["True", "True", "#ff0000"]


def test_the_contour_follows_the_level_line_of_a_sampled_field():
    from widgets.panels.contour import contour_segments
    y, x = np.mgrid[0:80, 0:80]
    field = 1 / (1 + np.exp(-((x - 40.0) ** 2 + (y - 40.0) ** 2 - 600) / 100.0))     # 0.5 on a circle of r √600
    xs, ys = contour_segments(field, 0.5)
    assert len(xs) == len(ys) and len(xs) % 2 == 0 and len(xs) > 100
    assert np.allclose(np.hypot(xs - 40, ys - 40), 600 ** 0.5, atol=0.05)
    # A saddle is split by its centre; a field that never crosses the level gives no line.
    assert contour_segments(np.array([[1.0, 0.0], [0.0, 1.0]]), 0.5)[0].tolist() == [0.5, 0.0, 0.5, 1.0]
    assert contour_segments(np.zeros((5, 5)), 0.5)[0].size == 0


def test_the_boundary_panel_draws_the_half_line_in_plane_coordinates(qtbot):
    from types import SimpleNamespace

    from widgets.panels.boundary_plot import BoundaryPlot
    from workbench.frames import DecisionFrame
    from workbench.views import BoundaryView
    plot = BoundaryPlot(BoundaryView(), SimpleNamespace())
    qtbot.addWidget(plot)
    axis = np.linspace(-3, 3, 61)
    xs, ys = np.meshgrid(axis, axis)
    field = 1 / (1 + np.exp(-(xs - 1.0) * 8))          # P = 0.5 along the vertical line x = 1
    plot.show_frame(DecisionFrame(field, (-3.0, 3.0), np.array([[0.0, 0.0]]), np.array([1])))
    line_x, line_y = plot.boundary_line.getData()
    assert np.allclose(line_x, 1.0, atol=0.01) and line_y.min() == pytest.approx(-3) and line_y.max() == pytest.approx(3)
    assert plot.points[1].data["x"].tolist() == [0.0] and len(plot.points[0].data) == 0
    scatter_before = plot.points[1].data
    plot.show_frame(DecisionFrame(field, (-3.0, 3.0), np.array([[0.0, 0.0]]), np.array([1])))
    assert plot.points[1].data is scatter_before          # the same points are not rebuilt
    plot.show_frame(DecisionFrame(field, (-3.0, 3.0), np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([1, 0])))
    assert plot.points[0].data["y"].tolist() == [2.0]     # new points are
    plot.clear()
    assert plot.boundary_line.getData()[0] is None or len(plot.boundary_line.getData()[0]) == 0
    plot.show_frame(DecisionFrame(field, (-3.0, 3.0), np.array([[0.5, 0.5]]), np.array([0])))
    assert plot.points[0].data["x"].tolist() == [0.5] and len(plot.points[1].data) == 0


def test_the_series_plot_hands_pyqtgraph_only_what_changed(qtbot):
    from types import SimpleNamespace

    from widgets.panels.series_plot import SeriesPlot
    from workbench.frames import SeriesFrame
    from workbench.views import Curve, SeriesView
    plot = SeriesPlot(SeriesView("t", "data", (Curve("fit", "fit"),), truth_as_points=True), SimpleNamespace())
    qtbot.addWidget(plot)
    x = np.linspace(0, 1, 50)
    plot.show_frame(SeriesFrame((x, x ** 2), {"fit": (x, 0 * x)}))
    dots = plot.truth_curve.scatter.data
    plot.show_frame(SeriesFrame((x.copy(), x ** 2), {"fit": (x, x)}))     # same truth, a new prediction
    assert plot.truth_curve.scatter.data is dots                          # the 50 dots were not rebuilt
    assert np.allclose(plot.prediction_curves["fit"].getData()[1], x)
    plot.clear()
    plot.show_frame(SeriesFrame((x, x ** 2), {"fit": (x, x)}))            # after clear() all is drawn again
    assert len(plot.truth_curve.scatter.data) == 50 and len(plot.prediction_curves["fit"].getData()[0]) == 50


def test_the_filters_are_one_picture_coloured_on_one_scale_with_blank_gaps():
    from widgets.panels.filter_grid import BLANK, filter_mosaic
    lookup = np.stack([np.arange(256)] * 3, axis=1).astype(np.uint8)      # grey ramp: colour = index
    filters = np.zeros((10, 5, 5), dtype=np.float32)
    filters[0, 0, 0], filters[9, 4, 4], filters[3] = 2.0, -2.0, 1.0
    picture = filter_mosaic(filters, lookup, columns=8)
    assert picture.shape == (2 * 6 - 1, 8 * 6 - 1, 3)                      # two rows of eight, 1-pixel gaps
    assert picture[0, 0, 0] == 255 and picture[10, 10, 0] == 0             # +max and -max: the ends of the scale
    assert picture[1, 1, 0] == 128 and picture[2, 3 * 6 + 2, 0] == 192     # 0 and +max/2
    assert (picture[5, :, :] == BLANK).all() and (picture[:, 5, :] == BLANK).all()     # the gaps
    assert (picture[6:, 2 * 6:, :] == BLANK).all()                         # no filter after the tenth
