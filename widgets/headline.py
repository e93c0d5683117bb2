"""The headline above the panels: what the run is doing, in the lesson's own metric."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.elided_label import ElidedLabel
from widgets.i18n import translate_core
from workbench.views import LessonView


class Headline(ElidedLabel):
    """Sits in a :class:`HeadlineRow`, not in a layout (below)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setStyleSheet("font-size: 15pt; font-weight: bold; color: #222; padding: 2px 4px;")
        # Text that changes several times a second must not change the window's layout: a relayout repaints
        # every plot, which held the GUI thread (and the GIL) for ~200 ms at a time. Its width is its row's
        # (HeadlineRow), whatever the text; a headline wider than that is cut with "…", whole in the tooltip
        # (ElidedLabel, which asks for no new geometry of its own with this policy).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.view: LessonView | None = None
        self.best: float | None = None
        self.setText(text)

    def set_view(self, view: LessonView) -> None:
        self.view, self.best = view, None

    def value_text(self, key: str, value: float | None) -> str:
        """e.g. "97.3%" or "0.0123"."""
        if value is None or value != value:
            return "–"
        return f"{100 * value:.1f}%" if self.view.metric(key).percent else f"{value:.4g}"

    def metric_text(self, key: str, value: float | None) -> str:
        """e.g. "test accuracy 97.3%" or "generation MSE 0.0123", translated."""
        return f"{translate_core(self.view.metric(key).label)} {self.value_text(key, value)}"

    def headline_metric(self, summary: dict) -> str:
        return self.metric_text(self.view.headline, summary.get(self.view.headline, float("nan")))

    def show_evaluations(self, evaluations: tuple) -> None:
        """The latest of these evaluations, with the best percentage so far (one label update for all)."""
        key = self.view.headline
        values = [each for each in evaluations if key in each.metrics]
        if not values:
            return
        metrics, step = values[-1].metrics, values[-1].step
        if self.view.metric(key).percent:
            self.best = max([self.best or 0.0] + [100 * each.metrics[key] for each in values])
            text = self.metric_text(key, metrics[key])
            self.setText(self.tr("{metric} (best {best:.1f}%) after {step} steps").format(
                metric=text[:1].upper() + text[1:], best=self.best, step=step))
        else:
            self.setText(self.tr("{metric} after {step} steps").format(
                metric=self.metric_text(key, metrics[key]), step=step))

    def show_training(self, event) -> None:
        self.setText(self.tr("Training {parameters:,} parameters on {data}")
                     .format(parameters=event.parameter_count, data=event.data_description))

    def show_comparing(self, cells: tuple[str, ...], index: int) -> None:
        self.setText(self.tr("Comparing cells: training the {cell} ({index} of {count})").format(
            cell=cells[min(index, len(cells)) - 1].upper(), index=index, count=len(cells)))

    def show_compared(self, summary: dict) -> None:
        key = self.view.headline
        self.setText(self.tr("Compared, {metric}: {results}").format(
            metric=translate_core(self.view.metric(key).label), results=", ".join(
                f"{cell.upper()} {self.value_text(key, result.get(key))}"
                for cell, result in summary.get("compare", {}).items())))

    def show_finished(self, summary: dict) -> None:
        text = self.tr("Stopped: {metric}") if summary.get("stopped") else self.tr("Finished: {metric}")
        self.setText(text.format(metric=self.headline_metric(summary)))

    def show_opened(self, summary: dict, metric_names) -> str:
        """Say an opened checkpoint's headline; returns the longer message for the message bar."""
        self.setText(self.tr("Opened checkpoint: {metric}").format(metric=self.headline_metric(summary)))
        message = self.tr("{path} evaluated on {data}: {metrics}.").format(
            path=summary["checkpoint"], data=summary["data"], metrics=", ".join(
                self.metric_text(name, summary[name]) for name in metric_names if name in summary))
        if summary.get("integrity") == "unverified":
            message += " " + self.tr("It was saved by an older version, without checksums, so damage to it "
                                     "cannot be detected; save it again to add them.")
        return message

    def show_arm(self, experiment, index: int) -> None:
        arms = experiment.arms
        self.setText(self.tr("{title}: training {arm} ({index} of {count})").format(
            title=translate_core(experiment.title), arm=translate_core(arms[min(index, len(arms)) - 1].label),
            index=index, count=len(arms)))

    def show_checked(self, experiment, result: dict) -> str:
        """An experiment's verdict as the headline; returns the longer message for the message bar."""
        if result.get("holds") is None:
            self.setText(self.tr("{title}: stopped, nothing checked").format(title=translate_core(experiment.title)))
            return self.tr("The experiment was stopped before its last run.")
        mark = "✓" if result["holds"] else "✗"
        self.setText(f"{mark} {translate_core(experiment.title)}")
        return self.tr("{mark} Expected: {expected} · observed: {observed}. Runs saved in {folders}.").format(
            mark=mark, expected=translate_core(experiment.expectation), observed=result["observed"],
            folders=", ".join(result["run_dirs"]))


class HeadlineRow(QWidget):
    """The headline's place in the window: a widget without a layout that gives the label all its width.

    *Why:* ``QLabel.setText`` always calls ``updateGeometry``, and for a widget whose size can change
    that invalidates the layout it sits in, which posts a layout request to the top of the window: with the
    headline in the window's column, each new evaluation (several a second) re-laid out the main window,
    its splitters and its docks (with a QPropertyAnimation created and deleted each time), ~0.4 ms of the
    GUI thread and its GIL per update although nothing moved. A parent without a layout receives the
    request and ignores it. The row is one line high (the headline's font never changes while it shows)."""

    def __init__(self, headline: Headline) -> None:
        super().__init__()
        self.headline = headline
        headline.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        self.headline.ensurePolished()      # its style sheet's font decides the height
        return QSize(self.headline.minimumSizeHint().width(), self.headline.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.headline.setGeometry(self.rect())
