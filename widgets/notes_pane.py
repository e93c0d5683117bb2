"""The notes beside the plots: what the lesson's network does, what to watch, the key idea with its formulas
(resources/notes/<language>/<lesson>.html); the source note's recipe beside the learner's latest result; and
the guided experiments, each one click, each ending in ✓ or ✗ with the numbers side by side."""
from __future__ import annotations

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTextBrowser,
                               QVBoxLayout, QWidget)

from widgets import i18n
from widgets.i18n import translate_core
from workbench.notes import lesson_notes


class ExperimentRow(QFrame):
    def __init__(self, experiment, run_requested: Signal) -> None:
        super().__init__()
        self.experiment = experiment
        self.title = QLabel(f"<b>{translate_core(experiment.title)}</b>")
        self.expectation = QLabel(self.tr("Expected: {claim}").format(claim=translate_core(experiment.expectation)))
        self.result = QLabel()
        for label in (self.title, self.expectation, self.result):
            label.setWordWrap(True)
        self.expectation.setStyleSheet("color: #444;")
        self.button = QPushButton(self.tr("Run"))
        self.button.setToolTip(self.tr("Set the form, train each arm with the form's seed, and check the claim"))
        self.button.clicked.connect(lambda: run_requested.emit(experiment.name))   # GUI-thread signal and slot
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.expectation)
        layout.addWidget(self.result)
        self.result.hide()

    def show_result(self, result: dict) -> None:
        if result.get("holds") is None:
            text, colour = self.tr("Stopped before the end: nothing was checked."), "#666"
        else:
            mark = "✓" if result["holds"] else "✗"
            text = self.tr("{mark} observed: {observed} (seed {seed}, {seconds:.0f} s)").format(
                mark=mark, observed=result["observed"], seed=result["seed"], seconds=result["seconds"])
            colour = "#2a7d2a" if result["holds"] else "#c62828"
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.result.show()


class NotesPane(QWidget):
    run_requested = Signal(str)        # an experiment's name
    panel_requested = Signal(str)      # a panel spec's class name, from a "panel:GatesView" link

    def __init__(self) -> None:
        super().__init__()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._on_link)
        self.seed = QLabel()
        self.seed.setWordWrap(True)
        self.seed.setStyleSheet("background: #f4f1e8; border: 1px solid #ddd3b8; border-radius: 4px; padding: 6px;")
        self.experiments = QGroupBox(self.tr("Guided experiments"))
        self.experiment_layout = QVBoxLayout(self.experiments)
        self.rows: dict[str, ExperimentRow] = {}
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.seed)
        lower_layout.addWidget(self.experiments)
        lower_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(lower)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 3)
        layout.addWidget(scroll, 2)
        self.setMinimumWidth(240)
        self.lesson = None
        self.latest: dict | None = None

    def set_lesson(self, lesson) -> None:
        self.lesson, self.latest = lesson, None
        language = "zh_CN" if i18n.CURRENT_LANGUAGE.startswith("zh") else "en"
        self.text.setHtml(lesson_notes(lesson.name, language) or self.tr("No notes for this lesson yet."))
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        for experiment in getattr(lesson, "experiments", ()):
            row = ExperimentRow(experiment, self.run_requested)
            self.rows[experiment.name] = row
            self.experiment_layout.addWidget(row)
        self.experiments.setVisible(bool(self.rows))
        self._show_seed()

    def show_latest(self, summary: dict) -> None:
        """The learner's latest finished run of this lesson, for the seed comparison."""
        self.latest = summary
        self._show_seed()

    def _show_seed(self) -> None:
        note = getattr(self.lesson, "seed_note", None)
        if note is None:
            self.seed.hide()
            return
        lines = [self.tr("<b>The seed beside you</b> · note {note}: {recipe}").format(
            note=note.note, recipe=translate_core(note.recipe))]
        view = self.lesson.view
        if note.metric is not None and note.value is not None:
            label = translate_core(view.metric(note.metric).label)
            lines.append(self.tr("The note reports {metric} {value}.").format(
                metric=label, value=_value(view, note.metric, note.value)))
            if self.latest is not None and note.metric in self.latest:
                mine = self.latest[note.metric]
                difference = (self.tr("{points:+.2f} points").format(points=100 * (mine - note.value))
                              if view.metric(note.metric).percent else f"×{mine / note.value:.2f}")
                lines.append(self.tr("Your latest run: {value} ({difference} against the note).").format(
                    value=_value(view, note.metric, mine), difference=difference))
            else:
                lines.append(self.tr("Train once to see your result beside it."))
        if note.caveat:
            lines.append(f"<i>{translate_core(note.caveat)}</i>")
        self.seed.setText("<br>".join(lines))
        self.seed.show()

    def show_result(self, result: dict) -> None:
        row = self.rows.get(result.get("experiment", ""))
        if row is not None:
            row.show_result(result)

    def set_ready(self, ready: bool) -> None:
        for row in self.rows.values():
            row.button.setEnabled(ready)

    @Slot(QUrl)
    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "panel":
            self.panel_requested.emit(url.path())


def _value(view, key: str, value: float) -> str:
    return f"{100 * value:.2f} %" if view.metric(key).percent else f"{value:.4g}"
