"""Local days (Europe/Ljubljana) as the database counts them.

Timestamps are UTC epoch seconds; the staff think in local days. The database groups rows by local day
with `floor((timestamp + offset) / 86400)`, where the offset changes only at a DST switch: a range of
days has a handful of offset segments, so the grouping stays one cheap expression per row.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Ljubljana")
SECONDS_PER_DAY = 86_400
EPOCH = date(1970, 1, 1)


def start_of(day: date) -> float:
    """Epoch seconds of local midnight at the start of `day`."""
    return datetime.combine(day, time(), TIMEZONE).timestamp()


def bounds(first: date, last: date) -> tuple[float, float]:
    """[start, end) in epoch seconds of the local days from `first` to `last`, both included."""
    return start_of(first), start_of(last + timedelta(days=1))


def local_day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, TIMEZONE).date()


def today() -> date:
    return datetime.now(TIMEZONE).date()


def from_number(number: int | float) -> date:
    """The date of a local epoch-day number computed by `day_number_sql`."""
    return EPOCH + timedelta(days=int(number))


def _offset(timestamp: float) -> int:
    offset = datetime.fromtimestamp(timestamp, TIMEZONE).utcoffset()
    return int(offset.total_seconds()) if offset else 0


def offset_segments(start: float, end: float) -> list[tuple[float, int]]:
    """[(until, UTC offset)] covering [start, end): each offset holds until the next segment's start."""
    segments: list[tuple[float, int]] = []
    current = _offset(start)
    moment = start
    while moment < end:
        following = min(moment + SECONDS_PER_DAY, end)
        if _offset(following - 1) != current:  # a DST switch in this day: find its hour
            hour = moment
            while _offset(hour) == current:
                hour += 3600
            segments.append((hour, current))
            current = _offset(hour)
        moment = following
    segments.append((end, current))
    return segments


def day_number_sql(column: str, dialect: str, start: float, end: float) -> str:
    """SQL for the local epoch-day number of `column` (epoch seconds), correct within [start, end)."""
    segments = offset_segments(start, end)
    if len(segments) == 1:
        offset = str(segments[0][1])
    else:
        branches = " ".join(f"WHEN {column} < {until!r} THEN {off}" for until, off in segments[:-1])
        offset = f"(CASE {branches} ELSE {segments[-1][1]} END)"
    value = f"({column} + {offset}) / {SECONDS_PER_DAY}"
    # SQLite truncates toward zero (timestamps are positive); PostgreSQL's CAST would round.
    return f"FLOOR({value})" if dialect == "postgresql" else f"CAST({value} AS INTEGER)"
