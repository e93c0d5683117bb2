"""A strip above the panels for errors and notices, so nothing needs a modal dialog."""
from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {
    "error": "background: #fdecea; border: 1px solid #f5c2c0; color: #8a1c1c;",
    "info": "background: #e8f4fd; border: 1px solid #b6dcfb; color: #0b4f7c;",
    "success": "background: #e9f7ef; border: 1px solid #b7e4c7; color: #1d5e36;",
}


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("border: none; background: transparent;")
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.kind else ""

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"MessageBar {{ {STYLES[kind]} border-radius: 4px; }}")
        self.label.setStyleSheet(f"border: none; background: transparent; color: {STYLES[kind].split('color:')[1]}")
        self.label.setText(text)
        self.show()

    @Slot()
    def dismiss(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()
