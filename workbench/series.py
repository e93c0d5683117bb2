"""One-dimensional series for the forecasting lessons: the built-in noisy sine, or any one-column CSV."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from workbench.data import RESOURCES
from workbench.errors import DataError, tr_noop

BUILT_IN_SINE = RESOURCES / "data" / "noisy_sine.csv"
MIN_POINTS = 50


def load_series_csv(path: str | os.PathLike) -> np.ndarray:
    """The numbers of a one-column CSV (a header line is allowed) as float64, or a :class:`DataError`
    saying what is wrong with the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise DataError(tr_noop("there is no file at {path}"), path=str(path)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(tr_noop("cannot read {path} as text: {error}"), path=str(path), error=error) from error
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise DataError(tr_noop("{path} is empty"), path=str(path))
    widths = {len([cell for cell in row if cell.strip()]) for row in rows}
    if widths != {1}:
        raise DataError(tr_noop("{path} must have exactly one column of numbers; some rows have {widths} values"),
                        path=str(path), widths=max(widths))
    values = []
    for number, row in enumerate(rows, start=1):
        cell = next(cell for cell in row if cell.strip()).strip()
        try:
            values.append(float(cell))
        except ValueError:
            if number == 1:      # a header such as "value"
                continue
            raise DataError(tr_noop("{path}, line {line}: {cell!r} is not a number"),
                            path=str(path), line=number, cell=cell) from None
    series = np.asarray(values, dtype=np.float64)
    if not np.isfinite(series).all():
        bad = int(np.flatnonzero(~np.isfinite(series))[0]) + 1
        raise DataError(tr_noop("{path} contains NaN or infinite values (value {index})"), path=str(path), index=bad)
    if len(series) < MIN_POINTS:
        raise DataError(tr_noop("{path} has {count} values; the lesson needs at least {minimum}"),
                        path=str(path), count=len(series), minimum=MIN_POINTS)
    if series.std() == 0:
        raise DataError(tr_noop("{path} holds a constant series; there is nothing to forecast"), path=str(path))
    return series


def load_series(csv_path: str = "") -> tuple[np.ndarray, str]:
    """The series and a description: the built-in noisy sine when ``csv_path`` is empty."""
    path = Path(csv_path) if csv_path else BUILT_IN_SINE
    series = load_series_csv(path)
    name = "noisy sine (built in)" if not csv_path else path.name
    return series, f"{name}: {len(series)} points"
