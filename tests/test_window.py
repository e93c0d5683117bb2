"""The real window, driven the way a learner drives it (offscreen, waiting on signals, never sleeping)."""
import hashlib

import numpy as np
import pytest
import torch
from PySide6.QtCore import QEvent, QObject, QPoint

from tasks.mnist_rows import MnistRows
from tests.window_helpers import LONG, make_tiny, panel, train
from widgets.worker import MAX_RATE_HZ
from workbench.checkpoint import save_checkpoint
from workbench.spec import ModelSpec
from workbench.views import DigitGridView, LossView, MetricView


def test_train_in_the_window_fills_every_panel(qtbot, window):
    make_tiny(window)
    assert window.form.parameter_count.text() == f"{ModelSpec(hidden_size=16).parameter_count():,}"
    summary = train(qtbot, window)
    steps, losses = panel(window, LossView).plot.data("loss")
    assert steps.tolist() == list(range(1, 21)) and np.isfinite(losses).all()
    assert len(panel(window, LossView).plot.data("test_loss")[0]) == 2
    accuracy_steps, accuracy = panel(window, MetricView).plot.data("test_accuracy")
    assert accuracy_steps.tolist() == [10, 20]
    assert accuracy[-1] == pytest.approx(100 * summary["test_accuracy"])
    assert "Finished: test accuracy" in window.headline.text()
    assert panel(window, DigitGridView).grid.predictions is not None and len(panel(window, DigitGridView).grid.images) == 32
    assert window.status.progress.value() == 20
    assert "samples/s" in window.status.speed_label.text() and window.status.device_label.text() == "device: cpu"
    assert window.current_checkpoint == summary["checkpoint"]
    assert window.start_button.isEnabled()


def test_progress_updates_are_throttled(qtbot, window):
    make_tiny(window, epochs=3)
    window.form.batch_size.setValue(20)   # 600 steps, far more than 30 per second
    updates = []
    window.controller.progressed.connect(updates.append)
    summary = train(qtbot, window)
    received = sum(len(update.steps) for update in updates)
    assert received == 600                                # coalesced, not dropped
    assert len(updates) <= MAX_RATE_HZ * summary["seconds"] + 5   # throttled whatever the batch rate
    assert len(updates) < 600


def test_the_panels_keep_their_place_when_the_next_run_starts(qtbot, window):
    make_tiny(window)

    def panels_top() -> int:
        window.message_bar.parentWidget().layout().activate()   # what the next event-loop pass would do
        return window.tabs.mapTo(window, QPoint(0, 0)).y()

    before_any_message = panels_top()
    train(qtbot, window)
    assert window.message_bar.kind == "success"
    after_first_run = panels_top()
    assert after_first_run > before_any_message               # the message took room once...
    with qtbot.waitSignal(window.controller.run_started, timeout=LONG):
        assert window.start_training()
    assert window.message_bar.text == "" and not window.message_bar.isVisible()
    assert panels_top() == after_first_run                     # ...and keeps it: no plot moves at a run's start
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert panels_top() == after_first_run                     # nor at its end


class ResizeCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.resized: list[str] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize:
            self.resized.append(type(watched.parentWidget()).__name__)
        return False


def test_no_plot_is_laid_out_anew_while_runs_train(qtbot, window):
    """A plot that moves or resizes is repainted in full with its axes drawn anew: from the second run on,
    the window's layout holds still from a run's start to its result (the message strip, the axes' room)."""
    import pyqtgraph as pg
    make_tiny(window)
    train(qtbot, window)          # the first result may take more room than a line (a long run folder)
    counter = ResizeCounter()
    for view in window.findChildren(pg.GraphicsView):
        view.installEventFilter(counter)
    train(qtbot, window)
    assert counter.resized == []


def test_no_lesson_s_form_is_cut_off_at_the_right(qtbot, window, lessons):
    from PySide6.QtWidgets import QScrollArea
    from pytestqt.exceptions import TimeoutError
    scroll = window.side_panel.findChild(QScrollArea)
    for name in lessons:
        window._select_lesson(name)
        # (the rows this lesson shows are laid out in a later event-loop pass: waited for, not assumed)
        try:
            qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width(), timeout=2000)
        except TimeoutError:
            pytest.fail(f"{name}: a {scroll.widget().width()} px form in a {scroll.viewport().width()} px panel")


def test_stop_mid_run_keeps_the_half_trained_model(qtbot, window):
    make_tiny(window, epochs=50)
    with qtbot.waitSignal(window.controller.progressed, timeout=LONG):
        window.start_training()
    assert window.stop_button.isEnabled()
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        window.stop_button.click()
    assert done.args[0]["stopped"] and done.args[0]["steps"] < 1000
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert "Stopped" in window.headline.text()


def test_pause_and_resume(qtbot, window):
    make_tiny(window, epochs=3)
    with qtbot.waitSignal(window.controller.progressed, timeout=LONG):
        window.start_training()
    window.pause_button.click()
    assert window.controller.paused and window.pause_button.text() == "Resume"
    window.pause_button.click()
    assert not window.controller.paused and window.pause_button.text() == "Pause"
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        pass
    assert done.args[0]["steps"] == 60


