"""A plot's legend as a row of keys under it, for a plot too narrow to hold its legend inside.

*Why:* pyqtgraph's legend sits inside the view box, which clips it. In the CNN lesson the loss plot is ~120 px
wide beside the eight-abreast digits, and its legend "train (per batch) / test" lost its left part and its
line samples under the axis. Under the plot the keys wrap like words and cover nothing. Each key is a
toggle, as a click on pyqtgraph's legend is: it hides and shows its series.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from widgets.flow_layout import FlowLayout

SAMPLE = QSize(22, 12)      # px: the line (and marker) drawn before each name


def sample_icon(color: str, width: float, symbol: str | None) -> QIcon:
    """A short line in the series' colour, with a dot on it where the series has markers."""
    pixmap = QPixmap(SAMPLE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), width))
    middle = SAMPLE.height() / 2
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

    def add_key(self, curve, name: str, color: str, width: float = 1.5, symbol: str | None = None) -> LegendKey:
        key = LegendKey(curve, name, sample_icon(color, width, symbol), self)
        self.flow.addWidget(key)
        self.keys.append(key)
        return key

    def clear(self) -> None:
        for key in self.keys:
            self.flow.removeWidget(key)
            key.deleteLater()
        self.keys.clear()
