"""The official working-day calendar: one year at a time, then the arithmetic."""
import random
from datetime import date, timedelta

import pytest

from gwsite import workdays
from gwsite.workdays import add_working_days, is_working_day, working_days_between

D = date

# year: (a 放假 weekday, a 调休上班 weekend day or None, an ordinary weekend day,
#        the notice) — each checked against the notice's own wording.
YEARS = {
    2019: (D(2019, 5, 2), D(2019, 5, 5), D(2019, 3, 16), "国办发明电〔2018〕15号"),  # 劳动节 as amended
    2020: (D(2020, 1, 31), D(2020, 1, 19), D(2020, 3, 7), "国办发明电〔2019〕16号"),  # 春节 extension
    2021: (D(2021, 2, 17), D(2021, 2, 20), D(2021, 3, 6), "国办发明电〔2020〕27号"),
    2022: (D(2022, 4, 4), D(2022, 4, 2), D(2022, 3, 5), "国办发明电〔2021〕11号"),
    2023: (D(2023, 1, 2), D(2023, 10, 7), D(2023, 3, 4), "国办发明电〔2022〕16号"),
    2024: (D(2024, 2, 16), D(2024, 2, 18), D(2024, 3, 2), "国办发明电〔2023〕7号"),
    2025: (D(2025, 2, 4), D(2025, 2, 8), D(2025, 3, 1), "国办发明电〔2024〕12号"),
    2026: (D(2026, 2, 23), D(2026, 2, 28), D(2026, 3, 7), "国办发明电〔2025〕7号"),
}


@pytest.mark.parametrize("year", sorted(YEARS))
def test_year(year):
    holiday, make_up, weekend, notice = YEARS[year]
    assert holiday.weekday() < 5 and not is_working_day(holiday)
    assert make_up.weekday() >= 5 and is_working_day(make_up)
    assert weekend.weekday() >= 5 and not is_working_day(weekend)
    assert is_working_day(weekend - timedelta(days=weekend.weekday() - 2))  # that week's Wednesday
    assert workdays.notice_for(year).startswith(notice)


def test_2027_is_not_guessed():
    # Its notice is due in late 2026; until it is in the data file, 2027 cannot be checked.
    assert workdays.covered_years() == range(2019, 2027)
    with pytest.raises(ValueError, match="no official calendar for 2027"):
        is_working_day(D(2027, 2, 8))
    with pytest.raises(ValueError, match="2027"):
        add_working_days(D(2026, 12, 20), 20)


def test_out_of_range_years():
    with pytest.raises(ValueError, match="no official calendar for 2018 .*2019–2026"):
        is_working_day(D(2018, 6, 1))
    with pytest.raises(ValueError, match="no official calendar for 2031"):
        working_days_between(D(2031, 1, 1), D(2031, 2, 1))
    with pytest.raises(ValueError, match="no official calendar for 2027"):  # the first one missing
        working_days_between(D(2026, 1, 1), D(2031, 1, 1))
    with pytest.raises(ValueError, match="2031"):
        workdays.notice_for(2031)


def test_special_cases():
    # 2020: the extension made 1月31日 a holiday and cancelled the 2月1日 (Sat) make-up day.
    assert not is_working_day(D(2020, 2, 1))
    assert is_working_day(D(2020, 2, 3))
    # 2019 劳动节 as first announced was 5月1日 only; the amendment made 5月2日–3日 holidays.
    assert not is_working_day(D(2019, 5, 3))
    # 2024: 除夕 (2月9日, Friday) was a working day.
    assert is_working_day(D(2024, 2, 9))
    # 2025 under 国务院令第790号: 除夕 is a statutory holiday, 春节 8 days.
    assert not is_working_day(D(2025, 1, 28))
    # A 元旦 that starts in the previous year.
    assert is_working_day(D(2022, 12, 30))  # the Friday before it
    assert workdays.holiday_name(D(2022, 12, 31)) == "元旦"
    assert workdays.holiday_name(D(2026, 2, 14)) == "春节"  # a make-up day names its holiday
    assert workdays.holiday_name(D(2026, 3, 10)) is None


def test_working_days_per_year():
    # When the data file was written, every day 2019–2026 was compared with an independent
    # transcription of the same notices (the chinese_calendar package): no difference.
    totals = {y: working_days_between(D(y, 1, 1), D(y, 12, 31)) + is_working_day(D(y, 1, 1))
              for y in workdays.covered_years()}
    assert totals == {2019: 250, 2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251,
                      2025: 248, 2026: 248}


