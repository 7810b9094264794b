"""自查: each rule of the audit, tested both ways — a realistic case it must find, and a
clean case on which it must stay silent.

Every site root is written in ``tmp_path`` the way people write one: notices as YAML by
hand, catalogues as .xlsx in the State Council template (``write_catalogue``).  The audit
runs through ``gwsite.pipeline.load`` or the command line, never on hand-made objects, so
what is tested is what a user gets.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from gwsite import pipeline
from gwsite.audit import (NO_CATALOGUE, INCOMPLETE, KINDS, LATE, LATE_INTERPRETATION, NO_INTERPRETATION, NO_PLATFORM_PAGE, PRIVACY,
                          UNFULFILLED, UNPARSED, UNREVIEWED, UPSTREAM)
from gwsite.domains import PILOT_DOMAINS
from sites import SITE_YAML, all_output_bytes, make_site, tree_digest, write_catalogue
from personal_data import make_card, make_id
from tools.make_demo import make_pdf

SHJZ = "catalogues/测试区社会救助领域基层政务公开标准目录.xlsx"
CZYJS = "catalogues/测试区财政预决算领域基层政务公开标准目录.xlsx"
ZHZF = "catalogues/测试区城市综合执法领域基层政务公开标准目录.xlsx"

# The test district, with a 城市管理局 for the 城市综合执法 catalogue.
SITE_WITH_CGJ = SITE_YAML + """\
  - id: cgj
    name: 测试区城市管理局
    kind: department
    aliases: [区城市管理局, 区城管局]
"""

WORKING_20 = "信息形成或者变更之日起20个工作日内"
WITH_EXCEPTION = "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"

# ---------------------------------------------------------------------------------------
# Helpers: valid personal data computed from the algorithms, catalogue rows, findings
# ---------------------------------------------------------------------------------------

ID = make_id("50011619850612301")  # born 1985-06-12 in 重庆 (500116)
ID_MASKED = ID[:6] + "********" + ID[-4:]
MOBILE = "18623456789"
MOBILE_MASKED = "186****6789"
CARD = make_card("622848012345678901")  # 19 digits, 农行 BIN
CARD_MASKED = "*" * 15 + CARD[-4:]


def row(level1, level2, *, deadline=WORKING_20, subject="区民政局", content="办理条件、办理程序、办理结果",
        basis="《中华人民共和国政府信息公开条例》", audience="全社会", mode="主动", levels=("县级",)):
    """One catalogue row for ``write_catalogue``."""
    tick = "√"
    return (level1, level2, content, basis, deadline, subject,
            tick if audience == "全社会" else "", tick if audience == "特定群体" else "",
            tick if "主动" in mode else "", tick if "依申请" in mode else "",
            tick if "县级" in levels else "", tick if "乡级" in levels else "")


def platform_pages(org_ids) -> dict[str, str]:
    """Every organisation's 政府信息公开指南 and 2024 年报 (published on time), so that a test
    site's findings are those its test is about."""
    pages = {}
    for org in org_ids:
        pages[f"content/pages/{org}/zhinan.md"] = f"---\ntitle: 政府信息公开指南\nsection: 指南\npublisher: {org}\n---\n\n正文。\n"
        pages[f"content/pages/{org}/nianbao-2024.md"] = (
            f"---\ntitle: 2024年政府信息公开工作年度报告\nsection: 年报\npublisher: {org}\npublished: 2025-01-20\n---\n\n正文。\n")
    return pages


def site_root(tmp_path, notices: dict[str, str] | None = None, *, catalogues: dict | None = None,
              site_yaml: str = SITE_WITH_CGJ, files: dict | None = None):
    """A site root: ``catalogues`` maps a file name under catalogues/ to (title, rows); None
    keeps the two base catalogues of ``sites.py`` (社会救助, 财政预决算).  Every organisation
    has its platform pages (``platform_pages``) unless ``files`` says otherwise."""
    all_files = {"site.yaml": site_yaml, **platform_pages(re.findall(r"- id: (\w+)", site_yaml)), **(files or {})}
    all_files.update({f"content/notices/{k}": v for k, v in (notices or {}).items()})
    root = make_site(tmp_path / "site", all_files, catalogues=catalogues is None)
    if catalogues is not None:
        (root / "catalogues").mkdir(exist_ok=True)
        for name, (title, rows) in catalogues.items():
            write_catalogue(root / "catalogues" / name, title, rows)
    return root


def shjz(rows) -> dict:
    """The district's 社会救助 catalogue with these rows, for ``site_root``."""
    return {"测试区社会救助领域基层政务公开标准目录.xlsx": ("测试区社会救助领域基层政务公开标准目录", rows)}


def notice(title, published, *, written=None, item=None, domain=None, publisher="mzj", disclosure="主动公开",
           extra=""):
    """A notice as people write one; the keys' lines are fixed: title 1, publisher 2,
    published 3, disclosure 4, written 5 (when given)."""
    lines = [f"title: {title}", f"publisher: {publisher}", f"published: {published}", f"disclosure: {disclosure}"]
    if written:
        lines.append(f"written: {written}")
    if domain:
        lines.append(f"domain: {domain}")
    if item:
        lines.append(f"item: {item}")
    return "\n".join(lines) + "\n" + extra


def found(report, kind) -> list[str]:
    """The findings of one kind, as the user reads them."""
    return [str(f.problem) for f in report.audit.findings if f.kind == kind]


def load(root, strict=False):
    report = pipeline.load(root, strict)
    assert report.audit is not None, "\n".join(str(p) for p in report.errors)
    return report


# ---------------------------------------------------------------------------------------
# 要素完备度: every element of every item
# ---------------------------------------------------------------------------------------

def _patch(path, cells: dict[str, str | None]) -> None:
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb.active[ref] = value
    wb.save(path)


def test_an_empty_element_is_named_by_its_cell(tmp_path):
    rows = [
        row("最低生活保障", "办事指南"),
        row("最低生活保障", "审核确认结果", basis="", audience=""),
        row("临时救助", "救助标准", content="", mode=""),
    ]
    root = site_root(tmp_path, catalogues=shjz(rows))
    path = root / SHJZ
    # Every channel left unchosen (□, and 口 typed for it) in the third item.
    _patch(path, {"H6": "□政府网站 口政府公报 □两微一端 □公开查阅点"})

    report = load(root)
    assert found(report, INCOMPLETE) == [
        f"{SHJZ}!Sheet1!E5: warning: 公开依据 is empty for item '最低生活保障/审核确认结果' "
        "(fill in 公开依据: every element of an item must be given)",
        f"{SHJZ}!Sheet1!I5: warning: 公开对象 is empty for item '最低生活保障/审核确认结果' "
        "(fill in 公开对象: every element of an item must be given)",
        f"{SHJZ}!Sheet1!D6: warning: 公开内容（要素） is empty for item '临时救助/救助标准' "
        "(fill in 公开内容（要素）: every element of an item must be given)",
        f"{SHJZ}!Sheet1!H6: warning: 公开渠道和载体 is empty for item '临时救助/救助标准' "
        "(fill in 公开渠道和载体: every element of an item must be given)",
        f"{SHJZ}!Sheet1!K6: warning: 公开方式 is empty for item '临时救助/救助标准' "
        "(fill in 公开方式: every element of an item must be given)",
    ]
    assert all(f.domain == "社会救助" for f in report.audit.findings if f.kind == INCOMPLETE)
    assert report.audit.domains["社会救助"].other == 5


