"""One-dimensional series for the forecasting lessons: the built-in noisy sine, or a CSV the way people
have them.

Real series rarely come as one clean column. This reader takes a header row or none; commas,
semicolons (with decimal commas), tabs, bars or runs of spaces; quoted cells; date, year or label
columns beside the numbers; blank lines and missing-value markers ("", NA, ".", …). By default it uses
the last numeric column that is not a year/index column; a column can be chosen by name or by its
number (counting from 1, as a spreadsheet does), or ``rows`` reads a wide table (a year and twelve
month columns, say) row by row. Missing values are filled by linear interpolation and counted — never
dropped, which would shift the rest of the series in time. A cell that is not a number is an error that
names its line.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.data import RESOURCES
from workbench.errors import DataError, tr_noop

BUILT_IN_SINE = RESOURCES / "data" / "noisy_sine.csv"
BUILT_IN_NAME = "noisy sine (built in)"
MIN_POINTS = 10
ROW_BY_ROW = "rows"            # the column choice that reads a wide table row by row
MISSING = {"", "na", "n/a", "nan", "null", "none", ".", "-", "--", "?", "#n/a", "***", "****", "missing"}
INDEX_NAMES = {"year", "yr", "date", "time", "t", "index", "id", "month", "day", "week", "quarter", "period",
               "observation_date", "datetime", "timestamp", "no", "n"}
DELIMITERS = ("\t", ";", "|", ",")     # in order of preference when several split the lines consistently
NUMBER = re.compile(r"^[+-]?(\d+([.]\d*)?|[.]\d+)([eE][+-]?\d+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Series:
    """A series ready for a lesson, and where it came from."""

    values: np.ndarray                 # float64, missing values filled
    source: str                        # the file's name, or the built-in series' name
    column: str                        # the column used: its header, "column 3", or "rows"
    filled_missing: int                # how many values were missing and interpolated
    numeric_columns: tuple[str, ...]   # every numeric column, for a chooser

    def describe(self) -> str:
        text = f"{self.source}: {len(self.values)} points"
        if self.source != BUILT_IN_NAME:
            text = f"{self.source}, column {self.column!r}: {len(self.values)} points"
        if self.filled_missing:
            text += f" ({self.filled_missing} missing filled)"
        return text


@dataclass
class _Column:
    name: str
    cells: list[str]
    numbers: list[float | None]        # None: missing; NaN: not a number
    lines: list[int]                   # the file line of each cell, for error messages


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise DataError(tr_noop("there is no file at {path}"), path=str(path)) from error
    except IsADirectoryError as error:
        raise DataError(tr_noop("{path} is a folder, not a CSV file"), path=str(path)) from error
    except OSError as error:
        raise DataError(tr_noop("cannot read {path}: {error}"), path=str(path), error=error.strerror or error) from error
    if b"\x00" in raw[:4096]:
        raise DataError(tr_noop("{path} is not a text file"), path=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")   # spreadsheets on Windows write cp1252; the numbers read the same


def _split(lines: list[str], delimiter: str | None) -> list[list[str]]:
    if delimiter is None:                       # runs of spaces
        return [line.split() for line in lines]
    return [row for row in csv.reader(lines, delimiter=delimiter, skipinitialspace=True)]


def _choose_delimiter(lines: list[str]) -> str | None:
    """The delimiter that splits the first lines into the same number (>1) of fields most consistently."""
    sample = [line for line in lines if line.strip()][:50]
    best, best_score = ",", 0.0
    for delimiter in (*DELIMITERS, None):
        widths = [len(row) for row in _split(sample, delimiter)]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = widths.count(mode) / len(widths) if mode > 1 else 0.0
        if score > best_score + 1e-9 and score >= 0.8:
            best, best_score = delimiter, score
    return best


def _number(cell: str, decimal_comma: bool) -> float | None:
    """The cell's value; None when it marks a missing value; NaN when it is not a number."""
    text = cell.strip().strip('"').strip()
    if text.lower() in MISSING:
        return None
    if decimal_comma and DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    text = text.replace("_", "")
    if NUMBER.match(text):
        return float(text)
    return float("nan")


def _is_numeric(numbers: list[float | None]) -> bool:
    present = [value for value in numbers if value is not None]
    return bool(present) and sum(value == value for value in present) >= 0.8 * len(present)


def _looks_like_index(column: _Column) -> bool:
    """A year / date / row-number column: a telling name, or whole numbers rising by a fixed step."""
    if column.name.strip().lower() in INDEX_NAMES:
        return True
    values = np.array([value for value in column.numbers if value is not None and value == value])
    if len(values) < 3 or not np.all(values == np.round(values)):
        return False
    steps = np.diff(values)
    return bool(np.all(steps == steps[0]) and steps[0] > 0)


