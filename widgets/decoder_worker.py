"""The decoder explorer's worker: a private copy of the autoencoder that decodes latent codes on demand."""
from __future__ import annotations

from typing import Mapping

import numpy as np
from PySide6.QtCore import Signal, Slot

from widgets.model_mirror import ModelMirror
from workbench.errors import tr_noop


class DecoderWorker(ModelMirror):
    decoded = Signal(int, object)            # request number, (28, 28) image in 0..1
    reconstructed = Signal(object)           # (original uint8, reconstruction floats)

    capability = "decodes_latents"
    refusal = tr_noop("this checkpoint is for the lesson {task!r}; the decoder explorer needs an autoencoder")

    def __init__(self, lessons: Mapping[str, type]) -> None:
        super().__init__(lessons)
        self.code: np.ndarray | None = None      # written by the GUI thread, read here
        self.data_root = ""                      # likewise
        self._test_images: tuple[str, np.ndarray] | None = None

    def weights_changed(self) -> None:
        # Redraw the explorer's current code with the newer weights (request -1: not a reply).
        if self.code is not None and self.model is not None:
            self.decoded.emit(-1, self.task.decode(self.model, self.code))

    @Slot(int)
    def decode(self, request: int) -> None:
        if self.model is not None and self.code is not None:
            self.decoded.emit(request, self.task.decode(self.model, self.code))

    @Slot(int)
    def reconstruct(self, index: int) -> None:
        """Test digit ``index`` and the model's reconstruction of it."""
        from workbench.data import load_mnist
        from workbench.errors import WorkbenchError
        if self.model is None:
            return
        if self._test_images is None or self._test_images[0] != self.data_root:
            try:
                self._test_images = (self.data_root, load_mnist(self.data_root).test_images)
            except WorkbenchError as error:
                self.unavailable.emit((error.template, error.params))
                return
        image = self._test_images[1][index % len(self._test_images[1])]
        self.reconstructed.emit((image, self.task.reconstruct(self.model, image)))
