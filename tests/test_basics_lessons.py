"""The PyTorch-basics lessons: curve fit, two classes, the optimizer race, the CNN."""
import numpy as np
import pytest
import torch

from tasks.curve_fit import CurveFit
from tasks.mnist_cnn import MnistCnn
from tasks.optimizer_race import RACERS, OptimizerRace
from tasks.two_class import FIELD_SIZE, TwoClass
from tests.window_helpers import LONG, panel
from workbench.events import EvalEnded
from workbench.spec import TrainConfig
from workbench.trainer import Trainer
from workbench.views import BoundaryView, DrawingPadView, FiltersView, LossView, SeriesView


def run(task, **changes):
    trainer = Trainer(task, task.default_spec(), task.default_config().replace(**changes))
    evaluations, steps = [], []
    trainer.add_callback("on_eval", lambda event: evaluations.append(event) if isinstance(event, EvalEnded) else None)
    trainer.add_callback("on_step", steps.append)
    return trainer.run(), evaluations, steps


@pytest.mark.parametrize("task, changes", [
    (CurveFit(), dict(epochs=3)), (TwoClass(), dict(epochs=3)), (OptimizerRace(), dict(epochs=2)),
    (MnistCnn(), dict(epochs=1, evals_per_epoch=2, batch_size=100)),
])
def test_each_lesson_trains_with_falling_loss(task, changes):
    result, evaluations, steps = run(task, **changes)
    assert evaluations[-1].metrics["test_loss"] < evaluations[0].metrics["test_loss"]
    assert np.mean([step.loss for step in steps[-5:]]) < np.mean([step.loss for step in steps[:5]])
    assert result.metrics["parameter_count"] == task.parameter_count(task.default_spec())


def test_the_race_starts_from_identical_weights_and_logs_four_equal_curves():
    task = OptimizerRace()
    torch.manual_seed(3)
    model = task.build(task.default_spec())
    first = model.nets[0].state_dict()
    for net in model.nets[1:]:
        assert all(torch.equal(first[name], tensor) for name, tensor in net.state_dict().items())
    result, _, steps = run(task, epochs=1)
    curves = {name: [step.logs[name] for step in steps] for name in steps[0].logs}
    assert set(curves) == {f"train_{racer}" for racer in RACERS}
    assert len({len(curve) for curve in curves.values()}) == 1 and len(steps) == 32
    assert len({round(curve[-1], 6) for curve in curves.values()}) == 4    # the optimizers really differ
    assert all(f"test_{racer}" in result.metrics for racer in RACERS)


def test_race_learning_rates_are_validated():
    assert [problem.field for problem in TrainConfig(race_lrs="0.1, fast, 0.1, 0.1").problems()] == ["race_lrs"]
    assert [problem.field for problem in TrainConfig(race_lrs="0.1, 0.1, 0.1").problems()] == ["race_lrs"]
    assert TrainConfig(race_lrs="0.1,0.05, 0.005 ,0.005").problems() == []


def test_two_class_probability_field_has_the_right_shape_and_range():
    task = TwoClass()
    result, _, _ = run(task, epochs=2)
    field = task.probability_field(result.model)
    assert field.shape == (FIELD_SIZE, FIELD_SIZE)
    assert field.min() >= 0 and field.max() <= 1
    assert field[5, 5] > 0.5 > field[-5, -5]          # class 1 lies around (-2, -2), class 0 around (2, 2)


def test_the_cnn_reads_row_prefixes_for_the_drawing_pad():
    task = MnistCnn()
    model = task.build(task.default_spec()).eval()
    digit = np.zeros((28, 28), dtype=np.uint8)
    digit[5:22, 12:16] = 255
    probabilities, per_row = task.read_digit(model, digit)
    assert per_row.shape == (28, 10) and np.allclose(per_row[-1], probabilities)


@pytest.mark.parametrize("lesson, spec_type", [("curve-fit", SeriesView), ("two-class", BoundaryView),
                                               ("optimizer-race", LossView), ("mnist-cnn", FiltersView)])
def test_each_basics_lesson_runs_in_the_window(qtbot, window, lesson, spec_type):
    window._select_lesson(lesson)
    window.form.epochs.setValue(1)
    assert panel(window, spec_type).isVisibleTo(window)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert done.args[0]["task"] == lesson
    if lesson == "optimizer-race":
        lengths = {len(panel(window, LossView).plot.data(f"train_{racer}")[0]) for racer in RACERS}
        assert lengths == {32}
        assert "identical weights" in window.lesson_note.text()
    if lesson == "mnist-cnn":
        grid = panel(window, FiltersView)
        assert grid.filters.shape == (16, 5, 5) and grid.image.image.shape == (11, 47, 3)
        pad_rows = panel(window, DrawingPadView).rows_plot.getAxis("left").labelText
        assert pad_rows == "image row (rows shown so far)"           # a CNN reads no time steps
    if lesson == "two-class":
        assert panel(window, BoundaryView).field.image.shape == (FIELD_SIZE, FIELD_SIZE)


@pytest.mark.parametrize("trained", [False, True])
def test_the_boundary_panel_s_colour_bar_stays_in_sight_in_a_narrow_panel(qtbot, trained):
    from types import SimpleNamespace

    from widgets.panels.boundary_plot import BoundaryPlot
    from workbench.frames import DecisionFrame
    plot = BoundaryPlot(BoundaryView(extent=(-6.0, 6.0)), SimpleNamespace())
    qtbot.addWidget(plot)
    assert np.allclose(plot.plot.viewRange(), [[-6, 6], [-6, 6]])     # the lesson's plane before training
    plot.resize(268, 677)                 # its place in the window at the default size, the notes open
    plot.show()
    qtbot.waitExposed(plot)
    if trained:
        axis = np.linspace(-6, 6, 41)
        xs, _ = np.meshgrid(axis, axis)
        plot.show_frame(DecisionFrame(1 / (1 + np.exp(-xs)), (-6.0, 6.0), np.array([[2.0, 2.0]]), np.array([1])))
    plot.view.ci.layout.activate()
    shown = plot.view.mapToScene(plot.view.viewport().rect()).boundingRect()
    assert shown.contains(plot.bar.sceneBoundingRect()) and shown.contains(plot.plot.sceneBoundingRect())
    assert plot.plot.getAxis("left").labelUnitPrefix == ""        # plain numbers on the empty plane too
    plot.plot.setRange(xRange=(0, 1), yRange=(0, 1))                # the learner zooms in...
    plot.clear()                                                    # ...and the next run shows the plane again
    assert np.allclose(plot.plot.viewRange(), [[-6, 6], [-6, 6]])
