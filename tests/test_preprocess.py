import numpy as np
import pytest

from workbench.data import load_embedded_mnist
from workbench.preprocess import (
    center_of_mass,
    ink_bounding_box,
    mnist_style,
    resize_area,
    shift_image,
    upscale_for_canvas,
)


@pytest.fixture(scope="module")
def digits():
    return load_embedded_mnist().test_images


@pytest.mark.parametrize("index, scale, top, left", [(0, 7, 10, 40), (150, 5, 120, 30), (777, 9, 0, 0)])
def test_a_shifted_scaled_digit_is_recovered(digits, index, scale, top, left):
    canvas = np.zeros((280, 280), dtype=np.uint8)
    big = upscale_for_canvas(digits[index], 28 * scale)[: 280 - top, : 280 - left]
    canvas[top:top + big.shape[0], left:left + big.shape[1]] = big
    digit = mnist_style(canvas)
    assert digit.shape == (28, 28) and digit.dtype == np.uint8
    row, col = center_of_mass(digit.astype(float))
    assert abs(row - 13.5) <= 1 and abs(col - 13.5) <= 1
    top_, bottom, left_, right = ink_bounding_box(digit.astype(float))
    assert max(bottom - top_, right - left_) in (20, 21)      # 20 px box, +1 for anti-aliased edges
    original = mnist_style(digits[index])
    correlation = np.corrcoef(original.ravel().astype(float), digit.ravel().astype(float))[0, 1]
    assert correlation > 0.85


def test_aspect_ratio_is_kept():
    canvas = np.zeros((200, 200))
    canvas[20:180, 90:110] = 1.0          # a tall bar, 160 x 20
    digit = mnist_style(canvas)
    top, bottom, left, right = ink_bounding_box(digit.astype(float))
    assert bottom - top == 20 and right - left in (2, 3, 4)


def test_empty_canvas_gives_an_empty_digit():
    assert not mnist_style(np.zeros((100, 100))).any()


def test_area_resize_keeps_the_mean_and_shift_drops_what_falls_off():
    image = np.random.default_rng(0).random((50, 37))
    assert resize_area(image, 20, 15).mean() == pytest.approx(image.mean(), rel=1e-9)
    moved = shift_image(np.eye(4), 1, 0)
    assert moved[1, 0] == 1 and moved[0].sum() == 0 and moved.sum() == 3
