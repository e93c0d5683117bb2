"""Inside the cell: a heatmap of one gate over time (x) and hidden units (y), the input above it.

The panel is fed ``GateFrame`` parts (``gates``: "layer.direction.gate" -> (hidden, time), and the probe
input) and only draws. Which layer, direction and gate to show, and in which order to list the units, is
chosen here; which input to look at is set on the shared probe, and the window asked to recompute.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.flow_layout import FlowLayout, kept_together
from widgets.i18n import translate_core
from widgets.panels.base import LessonPanel, PanelContext
from workbench.errors import tr_noop
from workbench.frames import DigitProbe, GateFrame, SequenceProbe
from workbench.spec import GATE_RANGES, GATES
from workbench.views import GatesView

GATE_TITLES = {
    "i": tr_noop("input gate i (σ)"), "f": tr_noop("forget gate f (σ)"), "g": tr_noop("cell candidate g (tanh)"),
    "o": tr_noop("output gate o (σ)"), "c": tr_noop("cell state c"), "h": tr_noop("hidden state h"),
    "r": tr_noop("reset gate r (σ)"), "z": tr_noop("update gate z (σ)"), "n": tr_noop("candidate n (tanh)"),
}
SIGMOID_MAP = "viridis"
SIGNED_MAP = "CET-D1"      # diverging: blue below 0, red above


def unit_order(values: np.ndarray, mode: str, low: float, high: float) -> np.ndarray:
    """Row order for a (hidden, time) array: as is, by mean activation, or by when a unit first saturates
    (comes within 10% of either end of its range; units that never do go last)."""
    if mode == "mean":
        return np.argsort(values.mean(axis=1))
    if mode == "saturation":
        span = high - low
        saturated = (values >= high - 0.1 * span) | (values <= low + 0.1 * span)
        first = np.where(saturated.any(axis=1), saturated.argmax(axis=1), values.shape[1] + 1)
        return np.argsort(first, kind="stable")
    return np.arange(values.shape[0])


class GateHeatmap(QWidget, LessonPanel):
    frames = (GateFrame,)

    def __init__(self, spec: GatesView, context: PanelContext) -> None:
        super().__init__()
        self.context = context
        self.gates: dict[str, np.ndarray] = {}
        self.order = np.arange(0)
        self.shown: np.ndarray | None = None
        self.shown_key = ""

        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.previous_button.setToolTip(self.tr("Look at the previous test input"))
        self.next_button.setToolTip(self.tr("Look at the next test input"))
        self.previous_button.clicked.connect(self._on_previous)
        self.next_button.clicked.connect(self._on_next)
        self.sample_label = QLabel(self.tr("Start training (or open a checkpoint) to look inside the cell."))
        self.layer_box, self.direction_box, self.gate_box = QComboBox(), QComboBox(), QComboBox()
        self.order_box = QComboBox()
        for value, text in (("index", self.tr("unit number")), ("mean", self.tr("mean activation")),
                            ("saturation", self.tr("first saturation"))):
            self.order_box.addItem(text, value)
        for box in (self.layer_box, self.direction_box, self.gate_box, self.order_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self._on_choice_changed)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.previous_button)
        sample_row.addWidget(self.next_button)
        sample_row.addWidget(self.sample_label, 1)
        self.sample_label.setWordWrap(True)     # (unwrapped, its longest text set the window's narrowest width)
        choice_row = FlowLayout()
        for caption, box in ((self.tr("Layer"), self.layer_box), (self.tr("Direction"), self.direction_box),
                             (self.tr("Gate"), self.gate_box), (self.tr("Sort units by"), self.order_box)):
            choice_row.addWidget(kept_together(QLabel(caption), box))

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        # The digit above the heatmap, in the same column with the same axis width, its x linked to the
        # heatmap's: row t of the digit sits exactly above time step t.
        self.digit_plot = self.view.addPlot(row=0, col=0)
        self.digit_plot.setTitle(self.tr("the digit turned on its side: row t is read at time step t"),
                                 color="#444", size="9pt")
        self.digit_plot.hideAxis("bottom")
        self.digit_plot.getAxis("left").setTicks([[]])
        self.digit_plot.setMouseEnabled(False, False)
        self.digit_plot.hideButtons()
        self.digit_item = pg.ImageItem(axisOrder="row-major")
        self.digit_plot.addItem(self.digit_item)
        self.sequence_curve = self.digit_plot.plot([], [], pen=pg.mkPen("#222", width=2), symbol="o", symbolSize=4,
                                                   symbolBrush="#222", symbolPen=None)
        self.plot = self.view.addPlot(row=1, col=0)
        self.plot.setLabel("bottom", self.tr("time step = image row"))
        self.plot.setLabel("left", self.tr("hidden unit"))
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        # Before the first gates the empty image's range was -0.5..0.5, labelled "-400 ... 400 (x0.001)".
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        for plot in (self.digit_plot, self.plot):
            plot.getAxis("left").setWidth(56)
        self.heatmap = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.heatmap)
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get(SIGMOID_MAP), interactive=False,
                                          width=14)
        self.colour_bar.setImageItem(self.heatmap)
        self.view.addItem(self.colour_bar, row=1, col=1)
        self.view.ci.layout.setRowFixedHeight(0, 130)
        self.digit_plot.setXLink(self.plot)
        self.hover_label = QLabel(" ")
        self.hover_label.setStyleSheet("color: #333; font-family: monospace;")
        self.heatmap.setAcceptHoverEvents(True)
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)

        layout = QVBoxLayout(self)
        layout.addLayout(sample_row)
        layout.addLayout(choice_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hover_label)

    # --- data in ---------------------------------------------------------------------------------
    def show_frame(self, frame: GateFrame, tag: str | None = None) -> None:
        if tag is not None:          # a cell comparison's run: the gradients panel overlays those
            return
        self.gates = frame.gates
        self._sync_choices(frame.cell)
        if isinstance(frame.probe, SequenceProbe):
            self._show_sequence(frame.probe)
        else:
            self._show_digit(frame.probe)
        self._redraw()

    def _show_sequence(self, probe: SequenceProbe) -> None:
        values = np.asarray(probe.values)
        self.digit_item.clear()
        # Sample t drawn at x = t + 0.5, the centre of heatmap column t.
        self.sequence_curve.setData(np.arange(len(values)) + 0.5, values)
        margin = 0.1 * (float(values.max() - values.min()) or 1.0)
        self.digit_plot.setYRange(float(values.min()) - margin, float(values.max()) + margin, padding=0)
        self.digit_plot.setTitle(self.tr("the input, one value per time step"), color="#444", size="9pt")
        self.plot.setLabel("bottom", self.tr("time step"))
        self.sample_label.setText(self.tr("Window #{index} of the series").format(index=probe.index))

    def _show_digit(self, probe: DigitProbe) -> None:
        image = np.asarray(probe.image)
        self.sequence_curve.setData([], [])
        self.digit_item.setImage(image.T.astype(np.float32), levels=(0, 255))
        self.digit_item.setRect(0, 0, image.shape[0], image.shape[1])
        self.digit_plot.setYRange(0, image.shape[1], padding=0)
        self.digit_plot.setTitle(self.tr("the digit turned on its side: row t is read at time step t"),
                                 color="#444", size="9pt")
        self.plot.setLabel("bottom", self.tr("time step = image row"))
        probabilities = np.asarray(probe.probabilities)
        guess = int(probabilities.argmax())
        if probe.index >= 0:
            text = self.tr("Test digit #{index}, a {label}: the network says {guess} ({percent}%)")
        else:
            text = self.tr("Your drawing: the network says {guess} ({percent}%)")
        self.sample_label.setText(text.format(index=probe.index, label=probe.label, guess=guess,
                                              percent=round(100 * float(probabilities[guess]))))

    def _sync_choices(self, cell: str) -> None:
        keys = sorted(self.gates)
        layers = sorted({int(key.split(".")[0]) for key in keys})
        directions = sorted({int(key.split(".")[1]) for key in keys})
        present = {key.split(".")[2] for key in keys if key.startswith("0.0.")}
        names = [name for name in GATES.get(cell, ()) if name in present]
        self._fill(self.layer_box, [(str(layer), self.tr("layer {n}").format(n=layer + 1)) for layer in layers])
        self._fill(self.direction_box, [(str(d), self.tr("forward") if d == 0 else self.tr("backward"))
                                        for d in directions])
        self._fill(self.gate_box, [(name, translate_core(GATE_TITLES[name])) for name in names])

    @staticmethod
    def _fill(box: QComboBox, items: list[tuple[str, str]]) -> None:
        """Replace the items only when they differ, keeping the learner's choice where it still exists."""
        if [box.itemData(i) for i in range(box.count())] == [value for value, _ in items]:
            return
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for value, text in items:
            box.addItem(text, value)
        index = box.findData(current)
        box.setCurrentIndex(index if index >= 0 else 0)
        box.blockSignals(False)

    def clear(self) -> None:
        self.gates = {}
        self.shown = None
        self.heatmap.clear()
        self.digit_item.clear()
        self.sequence_curve.setData([], [])

    # --- drawing ---------------------------------------------------------------------------------
    @Slot()
    def _on_choice_changed(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        key = f"{self.layer_box.currentData()}.{self.direction_box.currentData()}.{self.gate_box.currentData()}"
        if key not in self.gates:
            return
        values = self.gates[key]
        name = key.split(".")[2]
        limits = GATE_RANGES[name]
        if limits is None:
            bound = max(1e-6, float(np.abs(values).max()))
            limits = (-bound, bound)
        self.order = unit_order(values, self.order_box.currentData(), *limits)
        self.shown, self.shown_key = values[self.order], key
        self.heatmap.setImage(self.shown, levels=limits)
        self.heatmap.setRect(0, 0, values.shape[1], values.shape[0])
        self.colour_bar.setLevels(limits)
        signed = limits[0] < 0
        self.colour_bar.setColorMap(pg.colormap.get(SIGNED_MAP if signed else SIGMOID_MAP))
        self.plot.setTitle(translate_core(GATE_TITLES[name]), color="#222", size="11pt")
        self.plot.setRange(xRange=(0, values.shape[1]), yRange=(0, values.shape[0]), padding=0)

    @Slot(object)
    def _on_mouse_moved(self, position) -> None:
        if self.shown is None or not self.plot.sceneBoundingRect().contains(position):
            return
        point = self.plot.getViewBox().mapSceneToView(position)
        t, row = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= t < self.shown.shape[1] and 0 <= row < self.shown.shape[0]:
            gate = self.shown_key.split(".")[2]
            self.hover_label.setText(self.tr("time step {t}, unit {unit}: {gate} = {value:.3f}").format(
                t=t, unit=int(self.order[row]), gate=gate, value=float(self.shown[row, t])))

    @Slot()
    def _on_previous(self) -> None:
        self.step_probe(-1)

    @Slot()
    def _on_next(self) -> None:
        self.step_probe(1)

    def step_probe(self, step: int) -> None:
        """Look at the previous / next test input: the next snapshot, or a recomputation now, shows it."""
        probe = self.context.probe
        probe.index, probe.image = max(0, probe.index + step), None
        self.context.inspect_again()
