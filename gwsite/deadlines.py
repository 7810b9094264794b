"""公开时限: the deadline wording of a catalogue row, read into a rule and a due date.

Catalogues are filled in by hand, so the same rule is written many ways (信息形成或者变更之日起
20个工作日内 · 自信息形成之日起二十个工作日内予以公开 · 形成后20个工作日内 …).  ``parse_deadline``
understands a small grammar of them and returns ``None`` for anything else: the audit lists
those for a person to read and never guesses, because a wrong rule makes a wrong "late".

Kinds of rule, with the wording each comes from:

=============== ============================================ =================================
kind            example                                      fields
=============== ============================================ =================================
working_days    信息形成或者变更之日起20个工作日内             n, from_event
calendar_days   批准后20日内                                 n, from_event
months          自作出决定之日起1个月内                        n, from_event
annual_by       每年3月31日前                                month, day
monthly_by      每月10日前                                   day
recurring       按季度                                       every: month/quarter/half_year/year
period          公示7个工作日 (how long to display, not when)  n, unit
before          招生工作开始前                                before_event
realtime        实时                                         —
timely          及时 · 及时公开                               —
ongoing         长期 · 常态化公开                              —
dynamic         动态调整                                      —
=============== ============================================ =================================

A second clause is kept, not dropped: "其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内
公示" becomes ``exception`` (a rule whose ``scope`` names the items), "公告期限为5个工作日" becomes
``display`` (a period rule).  "法律法规另有规定的，从其规定" adds nothing checkable and is ignored.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import workdays

WORKING, CALENDAR = "working_days", "calendar_days"


@dataclass(frozen=True)
class DeadlineRule:
    """One 公开时限, as data."""

    kind: str
    text: str  # the wording, as written (a clause of it, NFKC-normalised, for a nested rule)
    n: int | None = None  # days or months; for "period", how long it stays displayed
    unit: str = ""  # "period" only: WORKING or CALENDAR
    from_event: tuple[str, ...] = ()  # 形成, 变更, 制定, 获取, 批准, 收到, 作出决定 …
    month: int | None = None  # annual_by
    day: int | None = None  # annual_by, monthly_by; 31 also stands for 月底 (clamped)
    every: str = ""  # recurring: "month", "quarter", "half_year", "year"
    before_event: str = ""  # before: 招生工作开始
    scope: str = ""  # an exception's items: 行政许可、行政处罚事项
    exception: DeadlineRule | None = None
    display: DeadlineRule | None = None


# The events a deadline counts from, canonical form first.  Anything else is kept as written.
_EVENTS = re.compile(r"形成|变更|制定|获取|批准|收到|作出[\u4e00-\u9fff]{0,6}?决定|作出|受理|办结|"
                     r"生效|印发|签发|审批|通过|确定|完成|公布")
_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+(?=个|日|天|工作日|月)")
_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9)))
_PUBLISH = r"(?:予以|主动|及时|向社会|进行|完成)?(?:公开|公示|公布|发布|更新|公告)?"
_UNITS = {"工作日": WORKING, "日": CALENDAR, "天": CALENDAR}

_WITHIN = re.compile(r"(?:自|从|应自|应当自|应|在)?(?P<event>.*?)(?:之日起|之日|起|以后|后)?"
                     rf"(?P<n>\d+)个?(?P<unit>工作日|日|天|月)(?:内|以内|之内){_PUBLISH}")
_PERIOD = re.compile(r"(?:公示|公告)(?:期|期限|时间)?(?:为|不少于|不得少于)?"
                     r"(?P<n>\d+)个?(?P<unit>工作日|日|天)(?:以上)?")
_ANNUAL = re.compile(rf"(?:每年|次年)(?P<m>\d+)月(?P<d>\d+日|底)(?:前|之前|以前){_PUBLISH}")
_MONTHLY = re.compile(rf"每月(?P<d>\d+日|底)(?:前|之前|以前){_PUBLISH}")
_RECURRING = re.compile(r"(?:按|每)(?P<every>季度|季|月度|月|半年|年度|年)(?:公开|更新|发布)?")
_BEFORE = re.compile(r"(?P<event>[\u4e00-\u9fff、]+?)(?:前|之前|以前)(?:公开|公示|发布)?")
_WORDS = [
    (re.compile(r"实时(?:公开|更新|发布)?"), "realtime"),
    (re.compile(r"及时(?:公开|更新|发布|公示)?"), "timely"),
    (re.compile(r"(?:长期|常态化)(?:公开|公示|保留)?"), "ongoing"),
    (re.compile(r"动态(?:调整|更新)(?:公开)?"), "dynamic"),
]
_EVERY = {"季度": "quarter", "季": "quarter", "月度": "month", "月": "month", "半年": "half_year",
          "年度": "year", "年": "year"}
# "法律法规另有规定的，从其规定": true of every rule, so it changes nothing to check.
_PROVISO = re.compile(r"[,;。]?[^,;。]*另有规定的?,?从其规定")


def parse_deadline(text: str) -> DeadlineRule | None:
    """The rule a 公开时限 wording states, or None when it is not one this module knows."""
    clean = _normalise(text)
    clauses = [c for c in re.split(r"[,;。]", _PROVISO.sub("", clean)) if c]
    if not clauses:
        return None
    rule = _clause(clauses[0])
    if rule is None:
        return None
    extra: dict = {}
    for clause in clauses[1:]:
        # The clause after the general rule is either an exception (其中…) or how long the
        # notice stays up (公告期限为5个工作日); anything else is not understood.
        if m := re.fullmatch(r"其中(?P<scope>.+?事项)(?P<rule>.+)", clause):
            sub = _clause(m["rule"])
            if sub is None or "exception" in extra:
                return None
            extra["exception"] = replace(sub, scope=m["scope"], text=clause)
        elif (sub := _clause(clause)) is not None and sub.kind == "period" and "display" not in extra:
            extra["display"] = sub
        else:
            return None
    return replace(rule, text=text.strip(), **extra)


def _normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation), no spaces, numerals as digits."""
    clean = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。.")
    return _NUMERAL.sub(lambda m: str(_chinese_number(m.group())), clean)


