"""The test-digit panel: its title wraps rather than widening the plots' column, and every digit keeps its
confidence where the panel is narrow (the lesson's notes tell the learner to read it)."""
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtGui import QPainter

from widgets.panels import digit_grid
from widgets.panels.digit_grid import DigitGridPanel
from workbench.views import DigitGridView


def test_the_title_wraps_instead_of_widening_the_panel(qtbot):
    panel = DigitGridPanel(DigitGridView(), SimpleNamespace())
    qtbot.addWidget(panel)
    title_width = panel.title.fontMetrics().horizontalAdvance(panel.title.text())
    assert title_width > 400 and panel.minimumSizeHint().width() < 300


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """Every text the digit grid paints, in order."""
    texts: list[str] = []

    class Recording(QPainter):
        def drawText(self, *args):  # noqa: N802 (Qt name)
            texts.append(args[-1])
            return super().drawText(*args)

    monkeypatch.setattr(digit_grid, "QPainter", Recording)
    return texts


def test_a_narrow_grid_still_shows_each_confidence(qtbot, drawn):
    grid = digit_grid.DigitGrid(columns=8)
    qtbot.addWidget(grid)
    grid.resize(250, 540)                   # the panel's grid at the window's default size, notes open
    labels = np.arange(32) % 10
    grid.update_predictions(np.zeros((32, 28, 28), dtype=np.float32), labels, labels, np.full(32, 0.93))
    grid.grab()
    captions = [text for text in drawn if text.startswith(tuple("0123456789"))]
    assert len(captions) == 32 and all(text.endswith("93%") for text in captions)
    drawn.clear()
    grid.resize(8 * digit_grid.CAPTIONED_COLUMN, 260)       # eight abreast, as in the CNN lesson (42 px digits)
    grid.update_predictions(np.zeros((32, 28, 28), dtype=np.float32), labels, labels, np.full(32, 0.998))
    grid.grab()
    captions = [text for text in drawn if text.startswith(tuple("0123456789"))]
    assert len(captions) == 32 and all(text.endswith("99%") for text in captions)    # the surest ones too


def test_a_wrong_guess_on_a_small_digit_says_the_truth_below_it_instead_of_over_it(qtbot, drawn):
    grid = digit_grid.DigitGrid(columns=8)
    qtbot.addWidget(grid)
    labels = np.arange(32) % 10
    guesses = labels.copy()
    guesses[1] = 8                                                  # one wrong: an 8 for a 1
    caption = grid.fontMetrics().height() + 4
    for side, badge, text in ((80, "is 1", "8 · 47%"),              # big digits: "is 1" over the digit
                              (28, None, "8≠1")):                   # a laptop screen's 28 px digits: below it
        drawn.clear()
        grid.resize(8 * max(side + 8, digit_grid.CAPTIONED_COLUMN), 4 * (side + caption + 8))   # eight abreast
        grid.update_predictions(np.zeros((32, 28, 28), dtype=np.float32), labels, guesses, np.full(32, 0.47))
        assert round(grid.cell_rects()[0].width()) == side
        grid.grab()
        assert [each for each in drawn if each.startswith("is ")] == ([badge] if badge else [])
        assert text in drawn and sum(each.startswith("8≠") for each in drawn) == (badge is None)


def test_a_confidence_is_shown_in_whole_percent_rounded_down():
    assert [digit_grid.whole_percent(p) for p in (0.0, 0.4849, 0.935, 0.998, 1.0)] == [0, 48, 93, 99, 99]


def test_one_row_high_the_panel_keeps_the_width_for_eight_digits_abreast(qtbot):
    from workbench.views import Place
    low = DigitGridPanel(DigitGridView(place=Place(0, 1)), SimpleNamespace())         # the CNN lesson's
    tall = DigitGridPanel(DigitGridView(), SimpleNamespace())                          # MNIST row by row's
    for panel in (low, tall):
        qtbot.addWidget(panel)
    assert low.minimumSizeHint().width() >= 8 * digit_grid.CAPTIONED_COLUMN > tall.minimumSizeHint().width()