def test_a_township_copy_without_levels_is_named_by_its_row(tmp_path):
    rows = [row("最低生活保障", "办事指南", levels=())]
    root = site_root(tmp_path, catalogues=shjz(rows))
    assert found(load(root), INCOMPLETE) == [
        f"{SHJZ}!Sheet1!M4: warning: 公开层级 is empty for item '最低生活保障/办事指南' "
        "(fill in 公开层级: every element of an item must be given)"]


def test_complete_catalogues_have_no_missing_element(tmp_path):
    report = load(site_root(tmp_path))
    assert found(report, INCOMPLETE) == []
    assert len(report.site.catalogue) == 5


# ---------------------------------------------------------------------------------------
# 只增不减: every county/township item of the city's catalogue is kept
# ---------------------------------------------------------------------------------------

def write_city_catalogue(path, title, rows) -> None:
    """The city's workbook: like ``write_catalogue``, with three level columns 市级 · 县级 ·
    乡级 (M, N, O).  ``rows`` end with those three ticks."""
    write_catalogue(path, title, [r[:-1] for r in rows])
    wb = load_workbook(path)
    ws = wb.active
    ws.unmerge_cells("M2:N2")
    ws.merge_cells("M2:O2")
    ws["M3"], ws["N3"], ws["O3"] = "市级", "县级", "乡级"
    for i, r in enumerate(rows):
        for col, tick in zip("MNO", r[-3:]):
            ws[f"{col}{4 + i}"] = tick or None
    wb.save(path)


def city_row(level1, level2, city="", county="", township=""):
    return row(level1, level2)[:-2] + (city, county, township)


CITY_TITLE = "某市社会救助领域基层政务公开标准目录"
CITY_FILE = "upstream/某市社会救助领域基层政务公开标准目录.xlsx"


def _upstream_site(tmp_path, district_rows, city_rows):
    root = site_root(tmp_path, catalogues=shjz(district_rows), site_yaml=SITE_WITH_CGJ + "upstream: upstream\n")
    (root / "upstream").mkdir()
    write_city_catalogue(root / CITY_FILE, CITY_TITLE, city_rows)
    return root


def test_a_dropped_city_item_is_found(tmp_path):
    district = [row("最低生活保障", "办事指南"), row("最低生活保障", "审核确认结果", levels=("县级", "乡级"))]
    city = [
        city_row("最低生活保障", "办事指南", county="√"),
        city_row("最低生活保障", "审核确认结果", county="√", township="√"),
        city_row("最低生活保障", "资金发放", county="√", township="√"),  # dropped: found
        city_row("临时救助", "救助结果", township="√"),  # dropped, township level only: found
        city_row("社会救助政策", "全市统一标准", city="√"),  # 市级 only: the city publishes it
    ]
    report = load(_upstream_site(tmp_path, district, city))
    assert found(report, UPSTREAM) == [
        f"{CITY_FILE}!Sheet1!A6: warning: the city's item '最低生活保障/资金发放' (社会救助) is missing from the "
        "district's catalogue (items of the upstream catalogue may be added to, never dropped (只增不减))",
        f"{CITY_FILE}!Sheet1!A7: warning: the city's item '临时救助/救助结果' (社会救助) is missing from the "
        "district's catalogue (items of the upstream catalogue may be added to, never dropped (只增不减))",
    ]
    assert [(f.domain, f.item) for f in report.audit.findings if f.kind == UPSTREAM] == [
        ("社会救助", "最低生活保障/资金发放"), ("社会救助", "临时救助/救助结果")]


def test_a_district_catalogue_that_keeps_and_adds_items_passes(tmp_path):
    district = [row("最低生活保障", "办事指南"), row("最低生活保障", "审核确认结果"),
                row("最低生活保障", "本区补充事项")]  # 只增: adding is fine
    city = [
        city_row("最低生活保障", "办事指南", county="√"),
        city_row("最低生活保障 ", "审核确认结果", county="√", township="√"),  # a stray space in the city's cell
        city_row("社会救助政策", "全市统一标准", city="√"),
    ]
    report = load(_upstream_site(tmp_path, district, city))
    assert found(report, UPSTREAM) == []
    # The city's catalogue is read, but it is not the district's: its items are not published.
    assert [i.key for i in report.site.catalogue] == [
        "最低生活保障/办事指南", "最低生活保障/审核确认结果", "最低生活保障/本区补充事项"]


def test_an_upstream_folder_that_does_not_exist_is_an_error(tmp_path):
    root = site_root(tmp_path, site_yaml=SITE_WITH_CGJ + "upstream: 市级目录\n")
    report = pipeline.load(root)
    assert [str(p) for p in report.errors] == [
        "site.yaml: upstream folder '市级目录' not found (give the folder of the city's catalogue workbooks, "
        "relative to the site root)"]


# ---------------------------------------------------------------------------------------
# 应公开未公开: per item and per organisation named
# ---------------------------------------------------------------------------------------

