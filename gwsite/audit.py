"""自查: the checks the city's inspectors run, run first on the assembled site.

Every finding is a warning (``--strict`` makes them errors) that names its place, and
carries the domain / organisation it counts against, so that the report can tabulate
it.  ``audit`` only reads the ``Site``: it sees published notices only, plus the marks
that ``assemble`` left where it masked personal data or held a notice back for review.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import deadlines, workdays
from .diagnostics import Location, Problem, warning
from .domains import PILOT_DOMAINS, name_key
from .model import DEPARTMENT, CatalogueItem, Notice, Site
from .notices import NOTICES_DIR
from .privacy import LABELS as PRIVACY_LABELS

# Finding kinds, in the order the report shows them.
INCOMPLETE = "要素缺失"
UPSTREAM = "上级目录事项缺失"
UNFULFILLED = "应公开未公开"
LATE = "逾期公开"
UNPARSED = "时限无法核查"
NO_INTERPRETATION = "缺少政策解读"
LATE_INTERPRETATION = "政策解读逾期"
PRIVACY = "个人信息"
UNREVIEWED = "未经三审"
NO_PLATFORM_PAGE = "平台栏目缺失"
NO_CATALOGUE = "领域目录缺失"
KINDS = (NO_CATALOGUE, INCOMPLETE, UPSTREAM, UNFULFILLED, LATE, UNPARSED, NO_INTERPRETATION, LATE_INTERPRETATION,
         PRIVACY, UNREVIEWED, NO_PLATFORM_PAGE)

# The elements every item must carry (要素完备度), with their column labels.
ELEMENTS = (("content", "公开内容（要素）"), ("basis", "公开依据"), ("deadline", "公开时限"),
            ("subject", "公开主体"), ("mode", "公开方式"), ("channels", "公开渠道和载体"),
            ("audience", "公开对象"), ("levels", "公开层级"))
INTERPRETATION_DAYS = 20  # 政策解读 within 20 working days of the policy (渝北府办发〔2020〕17号)


@dataclass(frozen=True)
class Finding:
    kind: str
    problem: Problem
    domain: str = ""
    org: str = ""  # org id
    item: str = ""  # item key


@dataclass
class Tally:
    """One row of a report table."""

    items: int = 0  # catalogue items (for an org: items naming it, 主动公开 only)
    fulfilled: int = 0
    missing: int = 0
    late: int = 0
    privacy: int = 0
    other: int = 0


@dataclass
class AuditReport:
    findings: list[Finding] = field(default_factory=list)
    domains: dict[str, Tally] = field(default_factory=dict)
    orgs: dict[str, Tally] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return [f.problem for f in self.findings]

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)


def _missing_catalogues(site: Site):
    """Each of the 26 pilot domains without a catalogue (an empty column fails the portal
    inspections), unless site.yaml says it is not compiled at this level, and why."""
    have = {item.domain for item in site.catalogue}
    declared = {name for name, _ in site.config.not_compiled}
    where = Location("site.yaml", site.config.not_compiled_line)
    for domain in PILOT_DOMAINS:
        if domain.name not in have and domain.name not in declared:
            yield Finding(NO_CATALOGUE, warning(
                where, f"{NO_CATALOGUE}: no standard catalogue for the pilot domain {domain.name}",
                f"put its workbook in catalogues/, or declare it under not_compiled: in site.yaml with the reason "
                f"(e.g. {domain.name}: 由上级主管部门统一编制)"), domain.name)


def audit(site: Site, upstream: tuple[CatalogueItem, ...] = ()) -> AuditReport:
    report = AuditReport(
        domains={d.name: Tally() for d in site.config.domains.domains},
        orgs={o.id: Tally() for o in site.config.orgs},
    )
    add = report.findings.append
    for f in _missing_catalogues(site):
        add(f)
    for item in site.catalogue:
        for f in _completeness(item):
            add(f)
    for f in _upstream_coverage(site, upstream):
        add(f)
    for f in _coverage(site, report):
        add(f)
    for f in _deadlines(site):
        add(f)
    for f in _interpretations(site):
        add(f)
    for f in _platform_pages(site):
        add(f)
    for mark in site.privacy:
        label = PRIVACY_LABELS.get(mark.kind, mark.kind)
        if mark.in_full:  # in an attachment file: gwsite publishes it as it is
            problem = warning(mark.location, f"{label} published in full ({mark.masked} when masked): "
                                             f"this file is an {mark.field}",
                              "mask it in the file before publishing, as the pages mask it, "
                              "or mark the notice 惩戒公示 in tags")
        else:
            in_notice = mark.location.path.startswith(NOTICES_DIR + "/")  # else a free page: no tags
            problem = warning(mark.location, f"{label} in the {mark.field} is published masked as {mark.masked}",
                              "remove personal data from the source"
                              + (", or mark the notice 惩戒公示 in tags" if in_notice else ""))
        add(Finding(PRIVACY, problem, mark.domain, mark.org))
    for mark in site.unreviewed:
        if mark.missing:
            problem = warning(mark.location, f"not published: the review record lacks {'、'.join(mark.missing)}",
                              "add review: with 初审, 复审 and 终审 (三审三校)")
        else:  # an interpretation waiting for its policy (the location is its interprets: line)
            problem = warning(mark.location, "not published: the policy it interprets is held back for review",
                              "an interpretation is published with its policy, once the policy's review is complete")
        add(Finding(UNREVIEWED, problem, mark.domain, mark.org))
    for f in report.findings:
        for tally in _tallies(report, f):
            if f.kind == LATE:
                tally.late += 1
            elif f.kind == PRIVACY:
                tally.privacy += 1
            elif f.kind != UNFULFILLED:
                tally.other += 1
    report.findings.sort(key=lambda f: f.problem.sort_key())
    return report


def _tallies(report: AuditReport, f: Finding) -> list[Tally]:
    return [t for t in (report.domains.get(f.domain), report.orgs.get(f.org)) if t is not None]


def _completeness(item: CatalogueItem):
    for name, label in ELEMENTS:
        if not getattr(item, name):
            yield Finding(INCOMPLETE, warning(item.location_of(name), f"{label} is empty for item '{item.key}'",
                                              f"fill in {label}: every element of an item must be given"),
                          item.domain, item=item.key)


def _key(item: CatalogueItem) -> tuple[str, str]:
    return item.domain, name_key(item.key)


def _upstream_coverage(site: Site, upstream: tuple[CatalogueItem, ...]):
    """只增不减: every county- or township-level item of the city's catalogue is kept."""
    have = {_key(i) for i in site.catalogue}
    for item in upstream:
        if item.levels and not {"县级", "乡级"} & set(item.levels):
            continue  # a city-only (市级) item is not the district's to publish
        if _key(item) not in have:
            yield Finding(UPSTREAM, warning(item.source, f"the city's item '{item.key}' ({item.domain}) is missing "
                                                         "from the district's catalogue",
                                            "items of the upstream catalogue may be added to, never dropped (只增不减)"),
                          item.domain, item=item.key)


