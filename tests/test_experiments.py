"""Lessons that teach: notes in both languages, the seed's recipe, and guided experiments that check claims."""
from __future__ import annotations

import json

import pytest

from tasks import LESSONS
from tests.window_helpers import LONG
from workbench import cli
from workbench.experiments import (Outcome, at_least, at_most, points_ahead, ratio_at_least, ratio_at_most,
                                   run_experiment, within_run_ratio)
from workbench.notes import lesson_notes, plain_text
from workbench.run_index import list_runs

EXPERIMENTS = [(name, experiment.name) for name, lesson in LESSONS.items() for experiment in lesson.experiments]


def test_every_lesson_has_notes_in_both_languages_a_seed_and_two_experiments():
    assert len(EXPERIMENTS) >= 18
    for name, lesson in LESSONS.items():
        english, chinese = lesson_notes(name, "en"), lesson_notes(name, "zh_CN")
        assert len(plain_text(english)) > 600 and len(plain_text(chinese)) > 250, name
        assert english != chinese and any("\u4e00" <= char <= "\u9fff" for char in chinese)
        assert lesson.seed_note is not None and lesson.seed_note.recipe, name
        assert len(lesson.experiments) >= 2, name
        for experiment in lesson.experiments:
            for arm in experiment.arms:       # every arm's settings are valid for its lesson
                spec, config = arm.settings(lesson(), seed=3)
                assert config.seed == 3 and not spec.problems() and not config.problems()
    assert LESSONS["mnist-rows"].seed_note.value == pytest.approx(0.9908)


@pytest.mark.parametrize("check, results, holds, observed", [
    (ratio_at_least("m", 1, 0, 5.0), [{"m": 0.0043}, {"m": 0.1}], True, "0.1 vs 0.0043 (×23.3)"),
    (ratio_at_least("m", 1, 0, 5.0), [{"m": 0.05}, {"m": 0.1}], False, "0.1 vs 0.05 (×2.0)"),
    (ratio_at_most("m", 1, 0, 2.0), [{"m": 0.05}, {"m": 0.09}], True, "0.09 vs 0.05 (×1.8)"),
    (within_run_ratio("a", "b", 3.0), [{"a": 0.3, "b": 0.2}], False, "0.3 vs 0.2 (×1.5)"),
    (within_run_ratio("a", "b", 3.0, at_most=True), [{"a": 0.3, "b": 0.2}], True, "0.3 vs 0.2 (×1.5)"),
    (points_ahead("acc", 0, 1, 5.0), [{"acc": 0.75}, {"acc": 0.70}], True, "75.0% vs 70.0% (Δ +5.0)"),
    (points_ahead("acc", 0, 1, 5.0), [{"acc": 0.74}, {"acc": 0.70}], False, "74.0% vs 70.0% (Δ +4.0)"),
    (at_least("acc", 0.99, percent=True), [{"acc": 0.985}], False, "98.5% (≥ 99.0%)"),
    (at_most("loss", 0.01), [{"loss": 0.004}], True, "0.004 (≤ 0.01)"),
])
def test_checks_compare_what_they_say(check, results, holds, observed):
    assert check(results) == Outcome(holds, observed)


@pytest.mark.parametrize("lesson, name", EXPERIMENTS)
def test_each_experiment_runs_end_to_end_shortened(tmp_path, lesson, name):
    result = run_experiment(LESSONS[lesson], name, 2, tmp_path, overrides={"epochs": 1})
    experiment = next(each for each in LESSONS[lesson].experiments if each.name == name)
    assert result["lesson"] == lesson and result["experiment"] == name and result["expected"] == experiment.expectation
    assert isinstance(result["holds"], bool) and result["observed"] and result["seed"] == 2
    assert len(result["run_dirs"]) == len(experiment.arms)
    listed = {row["run_dir"]: row for row in list_runs(tmp_path, LESSONS)}
    assert all(listed[run_dir]["status"] == "finished" and listed[run_dir]["seed"] == 2 for run_dir in result["run_dirs"])


def test_the_cli_lists_lessons_and_runs_an_experiment_whose_claim_holds(tmp_path, capsys):
    assert cli.main(["lessons", "--json"], LESSONS) == 0
    described = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [lesson["name"] for lesson in described] == list(LESSONS)
    first = described[0]
    assert {"name", "title", "notes", "notes_zh", "seed_reference", "experiments"} <= set(first)
    assert {"name", "title", "expectation"} <= set(first["experiments"][0])
    assert "<" not in first["notes"] and "h_t" in first["notes"]                 # plain text, subscripts kept
    assert cli.main(["experiment", "--lesson", "sine-to-cos", "--name", "carry-vs-reset", "--seed", "3",
                     "--runs-dir", str(tmp_path)], LESSONS) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["holds"] is True and len(result["run_dirs"]) == 2
    assert {"lesson", "experiment", "expected", "observed", "holds", "run_dirs"} <= set(result)
    assert cli.main(["experiment", "--lesson", "sine-to-cos", "--name", "no-such"], LESSONS) == 1
    assert "carry-vs-reset" in capsys.readouterr().err


def test_the_notes_pane_runs_an_experiment_and_shows_its_verdict(qtbot, window):
    window._select_lesson("sine-to-cos")
    notes = window.notes
    assert "truncated backpropagation" in notes.text.toPlainText()
    assert "note 000" in notes.seed.text()
    row = notes.rows["carry-vs-reset"]
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        row.button.click()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert done.args[0]["holds"] is True
    assert row.result.text().startswith("✓ observed:") and "(seed 1," in row.result.text()
    assert window.headline.text().startswith("✓") and "Expected:" in window.message_bar.label.text()
    assert window.status.progress.format() == "done"           # not the last run's "epoch 3/3 · 100% · ETA 0:00"
    loss = window.page.panel(__import__("workbench.views", fromlist=["LossView"]).LossView)
    x, _y = loss.plot.data("test_loss")
    assert list(x) == sorted(x)                    # only the last arm's curve: nothing left over from the first


def test_notes_links_open_their_panel_and_follow_the_language(qtbot, window, monkeypatch):
    from PySide6.QtCore import QUrl

    from widgets import i18n
    from workbench.views import GatesView
    window._select_lesson("mnist-rows")
    window.notes.text.anchorClicked.emit(QUrl("panel:GatesView"))
    assert window.tabs.currentWidget() is window.page.panel(GatesView)
    monkeypatch.setattr(i18n, "CURRENT_LANGUAGE", "zh_CN")
    window._select_lesson("sine-to-cos")
    assert "截断的时间反向传播" in window.notes.text.toPlainText()