def read_series_csv(path: str | os.PathLike, column: str = "") -> Series:
    """The series in a CSV file (see the module docstring), or a :class:`DataError` saying what is wrong."""
    path = Path(path)
    lines = _read_text(path).splitlines()
    numbered = list(enumerate(lines, start=1))
    while numbered and not numbered[0][1].strip():
        numbered.pop(0)
    while numbered and not numbered[-1][1].strip():
        numbered.pop()
    if not numbered:
        raise DataError(tr_noop("{path} is empty"), path=str(path))
    delimiter = _choose_delimiter([line for _, line in numbered])
    rows = [(number, _split([line], delimiter)[0] if line.strip() else []) for number, line in numbered]
    decimal_comma = delimiter != "," and any(DECIMAL_COMMA.match(cell.strip()) for _, row in rows[:50] for cell in row)
    rows = _without_preamble(rows, decimal_comma)
    width = max(len(row) for _, row in rows)
    parsed = [[_number(row[index], decimal_comma) if index < len(row) else None for index in range(width)]
              for _, row in rows]

    # A header is a first row with text where the rows below hold numbers.
    first = parsed[0]
    header = len(rows) > 1 and any(
        value is not None and value != value and _is_numeric([later[index] for later in parsed[1:]])
        for index, value in enumerate(first))
    names = [cell.strip() or f"column {index + 1}" for index, cell in enumerate(rows[0][1])] if header else []
    names += [f"column {index + 1}" for index in range(len(names), width)]
    body, body_cells = (parsed[1:], rows[1:]) if header else (parsed, rows)
    line_numbers = [number for number, _ in body_cells]
    columns = [_Column(names[index], [row[index] if index < len(row) else "" for _, row in body_cells],
                       [values[index] for values in body], line_numbers) for index in range(width)]
    numeric = [candidate for candidate in columns if _is_numeric(candidate.numbers)]
    if not numeric:
        raise DataError(tr_noop("{path} has no column of numbers"), path=str(path))
    if column.strip().lower() == ROW_BY_ROW:
        chosen = _row_by_row(path, numeric)
    else:
        chosen = _choose_column(path, columns, numeric, column.strip())
    values = _check_numbers(path, chosen)
    filled, count = fill_missing(values)
    if count == len(filled):
        raise DataError(tr_noop("{path}: column {column!r} has no values"), path=str(path), column=chosen.name)
    if len(filled) < MIN_POINTS:
        raise DataError(tr_noop("{path} has {count} values; the lesson needs at least {minimum}"),
                        path=str(path), count=len(filled), minimum=MIN_POINTS)
    if float(np.std(filled)) == 0.0:
        raise DataError(tr_noop("{path}: column {column!r} is constant; there is nothing to forecast"),
                        path=str(path), column=chosen.name)
    return Series(filled, path.name, chosen.name, count, tuple(candidate.name for candidate in numeric))


def _without_preamble(rows: list[tuple[int, list[str]]], decimal_comma: bool) -> list[tuple[int, list[str]]]:
    """Drop title lines above the table (e.g. "Land-Ocean: Global Means"): leading rows narrower than the
    table's usual width that hold no number."""
    widths = [len(row) for _, row in rows if row]
    usual = max(set(widths), key=widths.count)
    start = 0
    while start < len(rows) - 1 and len(rows[start][1]) < usual and not any(
            (value := _number(cell, decimal_comma)) is not None and value == value for cell in rows[start][1]):
        start += 1
    return rows[start:]


def _choose_column(path: Path, columns: list[_Column], numeric: list[_Column], wanted: str) -> _Column:
    if not wanted:
        # The last numeric column; a year, date or row-number column is the time axis, not the series.
        candidates = [candidate for candidate in numeric if not _looks_like_index(candidate)] or numeric
        return candidates[-1]
    by_name = [candidate for candidate in columns if candidate.name.lower() == wanted.lower()]
    if by_name:
        chosen = by_name[0]
    elif wanted.isdigit() and 1 <= int(wanted) <= len(columns):
        chosen = columns[int(wanted) - 1]
    else:
        raise DataError(tr_noop("{path} has no column {column!r}; its columns are {names} (or a number from 1 to "
                                "{count}, or \"rows\")"), path=str(path), column=wanted,
                        names=", ".join(repr(candidate.name) for candidate in columns), count=len(columns))
    if chosen not in numeric:
        raise DataError(tr_noop("{path}: column {column!r} does not hold numbers; numeric columns: {names}"),
                        path=str(path), column=chosen.name, names=", ".join(repr(c.name) for c in numeric))
    return chosen


def _row_by_row(path: Path, numeric: list[_Column]) -> _Column:
    """A wide table (e.g. a year, then one column per month) read left to right, row after row."""
    value_columns = [candidate for candidate in numeric if not _looks_like_index(candidate)]
    if len(value_columns) < 2:
        raise DataError(tr_noop("{path} is not a wide table: reading row by row needs two or more value columns"),
                        path=str(path))
    rows = range(len(value_columns[0].cells))
    return _Column(ROW_BY_ROW, [candidate.cells[row] for row in rows for candidate in value_columns],
                   [candidate.numbers[row] for row in rows for candidate in value_columns],
                   [candidate.lines[row] for row in rows for candidate in value_columns])


def _check_numbers(path: Path, column: _Column) -> np.ndarray:
    bad = [(line, cell) for line, cell, value in zip(column.lines, column.cells, column.numbers)
           if value is not None and value != value]
    if bad:
        shown = ", ".join(f"line {line}: {cell.strip()!r}" for line, cell in bad[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise DataError(tr_noop("{path}: column {column!r} has values that are not numbers ({lines}{more})"),
                        path=str(path), column=column.name, lines=shown, more=more)
    return np.array([np.nan if value is None else value for value in column.numbers], dtype=np.float64)


def fill_missing(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Missing (NaN) values filled by linear interpolation between their neighbours (the nearest value at
    either end), and how many there were."""
    missing = ~np.isfinite(values)
    count = int(missing.sum())
    if count == 0 or count == len(values):
        return values, count
    positions = np.arange(len(values))
    filled = values.copy()
    filled[missing] = np.interp(positions[missing], positions[~missing], values[~missing])
    return filled, count


def load_series(csv_path: str = "", column: str = "") -> Series:
    """The lesson's series: the built-in noisy sine when ``csv_path`` is empty."""
    if not csv_path:
        built_in = read_series_csv(BUILT_IN_SINE)
        return Series(built_in.values, BUILT_IN_NAME, built_in.column, 0, built_in.numeric_columns)
    return read_series_csv(csv_path, column)
