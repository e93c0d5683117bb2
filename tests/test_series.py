"""Time-series CSVs the way people have them (tests/data/series/ mirrors the layouts of public series:
FRED's dates with "." for missing values, Our World in Data's quoted columns, a GISTEMP-style wide
year-by-month table under a title line, semicolons with decimal commas, tabs, blank lines)."""
import json
from pathlib import Path

import numpy as np
import pytest

from tasks import LESSONS
from tasks.sine_forecast import SineForecast
from tests.window_helpers import LONG
from workbench import cli
from workbench.errors import DataError
from workbench.series import fill_missing, read_series_csv

DATA = Path(__file__).resolve().parent / "data" / "series"


@pytest.mark.parametrize("name, column, used, length, filled, first", [
    ("fred_style_unrate.csv", "", "UNRATE", 360, 40, 5.5),
    ("owid_style_co2.csv", "", "Annual CO₂ emissions (tonnes)", 124, 4, 1e9),
    ("owid_style_co2.csv", "Year", "Year", 124, 0, 1900),
    ("wide_year_by_month.csv", "", "Dec", 45, 1, 0.2 + 0.1 * np.sin(11)),
    ("wide_year_by_month.csv", "jul", "Jul", 45, 0, 0.2 + 0.1 * np.sin(6)),
    ("wide_year_by_month.csv", "rows", "rows", 45 * 12, 3, 0.2),
    ("semicolon_decimal_comma.csv", "", "Temperatur", 200, 0, 10.0),
    ("tabs_no_header.tsv", "", "column 2", 150, 0, 1.0),
    ("tabs_no_header.tsv", "1", "column 1", 150, 0, 0.0),
    ("blank_lines.csv", "", "value", 100, 3, 0.0),
    ("airline_passengers.csv", "", "#Passengers", 144, 0, 112),
])
def test_real_world_layouts_load(name, column, used, length, filled, first):
    series = read_series_csv(DATA / name, column)
    assert series.column == used
    assert len(series.values) == length and series.filled_missing == filled
    assert series.values[0] == pytest.approx(first, rel=1e-2, abs=0.006)     # the files hold rounded values
    assert np.isfinite(series.values).all()


def test_blank_lines_are_missing_values_not_dropped():
    series = read_series_csv(DATA / "blank_lines.csv")
    truth = np.sin(np.arange(100) / 5)
    kept = [index for index in range(100) if index not in (10, 11, 50)]
    assert np.allclose(series.values[kept], truth[kept], atol=1e-4)        # nothing shifted in time
    assert series.values[10] == pytest.approx(truth[9] + (truth[12] - truth[9]) / 3, abs=1e-4)


def test_missing_values_are_interpolated_linearly_and_ends_take_the_nearest():
    filled, count = fill_missing(np.array([np.nan, 1.0, np.nan, np.nan, 4.0, np.nan]))
    assert count == 4 and filled.tolist() == [1.0, 1.0, 2.0, 3.0, 4.0, 4.0]


@pytest.mark.parametrize("content, column, words", [
    ("", "", "is empty"),
    ("\n\n\n", "", "is empty"),
    ("name\nhello\nworld\n", "", "has no column of numbers"),
    ("value\n" + "1\n2\n" * 20 + "oops\n3\n", "", r"column 'value' has values that are not numbers \(line 42: 'oops'\)"),
    ("date,value\n" + "".join(f"2020-01-{d:02d},{'x' if d % 7 == 0 else d}\n" for d in range(1, 29)), "",
     r"line 8: 'x', line 15: 'x', line 22: 'x'"),
    ("1.5\n2.5\n", "", "has 2 values; the lesson needs at least 10"),
    ("2\n" * 60, "", "is constant"),
    ("a,b\n" + "1,2\n" * 30, "c", r"has no column 'c'; its columns are 'a', 'b'"),
    ("when,b\n" + "x,2\n" * 30, "when", "column 'when' does not hold numbers"),
    ("value\n" + "1\n2\n" * 30, "rows", "not a wide table"),
    ("NA\n" * 30, "", "has no column of numbers"),
])
def test_unusable_files_are_explained(tmp_path, content, column, words):
    path = tmp_path / "series.csv"
    path.write_text(content)
    with pytest.raises(DataError, match=words):
        read_series_csv(path, column)


def test_binary_and_missing_files_are_explained(tmp_path):
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\x00\x00" * 100)
    with pytest.raises(DataError, match="not a text file"):
        read_series_csv(binary)
    with pytest.raises(DataError, match="there is no file"):
        read_series_csv(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="a folder"):
        read_series_csv(tmp_path)


def test_a_series_too_short_for_the_window_is_refused_with_the_numbers(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("".join(f"{np.sin(i):.3f}\n" for i in range(60)))
    task = SineForecast()
    config = task.default_config().replace(csv_path=str(path), sequence_length=20)
    import torch
    with pytest.raises(DataError, match=r"60 values: 48 to train on and 12 to test on, but windows of 20 steps need "
                                        r"at least 96 values"):
        task.data(config, torch.device("cpu"))
    assert task.data(config.replace(sequence_length=10), torch.device("cpu")).train_size >= 1


def test_the_cli_trains_on_a_chosen_column_and_reports_it(tmp_path, capsys):
    code = cli.main(["train", "--task", "sine-forecast", "--csv", str(DATA / "wide_year_by_month.csv"),
                     "--column", "rows", "--epochs", "2", "--sequence-length", "12", "--out", str(tmp_path),
                     "--quiet"], LESSONS)
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert (summary["series_column"], summary["series_length"], summary["filled_missing"]) == ("rows", 540, 3)
    code = cli.main(["train", "--task", "sine-forecast", "--csv", str(DATA / "broken_row.csv"), "--out",
                     str(tmp_path), "--quiet"], LESSONS)
    out, err = capsys.readouterr()
    assert code == cli.EXIT_FAILED and err.count("\n") == 1
    assert "column 'value' has values that are not numbers (line 22: 'oops')" in err


def test_the_window_offers_the_columns_and_says_what_it_used(qtbot, window):
    window._select_lesson("sine-forecast")
    form = window.form
    assert form.rows["csv_column"].isVisibleTo(form)
    assert form.set_csv_path(str(DATA / "wide_year_by_month.csv")) == ""
    offered = [form.csv_column.itemData(index) for index in range(form.csv_column.count())]
    assert offered[:3] == ["", "Year", "Jan"] and offered[-1] == "rows"
    assert "Using column 'Dec': 45 values, 1 missing filled" in form.csv_note.text()
    form.csv_column.setCurrentIndex(form.csv_column.findData("rows"))
    assert "Using column 'rows': 540 values, 3 missing filled" in form.csv_note.text()
    form.sequence_length.setValue(12)
    form.epochs.setValue(1)
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as done:
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=LONG)
    assert done.args[0]["series_column"] == "rows" and done.args[0]["series_length"] == 540
    form.csv_column.setCurrentIndex(form.csv_column.findData("Year"))     # usable, if odd
    assert window.start_button.isEnabled()
