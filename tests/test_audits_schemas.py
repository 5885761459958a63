"""The JSON Schemas of rosters and visit files (data/schemas/) validated with ``jsonschema``: the
shipped samples and generated rosters follow them, and the schemas refuse exactly what the readers
refuse (required fields, unknown keys, wrong types)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from wennuan_rules.audits import Payment, read_families, read_roster, read_visits
from wennuan_rules.audits.readers import alias_index, iter_records
from wennuan_rules.audits.roster import _REQUIRED, PAYMENT_FIELDS
from wennuan_rules.audits.visits import _VISIT_ALIASES, FAMILY_FIELDS, VISIT_FIELDS
from wennuan_rules.errors import WennuanError
from wennuan_rules.strategies import rosters

jsonschema = pytest.importorskip("jsonschema")

PACKAGE = resources.files("wennuan_rules")
SAMPLES = Path(str(PACKAGE.joinpath("data", "samples")))
ID = "410402198503150113"


def schema(name: str) -> dict[str, Any]:
    text = PACKAGE.joinpath("data", "schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validator(name: str, definition: str | None = None) -> Any:
    """A validator of a whole file (``definition=None``) or of one ``$defs`` entry (one record, as
    a JSON Lines line holds)."""
    doc = schema(name)
    if definition is not None:
        doc = {"$ref": f"#/$defs/{definition}", "$defs": doc["$defs"]}
    cls = jsonschema.validators.validator_for(schema(name))
    cls.check_schema(doc)
    return cls(doc, format_checker=cls.FORMAT_CHECKER)


def valid(name: str, definition: str | None, value: object) -> bool:
    return bool(validator(name, definition).is_valid(value))


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_schemas_are_valid_json_schemas() -> None:
    for name in ("roster", "visits"):
        doc = schema(name)
        jsonschema.validators.validator_for(doc).check_schema(doc)


def test_shipped_json_samples_follow_the_schemas() -> None:
    validator("roster").validate(load(SAMPLES / "wuhan-2015-roster.json"))
    validator("visits").validate(load(SAMPLES / "pingdingshan-2010-visits.json"))
    validator("visits", "families_file").validate(load(SAMPLES / "wuhan-2015-visits-on-file.json"))


def test_shipped_csv_samples_follow_the_schemas_record_by_record() -> None:
    # the CSV roster as the JSON a converter would write: every row a valid $defs/payment
    roster = read_roster(SAMPLES / "pingdingshan-2010-roster.csv")
    records = [p.to_dict() for p in roster.payments]
    assert len(records) == 24
    validator("roster").validate(records)
    # the CSV visit log, its cells as read (empty cells left out): every row a valid $defs/visit
    check = validator("visits", "visit")
    count = 0
    for _line, record in iter_records(
        SAMPLES / "wuhan-2015-visits.csv", fields=VISIT_FIELDS, aliases=alias_index(_VISIT_ALIASES)
    ):
        check.validate({k: v for k, v in record.items() if v is not None})
        count += 1
    assert count == len(read_visits(SAMPLES / "wuhan-2015-visits.csv").visits) > 0


@settings(max_examples=30, deadline=None)
@given(payments=rosters(campaign="wuhan-2015", max_size=5))
def test_generated_rosters_follow_the_schema_and_read_back(payments: list[Payment]) -> None:
    import tempfile

    records = [p.to_dict() for p in payments]
    doc = {"campaign": "wuhan-2015", "unit": "江岸区总工会", "payments": records}
    validator("roster").validate(records)
    validator("roster").validate(doc)
    line = validator("roster", "payment")
    with tempfile.TemporaryDirectory() as folder:
        jsonl = Path(folder) / "r.jsonl"
        jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        for text in jsonl.read_text().splitlines():
            line.validate(json.loads(text))  # each JSON Lines line is one $defs/payment
        read = read_roster(jsonl).payments
    assert [p.to_dict() for p in read] == records


# -- the schemas and the readers agree -------------------------------------------------------------


def full_payment() -> dict[str, object]:
    return {
        "name": "张建国",
        "id_number": ID,
        "amount": "500.00",
        "paid_on": "2010-01-26",
        "fund_source": "central-fiscal",
        "channel": "bank-card",
        "file_category": "extreme",
        "filed_on": "2009-06-01",
        "card_number": "6217002200000001",
        "group": "worker",
        "ref": "A1",
    }


def reader_accepts(kind: str, record: dict[str, object], tmp_path: Path) -> bool:
    path = tmp_path / f"{kind}.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    read = {"payment": read_roster, "visit": read_visits, "family": read_families}[kind]
    try:
        read(path)
    except WennuanError:
        return False
    return True


def test_payment_required_and_optional_fields_agree(tmp_path: Path) -> None:
    payment = schema("roster")["$defs"]["payment"]
    assert tuple(payment["properties"]) == PAYMENT_FIELDS
    assert tuple(payment["required"]) == _REQUIRED
    assert valid("roster", "payment", full_payment())
    assert reader_accepts("payment", full_payment(), tmp_path)
    for field in PAYMENT_FIELDS:
        without = {k: v for k, v in full_payment().items() if k != field}
        required = field in _REQUIRED
        assert valid("roster", "payment", without) is not required, field
        assert reader_accepts("payment", without, tmp_path) is not required, field
        if not required:  # an optional field may be null in both
            nulled = {**full_payment(), field: None}
            assert valid("roster", "payment", nulled), field
            assert reader_accepts("payment", nulled, tmp_path), field


@pytest.mark.parametrize(
    "change",
    [
        {"colour": "red"},  # an unknown key
        {"id_number": 410402198503150113},  # an ID number as a JSON number
        {"amount": True},
        {"amount": None},
        {"paid_on": "26/01/2010"},
        {"name": ["张"]},
    ],
)
def test_both_refuse_the_same_payment(change: dict[str, object], tmp_path: Path) -> None:
    record = {**full_payment(), **change}
    assert not valid("roster", "payment", record)
    assert not reader_accepts("payment", record, tmp_path)


def test_visit_and_family_fields_agree(tmp_path: Path) -> None:
    defs = schema("visits")["$defs"]
    assert tuple(defs["visit"]["properties"]) == VISIT_FIELDS
    assert tuple(defs["family"]["properties"]) == FAMILY_FIELDS
    visit = {"group": "g1", "date": "2010-01-26", "household": "H1", "kind": "worker"}
    for field in visit:
        without = {k: v for k, v in visit.items() if k != field}
        required = field == "date"
        assert valid("visits", "visit", without) is not required, field
        assert reader_accepts("visit", without, tmp_path) is not required, field
    for record, ok in [
        ({"ref": "F1"}, True),
        ({"id_number": ID}, True),
        ({"name": "王"}, False),  # neither ref nor ID number: cannot be matched with visits
        ({"ref": "F1", "when": 1}, False),
    ]:
        assert valid("visits", "family", record) is ok, record
        assert reader_accepts("family", record, tmp_path) is ok, record
