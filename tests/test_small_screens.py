"""The window fits a small laptop screen: its narrowest size, what wraps and what is cut to make room."""
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets import i18n
from widgets.elided_label import ElidedLabel
from widgets.flow_layout import FlowLayout
from widgets.window_settings import DEFAULT_SIZE, default_size

SMALL_SCREEN = (1280, 720)     # a 1,366 x 768 laptop leaves about this for a window, title bar and task bar off


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_can_be_as_small_as_a_laptop_screen_in_every_lesson(qtbot, tmp_path, lessons, language):
    from widgets.main_window import MainWindow
    translators = i18n.install_translators(QApplication.instance(), language) if language != "en" else []
    try:
        window = MainWindow(lessons, tmp_path / "runs")
        qtbot.addWidget(window)
        window.show()
        too_big = {}
        for name in lessons:
            window.lesson_box.setCurrentIndex(window.lesson_box.findData(name))
            needed = window.minimumSizeHint()
            if needed.width() > SMALL_SCREEN[0] or needed.height() > SMALL_SCREEN[1]:
                too_big[name] = (needed.width(), needed.height())
        # It was 1,403 x 787 (MNIST, row by row): the Runs view's row of buttons, the gate panel's row of
        # choices and its unwrapped caption, the drawing pad's stacked layout.
        assert too_big == {}
    finally:
        for translator in translators:
            QApplication.removeTranslator(translator)
        i18n.CURRENT_LANGUAGE = "en"


def test_the_first_window_is_no_larger_than_the_screen():
    assert default_size(None) == DEFAULT_SIZE                       # offscreen: no screen to fit
    assert default_size((1920, 1040)) == DEFAULT_SIZE
    assert default_size((1366, 728)) == (1360, 688)                 # under the title bar too
    assert default_size((1280, 680)) == (1280, 640)


def test_a_flow_wraps_its_items_onto_more_rows_when_narrow(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout()
    buttons = [QPushButton(text) for text in ("Open", "Continue training", "Show folder", "Export table as CSV…")]
    for button in buttons:
        flow.addWidget(button)
    outer = QVBoxLayout(host)
    outer.addLayout(flow)
    outer.addStretch(1)
    one_row = flow.sizeHint().width()
    widest = max(button.sizeHint().width() for button in buttons)
    assert flow.minimumSize().width() == widest                     # not the row: the widest item
    host.resize(one_row + 40, 200)
    host.show()
    qtbot.waitExposed(host)
    assert len({button.y() for button in buttons}) == 1             # room enough: one row, in order
    assert [button.x() for button in buttons] == sorted(button.x() for button in buttons)
    host.resize(widest + 40, 300)
    qtbot.waitUntil(lambda: len({button.y() for button in buttons}) == len(buttons))    # one per row
    assert flow.heightForWidth(widest) > flow.heightForWidth(one_row)
    buttons[1].hide()                                               # a hidden item takes no room
    assert flow.sizeHint().width() < one_row


def test_a_path_too_long_for_its_label_is_cut_in_the_middle_and_whole_in_the_tooltip(qtbot):
    label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
    qtbot.addWidget(label)
    text = "12 runs in /home/someone/a/very/long/folder/that/goes/on/and/on/rnn-workbench/runs"
    label.setText(text)
    assert label.minimumSizeHint().width() < 100                    # it never sets the window's width
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(text)
    label.resize(QSize(220, label.sizeHint().height()))
    label.show()
    qtbot.waitExposed(label)
    shown = QLabel.text(label)
    assert "…" in shown and shown.startswith("12 runs") and shown.endswith("runs") and label.toolTip() == text
    assert label.text() == text
