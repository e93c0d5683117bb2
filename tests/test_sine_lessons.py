"""The three sine lessons: headless behaviour, the CSV loader, and the window."""
import numpy as np
import pytest

from tasks.sine_forecast import SineForecast
from tasks.sine_generation import SineGeneration
from tasks.sine_to_cos import SineToCos
from tests.window_helpers import LONG, panel
from workbench.events import EvalEnded
from workbench.series import load_series
from workbench.trainer import Trainer
from workbench.views import DigitGridView, GatesView, SeriesView


def run(task, **changes):
    config = task.default_config().replace(**changes)
    trainer = Trainer(task, task.default_spec(), config)
    evaluations = []
    trainer.add_callback("on_eval", evaluations.append)
    result = trainer.run()
    return result, [event for event in evaluations if isinstance(event, EvalEnded)]


@pytest.mark.parametrize("task, changes, metric", [
    (SineToCos(), dict(epochs=2, evals_per_epoch=2), "test_loss"),
    (SineForecast(), dict(epochs=6, lr=5e-3), "test_gru_mse"),
    (SineGeneration(), dict(epochs=2, batch_size=8), "test_loss"),
])
def test_each_lesson_learns_headless(task, changes, metric):
    result, evaluations = run(task, **changes)
    assert evaluations[-1].metrics[metric] < evaluations[0].metrics[metric]
    assert np.isfinite(result.metrics["test_loss"])


def test_carrying_the_hidden_state_beats_resetting_it():
    carried, _ = run(SineToCos(), epochs=2, carry_hidden=True)
    reset, _ = run(SineToCos(), epochs=2, carry_hidden=False)
    assert carried.metrics["steps"] == reset.metrics["steps"] == 200
    assert carried.metrics["test_loss"] < reset.metrics["test_loss"] / 3


def test_the_gru_rollout_beats_the_mlp_rollout():
    result, _ = run(SineForecast(), epochs=10, lr=5e-3)
    assert result.metrics["rollout_gru_mse"] < result.metrics["rollout_mlp_mse"] / 3


def test_generation_reports_its_error_over_the_horizon():
    task = SineGeneration()
    result, _ = run(task, epochs=1, horizon=30)
    truth, generated = task.generate(result.model, 0.3)
    assert truth.shape == generated.shape == (30,)
    assert result.metrics["generation_mse"] == pytest.approx(result.metrics["generation_mse"])  # finite
    assert np.isfinite(result.metrics["generation_mse"])


def test_built_in_series():
    series = load_series()
    assert series.values.shape == (1000,) and abs(series.values.mean()) < 0.1
    assert series.describe() == "noisy sine (built in): 1000 points"


@pytest.mark.parametrize("lesson, epochs, panel_key", [
    ("sine-to-cos", 1, "prediction"), ("sine-forecast", 3, "recurrent"), ("sine-generation", 1, "generated"),
])
def test_each_sine_lesson_runs_in_the_window(qtbot, window, lesson, epochs, panel_key):
    window._select_lesson(lesson)
    window.form.epochs.setValue(epochs)
    assert window.page.panel(DigitGridView) is None and panel(window, SeriesView).isVisibleTo(window)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert done.args[0]["task"] == lesson
    x, y = panel(window, SeriesView).truth_curve.getData()
    assert x is not None and len(x) > 10 and np.isfinite(y).all()
    px, py = panel(window, SeriesView).prediction_curves[panel_key].getData()
    assert px is not None and len(px) > 10
    window.show_panel(GatesView)
    assert panel(window, GatesView).gates                                    # inside-the-cell works here too
    assert "probe_sequence" not in panel(window, GatesView).gates


def test_a_bad_csv_in_the_form_keeps_the_current_series(window, tmp_path):
    window._select_lesson("sine-forecast")
    bad = tmp_path / "bad.csv"
    bad.write_text("value\n" + "1\n2\n" * 20 + "not-a-number\n")
    reason = window.form.set_csv_path(str(bad))
    assert "line 42: 'not-a-number'" in reason
    assert window.form.csv_path.text() == ""                        # still the built-in series
    assert "line 42: 'not-a-number'" in window.form.rows["csv_path"].error.text()
    good = tmp_path / "good.csv"
    good.write_text("".join(f"{np.sin(i / 7):.4f}\n" for i in range(300)))
    assert window.form.set_csv_path(str(good)) == "" and window.form.csv_path.text() == str(good)


def test_the_form_shows_only_the_lessons_fields(window):
    window._select_lesson("sine-to-cos")
    form = window.form
    assert form.rows["carry_hidden"].isVisibleTo(form) and not form.rows["batch_size"].isVisibleTo(form)
    assert not form.rows["shift_px"].isVisibleTo(form) and not form.data_group.isVisibleTo(form)
    window._select_lesson("mnist-rows")
    assert form.rows["batch_size"].isVisibleTo(form) and not form.sequence_group.isVisibleTo(form)
