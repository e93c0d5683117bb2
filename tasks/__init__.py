"""The lessons, by name. Each lesson is one file; add it here to make it appear in the window and CLI."""
from __future__ import annotations

from tasks.autoencoder import Autoencoder
from tasks.curve_fit import CurveFit
from tasks.mnist_cnn import MnistCnn
from tasks.mnist_rows import MnistRows
from tasks.optimizer_race import OptimizerRace
from tasks.sine_forecast import SineForecast
from tasks.sine_generation import SineGeneration
from tasks.sine_to_cos import SineToCos
from tasks.two_class import TwoClass

LESSONS = {lesson.name: lesson for lesson in (MnistRows, SineToCos, SineForecast, SineGeneration,
                                                    Autoencoder, CurveFit, TwoClass, OptimizerRace, MnistCnn)}


def lesson_names() -> list[str]:
    return list(LESSONS)
