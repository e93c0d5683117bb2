"""A row of controls that wraps onto more rows when the window is too narrow for it.

*Why:* rows of buttons and choice boxes (the Runs view's actions, the gate panel's choices) made their page
as wide as the whole row, and the window could not be narrower than its widest page: 1,403 px, more than
a 1,366 px laptop screen. In a flow the widest single control sets the minimum instead; at the default
size everything still sits in one row.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right in their preferred sizes, wrapped like words; each row's items are centred
    vertically on the row. Hidden widgets take no room."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 6, v_spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.h_spacing, self.v_spacing = h_spacing, v_spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout's item protocol ---------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    # --- sizes ---------------------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:
        """Everything in one row."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self.h_spacing * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest single item (each on a row of its own)."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # --- placing -------------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            item_width = item.sizeHint().width()
            if rows[-1] and used + self.h_spacing + item_width > width:
                rows.append([])
                used = 0
            used += (self.h_spacing if rows[-1] else 0) + item_width
            rows[-1].append(item)
        return rows if rows[0] else []

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in ``rect`` (or only measure); returns the height they need."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for number, row in enumerate(self._rows(area.width())):
            if number:
                y += self.v_spacing
            height = max(item.sizeHint().height() for item in row)
            x = area.x()
            for item in row:
                hint = item.sizeHint()
                if apply:
                    width = min(hint.width(), area.width())     # an item wider than the row is narrowed
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), QSize(width, hint.height())))
                x += hint.width() + self.h_spacing
            y += height
        return y - rect.y() + margins.bottom()


def kept_together(*widgets: QWidget) -> QWidget:
    """Widgets that wrap as one (a caption and its box): one item of a flow."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return group
