"""Gradients fading through time: ‖∂loss/∂h_t‖ per time step now, its history over training as a
heatmap, the RNN / LSTM / GRU comparison, and the global gradient norm per step with the clip line."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.i18n import translate_core
from widgets.panels.base import TRAINING_JOBS, LessonPanel, PanelContext
from widgets.panels.curve_buffer import PeakDecimatedCurve
from widgets.panels.outside_legend import OutsideLegend
from widgets.panels.plot_style import add_legend, add_line, legend_corner, style_plot
from workbench.frames import GradientFrame
from workbench.views import GradientsView

HISTORY_ROWS = 300          # snapshots kept in the heatmap (oldest dropped)
CELL_COLOURS = {"rnn": "#d62728", "lstm": "#1f77b4", "gru": "#2ca02c"}
NORMS_DRAWN = ("train", "compare")      # the jobs whose gradient norms the lower plot draws
ROW_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]


def _white_plot(widget: pg.GraphicsLayoutWidget, row: int, col: int, title: str, x_label: str, y_label: str,
                colspan: int = 1):
    return style_plot(widget.addPlot(row=row, col=col, colspan=colspan), title, x_label, y_label)


class GradientPanel(QWidget, LessonPanel):
    frames = (GradientFrame,)
    draw_hidden = True          # its heatmap is the history of every snapshot

    def __init__(self, spec: GradientsView, context: PanelContext) -> None:
        super().__init__()
        self.context, self.spec = context, spec
        self.compare_button = QPushButton(self.tr("Compare RNN / LSTM / GRU on this lesson"))
        self.compare_button.setToolTip(self.tr("Trains the three cells one after another with the same data, "
                                               "seed and settings, and draws their gradients through time together."))
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.note = QLabel(self.tr("How much of the loss's gradient reaches each time step ({step}). In a plain "
                                   "RNN it shrinks step after step back in time; an LSTM's cell state carries it.")
                           .format(step=translate_core(spec.step)))
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.compare_button)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.now_plot = _white_plot(self.view, 0, 0, self.tr("Gradient at each time step (latest)"),
                                    self.tr("time step t"), self.tr("‖∂loss/∂h_t‖ (log scale)"))
        self.now_plot.setLogMode(y=True)
        self.now_legend = add_legend(self.now_plot, (-10, 10), opacity=200)
        self.history_plot = _white_plot(self.view, 0, 1, self.tr("…over training"),
                                        self.tr("time step t"), self.tr("snapshot (newest at top)"))
        self.history_image = pg.ImageItem(axisOrder="row-major")
        self.history_plot.addItem(self.history_image)
        self.history_plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)     # (empty: not -0.5..0.5)
        self.history_bar = pg.ColorBarItem(values=(-6, 0), colorMap=pg.colormap.get("inferno"), interactive=False,
                                           width=14, label=self.tr("log10 ‖∂loss/∂h_t‖"))
        self.history_bar.setImageItem(self.history_image, insert_in=self.history_plot)
        self.norm_plot = _white_plot(self.view, 1, 0, self.tr("Global gradient norm per optimizer step"),
                                     self.tr("optimizer step"), self.tr("‖gradient‖ before clipping"), colspan=2)
        self.view.ci.layout.setRowStretchFactor(0, 3)
        self.view.ci.layout.setRowStretchFactor(1, 2)
        # One line per run: a plain run's in grey; a comparison's one per cell, in the cell's colour, named by
        # keys under the plot (norms wander over the whole view: a legend inside covered the last steps). Each
        # line is drawn from a bounded version of its history, as CurvePlot's lines are.
        self.norm_keys = OutsideLegend(self)
        self.norm_lines: dict[str, tuple[PeakDecimatedCurve, pg.PlotCurveItem]] = {}
        self._norm_key = ""                     # the line the current run's norms go to
        self._compared_runs = 0                 # runs of the comparison started so far
        self.clip_line = pg.InfiniteLine(angle=0, pen=pg.mkPen("#c62828", width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
                                         label=self.tr("clipping threshold"),
                                         labelOpts={"position": 0.1, "color": "#c62828"})
        self.norm_plot.addItem(self.clip_line)
        self.clip_line.hide()
        self.now_curves: dict[str, pg.PlotDataItem] = {}
        self._now_drawn: dict[str, tuple[np.ndarray, np.ndarray]] = {}     # key -> (t, log10 norm) as drawn
        self.history = np.zeros((0, 0))
        self.history_tags: list[str | None] = []  # per history row: the comparison's cell it came from
        self._history_span = 0
        self._settled = True                    # no job is running: nothing more will come
        self._blocks: list[tuple[str, int, int]] = []    # the cells' rows drawn so far: (cell, first, end)
        self._separators: list[pg.InfiniteLine] = []
        self._undrawn: dict[str, tuple] = {}     # now-curves not yet handed to pyqtgraph: key -> (name, colour, x, y)
        self.latest: np.ndarray | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.norm_keys)

    # --- data in ---------------------------------------------------------------------------------
    def _curve(self, key: str, name: str, colour: str) -> pg.PlotDataItem:
        if key not in self.now_curves:
            self.now_curves[key] = self.now_plot.plot([], [], pen=pg.mkPen(colour, width=2), name=name,
                                                      symbol="o", symbolSize=4, symbolBrush=colour, symbolPen=None)
        return self.now_curves[key]

    def show_frame(self, frame: GradientFrame, tag: str | None = None) -> None:
        """``tag`` is the cell of a comparison run: its curve is overlaid on the other cells'.

        Every part goes into the history; the plots are drawn only while the panel is visible (and once
        when it is shown): drawing them behind another tab cost ~2 ms of the GUI thread per snapshot."""
        norms = np.maximum(np.asarray(frame.norms, dtype=np.float64), 1e-12)
        steps = np.arange(norms.shape[1])
        compared = tag
        if compared:
            # One curve per cell: the first layer's forward direction, where the fading is clearest.
            self._undrawn[f"compare:{compared}"] = (compared.upper(), CELL_COLOURS.get(compared, "#000"),
                                                    steps, norms[0])
        else:
            directions = 2 if frame.bidirectional else 1
            for row in range(norms.shape[0]):
                layer, direction = divmod(row, directions)
                name = self.tr("layer {layer}").format(layer=layer + 1)
                if directions == 2:
                    name += self.tr(" forward") if direction == 0 else self.tr(" backward")
                self._undrawn[f"row:{row}"] = (name, ROW_COLOURS[row % len(ROW_COLOURS)], steps, norms[row])
        self.latest = norms
        row = np.log10(norms[0])
        if self.history.shape[1:] != row.shape:
            self.history = np.zeros((0, row.shape[0]))
            self.history_tags = []
        self.history = np.vstack([self.history, row[None]])[-HISTORY_ROWS:]
        self.history_tags = (self.history_tags + [tag])[-HISTORY_ROWS:]
        if self.isVisible():
            self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        for key, (name, colour, steps, values) in self._undrawn.items():
            self._curve(key, name, colour).setData(steps, values)
            self._now_drawn[key] = (steps, np.log10(values))
        if self._undrawn:
            # Where the legend covers no curve: a digit's gradients grow towards the last row (its only
            # loss), a sequence's with a loss at every step shrink towards it.
            corner = legend_corner(list(self._now_drawn.values()))
            if corner != tuple(self.now_legend.opts["offset"]):
                self.now_legend.setOffset(corner)
        self._undrawn.clear()
        if not len(self.history):
            return
        low = float(np.floor(self.history.min()))
        high = max(float(np.ceil(self.history.max())), low + 1)
        self.history_image.setImage(self.history, levels=(low, high))
        self.history_image.setRect(0, 0, self.history.shape[1], self.history.shape[0])
        self.history_bar.setLevels((low, high))
        # While a job runs the snapshot axis doubles when the history outgrows it instead of following every
        # new row: an axis that changes is re-rendered (several ms), so it changes a handful of times a run.
        # Once nothing more is coming it fits the rows: blank rows above the newest read as missing snapshots.
        rows = len(self.history)
        if self._settled:
            self._history_span = rows
        elif rows > self._history_span:
            self._history_span = min(HISTORY_ROWS, 1 << max(3, (rows - 1).bit_length()))
        self.history_plot.setRange(xRange=(0, self.history.shape[1]), yRange=(0, self._history_span), padding=0)
        self._mark_cells()

    def _mark_cells(self) -> None:
        """In a comparison the history holds each cell's snapshots in turn: a white line between them and
        the cell's name on the axis beside its rows (they had run together, unmarked)."""
        blocks: list[tuple[str, int, int]] = []
        for row, tag in enumerate(self.history_tags):
            if tag is not None and blocks and blocks[-1][0] == tag and blocks[-1][2] == row:
                blocks[-1] = (tag, blocks[-1][1], row + 1)
            elif tag is not None:
                blocks.append((tag, row, row + 1))
        if blocks == self._blocks:
            return                      # an axis given new ticks is re-rendered: only when a cell begins
        self._blocks = blocks
        for line in self._separators:
            self.history_plot.removeItem(line)
        self._separators = [pg.InfiniteLine(pos=first, angle=0, pen=pg.mkPen("w", width=2)) for _, first, _ in blocks[1:]]
        for line in self._separators:
            self.history_plot.addItem(line)
        axis = self.history_plot.getAxis("left")
        if blocks:
            axis.setTicks([[((first + end) / 2, cell.upper()) for cell, first, end in blocks], []])
            axis.setLabel(self.tr("snapshots of each cell (newest at top)"))
        else:
            axis.setTicks(None)
            axis.setLabel(self.tr("snapshot (newest at top)"))

    def _norm_line(self, key: str) -> tuple[PeakDecimatedCurve, pg.PlotCurveItem]:
        if key not in self.norm_lines:
            if key:
                line = add_line(self.norm_plot, CELL_COLOURS.get(key, "#000"), 1.5)
                self.norm_keys.add_key(line, key.upper())
            else:
                line = add_line(self.norm_plot, "#555", 1)
            self.norm_lines[key] = (PeakDecimatedCurve(), line)
        return self.norm_lines[key]

    def append_gradient_norms(self, steps: np.ndarray, norms: np.ndarray) -> None:
        if len(steps):
            buffer, line = self._norm_line(self._norm_key)
            buffer.extend(steps, norms)
            line.setData(*buffer.drawable())

    def set_clip_threshold(self, threshold: float) -> None:
        self.clip_line.setVisible(threshold > 0)
        if threshold > 0:
            self.clip_line.setValue(threshold)

    def clear(self) -> None:
        for curve in self.now_curves.values():
            self.now_plot.removeItem(curve)
        self.now_curves.clear()
        self._now_drawn.clear()
        self._undrawn.clear()
        self.history = np.zeros((0, 0))
        self.history_tags = []
        self._history_span = 0
        self.history_image.clear()
        self._mark_cells()
        for _, line in self.norm_lines.values():
            self.norm_plot.removeItem(line)
        self.norm_lines.clear()
        self.norm_keys.clear()
        self._norm_key = ""
        self.latest = None

    def job_starting(self, kind: str, config) -> None:
        if kind in TRAINING_JOBS:
            self.clear()
            self.set_clip_threshold(config.clip_norm)
            self._compared_runs = 0

    def run_started(self, event, kind: str) -> None:
        if kind in NORMS_DRAWN:
            # A run of known length: the step axis is fixed, so it is not re-rendered with every report
            # (a comparison's runs have the same length).
            self.norm_plot.enableAutoRange(axis="x", enable=False)
            self.norm_plot.setXRange(0, max(1, event.total_steps), padding=0.02)
        if kind == "compare":
            # The comparison trains this panel's cells in their order (the compare button's request).
            cells = self.spec.compare_cells
            self._norm_key = cells[min(self._compared_runs, len(cells) - 1)]
            self._compared_runs += 1

    def progressed(self, progress, kind: str) -> None:
        if kind in NORMS_DRAWN:     # an experiment's runs differ in more than the cell: not drawn together
            self.append_gradient_norms(progress.steps, progress.grad_norms)

    def set_ready(self, ready: bool) -> None:
        self.compare_button.setEnabled(ready)
        self._settled = ready
        if ready and self.isVisible():
            self._draw()

    @Slot()
    def _on_compare_clicked(self) -> None:
        if self.context.start_comparison(self.spec.compare_cells):
            self.context.show_panel(GradientsView)