def _is_proactive(item: CatalogueItem) -> bool:
    """Items disclosed only on request (依申请) promise no publication."""
    return not item.mode or "主动" in item.mode


def _coverage(site: Site, report: AuditReport):
    """应公开未公开: an item, and each organisation it names, with no published notice."""
    fulfilled: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in site.notices:
        for d in n.domains:
            if n.item:
                fulfilled[(d, n.item)].add(n.publisher)
    for item in site.catalogue:
        if not _is_proactive(item):
            continue
        publishers = fulfilled.get((item.domain, item.key), set())
        tally = report.domains.get(item.domain)
        if tally is not None:
            tally.items += 1
            tally.fulfilled += bool(publishers)
            tally.missing += not publishers
        for org_id in item.subject_orgs:
            if item.domain in site.config.org(org_id).not_involved:
                continue  # 未涉及领域: declared in site.yaml, explained on the org's page
            org_tally = report.orgs.get(org_id)
            done = org_id in publishers
            if org_tally is not None:
                org_tally.items += 1
                org_tally.fulfilled += done
                org_tally.missing += not done
            if not done:
                yield Finding(UNFULFILLED, warning(
                    item.location_of("subject"),
                    f"no published notice of {site.config.org(org_id).name} fulfils {item.domain} '{item.key}'",
                    f"publish it with item: {item.key}"), item.domain, org_id, item.key)


