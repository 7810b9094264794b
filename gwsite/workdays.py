"""Working days (工作日) of mainland China, for deadlines such as "20个工作日内".

A working day is a Monday to Friday that is not a public holiday (放假), or a weekend day
that the State Council made a working day (调休上班).  Both change every year, by notice,
so they are data: ``gwsite/data/holidays-cn.yaml``, one entry per year with the notice's
number.  A date in a year the file does not cover raises ``ValueError`` rather than
falling back to plain weekdays: a guessed calendar would turn "cannot check" into a wrong
"late" (春节 alone moves a deadline by a week).

Only the days a computation looks at must be covered: ``add_working_days`` and
``working_days_between`` never look at their start day itself.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

import yaml

DATA_FILE = "holidays-cn.yaml"


@dataclass(frozen=True)
class Calendar:
    """The loaded data file."""

    years: range
    off: dict[date, str]  # 放假 day -> holiday name
    work: dict[date, str]  # 调休上班 day -> the holiday it makes up for
    notices: dict[int, str]  # year -> 国办发明电〔…〕N号 (and amendments)


@functools.cache
def calendar() -> Calendar:
    text = (resources.files("gwsite") / "data" / DATA_FILE).read_text(encoding="utf-8")
    return parse_calendar(text)


def parse_calendar(text: str) -> Calendar:
    """Read and check the data file; a typo there must fail loudly, not shift a deadline."""
    raw = yaml.safe_load(text) or {}
    years = sorted(raw)
    if not years or years != list(range(years[0], years[-1] + 1)):
        raise ValueError(f"{DATA_FILE}: years must be consecutive, got {years}")
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    notices: dict[int, str] = {}
    for year in years:
        entry = raw[year]
        if not entry.get("notice"):
            raise ValueError(f"{DATA_FILE}: {year}: no notice number")
        notices[year] = "、".join(str(entry[k]) for k in ("notice", "amended_by") if entry.get(k))
        for holiday in entry["holidays"]:
            where = f"{DATA_FILE}: {year} {holiday['name']}"
            first, last = _span(holiday["rest"], where)
            days = (last - first).days + 1
            if "days" in holiday and holiday["days"] != days:
                raise ValueError(f"{where}: {first}..{last} is {days} days, not 共{holiday['days']}天")
            made_up = list(holiday.get("work") or [])
            for d in [first, last, *made_up]:
                # Only 元旦 may spill into the neighbouring year (2018-12-30 for 2019).
                if not isinstance(d, date) or abs(d.year - year) > 1:
                    raise ValueError(f"{where}: {d!r} is not a date of {year}")
            for d in (first + timedelta(i) for i in range(days)):
                if d in off:
                    raise ValueError(f"{where}: {d} is already a holiday ({off[d]})")
                off[d] = holiday["name"]
            for d in made_up:
                if d.weekday() < 5 or d in off or d in work:
                    raise ValueError(f"{where}: make-up day {d} must be a weekend day listed once")
                work[d] = holiday["name"]
    return Calendar(range(years[0], years[-1] + 1), off, work, notices)


def _span(value, where: str) -> tuple[date, date]:
    if isinstance(value, date):
        return value, value
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, date) for v in value):
        if value[0] <= value[1]:
            return value[0], value[1]
    raise ValueError(f"{where}: rest must be a date or [first, last], got {value!r}")


def covered_years() -> range:
    """The years whose official calendar gwsite knows (e.g. ``range(2019, 2027)``)."""
    return calendar().years


def notice_for(year: int) -> str:
    """The number of the notice that fixed ``year``'s calendar, for messages."""
    _check(date(year, 1, 1))
    return calendar().notices[year]


def _check(d: date) -> None:
    years = calendar().years
    if d.year not in years:
        raise ValueError(
            f"no official calendar for {d.year} (gwsite knows {years[0]}–{years[-1]}; "
            f"add the State Council's 部分节假日安排的通知 to gwsite/data/{DATA_FILE})"
        )


def is_working_day(d: date) -> bool:
    _check(d)
    cal = calendar()
    if d in cal.work:
        return True
    return d.weekday() < 5 and d not in cal.off


def holiday_name(d: date) -> str | None:
    """The holiday ``d`` is part of (放假) or makes up for (调休上班), else None."""
    _check(d)
    cal = calendar()
    return cal.off.get(d) or cal.work.get(d)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start``: "自…之日起20个工作日内" ends on this day.

    The count begins the day after ``start`` (the day the information forms does not
    count, as for deadlines in law); ``n == 0`` gives ``start`` itself.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    if n == 0:
        return start
    table = _working_days()
    _check(start + timedelta(days=1))
    at = table.up_to(start) + n - 1  # the index of the answer among all working days
    if at >= len(table.days):
        _past_the_calendar()
    return table.days[at]


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``; negative when b is before a.

    So ``working_days_between(formed, published) <= 20`` reads "published within 20
    working days", and ``add_working_days(a, working_days_between(a, b)) <= b``.
    """
    if b < a:
        return -working_days_between(b, a)
    if a == b:
        return 0
    _check(a + timedelta(days=1))
    if b.year > calendar().years[-1]:
        _past_the_calendar()
    table = _working_days()
    return table.up_to(b) - table.up_to(a)


def _past_the_calendar() -> None:
    """Raise for the first year after the known ones, as counting day by day would."""
    _check(date(calendar().years[-1] + 1, 1, 1))


@dataclass(frozen=True)
class _WorkingDays:
    """Every working day of the known years, and for each date how many fall on or before
    it: the audit asks about 200,000 such questions of a 10,000-notice site, which
    counting day by day answered in half a second."""

    first: date  # 1 January of the first known year
    days: list[date]  # the working days, in order
    counts: list[int]  # date first + i -> working days from first up to and including it

    def up_to(self, d: date) -> int:
        i = (d - self.first).days
        if i < 0:
            return 0
        return self.counts[min(i, len(self.counts) - 1)]


@functools.cache
def _working_days() -> _WorkingDays:
    years = calendar().years
    first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    days, counts = [], []
    d = first
    while d <= last:
        if is_working_day(d):
            days.append(d)
        counts.append(len(days))
        d += timedelta(days=1)
    return _WorkingDays(first, days, counts)