def test_closing_mid_run_stops_and_joins_the_thread(qtbot, window):
    make_tiny(window, epochs=50)
    with qtbot.waitSignal(window.controller.progressed, timeout=LONG):
        window.start_training()
    assert window.controller.busy
    window.close()
    assert not window.controller.busy   # shutdown() waited for the thread; the fixture checks it ended


def test_form_refuses_hidden_size_zero(window):
    window.form.hidden_size.setValue(0)
    row = window.form.rows["hidden_size"]
    assert not row.error.isHidden()
    assert row.error.text() == "hidden size must be a whole number from 1 to 4096, got 0"
    assert not window.start_button.isEnabled() and window.form.parameter_count.text() == "—"
    assert not window.start_training()
    window.form.hidden_size.setValue(32)
    assert row.error.isHidden() and window.start_button.isEnabled()


def test_form_explains_a_bad_learning_rate_and_useless_dropout(window):
    window.form.lr.setText("fast")
    assert "learning rate must be a number" in window.form.rows["lr"].error.text()
    window.form.lr.setText("0.01")
    window.form.dropout.setValue(0.3)
    assert "with 1 layer it does nothing" in window.form.rows["dropout"].error.text()
    window.form.num_layers.setValue(2)
    assert window.form.rows["dropout"].error.isHidden()


def test_presets_fill_the_form(window):
    assert window.apply_preset("best")
    spec, config, problems = window.form.values()
    assert not problems
    assert spec.cell == "gru" and spec.bidirectional and config.schedule == "onecycle" and config.shift_px == 2
    assert window.apply_preset("lstm-128x2")
    spec, config, _ = window.form.values()
    assert (spec.hidden_size, spec.num_layers, config.lr, config.batch_size) == (128, 2, 1e-3, 100)


def test_save_then_open_gives_identical_predictions(qtbot, window, tmp_path):
    make_tiny(window)
    summary = train(qtbot, window)
    trained_predictions = panel(window, DigitGridView).grid.predictions.copy()
    saved = tmp_path / "saved.pt"
    assert window.save_checkpoint_to(str(saved)) and saved.exists()
    window.form.hidden_size.setValue(48)
    panel(window, DigitGridView).grid.clear()
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as opened:
        assert window.open_checkpoint(str(saved))
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert opened.args[0]["test_accuracy"] == summary["test_accuracy"]
    assert window.form.hidden_size.value() == 16            # the form shows the opened network
    assert np.array_equal(panel(window, DigitGridView).grid.predictions, trained_predictions)
    assert "Opened checkpoint" in window.headline.text()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_malicious(path):
    class RunsCode:
        def __reduce__(self):
            return (print, ("pwned",))
    torch.save({"x": RunsCode()}, path)


def write_wrong_shape(path):
    torch.save(MnistRows().build(ModelSpec(cell="gru", hidden_size=16)).state_dict(), path)


def write_mismatched(path):
    model = MnistRows().build(ModelSpec(cell="gru", hidden_size=16))
    save_checkpoint(path, "mnist-rows", ModelSpec(cell="lstm", hidden_size=16), model)


@pytest.mark.parametrize("make, words", [
    (lambda path: path.write_bytes(b"\x13\x37 random bytes" * 50), "not a PyTorch checkpoint"),
    (write_malicious, "could run that code"),
    (write_wrong_shape, "do not fit a LSTM 16×1"),
    (write_mismatched, "do not fit a LSTM 16×1"),
])
def test_bad_checkpoints_give_a_message_and_change_nothing(qtbot, window, tmp_path, make, words):
    make_tiny(window)
    previous = train(qtbot, window)["checkpoint"]
    path = tmp_path / "bad.pt"
    make(path)
    before = digest(path)
    with qtbot.waitSignal(window.job_failed, timeout=LONG) as failed:
        assert window.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert words in failed.args[0]
    assert window.message_bar.kind == "error" and words in window.message_bar.label.text()
    assert digest(path) == before
    assert window.current_checkpoint == previous          # the trained model is still the current one
    assert window.form.hidden_size.value() == 16
    assert window.start_button.isEnabled()


def test_truncated_checkpoint_in_the_window(qtbot, window, tmp_path):
    make_tiny(window)
    summary = train(qtbot, window)
    path = tmp_path / "cut.pt"
    path.write_bytes(open(summary["checkpoint"], "rb").read()[:500])
    with qtbot.waitSignal(window.job_failed, timeout=LONG) as failed:
        window.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert "truncated" in failed.args[0]


def test_missing_mnist_folder_keeps_the_embedded_set(window, tmp_path):
    reason = window.form.set_data_root(str(tmp_path))
    assert "no MNIST files" in reason and window.form.data_root.text() == ""
    assert "no MNIST files" in window.form.rows["data_root"].error.text()
    assert window.start_button.isEnabled()


def test_the_last_snapshot_is_never_dropped_by_the_throttle(qtbot):
    """Snapshots closer together than the throttle allows are held back, not lost: the final one arrives."""
    from widgets.worker import JobController
    from workbench.events import Snapshot
    controller = JobController()
    received = []
    controller.snapshot_taken.connect(received.append)

    def job(worker):
        forward = worker.listeners()["on_snapshot"][0]
        for step in range(50):                    # far faster than MAX_RATE_HZ
            forward(Snapshot(step, {}))
        return {}

    with qtbot.waitSignal(controller.finished, timeout=LONG):
        controller.start(job)
    assert received[-1].step == 49
    assert len(received) < 50
