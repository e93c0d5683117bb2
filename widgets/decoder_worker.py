"""The decoder explorer's mirror: a private copy of the autoencoder that decodes latent codes on demand.

Plain Python in the explorer's own thread (see widgets/worker.py); it reports through ``emit``.
"""
from __future__ import annotations

import numpy as np

from widgets.model_mirror import ModelMirror
from workbench.errors import tr_noop
from workbench.task import LatentDecoder


class DecoderMirror(ModelMirror):
    """Reports ``decoded`` ((request, image)), ``reconstructed`` ((original, reconstruction)), ``model_ready``,
    ``unavailable``. Request -1 marks a redraw after new weights rather than an answer."""

    capability = LatentDecoder
    refusal = tr_noop("this checkpoint is for the lesson {task!r}; the decoder explorer needs an autoencoder")

    def __init__(self, lessons, emit) -> None:
        super().__init__(lessons, emit)
        self.code: np.ndarray | None = None
        self._test_images: tuple[str, np.ndarray] | None = None

    def weights_changed(self) -> None:
        if self.code is not None and self.model is not None:
            self.emit("decoded", (-1, self.task.decode(self.model, self.code)))

    def decode(self, request: int, code: np.ndarray) -> None:
        self.code = code
        if self.model is not None:
            self.emit("decoded", (request, self.task.decode(self.model, code)))

    def reconstruct(self, index: int, data_root: str) -> None:
        """Test digit ``index`` and the model's reconstruction of it."""
        from workbench.data import load_mnist
        from workbench.errors import WorkbenchError
        if self.model is None:
            return
        if self._test_images is None or self._test_images[0] != data_root:
            try:
                self._test_images = (data_root, load_mnist(data_root).test_images)
            except WorkbenchError as error:
                self.emit("unavailable", (error.template, error.params))
                return
        image = self._test_images[1][index % len(self._test_images[1])]
        self.emit("reconstructed", (image, self.task.reconstruct(self.model, image)))
