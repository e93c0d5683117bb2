"""Gate heatmaps and gradients through time, in the real window."""
import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from tests.window_helpers import LONG, make_tiny, panel, train
from workbench.views import GatesView, GradientsView


def test_gates_and_gradients_arrive_with_the_right_shapes(qtbot, window):
    make_tiny(window)
    train(qtbot, window)
    window.show_panel(GatesView)
    gates_panel = panel(window, GatesView)
    assert set(gates_panel.gates) == {f"0.0.{gate}" for gate in "ifgoch"}
    assert all(values.shape == (16, 28) for values in gates_panel.gates.values())
    assert gates_panel.heatmap.image.shape == (16, 28)
    assert [gates_panel.gate_box.itemData(i) for i in range(gates_panel.gate_box.count())] == list("ifgoch")
    gates_panel.gate_box.setCurrentIndex(gates_panel.gate_box.findData("f"))
    assert np.array_equal(gates_panel.heatmap.image, gates_panel.gates["0.0.f"])
    gates_panel.order_box.setCurrentIndex(gates_panel.order_box.findData("mean"))
    means = gates_panel.heatmap.image.mean(axis=1)
    assert np.all(np.diff(means) >= 0)                        # rows sorted by mean activation
    gradients = panel(window, GradientsView).latest
    assert gradients.shape == (1, 28) and np.isfinite(gradients).all() and (gradients > 0).all()
    assert set(panel(window, GradientsView).norm_lines) == {""}            # one grey line: this run's
    buffer, _ = panel(window, GradientsView).norm_lines[""]
    assert buffer.full.x.tolist() == list(range(1, 21)) and (buffer.full.y > 0).all()


def test_next_digit_recomputes_in_the_worker(qtbot, window):
    make_tiny(window)
    train(qtbot, window)
    assert not panel(window, GatesView).gates            # hidden behind the Training tab: nothing drawn yet
    window.show_panel(GatesView)                         # shown: it draws the newest snapshot it was sent
    before = panel(window, GatesView).gates["0.0.h"].copy()
    with qtbot.waitSignal(window.controller.finished, timeout=LONG):
        panel(window, GatesView).next_button.click()
        assert window.controller.busy                        # the GUI thread only started a job
    assert window.probe.index == 1
    assert "Test digit #1" in panel(window, GatesView).sample_label.text()
    assert not np.array_equal(panel(window, GatesView).gates["0.0.h"], before)


def test_bidirectional_gru_offers_both_directions_and_its_gates(qtbot, window):
    make_tiny(window)
    window.form._select(window.form.cell, "gru")
    window.form.bidirectional.setChecked(True)
    window.form.num_layers.setValue(2)
    train(qtbot, window)
    window.show_panel(GatesView)
    gates_panel = panel(window, GatesView)
    assert gates_panel.direction_box.count() == 2 and gates_panel.layer_box.count() == 2
    assert [gates_panel.gate_box.itemData(i) for i in range(gates_panel.gate_box.count())] == list("rznh")
    assert panel(window, GradientsView).latest.shape == (4, 28)


def test_compare_cells_overlays_three_gradient_curves(qtbot, window):
    make_tiny(window)
    window.form.batch_size.setValue(500)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        panel(window, GradientsView).compare_button.click()
        assert window.controller.busy and window.tabs.currentWidget() is panel(window, GradientsView)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert set(done.args[0]["compare"]) == {"rnn", "lstm", "gru"}
    gradients = panel(window, GradientsView)
    assert {key for key in gradients.now_curves} == {"compare:rnn", "compare:lstm", "compare:gru"}
    # The global gradient norm: one line per cell, each with every step of its own run, named by the keys under it.
    assert set(gradients.norm_lines) == {"rnn", "lstm", "gru"}
    steps_per_run = done.args[0]["compare"]["rnn"]["steps"]
    for buffer, _ in gradients.norm_lines.values():
        assert buffer.full.x.tolist() == list(range(1, steps_per_run + 1)) and (buffer.full.y > 0).all()
    assert [key.text() for key in gradients.norm_keys.keys] == ["RNN", "LSTM", "GRU"]
    rnn, lstm = gradients.norm_lines["rnn"][0].full.y, gradients.norm_lines["lstm"][0].full.y
    assert not np.array_equal(rnn, lstm)                                   # each cell's own norms
    headline = window.headline
    results = done.args[0]["compare"]
    assert headline.text() == "Compared, test accuracy: " + ", ".join(
        f"{cell.upper()} {100 * results[cell]['test_accuracy']:.1f}%" for cell in ("rnn", "lstm", "gru"))
    shown = QLabel.text(headline)                                          # what the label paints
    assert headline.fontMetrics().horizontalAdvance(shown) <= headline.contentsRect().width()
    # The history heatmap holds each cell's snapshots in turn: named on its axis, a line between cells.
    assert gradients.history_tags[0] == "rnn" and gradients.history_tags[-1] == "gru"
    assert [cell for cell, _first, _end in gradients._blocks] == ["rnn", "lstm", "gru"]
    ticks = gradients.history_plot.getAxis("left")._tickLevels[0]
    assert [name for _, name in ticks] == ["RNN", "LSTM", "GRU"]
    assert [line.value() for line in gradients._separators] == [first for _, first, _ in gradients._blocks[1:]]
    assert gradients.history_tags.index("lstm") == gradients._blocks[1][1]
    gradients.job_starting("train", window.form.values()[1])             # a plain run next: plain numbers
    assert gradients.history_plot.getAxis("left")._tickLevels is None and not gradients._separators
    gradients_tab = window.tabs.tabText(window.tabs.indexOf(panel(window, GradientsView)))
    assert f"overlaid in the tab “{gradients_tab}”" in window.message_bar.label.text()     # the tab as it is named