def _deadlines(site: Site):
    """逾期公开: published later than the item's 公开时限 allows, counted from 成文日期."""
    items = {(i.domain, i.key): i for i in site.catalogue}
    rules: dict[str, deadlines.DeadlineRule | None] = {}
    for item in site.catalogue:
        if item.deadline and item.deadline not in rules:
            rules[item.deadline] = deadlines.parse_deadline(item.deadline)
            rule = rules[item.deadline]
            if rule is None:
                said, hint = "is not a wording gwsite can check", "use a standard wording"
            elif rule.kind in _NO_DAY:  # read, but it names no day a notice can be held to
                said, hint = f"sets no day to check notices against: {_NO_DAY[rule.kind]}", "give a deadline"
            else:
                continue
            yield Finding(UNPARSED, warning(item.location_of("deadline"), f"公开时限 '{item.deadline}' {said}",
                                            f"check these notices by hand, or {hint} such as "
                                            "信息形成或者变更之日起20个工作日内"), item.domain, item=item.key)
    unknown_years: set[int] = set()
    for n in site.notices:
        if not (n.item and n.written):
            continue
        item = next((items[(d, n.item)] for d in n.domains if (d, n.item) in items), None)
        rule = rules.get(item.deadline) if item else None
        if rule is None:
            continue
        if rule.exception is not None and any(w in n.title for w in _scope_words(rule.exception.scope)):
            rule = rule.exception  # e.g. 行政许可、行政处罚 decisions: 7 working days
        try:
            if rule.kind in _AS_SOON_AS_POSSIBLE:
                # 及时 / 实时 set no day, but never more than the law's own 20 working days
                # (条例第二十六条: "20个工作日内及时公开"): a notice months late is late.
                due = workdays.add_working_days(n.written, LEGAL_DEFAULT_WORKING_DAYS)
            else:
                due = deadlines.due_date(rule, _formed(rule, n.written))
            late_by = workdays.working_days_between(due, n.published) if due else 0
        except ValueError:
            year = _year_without_calendar(n.written)
            if year not in unknown_years:
                unknown_years.add(year)
                yield Finding(UNPARSED, warning(Location(n.location.path, n.line_of("written")),
                                                f"cannot check deadlines for {year}: no working-day calendar",
                                                "add that year's 部分节假日安排 to gwsite/data/holidays-cn.yaml"),
                              n.domains[0] if n.domains else "", n.publisher, n.item)
            continue
        if due and n.published > due:
            counted = (f"'{rule.text}', at most {LEGAL_DEFAULT_WORKING_DAYS} working days by 条例第二十六条,"
                       if rule.kind in _AS_SOON_AS_POSSIBLE else f"'{rule.text}'")
            yield Finding(LATE, warning(
                Location(n.location.path, n.line_of("published")),
                f"published {n.published}, {late_by} working day(s) after the deadline {due} "
                f"({counted} from 成文日期 {n.written})",
                "publish within the catalogue's 公开时限"), item.domain, n.publisher, n.item)


_AS_SOON_AS_POSSIBLE = ("timely", "realtime")
_NO_DAY = {  # deadline kinds that are read but give no date (deadlines.due_date says None)
    "recurring": "a period (每季度, 每年) without the day it is due",
    "period": "how long to display, not when to publish",
    "before": "the day of the event it comes before is not in the notices",
    "ongoing": "kept up to date, with no day",
    "dynamic": "adjusted as things change, with no day",
}
LEGAL_DEFAULT_WORKING_DAYS = 20  # 政府信息公开条例第二十六条


def _formed(rule: deadlines.DeadlineRule, written: date) -> date:
    """The day a deadline counts from, for a notice written on ``written``.  An annual one
    (每年3月31日前) counts from the end of the year the notice reports on: the year before
    it was written — a report written in April after its March deadline is late, not due a
    year later.  Only a notice written in December may report on its own year."""
    if rule.kind == "annual_by" and written.month != 12:
        return date(written.year - 1, 12, 31)
    return written