def test_an_item_without_a_notice_is_found_per_org(tmp_path):
    rows = [
        row("最低生活保障", "办事指南"),
        row("最低生活保障", "审核确认结果", subject="区民政局、各镇人民政府（街道办事处）", levels=("县级", "乡级")),
        row("最低生活保障", "档案查阅", mode="依申请"),  # disclosed on request: promises no publication
        row("临时救助", "救助结果"),
    ]
    root = site_root(tmp_path, {
        "mzj/guide.yaml": notice("最低生活保障办事指南", "2025-03-14", item="最低生活保障/办事指南"),
        "mzj/result.yaml": notice("2025年3月城乡低保审核确认结果公示", "2025-03-20", item="最低生活保障/审核确认结果"),
        "longmen/result.yaml": notice("龙门镇2025年3月低保审核确认结果公示", "2025-03-21", publisher="longmen",
                                      item="最低生活保障/审核确认结果"),
        # Written, but 依申请公开: it is not published, so it fulfils nothing.
        "mzj/temp.yaml": notice("临时救助审批表", "2025-03-22", disclosure="依申请公开", item="临时救助/救助结果"),
    }, catalogues=shjz(rows))
    report = load(root)
    assert found(report, UNFULFILLED) == [
        f"{SHJZ}!Sheet1!G5: warning: no published notice of 测试区青溪街道办事处 fulfils 社会救助 "
        "'最低生活保障/审核确认结果' (publish it with item: 最低生活保障/审核确认结果)",
        f"{SHJZ}!Sheet1!G7: warning: no published notice of 测试区民政局 fulfils 社会救助 '临时救助/救助结果' "
        "(publish it with item: 临时救助/救助结果)",
    ]
    assert sorted((f.org, f.item) for f in report.audit.findings if f.kind == UNFULFILLED) == [
        ("mzj", "临时救助/救助结果"), ("qingxi", "最低生活保障/审核确认结果")]
    tally = report.audit.domains["社会救助"]
    assert (tally.items, tally.fulfilled, tally.missing) == (3, 2, 1)  # the 依申请 item is not counted
    assert (report.audit.orgs["qingxi"].items, report.audit.orgs["qingxi"].missing) == (1, 1)
    assert (report.audit.orgs["longmen"].items, report.audit.orgs["longmen"].fulfilled) == (1, 1)
    assert (report.audit.orgs["mzj"].items, report.audit.orgs["mzj"].missing) == (3, 1)


def test_a_domain_declared_not_involved_is_not_required_of_that_township(tmp_path, run_cli):
    rows = [row("最低生活保障", "审核确认结果", subject="区民政局、各镇人民政府（街道办事处）", levels=("县级", "乡级"))]
    site_yaml = SITE_WITH_CGJ.replace(
        "    aliases: [青溪街道]\n", "    aliases: [青溪街道]\n    not_involved: [社会救助]\n")
    assert "not_involved" in site_yaml
    notices = {f"{org}/result.yaml": notice("低保审核确认结果公示", "2025-03-20", publisher=org,
                                            item="最低生活保障/审核确认结果") for org in ("mzj", "longmen")}
    root = site_root(tmp_path, notices, catalogues=shjz(rows), site_yaml=site_yaml)
    report = load(root)
    assert found(report, UNFULFILLED) == []  # 青溪街道 declared 社会救助 未涉及
    assert report.audit.orgs["qingxi"].items == 0
    # and the org page says so, in its 未涉及领域事项说明
    code, _, err = run_cli("build", root, "-o", tmp_path / "public")
    assert code == 0, err
    page = (tmp_path / "public/orgs/qingxi/index.html").read_text(encoding="utf-8")
    assert "未涉及领域事项说明" in page and ">社会救助</a>" in page.split("未涉及领域事项说明")[1]


def test_not_involved_names_known_domains(tmp_path):
    site_yaml = SITE_WITH_CGJ.replace("    aliases: [青溪街道]\n", "    aliases: [青溪街道]\n    not_involved: [农村危房]\n")
    report = pipeline.load(site_root(tmp_path, {}, site_yaml=site_yaml))
    assert [str(p) for p in report.errors] == [
        "site.yaml:25: unknown domain '农村危房' in not_involved; did you mean '农村危房改造'?"]


def test_every_item_fulfilled_by_every_org_named(tmp_path):
    rows = [
        row("最低生活保障", "办事指南"),
        row("最低生活保障", "审核确认结果", subject="区民政局、各镇人民政府（街道办事处）", levels=("县级", "乡级")),
        row("最低生活保障", "档案查阅", mode="依申请"),
    ]
    notices = {"mzj/guide.yaml": notice("最低生活保障办事指南", "2025-03-14", item="最低生活保障/办事指南")}
    for org in ("mzj", "longmen", "qingxi"):
        notices[f"{org}/result.yaml"] = notice("低保审核确认结果公示", "2025-03-20", publisher=org,
                                              domain="社会救助", item="最低生活保障/审核确认结果")
    root = site_root(tmp_path, notices,
                     catalogues=shjz(rows))
    report = load(root)
    assert found(report, UNFULFILLED) == []
    tally = report.audit.domains["社会救助"]
    assert (tally.items, tally.fulfilled, tally.missing) == (2, 2, 0)


# ---------------------------------------------------------------------------------------
# 逾期公开: N 个工作日 from 成文日期, on the official calendar
# ---------------------------------------------------------------------------------------

def _late(report) -> list[tuple[str, str]]:
    return [(str(f.problem.location), f.problem.message) for f in report.audit.findings if f.kind == LATE]


def test_working_days_across_guoqing_2025(tmp_path):
    # 成文 on Friday 2025-09-19.  20 working days on the calendar: 9-28 (Sunday) is a working
    # day, 10-01..10-08 are not, 10-11 (Saturday) is: the 20th is Thursday 2025-10-23.
    # Counting plain weekdays would put it on 10-17 and call 10-22 late.
    root = site_root(tmp_path, {
        "mzj/on-time.yaml": notice("最低生活保障办事指南（2025年修订）", "2025-10-22", written="2025-09-19",
                                   item="最低生活保障/办事指南"),
        "mzj/last-day.yaml": notice("特困人员救助供养标准", "2025-10-23", written="2025-09-19",
                                    item="特困人员救助供养/救助供养标准"),
        "mzj/late.yaml": notice("最低生活保障办事指南（补充）", "2025-10-24", written="2025-09-19",
                                item="最低生活保障/办事指南"),
    })
    report = load(root)
    assert _late(report) == [(
        "content/notices/mzj/late.yaml:3",
        f"published 2025-10-24, 1 working day(s) after the deadline 2025-10-23 ('{WORKING_20}' from 成文日期 2025-09-19)",
    )]
    (f,) = [f for f in report.audit.findings if f.kind == LATE]
    assert (f.domain, f.org, f.item) == ("社会救助", "mzj", "最低生活保障/办事指南")
    assert report.audit.domains["社会救助"].late == report.audit.orgs["mzj"].late == 1


def test_working_days_across_chunjie_2025(tmp_path):
    # 成文 on Monday 2025-01-20.  1-26 (Sunday) and 2-08 (Saturday) are working days,
    # 1-28..2-04 are not: the 20th working day is Friday 2025-02-21 (plain weekdays: 2-17).
    root = site_root(tmp_path, {
        "mzj/on-time.yaml": notice("2025年特困人员救助供养标准", "2025-02-20", written="2025-01-20",
                                   item="特困人员救助供养/救助供养标准"),
        "mzj/late.yaml": notice("2025年最低生活保障办事指南", "2025-02-24", written="2025-01-20",
                                item="最低生活保障/办事指南"),
    })
    assert _late(load(root)) == [(
        "content/notices/mzj/late.yaml:3",
        f"published 2025-02-24, 1 working day(s) after the deadline 2025-02-21 ('{WORKING_20}' from 成文日期 2025-01-20)",
    )]


