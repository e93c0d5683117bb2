import math
import threading

import numpy as np
import pytest
import torch

from tasks.mnist_rows import MnistRows
from workbench.errors import TrainingError
from workbench.events import EvalEnded, RunFinished, RunStarted, Snapshot, StepEnded
from workbench.frames import DigitGuesses
from workbench.trainer import Control, Trainer, eval_points


def record(trainer):
    events = []
    for name in ("on_start", "on_step", "on_eval", "on_snapshot", "on_done", "on_error"):
        trainer.add_callback(name, events.append)
    return events


def test_events_arrive_in_order_and_loss_falls(tiny_spec, tiny_config):
    trainer = Trainer(MnistRows(), tiny_spec, tiny_config.replace(epochs=2), snapshot_every_s=0.0)
    events = record(trainer)
    result = trainer.run()
    kinds = [type(event) for event in events]
    assert kinds[0] is RunStarted and kinds[1] is Snapshot and kinds[-1] is RunFinished
    steps = [event for event in events if isinstance(event, StepEnded)]
    assert [event.step for event in steps] == list(range(1, 41))    # 4000 / 200 * 2 epochs
    evals = [event for event in events if isinstance(event, EvalEnded)]
    assert [event.step for event in evals] == [10, 20, 30, 40]       # two per epoch
    first, last = evals[0].metrics, evals[-1].metrics
    assert last["test_loss"] < first["test_loss"]
    assert 0.0 <= last["test_accuracy"] <= 1.0
    assert result.metrics["steps"] == 40 and not result.stopped
    assert result.metrics["test_accuracy"] == pytest.approx(last["test_accuracy"], abs=1e-6)
    snapshot = next(event for event in events if isinstance(event, Snapshot))
    guesses = next(part for part in snapshot.parts if isinstance(part, DigitGuesses))
    assert guesses.images.shape == (32, 28, 28) and guesses.images.dtype == np.uint8
    assert guesses.predictions.shape == guesses.labels.shape == guesses.confidence.shape == (32,)


def test_same_seed_same_run(tiny_spec, tiny_config):
    first = Trainer(MnistRows(), tiny_spec, tiny_config).run().metrics
    second = Trainer(MnistRows(), tiny_spec, tiny_config).run().metrics
    assert first["test_loss"] == second["test_loss"]


def test_stop_ends_the_run_after_the_current_batch(tiny_spec, tiny_config):
    control = Control()
    trainer = Trainer(MnistRows(), tiny_spec, tiny_config.replace(epochs=5), control)
    events = record(trainer)
    trainer.add_callback("on_step", lambda event: control.stop() if event.step == 3 else None)
    result = trainer.run()
    assert result.stopped and result.metrics["stopped"] and result.metrics["steps"] == 3
    assert isinstance(events[-1], RunFinished) and events[-1].stopped
    after_stop = events[[type(event) for event in events].index(StepEnded, 0) + 3:]
    assert any(isinstance(event, EvalEnded) and event.step == 3 for event in after_stop)  # still evaluated


def test_pause_blocks_until_resumed(tiny_spec, tiny_config):
    control = Control()
    trainer = Trainer(MnistRows(), tiny_spec, tiny_config, control)
    reached_pause = threading.Event()
    steps = []

    def on_step(event):
        steps.append(event.step)
        if event.step == 2:
            control.pause()
            reached_pause.set()

    trainer.add_callback("on_step", on_step)
    runner = threading.Thread(target=trainer.run)
    runner.start()
    assert reached_pause.wait(60)
    assert control.paused
    seen = len(steps)
    control.resume()
    runner.join(60)
    assert not runner.is_alive()
    assert seen == 2 and steps[-1] == 20


def test_nan_loss_stops_with_a_reason(tiny_spec, tiny_config):
    class Diverging(MnistRows):
        def step(self, model, batch, training):
            result = super().step(model, batch, training)
            if training:
                result.loss = result.loss * float("nan")
            return result

    trainer = Trainer(Diverging(), tiny_spec, tiny_config)
    events = record(trainer)
    with pytest.raises(TrainingError, match="the loss became nan at step 1.*lower learning rate"):
        trainer.run()
    assert type(events[-1]).__name__ == "RunFailed"


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_cuda_without_a_gpu_says_so(tiny_spec, tiny_config):
    with pytest.raises(TrainingError, match="no CUDA GPU"):
        Trainer(MnistRows(), tiny_spec, tiny_config.replace(device="cuda")).run()


@pytest.mark.parametrize("cell", ["rnn", "gru"])
def test_every_cell_trains(tiny_config, cell):
    from workbench.spec import ModelSpec
    metrics = Trainer(MnistRows(), ModelSpec(cell=cell, hidden_size=8), tiny_config).run().metrics
    assert math.isfinite(metrics["test_loss"])


def test_clipping_bounds_each_update(tiny_spec, tiny_config):
    """With plain SGD at lr 1, one clipped step moves the weights by at most the clipping norm."""
    control = Control()
    config = tiny_config.replace(optimizer="sgd", lr=1.0, clip_norm=0.001)
    trainer = Trainer(MnistRows(), tiny_spec, config, control)
    norms = []
    trainer.add_callback("on_step", lambda event: (norms.append(event.grad_norm), control.stop()))
    model = trainer.run().model
    torch.manual_seed(config.seed)
    initial = MnistRows().build(tiny_spec)
    moved = torch.sqrt(sum(((after.detach() - before.detach()) ** 2).sum() for after, before in
                           zip(model.parameters(), initial.parameters())))
    assert norms[0] > 0.01                     # the reported norm is the unclipped one
    assert float(moved) <= 0.001 * (1 + 1e-4)  # the update itself was clipped


def test_eval_points_are_spread_and_end_the_epoch():
    assert eval_points(63, 4) == {16, 32, 47, 63}
    assert eval_points(3, 10) == {1, 2, 3}
    assert eval_points(20, 1) == {20}


def test_unknown_event_name_is_refused(tiny_spec, tiny_config):
    with pytest.raises(ValueError, match="unknown trainer event"):
        Trainer(MnistRows(), tiny_spec, tiny_config).add_callback("on_stpe", print)