@pytest.mark.parametrize("clip", [0.0, 0.5])
def test_clip_threshold_line_follows_the_form(qtbot, window, clip):
    make_tiny(window)
    window.form.clip_norm.setValue(clip)
    train(qtbot, window)
    line = panel(window, GradientsView).clip_line
    assert line.isVisible() == (clip > 0)
    if clip:
        assert line.value() == pytest.approx(clip)


def test_a_hidden_gradient_panel_keeps_every_snapshot_and_draws_when_shown(qtbot):
    from types import SimpleNamespace

    from widgets.panels.gradient_panel import GradientPanel
    from workbench.frames import GradientFrame
    gradient_panel = GradientPanel(GradientsView(), SimpleNamespace())
    qtbot.addWidget(gradient_panel)
    gradient_panel.set_ready(False)                            # a job is running
    for index in range(12):
        norms = np.full((2, 28), 10.0 ** -(index % 3))
        gradient_panel.show_frame(GradientFrame(norms=norms, bidirectional=False))
    assert gradient_panel.history.shape == (12, 28)            # the history misses nothing while hidden ...
    assert gradient_panel.now_curves == {}                     # ... but nothing was drawn
    gradient_panel.show()
    qtbot.waitExposed(gradient_panel)
    assert set(gradient_panel.now_curves) == {"row:0", "row:1"}
    x, y = gradient_panel.now_curves["row:1"].getData()
    assert len(x) == 28 and np.allclose(y, -(11 % 3))          # the newest snapshot (log10: a log axis)
    assert np.array_equal(gradient_panel.history_image.image, gradient_panel.history)
    # The snapshot axis spans the next power of two (16 for 12 rows), so it is not redrawn per snapshot ...
    assert gradient_panel.history_plot.viewRange()[1] == pytest.approx([0, 16])
    gradient_panel.set_ready(True)                             # ... and fits the rows once the job has ended
    assert gradient_panel.history_plot.viewRange()[1] == pytest.approx([0, 12])


def test_the_latest_gradient_legend_sits_in_the_corner_the_curves_leave_free(qtbot):
    from types import SimpleNamespace

    from widgets.panels.gradient_panel import GradientPanel
    from workbench.frames import GradientFrame
    gradient_panel = GradientPanel(GradientsView(), SimpleNamespace())
    qtbot.addWidget(gradient_panel)
    gradient_panel.show()
    qtbot.waitExposed(gradient_panel)
    legend = gradient_panel.now_legend
    growing = 10.0 ** np.linspace(-6, 0, 28)[None]             # a digit read row by row: the loss at the end
    gradient_panel.show_frame(GradientFrame(norms=growing, bidirectional=False))
    assert tuple(legend.opts["offset"]) == (-10, -10)
    shrinking = growing[:, ::-1]                                # a loss at every step: early steps gather most
    gradient_panel.show_frame(GradientFrame(norms=shrinking, bidirectional=False))
    assert tuple(legend.opts["offset"]) == (-10, 10)


def test_a_headline_wider_than_the_window_is_cut_with_the_whole_of_it_in_the_tooltip(qtbot):
    from widgets.headline import Headline
    headline = Headline("Short")
    qtbot.addWidget(headline)
    headline.resize(300, 40)
    headline.show()
    assert QLabel.text(headline) == "Short" and headline.toolTip() == ""
    long = "Compared, test accuracy: " + ", ".join(f"CELL{index} 12.3%" for index in range(12))
    headline.setText(long)
    shown = QLabel.text(headline)
    assert headline.text() == long and shown.endswith("…") and long.startswith(shown[:-1])
    assert headline.fontMetrics().horizontalAdvance(shown) <= headline.contentsRect().width()
    assert headline.toolTip() == long
    headline.resize(4000, 40)                                              # room again: all of it, no tooltip
    assert QLabel.text(headline) == long and headline.toolTip() == ""



@pytest.mark.parametrize("lesson, reads", [("mnist-rows", "one row of the digit"),
                                           ("sine-to-cos", "one sample of the window"),
                                           ("sine-generation", "one point of the sequence")])
def test_the_gradient_panels_note_says_what_a_time_step_reads_in_its_lesson(qtbot, lessons, lesson, reads):
    from types import SimpleNamespace

    from widgets.panels.gradient_panel import GradientPanel
    spec = next(view for view in lessons[lesson].view.panels if isinstance(view, GradientsView))
    gradient_panel = GradientPanel(spec, SimpleNamespace())
    qtbot.addWidget(gradient_panel)
    note = gradient_panel.note.text()
    assert f"each time step (a time step reads {reads})" in note
    assert ("digit" in note) == (lesson == "mnist-rows")      # a sine lesson's note speaks of no digit
