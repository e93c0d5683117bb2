"""RNN Workbench core: specs, models, trainer, data and checkpoints. No Qt in here."""

__version__ = "0.1.0"
