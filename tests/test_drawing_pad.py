"""The drawing pad, driven with the mouse."""
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.window_helpers import LONG, make_tiny, panel, train
from widgets.panels.drawing_pad import NO_ANSWER
from workbench.views import DrawingPadView, GatesView


def mouse(widget, kind, x, y, button=Qt.MouseButton.LeftButton):
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(kind, QPointF(x, y), widget.mapToGlobal(QPointF(x, y)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def stroke(canvas, points, button=Qt.MouseButton.LeftButton):
    mouse(canvas, QEvent.Type.MouseButtonPress, *points[0], button)
    for point in points[1:]:
        mouse(canvas, QEvent.Type.MouseMove, *point, button)
    mouse(canvas, QEvent.Type.MouseButtonRelease, *points[-1], button)


@pytest.fixture
def trained_pad(qtbot, window):
    make_tiny(window)
    pad = panel(window, DrawingPadView)
    window.tabs.setCurrentWidget(pad)     # a hidden pad only keeps the weights; a visible one loads them
    train(qtbot, window)
    qtbot.waitUntil(lambda: pad.has_model, timeout=LONG)   # the pad's worker has built its copy
    return pad


def test_drawing_gives_probabilities_and_a_per_row_reading(qtbot, trained_pad):
    pad = trained_pad
    stroke(pad.canvas, [(140, 40), (140, 120), (141, 240)])      # a "1"
    qtbot.waitUntil(lambda: pad.reading is not None and pad.reading.request == pad._request, timeout=LONG)
    reading = pad.reading
    assert reading.probabilities.shape == (10,) and reading.probabilities.sum() == pytest.approx(1, abs=1e-5)
    assert reading.per_row.shape == (28, 10)
    assert np.allclose(reading.per_row.sum(axis=1), 1, atol=1e-5)
    assert np.allclose(pad.reading.per_row[-1], pad.reading.probabilities, atol=1e-6)
    assert pad.reading.digit.shape == (28, 28) and pad.reading.digit.any()
    assert pad.status.text() == "Reading with LSTM 16×1 (live). Draw a digit!"
    assert pad.top_label.text() == str(int(pad.reading.probabilities.argmax()))
    percent = min(99, int(100 * pad.reading.probabilities.max()))           # never "100% sure"
    assert pad.top_caption.text() == f"{percent}% sure"
    assert pad.latencies_ms and all(latency > 0 for latency in pad.latencies_ms)
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Escape)                           # cleared: no answer, a pale "?"
    qtbot.waitUntil(lambda: pad.top_caption.text() == "Draw a digit", timeout=LONG)
    assert pad.top_label.text() == NO_ANSWER and ">?<" in NO_ANSWER


def test_undo_erase_and_clear(qtbot, window):
    canvas = panel(window, DrawingPadView).canvas
    assert canvas.is_empty()
    stroke(canvas, [(50, 50), (200, 200)])
    first = canvas.pixels()
    assert first.any() and len(canvas.strokes) == 1
    stroke(canvas, [(50, 200), (200, 50)])
    assert len(canvas.strokes) == 2
    canvas.undo()
    assert np.array_equal(canvas.pixels(), first)
    stroke(canvas, [(40, 40), (210, 210)], Qt.MouseButton.RightButton)     # erase along the first stroke
    assert canvas.pixels().sum() < first.sum() / 4
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.is_empty() and canvas.strokes == []


def test_without_a_classifier_the_pad_says_so(window):
    pad = panel(window, DrawingPadView)
    assert "No classifier yet" in pad.status.text()
    # Its empty list of mistakes says how to fill it (not that digits come with training: they do not).
    assert pad.mistakes_button.text() in pad.mistakes.placeholder


def test_a_checkpoint_of_another_lesson_is_refused_with_the_reason(qtbot, tmp_path, lessons):
    from tasks.mnist_rows import MnistRows
    from tasks.sine_forecast import SineForecast
    from widgets.panels.drawing_pad import DrawingPad
    from workbench.checkpoint import save_checkpoint
    from workbench.task import ProbeSelection

    context = SimpleNamespace(lessons=lessons, probe=ProbeSelection(), view=MnistRows.view, data_root=lambda: "")
    pad = DrawingPad(DrawingPadView(), context)
    qtbot.addWidget(pad)
    task = SineForecast()
    spec = task.default_spec()
    path = save_checkpoint(tmp_path / "sine.pt", task.name, spec, task.build(spec))
    pad.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: "'sine-forecast', which does not classify digits" in pad.status.text(), timeout=LONG)
    pad.shutdown()


def test_misread_test_digits_load_into_the_pad(qtbot, trained_pad):
    pad = trained_pad
    pad.mistakes_button.click()
    qtbot.waitUntil(lambda: getattr(pad, "mistake_set", None) is not None, timeout=LONG)
    found = pad.mistake_set
    assert len(found["labels"]) > 0 and (found["predictions"] != found["labels"]).all()
    pad.mistakes.resize(800, 200)
    first = pad.mistakes.cell_rects()[0].center()
    x, y = first.x(), first.y()
    with qtbot.waitSignal(pad.probabilities_changed, timeout=LONG):
        mouse(pad.mistakes, QEvent.Type.MouseButtonPress, x, y)
    assert pad.canvas.pixels().any()


def test_a_hidden_pad_loads_the_weights_when_it_is_shown(qtbot, window):
    make_tiny(window)
    pad = panel(window, DrawingPadView)
    train(qtbot, window)
    assert not pad.has_model                                         # not loaded while hidden
    window.tabs.setCurrentWidget(pad)
    qtbot.waitUntil(lambda: pad.has_model, timeout=LONG)


def test_the_drawing_can_be_looked_at_inside_the_cell(qtbot, window, trained_pad):
    pad = trained_pad
    stroke(pad.canvas, [(100, 60), (180, 60), (120, 240)])
    # The answer to the newest canvas (earlier answers may still be arriving).
    qtbot.waitUntil(lambda: pad.reading is not None and pad.reading.request == pad._request, timeout=LONG)
    pad.inspect_button.click()
    qtbot.waitUntil(lambda: "Your drawing" in panel(window, GatesView).sample_label.text(), timeout=LONG)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert window.tabs.currentWidget() is panel(window, GatesView)
    assert panel(window, GatesView).gates["0.0.h"].shape == (16, 28)


def test_a_click_leaves_a_dot(window):
    canvas = panel(window, DrawingPadView).canvas
    mouse(canvas, QEvent.Type.MouseButtonPress, 140, 140)
    mouse(canvas, QEvent.Type.MouseButtonRelease, 140, 140)
    pixels = canvas.pixels()
    assert pixels[140, 140] > 200 and pixels[140, 170] == 0