def test_calendar_days_end_on_the_next_working_day(tmp_path):
    # 批准后20日内: calendar days.  2025-01-20 + 20 days is Sunday 2025-02-09, so the period
    # ends on Monday 2-10 (民法典 art. 203) — long before 20 working days (2-21).
    deadline = "本级人民代表大会或其常务委员会批准后20日内"
    root = site_root(tmp_path, {
        "czj/budget.yaml": notice("测试区2025年一般公共预算", "2025-02-10", written="2025-01-20", publisher="czj",
                                  item="政府预算/一般公共预算"),
        "czj/budget-late.yaml": notice("测试区2025年一般公共预算（草案说明）", "2025-02-11", written="2025-01-20",
                                       publisher="czj", item="政府预算/一般公共预算"),
    })
    assert _late(load(root)) == [(
        "content/notices/czj/budget-late.yaml:3",
        f"published 2025-02-11, 1 working day(s) after the deadline 2025-02-10 ('{deadline}' from 成文日期 2025-01-20)",
    )]


def _enforcement_site(tmp_path, notices):
    rows = [row("行政处罚", "行政处罚结果", deadline=WITH_EXCEPTION, subject="区城市管理局",
                content="处罚决定书文号、违法事实、处罚依据、处罚结果", basis="《中华人民共和国行政处罚法》")]
    return site_root(tmp_path, notices, catalogues={
        "测试区城市综合执法领域基层政务公开标准目录.xlsx": ("测试区城市综合执法领域基层政务公开标准目录", rows)})


def test_the_exception_clause_applies_to_administrative_penalties(tmp_path):
    # 决定 on Friday 2025-09-26; 7 working days: 9-28 (Sunday, 调休), 9-29, 9-30, 10-09,
    # 10-10, 10-11 (Saturday, 调休), 10-13.  Published 10-15: late under the exception,
    # on time under the general 20 working days.
    root = _enforcement_site(tmp_path, {
        "cgj/penalty.yaml": notice("行政处罚决定书（测综执罚〔2025〕12号）", "2025-10-15", written="2025-09-26",
                                   publisher="cgj", item="行政处罚/行政处罚结果"),
        "cgj/report.yaml": notice("2025年第三季度城市管理执法检查情况通报", "2025-10-15", written="2025-09-26",
                                  publisher="cgj", item="行政处罚/行政处罚结果"),
    })
    report = load(root)
    assert _late(report) == [(
        "content/notices/cgj/penalty.yaml:3",
        "published 2025-10-15, 2 working day(s) after the deadline 2025-10-13 "
        "('其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示' from 成文日期 2025-09-26)",
    )]
    assert found(report, UNPARSED) == []


def test_a_penalty_within_seven_working_days_is_on_time(tmp_path):
    root = _enforcement_site(tmp_path, {
        "cgj/penalty.yaml": notice("行政处罚决定书（测综执罚〔2025〕13号）", "2025-10-13", written="2025-09-26",
                                   publisher="cgj", item="行政处罚/行政处罚结果"),
    })
    assert _late(load(root)) == []


def test_unparseable_wordings_are_listed_not_guessed(tmp_path):
    rows = [
        row("最低生活保障", "办事指南"),
        row("最低生活保障", "审核确认结果", deadline="每月公示"),
        row("最低生活保障", "资金发放", deadline="按上级要求及时公开"),
        row("临时救助", "救助结果", deadline="实时"),
        row("临时救助", "救助标准", deadline="长期"),
    ]
    root = site_root(tmp_path, {
        # Published half a year after it was written, under a wording gwsite cannot read:
        # it is listed for a person to check, never called late.
        "mzj/result.yaml": notice("2025年3月低保审核确认结果", "2025-09-01", written="2025-03-01",
                                  item="最低生活保障/资金发放"),
    }, catalogues=shjz(rows))
    report = load(root)
    hint = "(check these notices by hand, or use a standard wording such as 信息形成或者变更之日起20个工作日内)"
    assert found(report, UNPARSED) == [
        f"{SHJZ}!Sheet1!F5: warning: 公开时限 '每月公示' is not a wording gwsite can check {hint}",
        f"{SHJZ}!Sheet1!F6: warning: 公开时限 '按上级要求及时公开' is not a wording gwsite can check {hint}",
        # Read, but it names no day: listed too, never passed over in silence.
        f"{SHJZ}!Sheet1!F8: warning: 公开时限 '长期' sets no day to check notices against: kept up to date, with "
        "no day (check these notices by hand, or give a deadline such as 信息形成或者变更之日起20个工作日内)",
    ]
    assert _late(report) == []


def test_standard_wordings_are_all_checkable(tmp_path):
    rows = [row("最低生活保障", "办事指南"), row("临时救助", "救助结果", deadline="实时"),
            row("临时救助", "救助标准", deadline="自信息形成之日起二十个工作日内予以公开"),
            row("临时救助", "政策文件", deadline="及时公开，公告期限为5个工作日")]
    root = site_root(tmp_path, catalogues=shjz(rows))
    assert found(load(root), UNPARSED) == []


def test_a_year_without_a_calendar_is_reported_as_cannot_check(tmp_path):
    # 2027's 部分节假日安排 is not published yet: its holidays are unknown, not guessed.
    root = site_root(tmp_path, {
        "mzj/a.yaml": notice("2027年最低生活保障办事指南", "2027-04-20", written="2027-03-01",
                             item="最低生活保障/办事指南"),
        "mzj/b.yaml": notice("2027年特困人员救助供养标准", "2027-06-01", written="2027-03-05",
                             item="特困人员救助供养/救助供养标准"),
    })
    report = load(root)
    assert _late(report) == []
    # Once per year, at one of its notices' 成文日期.
    (only,) = [f.problem for f in report.audit.findings if f.kind == UNPARSED and f.problem.location.line]
    assert str(only.location) in ("content/notices/mzj/a.yaml:5", "content/notices/mzj/b.yaml:5")
    assert (only.message, only.hint) == ("cannot check deadlines for 2027: no working-day calendar",
                                         "add that year's 部分节假日安排 to gwsite/data/holidays-cn.yaml")


def test_a_deadline_that_runs_into_a_year_without_calendar_names_that_year(tmp_path):
    # Written in December 2026 (a covered year), due in January 2027 (not covered): the
    # year the user must add is 2027.
    root = site_root(tmp_path, {
        "mzj/a.yaml": notice("最低生活保障办事指南（2027年版）", "2027-01-25", written="2026-12-21",
                             item="最低生活保障/办事指南"),
    })
    report = load(root)
    assert _late(report) == []
    assert [p for p in found(report, UNPARSED) if "content/" in p] == [
        "content/notices/mzj/a.yaml:5: warning: cannot check deadlines for 2027: no working-day calendar "
        "(add that year's 部分节假日安排 to gwsite/data/holidays-cn.yaml)"]


