"""Errors a learner can act on.

Each error keeps its English ``template`` and its ``params`` apart, so the window can translate the
template (``QCoreApplication.translate("core", template)``) and the CLI can print ``str(error)``.
Templates are wrapped in :func:`tr_noop` so the translation script finds them.
"""
from __future__ import annotations

from typing import Any


def tr_noop(text: str) -> str:
    """Mark a string for translation without translating it (the core has no Qt)."""
    return text


class WorkbenchError(Exception):
    """Base class: a sentence for a learner, built from a template and its parameters."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class SpecError(WorkbenchError, ValueError):
    """A model or training setting the network cannot use; ``field`` names the setting."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)


class DataError(WorkbenchError):
    """A data set is missing, unreadable or malformed."""


class CheckpointError(WorkbenchError):
    """A checkpoint cannot be saved or opened."""


class TrainingError(WorkbenchError):
    """Training cannot go on (a NaN loss, an unavailable device, ...)."""
