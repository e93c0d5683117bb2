"""MNIST images as numpy arrays: the embedded 5k subset, or the full set from IDX files.

numpy only (no torch), so the window can read test digits before torch has loaded. Images are uint8
(N, 28, 28) with white ink on black, labels int64 (N,).
"""
from __future__ import annotations

import gzip
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.errors import DataError, tr_noop

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
EMBEDDED_MNIST = RESOURCES / "data" / "mnist5k.npz"
TRAIN_PER_CLASS = 400  # of the 500 per class in the embedded set; the other 100 are the test split

IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
# IDX type codes (the third byte of the magic number) that MNIST-like files use.
IDX_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


@dataclass(frozen=True)
class ImageSplit:
    """Train and test digits plus a human-readable description of where they came from."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str

    def describe(self) -> str:
        return f"{self.source}: {len(self.train_labels):,} train / {len(self.test_labels):,} test"


def load_embedded_mnist(path: Path = EMBEDDED_MNIST) -> ImageSplit:
    """The 5,000 embedded digits, split per class into 400 train and 100 test (deterministic)."""
    try:
        with np.load(path) as archive:
            images, labels = archive["images"], archive["labels"].astype(np.int64)
    except (OSError, KeyError, ValueError) as error:
        raise DataError(tr_noop("the embedded MNIST file {path} is missing or damaged ({error}); "
                                "reinstall the app"), path=str(path), error=error) from error
    train_index, test_index = [], []
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        train_index.append(members[:TRAIN_PER_CLASS])
        test_index.append(members[TRAIN_PER_CLASS:])
    train, test = np.concatenate(train_index), np.concatenate(test_index)
    return ImageSplit(images[train], labels[train], images[test], labels[test], "embedded MNIST 5k")


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read one IDX file (optionally gzipped) into an array; malformed files raise :class:`DataError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise DataError(tr_noop("cannot read {path}: {error}"), path=str(path), error=error) from error
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in IDX_DTYPES:
        raise DataError(tr_noop("{path} is not an IDX file (bad header)"), path=str(path))
    ndim = raw[3]
    header_end = 4 + 4 * ndim
    if len(raw) < header_end:
        raise DataError(tr_noop("{path} is truncated (header cut short)"), path=str(path))
    shape = struct.unpack(f">{ndim}I", raw[4:header_end])
    dtype = np.dtype(IDX_DTYPES[raw[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header_end != expected:
        raise DataError(tr_noop("{path} holds {actual} bytes of data but its header promises {expected}"),
                        path=str(path), actual=len(raw) - header_end, expected=expected)
    return np.frombuffer(raw, dtype=dtype, offset=header_end).reshape(shape)


def write_idx(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write a uint8 array as an IDX file (used by tests and by anyone preparing their own data)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    Path(path).write_bytes(header + array.tobytes())


def find_idx_files(root: str | os.PathLike) -> dict[str, Path]:
    """Locate the four MNIST files under ``root`` (torchvision's ``MNIST/raw`` layout, or ``root`` itself).

    Raises :class:`DataError` naming the files that are missing.
    """
    root = Path(root).expanduser()
    candidates = [root / "MNIST" / "raw", root / "raw", root]
    for folder in candidates:
        found = {}
        for key, stem in IDX_FILES.items():
            for name in (stem, stem + ".gz"):
                if (folder / name).is_file():
                    found[key] = folder / name
                    break
        if len(found) == len(IDX_FILES):
            return found
    missing = [stem for key, stem in IDX_FILES.items()]
    raise DataError(tr_noop("no MNIST files in {root}: expected {names} in {root}/MNIST/raw "
                            "(the embedded 5k digits are still available)"),
                    root=str(root), names=", ".join(missing))


def load_mnist_idx(root: str | os.PathLike, download: bool = False) -> ImageSplit:
    """Full MNIST from IDX files under ``root``; with ``download`` fetch them first via torchvision."""
    try:
        files = find_idx_files(root)
    except DataError:
        if not download:
            raise
        _download_mnist(root)
        files = find_idx_files(root)
    arrays = {key: read_idx(path) for key, path in files.items()}
    for part in ("train", "test"):
        images, labels = arrays[f"{part}_images"], arrays[f"{part}_labels"]
        if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.ndim != 1 or len(labels) != len(images):
            raise DataError(tr_noop("the {part} files in {root} do not hold 28x28 images with one label each "
                                    "(images {image_shape}, labels {label_shape})"),
                            part=part, root=str(root), image_shape=images.shape, label_shape=labels.shape)
        if labels.size and (labels.min() < 0 or labels.max() > 9):
            raise DataError(tr_noop("the {part} labels in {root} are not digits 0-9"), part=part, root=str(root))
    return ImageSplit(arrays["train_images"].astype(np.uint8), arrays["train_labels"].astype(np.int64),
                      arrays["test_images"].astype(np.uint8), arrays["test_labels"].astype(np.int64),
                      f"MNIST from {root}")


def _download_mnist(root: str | os.PathLike) -> None:
    try:
        from torchvision.datasets import MNIST  # only needed here, and slow to import
        MNIST(str(root), train=True, download=True)
        MNIST(str(root), train=False, download=True)
    except Exception as error:  # torchvision raises plain RuntimeError/URLError for network failures
        raise DataError(tr_noop("downloading MNIST into {root} failed ({error}); the embedded 5k digits "
                                "are still available"), root=str(root), error=error) from error


def load_mnist(data_root: str = "", download: bool = False) -> ImageSplit:
    """The embedded subset when ``data_root`` is empty, else the full set from that folder."""
    if not data_root:
        return load_embedded_mnist()
    return load_mnist_idx(data_root, download=download)
