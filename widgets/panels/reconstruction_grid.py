"""Test digits above their reconstructions (and the noisy inputs, for a denoising autoencoder).

ImageItems with fixed levels 0..1 are created with the panel (for the default layout) and again only
when the number of samples or rows changes; while training they only get ``setImage``, so the learner
watches blurry blobs sharpen into digits. *Why so careful:* building the 16 view boxes took ~200 ms in
the GUI thread, and it used to happen at the first snapshot of every run, mid-training."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from widgets.panels.base import LessonPanel, PanelContext
from workbench.frames import ReconstructionFrame
from workbench.views import ReconstructionsView

MAX_SAMPLES = 16


class ReconstructionGrid(QWidget, LessonPanel):
    frames = (ReconstructionFrame,)

    def __init__(self, spec: ReconstructionsView, context: PanelContext) -> None:
        super().__init__()
        self.context = context
        self.count = QSpinBox()
        self.count.setRange(1, MAX_SAMPLES)
        self.count.setValue(8)
        self.count.valueChanged.connect(self._on_new_samples)
        self.new_samples = QPushButton(self.tr("New samples"))
        self.new_samples.clicked.connect(self._on_new_samples)
        self.caption = QLabel(self.tr("Top: what goes in. Below: what the decoder draws back."))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Digits")))
        controls.addWidget(self.count)
        controls.addWidget(self.new_samples)
        controls.addWidget(self.caption, 1)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.rows: dict[str, list[pg.ImageItem]] = {}
        self.layout_key: tuple = ()
        self.rng = np.random.default_rng()
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        self._build(self.count.value(), self._row_names(noisy=False))

    def _row_names(self, noisy: bool) -> list[tuple[str, str]]:
        if noisy:
            return [("inputs", self.tr("noisy input")), ("outputs", self.tr("output")), ("clean", self.tr("clean"))]
        return [("clean", self.tr("input")), ("outputs", self.tr("output"))]

    def _build(self, count: int, names: list[tuple[str, str]]) -> None:
        """(Re)create the image items: only when the number of digits or the rows change."""
        self.view.clear()
        self.rows = {}
        for row, (key, title) in enumerate(names):
            self.view.addLabel(title, row=row, col=0, angle=-90, color="#444", size="9pt")
            items = []
            for column in range(count):
                # No context menu: these boxes neither zoom nor pan, and each menu took ~3 ms to build.
                box = self.view.addViewBox(row=row, col=column + 1, lockAspect=True, invertY=True,
                                           enableMouse=False, enableMenu=False)
                item = pg.ImageItem(axisOrder="row-major", levels=(0, 1))
                box.addItem(item)
                box.setRange(xRange=(0, 28), yRange=(0, 28), padding=0.02)
                items.append(item)
            self.rows[key] = items
        self.layout_key = (count, tuple(key for key, _ in names))

    def show_frame(self, frame: ReconstructionFrame, tag: str | None = None) -> None:
        count = len(frame.clean)
        names = self._row_names(bool(frame.noisy))
        if self.layout_key != (count, tuple(key for key, _ in names)):
            self._build(count, names)
        for key, items in self.rows.items():
            for item, image in zip(items, getattr(frame, key)):
                item.setImage(np.asarray(image, dtype=np.float32), levels=(0, 1))

    def images(self, key: str) -> list[np.ndarray]:
        """What a row shows (tests read it)."""
        return [item.image for item in self.rows.get(key, [])]

    @Slot()
    def _on_new_samples(self) -> None:
        """Other test digits (as many as the spin box says): the next snapshot, or a recomputation now, shows them."""
        self.context.probe.samples = [int(index) for index in self.rng.integers(0, 10**6, self.count.value())]
        self.context.inspect_again()

    def clear(self) -> None:
        """Blank the digits, keeping the items (a new run usually shows as many)."""
        for items in self.rows.values():
            for item in items:
                item.clear()
