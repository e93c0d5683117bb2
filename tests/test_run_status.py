"""The status bar's progress: what it says after a step, and that it repaints with the frame, not at once."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QStatusBar

from widgets.run_status import RunStatus
from workbench.events import RunStarted, StepEnded


def started(total_steps: int = 200, epochs: int = 4) -> RunStarted:
    return RunStarted(task="t", device="cpu", parameter_count=10, total_steps=total_steps,
                      steps_per_epoch=total_steps // epochs, epochs=epochs, train_size=100, test_size=10,
                      data_description="d")


class LayoutRequests(QObject):
    """The layout requests that reach the watched widgets, by the receiver's class name."""

    def __init__(self, *widgets) -> None:
        super().__init__()
        self.seen: list[str] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.seen.append(type(watched).__name__)
        return False


def step(number: int, epoch: int) -> StepEnded:
    return StepEnded(step=number, epoch=epoch, loss=1.0, grad_norm=1.0, lr=0.1, samples=number * 50,
                     seconds=number / 10, total_steps=200, train_seconds=number / 10)


def test_a_step_sets_value_text_and_speed_and_leaves_updates_on(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = RunStatus(bar)
    status.run_started(started())
    status.progressed(step(50, 2), paused=False)
    assert status.progress.value() == 50
    assert status.progress.maximum() == 200
    assert status.progress.format().startswith("epoch 2/4 · 25% · ETA ")
    assert status.speed_label.text() == "500 samples/s"
    # The value is stored with updates off (no synchronous repaint); they must be on again afterwards,
    # or the bar would never be drawn again.
    assert status.progress.updatesEnabled()


def test_while_paused_the_value_moves_but_the_text_keeps_saying_paused(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = RunStatus(bar)
    status.run_started(started())
    status.say("paused")
    status.progressed(step(60, 2), paused=True)
    assert status.progress.value() == 60
    assert status.progress.format() == "paused"
    assert status.progress.updatesEnabled()


def test_the_bar_says_when_training_gives_way_to_other_programs(qtbot):
    from dataclasses import replace
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = RunStatus(bar)
    status.run_started(started())
    status.progressed(replace(step(50, 2), threads=1, thread_ceiling=2), paused=False)
    assert status.progress.format().endswith(" · 1/2 cores") and "Other programs" in status.progress.toolTip()
    status.progressed(replace(step(60, 2), threads=2, thread_ceiling=2), paused=False)
    assert "cores" not in status.progress.format() and not status.progress.toolTip()   # all of them again
    status.progressed(step(70, 2), paused=False)                 # a fixed count (--threads): nothing either
    assert "cores" not in status.progress.format()


def test_new_speeds_and_devices_do_not_relayout_the_window(qtbot):
    """Every new text of a label whose size can change asks its parents for a layout, up to the main window:
    7 times a second in the tiny lessons. The bar's labels keep their size, however fast training runs."""
    from dataclasses import replace

    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    status = RunStatus(window.statusBar())
    window.show()
    qtbot.waitExposed(window)
    status.run_started(started())
    QApplication.processEvents()                    # the window's own layout, once shown
    requests = LayoutRequests(window, window.statusBar())
    for number, seconds in ((60, 0.01), (70, 0.001), (80, 0.0003)):     # up to 13,333,333 samples/s
        status.progressed(replace(step(number, 2), train_seconds=seconds), paused=False)
        QApplication.processEvents()                # the posted layout requests, if any
    status.run_started(replace(started(), device="cuda:0"))
    QApplication.processEvents()
    assert requests.seen == []
    assert status.speed_label.text() == "13,333,333 samples/s"
    text_width = status.speed_label.fontMetrics().horizontalAdvance(status.speed_label.text())
    assert status.speed_label.contentsRect().width() >= text_width            # shown whole


def test_new_headlines_do_not_relayout_the_window(qtbot, window):
    """The headline changes with every evaluation; the window around it must not be laid out again for it
    (the headline's row absorbs the label's layout request), and the headline still spans its row."""
    requests = LayoutRequests(window, window.centralWidget(), window.splitter.widget(1))
    for _ in range(50):            # a window just shown lays itself out over a few rounds of events
        requests.seen.clear()
        QApplication.processEvents()
        if not requests.seen:
            break
    assert requests.seen == []
    for text in ("Test accuracy 91.0% (best 91.0%) after 100 steps", "Test loss 0.25 after 2000 steps",
                 "A headline " + "much longer " * 30):
        window.headline.setText(text)
        QApplication.processEvents()
    assert requests.seen == []
    row = window.headline.parentWidget()
    assert window.headline.geometry() == row.rect() and row.width() > 300
    assert window.headline.toolTip().startswith("A headline")             # too long: cut, whole in the tooltip