def test_timely_and_realtime_items_are_late_past_the_legal_twenty_working_days(tmp_path):
    rows = [row("临时救助", "救助结果", deadline="及时"), row("临时救助", "资金发放", deadline="实时公开")]
    root = site_root(tmp_path, {
        # 2025-01-02 + 20 working days (春节 from 01-28 to 02-04, 01-26 worked) = 2025-02-06
        "mzj/a.yaml": notice("临时救助结果公示", "2025-11-30", written="2025-01-02", item="临时救助/救助结果"),
        "mzj/b.yaml": notice("临时救助资金发放情况", "2025-02-06", written="2025-01-02", item="临时救助/资金发放"),
        "mzj/c.yaml": notice("临时救助资金发放（二）", "2025-02-07", written="2025-01-02", item="临时救助/资金发放"),
    }, catalogues=shjz(rows))
    assert _late(load(root)) == [
        ("content/notices/mzj/a.yaml:3", "published 2025-11-30, 204 working day(s) after the deadline 2025-02-06 "
         "('及时', at most 20 working days by 条例第二十六条, from 成文日期 2025-01-02)"),
        ("content/notices/mzj/c.yaml:3", "published 2025-02-07, 1 working day(s) after the deadline 2025-02-06 "
         "('实时公开', at most 20 working days by 条例第二十六条, from 成文日期 2025-01-02)")]


def test_an_annual_deadline_counts_from_the_year_the_notice_reports_on(tmp_path):
    rows = [row("社会救助资金", "年度使用情况", deadline="每年3月31日前")]
    root = site_root(tmp_path, {
        # Written in April: it reports on 2024, due 2025-03-31 — late, not due in 2026.
        "mzj/a.yaml": notice("2024年社会救助资金使用情况", "2025-04-15", written="2025-04-10",
                             item="社会救助资金/年度使用情况"),
        "mzj/b.yaml": notice("2023年社会救助资金使用情况", "2024-03-20", written="2024-02-01",
                             item="社会救助资金/年度使用情况"),
        # Written in December: it may report on its own year, due the next March.
        "mzj/c.yaml": notice("2025年社会救助资金使用情况", "2026-03-02", written="2025-12-31",
                             item="社会救助资金/年度使用情况"),
    }, catalogues=shjz(rows))
    assert [where for where, _ in _late(load(root))] == ["content/notices/mzj/a.yaml:3"]


def test_notices_without_written_date_or_item_are_not_judged(tmp_path):
    root = site_root(tmp_path, {
        "mzj/a.yaml": notice("最低生活保障办事指南", "2025-12-30", item="最低生活保障/办事指南"),
        "mzj/b.yaml": notice("关于开展2025年救助政策宣传月活动的通知", "2025-12-30", written="2025-01-02"),
    })
    assert _late(load(root)) == []


# ---------------------------------------------------------------------------------------
# 政策解读: every 规范性文件 has one, within 20 working days
# ---------------------------------------------------------------------------------------

POLICY = """\
title: 测试区最低生活保障实施办法
publisher: mzj
published: 2025-09-19
disclosure: 主动公开
doc_number: 测民发〔2025〕31号
genre: 通知
validity: 有效
body: |
  第一条 为规范最低生活保障工作，制定本办法。
"""


def _interpretation(published):
    return f"""\
title: 《测试区最低生活保障实施办法》政策解读
publisher: mzj
published: {published}
disclosure: 主动公开
interprets: mzj/banfa
body: |
  一、制定背景……
"""


def test_a_normative_document_without_interpretation_is_found(tmp_path):
    report = load(site_root(tmp_path, {"mzj/banfa.yaml": POLICY}))
    assert found(report, NO_INTERPRETATION) == [
        "content/notices/mzj/banfa.yaml:1: warning: this 规范性文件 or policy has no 政策解读 "
        "(publish an interpretation with interprets: mzj/banfa)"]


def test_an_interpretation_later_than_twenty_working_days_is_found(tmp_path):
    # Policy on 2025-09-19: the 20th working day after it is 10-23 (国庆 in between).
    root = site_root(tmp_path, {"mzj/banfa.yaml": POLICY, "mzj/jiedu.yaml": _interpretation("2025-10-24")})
    report = load(root)
    assert found(report, NO_INTERPRETATION) == []
    assert found(report, LATE_INTERPRETATION) == [
        "content/notices/mzj/jiedu.yaml:3: warning: 政策解读 published 21 working days after its policy "
        "(2025-09-19); the limit is 20 (publish interpretations with their policy (同步组织、同步审签、同步部署))"]


@pytest.mark.parametrize("published", ["2025-09-19", "2025-10-23"])
def test_an_interpretation_in_time_is_not_found(tmp_path, published):
    root = site_root(tmp_path, {"mzj/banfa.yaml": POLICY, "mzj/jiedu.yaml": _interpretation(published)})
    report = load(root)
    assert found(report, NO_INTERPRETATION) == found(report, LATE_INTERPRETATION) == []


def test_ordinary_and_repealed_documents_need_no_interpretation(tmp_path):
    root = site_root(tmp_path, {
        "mzj/notice.yaml": notice("关于开展2025年救助政策宣传月活动的通知", "2025-09-19"),
        "mzj/old.yaml": POLICY.replace("validity: 有效", "validity: 废止"),
    })
    assert found(load(root), NO_INTERPRETATION) == []


# ---------------------------------------------------------------------------------------
# 个人信息: found where it was written, masked where it is published
# ---------------------------------------------------------------------------------------

DIBAO = f"""\
title: 龙门镇2025年9月城乡低保新增对象公示
publisher: longmen
published: 2025-10-09
disclosure: 主动公开
domain: 社会救助
item: 最低生活保障/审核确认结果
doc_number: 龙门府发〔2025〕45号
attachments:
  - files/longmen/dibao-2025-09.pdf
body: |
  经村（居）民委员会初审、镇人民政府审核，现将新增低保对象公示如下：

  | 户主 | 所在村 | 保障人数 | 身份证号 |
  |---|---|---|---|
  | 张三 | 石桥村 | 3 | {ID} |

  公示期7天。如有异议，请向镇社会事务办反映，联系人：李四，电话{MOBILE}。
"""


def _privacy(report) -> list[str]:
    return found(report, PRIVACY)


