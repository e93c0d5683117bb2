"""The lessons, by name. Each lesson is one file; add it here to make it appear in the window and CLI."""
from __future__ import annotations

from tasks.mnist_rows import MnistRows

LESSONS = {
    MnistRows.name: MnistRows,
}


def lesson_names() -> list[str]:
    return list(LESSONS)
