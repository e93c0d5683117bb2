"""A one-line label that never makes its window wider: text that does not fit is cut with "…" and shown
whole in the tooltip (a headline, a path)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """``text()`` is the whole text; what is painted is cut to the label's width (``mode``: where)."""

    def __init__(self, text: str = "", mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
                 min_width: int = 60) -> None:
        super().__init__()
        self.mode, self.min_width = mode, min_width
        self._full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:
        changed = text != self._full_text
        self._full_text = text
        self._fit()
        if changed and self.sizePolicy().horizontalPolicy() != QSizePolicy.Policy.Ignored:
            self.updateGeometry()       # the preferred width follows the whole text

    def text(self) -> str:
        return self._full_text

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        return QSize(self.fontMetrics().horizontalAdvance(self._full_text) + margins.left() + margins.right() + 8,
                     hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.min_width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width() - 8          # (style sheets' padding)
        shown = self.fontMetrics().elidedText(self._full_text, self.mode, max(room, 0))
        if shown != QLabel.text(self):
            QLabel.setText(self, shown)
        self.setToolTip(self._full_text if shown != self._full_text else "")
