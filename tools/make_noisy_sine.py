"""Write ``resources/data/noisy_sine.csv``: the sine-forecast lesson's built-in series.

    python tools/make_noisy_sine.py

1,000 points of sin(0.1·t), t = 0..999 (about 16 periods of ~63 points), plus Gaussian noise with
standard deviation 0.05, numpy seed 0 — one number per line under a "value" header, the same shape
as the seed note's sindata_1000.csv (the note does not say how that file was made).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "resources" / "data" / "noisy_sine.csv"


def main() -> None:
    rng = np.random.default_rng(0)
    t = np.arange(1000)
    values = np.sin(0.1 * t) + rng.normal(0.0, 0.05, size=t.shape)
    OUT.write_text("value\n" + "".join(f"{value:.6f}\n" for value in values), encoding="utf-8")
    print(f"wrote {OUT} ({len(values)} values)")


if __name__ == "__main__":
    main()
