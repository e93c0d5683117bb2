"""What live gate heatmaps and gradient-through-time cost the training: samples/s with the inside-the-cell
snapshots on vs off, same config, alternating runs in one invocation.

    python bench/gates_cost.py [--preset morvan] [--epochs 3] [--repeats 3] [--every 0.3]

Goal: the cost stays under 5%.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run(preset: str, epochs: int, gates: bool, every: float) -> tuple[float, int]:
    from tasks.mnist_rows import MnistRows
    from workbench.trainer import Trainer
    task = MnistRows()
    task.probe.enabled = gates
    chosen = task.presets()[preset]
    trainer = Trainer(task, chosen.spec, chosen.config.replace(epochs=epochs), snapshot_every_s=every)
    snapshots = []
    trainer.add_callback("on_snapshot", snapshots.append)
    metrics = trainer.run().metrics
    # Wall-clock throughput: samples_per_s counts only optimizer steps, and snapshots happen between them.
    samples = metrics["steps"] * chosen.config.batch_size
    return samples / metrics["seconds"], len(snapshots)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="morvan")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.3, help="seconds between snapshots (the window's)")
    args = parser.parse_args()
    import torch
    torch.set_num_threads(2)
    with_gates, without = [], []
    for _ in range(args.repeats):
        without.append(run(args.preset, args.epochs, False, args.every))
        with_gates.append(run(args.preset, args.epochs, True, args.every))
    off = statistics.median(speed for speed, _ in without)
    on = statistics.median(speed for speed, _ in with_gates)
    print(f"config: preset {args.preset}, {args.epochs} epochs, a snapshot every {args.every} s")
    print(f"wall-clock samples/s without gates (median): {off:.0f}   runs: {[round(s) for s, _ in without]}")
    print(f"wall-clock samples/s with gates (median): {on:.0f}   runs: {[round(s) for s, _ in with_gates]}")
    print(f"snapshots per run: {with_gates[0][1]}")
    print(f"cost of live gates: {100 * (1 - on / off):.1f}%")


if __name__ == "__main__":
    main()
