"""What keeps the window smooth while tiny models train fast: one batched update per report, markers
dropped from long series, no per-step work when clipping is off."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from workbench.events import EvalEnded
from workbench.trainer import gradient_norm


def test_a_long_evaluation_series_loses_its_markers_and_gets_them_back_when_cleared(qtbot):
    from widgets.panels.curve_plot import MAX_SYMBOLS, CurvePlot, SeriesStyle
    plot = CurvePlot("t", "x", "y")
    qtbot.addWidget(plot)
    plot.add_series("test", "test", SeriesStyle("#f00", 2.0, "o"))
    plot.append("test", np.arange(MAX_SYMBOLS), np.ones(MAX_SYMBOLS))
    assert plot._curves["test"].opts["symbol"] == "o"
    plot.append("test", [MAX_SYMBOLS], [0.5])
    assert plot._curves["test"].opts["symbol"] is None and len(plot.data("test")[0]) == MAX_SYMBOLS + 1
    plot.clear()
    assert plot._curves["test"].opts["symbol"] == "o"


def test_panels_take_a_batch_of_evaluations_in_one_update(qtbot):
    from types import SimpleNamespace

    from widgets.panels.training_curves import LossPanel, MetricPanel
    from workbench.views import LossView, MetricView
    loss, metric = LossPanel(LossView(), SimpleNamespace()), MetricPanel(MetricView(), SimpleNamespace())
    for panel in (loss, metric):
        qtbot.addWidget(panel)
    batch = tuple(EvalEnded(step, 1, {"test_loss": 1.0 / step, "test_accuracy": step / 100}) for step in (10, 20, 30))
    loss.evaluated(batch)
    metric.evaluated(batch)
    assert list(loss.plot.data("test_loss")[0]) == [10, 20, 30]
    assert list(metric.plot.data("test_accuracy")[1]) == pytest.approx([10, 20, 30])       # scaled to %


@pytest.mark.parametrize("clip", [0.0, 0.05])
def test_the_gradient_norm_is_the_one_before_clipping_and_clips_only_when_asked(clip):
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 3)
    model(torch.randn(8, 4)).pow(2).sum().backward()
    before = [parameter.grad.clone() for parameter in model.parameters()]
    expected = torch.linalg.vector_norm(torch.cat([grad.flatten() for grad in before]))
    assert float(gradient_norm(model, clip)) == pytest.approx(float(expected), rel=1e-6)
    after = torch.cat([parameter.grad.flatten() for parameter in model.parameters()])
    if clip:
        assert float(torch.linalg.vector_norm(after)) == pytest.approx(clip, rel=1e-4)
    else:
        assert all(torch.equal(grad, parameter.grad) for grad, parameter in zip(before, model.parameters()))
