"""公开时限 wordings from real catalogues, read into rules, and their due dates."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwsite.deadlines import CALENDAR, WORKING, DeadlineRule, due_date, parse_deadline

D = date


def R(kind, text, **fields):
    return DeadlineRule(kind, text, **fields)


EXCEPTION_CLAUSE = "其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"

WORDINGS = [
    ("信息形成或者变更之日起20个工作日内",
     R(WORKING, "信息形成或者变更之日起20个工作日内", n=20, from_event=("形成", "变更"))),
    ("制定或获取信息之日起10个工作日内",
     R(WORKING, "制定或获取信息之日起10个工作日内", n=10, from_event=("制定", "获取"))),
    ("公示7个工作日", R("period", "公示7个工作日", n=7, unit=WORKING)),
    ("批准后20日内", R(CALENDAR, "批准后20日内", n=20, from_event=("批准",))),
    ("实时", R("realtime", "实时")),
    ("及时", R("timely", "及时")),
    ("招生工作开始前", R("before", "招生工作开始前", before_event="招生工作开始")),
    ("本级人民代表大会或其常务委员会批准后20日内",
     R(CALENDAR, "本级人民代表大会或其常务委员会批准后20日内", n=20, from_event=("批准",))),
    ("信息形成20个工作日内公开；" + EXCEPTION_CLAUSE,
     R(WORKING, "信息形成20个工作日内公开；" + EXCEPTION_CLAUSE, n=20, from_event=("形成",),
       exception=R(WORKING, EXCEPTION_CLAUSE, n=7, from_event=("作出决定",),
                   scope="行政许可、行政处罚事项"))),
    ("及时公开，公告期限为5个工作日",
     R("timely", "及时公开，公告期限为5个工作日",
       display=R("period", "公告期限为5个工作日", n=5, unit=WORKING))),
    ("长期", R("ongoing", "长期")),
    ("每年3月31日前", R("annual_by", "每年3月31日前", month=3, day=31)),
    ("每年1月31日前", R("annual_by", "每年1月31日前", month=1, day=31)),
    ("自收到…之日起15个工作日内", R(WORKING, "自收到…之日起15个工作日内", n=15, from_event=("收到",))),
    ("自收到申请之日起15个工作日内",
     R(WORKING, "自收到申请之日起15个工作日内", n=15, from_event=("收到",))),
    ("常态化公开", R("ongoing", "常态化公开")),
    ("动态调整", R("dynamic", "动态调整")),
    ("按季度", R("recurring", "按季度", every="quarter")),
    ("每月10日前", R("monthly_by", "每月10日前", day=10)),
    # Chinese numerals, full-width digits, spaces, 予以公开, a trailing 。
    ("自信息形成之日起二十个工作日内予以公开",
     R(WORKING, "自信息形成之日起二十个工作日内予以公开", n=20, from_event=("形成",))),
    ("批准后十五日内", R(CALENDAR, "批准后十五日内", n=15, from_event=("批准",))),
    ("信息形成（变更）之日起２０个工作日内。",
     R(WORKING, "信息形成（变更）之日起２０个工作日内。", n=20, from_event=("形成", "变更"))),
    (" 信息形成之日起 20 个工作日内 ", R(WORKING, "信息形成之日起 20 个工作日内", n=20, from_event=("形成",))),
    ("每年三月三十一日前", R("annual_by", "每年三月三十一日前", month=3, day=31)),
    ("每年1月底前", R("annual_by", "每年1月底前", month=1, day=31)),
    ("20个工作日内", R(WORKING, "20个工作日内", n=20)),
    ("自作出决定之日起一个月内", R("months", "自作出决定之日起一个月内", n=1, from_event=("作出决定",))),
    ("公示期不少于7天", R("period", "公示期不少于7天", n=7, unit=CALENDAR)),
    ("按月更新", R("recurring", "按月更新", every="month")),
    ("及时公开", R("timely", "及时公开")),
    ("实时更新", R("realtime", "实时更新")),
    ("长期公开", R("ongoing", "长期公开")),
    # An event it has no name for is kept as written rather than dropped.
    ("项目竣工后20日内", R(CALENDAR, "项目竣工后20日内", n=20, from_event=("项目竣工",))),
    # The proviso is true of every rule and adds nothing to check.
    ("信息形成或者变更之日起20个工作日内公开，法律、法规另有规定的，从其规定。",
     R(WORKING, "信息形成或者变更之日起20个工作日内公开，法律、法规另有规定的，从其规定。", n=20,
       from_event=("形成", "变更"))),
]


@pytest.mark.parametrize("text, rule", WORDINGS, ids=[w for w, _ in WORDINGS])
def test_parse(text, rule):
    assert parse_deadline(text) == rule


UNPARSEABLE = [
    "每年X月X日前",  # a template never filled in
    "",
    "   ",
    "随时",
    "按规定",
    "依申请",
    "待定",
    "/",
    "20个工作日",  # within or for? no 内
    "0个工作日内",
    "每年2月30日前",
    "每年13月1日前",
    "每月32日前",
    "每年3月0日前",
    "每月0日前",
    "信息形成之日起20个工作日内；另行通知",  # a second clause it does not know
    "及时公开，公告期限为5个工作日，公示7个工作日",  # two display periods
    "信息形成后尽快",
]


@pytest.mark.parametrize("text", UNPARSEABLE)
def test_unparseable(text):
    assert parse_deadline(text) is None


@given(st.text(max_size=40))
def test_never_raises(text):
    parse_deadline(text)


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


@given(st.integers(1, 99))
def test_chinese_numerals(n):
    assert parse_deadline(f"自信息形成之日起{_chinese(n)}个工作日内").n == n
    assert parse_deadline(f"批准后{n}日内").n == n


def due(text, formed):
    return due_date(parse_deadline(text), formed)


def test_due_working_days_across_holidays():
    # 2024 春节 (2月10–17日, make-up 2月4日 and 18日): 20 working days after 1月26日.
    assert due("信息形成或者变更之日起20个工作日内", D(2024, 1, 26)) == D(2024, 2, 28)
    # 2025 国庆 (10月1–8日, make-up 9月28日 and 10月11日).
    assert due("信息形成或者变更之日起20个工作日内", D(2025, 9, 15)) == D(2025, 10, 17)
    rule = parse_deadline("信息形成20个工作日内公开；" + EXCEPTION_CLAUSE)
    assert due_date(rule.exception, D(2025, 9, 26)) == D(2025, 10, 13)


def test_due_calendar_days():
    assert due("批准后20日内", D(2025, 3, 5)) == D(2025, 3, 25)
    # Ending on a Sunday or during 国庆, the period ends on the next working day
    # (民法典第二百零三条).
    assert due("批准后20日内", D(2025, 3, 3)) == D(2025, 3, 24)
    assert due("批准后20日内", D(2025, 9, 12)) == D(2025, 10, 9)
    # One month after 1月31日 is the last day of February.
    assert due("自作出决定之日起一个月内", D(2025, 1, 31)) == D(2025, 2, 28)
    assert due("自作出决定之日起1个月内", D(2025, 11, 14)) == D(2025, 12, 15)  # 14th is a Sunday


def test_due_annual_by():
    # The annual report for 2024 (complete on 2024-12-31) is due 2025-01-31.
    assert due("每年1月31日前", D(2024, 12, 31)) == D(2025, 1, 31)
    assert due("每年3月31日前", D(2024, 12, 31)) == D(2025, 3, 31)
    # Formed before that day in the same year: due the same year; on the day: that day.
    assert due("每年3月31日前", D(2025, 2, 1)) == D(2025, 3, 31)
    assert due("每年3月31日前", D(2025, 3, 31)) == D(2025, 3, 31)
    assert due("每年3月31日前", D(2025, 4, 1)) == D(2026, 3, 31)
    # A fixed date is not a period: it does not move off a weekend (2024-03-31 is a Sunday).
    assert due("每年3月31日前", D(2023, 12, 31)) == D(2024, 3, 31)
    # 月底 and a 2月29日 outside leap years are clamped to the month's end.
    assert due("每年2月底前", D(2024, 12, 31)) == D(2025, 2, 28)
    assert due("每年2月29日前", D(2025, 12, 31)) == D(2026, 2, 28)


def test_due_monthly_by():
    assert due("每月10日前", D(2025, 3, 5)) == D(2025, 3, 10)
    assert due("每月10日前", D(2025, 3, 20)) == D(2025, 4, 10)
    assert due("每月10日前", D(2025, 12, 20)) == D(2026, 1, 10)
    assert due("每月底前", D(2025, 2, 10)) == D(2025, 2, 28)


@pytest.mark.parametrize("text", ["实时", "及时", "及时公开，公告期限为5个工作日", "长期", "常态化公开",
                                  "动态调整", "招生工作开始前", "按季度", "公示7个工作日"])
def test_no_computable_due_date(text):
    assert due(text, D(2025, 3, 14)) is None


def test_due_date_outside_the_calendar():
    with pytest.raises(ValueError, match="no official calendar for 2027"):
        due("信息形成或者变更之日起20个工作日内", D(2026, 12, 20))
