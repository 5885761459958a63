"""Dated parameters: 低保 standards per region, one value per effective date, each with its
source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules.errors import DataFileError, InvalidValueError, ParameterError
from wennuan_rules.parameters import Parameters, dibao_standard, load_parameters

D = dt.date


def test_changzhou_2021_standard_is_900_with_its_source() -> None:
    v = dibao_standard("changzhou-edz", D(2021, 1, 18))
    assert v.value == Decimal("900")
    assert "江苏常州经济开发区总工会 2021-01-06 二(一)1" in v.source
    assert v.start == D(2021, 1, 1)


def test_the_public_name_is_the_same_function() -> None:
    assert wr.dibao_standard("changzhou-edz", D(2021, 2, 1)).value == 900


def test_a_date_before_any_value_is_an_error_naming_region_and_date() -> None:
    with pytest.raises(ParameterError) as info:
        dibao_standard("changzhou-edz", D(2020, 12, 31))
    text = info.value.message("en")
    assert "changzhou-edz" in text and "2020-12-31" in text


def test_an_unknown_region_is_an_error_naming_it_and_the_known_ones() -> None:
    with pytest.raises(ParameterError) as info:
        dibao_standard("wuhan", D(2015, 1, 1))
    text = info.value.message("en")
    assert "wuhan" in text and "changzhou-edz" in text


def test_latest_is_an_explicit_extrapolation() -> None:
    assert dibao_standard("changzhou-edz", D(2019, 1, 1), latest=True).value == 900


def test_users_add_values_from_python_without_touching_the_bundled_set() -> None:
    params = Parameters.bundled().with_value(
        "dibao", region="wuhan", start=D(2014, 7, 1), value="600", source="my data"
    )
    params = params.with_value(
        "dibao", region="wuhan", start=D(2015, 7, 1), value=Decimal("650"), source="my data 2"
    )
    assert params.value_at("dibao", "wuhan", D(2015, 6, 30)).value == 600
    assert params.value_at("dibao", "wuhan", D(2015, 7, 1)).value == 650  # starts that day
    assert params.value_at("dibao", "changzhou-edz", D(2021, 1, 5)).value == 900
    with pytest.raises(ParameterError):
        Parameters.bundled().value_at("dibao", "wuhan", D(2015, 7, 1))


def test_a_float_value_is_refused() -> None:
    with pytest.raises(InvalidValueError):
        Parameters().with_value("dibao", region="x", start=D(2020, 1, 1), value=900.0, source="s")


def test_an_end_date_closes_a_value() -> None:
    params = Parameters().with_value(
        "dibao", region="x", start=D(2020, 1, 1), end=D(2020, 12, 31), value=500, source="s"
    )
    assert params.value_at("dibao", "x", D(2020, 12, 31)).value == 500
    with pytest.raises(ParameterError):
        params.value_at("dibao", "x", D(2021, 1, 1))


def test_a_users_data_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "dibao"\n'
        "[[values]]\n"
        'region = "pingdingshan"\nstart = 2009-07-01\nvalue = "200"\n'
        'source = "平顶山市民政局 2009"\n',
        encoding="utf-8",
    )
    params = Parameters.bundled().with_file(path)
    v = params.value_at("dibao", "pingdingshan", D(2010, 1, 25))
    assert (v.value, v.source) == (Decimal("200"), "平顶山市民政局 2009")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (
            'name = "dibao"\n[[values]]\nregion = "x"\nstart = 2020-01-01\n'
            'value = 900.5\nsource = "s"\n',
            "values[0].value",
        ),
        (
            'name = "dibao"\n[[values]]\nregion = "x"\nstart = 2020-01-01\n'
            'value = "9"\nsource = "s"\n'
            "colour = 1\n",
            "values[0].colour",
        ),
        (
            'name = "dibao"\n[[values]]\nregion = "x"\nstart = "soon"\nvalue = "9"\nsource = "s"\n',
            "values[0].start",
        ),
        (
            'name = "dibao"\n[[values]]\nregion = "x"\nstart = 2020-01-01\nvalue = "9"\n',
            "values[0].source",
        ),
    ],
)
def test_a_bad_data_file_names_file_and_key(tmp_path: Path, body: str, key: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_parameters(path)
    assert info.value.what == key
    assert "bad.toml" in info.value.message("en")