def _chinese_number(s: str) -> int:
    """二十 -> 20, 十五 -> 15, 三十一 -> 31 (numbers in deadlines stay below a thousand)."""
    total = current = 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:  # 十 or 百
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
    return total + current


def _clause(clause: str) -> DeadlineRule | None:
    for pattern, kind in _WORDS:
        if pattern.fullmatch(clause):
            return DeadlineRule(kind, clause)
    if m := _PERIOD.fullmatch(clause):
        return _positive(DeadlineRule("period", clause, n=int(m["n"]), unit=_UNITS[m["unit"]]))
    if m := _WITHIN.fullmatch(clause):
        kind = "months" if m["unit"] == "月" else _UNITS[m["unit"]]
        return _positive(DeadlineRule(kind, clause, n=int(m["n"]), from_event=_events(m["event"])))
    if m := _ANNUAL.fullmatch(clause):
        month, day = int(m["m"]), _day(m["d"])
        if not 1 <= month <= 12:
            return None
        # 月底 is day 31, clamped by due_date; 2024 is a leap year, so 2月29日 passes.
        if not 1 <= day <= (31 if m["d"] == "底" else calendar.monthrange(2024, month)[1]):
            return None
        return DeadlineRule("annual_by", clause, month=month, day=day)
    if m := _MONTHLY.fullmatch(clause):
        day = _day(m["d"])
        return DeadlineRule("monthly_by", clause, day=day) if 1 <= day <= 31 else None
    if m := _RECURRING.fullmatch(clause):
        return DeadlineRule("recurring", clause, every=_EVERY[m["every"]])
    if (m := _BEFORE.fullmatch(clause)) and not m["event"].startswith(("每", "次")):
        return DeadlineRule("before", clause, before_event=m["event"])
    return None


def _events(phrase: str) -> tuple[str, ...]:
    found = tuple("作出决定" if e.startswith("作出") and e.endswith("决定") else e
                  for e in _EVENTS.findall(phrase))
    return found or ((phrase,) if phrase else ())


def _day(text: str) -> int:
    return 31 if text == "底" else int(text.rstrip("日"))


def _positive(rule: DeadlineRule) -> DeadlineRule | None:
    return rule if rule.n and rule.n > 0 else None


def due_date(rule: DeadlineRule, formed: date) -> date | None:
    """The last day on which publishing is on time, or None when the rule gives no date.

    ``formed`` is the day the event happened (信息形成, 批准 …); for annual_by and
    monthly_by it is the day the information is complete — for an annual report, the last
    day of the year it reports on.  None for realtime, timely (实时 and 及时 mean "as soon
    as possible": the caller picks a tolerance), ongoing, dynamic, before (the event's date
    is not known here), recurring (the catalogue rarely says which day of the period) and
    period (a display duration, not a deadline).  Dates outside the calendar of
    ``gwsite.workdays`` raise its ValueError.
    """
    if rule.kind == WORKING:
        return workdays.add_working_days(formed, rule.n)
    if rule.kind == CALENDAR:
        return _next_working_day(formed + timedelta(days=rule.n))
    if rule.kind == "months":
        month = formed.month - 1 + rule.n
        year, month = formed.year + month // 12, month % 12 + 1
        return _next_working_day(_clamped(year, month, formed.day))
    if rule.kind == "annual_by":
        due = _clamped(formed.year, rule.month, rule.day)
        return due if due >= formed else _clamped(formed.year + 1, rule.month, rule.day)
    if rule.kind == "monthly_by":
        due = _clamped(formed.year, formed.month, rule.day)
        if due >= formed:
            return due
        year, month = (formed.year + 1, 1) if formed.month == 12 else (formed.year, formed.month + 1)
        return _clamped(year, month, rule.day)
    return None


def _clamped(year: int, month: int, day: int) -> date:
    """That day, or the month's last day when it has no such day (月底, 2月29日)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _next_working_day(d: date) -> date:
    """A period counted in days that ends on a holiday or weekend ends on the next working
    day (民法典第二百零三条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日")."""
    while not workdays.is_working_day(d):
        d += timedelta(days=1)
    return d