def test_add_working_days_across_national_day():
    # 2024-09-27 (Fri) + 3: 9月29日 (Sun, make-up) and 9月30日 (Mon), then 10月1–7日 off,
    # then 10月8日.
    assert add_working_days(D(2024, 9, 27), 1) == D(2024, 9, 29)
    assert add_working_days(D(2024, 9, 27), 3) == D(2024, 10, 8)
    # 信息形成之日起20个工作日内, formed on 2025-09-15: 2025-10-17 (with the make-up days
    # 9月28日 and 10月11日), not 2025-10-13 as plain weekdays would give.
    assert add_working_days(D(2025, 9, 15), 20) == D(2025, 10, 17)


def test_add_working_days_across_spring_festival():
    # 2026: 2月13日 (Fri), then 2月14日 (Sat, make-up), 2月15–23日 off, 2月24日 on.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    # 2020, with the extension: formed 1月20日, 7 working days -> 2月6日.
    assert add_working_days(D(2020, 1, 20), 7) == D(2020, 2, 6)


def test_add_working_days_edges():
    assert add_working_days(D(2025, 3, 14), 0) == D(2025, 3, 14)
    # Starting on a holiday or a weekend counts from the next working day.
    assert add_working_days(D(2025, 10, 1), 1) == D(2025, 10, 9)
    assert add_working_days(D(2025, 3, 15), 1) == D(2025, 3, 17)
    # Only the days looked at must be covered: the start day itself is not.
    assert add_working_days(D(2018, 12, 31), 1) == D(2019, 1, 2)
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(D(2025, 3, 14), -1)


def test_working_days_between():
    assert working_days_between(D(2025, 3, 14), D(2025, 3, 14)) == 0
    assert working_days_between(D(2025, 3, 14), D(2025, 3, 21)) == 5
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert working_days_between(D(2025, 3, 21), D(2025, 3, 14)) == -5


@pytest.mark.parametrize("start", [D(2019, 1, 1) + timedelta(days=k * 37) for k in range(75)])
def test_add_and_between_agree(start):
    for n in (1, 5, 20):
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
        assert is_working_day(end)


BROKEN = [
    ("2024: {notice: X, holidays: [{name: 春节, rest: [2024-02-10, 2024-02-17], days: 7}]}",
     "is 8 days, not 共7天"),
    ("2024: {notice: X, holidays: [{name: 春节, rest: 2024-02-10, work: [2024-02-05]}]}",
     "make-up day 2024-02-05 must be a weekend day"),
    ("2024: {notice: X, holidays: [{name: 春节, rest: [2024-02-17, 2024-02-10]}]}",
     "rest must be a date or"),
    ("2024: {holidays: []}", "no notice number"),
    ("2024: {notice: X, holidays: []}\n2026: {notice: Y, holidays: []}", "consecutive"),
    ("2024: {notice: X, holidays: [{name: a, rest: 2024-01-01}, {name: b, rest: 2024-01-01}]}",
     "already a holiday"),
    ("2024: {notice: X, holidays: [{name: a, rest: 2026-01-01}]}", "not a date of 2024"),
]


@pytest.mark.parametrize("text, message", BROKEN)
def test_data_file_is_checked(text, message):
    with pytest.raises(ValueError, match=message):
        workdays.parse_calendar(text)


def test_packaged_data_loads():
    cal = workdays.calendar()
    assert cal.off[D(2025, 1, 28)] == "春节"
    assert cal.work[D(2025, 9, 28)] == "国庆节、中秋节"


def test_counts_agree_with_counting_day_by_day():
    rng = random.Random(7)
    first, last = D(2019, 1, 1), D(2026, 12, 31)
    span = (last - first).days
    for _ in range(3000):
        a = first + timedelta(days=rng.randrange(span + 1))
        b = first + timedelta(days=rng.randrange(span + 1))
        lo, hi = min(a, b), max(a, b)
        counted = sum(is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
        assert working_days_between(a, b) == (counted if b >= a else -counted)
        n = rng.randrange(0, 60)
        d, left = a, n
        while left and d < last - timedelta(days=120):
            d += timedelta(days=1)
            left -= is_working_day(d)
        if not left:
            assert add_working_days(a, n) == d
