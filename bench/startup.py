"""Time from launching ``python main.py`` to the window being painted, and to PyTorch being ready.

    python bench/startup.py [--repeats 3]

The app reports its first paint and torch-ready times against the clock this script passes in
``RNN_WORKBENCH_T0``, so the figures include interpreter start-up. Goal: painted well before torch is.
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


def launch_once(runs: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               RNN_WORKBENCH_T0=repr(time.time()))
    # The app prints its timings once torch is ready; then this script closes it.
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--report-startup", "--runs-dir", runs],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = process.stdout.readline()
    process.terminate()
    process.wait(30)
    return json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as runs:
        results = [launch_once(runs) for _ in range(args.repeats)]
    painted = statistics.median(result["window_painted_s"] for result in results)
    ready = statistics.median(result["torch_ready_s"] for result in results)
    print(f"launch to painted window s (median of {args.repeats}): {painted:.2f}")
    print(f"launch to PyTorch ready (Start enabled) s (median): {ready:.2f}")
    print(f"painted / ready ratio: {painted / ready:.2f}")


if __name__ == "__main__":
    main()
