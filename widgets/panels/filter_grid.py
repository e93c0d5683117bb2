"""The first convolution layer's filters as small images (blue negative, red positive).

The image items are built with the panel, for as many filters as the spec says, and kept for every
run: building them at the first snapshot stalled the GUI thread for ~130 ms mid-training. A model with
another number of filters rebuilds them once."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.panels.base import LessonPanel, PanelContext
from workbench.frames import FilterFrame
from workbench.views import FiltersView

COLUMNS = 8


class FilterGrid(QWidget, LessonPanel):
    frames = (FilterFrame,)

    def __init__(self, spec: FiltersView, context: PanelContext) -> None:
        super().__init__()
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.items: list[pg.ImageItem] = []
        self.colour_map = pg.colormap.get("CET-D1")
        self.title = self.tr("First convolution layer: its 5×5 filters")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._build(spec.filters)

    def _build(self, count: int) -> None:
        self.view.clear()
        self.view.addLabel(self.title, row=0, col=0, colspan=COLUMNS, color="#222", size="10pt")
        self.items = []
        for index in range(count):
            box = self.view.addViewBox(row=1 + index // COLUMNS, col=index % COLUMNS, lockAspect=True,
                                       invertY=True, enableMouse=False, enableMenu=False)
            item = pg.ImageItem(axisOrder="row-major")
            item.setLookupTable(self.colour_map.getLookupTable(nPts=256))
            box.addItem(item)
            self.items.append(item)

    def show_frame(self, frame: FilterFrame, tag: str | None = None) -> None:
        filters = frame.filters
        if len(self.items) != len(filters):
            self._build(len(filters))
        bound = float(np.abs(filters).max()) or 1.0     # one scale for all, so filters compare
        for item, kernel in zip(self.items, filters):
            item.setImage(np.asarray(kernel, dtype=np.float32), levels=(-bound, bound))

    def clear(self) -> None:
        for item in self.items:
            item.clear()
