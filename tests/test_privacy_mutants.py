"""Exactly what a masked ID number, card number or name shows, at every length the rules treat
differently (docs/reliability.md: these tests kill the mutants of ``wennuan_rules.privacy``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wennuan_rules.privacy import mask_card, mask_id_number, mask_name, mask_personal_in


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("410402199001011234", "410402********1234"),  # 18: region and last 4 kept
        (" 41040219900101123X ", "410402********123X"),  # surrounding spaces are not characters
        ("410402900101123", "410402******123"),  # 15 (the old numbers): region and last 3
        ("4104021990010112345", "41***************45"),  # 19: malformed, first and last 2
        ("41040219900101123", "41*************23"),  # 17
        ("4104029001011234", "41************34"),  # 16
        ("41040290010112", "41**********12"),  # 14
        ("12345", "12*45"),  # 5: the shortest that shows anything
        ("1234", "****"),  # 4 or fewer: nothing shown
        ("123", "***"),
        ("", ""),
    ],
)
def test_mask_id_number_shows_only_what_the_length_allows(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("6228480012345678901", "***************8901"),
        ("6222 0212 3456 7890 123", "***************0123"),  # spaces between groups dropped
        (" 12345 ", "*2345"),  # 5: one hidden
        ("1234", "****"),  # 4 or fewer: nothing shown
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_card_shows_only_the_last_four_digits(value: str, masked: str) -> None:
    assert mask_card(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("欧阳秀英", "欧***"),
        (" 张三 ", "张*"),  # surrounding spaces are not characters
        ("李", "*"),  # one character: nothing shown
        ("", ""),
    ],
)
def test_mask_name_shows_only_the_first_character(value: str, masked: str) -> None:
    assert mask_name(value) == masked


@given(st.text(alphabet="0123456789X", min_size=5, max_size=30))
def test_a_masked_id_number_keeps_its_length_and_hides_the_middle(value: str) -> None:
    masked = mask_id_number(value)
    assert len(masked) == len(value)
    assert masked[len(value) // 2] == "*"


# -- found by the second sample after the redesign (seed 20261130, docs/reliability.md) ----------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("13812345678", "138****5678"),
        ("电话 13912345678", "电* 139****5678"),  # the word beside a personal number is masked too
        ("联系 １３８１２３４５６７８", "联* １３８****５６７８"),  # full-width digits
    ],
)
def test_a_phone_number_shows_its_first_three_and_last_four_digits(text: str, shown: str) -> None:
    assert mask_personal_in(text) == shown
