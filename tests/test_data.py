import gzip

import numpy as np
import pytest

from workbench.data import (
    find_idx_files,
    load_embedded_mnist,
    load_mnist,
    load_mnist_idx,
    read_idx,
    write_idx,
)
from workbench.errors import DataError


def test_embedded_split_is_stratified_and_deterministic():
    split = load_embedded_mnist()
    assert split.train_images.shape == (4000, 28, 28) and split.train_images.dtype == np.uint8
    assert split.test_images.shape == (1000, 28, 28)
    assert np.bincount(split.train_labels).tolist() == [400] * 10
    assert np.bincount(split.test_labels).tolist() == [100] * 10
    again = load_embedded_mnist()
    assert np.array_equal(split.test_images, again.test_images)
    # Real digits: ink is white on black, and every image has some.
    assert split.train_images.reshape(4000, -1).max(axis=1).min() > 100
    assert split.train_images[:, 0, :].mean() < 5


def make_mnist_folder(root, train=30, test=10, gz=False):
    rng = np.random.default_rng(0)
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (train, 28, 28)),
        "train-labels-idx1-ubyte": np.arange(train) % 10,
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (test, 28, 28)),
        "t10k-labels-idx1-ubyte": np.arange(test) % 10,
    }
    for name, array in arrays.items():
        path = raw / name
        write_idx(path, array)
        if gz:
            path.with_name(name + ".gz").write_bytes(gzip.compress(path.read_bytes()))
            path.unlink()
    return arrays


@pytest.mark.parametrize("gz", [False, True])
def test_full_mnist_reads_torchvision_layout(tmp_path, gz):
    arrays = make_mnist_folder(tmp_path, gz=gz)
    split = load_mnist(str(tmp_path))
    assert split.train_images.shape == (30, 28, 28)
    assert np.array_equal(split.train_images, arrays["train-images-idx3-ubyte"].astype(np.uint8))
    assert np.array_equal(split.test_labels, arrays["t10k-labels-idx1-ubyte"])
    assert "30 train / 10 test" in split.describe()


def test_missing_files_say_where_they_were_expected(tmp_path):
    with pytest.raises(DataError) as caught:
        load_mnist_idx(tmp_path)
    message = str(caught.value)
    assert str(tmp_path) in message and "train-images-idx3-ubyte" in message and "embedded" in message


def test_idx_round_trip_and_malformed_files(tmp_path):
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    write_idx(tmp_path / "a", array)
    assert np.array_equal(read_idx(tmp_path / "a"), array)
    (tmp_path / "bad").write_bytes(b"hello world")
    with pytest.raises(DataError, match="not an IDX file"):
        read_idx(tmp_path / "bad")
    (tmp_path / "short").write_bytes((tmp_path / "a").read_bytes()[:-5])
    with pytest.raises(DataError, match="header promises"):
        read_idx(tmp_path / "short")


def test_images_of_the_wrong_size_are_refused(tmp_path):
    make_mnist_folder(tmp_path)
    write_idx(tmp_path / "MNIST" / "raw" / "t10k-images-idx3-ubyte", np.zeros((10, 14, 14)))
    with pytest.raises(DataError, match="28x28"):
        load_mnist_idx(tmp_path)


def test_find_idx_files_accepts_the_raw_folder_itself(tmp_path):
    make_mnist_folder(tmp_path)
    assert len(find_idx_files(tmp_path / "MNIST" / "raw")) == 4