def test_personal_data_in_the_body_names_its_line(tmp_path):
    root = site_root(tmp_path, {"longmen/dibao.yaml": DIBAO},
                     files={"content/files/longmen/dibao-2025-09.pdf": make_pdf(["龙门镇2025年9月低保新增对象名单"])})
    report = load(root)
    hint = "(remove personal data from the source, or mark the notice 惩戒公示 in tags)"
    where = "content/notices/longmen/dibao.yaml"
    assert _privacy(report) == [
        f"{where}:15: warning: 居民身份证号 in the body is published masked as {ID_MASKED} {hint}",
        f"{where}:17: warning: 手机号码 in the body is published masked as {MOBILE_MASKED} {hint}",
    ]
    assert DIBAO.splitlines()[14].endswith(f"{ID} |") and MOBILE in DIBAO.splitlines()[16]
    (published,) = report.site.notices
    assert ID not in published.body and MOBILE not in published.body
    assert report.audit.domains["社会救助"].privacy == report.audit.orgs["longmen"].privacy == 2


def test_personal_data_in_a_markdown_body_names_its_line(tmp_path):
    root = site_root(tmp_path, {"longmen/bank.md": f"""\
        ---
        title: 关于2025年第三季度高龄津贴发放情况的公示
        publisher: longmen
        published: 2025-10-09
        disclosure: 主动公开
        ---
        各村（社区）：

        2025年第三季度高龄津贴已发放，领取人张三的社保卡账号为{CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}。

        咨询电话：023-47521234。
        """})
    assert _privacy(load(root)) == [
        f"content/notices/longmen/bank.md:9: warning: 银行卡号 in the body is published masked as {CARD_MASKED} "
        "(remove personal data from the source, or mark the notice 惩戒公示 in tags)"]


def test_personal_data_in_the_title_and_an_attachment_name(tmp_path):
    root = site_root(tmp_path, {"longmen/a.yaml": f"""\
        title: 关于张三（{ID}）申请临时救助的公示
        publisher: longmen
        published: 2025-10-09
        disclosure: 主动公开
        attachments:
          - files/longmen/临时救助审批表-{ID}.pdf
        """}, files={f"content/files/longmen/临时救助审批表-{ID}.pdf": make_pdf(["龙门镇2025年9月低保新增对象名单"])})
    report = load(root)
    messages = [(str(f.problem.location), f.problem.message) for f in report.audit.findings if f.kind == PRIVACY]
    assert messages == [
        ("content/notices/longmen/a.yaml:1", f"居民身份证号 in the title is published masked as {ID_MASKED}"),
        ("content/notices/longmen/a.yaml:6", f"居民身份证号 in the attachment name is published masked as {ID_MASKED}"),
    ]
    (published,) = report.site.notices
    assert published.title == f"关于张三（{ID_MASKED}）申请临时救助的公示"


def test_a_mobile_in_the_doc_number_is_masked(tmp_path):
    root = site_root(tmp_path, {"longmen/a.yaml": f"""\
        title: 临时救助公示
        publisher: longmen
        published: 2025-10-09
        disclosure: 主动公开
        doc_number: 龙门救（联系人李四 {MOBILE}）
        """})
    report = load(root)
    assert [(str(f.problem.location), f.problem.message) for f in report.audit.findings if f.kind == PRIVACY] == [
        ("content/notices/longmen/a.yaml:5", f"手机号码 in the 发文字号 is published masked as {MOBILE_MASKED}")]
    assert report.site.notices[0].doc_number == f"龙门救（联系人李四 {MOBILE_MASKED}）"


def test_government_numbers_are_not_personal_data(tmp_path, run_cli):
    # 索引号, 发文字号, dates, amounts, postcodes, office landlines and hotlines: a page full of
    # numbers and not one of them a person's.
    text = """\
        title: 关于调整2025年城乡最低生活保障标准的通知
        publisher: mzj
        published: 2025-03-14
        written: 2025-03-10
        disclosure: 主动公开
        index_number: 11500116MB00000011/2025-00012
        doc_number: 测民发〔2025〕12号
        topic: 民政、扶贫、救灾\\社会救助
        body: |
          各镇人民政府、街道办事处：

          经区政府同意，自2025年4月1日起，城市低保标准由每人每月620元提高到650元，农村低保标准
          提高到每人每月520元。2025年1-3月共发放低保资金13862500元，惠及12345678人次。
          依据渝民发[2024]118号和20250310区政府第45次常务会议纪要执行。

          统计口径：2025-03-10至2025-03-14，批次号 202503141530。
          地址：测试区鼎山街道几江路100号，邮政编码：402260。
          咨询电话：023-47521234、47521235；监督电话：12345；传真：（023）47521236。
          统一社会信用代码：11500116MB00000011。
        """
    root = site_root(tmp_path, {"mzj/biaozhun.yaml": text})
    report = load(root)
    assert _privacy(report) == []
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    page = (out / "notices/mzj/biaozhun.html").read_text(encoding="utf-8")
    for number in ("11500116MB00000011/2025-00012", "测民发〔2025〕12号", "13862500", "12345678", "402260",
                   "023-47521234", "47521235", "（023）47521236", "202503141530", "渝民发[2024]118号"):
        assert number in page, number
    assert "*" not in page.split('class="notice-body"')[1].split("</div>")[0]


def test_punishment_notices_keep_what_the_law_requires(tmp_path, run_cli):
    # 惩戒公示 (e.g. 失信被执行人 lists) name people in full on purpose.
    root = site_root(tmp_path, {"cgj/shixin.yaml": f"""\
        title: 测试区2025年第三季度失信联合惩戒对象公示
        publisher: cgj
        published: 2025-10-09
        disclosure: 主动公开
        tags: [惩戒公示]
        body: |
          | 姓名 | 身份证号 | 失信行为 |
          |---|---|---|
          | 王五 | {ID} | 拒不履行行政处罚决定 |
        """})
    report = load(root)
    assert _privacy(report) == []
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    assert ID in (out / "notices/cgj/shixin.html").read_text(encoding="utf-8")


CLEAN_ROWS = [row("最低生活保障", "办事指南", subject="龙门镇", levels=("乡级",))]
CLEAN_NOTICE = notice("龙门镇最低生活保障办事指南", "2025-10-09", written="2025-09-30", publisher="longmen",
                      item="最低生活保障/办事指南", extra="body: |\n  申请人向户籍所在地镇人民政府提出申请。\n")


# The other pilot domains, declared not compiled at this level (else each is 领域目录缺失).
NOT_COMPILED = "not_compiled:\n" + "".join(f"  {d.name}: 由区级统一编制\n" for d in PILOT_DOMAINS if d.name != "社会救助")


def _clean_site(tmp_path, extra_body=""):
    """A site with no finding at all: one item, fulfilled on time."""
    text = CLEAN_NOTICE + (f"  {extra_body}\n" if extra_body else "")
    return site_root(tmp_path, {"longmen/guide.yaml": text}, catalogues=shjz(CLEAN_ROWS),
                     site_yaml=SITE_WITH_CGJ + NOT_COMPILED)


