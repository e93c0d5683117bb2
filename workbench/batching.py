"""Mini-batches over tensors already in memory (and on the training device).

The data sets here fit in memory many times over, so a DataLoader's worker processes would only add
start-up time; indexing resident tensors is the fastest way to feed a small recurrent network.
"""
from __future__ import annotations

from typing import Callable, Iterator

import torch


class TensorBatches:
    """Re-iterable batches of ``(images, labels)``; reshuffled on every pass when ``generator`` is set.

    ``transform`` is applied to each batch of images as it is drawn (augmentation, dtype conversion).
    """

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, batch_size: int,
                 generator: torch.Generator | None = None,
                 transform: Callable[[torch.Tensor], torch.Tensor] | None = None) -> None:
        if len(images) != len(labels):
            raise ValueError(f"{len(images)} images but {len(labels)} labels")
        self.images, self.labels = images, labels
        self.batch_size = batch_size
        self.generator = generator
        self.transform = transform or (lambda images: images)

    def __len__(self) -> int:
        return -(-len(self.labels) // self.batch_size)

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        count = len(self.labels)
        if self.generator is None:
            order = None
        else:
            order = torch.randperm(count, generator=self.generator).to(self.labels.device)
        for start in range(0, count, self.batch_size):
            if order is None:
                chosen = slice(start, start + self.batch_size)
            else:
                chosen = order[start:start + self.batch_size]
            yield self.transform(self.images[chosen]), self.labels[chosen]


class FullBatch:
    """The whole (small) data set as one batch, ``count`` times per epoch."""

    def __init__(self, batch: tuple, count: int) -> None:
        self.batch, self.count = batch, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple]:
        for _ in range(self.count):
            yield self.batch


def random_shift(images: torch.Tensor, max_shift: int, generator: torch.Generator) -> torch.Tensor:
    """Translate each (H, W) image by its own random offset in [-max_shift, max_shift], zero-filled.

    Done with one gather on a padded copy, so a whole batch costs one indexing call.
    """
    if max_shift <= 0:
        return images
    count, height, width = images.shape
    padded = torch.nn.functional.pad(images, (max_shift,) * 4)
    offsets = torch.randint(0, 2 * max_shift + 1, (count, 2), generator=generator).to(images.device)
    rows = torch.arange(height, device=images.device)[None, :] + offsets[:, :1]   # (count, H)
    cols = torch.arange(width, device=images.device)[None, :] + offsets[:, 1:]    # (count, W)
    batch = torch.arange(count, device=images.device)[:, None, None]
    return padded[batch, rows[:, :, None], cols[:, None, :]]
