"""The latent space: every test digit's code as a point coloured by its label, turnable by dragging,
and a decoder explorer — sliders (or a click) choose a code and the decoder draws its digit at once.

No OpenGL: the 3-D points are rotated by a matrix we control and projected onto a 2-D scatter, so this
works offscreen and in the tests. Latent size 3 shows the codes themselves; 2 shows them flat; more
than 3 shows their first three principal components (the view says which).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from widgets.decoder_worker import DecoderMirror
from widgets.i18n import translate_core
from widgets.model_mirror import model_description
from widgets.panels.base import LessonPanel, PanelContext
from widgets.panels.plot_style import add_legend
from widgets.panels.scatter import Scatter
from workbench.frames import LatentFrame, ModelWeights
from workbench.views import LatentView
from widgets.worker import MirrorHost

DIGIT_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf"]
SLIDER_STEPS = 200


def rotation(yaw: float, pitch: float) -> np.ndarray:
    """Turn about the vertical axis by ``yaw``, then tilt about the horizontal one by ``pitch``."""
    cy, sy, cp, sp = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch)
    turn = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    tilt = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    return tilt @ turn


def principal_axes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    """(mean, axes (k, latent), how) of the three coordinates the view shows."""
    mean = codes.mean(axis=0)
    size = codes.shape[1]
    if size <= 3:
        return mean, np.eye(size)[:3], "codes"
    _, _, components = np.linalg.svd(codes - mean, full_matrices=False)
    return mean, components[:3], "pca"


class RotatingViewBox(pg.ViewBox):
    """Dragging turns the cloud instead of panning it."""

    dragged = Signal(float, float)

    def mouseDragEvent(self, event, axis=None) -> None:  # noqa: N802 (pyqtgraph name)
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        delta = event.pos() - event.lastPos()
        self.dragged.emit(float(delta.x()), float(delta.y()))


class LatentExplorer(QWidget, LessonPanel):
    frames = (LatentFrame, ModelWeights)

    def __init__(self, spec: LatentView, context: PanelContext) -> None:
        super().__init__()
        self.context = context
        lessons = context.lessons
        self.codes = np.zeros((0, 3))
        self.labels = np.zeros(0, dtype=int)
        self.mean, self.axes, self.how = np.zeros(3), np.eye(3), "codes"
        self.yaw, self.pitch = 0.6, -0.4
        self.projected = np.zeros((0, 2))
        self.has_model = False
        # Ten brush objects shared by all points: pyqtgraph renders one symbol per distinct brush, so a
        # fresh brush per point (1,000 of them) made every refresh re-render 1,000 symbols.
        self.digit_brushes = [pg.mkBrush(colour) for colour in DIGIT_COLOURS]
        self.pending_latent: LatentFrame | None = None
        self.pending_weights: ModelWeights | None = None
        self._request = 0
        self._in_flight = 0
        self.decoded_image: np.ndarray | None = None

        self.box = RotatingViewBox(lockAspect=True)
        self.box.dragged.connect(self._on_dragged)
        self.plot_widget = pg.PlotWidget(background="w", viewBox=self.box)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setTitle(self.tr("Latent space: drag to turn it"), color="#222", size="11pt")
        self.scatter = Scatter(size=6, pen=None, hoverable=True)
        self.scatter.sigClicked.connect(self._on_points_clicked)
        self.plot.addItem(self.scatter)
        self.axis_lines = [self.plot.plot([], [], pen=pg.mkPen("#999", width=1)) for _ in range(3)]
        self.axis_names = [pg.TextItem(name, color="#666", anchor=(0.5, 0.5)) for name in ("z1", "z2", "z3")]
        for item in self.axis_names:
            self.plot.addItem(item)
        self.legend = add_legend(self.plot, (10, 10), opacity=220)
        for digit, colour in enumerate(DIGIT_COLOURS):
            swatch = pg.ScatterPlotItem(size=9, pen=None, brush=colour)
            self.legend.addItem(swatch, str(digit))
        self.view_note = QLabel(" ")
        self.view_note.setStyleSheet("color: #555;")

        self.sliders: list[QSlider] = []
        self.slider_labels: list[QLabel] = []
        sliders = QGridLayout()
        for index in range(3):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, SLIDER_STEPS)
            slider.setValue(SLIDER_STEPS // 2)
            slider.valueChanged.connect(self._on_slider_moved)
            label = QLabel()
            sliders.addWidget(label, index, 0)
            sliders.addWidget(slider, index, 1)
            self.sliders.append(slider)
            self.slider_labels.append(label)
        self.decoded_view = pg.GraphicsLayoutWidget()
        self.decoded_view.setBackground("w")
        self.decoded_items = {}
        # The decoded digit large on top; the clicked test digit and its reconstruction side by side below.
        places = (("decoded", self.tr("decoded from the sliders"), 0, 0, 2),
                  ("original", self.tr("clicked digit"), 2, 0, 1),
                  ("reconstruction", self.tr("its reconstruction"), 2, 1, 1))
        for key, title, row, column, span in places:
            self.decoded_view.addLabel(title, row=row, col=column, colspan=span, color="#444", size="9pt")
            box = self.decoded_view.addViewBox(row=row + 1, col=column, colspan=span, lockAspect=True,
                                               invertY=True, enableMouse=False, enableMenu=False)
            item = pg.ImageItem(axisOrder="row-major", levels=(0, 1))
            box.addItem(item)
            box.setRange(xRange=(0, 28), yRange=(0, 28), padding=0.02)
            self.decoded_items[key] = item
        self.decoded_view.ci.layout.setRowStretchFactor(1, 2)
        self.decoded_view.ci.layout.setRowStretchFactor(3, 1)
        self.status = QLabel(self.tr("Train the autoencoder (or open one) to fill the latent space."))
        self.status.setWordWrap(True)
        explorer = QGroupBox(self.tr("Decoder explorer"))
        explorer_layout = QVBoxLayout(explorer)
        explorer_layout.addWidget(QLabel(self.tr("Choose a code with the sliders, or click a point:")))
        explorer_layout.addLayout(sliders)
        explorer_layout.addWidget(self.decoded_view, 1)
        explorer_layout.addWidget(self.status)

        left = QVBoxLayout()
        left.addWidget(self.plot_widget, 1)
        left.addWidget(self.view_note)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(explorer, 2)

        self.host = MirrorHost(self, lambda emit: DecoderMirror(lessons, emit), "decoder-explorer")
        self.host.reported.connect(self._on_mirror_reported)
        self._replies = {"decoded": self._on_decoded, "reconstructed": self._on_reconstructed,
                         "model_ready": self._on_model_ready, "unavailable": self._on_unavailable}

    @Slot(str, object)
    def _on_mirror_reported(self, kind: str, payload: object) -> None:
        self._replies[kind](payload)

    # --- data in ---------------------------------------------------------------------------------
    def show_frame(self, frame: LatentFrame | ModelWeights, tag: str | None = None) -> None:
        if isinstance(frame, LatentFrame):
            self.update_latent(frame)
        elif tag is None:            # not the models of a cell comparison
            self.offer_weights(frame)

    def update_latent(self, latent: LatentFrame) -> None:
        """New codes; drawn now if the panel is on screen, else kept for when it is shown."""
        if not self.isVisible():
            self.pending_latent = latent
            return
        self.pending_latent = None
        self.codes = np.asarray(latent.codes, dtype=np.float64)
        self.labels = np.asarray(latent.labels).astype(int)
        self.mean, self.axes, self.how = principal_axes(self.codes)
        size = self.codes.shape[1]
        if self.how == "pca":
            self.view_note.setText(self.tr("{size} latent numbers: showing their first three principal components")
                                   .format(size=size))
        elif size == 3:
            self.view_note.setText(self.tr("3 latent numbers: the codes themselves"))
        else:
            self.view_note.setText(self.tr("{size} latent number(s): a flat view, nothing to turn").format(size=size))
        for index, (slider, label) in enumerate(zip(self.sliders, self.slider_labels)):
            visible = index < self.axes.shape[0]
            slider.setVisible(visible)
            label.setVisible(visible)
            name = f"PC{index + 1}" if self.how == "pca" else f"z{index + 1}"
            label.setText(name)
        self.brushes = [self.digit_brushes[label % 10] for label in self.labels]
        self._project()
        if self.decoded_image is None:
            self._on_slider_moved()      # first codes: show what the middle of the sliders decodes to

    def coordinates(self) -> np.ndarray:
        """Each point's three shown coordinates (a zero third one for a 2-number code)."""
        shown = (self.codes - self.mean) @ self.axes.T
        if shown.shape[1] < 3:
            shown = np.hstack([shown, np.zeros((len(shown), 3 - shown.shape[1]))])
        return shown

    def _project(self) -> None:
        if not len(self.codes):
            return
        shown = self.coordinates()
        scale = float(np.abs(shown).max()) or 1.0
        turned = shown @ rotation(self.yaw if self.codes.shape[1] >= 3 else 0.0,
                                  self.pitch if self.codes.shape[1] >= 3 else 0.0).T
        self.projected = turned[:, :2] / scale
        # Far points first, so near ones are drawn on top of them.
        order = np.argsort(turned[:, 2])
        self.scatter.setData(x=self.projected[order, 0], y=self.projected[order, 1],
                             brush=[self.brushes[index] for index in order], data=order)
        tripod = np.eye(3) @ rotation(self.yaw, self.pitch).T * 1.1
        for line, label, end in zip(self.axis_lines, self.axis_names, tripod):
            line.setData([0, end[0]], [0, end[1]])
            label.setPos(end[0] * 1.08, end[1] * 1.08)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.pending_weights is not None:
            self.offer_weights(self.pending_weights)
        if self.pending_latent is not None:
            self.update_latent(self.pending_latent)

    def offer_weights(self, payload: ModelWeights) -> None:
        """Newest weights; kept, not loaded, while the panel is hidden (see DrawingPad.offer_weights)."""
        if not self.isVisible():
            self.pending_weights = payload
            return
        self.pending_weights = None
        self.host.set_weights(payload)
        if not self.has_model:
            self.has_model = True
            self._on_slider_moved()

    def open_checkpoint(self, path: str) -> None:
        self.pending_weights = None
        self.host.open_checkpoint(path)

    # --- interaction -------------------------------------------------------------------------------
    @Slot(float, float)
    def _on_dragged(self, dx: float, dy: float) -> None:
        self.yaw += dx * 0.01
        self.pitch = float(np.clip(self.pitch + dy * 0.01, -1.5, 1.5))
        self._project()

    def slider_values(self) -> np.ndarray:
        """The shown coordinates the sliders stand for, spanning each coordinate's range in the data."""
        shown = self.coordinates() if len(self.codes) else np.zeros((1, 3))
        low, high = shown.min(axis=0), shown.max(axis=0)
        fractions = np.array([slider.value() / SLIDER_STEPS for slider in self.sliders])
        return low + fractions * (high - low)

    def code_from_sliders(self) -> np.ndarray:
        shown = self.slider_values()[:self.axes.shape[0]]
        return self.mean + shown @ self.axes

    @Slot()
    def _on_slider_moved(self) -> None:
        if not len(self.codes):
            return
        self._request += 1
        if self.has_model and not self._in_flight:
            self._send_decode()

    def _send_decode(self) -> None:
        self._in_flight = self._request
        self.host.submit("decode", self._request, self.code_from_sliders())

    def _on_decoded(self, reply: tuple) -> None:
        request, image = reply
        self.decoded_image = image
        self.decoded_items["decoded"].setImage(image.astype(np.float32), levels=(0, 1))
        if request < 0:          # a refresh after new weights, not the answer to a request
            return
        self._in_flight = 0
        if self._request > request and self.has_model:
            self._send_decode()

    def _on_points_clicked(self, _item, points, *args) -> None:   # pyqtgraph's signal, in the GUI thread
        if not len(points):
            return
        index = int(points[0].data())
        self.select_point(index)

    def select_point(self, index: int) -> None:
        """Move the sliders to a test digit's code and show it beside its reconstruction."""
        shown = self.coordinates()
        low, high = shown.min(axis=0), shown.max(axis=0)
        for slider, value, lo, hi in zip(self.sliders, shown[index], low, high):
            slider.blockSignals(True)
            slider.setValue(int(round(SLIDER_STEPS * (value - lo) / ((hi - lo) or 1.0))))
            slider.blockSignals(False)
        self._on_slider_moved()
        if self.has_model:
            self.host.submit("reconstruct", index, self.context.data_root())

    def _on_reconstructed(self, pair) -> None:
        original, reconstruction = pair
        self.decoded_items["original"].setImage(original.astype(np.float32) / 255.0, levels=(0, 1))
        self.decoded_items["reconstruction"].setImage(reconstruction.astype(np.float32), levels=(0, 1))

    @Slot(object)
    def _on_model_ready(self, model: tuple) -> None:
        description = model_description(*model)
        self.has_model = True
        self.status.setText(self.tr("Decoding with {model}.").format(model=description))
        self.status.setStyleSheet("")
        self._on_slider_moved()

    @Slot(object)
    def _on_unavailable(self, reason) -> None:
        template, params = reason
        self.has_model = False
        self.status.setText(self.tr("Cannot decode: {reason}").format(reason=translate_core(template, params)))
        self.status.setStyleSheet("color: #c62828;")

    def clear(self) -> None:
        self.codes = np.zeros((0, 3))
        self.pending_latent = None
        self.scatter.clear()

    def shutdown(self) -> None:
        self.host.stop()
