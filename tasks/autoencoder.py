"""Lesson: an autoencoder squeezes each MNIST digit into a few numbers and draws it back from them.

From seed note 000: an encoder 784-128-64-12-3 with tanh between layers, a mirrored decoder with a
sigmoid output, trained with the mean squared error between the image and its reconstruction. With
three latent numbers every digit becomes a point in 3-D; coloured by their true labels, the points
gather into clusters although the network never saw a label. The seed trains with Adam 5e-3, batch 64;
here the default is Adam 1e-2 with batch 32 and a OneCycle schedule, which reaches a lower error on the
embedded digits in the same 10 epochs (about 0.045 against 0.064, see the closing notes).

Beyond the seed: the encoder/decoder can be recurrent (the encoder reads the rows in order like the
MNIST classifier, the decoder writes them), the latent size can be 2-32, and noise can be added to the
inputs while the target stays clean (a denoising autoencoder).

Imported by the window before torch has loaded: torch is imported inside the methods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.data import load_mnist
from workbench.errors import tr_noop
from workbench.spec import ModelSpec, Preset, TrainConfig, linear_parameter_count, recurrent_parameter_count
from workbench.frames import LatentFrame, ReconstructionFrame
from workbench.experiments import Arm, Experiment, ratio_at_least
from workbench.views import SeedNote
from workbench.task import Lesson, LessonData, StepResult
from workbench.views import (FULL_WIDTH_TOP, TEST_LOSS, Curve, LatentView, LessonView, LossView, Metric,
                             ReconstructionsView)

if TYPE_CHECKING:
    import torch
    from torch import nn

DEFAULT_SAMPLES = 8
EVAL_BATCH = 500


class Autoencoder(Lesson):
    """Also a :class:`~workbench.task.LatentDecoder`: the decoder explorer can use its models."""

    name = "autoencoder"
    title = tr_noop("Autoencoder: digits squeezed into a few numbers")
    view = LessonView(
        form_fields=("architecture", "cell", "hidden_size", "num_layers", "bidirectional", "dropout", "latent_size",
                     "activation", "optimizer", "lr", "schedule", "batch_size", "epochs", "weight_decay", "clip_norm",
                     "noise_std", "evals_per_epoch", "seed", "device", "data_root", "download"),
        metrics=(TEST_LOSS, Metric("test_mse", tr_noop("test MSE"))),
        headline="test_mse",
        panels=(LossView(y_label=tr_noop("mean squared error per pixel"), test=(Curve("test_mse", tr_noop("test")),),
                         place=FULL_WIDTH_TOP),
                ReconstructionsView(), LatentView()),
    )

    seed_note = SeedNote("000", tr_noop("encoder 784-128-64-12-3 with tanh, a mirrored decoder ending in a sigmoid, Adam "
                                        "5e-3, batch 64; five reconstructions and a 3-D scatter of the codes"), None, None,
                         tr_noop("The note's figures are pictures: blurry but recognisable reconstructions, and codes "
                                 "that gather by digit although no label was used."))
    experiments = (
        Experiment("latent-size", tr_noop("Latent size 2 vs 12"),
                   tr_noop("With 12 numbers in the middle instead of 2 the test MSE is lower, by at least 5 %"),
                   (Arm(tr_noop("latent 2"), spec={"latent_size": 2}),
                    Arm(tr_noop("latent 12"), spec={"latent_size": 12})),
                   ratio_at_least("test_mse", 0, 1, 1.05)),
        Experiment("sgd-vs-adam", tr_noop("Plain SGD vs Adam"),
                   tr_noop("At lr 0.01 for 3 epochs, SGD's test MSE is at least 1.3× Adam's"),
                   (Arm(tr_noop("Adam"), config={"epochs": 3}),
                    Arm(tr_noop("SGD"), config={"epochs": 3, "optimizer": "sgd", "schedule": "constant"})),
                   ratio_at_least("test_mse", 1, 0, 1.3)),
    )

    def __init__(self) -> None:
        super().__init__()
        self._config = TrainConfig()
        self._device = None
        self._test_images: np.ndarray | None = None
        self._test_labels: np.ndarray | None = None

    # --- what to build -------------------------------------------------------------------------
    def default_spec(self) -> ModelSpec:
        return ModelSpec(architecture="mlp", cell="gru", input_size=28, hidden_size=128, latent_size=3,
                         activation="tanh", output_size=784)

    def default_config(self) -> TrainConfig:
        return TrainConfig(optimizer="adam", lr=1e-2, batch_size=32, epochs=10, schedule="onecycle",
                           evals_per_epoch=2)

    def presets(self) -> dict[str, Preset]:
        tuned = Preset("default", tr_noop("MLP 784-128-64-12-3, Adam 1e-2 + OneCycle, batch 32"),
                       self.default_spec(), self.default_config())
        seed = Preset("morvan", tr_noop("Morvan: MLP 784-128-64-12-3, Adam 5e-3, batch 64"),
                      self.default_spec(), self.default_config().replace(lr=5e-3, batch_size=64, schedule="constant"))
        recurrent = Preset("recurrent", tr_noop("Recurrent: GRU 128 reads and writes the rows, latent 3"),
                           self.default_spec().replace(architecture="recurrent"),
                           self.default_config().replace(lr=5e-3, batch_size=64))
        denoising = Preset("denoising", tr_noop("Denoising: noise 0.4 on the inputs, clean targets"),
                           self.default_spec(), self.default_config().replace(noise_std=0.4))
        return {preset.name: preset for preset in (tuned, seed, recurrent, denoising)}

    def parameter_count(self, spec: ModelSpec) -> int:
        """Computed without torch, for the form."""
        if spec.architecture != "recurrent":
            widths = (784, 128, 64, 12, spec.latent_size)
            return linear_parameter_count(*widths) + linear_parameter_count(*widths[::-1])
        encoder = recurrent_parameter_count(spec.cell, 28, spec.hidden_size, spec.num_layers, spec.bidirectional)
        decoder = recurrent_parameter_count(spec.cell, spec.latent_size, spec.hidden_size, spec.num_layers, False)
        return (encoder + decoder + linear_parameter_count(spec.feature_size, spec.latent_size)
                + linear_parameter_count(spec.latent_size, spec.hidden_size * spec.num_layers)
                + linear_parameter_count(spec.hidden_size, 28))

    def build(self, spec: ModelSpec) -> "nn.Module":
        from workbench.models import build_autoencoder
        return build_autoencoder(spec)

    # --- data ----------------------------------------------------------------------------------
    def data(self, config: TrainConfig, device: "torch.device") -> LessonData:
        import torch

        from workbench.batching import TensorBatches
        self._config, self._device = config, device
        split = load_mnist(config.data_root, config.download)
        self._test_images, self._test_labels = split.test_images, split.test_labels
        train = TensorBatches(torch.from_numpy(split.train_images).to(device),
                              torch.from_numpy(split.train_labels).to(device), config.batch_size,
                              generator=torch.Generator().manual_seed(config.seed), transform=to_pixels)
        test = TensorBatches(torch.from_numpy(split.test_images).to(device),
                             torch.from_numpy(split.test_labels).to(device), EVAL_BATCH, transform=to_pixels)
        self._noise = torch.Generator(device="cpu").manual_seed(config.seed + 7)
        return LessonData(train, test, len(split.train_labels), len(split.test_labels), split.describe(),
                          generators=(train.generator, self._noise))

    def corrupt(self, images: "torch.Tensor", generator: "torch.Generator | None" = None) -> "torch.Tensor":
        """The noisy input of a denoising autoencoder (unchanged when the noise level is 0)."""
        import torch
        if self._config.noise_std <= 0:
            return images
        noise = torch.randn(images.shape, generator=generator or self._noise).to(images.device)
        return (images + self._config.noise_std * noise).clamp(0.0, 1.0)

    # --- one step ------------------------------------------------------------------------------
    def step(self, model: "nn.Module", batch: Any, training: bool) -> StepResult:
        import torch
        import torch.nn.functional as F
        images, _labels = batch
        # Evaluation noise is drawn from a fixed seed so the test error is comparable between evaluations.
        generator = None if training else torch.Generator().manual_seed(0)
        reconstructions = model(self.corrupt(images, generator))
        loss = F.mse_loss(reconstructions, images)
        per_image = ((reconstructions - images) ** 2).mean(dim=(1, 2)).sum()
        return StepResult(loss, len(images), {"mse": per_image.detach()})

    # --- what the panels draw ------------------------------------------------------------------
    def sample_indices(self) -> np.ndarray:
        chosen = self.probe.samples
        if chosen is None:
            chosen = np.random.default_rng(0).permutation(len(self._test_labels))[:DEFAULT_SAMPLES]
        return np.asarray(chosen) % len(self._test_labels)

    def snapshot(self, model: "nn.Module") -> tuple:
        import torch

        from workbench.models import mirror_payload
        indices = self.sample_indices()
        clean = to_pixels(torch.from_numpy(self._test_images[indices]).to(self._device))
        noisy = self.corrupt(clean, torch.Generator().manual_seed(1))
        outputs = model(noisy)
        codes = []
        for start in range(0, len(self._test_labels), EVAL_BATCH):
            batch = torch.from_numpy(self._test_images[start:start + EVAL_BATCH]).to(self._device)
            codes.append(model.encode(to_pixels(batch)))
        return (ReconstructionFrame(clean.cpu().numpy(), outputs.cpu().numpy(), noisy.cpu().numpy(),
                                    self._config.noise_std > 0, indices),
                LatentFrame(torch.cat(codes).cpu().numpy(), self._test_labels),
                mirror_payload(self.name, model))

    def decode(self, model: "nn.Module", code: np.ndarray) -> np.ndarray:
        """The digit the decoder draws from one latent code: (28, 28) floats in 0..1."""
        import torch
        with torch.no_grad():
            return model.decode(torch.as_tensor(code, dtype=torch.float32)[None])[0].cpu().numpy()

    def reconstruct(self, model: "nn.Module", image: np.ndarray) -> np.ndarray:
        import torch
        with torch.no_grad():
            return model(to_pixels(torch.from_numpy(np.ascontiguousarray(image))[None]))[0].cpu().numpy()


def to_pixels(images: "torch.Tensor") -> "torch.Tensor":
    """uint8 images -> floats in 0..1 (the decoder's sigmoid output range)."""
    return images.float().div_(255.0)
