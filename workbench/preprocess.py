"""Turn a drawing into an MNIST-like 28x28 digit, the way MNIST's own digits were made.

MNIST's digits were size-normalised to fit a 20x20 box (keeping their aspect ratio, with anti-aliased
grey levels) and then placed in a 28x28 field so that their centre of mass sits at the centre. A network
trained on MNIST expects exactly that; feeding it a raw downscaled canvas (digit too big, off-centre,
too thin) is why home-made digit demos guess badly. numpy only, so the window can run it directly.
"""
from __future__ import annotations

import numpy as np

FIELD = 28
BOX = 20
INK_THRESHOLD = 0.05  # of full intensity: fainter pixels are not part of the digit's bounding box


def area_resample_matrix(size_in: int, size_out: int) -> np.ndarray:
    """(size_out, size_in) weights that average each output pixel's footprint (exact box filter).

    Downscaling averages the input pixels under each output pixel (anti-aliasing); upscaling spreads
    each input pixel over the output pixels it covers.
    """
    scale = size_in / size_out
    weights = np.zeros((size_out, size_in))
    for out in range(size_out):
        start, stop = out * scale, (out + 1) * scale
        for index in range(int(np.floor(start)), int(np.ceil(stop))):
            overlap = min(stop, index + 1) - max(start, index)
            if overlap > 0:
                weights[out, min(index, size_in - 1)] += overlap
    return weights / weights.sum(axis=1, keepdims=True)


def resize_area(image: np.ndarray, height: int, width: int) -> np.ndarray:
    return area_resample_matrix(image.shape[0], height) @ image @ area_resample_matrix(image.shape[1], width).T


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the intensity-weighted centre, in pixel-index coordinates."""
    total = image.sum()
    if total <= 0:
        return (image.shape[0] - 1) / 2, (image.shape[1] - 1) / 2
    rows, cols = np.indices(image.shape)
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


def shift_image(image: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Translate by whole pixels, filling with zeros (what falls off the edge is lost)."""
    shifted = np.zeros_like(image)
    height, width = image.shape
    source = image[max(0, -rows):height - max(0, rows), max(0, -cols):width - max(0, cols)]
    shifted[max(0, rows):max(0, rows) + source.shape[0], max(0, cols):max(0, cols) + source.shape[1]] = source
    return shifted


def ink_bounding_box(image: np.ndarray, threshold: float = INK_THRESHOLD) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) bounds (bottom/right exclusive) of the pixels with ink, or None."""
    ink = image > threshold * image.max() if image.max() > 0 else np.zeros(image.shape, dtype=bool)
    if not ink.any():
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def mnist_style(canvas: np.ndarray) -> np.ndarray:
    """A grey canvas (any size; white ink on black; uint8 or floats in 0..1) -> uint8 (28, 28) MNIST digit.

    Empty canvases give an empty digit.
    """
    image = np.asarray(canvas, dtype=np.float64)
    if image.max() > 1.0:
        image = image / 255.0
    box = ink_bounding_box(image)
    if box is None:
        return np.zeros((FIELD, FIELD), dtype=np.uint8)
    top, bottom, left, right = box
    ink = image[top:bottom, left:right]
    height, width = ink.shape
    scale = BOX / max(height, width)
    new_height, new_width = max(1, round(height * scale)), max(1, round(width * scale))
    small = resize_area(ink, new_height, new_width)
    field = np.zeros((FIELD, FIELD))
    offset_row, offset_col = (FIELD - new_height) // 2, (FIELD - new_width) // 2
    field[offset_row:offset_row + new_height, offset_col:offset_col + new_width] = small
    centre_row, centre_col = center_of_mass(field)
    middle = (FIELD - 1) / 2
    field = shift_image(field, int(round(middle - centre_row)), int(round(middle - centre_col)))
    field = field / max(field.max(), 1e-12)   # full-strength ink, as MNIST's strokes are
    return np.clip(np.round(field * 255), 0, 255).astype(np.uint8)


def resize_bilinear(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Smooth resize (pixel centres aligned), separable linear interpolation."""
    rows = np.clip((np.arange(height) + 0.5) * image.shape[0] / height - 0.5, 0, image.shape[0] - 1)
    cols = np.clip((np.arange(width) + 0.5) * image.shape[1] / width - 0.5, 0, image.shape[1] - 1)
    across = np.array([np.interp(cols, np.arange(image.shape[1]), row) for row in image])
    return np.array([np.interp(rows, np.arange(image.shape[0]), column) for column in across.T]).T


def upscale_for_canvas(digit: np.ndarray, size: int) -> np.ndarray:
    """What a 28x28 digit looks like drawn on a ``size``-pixel canvas (smooth, uint8)."""
    return np.clip(np.round(resize_bilinear(digit.astype(np.float64), size, size)), 0, 255).astype(np.uint8)
