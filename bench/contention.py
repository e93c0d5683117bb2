"""Training speed when other programs use the CPU: a fixed thread count against one that gives way.

    python bench/contention.py [--lesson mnist-rows] [--epochs 4] [--rounds 2]

Runs ``main.py train`` headless alone, beside a busy loop (one core taken), and beside a second training
with a fixed two threads (as a second window or a terminal would), each time with ``--threads N`` (N =
all cores, fixed) and with the default (at most N, giving way: workbench/threads.py LoadFollower), and
prints samples/s, alternating the two. Goal: beside a load, the default at least 1.5x the fixed count;
alone, the same speed.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def train(lesson: str, epochs: int, threads: int | None, out: str) -> float:
    command = [sys.executable, str(ROOT / "main.py"), "train", "--task", lesson, "--epochs", str(epochs),
               "--out", out, "--quiet"]
    if threads is not None:
        command += ["--threads", str(threads)]
    env = {key: value for key, value in os.environ.items() if key != "RNN_WORKBENCH_THREADS"}
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])["samples_per_s"]


def start_load(kind: str, out: str) -> subprocess.Popen | None:
    if kind == "busy loop":
        return subprocess.Popen([sys.executable, "-c", "while True: pass"])
    if kind == "second training":
        load = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", "--task", "mnist-rows", "--epochs",
                                 "1000", "--threads", str(os.cpu_count() or 1), "--out", out, "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(6)       # past its torch import: training
        return load
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="mnist-rows")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"{args.lesson}, {args.epochs} epochs, {cores} cores; samples/s, median of {args.rounds} alternating runs")
    print(f"{'beside':18s} {'fixed ' + str(cores) + ' threads':>18s} {'giving way':>12s} {'ratio':>7s}")
    with tempfile.TemporaryDirectory() as out:
        for kind in ("nothing", "busy loop", "second training"):
            load = start_load(kind, str(Path(out) / "load"))
            try:
                fixed, giving = [], []
                for _ in range(args.rounds):
                    fixed.append(train(args.lesson, args.epochs, cores, out))
                    giving.append(train(args.lesson, args.epochs, None, out))
            finally:
                if load is not None:
                    load.kill()
                    load.wait()
            a, b = statistics.median(fixed), statistics.median(giving)
            print(f"{kind:18s} {a:18,.0f} {b:12,.0f} {b / a:7.2f}")


if __name__ == "__main__":
    main()
