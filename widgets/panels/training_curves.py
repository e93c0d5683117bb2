"""The curves every lesson has: the loss per step with its test curves, and a metric such as accuracy."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.i18n import translate_core
from widgets.panels.base import SEVERAL_RUNS, TRAINING_JOBS, LessonPanel, PanelContext
from widgets.panels.curve_plot import CurvePlot, SeriesStyle
from workbench.views import LossView, MetricView

TRAIN_COLOURS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b")
TEST_COLOURS = ("#e4572e", "#d62728", "#e377c2", "#bcbd22")


class _RunCurves(QWidget, LessonPanel):
    """A CurvePlot that starts afresh with each training job (and each cell of a comparison)."""

    def __init__(self, plot: CurvePlot) -> None:
        super().__init__()
        self.plot = plot
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def job_starting(self, kind: str, config) -> None:
        if kind in TRAINING_JOBS:
            self.plot.clear()

    def run_started(self, event, kind: str) -> None:
        if kind in SEVERAL_RUNS:       # each cell of a comparison, each arm of an experiment, draws its own curves
            self.plot.clear()
        self.plot.set_x_extent(event.total_steps)

    def clear(self) -> None:
        self.plot.clear()


class LossPanel(_RunCurves):
    """Training curves per optimizer step (``loss`` or the lesson's per-step logs) and test curves."""

    def __init__(self, spec: LossView, context: PanelContext) -> None:
        super().__init__(CurvePlot(translate_core(spec.title), QCoreApplication.translate("LossPanel", "optimizer step"),
                                   translate_core(spec.y_label)))
        self.spec = spec
        for index, curve in enumerate(spec.train):
            self.plot.add_series(curve.key, translate_core(curve.label),
                                 SeriesStyle(TRAIN_COLOURS[index % len(TRAIN_COLOURS)], 1.0))
        for index, curve in enumerate(spec.test):
            self.plot.add_series(curve.key, translate_core(curve.label),
                                 SeriesStyle(TEST_COLOURS[index % len(TEST_COLOURS)], 2.0, "o"))
        self.plot.set_log_y(spec.log_y)

    def progressed(self, progress, kind: str) -> None:
        if not len(progress.steps):
            return
        for curve in self.spec.train:
            values = progress.losses if curve.key == "loss" else progress.logs.get(curve.key)
            if values is not None:
                self.plot.append(curve.key, progress.steps, values)

    def evaluated(self, evaluations: tuple) -> None:
        for curve in self.spec.test:
            points = [(each.step, each.metrics[curve.key]) for each in evaluations if curve.key in each.metrics]
            if points:
                self.plot.append(curve.key, *zip(*points))


class MetricPanel(_RunCurves):
    """One evaluation metric over training (accuracy in %, say) on a fixed y range."""

    def __init__(self, spec: MetricView, context: PanelContext) -> None:
        super().__init__(CurvePlot(translate_core(spec.title),
                                   QCoreApplication.translate("MetricPanel", "optimizer step"),
                                   translate_core(spec.y_label), y_limits=spec.y_range))
        self.spec = spec
        self.plot.add_series(spec.metric, translate_core(spec.label), SeriesStyle(TEST_COLOURS[0], 2.0, "o"))

    def evaluated(self, evaluations: tuple) -> None:
        key, scale = self.spec.metric, self.spec.scale
        points = [(each.step, scale * each.metrics[key]) for each in evaluations if key in each.metrics]
        if points:
            self.plot.append(key, *zip(*points))
