"""A tenth lesson written entirely in this file: it shows in the window and trains there with live
panels, and runs headless through the CLI, with no change to ``widgets/`` — the window builds a
lesson's panels from the specs its view declares and routes snapshot parts to them by type."""
from __future__ import annotations

import json

import numpy as np

from tasks import LESSONS
from tests.window_helpers import LONG, panel
from workbench import cli
from workbench.frames import SeriesFrame
from workbench.spec import ModelSpec, TrainConfig
from workbench.task import Lesson, LessonData, StepResult, Task
from workbench.views import (FULL_WIDTH_BOTTOM, TEST_LOSS, Curve, LessonView, LossView, Metric, MetricView, Place,
                             SeriesView)

POINTS = 64
TOY_TITLE = "Toy: a straight line through noisy points"
FIT_TITLE = "Points and the fitted line (toy)"
ERROR_TITLE = "Mean absolute error (toy)"


class ToyLine(Lesson):
    """Fit y = 3x − 1 (plus noise) with a 1-8-1 MLP: three panels, one custom metric."""

    name = "toy-line"
    title = TOY_TITLE
    view = LessonView(
        form_fields=("hidden_size", "lr", "epochs", "seed"),
        metrics=(TEST_LOSS, Metric("test_mae", "mean absolute error")),
        headline="test_mae",
        panels=(LossView(y_label="squared error", train=(Curve("loss", "train"),),
                         test=(Curve("test_loss", "test"),), place=Place(0, 0)),
                MetricView(metric="test_mae", title=ERROR_TITLE, label="MAE", y_label="MAE", scale=1.0,
                           y_range=(0.0, 3.0), place=Place(0, 1)),
                SeriesView(title=FIT_TITLE, truth_label="points", series=(Curve("line", "network"),),
                           truth_as_points=True, x_label="x", y_label="y", place=FULL_WIDTH_BOTTOM)),
    )

    def default_spec(self) -> ModelSpec:
        return ModelSpec(architecture="mlp", input_size=1, hidden_size=8, output_size=1, activation="tanh")

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="adam", lr=0.05, batch_size=POINTS, epochs=30, evals_per_epoch=1)

    def presets(self) -> dict:
        return {}

    def parameter_count(self, spec: ModelSpec) -> int:
        return 3 * spec.hidden_size + 1

    def build(self, spec: ModelSpec):
        from workbench.models import SmallMLP
        return SmallMLP(spec.replace(input_size=1, output_size=1))

    def data(self, config: TrainConfig, device) -> LessonData:
        import torch

        from workbench.batching import FullBatch
        rng = np.random.default_rng(config.seed)
        self.x = np.linspace(-1, 1, POINTS)
        self.y = 3 * self.x - 1 + 0.1 * rng.standard_normal(POINTS)
        self.inputs = torch.tensor(self.x, dtype=torch.float32, device=device).view(-1, 1)
        targets = torch.tensor(self.y, dtype=torch.float32, device=device).view(-1, 1)
        batches = FullBatch((self.inputs, targets), 5)
        return LessonData(batches, FullBatch((self.inputs, targets), 1), POINTS, POINTS, f"{POINTS} noisy points")

    def step(self, model, batch, training: bool) -> StepResult:
        import torch.nn.functional as F
        inputs, targets = batch
        return StepResult(F.mse_loss(model(inputs), targets), len(inputs))

    def extra_metrics(self, model) -> dict[str, float]:
        import torch
        with torch.no_grad():
            fitted = model(self.inputs).cpu().numpy().ravel()
        return {"test_mae": float(np.abs(fitted - self.y).mean())}

    def snapshot(self, model) -> tuple:
        import torch
        with torch.no_grad():
            fitted = model(self.inputs).cpu().numpy().ravel()
        return (SeriesFrame((self.x, self.y), {"line": (self.x, fitted)}),)


LESSONS_WITH_TOY = {**LESSONS, ToyLine.name: ToyLine}


def test_the_toy_lesson_keeps_the_task_contract():
    assert isinstance(ToyLine(), Task)
    assert ToyLine().metric_names == ("test_loss", "test_mae")


def test_the_toy_lesson_appears_and_trains_in_the_window_with_live_panels(qtbot, tmp_path):
    from widgets.main_window import MainWindow
    window = MainWindow(LESSONS_WITH_TOY, tmp_path / "runs")
    qtbot.addWidget(window)
    window.show()
    titles = [window.lesson_box.itemText(i) for i in range(window.lesson_box.count())]
    assert TOY_TITLE in titles
    with qtbot.waitSignal(window.torch_ready, timeout=LONG):
        window.load_torch()
    window.lesson_box.setCurrentIndex(titles.index(TOY_TITLE))
    assert window.task.name == "toy-line"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Training", "Runs"]
    visible = [name for name, row in window.form.rows.items() if not row.isHidden()]
    assert set(visible) == {"hidden_size", "lr", "epochs", "seed"}
    window.form.epochs.setValue(12)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    summary = done.args[0]
    assert summary["task"] == "toy-line" and summary["test_mae"] < 0.5

    series = panel(window, SeriesView)
    assert series.plot.titleLabel.text == FIT_TITLE
    x, y = series.prediction_curves["line"].getData()
    assert len(x) == POINTS and np.abs(y - (3 * x - 1)).mean() < 0.5          # the drawn line is the fit
    metric = panel(window, MetricView)
    mx, my = metric.plot.data("test_mae")
    assert len(mx) == 12 and abs(my[-1] - summary["test_mae"]) < 1e-5   # one point per evaluation
    assert len(panel(window, LossView).plot.data("loss")[0]) == 12 * 5       # every optimizer step
    assert "mean absolute error" in window.headline.text()
    window.close()


def test_the_toy_lesson_runs_headless(tmp_path, capsys):
    code = cli.main(["train", "--task", "toy-line", "--epochs", "20", "--out", str(tmp_path / "runs"), "--quiet"],
                    LESSONS_WITH_TOY)
    assert code == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["task"] == "toy-line" and result["epochs"] == 20 and result["test_mae"] < 0.5
    assert (tmp_path / "runs" / result["run_dir"].split("/")[-1] / "metrics.csv").exists()
