"""RNN Workbench: ``python main.py`` opens the window; ``python main.py train|eval|runs|lessons|experiment ...`` runs headless."""
from __future__ import annotations

import sys

HEADLESS_COMMANDS = ("train", "eval", "runs", "lessons", "experiment")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from tasks import LESSONS
    if argv and argv[0] in HEADLESS_COMMANDS:
        from workbench.cli import main as cli_main
        return cli_main(argv, LESSONS)
    from widgets.app import main as window_main
    return window_main(argv, LESSONS)


if __name__ == "__main__":
    sys.exit(main())
