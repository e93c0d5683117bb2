"""A plot's legend as a row of keys under it, where a legend inside the plot would cover what it draws.

*Why:* pyqtgraph's legend sits inside the view box. Where the data fill the view — a sine wave from trough
to peak, six loss curves over three decades — it covered them wherever it stood (the forecasting lesson's
legend hid its own rollout curves and the "train | test" mark), and in a narrow plot (the CNN lesson's, ~120 px
beside the eight-abreast digits) the view box clipped it to "rain (per batch)". Under the plot the keys wrap
like words and cover nothing. Each key is a toggle, as a click on pyqtgraph's legend is: it hides and shows
its series.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

import pyqtgraph as pg

from widgets.flow_layout import FlowLayout

SAMPLE = QSize(22, 12)      # px: the line (and marker) drawn before each name


def sample_icon(color: str, width: float, symbol: str | None, line: bool = True) -> QIcon:
    """A short line in the series' colour, with a dot on it where the series has markers (only the dot for
    a series drawn as points)."""
    pixmap = QPixmap(SAMPLE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), width))
    middle = SAMPLE.height() / 2
    if line:
        painter.drawLine(QPointF(1, middle), QPointF(SAMPLE.width() - 1, middle))
    if symbol:
        painter.setBrush(QColor(color))
        painter.drawEllipse(QPointF(SAMPLE.width() / 2, middle), 3, 3)
    painter.end()
    return QIcon(pixmap)


class LegendKey(QToolButton):
    """One series: its sample and name; checked while the series is shown."""

    def __init__(self, curve, name: str, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curve = curve
        self.setText(name)
        self.setIcon(icon)
        self.setIconSize(SAMPLE)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setCheckable(True)
        self.setChecked(curve.isVisible())
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Flat on the plot's white: a checked toggle drawn pressed read as a grey button, not as a key.
        self.setStyleSheet("QToolButton { color: #222; border: none; background: transparent; padding: 1px 3px; }"
                           "QToolButton:!checked { color: #999; } QToolButton:hover { background: #eef2fa; }")
        self.toggled.connect(self._show_series)
        curve.visibleChanged.connect(self._follow_series)

    @Slot(bool)
    def _show_series(self, shown: bool) -> None:
        self.curve.setVisible(shown)

    @Slot()
    def _follow_series(self) -> None:
        self.setChecked(self.curve.isVisible())


class OutsideLegend(QWidget):
    """The keys of a plot's series, left to right, wrapping onto more rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, h_spacing=4, v_spacing=0)
        self.flow.setContentsMargins(4, 0, 4, 2)
        self.setAutoFillBackground(True)            # white, as the plot above it
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(palette)
        self.keys: list[LegendKey] = []
        self._rows_height = 0
        # As tall as its rows of keys, never taller: the room left goes to the plot.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    # The keys' height depends on the width they get, but this widget does not say so to its layout: in a
    # QGridLayout a height-for-width item's minimum height is its height for the width it gets, and the plot
    # above the keys then kept its full preferred height while the panel below it was squeezed to a strip.
    # Instead it asks for the height its keys take at its current width, and again when that changes.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """The widest key: the keys take the plot's width, whatever it is, and never ask for more."""
        return QSize(self.flow.minimumSize().width(), self._height_now())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def _height_now(self) -> int:
        return self.flow.heightForWidth(self.width()) if self.width() > 0 else self.flow.sizeHint().height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._rows_changed()

    def _rows_changed(self) -> None:
        height = self._height_now()
        if height != self._rows_height:
            self._rows_height = height
            self.updateGeometry()

    def add_key(self, curve, name: str, symbol: str | None = None) -> LegendKey:
        """A key for ``curve`` drawn as the curve is: its pen's colour and width, or only a dot in its
        markers' colour where it draws points without a line; ``symbol`` adds a dot to the line (a series
        whose markers are an item of their own)."""
        pen = curve.opts.get("pen")
        if pen is None:                 # points only (PlotDataItem with pen=None)
            color = pg.mkBrush(curve.opts["symbolBrush"]).color().name()
            icon = sample_icon(color, 1.5, curve.opts.get("symbol") or "o", line=False)
        else:
            pen = pg.mkPen(pen)
            icon = sample_icon(pen.color().name(), pen.widthF(), symbol)
        key = LegendKey(curve, name, icon, self)
        self.flow.addWidget(key)
        self.keys.append(key)
        self._rows_changed()
        return key

    def clear(self) -> None:
        for key in self.keys:
            self.flow.removeWidget(key)
            key.deleteLater()
        self.keys.clear()
        self._rows_changed()
