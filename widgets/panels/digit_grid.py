"""A grid of test digits, each with the network's current guess: green when right, red when wrong."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from widgets.i18n import translate_core
from widgets.panels.base import SEVERAL_RUNS, TRAINING_JOBS, LessonPanel, PanelContext
from workbench.frames import DigitGuesses
from workbench.views import DigitGridView

RIGHT = QColor("#1b8a3a")
WRONG = QColor("#c62828")
PENDING = QColor("#777777")


def grey_image(pixels: np.ndarray) -> QImage:
    """A QImage that owns a copy of a uint8 (H, W) array (so the array may be freed afterwards)."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


CAPTIONED_COLUMN = 56     # px: the narrowest column whose caption can carry a guess and its confidence
BADGE_SHARE = 0.6         # the widest a wrong digit's "is 2" may be, as a share of the digit


def whole_percent(probability: float) -> int:
    """A confidence in whole percent, rounded down and at most 99: a softmax never reaches 1 (float32 rounds
    to it), and "100%" is one digit wider than a narrow caption has room for — those digits, the ones the
    network is surest of, lost their confidence (the CNN lesson). So "99%" reads "at least 99 %"."""
    return min(99, int(100 * probability))


class DigitGrid(QWidget):
    """Shows ``images`` with captions; :meth:`update_predictions` colours them as the model learns."""

    clicked = Signal(int)   # index of the digit clicked

    def __init__(self, columns: int = 8, parent: QWidget | None = None, placeholder: str = "",
                 preferred: QSize = QSize(420, 260)) -> None:
        # ``columns`` is the fallback; the grid picks whatever column count shows the digits largest.
        # ``placeholder`` is what the empty grid says (by default: that digits come with training).
        super().__init__(parent)
        self.columns, self.preferred = columns, preferred
        self.placeholder = placeholder or self.tr("Test digits and the network's guesses appear here during training.")
        self.images: list[QImage] = []
        self.labels = np.zeros(0, dtype=np.int64)
        self.predictions: np.ndarray | None = None
        self.confidence: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)

    def sizeHint(self) -> QSize:
        return self.preferred

    def update_predictions(self, images: np.ndarray, labels: np.ndarray, predictions: np.ndarray,
                           confidence: np.ndarray | None = None) -> None:
        if len(images) != len(self.images) or not np.array_equal(labels, self.labels):
            self.images = [grey_image(image) for image in images]
            self.labels = np.asarray(labels).copy()
        self.predictions = np.asarray(predictions).copy()
        self.confidence = None if confidence is None else np.asarray(confidence).copy()
        self.update()  # Qt coalesces repaints

    @property
    def correct_count(self) -> int:
        if self.predictions is None:
            return 0
        return int((self.predictions == self.labels).sum())

    def clear(self) -> None:
        self.images, self.labels, self.predictions, self.confidence = [], np.zeros(0, dtype=np.int64), None, None
        self.update()

    def _best_columns(self, caption_height: int) -> tuple[int, float]:
        """The column count that makes the (square) digits largest in the current widget size; the
        caption needs about as much width as a digit of 48 px."""
        best = (self.columns, 0.0)
        for columns in range(2, len(self.images) + 1):
            rows = -(-len(self.images) // columns)
            side = min(self.width() / columns - 8, self.height() / rows - caption_height - 8)
            side = min(side, self.width() / columns - 8) if self.width() / columns >= CAPTIONED_COLUMN else 0.0
            if side > best[1]:
                best = (columns, side)
        return best[0], max(8.0, best[1])

    def cell_rects(self) -> list[QRectF]:
        """Where each digit is drawn in the widget's current size (the caption goes below it)."""
        caption_height = self.fontMetrics().height() + 4
        columns, side = self._best_columns(caption_height)
        rows = -(-len(self.images) // columns) if self.images else 0
        cell_width, cell_height = side + 8, side + caption_height + 8
        left0 = (self.width() - cell_width * columns) / 2
        top0 = (self.height() - cell_height * rows) / 2
        return [QRectF(left0 + (index % columns) * cell_width + 4, top0 + (index // columns) * cell_height + 4,
                       side, side) for index in range(len(self.images))]

    def index_at(self, x: float, y: float) -> int:
        """The digit under a point of the widget, or -1."""
        for index, cell in enumerate(self.cell_rects()):
            if cell.contains(x, y):
                return index
        return -1

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        index = self.index_at(event.position().x(), event.position().y())
        if index >= 0:
            self.clicked.emit(index)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.images:
            painter.setPen(PENDING)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        caption_height = self.fontMetrics().height() + 4
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        small_bold = QFont(small)
        small_bold.setBold(True)
        caption_fonts = [(font, QFontMetricsF(font)) for font in (bold, small_bold)]
        small_metrics = QFontMetricsF(small)
        for index, (image, target) in enumerate(zip(self.images, self.cell_rects())):
            painter.drawImage(target, image)
            caption = QRectF(target.left() - 4, target.bottom() + 2, target.width() + 8, caption_height)
            if self.predictions is None:
                painter.setPen(PENDING)
                painter.setFont(bold)
                painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, "?")
                continue
            guess, truth = int(self.predictions[index]), int(self.labels[index])
            colour = RIGHT if guess == truth else WRONG
            painter.setPen(QPen(colour, 2))
            painter.drawRect(target.adjusted(-1, -1, 1, 1))
            badge = self.tr("is {truth}").format(truth=truth)
            # The true label in the digit's corner, so a wrong guess can be read at a glance — where it leaves
            # most of the digit to see; on small digits (a laptop screen: 28 px) it covered half of it.
            badged = guess != truth and small_metrics.horizontalAdvance(badge) <= BADGE_SHARE * target.width()
            if badged:
                painter.setFont(small)
                painter.setPen(QColor("#ffd54f"))
                painter.drawText(target.adjusted(3, 1, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                                 badge)
            painter.setFont(bold)
            painter.setPen(colour)
            text = str(guess)
            fuller = None
            if guess != truth and not badged:
                fuller = self.tr("{guess}≠{truth}").format(guess=guess, truth=truth)      # the truth goes below
            elif self.confidence is not None:
                fuller = self.tr("{guess} · {percent}%").format(
                    guess=guess, percent=whole_percent(float(self.confidence[index])))
            for font, metrics in caption_fonts if fuller else ():    # wherever it fits, smaller if need be
                if metrics.horizontalAdvance(fuller) <= caption.width():
                    painter.setFont(font)
                    text = fuller
                    break
            painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, text)


class DigitGridPanel(QGroupBox, LessonPanel):
    """The lesson panel around a :class:`DigitGrid`: its title and how many of the shown digits are right."""

    frames = (DigitGuesses,)

    def __init__(self, spec: DigitGridView, context: PanelContext) -> None:
        super().__init__()
        # The title wraps rather than being the group box's: a box is never narrower than its title, and this
        # one's took 450 px, squeezing the loss and accuracy plots beside it to a third of that.
        self.title = QLabel(translate_core(spec.title))
        self.title.setWordWrap(True)
        self.grid = DigitGrid(columns=8)
        if spec.place.rows == 1:
            # One row high (the CNN lesson), the digits can only be read laid out eight abreast: the panel
            # keeps that width. Two rows high (MNIST, row by row) they stack four abreast in half of it.
            self.grid.setMinimumWidth(self.grid.columns * CAPTIONED_COLUMN)
        self.score = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.grid)
        layout.addWidget(self.score)

    def show_frame(self, frame: DigitGuesses, tag: str | None = None) -> None:
        self.grid.update_predictions(frame.images, frame.labels, frame.predictions, frame.confidence)
        self.score.setText(self.tr("{right} of {total} shown digits right").format(
            right=self.grid.correct_count, total=len(frame.labels)))

    def job_starting(self, kind: str, config) -> None:
        if kind in TRAINING_JOBS:
            self.clear()

    def run_started(self, event, kind: str) -> None:
        if kind in SEVERAL_RUNS:
            self.clear()

    def clear(self) -> None:
        self.grid.clear()
        self.score.clear()
