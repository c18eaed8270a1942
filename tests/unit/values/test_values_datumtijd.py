"""`Datum en tijd in millisecondes`: reading and writing (regelspraak/values/notation.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.values.notation import format_datumtijd, parse_datumtijd


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("2025-07-01T08:15:30.250", datetime(2025, 7, 1, 8, 15, 30, 250_000)),
        ("01-07-2025 08:15:30,25", datetime(2025, 7, 1, 8, 15, 30, 250_000)),
        ("2025-07-01 12:00", datetime(2025, 7, 1, 12)),
        ("2025-07-01", datetime(2025, 7, 1)),
    ],
)
def test_lezen(tekst: str, verwacht: datetime) -> None:
    assert parse_datumtijd(tekst) == verwacht


@pytest.mark.parametrize("fout", ["2025-07-01T25:00", "2025-02-30T10:00", "morgen", "2025-07-01T10:00:00.1234",
                                  datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, 0, 0, 0, 1)])
def test_fouten_in_het_nederlands(fout: object) -> None:
    with pytest.raises(ValueError, match="Ongeldige datum en tijd"):
        parse_datumtijd(fout)  # type: ignore[arg-type]


def test_een_datum_is_middernacht() -> None:
    assert parse_datumtijd(date(2025, 1, 2)) == datetime(2025, 1, 2)


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
    lambda d: d - timedelta(microseconds=d.microsecond % 1000)))
def test_heen_en_terug(d: datetime) -> None:
    assert parse_datumtijd(format_datumtijd(d)) == d
