"""Why panels' model copies live in short-lived threads: training speed with a second thread that ran
one forward pass and stays alive (as a long-lived mirror thread would), against one that has ended
(what MirrorHost does after its idle time), against no second thread. Same process, alternating.

    python bench/mirror_cost.py [--preset best] [--epochs 2] [--repeats 2]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def train_speed(preset: str, epochs: int, side: str) -> float:
    import torch

    from tasks.mnist_rows import MnistRows
    from workbench.trainer import Trainer
    task = MnistRows()
    chosen = task.presets()[preset]
    release = threading.Event()

    def side_thread() -> None:
        model = task.build(chosen.spec).eval()
        with torch.no_grad():
            model(torch.rand(28, 28, 28))
        if side == "alive":
            release.wait()

    thread = None
    if side != "none":
        thread = threading.Thread(target=side_thread)
        thread.start()
        if side == "ended":
            thread.join()
    speed = Trainer(task, chosen.spec, chosen.config.replace(epochs=epochs)).run().metrics["samples_per_s"]
    release.set()
    if thread is not None:
        thread.join()
    return speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="best")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    import torch
    torch.set_num_threads(2)
    speeds: dict[str, list[float]] = {"none": [], "ended": [], "alive": []}
    for _ in range(args.repeats):
        for side in speeds:
            speeds[side].append(train_speed(args.preset, args.epochs, side))
    base = statistics.median(speeds["none"])
    print(f"config: preset {args.preset}, {args.epochs} epochs, torch threads {torch.get_num_threads()}")
    for side, label in (("none", "no second thread"), ("ended", "second thread ran a forward, then ended"),
                        ("alive", "second thread ran a forward and is still alive")):
        median = statistics.median(speeds[side])
        print(f"samples/s, {label}: {median:.0f} (x{median / base:.2f})   runs: {[round(s) for s in speeds[side]]}")


if __name__ == "__main__":
    main()
