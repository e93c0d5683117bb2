"""The first convolution layer's filters as small images (blue negative, red positive).

All filters are coloured in numpy and laid out as one picture, drawn by one image item: with a view box
and an image item per filter, each snapshot's repaint went through 16 of each in Python (7 ms of the GUI
thread, 8-12 ms while the worker trains, the slowest repaint of the lesson). The items are built with
the panel and kept for every run (building them at the first snapshot stalled the GUI thread for ~130 ms).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.panels.base import LessonPanel, PanelContext
from workbench.frames import FilterFrame
from workbench.views import FiltersView

COLUMNS = 8
GAP = 1            # blank rows / columns of the picture between two filters
BLANK = 255        # the gap's colour: the panel's white


def filter_mosaic(filters: np.ndarray, lookup: np.ndarray, columns: int = COLUMNS) -> np.ndarray:
    """(count, h, w) filters as one (rows, cols, 3) uint8 picture, ``columns`` filters a row, coloured by
    ``lookup`` (256 RGB rows) on one symmetric scale for all, so that filters compare: -max..+max."""
    count, height, width = filters.shape
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    bound = float(np.abs(filters).max()) or 1.0
    # As pyqtgraph's ImageItem maps levels (-bound, bound) onto a 256-entry lookup table.
    index = np.clip(np.floor((filters / bound + 1.0) / 2.0 * len(lookup)), 0, len(lookup) - 1).astype(np.intp)
    picture = np.full((rows * (height + GAP) - GAP, columns * (width + GAP) - GAP, 3), BLANK, dtype=np.uint8)
    for number, colours in enumerate(lookup[index]):
        top, left = (number // columns) * (height + GAP), (number % columns) * (width + GAP)
        picture[top:top + height, left:left + width] = colours
    return picture


class FilterGrid(QWidget, LessonPanel):
    frames = (FilterFrame,)

    def __init__(self, spec: FiltersView, context: PanelContext) -> None:
        super().__init__()
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.addLabel(self.tr("First convolution layer: its 5×5 filters"), row=0, col=0, color="#222",
                           size="10pt")
        self.box = self.view.addViewBox(row=1, col=0, lockAspect=True, invertY=True, enableMouse=False,
                                        enableMenu=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.image)
        self.lookup = pg.colormap.get("CET-D1").getLookupTable(nPts=256, alpha=False)
        self.filters: np.ndarray | None = None       # the filters the picture shows (the tests read them)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_frame(self, frame: FilterFrame, tag: str | None = None) -> None:
        self.filters = np.asarray(frame.filters, dtype=np.float32)
        picture = filter_mosaic(self.filters, self.lookup)
        reshaped = self.image.image is None or self.image.image.shape != picture.shape
        self.image.setImage(picture, autoLevels=False, levels=(0, 255))
        if reshaped:
            self.box.autoRange(padding=0.02)

    def clear(self) -> None:
        self.filters = None
        self.image.clear()
