"""Headless front end: ``python main.py train ...``, ``eval ...`` and ``runs ...``.

Progress goes to stdout as it happens; the last stdout line is always one JSON object of the run's
metrics. Errors are one line on stderr and a non-zero exit status.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Mapping, Sequence

from workbench.errors import WorkbenchError
from workbench.spec import CELLS, NONLINEARITIES, OPTIMIZERS, SCHEDULES, ModelSpec, TrainConfig

EXIT_FAILED = 1
EXIT_BROKEN_PIPE = 141        # 128 + SIGPIPE: what a shell reports for a tool whose reader went away
EXIT_USAGE = 2

# CLI option -> (which spec, field name)
MODEL_OPTIONS = {"cell": "cell", "hidden": "hidden_size", "layers": "num_layers", "bidirectional": "bidirectional",
                 "dropout": "dropout", "nonlinearity": "nonlinearity"}
TRAIN_OPTIONS = {"optimizer": "optimizer", "lr": "lr", "batch_size": "batch_size", "epochs": "epochs",
                 "schedule": "schedule", "weight_decay": "weight_decay", "clip": "clip_norm",
                 "label_smoothing": "label_smoothing", "shift": "shift_px", "evals_per_epoch": "evals_per_epoch",
                 "seed": "seed", "device": "device", "data_root": "data_root", "download": "download",
                 "sequence_length": "sequence_length", "carry_hidden": "carry_hidden", "horizon": "horizon",
                 "csv": "csv_path", "column": "csv_column"}


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (scripts parse stderr too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def build_parser(lesson_names: Sequence[str]) -> argparse.ArgumentParser:
    parser = OneLineParser(prog="rnn-workbench", description="RNN Workbench, headless.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    train = commands.add_parser("train", help="train a lesson and write a run folder")
    train.add_argument("--task", default="mnist-rows", choices=list(lesson_names), help="lesson to run")
    train.add_argument("--preset", help="start from a named recipe (see --list-presets)")
    train.add_argument("--list-presets", action="store_true", help="print the lesson's presets and exit")
    network = train.add_argument_group("network")
    network.add_argument("--cell", choices=CELLS)
    network.add_argument("--hidden", type=int, metavar="N", help="hidden size")
    network.add_argument("--layers", type=int, metavar="N")
    network.add_argument("--bidirectional", action=argparse.BooleanOptionalAction, default=None)
    network.add_argument("--dropout", type=float)
    network.add_argument("--nonlinearity", choices=NONLINEARITIES, help="plain RNN only")
    recipe = train.add_argument_group("training")
    recipe.add_argument("--optimizer", choices=OPTIMIZERS)
    recipe.add_argument("--lr", type=float, help="learning rate (the peak rate with --schedule onecycle)")
    recipe.add_argument("--batch-size", type=int)
    recipe.add_argument("--epochs", type=int)
    recipe.add_argument("--schedule", choices=SCHEDULES)
    recipe.add_argument("--weight-decay", type=float)
    recipe.add_argument("--clip", type=float, metavar="NORM", help="clip the gradient norm (0 = off)")
    recipe.add_argument("--label-smoothing", type=float)
    recipe.add_argument("--shift", type=int, metavar="PX", help="random shift augmentation, pixels")
    recipe.add_argument("--evals-per-epoch", type=int)
    recipe.add_argument("--seed", type=int)
    recipe.add_argument("--device", help="cpu, cuda, cuda:N")
    recipe.add_argument("--data-root", metavar="DIR", help="folder with MNIST/raw IDX files (default: embedded)")
    recipe.add_argument("--download", action="store_true", default=None, help="download MNIST into --data-root")
    sequence = train.add_argument_group("sequence lessons")
    sequence.add_argument("--sequence-length", type=int, metavar="STEPS", help="time steps per training window")
    sequence.add_argument("--carry-hidden", action=argparse.BooleanOptionalAction, default=None,
                          help="carry the hidden state from window to window (detached)")
    sequence.add_argument("--horizon", type=int, metavar="STEPS", help="steps to generate freely (sine-generation)")
    sequence.add_argument("--csv", metavar="FILE", help="a CSV series (sine-forecast): header or not, any common "
                          "delimiter, missing values interpolated")
    sequence.add_argument("--column", metavar="NAME|N", help="which CSV column: its header, its number counting "
                          "from 1, or 'rows' to read a wide table row by row (default: the last numeric column "
                          "that is not a year/date column)")
    train.add_argument("--resume", metavar="RUN_DIR", help="continue that run from its last saved epoch, in the "
                       "same folder (with --epochs N: to N epochs in all)")
    train.add_argument("--runs-dir", "--out", dest="out", metavar="DIR",
                       help="runs folder (default $RNN_WORKBENCH_RUNS or ./runs)")
    train.add_argument("--threads", type=int, help="torch CPU threads, fixed (default: all cores, fewer while "
                                                     "other programs use some)")
    train.add_argument("--quiet", action="store_true", help="print only the final JSON line")

    evaluate = commands.add_parser("eval", help="evaluate a checkpoint on its lesson's test split")
    evaluate.add_argument("--checkpoint", required=True, metavar="FILE")
    evaluate.add_argument("--data-root", metavar="DIR", help="evaluate on MNIST from DIR instead")
    evaluate.add_argument("--device", default="cpu")
    evaluate.add_argument("--threads", type=int)

    lessons = commands.add_parser("lessons", help="list the lessons with their notes, seed recipe and experiments")
    lessons.add_argument("--json", action="store_true", help="print the list as one JSON line")

    experiment = commands.add_parser("experiment", help="run a lesson's guided experiment and check its claim")
    experiment.add_argument("--lesson", required=True, choices=list(lesson_names))
    experiment.add_argument("--name", required=True, help="the experiment (see 'lessons')")
    experiment.add_argument("--seed", type=int, default=1)
    experiment.add_argument("--runs-dir", "--out", dest="out", metavar="DIR",
                            help="runs folder (default $RNN_WORKBENCH_RUNS or ./runs)")
    experiment.add_argument("--threads", type=int)

    runs = commands.add_parser("runs", help="list the run folders (status, epochs, headline metric, settings)")
    runs.add_argument("--runs-dir", "--out", dest="out", metavar="DIR",
                      help="runs folder (default $RNN_WORKBENCH_RUNS or ./runs)")
    runs.add_argument("--lesson", choices=list(lesson_names), help="only this lesson's runs")
    shown = runs.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print the rows as one JSON list (the last line)")
    shown.add_argument("--csv", metavar="FILE", help="write the rows as a CSV table")
    return parser


def resolve_settings(task, args: argparse.Namespace) -> tuple[ModelSpec, TrainConfig]:
    """Lesson defaults, then the preset, then each option given on the command line."""
    spec, config = task.default_spec(), task.default_config()
    if args.preset:
        presets = task.presets()
        if args.preset not in presets:
            raise WorkbenchError("unknown preset {name!r} for {task}; choose from {names}",
                                 name=args.preset, task=task.name, names=", ".join(presets))
        spec, config = presets[args.preset].spec, presets[args.preset].config
    spec = spec.replace(**{field: getattr(args, option) for option, field in MODEL_OPTIONS.items()
                           if getattr(args, option) is not None})
    config = config.replace(**{field: getattr(args, option) for option, field in TRAIN_OPTIONS.items()
                               if getattr(args, option) is not None})
    return spec.validate(), config.validate()


def _print_progress(prefix: str):
    def on_eval(event) -> None:
        shown = "  ".join(f"{name} {value:.4f}" for name, value in event.metrics.items())
        print(f"{prefix}epoch {event.epoch} step {event.step}  {shown}", flush=True)
    return on_eval


def run_train(args: argparse.Namespace, lessons: Mapping[str, type]) -> dict[str, Any]:
    from workbench.runs import default_runs_root
    from workbench.session import train_lesson
    if args.resume:
        return resume(args, lessons)
    task = lessons[args.task]()
    if args.list_presets:
        for preset in task.presets().values():
            print(f"{preset.name}: {preset.title}")
        return {}
    spec, config = resolve_settings(task, args)
    listeners: dict[str, list] = {}
    if not args.quiet:
        print(f"training {task.name}: {spec.to_dict()} {config.to_dict()}", flush=True)
        listeners["on_start"] = [lambda event: print(
            f"{event.device}, {event.parameter_count:,} parameters, {event.data_description}, "
            f"{event.total_steps} steps", flush=True)]
        listeners["on_eval"] = [_print_progress("")]
    return train_lesson(task, spec, config, args.out or default_runs_root(), listeners=listeners)


def resume(args: argparse.Namespace, lessons: Mapping[str, type]) -> dict[str, Any]:
    from workbench.session import resume_run
    given = [f"--{option.replace('_', '-')}" for option in list(MODEL_OPTIONS) + list(TRAIN_OPTIONS)
             if option not in ("epochs", "device") and getattr(args, option) is not None]
    if given or args.preset:
        raise WorkbenchError("--resume continues the run with its own settings; only --epochs and --device may "
                             "change (not {options})", options=", ".join(given or ["--preset"]))
    listeners: dict[str, list] = {}
    if not args.quiet:
        print(f"continuing {args.resume}", flush=True)
        listeners["on_eval"] = [_print_progress("")]
    return resume_run(args.resume, lessons, epochs=args.epochs, listeners=listeners, device=args.device)


def run_list(args: argparse.Namespace, lessons: Mapping[str, type]) -> dict[str, Any] | None:
    from pathlib import Path

    from workbench.atomic import atomic_write
    from workbench.run_index import list_runs, rows_to_csv
    from workbench.runs import default_runs_root
    rows = list_runs(args.out or default_runs_root(), lessons, args.lesson)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return None
    if args.csv:
        data = rows_to_csv(rows).encode("utf-8")
        try:
            atomic_write(Path(args.csv), lambda file: file.write(data))
        except OSError as error:
            raise WorkbenchError("could not write {path}: {error}", path=args.csv, error=error.strerror or error)
        print(f"{len(rows)} runs written to {args.csv}")
        return None
    for row in rows:
        value = row.get("headline")
        shown = f"{row['headline_metric']} {value:.4g}" if isinstance(value, (int, float)) else row.get("reason", "")
        print(f"{row['status']:<11} {row['lesson']:<16} {row.get('epochs_done', '')!s:>6}/{row.get('epochs', '')!s:<5} "
              f"{shown:<28} {row['run_dir']}")
    print(f"{len(rows)} runs")
    return None


def describe_lessons(lessons: Mapping[str, type]) -> list[dict[str, Any]]:
    from workbench.notes import lesson_notes, plain_text
    described = []
    for name, lesson in lessons.items():
        seed = getattr(lesson, "seed_note", None)
        described.append({
            "name": name, "title": lesson.title,
            "notes": plain_text(lesson_notes(name, "en")), "notes_zh": plain_text(lesson_notes(name, "zh_CN")),
            "seed_reference": None if seed is None else {"note": seed.note, "recipe": seed.recipe, "metric": seed.metric,
                                                         "value": seed.value, "caveat": seed.caveat},
            "experiments": [{"name": each.name, "title": each.title, "expectation": each.expectation,
                             "arms": [arm.label for arm in each.arms]} for each in getattr(lesson, "experiments", ())],
        })
    return described


def run_lessons(args: argparse.Namespace, lessons: Mapping[str, type]) -> None:
    described = describe_lessons(lessons)
    if args.json:
        print(json.dumps(described, ensure_ascii=False))
        return None
    for lesson in described:
        print(f"{lesson['name']}: {lesson['title']}")
        for each in lesson["experiments"]:
            print(f"    {each['name']:<16} {each['expectation']}")
    return None


def run_one_experiment(args: argparse.Namespace, lessons: Mapping[str, type]) -> dict[str, Any]:
    from workbench.experiments import find_experiment, run_experiment
    from workbench.runs import default_runs_root
    lesson = lessons[args.lesson]
    find_experiment(lesson(), args.name)               # an unknown name is a usage error before any training

    def announce(index, arm) -> None:
        print(f"arm {index + 1}: {arm.label}", flush=True)
    return run_experiment(lesson, args.name, args.seed, args.out or default_runs_root(), on_arm=announce)


def run_eval(args: argparse.Namespace, lessons: Mapping[str, type]) -> dict[str, Any]:
    from pathlib import Path

    from workbench.checkpoint import UNVERIFIED
    from workbench.session import evaluate_checkpoint
    began = time.perf_counter()
    metrics = evaluate_checkpoint(args.checkpoint, lessons, data_root=args.data_root, device=args.device)
    metrics.pop("spec"), metrics.pop("config")
    if metrics["integrity"] == UNVERIFIED:
        print(f"rnn-workbench: note: {args.checkpoint} was saved before checkpoints carried checksums, so "
              "damage to it cannot be detected", file=sys.stderr)
    metrics["seconds"] = round(time.perf_counter() - began, 3)
    metrics["run_dir"] = str(Path(args.checkpoint).resolve().parent)
    return metrics


def main(argv: Sequence[str], lessons: Mapping[str, type]) -> int:
    """Run one command; return the exit status."""
    args = build_parser(list(lessons)).parse_args(argv)
    from workbench.threads import configure_torch_threads
    try:
        if args.command not in ("runs", "lessons"):     # listings never need torch (and its 5 s import)
            configure_torch_threads(leave_core_for_gui=False, requested=args.threads)
        command = {"train": run_train, "eval": run_eval, "runs": run_list, "lessons": run_lessons,
                   "experiment": run_one_experiment}[args.command]
        metrics = command(args, lessons)
        if metrics:
            print(json.dumps(metrics, ensure_ascii=False), flush=True)
    except BrokenPipeError:
        # The reader went away (``rnn-workbench lessons | head``): stop quietly, as Unix tools do. Python
        # would try to flush stdout again at exit and complain, so what is left goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except WorkbenchError as error:
        print(f"rnn-workbench: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("rnn-workbench: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not bad input: still one line, and the details for a report
        print(f"rnn-workbench: error: unexpected {type(error).__name__}: {error} (please report this; "
              f"set RNN_WORKBENCH_DEBUG=1 for the traceback)", file=sys.stderr)
        if os.environ.get("RNN_WORKBENCH_DEBUG"):
            raise
        return EXIT_FAILED
    return 0
