"""The autoencoder lesson: learning, the latent view, the decoder explorer, checkpoints."""
import numpy as np
import pytest
import torch

from tasks.autoencoder import Autoencoder
from tests.window_helpers import LONG, panel
from workbench.checkpoint import load_checkpoint, load_weights, save_checkpoint
from workbench.events import EvalEnded
from workbench.trainer import Trainer
from workbench.views import LatentView, ReconstructionsView


def short_run(**spec_changes):
    task = Autoencoder()
    trainer = Trainer(task, task.default_spec().replace(**spec_changes),
                      task.default_config().replace(epochs=1, evals_per_epoch=2, batch_size=64))
    evaluations = []
    trainer.add_callback("on_eval", lambda event: evaluations.append(event) if isinstance(event, EvalEnded) else None)
    return task, trainer.run(), evaluations


def test_a_short_run_lowers_the_test_mse():
    _, result, evaluations = short_run()
    assert evaluations[-1].metrics["test_mse"] < evaluations[0].metrics["test_mse"]
    assert result.metrics["test_mse"] == pytest.approx(result.metrics["test_loss"], rel=1e-6)


@pytest.mark.parametrize("changes", [dict(architecture="recurrent", hidden_size=16, latent_size=2),
                                     dict(architecture="recurrent", cell="lstm", hidden_size=8, num_layers=2,
                                          bidirectional=True, latent_size=5),
                                     dict(latent_size=32, activation="relu")])
def test_variants_build_train_and_count_their_parameters(changes):
    task, result, _ = short_run(**changes)
    model = result.model
    assert np.isfinite(result.metrics["test_mse"])
    assert task.parameter_count(model.spec) == sum(p.numel() for p in model.parameters())
    codes = model.encode(torch.rand(4, 28, 28))
    assert codes.shape == (4, model.spec.latent_size)
    assert model.decode(codes).shape == (4, 28, 28)


def test_denoising_corrupts_inputs_but_not_targets():
    task = Autoencoder()
    task.data(task.default_config().replace(noise_std=0.5), torch.device("cpu"))
    clean = torch.full((2, 28, 28), 0.5)
    noisy = task.corrupt(clean, torch.Generator().manual_seed(0))
    assert not torch.equal(noisy, clean) and noisy.min() >= 0 and noisy.max() <= 1


def test_checkpoint_round_trip_gives_identical_reconstructions(tmp_path):
    task, result, _ = short_run()
    path = save_checkpoint(tmp_path / "ae.pt", task.name, result.model.spec, result.model)
    checkpoint = load_checkpoint(path)
    restored = load_weights(Autoencoder().build(checkpoint.spec), checkpoint, path)
    images = torch.rand(3, 28, 28)
    with torch.no_grad():
        assert torch.equal(result.model.eval()(images), restored.eval()(images))


def train_in_window(qtbot, window):
    window._select_lesson("autoencoder")
    window.form.epochs.setValue(1)
    window.tabs.setCurrentWidget(panel(window, LatentView))
    explorer = panel(window, LatentView)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG):
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy and explorer.has_model, timeout=LONG)
    return explorer


def test_latent_view_holds_one_point_per_test_digit_in_its_colour(qtbot, window):
    explorer = train_in_window(qtbot, window)
    assert explorer.codes.shape == (1000, 3)
    xs, ys = explorer.scatter.getData()
    assert len(xs) == 1000
    order = explorer.scatter.data["data"]
    for spot_brush, index in zip(explorer.scatter.data["brush"][:50], order[:50]):
        assert spot_brush.color() == explorer.digit_brushes[explorer.labels[index]].color()
    before = explorer.projected.copy()
    explorer._on_dragged(40, 10)                                     # turning changes the projection
    assert not np.allclose(before, explorer.projected)
    window.show_panel(ReconstructionsView)          # the Training page: the grid draws the newest snapshot
    grid = panel(window, ReconstructionsView)
    assert len(grid.images("outputs")) == 8 and grid.images("outputs")[0].shape == (28, 28)


def test_moving_a_slider_changes_the_decoded_digit(qtbot, window):
    explorer = train_in_window(qtbot, window)
    qtbot.waitUntil(lambda: explorer.decoded_image is not None, timeout=LONG)
    first = explorer.decoded_image.copy()
    explorer.sliders[0].setValue(5)
    # Worker signals are waited on through their effect in the GUI thread, never directly.
    qtbot.waitUntil(lambda: explorer._in_flight == 0 and not np.allclose(first, explorer.decoded_image),
                    timeout=LONG)
    explorer.select_point(3)
    qtbot.waitUntil(lambda: explorer.decoded_items["reconstruction"].image is not None, timeout=LONG)


def test_new_samples_change_the_reconstruction_grid(qtbot, window):
    train_in_window(qtbot, window)
    window.show_panel(ReconstructionsView)
    grid = panel(window, ReconstructionsView)
    grid.count.setValue(4)                               # asks for 4 new samples: an inspect job
    qtbot.waitUntil(lambda: len(grid.images("clean")) == 4, timeout=LONG)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)


def test_a_classifier_checkpoint_in_the_explorer_says_which_lesson_it_is_for(qtbot, window, tmp_path):
    from tasks.mnist_rows import MnistRows
    from workbench.spec import ModelSpec
    spec = ModelSpec(hidden_size=8)
    path = save_checkpoint(tmp_path / "classifier.pt", "mnist-rows", spec, MnistRows().build(spec))
    window._select_lesson("autoencoder")
    explorer = panel(window, LatentView)
    explorer.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: "this checkpoint is for the lesson 'mnist-rows'" in explorer.status.text(), timeout=LONG)
