"""The Runs view in the real window: the lesson's runs listed live, overlays named by what differs, and
its actions (open, continue, delete, export); settings that persist between launches."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.window_helpers import LONG, make_tiny, train
from widgets.main_window import MainWindow
from widgets.runs_view import MAX_LEGEND_RUNS
from widgets.window_settings import WindowSettings
from workbench.run_index import list_runs


def rows_shown(view):
    return view.proxy.rowCount()


def wait_overlays(qtbot, view, select):
    with qtbot.waitSignal(view.overlays_drawn, timeout=LONG):
        select()


def sine_run(qtbot, window, hidden):
    window.form.hidden_size.setValue(hidden)
    window.form.epochs.setValue(2)
    return train(qtbot, window)


def test_the_runs_tab_lists_the_lessons_runs_and_follows_a_live_one(qtbot, window):
    window._select_lesson("sine-to-cos")
    view = window.runs_view
    assert window.tabs.tabText(window.tabs.count() - 1) == "Runs" and rows_shown(view) == 0
    assert not view.differences.isVisibleTo(view)              # nothing overlaid: no empty table either
    window.form.epochs.setValue(30)
    window.show_runs()
    assert window.start_training()
    qtbot.waitUntil(lambda: bool(view.model.rows) and view.model.rows[0]["status"] == "running", timeout=LONG)
    qtbot.waitUntil(lambda: view.selected_dirs() == [view.model.rows[0]["run_dir"]], timeout=LONG)   # and drawn
    qtbot.waitUntil(lambda: view.model.rows[0]["epochs_done"] >= 1, timeout=LONG)    # followed while it trains
    window.stop_training()
    qtbot.waitUntil(lambda: not window.controller.busy and view.is_current, timeout=LONG)
    assert [row["status"] for row in view.model.rows] == ["stopped"]
    window._select_lesson("curve-fit")
    assert rows_shown(view) == 0                               # only the current lesson's runs


def test_the_runs_view_opens_on_the_newest_run_and_a_cleared_selection_stays_clear(qtbot, window):
    window._select_lesson("curve-fit")
    make_tiny(window)
    view = window.runs_view
    train(qtbot, window)
    second = train(qtbot, window)
    with qtbot.waitSignal(view.overlays_drawn, timeout=LONG):
        window.show_runs()
    assert view.selected_dirs() == [second["run_dir"]] and len(view.loss_plot.listDataItems()) == 1
    view.select_dirs([])                                        # the learner clears it ...
    window.tabs.setCurrentIndex(0)
    window.show_runs()
    assert view.is_current and view.selected_dirs() == []       # ... and it stays clear
    window.tabs.setCurrentIndex(0)
    third = train(qtbot, window)
    window.show_runs()                                          # until a newer run is there
    qtbot.waitUntil(lambda: view.selected_dirs() == [third["run_dir"]], timeout=LONG)


def test_listings_when_a_job_starts_and_ends_happen_in_the_reader_thread(qtbot, window, monkeypatch):
    import threading
    window._select_lesson("curve-fit")
    make_tiny(window)
    view = window.runs_view
    listed_in = []
    rows = view.lister.rows
    monkeypatch.setattr(view.lister, "rows", lambda *args: listed_in.append(threading.current_thread()) or rows(*args))
    result = train(qtbot, window)
    assert listed_in and threading.main_thread() not in listed_in
    assert [row["run_dir"] for row in view.model.rows] == [result["run_dir"]]
    assert view.model.rows[0]["status"] == "finished"
    assert view.count_label.text() == f"1 run in {window.runs_root}"      # not "1 runs"


def test_a_lesson_switch_lists_the_lessons_runs_in_the_reader_thread(qtbot, window, monkeypatch):
    import threading
    window._select_lesson("curve-fit")
    make_tiny(window)
    result = train(qtbot, window)
    view = window.runs_view
    qtbot.waitUntil(lambda: view.is_current, timeout=LONG)
    window._select_lesson("two-class")
    assert rows_shown(view) == 0                 # curve-fit's run leaves at once, not under two-class's name
    qtbot.waitUntil(lambda: view.is_current, timeout=LONG)
    listed_in = []
    rows = view.lister.rows
    monkeypatch.setattr(view.lister, "rows", lambda *args: listed_in.append(threading.current_thread()) or rows(*args))
    window._select_lesson("curve-fit")
    assert rows_shown(view) == 0 and not view.is_current and "Listing" in view.count_label.text()
    qtbot.waitUntil(lambda: view.is_current, timeout=LONG)
    assert [row["run_dir"] for row in view.model.rows] == [result["run_dir"]]
    assert listed_in and threading.main_thread() not in listed_in


def test_a_scripted_screenshot_of_the_runs_view_waits_for_the_run_as_it_ended(qtbot, window, monkeypatch):
    from widgets.script import ScriptOptions
    window._select_lesson("curve-fit")
    make_tiny(window)
    window.script = ScriptOptions(show_runs=True)       # --show-runs --autostart --screenshot
    statuses_when_done = []
    monkeypatch.setattr(window, "on_script_done", lambda failed=False: statuses_when_done.append(
        ([row["status"] for row in window.runs_view.model.rows], len(window.runs_view.loss_plot.listDataItems()))))
    window.show_runs()
    window.runs_view.select_all()                       # as the script does: every run listed so far (none)
    train(qtbot, window)
    qtbot.waitUntil(lambda: bool(statuses_when_done), timeout=LONG)
    assert statuses_when_done == [(["finished"], 1)]   # the run that trained is listed as it ended, and drawn


def test_a_scripted_screenshot_of_the_runs_view_without_training_waits_for_the_overlays(qtbot, window, monkeypatch):
    from widgets.script import ScriptOptions, run_script
    window._select_lesson("curve-fit")
    make_tiny(window)
    train(qtbot, window)
    window.runs_view.select_dirs([])
    done = []
    monkeypatch.setattr(window, "on_script_done", lambda failed=False: done.append(
        len(window.runs_view.loss_plot.listDataItems())))
    run_script(window, ScriptOptions(show_runs=True))         # --show-runs --screenshot, no --autostart
    qtbot.waitUntil(lambda: bool(done), timeout=LONG)
    assert done == [1] and len(window.runs_view.selected_dirs()) == 1


def test_selected_runs_are_overlaid_and_named_by_what_differs(qtbot, window):
    from widgets.panels.plot_style import legend_corner
    window._select_lesson("sine-to-cos")
    first, second = sine_run(qtbot, window, 8), sine_run(qtbot, window, 24)
    view = window.runs_view
    window.show_runs()
    assert window.tabs.currentWidget() is view and rows_shown(view) == 2
    wait_overlays(qtbot, view, view.select_all)
    labels = sorted(item.text for _sample, item in view.loss_legend.items)
    assert labels == ["hidden 24", "hidden 8"]
    assert len(view.loss_plot.listDataItems()) == 2 and len(view.metric_plot.listDataItems()) == 2
    x, y = view.metric_plot.listDataItems()[0].getData()
    assert len(x) == 4                                         # 2 epochs x 2 evaluations
    for plot, legend in ((view.loss_plot, view.loss_legend), (view.metric_plot, view.metric_legend)):
        drawn = [item.getData() for item in plot.listDataItems()]      # the legend where the curves are not
        assert tuple(legend.opts["offset"]) == legend_corner(drawn)
    assert view.differences.rowCount() == 2 and view.differences.horizontalHeaderItem(1).text() == "hidden"
    table = view.differences                                   # as wide as its two columns, not 360 px
    columns = sum(table.columnWidth(column) for column in range(table.columnCount()))
    assert columns <= table.width() - 2 * table.frameWidth() and table.width() < 200
    rows = table.horizontalHeader().height() + sum(table.rowHeight(row) for row in range(2))
    assert rows <= table.height() - 2 * table.frameWidth() < rows + 4   # and as tall as its rows, not the plots
    assert "hidden" in view.model.headers                      # the differing setting is a column
    view.filter.setText(Path(second["run_dir"]).name)      # any column matches: here the folder
    assert rows_shown(view) == 1
    view.filter.clear()
    view.table.sortByColumn(view.model.headers.index("hidden"), view.table.horizontalHeader().sortIndicatorOrder())
    assert {first["run_dir"], second["run_dir"]} == {row["run_dir"] for row in view.model.rows}
    # Many runs: legends would cover the plots; the table beside them keys the colours instead.
    import shutil
    for copy in range(MAX_LEGEND_RUNS):
        shutil.copytree(second["run_dir"], f"{second['run_dir']}-copy{copy}")
    listed(qtbot, view)
    assert rows_shown(view) == MAX_LEGEND_RUNS + 2
    wait_overlays(qtbot, view, view.select_all)
    assert len(view.loss_plot.listDataItems()) == MAX_LEGEND_RUNS + 2
    assert not view.loss_legend.isVisible() and not view.loss_legend.items and not view.metric_legend.isVisible()
    assert view.differences.rowCount() == MAX_LEGEND_RUNS + 2 and "table" in view.hint.text()
    copies = [second["run_dir"]] + [f"{second['run_dir']}-copy{copy}" for copy in range(MAX_LEGEND_RUNS)]
    wait_overlays(qtbot, view, lambda: view.select_dirs(copies))      # nothing differs: no table either
    assert not view.loss_legend.isVisible() and "same settings" in view.hint.text()
    assert not view.differences.isVisibleTo(view)
    wait_overlays(qtbot, view, lambda: view.select_dirs([first["run_dir"], second["run_dir"]]))
    assert view.loss_legend.isVisible() and len(view.loss_legend.items) == 2


def test_open_continue_delete_and_export_from_the_runs_view(qtbot, window, tmp_path, monkeypatch):
    window._select_lesson("sine-to-cos")
    done = sine_run(qtbot, window, 8)
    view = window.runs_view
    wait_overlays(qtbot, view, lambda: view.select_dirs([done["run_dir"]]))
    assert view.continue_button.isEnabled() and view.continue_epochs.value() == 4
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as continued:
        view.continue_button.click()
    qtbot.waitUntil(lambda: not window.controller.busy and view.is_current, timeout=LONG)
    summary = continued.args[0]
    assert summary["run_dir"] == done["run_dir"] and summary["resumed_from_epoch"] == 2 and summary["epochs"] == 4
    assert view.model.rows[0]["epochs_done"] == 4 and len(view.model.rows) == 1
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as opened:
        view.open_button.click()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert opened.args[0]["checkpoint"] == str(Path(done["run_dir"]) / "checkpoint.pt")
    table = tmp_path / "exported.csv"
    assert view.export_csv(str(table))
    with table.open(newline="") as file:
        assert [row["run_dir"] for row in csv.DictReader(file)] == [done["run_dir"]]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    view.select_dirs([done["run_dir"]])
    view.delete_button.click()
    assert Path(done["run_dir"]).exists()                      # asked first, and the answer was no
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    view.delete_button.click()
    assert not Path(done["run_dir"]).exists() and rows_shown(view) == 0


def test_interrupted_and_damaged_runs_are_listed_with_their_state(qtbot, window):
    window._select_lesson("curve-fit")
    make_tiny(window)
    result = train(qtbot, window)
    config = Path(result["run_dir"]) / "config.json"
    record = json.loads(config.read_text())
    config.write_text(json.dumps(dict(record, status="running")))       # its process died mid-run
    listed(qtbot, window.runs_view)
    assert window.runs_view.model.rows[0]["status"] == "interrupted"
    assert window.runs_view.model.data(window.runs_view.model.index(0, 0)) == "interrupted"
    (Path(result["run_dir"]) / "metrics.csv").write_bytes(b"")
    config.write_text(json.dumps(record))
    listed(qtbot, window.runs_view)
    assert list_runs(window.runs_root, window.lessons)[0]["status"] == "damaged"
    assert window.runs_view.model.rows[0]["status"] == "damaged"


def listed(qtbot, view):
    """Ask the view to list the runs again and wait until the table shows that listing."""
    view.refresh()
    qtbot.waitUntil(lambda: view.is_current, timeout=LONG)


def make_window(qtbot, tmp_path, lessons, settings):
    window = MainWindow(lessons, tmp_path / "runs", settings=settings)
    qtbot.addWidget(window)
    return window


def test_the_lesson_form_and_layout_come_back_at_the_next_launch(qtbot, tmp_path, lessons):
    path = str(tmp_path / "settings.ini")
    window = make_window(qtbot, tmp_path, lessons, WindowSettings(path))
    window._select_lesson("sine-forecast")
    window.form.hidden_size.setValue(48)
    window._select_lesson("two-class")
    window.form.lr.setText("0.123")
    window.resize(700, 500)      # within the offscreen screen (restoreGeometry keeps windows on screen)
    window.close()
    again = make_window(qtbot, tmp_path, lessons, WindowSettings(path))
    assert again.task.name == "two-class" and float(again.form.lr.text()) == pytest.approx(0.123)
    assert again.size().width() == 700 and again.message_bar.kind == ""
    again._select_lesson("sine-forecast")
    assert again.form.hidden_size.value() == 48
    again.menus.reset_settings()
    assert again.task.name == next(iter(lessons)) and again.size().width() == 1360
    again._select_lesson("sine-forecast")
    assert again.form.hidden_size.value() == lessons["sine-forecast"]().default_spec().hidden_size
    again.close()


@pytest.mark.parametrize("content", [b"\x00\xff garbage \x00" * 40, b"[General]\nversion=1\nform%2Ftwo-class=not json\n"
                                     b"window%2Fgeometry=@ByteArray(junk)\nlesson=sine-to-cos\n"])
def test_a_corrupt_settings_file_is_ignored_with_a_note(qtbot, tmp_path, lessons, content):
    path = tmp_path / "settings.ini"
    path.write_bytes(content)
    window = make_window(qtbot, tmp_path, lessons, WindowSettings(str(path)))
    window._select_lesson("two-class")
    assert float(window.form.lr.text()) == pytest.approx(lessons["two-class"]().default_config().lr)
    assert window.message_bar.kind == "info" and "ignored" in window.message_bar.label.text()
    window.close()


def test_read_only_settings_use_a_file_and_leave_it_as_it_was(qtbot, tmp_path, lessons):
    """A scripted run's settings: what the file says is used, nothing is written; a damaged file is ignored
    (with the note) and left as it is, not cleared."""
    path = tmp_path / "settings.ini"
    kept = WindowSettings(str(path))
    kept.set("lesson", "two-class")
    kept.sync()
    before = path.read_bytes()
    window = make_window(qtbot, tmp_path, lessons, WindowSettings(str(path), read_only=True))
    assert window.task.name == "two-class"
    window._select_lesson("sine-forecast")
    window.form.hidden_size.setValue(48)
    window.close()
    assert path.read_bytes() == before
    damaged = b"\x00\xff garbage \x00" * 40
    path.write_bytes(damaged)
    window = make_window(qtbot, tmp_path, lessons, WindowSettings(str(path), read_only=True))
    assert window.message_bar.kind == "info" and "ignored" in window.message_bar.label.text()
    window.close()
    assert path.read_bytes() == damaged


def test_listing_one_lesson_reads_only_folders_not_named_for_another(tmp_path, lessons, monkeypatch):
    import workbench.run_index as run_index
    for name, task in (("20261130-120000-two-class", "two-class"), ("20261130-120001-curve-fit", "curve-fit"),
                       ("20261130-120001-curve-fit-2", "curve-fit"), ("20261130-120002-two-class-3", "two-class"),
                       ("my two-class run", "two-class"), ("20261130-120003-not-a-lesson", "two-class")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "config.json").write_text(json.dumps({"task": task, "status": "finished"}))
    read = []
    original = run_index.read_run
    monkeypatch.setattr(run_index, "read_run", lambda folder, known: read.append(folder.name) or original(folder, known))
    rows = run_index.RunLister(lessons).rows(tmp_path, "two-class")
    assert sorted(Path(row["run_dir"]).name for row in rows) == sorted(read) == [
        "20261130-120000-two-class", "20261130-120002-two-class-3", "20261130-120003-not-a-lesson", "my two-class run"]
    assert len(list_runs(tmp_path, lessons)) == 6          # all of them when no lesson is asked for


def test_stop_in_the_middle_of_an_epoch_then_continue_ends_like_a_run_never_stopped(qtbot, window, tmp_path):
    from tasks import LESSONS
    from workbench.session import train_lesson
    make_tiny(window, epochs=2)
    window.form.batch_size.setValue(20)             # 200 steps an epoch: the first report comes well inside one
    window.form.shift_px.setValue(2)                # random shifts: the stopped epoch must be drawn again
    spec, config, _problems = window.form.values()
    whole = train_lesson(LESSONS["mnist-rows"](), spec, config, tmp_path / "whole")
    steps_per_epoch = whole["steps"] // 2
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as stopped:
        assert window.start_training()
        # Pause as soon as the first steps are drawn, then Stop: the run stops after the batch in hand.
        qtbot.waitUntil(lambda: window.controller.busy and window.status.progress.value() > 0, timeout=LONG)
        window.toggle_pause()
        window.stop_training()
    qtbot.waitUntil(lambda: not window.controller.busy and window.runs_view.is_current, timeout=LONG)
    summary = stopped.args[0]
    assert summary["stopped"] and summary["steps"] % steps_per_epoch        # inside an epoch
    view = window.runs_view
    wait_overlays(qtbot, view, lambda: view.select_dirs([summary["run_dir"]]))
    view.continue_epochs.setValue(2)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as continued:
        view.continue_button.click()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    result = continued.args[0]
    assert result["steps"] == whole["steps"]
    assert result["test_accuracy"] == whole["test_accuracy"] and result["test_loss"] == whole["test_loss"]


def test_the_continue_box_says_epoch_for_one_and_epochs_for_more(window):
    box = window.runs_view.continue_epochs
    box.setValue(1)
    assert box.text() == "to 1 epoch"
    box.setValue(3)
    assert box.text() == "to 3 epochs"
