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
        self._styled = ""
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
        # The strip keeps its place while no message shows: a bar that came and went moved every panel
        # below it at each run's start and end, and each move repainted every plot in full with its axes
        # drawn anew (~20-40 ms of the GUI thread in one go, while the run is being drawn). The hidden
        # label holds a line of text so that the kept strip is as high as a one-line message.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.label.setText(" ")
        self.setStyleSheet("MessageBar { border: 1px solid transparent; }")     # as thick as a message's border
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.kind else ""

    def show_message(self, text: str, kind: str = "info") -> None:
        if kind != self._styled:       # (a style sheet is costly to apply: only when the kind changes)
            self._styled = kind
            self.setStyleSheet(f"MessageBar {{ {STYLES[kind]} border-radius: 4px; }}")
            self.label.setStyleSheet(f"border: none; background: transparent; color: {STYLES[kind].split('color:')[1]}")
        self.kind = kind
        self.label.setText(text)
        self.show()

    @Slot()
    def dismiss(self) -> None:
        # The text stays (hidden) so that the kept strip keeps its height too; ``text`` says "" meanwhile.
        self.kind = ""
        self.hide()