# The pages the 条例 asks of every organ besides its notices — its 政府信息公开指南 (art.12)
# and its annual report (art.49, 50) — as free pages of these sections.  (The platform's
# layout, 国办公开办函〔2019〕61号, adds 制度, which is often kept at the government's level.)
PLATFORM_SECTIONS = (("指南", "政府信息公开指南"), ("年报", "政府信息公开年报"))
_REPORT_YEAR = re.compile(r"(20\d\d)年")
# A department's annual report is due by 31 January, a 镇/街道 government's by 31 March (条例第五十条).
_REPORT_DUE = {True: (1, "31 January of the next year for a department"),
               False: (3, "31 March of the next year for a 镇/街道 government")}


def _platform_pages(site: Site):
    """平台栏目缺失: an organisation without its 指南 or 年报 page; and 年报 published after
    31 January (a department's) or 31 March (a 镇/街道 government's) of the next year."""
    sections: dict[str, set[str]] = defaultdict(set)
    for page in site.pages:
        if page.publisher:
            sections[page.publisher].add(page.section)
    for org in site.config.orgs:
        for section, name in PLATFORM_SECTIONS:
            if section not in sections[org.id]:
                yield Finding(NO_PLATFORM_PAGE, warning(
                    org.location or Location("site.yaml"), f"{org.name} has no {name} page",
                    f"add content/pages/{org.id}/<name>.md with publisher: {org.id} and section: {section}"),
                    org=org.id)
    for page in site.pages:
        org = site.config.org(page.publisher) if page.publisher else None
        year = _REPORT_YEAR.search(page.title)
        if page.section != "年报" or org is None or page.published is None or year is None:
            continue
        month, rule = _REPORT_DUE[org.kind == DEPARTMENT]
        due = date(int(year.group(1)) + 1, month, 31)
        if page.published > due:
            yield Finding(LATE, warning(
                Location(page.location.path, page.line_of("published")),
                f"published {page.published}, after the 年报's deadline {due} ({rule})",
                "publish the annual report on time (条例第五十条)"), org=org.id)


def _year_without_calendar(written: date) -> int:
    """The year a deadline counted from ``written`` lacks the calendar of: that year, or the
    first one after the calendar ends (written in December, due in January)."""
    years = workdays.covered_years()
    return written.year if written.year not in years else years.stop


def _scope_words(scope: str) -> list[str]:
    """'行政许可、行政处罚事项' -> ['行政许可', '行政处罚']."""
    return [w.removesuffix("事项") for w in re.split(r"[、,，和及]", scope) if w.removesuffix("事项")]


def _is_policy(n: Notice) -> bool:
    """规范性文件 (they carry 有效性) and notices tagged as policy documents."""
    return bool(n.validity) or bool({"规范性文件", "政策文件"} & set(n.tags)) or n.genre == "规范性文件"


def _interpretations(site: Site):
    by_id = {n.id: n for n in site.notices}
    for n in site.notices:
        if _is_policy(n) and not n.interprets and not site.interpretations.get(n.id) and n.validity != "废止":
            yield Finding(NO_INTERPRETATION, warning(
                Location(n.location.path, 1), "this 规范性文件 or policy has no 政策解读",
                "publish an interpretation with interprets: " + n.id), n.domains[0] if n.domains else "",
                n.publisher, n.item)
        policy = by_id.get(n.interprets)
        if policy is None:
            continue
        try:
            days = workdays.working_days_between(policy.published, n.published)
        except ValueError:
            continue
        if days > INTERPRETATION_DAYS:
            yield Finding(LATE_INTERPRETATION, warning(
                Location(n.location.path, n.line_of("published")),
                f"政策解读 published {days} working days after its policy ({policy.published}); "
                f"the limit is {INTERPRETATION_DAYS}",
                "publish interpretations with their policy (同步组织、同步审签、同步部署)"),
                n.domains[0] if n.domains else "", n.publisher, n.item)
