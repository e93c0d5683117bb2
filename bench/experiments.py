"""Every guided experiment for seeds 1-5 (or those given): expected, observed, holds, seconds.

    python bench/experiments.py [--seeds 1 2 3 4 5] [--lesson NAME] [--name EXPERIMENT]

Prints one table row per experiment and seed, then how many held. A claim in the notes must hold for
every seed here; the goal is also ≤ 60 s per experiment on this 2-core CPU.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--lesson")
    parser.add_argument("--name")
    args = parser.parse_args()
    from tasks import LESSONS
    from workbench.experiments import run_experiment
    from workbench.threads import configure_torch_threads
    configure_torch_threads(leave_core_for_gui=False)
    out = Path(tempfile.mkdtemp(prefix="experiments-"))
    held = total = 0
    print(f"{'lesson':<16} {'experiment':<22} {'seed':>4} {'holds':<5} {'seconds':>7}  observed", flush=True)
    for lesson, task_class in LESSONS.items():
        if args.lesson and lesson != args.lesson:
            continue
        for experiment in task_class.experiments:
            if args.name and experiment.name != args.name:
                continue
            for seed in args.seeds:
                result = run_experiment(task_class, experiment.name, seed, out)
                held += bool(result["holds"])
                total += 1
                print(f"{lesson:<16} {experiment.name:<22} {seed:>4} {'yes' if result['holds'] else 'NO':<5} "
                      f"{result['seconds']:>7.1f}  {result['observed']}", flush=True)
    print(f"{held} of {total} held (run folders in {out})")
    return 0 if held == total else 1


if __name__ == "__main__":
    sys.exit(main())
