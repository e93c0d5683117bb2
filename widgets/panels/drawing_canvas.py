"""A square canvas to draw a digit on: round anti-aliased brush, right button erases, undo and clear."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SIDE = 280   # canvas pixels: 10x MNIST, large enough to draw comfortably with a mouse


@dataclass
class Stroke:
    width: float
    erase: bool
    points: list[QPointF] = field(default_factory=list)


def qimage_to_array(image: QImage) -> np.ndarray:
    """A uint8 (height, width) copy of a Grayscale8 QImage (rows may be padded in memory)."""
    view = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return view.reshape(image.height(), image.bytesPerLine())[:, :image.width()].copy()


class DrawingCanvas(QWidget):
    changed = Signal()      # after every stroke segment, undo, clear or loaded image

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.brush_width = 22.0
        self.strokes: list[Stroke] = []
        self.background: QImage | None = None     # a loaded digit, drawn under the strokes
        self.image = QImage(SIDE, SIDE, QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self.setFixedSize(SIDE, SIDE)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Draw with the left button, erase with the right. Ctrl+Z undoes a stroke, Esc clears."))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:
        return QSize(SIDE, SIDE)

    # --- what is drawn ------------------------------------------------------------------------------
    def pixels(self) -> np.ndarray:
        return qimage_to_array(self.image)

    def is_empty(self) -> bool:
        return not self.pixels().any()

    def _pen(self, stroke: Stroke) -> QPen:
        pen = QPen(QColor(0, 0, 0) if stroke.erase else QColor(255, 255, 255), stroke.width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _paint_segment(self, stroke: Stroke, start: QPointF, end: QPointF) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if start == end:
            # A zero-length line may draw nothing; a click must still leave a round dot.
            colour = QColor(0, 0, 0) if stroke.erase else QColor(255, 255, 255)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(start, stroke.width / 2, stroke.width / 2)
        else:
            painter.setPen(self._pen(stroke))
            painter.drawLine(start, end)
        painter.end()

    def _render(self) -> None:
        """Redraw everything from the background and the stroke list (after undo)."""
        self.image.fill(0)
        if self.background is not None:
            painter = QPainter(self.image)
            painter.drawImage(0, 0, self.background)
            painter.end()
        for stroke in self.strokes:
            # Exactly what the mouse drew: the dot at the press, then each segment.
            self._paint_segment(stroke, stroke.points[0], stroke.points[0])
            for start, end in zip(stroke.points, stroke.points[1:]):
                self._paint_segment(stroke, start, end)
        self.update()

    # --- editing ------------------------------------------------------------------------------------
    def clear(self) -> None:
        self.strokes.clear()
        self.background = None
        self._render()
        self.changed.emit()

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self._render()
            self.changed.emit()

    def load_image(self, pixels: np.ndarray) -> None:
        """Show ``pixels`` (uint8, SIDE x SIDE) as the drawing; strokes drawn afterwards go on top."""
        pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
        self.background = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.shape[1],
                                 QImage.Format.Format_Grayscale8).copy()
        self.strokes.clear()
        self._render()
        self.changed.emit()

    # --- Qt events ----------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return
        stroke = Stroke(self.brush_width, event.button() == Qt.MouseButton.RightButton, [event.position()])
        self.strokes.append(stroke)
        self._paint_segment(stroke, event.position(), event.position())   # a click leaves a dot
        self.update()
        self.changed.emit()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if not self.strokes or not (event.buttons() & (Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton)):
            return
        stroke = self.strokes[-1]
        self._paint_segment(stroke, stroke.points[-1], event.position())
        stroke.points.append(event.position())
        self.update()
        self.changed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
        elif event.key() == Qt.Key.Key_Z and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.undo()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.setPen(QPen(QColor("#888"), 1))
        painter.drawRect(0, 0, SIDE - 1, SIDE - 1)
