"""Does the drawing pad's preprocessing keep digits readable? 100 embedded test digits are drawn as the
pad would receive them (upscaled to the 280 px canvas, then cropped, scaled to 20 px and centred by
mass) and the trained model's accuracy on them is compared with its accuracy on the raw 28x28 digits.

    python bench/pad_fidelity.py [--preset morvan] [--epochs 8] [--seed 1]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="morvan")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import torch
    torch.set_num_threads(2)
    from tasks.mnist_rows import MnistRows
    from widgets.panels.drawing_canvas import SIDE
    from workbench.data import load_embedded_mnist
    from workbench.preprocess import mnist_style, upscale_for_canvas
    from workbench.trainer import Trainer

    task = MnistRows()
    preset = task.presets()[args.preset]
    result = Trainer(task, preset.spec, preset.config.replace(epochs=args.epochs, seed=args.seed)).run()
    model = result.model.eval()
    split = load_embedded_mnist()
    chosen = np.concatenate([np.flatnonzero(split.test_labels == digit)[:10] for digit in range(10)])
    raw = split.test_images[chosen]
    drawn = np.stack([mnist_style(upscale_for_canvas(digit, SIDE)) for digit in raw])
    labels = split.test_labels[chosen]
    raw_accuracy = (task.predict(model, raw) == labels).mean()
    pad_accuracy = (task.predict(model, drawn) == labels).mean()
    print(f"model: preset {args.preset}, {args.epochs} epochs, seed {args.seed}; "
          f"full test accuracy {100 * result.metrics['test_accuracy']:.1f}%")
    print(f"accuracy on 100 raw 28x28 test digits: {100 * raw_accuracy:.0f}%")
    print(f"accuracy on the same digits through the pad's preprocessing: {100 * pad_accuracy:.0f}%")


if __name__ == "__main__":
    main()
