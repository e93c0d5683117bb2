"""Draw a digit and watch the network read it: probabilities while drawing, the guess after every row,
the 28x28 image the model really sees, and the test digits the model gets wrong to try."""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QVBoxLayout, QWidget)

from widgets.i18n import translate_core
from widgets.model_mirror import model_description
from widgets.panels.base import LessonPanel, PanelContext
from widgets.pad_worker import PadMirror, PadReading
from widgets.panels.digit_grid import DigitGrid, whole_percent
from widgets.panels.drawing_canvas import SIDE, DrawingCanvas
from widgets.worker import MirrorHost
from workbench.frames import ModelWeights
from workbench.preprocess import upscale_for_canvas
from workbench.views import DrawingPadView, GatesView

BAR_COLOUR, TOP_COLOUR = "#9ecae1", "#08519c"
CLASS_X0 = 30          # where the per-row class columns start, right of the 28-pixel digit
NO_ANSWER = "<span style='color: #c6d4e3'>?</span>"   # the big answer before anything is drawn (a bold
                                                       # dash in the answer's blue read as a bar, not a blank)


class DrawingPad(QWidget, LessonPanel):
    frames = (ModelWeights,)
    probabilities_changed = Signal(object)      # PadReading, after every answer

    def __init__(self, spec: DrawingPadView, context: PanelContext) -> None:
        super().__init__()
        self.context = context
        lessons = context.lessons
        self.has_model = False
        self.reading: PadReading | None = None
        self._request = 0            # number of the newest canvas
        self._in_flight = 0          # request being read by the worker, 0 when idle
        self._sent_at: dict[int, float] = {}
        self.latencies_ms: list[float] = []
        self.pending_weights: ModelWeights | None = None

        self.canvas = DrawingCanvas()
        self.canvas.changed.connect(self._on_canvas_changed)
        clear, undo = QPushButton(self.tr("Clear (Esc)")), QPushButton(self.tr("Undo (Ctrl+Z)"))
        clear.clicked.connect(self.canvas.clear)
        undo.clicked.connect(self.canvas.undo)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.canvas.undo)
        self.brush = QSlider(Qt.Orientation.Horizontal)
        self.brush.setRange(6, 40)
        self.brush.setValue(int(self.canvas.brush_width))
        self.brush.valueChanged.connect(self._on_brush_changed)
        self.inspect_button = QPushButton(self.tr("Look inside the cell with this drawing"))
        self.inspect_button.clicked.connect(self._on_inspect_clicked)
        # Only a recurrent lesson has a cell to look inside (not the CNN's).
        self.inspect_button.setVisible(any(isinstance(panel, GatesView) for panel in context.view.panels))
        open_button = QPushButton(self.tr("Open a classifier…"))
        open_button.clicked.connect(self._on_open_clicked)
        self.no_model_text = self.tr("No classifier yet: train one (Start) or open a checkpoint, then draw a digit.")
        self.status = QLabel(self.no_model_text)
        self.status.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(clear)
        buttons.addWidget(undo)
        left.addLayout(buttons)
        brush_row = QHBoxLayout()
        brush_row.addWidget(QLabel(self.tr("Brush")))
        brush_row.addWidget(self.brush)
        left.addLayout(brush_row)
        left.addWidget(self.inspect_button)
        left.addWidget(open_button)
        left.addWidget(self.status)
        left.addStretch(1)

        # The model's-eye view and the per-row answers in one plot, so they share the row axis: row t of
        # the digit (x 0..28) sits beside the probabilities after reading rows 0..t (x 30..50, 2 per class).
        self.rows_view = pg.PlotWidget(background="w")
        self.rows_plot = self.rows_view.getPlotItem()
        self.rows_plot.invertY(True)
        self.rows_plot.setMouseEnabled(False, False)
        self.rows_plot.hideButtons()
        self.rows_plot.setTitle(self.tr("What it sees · its guess per row"), color="#222",
                                size="10pt")
        self.rows_plot.setLabel("left", translate_core(spec.row_axis))
        self.rows_plot.setLabel("bottom", self.tr("pixels · · · digit class"))
        self.rows_plot.getAxis("bottom").setTicks([[(CLASS_X0 + 2 * k + 1, str(k)) for k in range(10)]])
        self.seen_image = pg.ImageItem(axisOrder="row-major")
        self.seen_image.setRect(0, 0, 28, 28)
        self.rows_image = pg.ImageItem(axisOrder="row-major")
        self.rows_image.setRect(CLASS_X0, 0, 20, 28)
        self.rows_image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
        for item in (self.seen_image, self.rows_image):
            self.rows_plot.addItem(item)
        self.rows_plot.disableAutoRange()
        self.rows_plot.setRange(xRange=(0, CLASS_X0 + 20), yRange=(0, 28), padding=0.01)

        self.top_label = QLabel(NO_ANSWER)
        self.top_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.top_label.setStyleSheet("font-size: 54pt; font-weight: bold; color: #08519c;")
        self.top_caption = QLabel(" ")
        self.top_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bars_view = pg.PlotWidget(background="w")
        self.bars_view.setMouseEnabled(False, False)
        self.bars_view.hideButtons()
        self.bars_view.setYRange(0, 1, padding=0.02)
        self.bars_view.setXRange(-0.6, 9.6, padding=0)
        self.bars_view.getAxis("bottom").setTicks([[(k, str(k)) for k in range(10)]])
        self.bars_view.setLabel("left", self.tr("probability"))
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush=BAR_COLOUR)
        self.bars_view.addItem(self.bars)
        right = QVBoxLayout()
        right.addWidget(self.top_label)
        right.addWidget(self.top_caption)
        right.addWidget(self.bars_view, 1)

        # Small by preference: the answers above it get the height first.
        self.mistakes = DigitGrid(columns=16, preferred=QSize(300, 100), placeholder=self.tr(
            "The test digits this network gets wrong appear here: press “Show test digits the model gets wrong”."))
        self.mistakes.setMinimumHeight(100)
        self.mistakes.clicked.connect(self._on_mistake_clicked)
        self.mistakes_button = QPushButton(self.tr("Show test digits the model gets wrong"))
        self.mistakes_button.clicked.connect(self.request_mistakes)
        self.mistakes_summary = QLabel(self.tr("Click one to load it into the pad."))
        self.mistakes_summary.setWordWrap(True)
        mistakes_box = QGroupBox(self.tr("Try the test set"))
        mistakes_layout = QVBoxLayout(mistakes_box)
        mistakes_layout.addWidget(self.mistakes_button, 0, Qt.AlignmentFlag.AlignLeft)
        mistakes_layout.addWidget(self.mistakes_summary)
        mistakes_layout.addWidget(self.mistakes, 1)

        # The pad and its buttons down the left; the mistakes under the answers, not under everything: stacked
        # under the pad too they made the page 620 px high, the window taller than a 768 px screen.
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0, 2, 1)
        grid.addWidget(self.rows_view, 0, 1)
        grid.addLayout(right, 0, 2)
        grid.addWidget(mistakes_box, 1, 1, 1, 2)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

        self.host = MirrorHost(self, lambda emit: PadMirror(lessons, emit), "drawing-pad")
        self.host.reported.connect(self._on_mirror_reported)
        self._replies = {"read_done": self._on_read_done, "mistakes_found": self._on_mistakes_found,
                         "model_ready": self._on_model_ready, "unavailable": self._on_unavailable}

    @Slot(str, object)
    def _on_mirror_reported(self, kind: str, payload: object) -> None:
        self._replies[kind](payload)

    # --- models in ---------------------------------------------------------------------------------
    def show_frame(self, frame: ModelWeights, tag: str | None = None) -> None:
        if tag is None:              # not the models of a cell comparison
            self.offer_weights(frame)

    def offer_weights(self, payload: ModelWeights) -> None:
        """Newest weights from training or an opened checkpoint (numpy copies). While the pad is hidden
        they are only kept: loading them in the pad's thread costs the training thread CPU."""
        if not self.isVisible():
            self.pending_weights = payload
            return
        self.pending_weights = None
        self.host.set_weights(payload)
        self.has_model = True
        if self.status.text() == self.no_model_text:
            self.status.setText(self.tr("Ready: draw a digit."))
        if self.host.running and not self.canvas.is_empty() and not self._in_flight:
            self._send_request()     # being drawn on: re-read the drawing with the newer weights

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.pending_weights is not None:
            self.offer_weights(self.pending_weights)

    def open_checkpoint(self, path: str) -> None:
        self.pending_weights = None
        self.host.open_checkpoint(path)

    @Slot()
    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a classifier checkpoint"), "",
                                              self.tr("PyTorch checkpoints (*.pt *.pth *.ckpt);;All files (*)"))
        if path:
            self.open_checkpoint(path)

    @Slot(object)
    def _on_model_ready(self, model: tuple) -> None:
        description = model_description(*model)
        self.has_model = True
        self.status.setText(self.tr("Reading with {model}. Draw a digit!").format(model=description))
        self.status.setStyleSheet("")
        if not self.canvas.is_empty():
            self._send_request()

    @Slot(object)
    def _on_unavailable(self, reason) -> None:
        template, params = reason
        self.has_model = False
        self.status.setText(self.tr("Cannot classify: {reason}").format(reason=translate_core(template, params)))
        self.status.setStyleSheet("color: #c62828;")

    # --- reading ----------------------------------------------------------------------------------
    @Slot()
    def _on_canvas_changed(self) -> None:
        self._request += 1
        self._sent_at[self._request] = time.perf_counter()
        if self.has_model and not self._in_flight:
            self._send_request()

    def _send_request(self) -> None:
        self._in_flight = self._request
        self.host.submit("read_canvas", self._request, self.canvas.pixels())   # a fresh array, read only there

    @Slot(object)
    def _on_read_done(self, reading: PadReading) -> None:
        sent = self._sent_at.pop(reading.request, None)
        if sent is not None:
            self.latencies_ms.append(1000 * (time.perf_counter() - sent))
        self._sent_at = {request: at for request, at in self._sent_at.items() if request > reading.request}
        self._in_flight = 0
        self.show_reading(reading)
        if self._request > reading.request and self.has_model:
            self._send_request()    # the canvas changed while this was being read
        self.probabilities_changed.emit(reading)

    def show_reading(self, reading: PadReading) -> None:
        self.reading = reading
        probabilities = reading.probabilities
        top = int(probabilities.argmax())
        if self.canvas.is_empty():
            self.top_label.setText(NO_ANSWER)
            self.top_caption.setText(self.tr("Draw a digit"))
            self.bars.setOpts(height=np.zeros(10))
        else:
            self.top_label.setText(str(top))
            self.top_caption.setText(self.tr("{percent}% sure").format(percent=whole_percent(float(probabilities[top]))))
            self.bars.setOpts(height=probabilities,
                              brushes=[TOP_COLOUR if k == top else BAR_COLOUR for k in range(10)])
        self.seen_image.setImage(reading.digit.astype(np.float32), levels=(0, 255))
        self.seen_image.setRect(0, 0, 28, 28)
        self.rows_image.setImage(reading.per_row.astype(np.float32), levels=(0, 1))
        self.rows_image.setRect(CLASS_X0, 0, 20, reading.per_row.shape[0])

    # --- the test set ------------------------------------------------------------------------------
    @Slot()
    def request_mistakes(self) -> None:
        if self.has_model:
            self.mistakes_summary.setText(self.tr("Reading the test set…"))
            self.host.submit("find_mistakes", self.context.data_root())

    @Slot(object)
    def _on_mistakes_found(self, found: dict) -> None:
        self.mistake_set = found
        self.mistakes.update_predictions(found["images"], found["labels"], found["predictions"])
        self.mistakes_summary.setText(self.tr("{wrong} of {total} test digits are misread; here are {shown}. "
                                              "Click one to load it into the pad.").format(
            wrong=found["total_wrong"], total=found["total"], shown=len(found["labels"])))

    @Slot(int)
    def _on_mistake_clicked(self, index: int) -> None:
        self.canvas.load_image(upscale_for_canvas(self.mistake_set["images"][index], SIDE))
        self.canvas.setFocus()

    @Slot()
    def _on_inspect_clicked(self) -> None:
        """Show the gates and gradients for the learner's own drawing (the next snapshot, or now)."""
        if self.reading is not None and self.reading.digit.any():
            self.context.probe.image = self.reading.digit.copy()
            self.context.show_panel(GatesView)
            self.context.inspect_again()

    @Slot(int)
    def _on_brush_changed(self, width: int) -> None:
        self.canvas.brush_width = float(width)

    def shutdown(self) -> None:
        """Stop the pad's thread, if running, and wait for it (the window is closing)."""
        self.host.stop()