def test_the_clean_site_has_no_finding(tmp_path, run_cli):
    root = _clean_site(tmp_path)
    report = load(root, strict=True)
    assert report.problems == [] and report.ok
    code, out, _ = run_cli("check", root, "--strict")
    assert code == 0
    assert out.splitlines()[-2:] == ["自查: no findings", "gwsite check: 0 error(s), 0 warning(s)"]


def test_strict_makes_personal_data_an_error_and_leaves_the_output_alone(tmp_path, run_cli):
    root = _clean_site(tmp_path)
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out, "--strict")
    assert code == 0, err
    before = tree_digest(out)

    guide = root / "content/notices/longmen/guide.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + f"  经办人：李四，电话{MOBILE}。\n", encoding="utf-8")
    code, _, err = run_cli("build", root, "-o", out, "--strict")
    assert code == 1
    assert err.splitlines() == [
        f"content/notices/longmen/guide.yaml:9: 手机号码 in the body is published masked as {MOBILE_MASKED} "
        "(remove personal data from the source, or mark the notice 惩戒公示 in tags)",
        f"gwsite: build failed: 1 error(s), 0 warning(s); {out} left as it was",
    ]
    assert tree_digest(out) == before

    # Without --strict the same site builds, masked.
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    page = (out / "notices/longmen/guide.html").read_text(encoding="utf-8")
    assert MOBILE_MASKED in page and MOBILE not in page


def test_a_non_strict_build_prints_the_personal_data_warning(tmp_path, run_cli):
    root = _clean_site(tmp_path, f"经办人：李四，电话{MOBILE}。")
    code, out, err = run_cli("build", root, "-o", tmp_path / "public")
    assert code == 0
    assert (f"content/notices/longmen/guide.yaml:9: warning: 手机号码 in the body is published masked as "
            f"{MOBILE_MASKED} (remove personal data from the source, or mark the notice 惩戒公示 in tags)"
            ) in (out + err).splitlines()


# ---------------------------------------------------------------------------------------
# 三审三校: with require_review, a notice lacking a stage is held back
# ---------------------------------------------------------------------------------------

REVIEWED = "review:\n  初审: 张三\n  复审: 李四\n  终审: 王五\n"
REVIEW_SITE = SITE_WITH_CGJ + "require_review: true\n"


def test_a_notice_lacking_final_review_is_not_published_anywhere(tmp_path, run_cli):
    root = site_root(tmp_path, {
        "mzj/done.yaml": notice("2025年城乡低保标准调整公告", "2025-03-14", item="最低生活保障/办事指南",
                                extra=REVIEWED),
        "mzj/pending.yaml": notice("2025年特困人员救助供养标准调整公告", "2025-03-15",
                                   item="特困人员救助供养/救助供养标准", extra="review:\n  初审: 张三\n  复审: 李四\n"),
        "mzj/none.yaml": notice("关于开展低保专项治理的通知", "2025-03-16"),
        "mzj/request.yaml": notice("低保档案查阅登记表", "2025-03-17", disclosure="依申请公开"),
    }, site_yaml=REVIEW_SITE)
    report = load(root)
    assert found(report, UNREVIEWED) == [
        "content/notices/mzj/none.yaml:1: warning: not published: the review record lacks 初审、复审、终审 "
        "(add review: with 初审, 复审 and 终审 (三审三校))",
        "content/notices/mzj/pending.yaml:6: warning: not published: the review record lacks 终审 "
        "(add review: with 初审, 复审 and 终审 (三审三校))",
    ]
    assert [n.id for n in report.site.notices] == ["mzj/done"]
    # Held back is not published, so the item it would fulfil is still open.
    assert any("特困人员救助供养/救助供养标准" in p for p in found(report, UNFULFILLED))

    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    assert (out / "notices/mzj/done.html").is_file()
    for path, data in all_output_bytes(out):
        for secret in ("特困人员救助供养标准调整公告", "低保专项治理", "mzj/pending", "mzj/none"):
            assert secret.encode() not in data, f"{secret} leaked into {path}"
            assert secret.encode("unicode_escape") not in data or secret.isascii(), f"{secret} leaked into {path}"


def test_without_require_review_nothing_is_held_back(tmp_path):
    root = site_root(tmp_path, {"mzj/none.yaml": notice("关于开展低保专项治理的通知", "2025-03-16")})
    report = load(root)
    assert found(report, UNREVIEWED) == []
    assert [n.id for n in report.site.notices] == ["mzj/none"]


def test_an_interpretation_waits_for_its_policy_under_review(tmp_path, run_cli):
    # The policy lacks 终审; its interpretation is fully reviewed.  An interpretation is
    # published with its policy, so both wait — and the build does not break on the link.
    root = site_root(tmp_path, {
        "mzj/banfa.yaml": POLICY + "review: {初审: 张三, 复审: 李四}\n",
        "mzj/jiedu.yaml": _interpretation("2025-09-19") + REVIEWED,
    }, site_yaml=REVIEW_SITE)
    report = load(root)
    assert report.site.notices == ()
    assert found(report, UNREVIEWED) == [
        "content/notices/mzj/banfa.yaml:10: warning: not published: the review record lacks 终审 "
        "(add review: with 初审, 复审 and 终审 (三审三校))",
        "content/notices/mzj/jiedu.yaml:5: warning: not published: the policy it interprets is held back for review "
        "(an interpretation is published with its policy, once the policy's review is complete)",
    ]
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    for path, data in all_output_bytes(out):
        assert "最低生活保障实施办法".encode() not in data, path


# ---------------------------------------------------------------------------------------
# The report: check --format json, --report DIR, build --report
# ---------------------------------------------------------------------------------------

def _report_site(tmp_path):
    """Findings of several kinds, in two domains and three orgs."""
    return site_root(tmp_path, {
        "mzj/late.yaml": notice("最低生活保障办事指南（补充）", "2025-10-24", written="2025-09-19",
                                item="最低生活保障/办事指南"),
        "longmen/dibao.yaml": DIBAO,
        "czj/budget.yaml": notice("测试区2025年一般公共预算", "2025-02-10", written="2025-01-20", publisher="czj",
                                  item="政府预算/一般公共预算"),
    }, files={"content/files/longmen/dibao-2025-09.pdf": make_pdf(["龙门镇2025年9月低保新增对象名单"])},
        site_yaml=SITE_YAML + "not_compiled:\n" + "".join(f"  {d.name}: 由区级统一编制\n" for d in PILOT_DOMAINS
                                                             if d.name not in ("社会救助", "财政预决算")))


def test_check_format_json(tmp_path, run_cli):
    root = _report_site(tmp_path)
    code, out, err = run_cli("check", root, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"errors", "warnings", "summary", "domains", "orgs", "problems"}
    assert list(data["summary"]) == list(KINDS)
    assert data["summary"] == {
        NO_CATALOGUE: 0, INCOMPLETE: 0, UPSTREAM: 0, UNFULFILLED: 5, LATE: 1, UNPARSED: 1, NO_INTERPRETATION: 0,
        LATE_INTERPRETATION: 0, PRIVACY: 2, UNREVIEWED: 0, NO_PLATFORM_PAGE: 0}
    assert (data["errors"], data["warnings"]) == (0, 9) == (0, len(data["problems"]))
    assert data["domains"] == [
        {"name": "社会救助", "items": 3, "fulfilled": 2, "missing": 1, "late": 1, "privacy": 2, "other": 1},
        {"name": "财政预决算", "items": 2, "fulfilled": 1, "missing": 1, "late": 0, "privacy": 0, "other": 0},
    ]
    assert data["orgs"] == [
        {"id": "mzj", "items": 4, "fulfilled": 1, "missing": 3, "late": 1, "privacy": 0, "other": 0},
        {"id": "czj", "items": 2, "fulfilled": 1, "missing": 1, "late": 0, "privacy": 0, "other": 0},
        {"id": "longmen", "items": 1, "fulfilled": 1, "missing": 0, "late": 0, "privacy": 2, "other": 0},
        {"id": "qingxi", "items": 1, "fulfilled": 0, "missing": 1, "late": 0, "privacy": 0, "other": 0},
    ]
    late = next(p for p in data["problems"] if p["kind"] == LATE)
    assert late == {
        "location": "content/notices/mzj/late.yaml:3", "severity": "warning", "kind": LATE,
        "message": f"published 2025-10-24, 1 working day(s) after the deadline 2025-10-23 ('{WORKING_20}' from "
                   "成文日期 2025-09-19)",
        "hint": "publish within the catalogue's 公开时限", "domain": "社会救助", "org": "mzj",
        "item": "最低生活保障/办事指南"}
    assert ID not in out and MOBILE not in out  # the report names the place, never the number

    code, out, _ = run_cli("check", root, "--format", "json", "--strict")
    data = json.loads(out)
    assert code == 1
    assert (data["errors"], data["warnings"]) == (9, 0)
    assert {p["severity"] for p in data["problems"]} == {"error"}


class _Tables(HTMLParser):
    """Each <table> of a page: its caption and its rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1] = ("".join(self._caption).strip(), self.tables[-1][1])
            self._caption = None
        elif tag in ("td", "th"):
            self.tables[-1][1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return {caption: rows for caption, rows in parser.tables if caption}


def test_report_folder_holds_a_table_per_domain_and_per_org(tmp_path, run_cli):
    root = _report_site(tmp_path)
    folder = tmp_path / "自查报告"
    code, _, err = run_cli("check", root, "--report", folder)
    assert code == 0
    assert err.strip() == f"gwsite: audit report written to {folder / 'index.html'}"
    html = (folder / "index.html").read_text(encoding="utf-8")
    tables = _tables(html)
    assert tables["各试点领域：主动公开事项的落实情况"][1:] == [
        ["社会救助", "3", "2", "1", "1", "2", "1"],
        ["财政预决算", "2", "1", "1", "0", "0", "0"],
    ]
    assert tables["各部门、镇街：作为公开主体的事项落实情况"][1:] == [
        ["测试区民政局", "4", "1", "3", "1", "0", "0"],
        ["测试区财政局", "2", "1", "1", "0", "0", "0"],
        ["测试区龙门镇人民政府", "1", "1", "0", "0", "2", "0"],
        ["测试区青溪街道办事处", "1", "0", "1", "0", "0", "0"],
    ]
    assert dict(r for r in tables["按问题类型"][1:]) == {
        NO_CATALOGUE: "0", INCOMPLETE: "0", UPSTREAM: "0", UNFULFILLED: "5", LATE: "1", UNPARSED: "1", NO_INTERPRETATION: "0",
        LATE_INTERPRETATION: "0", PRIVACY: "2", UNREVIEWED: "0", NO_PLATFORM_PAGE: "0"}
    assert "content/notices/longmen/dibao.yaml:15" in html and ID_MASKED in html
    assert ID not in html and MOBILE not in html
    assert json.loads((folder / "audit.json").read_text(encoding="utf-8")) == json.loads(
        run_cli("check", root, "--format", "json")[1])


def test_build_report_outside_the_output(tmp_path, run_cli):
    root = _report_site(tmp_path)
    out, folder = tmp_path / "public", tmp_path / "report"
    code, _, err = run_cli("build", root, "-o", out, "--report", folder)
    assert code == 0, err
    assert (folder / "index.html").is_file()
    for path, data in all_output_bytes(out):  # the office's report is not for the public
        assert "自查报告".encode() not in data and b"audit.json" not in data, path


def test_build_report_inside_the_output_is_refused(tmp_path, run_cli):
    root = _report_site(tmp_path)
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    before = tree_digest(out)
    with pytest.raises(SystemExit) as refused:
        run_cli("build", root, "-o", out, "--report", out / "report")
    assert re.fullmatch(r"gwsite: --report .*report lies inside the output .*public; the audit report is for the "
                        r"district office, not for the public: choose a folder outside it", str(refused.value.code))
    assert tree_digest(out) == before
    assert not (out / "report").exists()


def test_an_organ_without_its_guide_or_annual_report_and_a_late_report_are_found(tmp_path):
    pages = platform_pages(["mzj", "czj", "longmen", "qingxi", "cgj"])
    del pages["content/pages/czj/zhinan.md"], pages["content/pages/qingxi/nianbao-2024.md"]
    # A department's 2024 report after 31 January 2025; a 镇 government's by 31 March is on time.
    pages["content/pages/mzj/nianbao-2024.md"] = pages["content/pages/mzj/nianbao-2024.md"].replace("2025-01-20", "2025-02-10")
    pages["content/pages/longmen/nianbao-2024.md"] = pages["content/pages/longmen/nianbao-2024.md"].replace("2025-01-20", "2025-03-31")
    root = site_root(tmp_path)
    for path in list((root / "content/pages").rglob("*.md")):
        path.unlink()
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    report = load(root)
    assert [p.split(" (")[0] for p in found(report, NO_PLATFORM_PAGE)] == [
        "site.yaml:13: warning: 测试区财政局 has no 政府信息公开指南 page",
        "site.yaml:21: warning: 测试区青溪街道办事处 has no 政府信息公开年报 page"]
    assert _late(report) == [("content/pages/mzj/nianbao-2024.md:5",
                              "published 2025-02-10, after the 年报's deadline 2025-01-31 (31 January of the next "
                              "year for a department)")]
