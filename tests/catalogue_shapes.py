"""Catalogue workbooks in the shapes real districts send, written with openpyxl.

Two tools:

* ``write_catalogue`` lays out one logical table (a list of ``Row``) on a sheet with knobs
  for everything that varies between real files: title or none, one or two header rows,
  the table's position, label spacing, merges, blanks and 同上 for repeated items, the
  marks used for ticks and channels, blank rows and notes.  It returns the sheet rows the
  items landed on, so a test can build the expected ``CatalogueItem``s.
* ``SHAPES``: a gallery of whole catalogue folders, each hand-laid where it matters, with
  the items and problems the reader must return for it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from gwsite.diagnostics import Location
from gwsite.model import CatalogueItem, Org

ORGS = (
    Org("mzj", "江津区民政局", "department", ("区民政局",)),
    Org("czj", "江津区财政局", "department", ("区财政局",)),
    Org("jw", "江津区教育委员会", "department", ("区教委",)),
    Org("rsj", "江津区人力资源和社会保障局", "department", ("区人力社保局",)),
    Org("jj", "几江街道", "township", ("几江街道办事处",)),
    Org("sm", "石门镇", "township", ("石门镇人民政府",)),
)
DEPARTMENTS = ("mzj", "czj", "jw", "rsj")
TOWNSHIPS = ("jj", "sm")

CHANNELS = ("政府网站", "政府公报", "两微一端", "发布会/听证会", "社区/企事业单位/村公示栏（电子屏）")


@dataclass(frozen=True)
class Row:
    """One logical catalogue row, as the reader should return it."""

    serial: str
    level1: str
    level2: str
    content: str
    basis: str
    deadline: str
    subject: str
    subject_orgs: tuple[str, ...]
    channels: tuple[str, ...]  # chosen, in CHANNELS order
    audience: tuple[str, ...]
    mode: tuple[str, ...]
    levels: tuple[str, ...]  # 县级 / 乡级

    def item(self, domain: str, path: str, sheet: str, cell: str) -> CatalogueItem:
        return CatalogueItem(
            domain=domain, level1=self.level1, level2=self.level2, content=self.content,
            basis=self.basis, deadline=self.deadline, subject=self.subject,
            subject_orgs=self.subject_orgs, channels=self.channels, audience=self.audience,
            mode=self.mode, levels=self.levels, serial=self.serial,
            source=Location(path, sheet=sheet, cell=cell))


# The logical table most shapes use: 社会救助, two 一级事项, the first with two 二级事项.
ROWS = (
    Row("1", "最低生活保障", "低保申请", "申请条件\n申请材料\n办理流程", "《社会救助暂行办法》",
        "信息形成或者变更之日起20个工作日内", "区民政局", ("mzj",),
        ("政府网站", "两微一端", "社区/企事业单位/村公示栏（电子屏）"), ("全社会",), ("主动",),
        ("县级", "乡级")),
    Row("2", "最低生活保障", "低保审核结果公示", "审核结果", "《最低生活保障审核确认办法》",
        "公示7个工作日", "各镇人民政府（街道办事处）", TOWNSHIPS,
        ("社区/企事业单位/村公示栏（电子屏）",), ("特定群体",), ("主动",), ("乡级",)),
    Row("3", "特困人员救助供养", "特困人员认定", "认定条件、办理程序", "《特困人员认定办法》",
        "及时", "区民政局、各镇街", ("mzj", *TOWNSHIPS), ("政府网站", "政府公报"),
        ("全社会", "特定群体"), ("主动", "依申请"), ("县级",)),
)

TWO_ROW_HEADER = (
    [("序号", ""), ("公开事项", "一级事项"), ("公开事项", "二级事项"), ("公开内容（要素）", ""),
     ("公开依据", ""), ("公开时限", ""), ("公开主体", ""), ("公开渠道和载体", ""),
     ("公开对象", "全社会"), ("公开对象", "特定群体"), ("公开方式", "主动"), ("公开方式", "依申请"),
     ("公开层级", "县级"), ("公开层级", "乡级")]
)
NCOLS = len(TWO_ROW_HEADER)


def cell(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def merge(ws, r1: int, c1: int, r2: int, c2: int) -> None:
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def put(ws, row: int, col: int, values) -> None:
    """Write a list of values along a row from (row, col); None leaves a cell empty."""
    for j, value in enumerate(values):
        if value is not None:
            ws.cell(row, col + j, value)


def channel_text(chosen: tuple[str, ...], on: str = "■", off: str = "□", sep: str = " ") -> str:
    return sep.join((on if name in chosen else off) + name for name in CHANNELS)


@dataclass
class Layout:
    """Knobs for ``write_catalogue``."""

    origin: tuple[int, int] = (1, 1)  # (row, column) of the table's first cell (or title)
    title: str | None = "示例区社会救助领域基层政务公开标准目录"
    two_rows: bool = True  # header over two rows, or sub-labels in one row
    spell: Callable[[str], str] = lambda label: label  # how a label is typed
    repeat1: str = "merge"  # a repeated 一级事项: merge | repeat | blank | 同上
    tick: str = "√"
    untick: str | None = None  # what a not-ticked cell holds (None: blank)
    on: str = "■"  # chosen channel mark
    off: str = "□"  # not-chosen channel mark
    channel_sep: str = " "
    blank_after: tuple[int, ...] = ()  # blank rows after these logical rows (0-based)
    notes: tuple[str, ...] = ()  # note rows after the table
    merge_header: bool = True  # merge header cells (vertical and horizontal) or repeat them


def write_catalogue(ws, rows=ROWS, layout: Layout = Layout()) -> list[int]:
    """Lay ``rows`` out on ``ws``; return the sheet row of each logical row."""
    r, c0 = layout.origin
    ncols = NCOLS
    if layout.title is not None:
        ws.cell(r, c0, layout.title)
        merge(ws, r, c0, r, c0 + ncols - 1)
        r += 1
    sp = layout.spell
    if layout.two_rows:
        for j, (top, sub) in enumerate(TWO_ROW_HEADER):
            col = c0 + j
            ws.cell(r, col, sp(top))
            if sub:
                ws.cell(r + 1, col, sp(sub))
            elif not layout.merge_header:
                ws.cell(r + 1, col, sp(top))
        if layout.merge_header:
            j = 0
            while j < ncols:
                top, sub = TWO_ROW_HEADER[j]
                if not sub:
                    merge(ws, r, c0 + j, r + 1, c0 + j)
                    j += 1
                    continue
                k = j
                while k + 1 < ncols and TWO_ROW_HEADER[k + 1][0] == top:
                    k += 1
                for col in range(c0 + j + 1, c0 + k + 1):
                    ws.cell(r, col).value = None
                merge(ws, r, c0 + j, r, c0 + k)
                j = k + 1
        else:
            for j, (top, sub) in enumerate(TWO_ROW_HEADER):
                ws.cell(r, c0 + j, sp(top))
        r += 2
    else:
        for j, (top, sub) in enumerate(TWO_ROW_HEADER):
            ws.cell(r, c0 + j, sp(sub or top))
        r += 1

    placed: list[int] = []
    run_start = None
    for i, row in enumerate(rows):
        same1 = i > 0 and rows[i - 1].level1 == row.level1
        level1 = row.level1
        if same1 and layout.repeat1 == "blank":
            level1 = None
        elif same1 and layout.repeat1 == "同上":
            level1 = "同上"
        elif same1 and layout.repeat1 == "merge":
            level1 = None
        ticks = []
        for group, values in (("audience", ("全社会", "特定群体")), ("mode", ("主动", "依申请")),
                              ("levels", ("县级", "乡级"))):
            chosen = getattr(row, group)
            ticks += [layout.tick if v in chosen else layout.untick for v in values]
        put(ws, r, c0, [row.serial, level1, row.level2, row.content, row.basis, row.deadline,
                        row.subject,
                        channel_text(row.channels, layout.on, layout.off, layout.channel_sep),
                        *ticks])
        if layout.repeat1 == "merge":
            if same1:
                merge(ws, run_start, c0 + 1, r, c0 + 1)
            else:
                run_start = r
        placed.append(r)
        r += 1
        if i in layout.blank_after:
            r += 1
    for note in layout.notes:
        ws.cell(r, c0, note)
        merge(ws, r, c0, r, c0 + ncols - 1)
        r += 1
    return placed


def save(root: Path, relpath: str, build: Callable[[Workbook], None]) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    build(wb)
    wb.save(path)


def sheet(wb: Workbook, title: str):
    """The workbook's first, still unnamed sheet renamed, or a new sheet."""
    ws = wb.active
    if ws.title == "Sheet" and ws.max_row == 1 and ws["A1"].value is None and len(wb.sheetnames) == 1:
        ws.title = title
        return ws
    return wb.create_sheet(title)


def expected(rows, placed, domain: str, path: str, sheet_name: str, col: int = 1):
    return [row.item(domain, path, sheet_name, cell(r, col)) for row, r in zip(rows, placed)]


# --------------------------------------------------------------------------------------
# The gallery.  Each shape writes under root/catalogues and returns (items, problems as
# strings) the reader must give, in order.

Shape = Callable[[Path], tuple[list[CatalogueItem], list[str]]]
SHAPES: dict[str, Shape] = {}


def shape(fn: Shape) -> Shape:
    SHAPES[fn.__name__.removeprefix("shape_")] = fn
    return fn


@shape
def shape_state_council(root: Path):
    """The template as the State Council publishes it: title merged over the table, two
    header rows with merged labels, 一级事项 merged down, ticks √, channels ■/□."""
    placed = []
    save(root, "catalogues/shjz.xlsx", lambda wb: placed.extend(write_catalogue(sheet(wb, "Sheet1"))))
    return expected(ROWS, placed, "社会救助", "catalogues/shjz.xlsx", "Sheet1"), []


@shape
def shape_one_header_row_at_b2(root: Path):
    """No title; one header row holding the sub-labels themselves (全社会, 主动, 县级 …);
    the table starts at B2; the domain comes from the sheet name; ticks ✓ and ✔."""
    placed = []

    def build(wb):
        ws = sheet(wb, "社会救助")
        placed.extend(write_catalogue(ws, layout=Layout(origin=(2, 2), title=None, two_rows=False,
                                                        tick="✓", repeat1="repeat")))
        ws.cell(placed[0], 10).value = "✔"  # 全社会 of the first row: column J
    save(root, "catalogues/目录.xlsx", build)
    return expected(ROWS, placed, "社会救助", "catalogues/目录.xlsx", "社会救助", col=2), []


@shape
def shape_blank_rows_and_notes(root: Path):
    """Blank rows inside the table, and after it one kind of note per sheet: 说明：…
    merged across the table, 注：… in the first cell, a long text alone in the first
    column.  Rows after a note are not read.  No title and sheets Sheet1-3: the domain
    comes from the file name."""
    path = "catalogues/示例区社会救助领域基层政务公开标准目录.xlsx"
    placed: dict[str, list[int]] = {}
    notes = {
        "Sheet1": ("说明：1.本目录由区政务公开办负责解释。", True),
        "Sheet2": ("注：公开层级为县级的由区级部门公开。", False),
        "Sheet3": ("本目录所列事项如与上级规定不一致的，以上级规定为准。", False),
    }

    def build(wb):
        for name, (note, merged) in notes.items():
            ws = sheet(wb, name)
            placed[name] = write_catalogue(ws, layout=Layout(title=None, blank_after=(0, 1)))
            end = ws.max_row + 2
            ws.cell(end, 1, note)
            if merged:
                merge(ws, end, 1, end, NCOLS)
            put(ws, end + 1, 1, [None, "最低生活保障", None, "不应读到"])  # after the note
    save(root, path, build)
    items = []
    for name in notes:
        items += expected(ROWS, placed[name], "社会救助", path, name)
    return items, []


@shape
def shape_same_as_above(root: Path):
    """同上 in 一级事项, 二级事项 and other columns; a blank 一级 carried down; a blank
    二级 carried down only under the same 一级."""
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体",
                       "公开渠道和载体", "公开对象", "公开方式"])
        put(ws, 2, 1, ["1", "临时救助", "申请", "条件", "《办法》", "20个工作日", "区民政局",
                       "政府网站", "全社会", "主动"])
        put(ws, 3, 1, ["2", "同上", "同上", "材料", "同上", "同上", "同上", "同上", "同上", "依申请公开"])
        put(ws, 4, 1, ["3", None, None, "流程", "《办法》", "及时", "各镇街", "同上", "特定群体", "同上"])
        put(ws, 5, 1, ["4", "医疗救助", None, "对象", "《医疗救助办法》", "及时", "区民政局",
                       "两微一端", "全社会", "主动"])
    save(root, "catalogues/同上.xlsx", build)
    p, s = "catalogues/同上.xlsx", "社会救助"
    base = CatalogueItem(domain="社会救助", level1="临时救助", level2="申请", content="条件",
                         basis="《办法》", deadline="20个工作日", subject="区民政局",
                         subject_orgs=("mzj",), channels=("政府网站",), audience=("全社会",),
                         mode=("主动",), serial="1", source=Location(p, sheet=s, cell="A2"))
    return [
        base,
        replace(base, content="材料", mode=("依申请",), serial="2", source=Location(p, sheet=s, cell="A3")),
        replace(base, content="流程", deadline="及时", subject="各镇街", subject_orgs=TOWNSHIPS,
                audience=("特定群体",), mode=("依申请",), serial="3",
                source=Location(p, sheet=s, cell="A4")),
        replace(base, level1="医疗救助", level2="", content="对象", basis="《医疗救助办法》",
                deadline="及时", channels=("两微一端",), serial="4",
                source=Location(p, sheet=s, cell="A5")),
    ], []


TICK_MARKS = ("√", "✓", "✔", "●", "是", "Y", "y", "☑", "■", "R", "£", "t")
UNTICK_MARKS = (None, "×", "否", "□", "口")


@shape
def shape_tick_kinds(root: Path):
    """Every tick mark (√ ✓ ✔ ● 是 Y y ☑ ■ R £ t) in the 全社会 column, with the 特定群体
    column holding every not-ticked form in turn (blank × 否 □ 口)."""
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "公开内容", "公开依据", "公开时限", "公开主体",
                       "全社会", "特定群体", "主动", "依申请"])
        for i, mark in enumerate(TICK_MARKS):
            off = UNTICK_MARKS[i % len(UNTICK_MARKS)]
            put(ws, 2 + i, 1, [i + 1, f"事项{i + 1}", "内容", "依据", "时限", "区民政局", mark, off, off, mark])
    save(root, "catalogues/ticks.xlsx", build)
    return [
        CatalogueItem(domain="社会救助", level1=f"事项{i + 1}", content="内容", basis="依据",
                      deadline="时限", subject="区民政局", subject_orgs=("mzj",),
                      audience=("全社会",), mode=("依申请",), serial=str(i + 1),
                      source=Location("catalogues/ticks.xlsx", sheet="社会救助", cell=f"A{2 + i}"))
        for i in range(len(TICK_MARKS))
    ], []


@shape
def shape_channel_marks(root: Path):
    """Channel cells: ■/□ with spaces, ■/口 on separate lines, Wingdings R/£/t with 口
    between, marks run together, a plain list with 、 and one with /, a 窗口 that is
    not a mark."""
    cells = [
        ("■政府网站 □政府公报 ■两微一端 □发布会/听证会 ■社区/企事业单位/村公示栏（电子屏）",
         ("政府网站", "两微一端", "社区/企事业单位/村公示栏（电子屏）")),
        ("■政府网站\n口政府公报\n口两微一端\n■发布会/听证会", ("政府网站", "发布会/听证会")),
        ("R政府网站 口政府公报 £两微一端 t公开查阅点", ("政府网站", "两微一端", "公开查阅点")),
        ("■政府网站□政府公报■社区／企事业单位／村公示栏(电子屏)",
         ("政府网站", "社区/企事业单位/村公示栏（电子屏）")),
        ("政府网站、政务微博，公开查阅点", ("政府网站", "政务微博", "公开查阅点")),
        ("政府网站/政务服务中心", ("政府网站", "政务服务中心")),
        ("■政务服务窗口 □便民服务站", ("政务服务窗口",)),
        ("■ 政府 网站  ■ 精准推送", ("政府网站", "精准推送")),
    ]

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["一级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"])
        for i, (text, _) in enumerate(cells):
            put(ws, 2 + i, 1, [f"事项{i + 1}", "内容", "依据", "时限", "区民政局", text])
    save(root, "catalogues/channels.xlsx", build)
    return [
        CatalogueItem(domain="社会救助", level1=f"事项{i + 1}", content="内容", basis="依据",
                      deadline="时限", subject="区民政局", subject_orgs=("mzj",), channels=chosen,
                      source=Location("catalogues/channels.xlsx", sheet="社会救助", cell=f"A{2 + i}"))
        for i, (_, chosen) in enumerate(cells)
    ], []


@shape
def shape_level_columns(root: Path):
    """公开层级 over 市级/区级/镇（街道）级/村级; 公开对象 with 特定群众; 公开方式 with
    依申请公开; ticks √."""
    def build(wb):
        ws = sheet(wb, "养老服务")
        put(ws, 1, 1, ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                       "公开渠道和载体", "公开对象", None, "公开方式", None, "公开层级", None, None, None])
        put(ws, 2, 1, [None, "一级事项", "二级事项", None, None, None, None, None,
                       "全社会", "特定群众", "主动", "依申请公开", "市级", "区级", "镇（街道）级", "村级"])
        for c in (1, 4, 5, 6, 7, 8):
            merge(ws, 1, c, 2, c)
        for c1, c2 in ((2, 3), (9, 10), (11, 12), (13, 16)):
            merge(ws, 1, c1, 1, c2)
        put(ws, 3, 1, [1, "养老机构", "备案信息", "备案名单", "《养老机构管理办法》", "20个工作日",
                       "区民政局", "政府网站", "√", None, "√", None, None, "√", "√", None])
        put(ws, 4, 1, [2, "养老补贴", "高龄津贴", "发放名单", "《意见》", "每季度", "各镇街",
                       "社区/企事业单位/村公示栏（电子屏）", None, "√", None, "√", "√", None, None, "√"])
    save(root, "catalogues/levels.xlsx", build)
    p, s = "catalogues/levels.xlsx", "养老服务"
    return [
        CatalogueItem(domain="养老服务", level1="养老机构", level2="备案信息", content="备案名单",
                      basis="《养老机构管理办法》", deadline="20个工作日", subject="区民政局",
                      subject_orgs=("mzj",), channels=("政府网站",), audience=("全社会",),
                      mode=("主动",), levels=("县级", "乡级"), serial="1",
                      source=Location(p, sheet=s, cell="A3")),
        CatalogueItem(domain="养老服务", level1="养老补贴", level2="高龄津贴", content="发放名单",
                      basis="《意见》", deadline="每季度", subject="各镇街", subject_orgs=TOWNSHIPS,
                      channels=("社区/企事业单位/村公示栏（电子屏）",), audience=("特定群体",),
                      mode=("依申请",), levels=("市级", "村级"), serial="2",
                      source=Location(p, sheet=s, cell="A4")),
    ], []


@shape
def shape_single_value_columns(root: Path):
    """A township's copy: 公开对象 and 公开方式 each hold a value instead of ticks (once in
    a single column, once in a cell merged over the two sub-columns), and there is no
    公开层级 at all (levels empty, not an error)."""
    def build(wb):
        ws = sheet(wb, "Sheet1")
        ws.cell(1, 1, "石门镇就业创业领域基层政务公开标准目录")
        merge(ws, 1, 1, 1, 10)
        put(ws, 2, 1, ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限",
                       "公开主体", "公开渠道和载体", "公开对象", "公开方式"])
        put(ws, 3, 1, ["1", "就业服务", "招聘信息", "岗位", "《就业促进法》", "实时", "石门镇人民政府",
                       "■政府网站", "全社会", "主动"])
        put(ws, 4, 1, ["2", "就业服务", "补贴名单", "名单", "《就业促进法》", "及时", "石门镇",
                       "■政府网站", "特定群体", "依申请公开"])
        put(ws, 5, 1, ["3", "创业服务", "创业担保贷款", "条件", "《办法》", "及时", "石门镇",
                       "政府网站", "全社会、特定群体", "主动、依申请"])

        ws2 = wb.create_sheet("社会救助")
        put(ws2, 1, 1, ["序号", "一级事项", "公开内容", "公开依据", "公开时限", "公开主体",
                        "公开对象", None, "公开方式", None])
        put(ws2, 2, 1, [None, None, None, None, None, None, "全社会", "特定群体", "主动", "依申请"])
        for c in range(1, 7):
            merge(ws2, 1, c, 2, c)
        merge(ws2, 1, 7, 1, 8)
        merge(ws2, 1, 9, 1, 10)
        put(ws2, 3, 1, ["1", "临时救助", "条件", "《办法》", "及时", "石门镇", "全社会", None, "依申请公开"])
        merge(ws2, 3, 7, 3, 8)
        merge(ws2, 3, 9, 3, 10)
    save(root, "catalogues/石门镇.xlsx", build)
    p = "catalogues/石门镇.xlsx"
    job = CatalogueItem(domain="就业创业", level1="就业服务", level2="招聘信息", content="岗位",
                        basis="《就业促进法》", deadline="实时", subject="石门镇人民政府",
                        subject_orgs=("sm",), channels=("政府网站",), audience=("全社会",),
                        mode=("主动",), serial="1", source=Location(p, sheet="Sheet1", cell="A3"))
    return [
        # 社会救助 comes before 就业创业 in the domain table.
        CatalogueItem(domain="社会救助", level1="临时救助", content="条件", basis="《办法》",
                      deadline="及时", subject="石门镇", subject_orgs=("sm",), audience=("全社会",),
                      mode=("依申请",), serial="1", source=Location(p, sheet="社会救助", cell="A3")),
        job,
        replace(job, level2="补贴名单", content="名单", deadline="及时", subject="石门镇",
                audience=("特定群体",), mode=("依申请",), serial="2",
                source=Location(p, sheet="Sheet1", cell="A4")),
        replace(job, level1="创业服务", level2="创业担保贷款", content="条件", basis="《办法》",
                deadline="及时", subject="石门镇", audience=("全社会", "特定群体"),
                mode=("主动", "依申请"), serial="3", source=Location(p, sheet="Sheet1", cell="A5")),
    ], []


def _spaced(label: str) -> str:
    """Labels as people type them: spaces inside, line breaks, half-width brackets."""
    return {
        "序号": "序  号", "公开内容（要素）": "公开内容\n(要素)", "全社会": "全 社 会",
        "依申请": "依申请\n公开", "公开主体": " 公开主体 ", "特定群体": "特定\n群体",
        "公开渠道和载体": "公开渠道\n和载体", "一级事项": "一级\u3000事项",
    }.get(label, label)


@shape
def shape_spaced_labels(root: Path):
    """Labels with spaces, line breaks, an ideographic space and half-width brackets; the
    header cells not merged but repeated; a title at C2 and the table from C3."""
    placed = []
    save(root, "catalogues/spaced.xlsx", lambda wb: placed.extend(write_catalogue(
        sheet(wb, "Sheet1"), layout=Layout(origin=(2, 3), spell=_spaced, merge_header=False))))
    return expected(ROWS, placed, "社会救助", "catalogues/spaced.xlsx", "Sheet1", col=3), []


@shape
def shape_many_domains(root: Path):
    """One workbook, one domain per sheet, with a cover page, an instructions sheet that
    names some labels, and an empty sheet (all skipped); items come in domain order
    (社会救助 before 养老服务), whatever the sheet order."""
    placed: dict[str, list[int]] = {}
    pension = tuple(replace(r, level1="养老" + r.level1) for r in ROWS[:2])

    def build(wb):
        cover = sheet(wb, "封面")
        cover["B3"] = "示例区基层政务公开标准目录汇编"
        notes = wb.create_sheet("填表说明")
        put(notes, 1, 1, ["填表说明"])
        put(notes, 2, 1, ["序号：按顺序填写"])
        put(notes, 3, 1, ["公开主体：填写部门全称", "公开时限：按条例填写"])
        put(notes, 4, 1, ["公开主体", "公开时限"])  # two labels in a row: not a header
        placed["养老服务"] = write_catalogue(wb.create_sheet("养老服务"), pension,
                                          Layout(title="养老服务领域基层政务公开标准目录"))
        wb.create_sheet("空表")
        placed["社会救助"] = write_catalogue(wb.create_sheet("社会救助"), layout=Layout(title=None))
    save(root, "catalogues/汇编.xlsx", build)
    p = "catalogues/汇编.xlsx"
    return (expected(ROWS, placed["社会救助"], "社会救助", p, "社会救助")
            + expected(pension, placed["养老服务"], "养老服务", p, "养老服务")), []


@shape
def shape_two_townships(root: Path):
    """Two townships' workbooks add to one domain; items follow the files' order
    (catalogues/乡镇/几江街道.xlsx before catalogues/乡镇/石门镇.xlsx), in a sub-folder;
    a ~$ lock file beside them is ignored."""
    first = tuple(replace(r, subject="几江街道办事处", subject_orgs=("jj",)) for r in ROWS[:2])
    second = tuple(replace(r, subject="石门镇人民政府", subject_orgs=("sm",)) for r in ROWS[1:])
    placed: dict[str, list[int]] = {}
    save(root, "catalogues/乡镇/石门镇.xlsx", lambda wb: placed.__setitem__(
        "sm", write_catalogue(sheet(wb, "Sheet1"), second, Layout(title="石门镇社会救助领域政务公开标准目录"))))
    save(root, "catalogues/乡镇/几江街道.xlsx", lambda wb: placed.__setitem__(
        "jj", write_catalogue(sheet(wb, "Sheet1"), first, Layout(title="几江街道社会救助领域政务公开标准目录"))))
    (root / "catalogues/乡镇/~$石门镇.xlsx").write_bytes(b"lock")
    return (expected(first, placed["jj"], "社会救助", "catalogues/乡镇/几江街道.xlsx", "Sheet1")
            + expected(second, placed["sm"], "社会救助", "catalogues/乡镇/石门镇.xlsx", "Sheet1")), []


@shape
def shape_domain_sources(root: Path):
    """Where the domain comes from: the title wins over the sheet name (title 就业, sheet
    社会救助); the sheet name over the file name (sheet 户籍, file 乡村振兴…); the file
    name last (乡村振兴 → 扶贫); aliases resolve to the canonical name."""
    one = ROWS[:1]
    placed: dict[str, list[int]] = {}

    def build(wb):
        placed["title"] = write_catalogue(sheet(wb, "社会救助"), one, Layout(title="示例区就业领域基层政务公开标准目录"))
        placed["sheet"] = write_catalogue(wb.create_sheet("户籍"), one, Layout(title="目录"))
        placed["file"] = write_catalogue(wb.create_sheet("Sheet3"), one, Layout(title=None))
    path = "catalogues/示例区乡村振兴领域基层政务公开标准目录.xlsx"
    save(root, path, build)
    return (expected(one, placed["sheet"], "户籍管理", path, "户籍")
            + expected(one, placed["title"], "就业创业", path, "社会救助")
            + expected(one, placed["file"], "扶贫", path, "Sheet3")), []


@shape
def shape_horizontal_merges(root: Path):
    """Horizontal merges in the body: 一级事项 merged over the 二级 column (no 二级事项),
    公开对象 全社会 merged over both sub-columns, a 公开内容 merged down two rows."""
    def build(wb):
        ws = sheet(wb, "Sheet1")
        ws.cell(1, 1, "财政预决算领域基层政务公开标准目录")
        merge(ws, 1, 1, 1, 11)
        put(ws, 2, 1, ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限",
                       "公开主体", "公开对象", None, "公开方式", None])
        put(ws, 3, 1, [None, None, None, None, None, None, None, "全社会", "特定群体", "主动", "依申请"])
        for c in range(1, 8):
            merge(ws, 2, c, 3, c)
        merge(ws, 2, 8, 2, 9)
        merge(ws, 2, 10, 2, 11)
        put(ws, 4, 1, ["1", "政府预算", None, "预算报告\n预算表", "《预算法》", "批准后20日内",
                       "区财政局", "全社会", None, "√", None])
        merge(ws, 4, 2, 4, 3)
        merge(ws, 4, 8, 4, 9)
        put(ws, 5, 1, ["2", "政府决算", None, None, "《预算法》", "批准后20日内", "区财政局",
                       None, "√", "√", None])
        merge(ws, 5, 2, 5, 3)
        merge(ws, 4, 4, 5, 4)
    save(root, "catalogues/czyjs.xlsx", build)
    p = "catalogues/czyjs.xlsx"
    budget = CatalogueItem(domain="财政预决算", level1="政府预算", content="预算报告\n预算表",
                           basis="《预算法》", deadline="批准后20日内", subject="区财政局",
                           subject_orgs=("czj",), audience=("全社会",), mode=("主动",), serial="1",
                           source=Location(p, sheet="Sheet1", cell="A4"))
    return [budget, replace(budget, level1="政府决算", audience=("特定群体",), serial="2",
                            source=Location(p, sheet="Sheet1", cell="A5"))], []


@shape
def shape_serials_and_text(root: Path):
    """序号 as text '0505', as the int 5, as the float 6.0 and as 7 formatted '0000';
    whitespace collapsed in names but line breaks kept in 公开内容/公开依据."""
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体"])
        put(ws, 2, 1, ["0505", "  最低生活\n保障  ", " 申请条件 \n\n  申请   材料 ", "《条例》\r\n第二十条",
                       "信息形成之日起\n20个工作日内", "区民政局"])
        put(ws, 3, 1, [5, "临时救助", "条件", "《办法》", "及时", "区民政局"])
        put(ws, 4, 1, [6.0, "医疗救助", "条件", "《办法》", "及时", "区民政局"])
        put(ws, 5, 1, [7, "特困供养", "条件", "《办法》", "及时", "区民政局"])
        ws["A5"].number_format = "0000"
    save(root, "catalogues/serials.xlsx", build)
    p = "catalogues/serials.xlsx"
    base = CatalogueItem(domain="社会救助", level1="临时救助", content="条件", basis="《办法》",
                         deadline="及时", subject="区民政局", subject_orgs=("mzj",), serial="5",
                         source=Location(p, sheet="社会救助", cell="A3"))
    return [
        replace(base, level1="最低生活保障", content="申请条件\n申请 材料", basis="《条例》\n第二十条",
                deadline="信息形成之日起20个工作日内", serial="0505",
                source=Location(p, sheet="社会救助", cell="A2")),
        base,
        replace(base, level1="医疗救助", serial="6", source=Location(p, sheet="社会救助", cell="A4")),
        replace(base, level1="特困供养", serial="0007", source=Location(p, sheet="社会救助", cell="A5")),
    ], []


@shape
def shape_three_levels_and_subjects(root: Path):
    """公开事项 over 一级/二级/三级; subjects naming several orgs, a full region prefix, a
    missing 区 prefix, collective wordings, and one unresolvable (a warning at its cell)."""
    def build(wb):
        ws = sheet(wb, "义务教育")
        put(ws, 1, 1, ["序号", "公开事项", None, None, "公开内容（要素）", "公开依据", "公开时限", "公开主体"])
        put(ws, 2, 1, [None, "一级事项", "二级事项", "三级事项"])
        merge(ws, 1, 2, 1, 4)
        for c in (1, 5, 6, 7, 8):
            merge(ws, 1, c, 2, c)
        put(ws, 3, 1, ["1", "招生入学", "招生政策", "划片范围", "片区", "《义务教育法》", "招生工作开始前",
                       "重庆市江津区教育委员会；各乡镇（街道）"])
        put(ws, 4, 1, ["2", None, None, "入学条件", "条件", "《义务教育法》", "招生工作开始前",
                       "教育委员会、区级各部门"])
        put(ws, 5, 1, ["3", "学生资助", "资助政策", None, "政策", "《办法》", "及时",
                       "区教委，相关审批部门\n区级有关部门"])
    save(root, "catalogues/ywjy.xlsx", build)
    p, s = "catalogues/ywjy.xlsx", "义务教育"
    first = CatalogueItem(domain="义务教育", level1="招生入学", level2="招生政策", level3="划片范围",
                          content="片区", basis="《义务教育法》", deadline="招生工作开始前",
                          subject="重庆市江津区教育委员会；各乡镇（街道）",
                          subject_orgs=("jw", *TOWNSHIPS), serial="1",
                          source=Location(p, sheet=s, cell="A3"))
    return [
        first,
        replace(first, level3="入学条件", content="条件", subject="教育委员会、区级各部门",
                subject_orgs=("jw", *DEPARTMENTS[:2], *DEPARTMENTS[3:]), serial="2",
                source=Location(p, sheet=s, cell="A4")),
        replace(first, level1="学生资助", level2="资助政策", level3="", content="政策",
                basis="《办法》", deadline="及时", subject="区教委，相关审批部门 区级有关部门",
                subject_orgs=("jw", "mzj", "czj", "rsj"), serial="3",
                source=Location(p, sheet=s, cell="A5")),
    ], ["catalogues/ywjy.xlsx!义务教育!H5: warning: 公开主体 '相关审批部门' matches no organisation "
        "in site.yaml (add it as an alias of an org)"]


@shape
def shape_marks_run_in_layout(root: Path):
    """The standard layout with 同上 for the repeated 一级事项, ticks ●, not-ticked cells
    holding □, and channels marked with Wingdings R/£ and 口, one per line."""
    placed = []
    save(root, "catalogues/wingdings.xlsx", lambda wb: placed.extend(write_catalogue(
        sheet(wb, "社会救助"), layout=Layout(title=None, repeat1="同上", tick="●", untick="□",
                                          on="R", off="口", channel_sep="\n"))))
    return expected(ROWS, placed, "社会救助", "catalogues/wingdings.xlsx", "社会救助"), []


@shape
def shape_sections_and_extra_columns(root: Path):
    """附件1 above the title; a 备注 column the template does not have (ignored); a section
    row 一、区级事项 merged across the table (skipped); a template row with only its 序号
    (skipped); an item whose name starts with 说明 (kept); 备注： ends the table."""
    def build(wb):
        ws = sheet(wb, "Sheet1")
        ws["A1"] = "附件1"
        ws["A2"] = "示例区社会救助领域基层政务公开标准目录"
        merge(ws, 2, 1, 2, 8)
        put(ws, 3, 1, ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "备注"])
        ws["A4"] = "一、区级事项"
        merge(ws, 4, 1, 4, 8)
        put(ws, 5, 1, [1, "低保", "申请", "条件", "《办法》", "及时", "区民政局", "新增"])
        put(ws, 6, 1, [2, "说明书发放", "发放", "名单", "《办法》", "及时", "区民政局"])
        put(ws, 7, 1, [3])
        put(ws, 8, 1, ["备注：以上事项动态调整", "另见附件"])
        put(ws, 9, 1, [4, "不应读到", "x", "x", "x", "x", "区民政局"])
    save(root, "catalogues/sections.xlsx", build)
    p = "catalogues/sections.xlsx"
    first = CatalogueItem(domain="社会救助", level1="低保", level2="申请", content="条件",
                          basis="《办法》", deadline="及时", subject="区民政局", subject_orgs=("mzj",),
                          serial="1", source=Location(p, sheet="Sheet1", cell="A5"))
    return [first, replace(first, level1="说明书发放", level2="发放", content="名单", serial="2",
                           source=Location(p, sheet="Sheet1", cell="A6"))], []


def put_row(ws, r: int, c0: int, row: Row, level1: str | None = None, tick: str = "√",
            untick: str | None = None, on: str = "■", off: str = "□") -> None:
    """One logical row in the standard 14 columns from (r, c0); ``level1`` None leaves it
    blank (for a merge or a carry)."""
    ticks = []
    for group, values in (("audience", ("全社会", "特定群体")), ("mode", ("主动", "依申请")),
                          ("levels", ("县级", "乡级"))):
        ticks += [tick if v in getattr(row, group) else untick for v in values]
    put(ws, r, c0, [row.serial, level1, row.level2, row.content, row.basis, row.deadline,
                    row.subject, channel_text(row.channels, on, off), *ticks])


@shape
def shape_section_headings_and_note_blocks(root: Path):
    """Items grouped under section headings inside the table, then a note block.
    Sheet1 (table at C2 under 附件1): 一、区级部门公开事项 and 二、乡镇（街道）公开事项（共2项）
    merged across the table, a blank row between sections; after the table 注：1. …, 2. …
    and a signature in two cells.  Sheet2 (no 序号, one header row): （一）区级事项 and
    第二部分 镇（街道）级事项 alone in the 一级事项 column; a note without 注, then signatures.
    Sheet3: a two-cell signature right under the table."""
    path = "catalogues/sections2.xlsx"
    fourth = replace(ROWS[2], serial="4", level1="临时救助", level2="临时救助对象公示",
                     subject="区民政局、区公安局", subject_orgs=("mzj",))
    items: list[CatalogueItem] = []

    def build(wb):
        ws = sheet(wb, "Sheet1")
        ws["C1"] = "附件1"
        write_catalogue(ws, (), Layout(origin=(2, 3)))  # title row 2, header rows 3-4
        for r, heading in ((5, "一、区级部门公开事项"), (9, "二、乡镇（街道）公开事项（共2项）")):
            ws.cell(r, 3, heading)
            merge(ws, r, 3, r, 2 + NCOLS)
        put_row(ws, 6, 3, ROWS[0], ROWS[0].level1)
        put_row(ws, 7, 3, ROWS[1])
        merge(ws, 6, 4, 7, 4)  # 最低生活保障 over both rows
        put_row(ws, 10, 3, ROWS[2], ROWS[2].level1)
        put_row(ws, 11, 3, fourth, fourth.level1)
        ws.cell(13, 3, "注：1. 本目录由区民政局负责解释。")
        merge(ws, 13, 3, 13, 2 + NCOLS)
        ws.cell(14, 3, "2. 各镇（街道）可结合实际补充公开事项，报区政务公开办备案。")
        put(ws, 15, 3, ["填报单位：江津区民政局", None, None, None, None, "填报日期：2025年3月"])
        items.extend(expected(ROWS + (fourth,), [6, 7, 10, 11], "社会救助", path, "Sheet1", col=3))

        ws = sheet(wb, "Sheet2")
        ws["A1"] = "示例区社会救助领域基层政务公开标准目录"
        put(ws, 2, 1, ["一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体"])
        ws["A3"] = "（一）区级事项"
        put(ws, 4, 1, ["最低生活保障", "低保申请", "申请条件", "《社会救助暂行办法》", "及时", "区民政局"])
        ws["A5"] = "第二部分 镇（街道）级事项"
        put(ws, 6, 1, ["特困人员救助供养", "特困人员认定", "认定条件", "《特困人员认定办法》", "及时",
                       "各镇街"])
        ws["A8"] = "本目录所列事项动态调整，以上级最新规定为准。"
        put(ws, 9, 1, ["填报单位：江津区民政局", "填报日期：2025年3月"])
        ws["A10"] = "填报人：张三  联系电话：13912345678"
        first = CatalogueItem(domain="社会救助", level1="最低生活保障", level2="低保申请",
                              content="申请条件", basis="《社会救助暂行办法》", deadline="及时",
                              subject="区民政局", subject_orgs=("mzj",),
                              source=Location(path, sheet="Sheet2", cell="A4"))
        items.extend([first, replace(
            first, level1="特困人员救助供养", level2="特困人员认定", content="认定条件",
            basis="《特困人员认定办法》", subject="各镇街", subject_orgs=TOWNSHIPS,
            source=Location(path, sheet="Sheet2", cell="A6"))])

        ws = sheet(wb, "Sheet3")
        placed = write_catalogue(ws)
        put(ws, placed[-1] + 1, 1, ["填报单位：江津区民政局", None, None, None, None, "填报日期：2025年3月"])
        items.extend(expected(ROWS, placed, "社会救助", path, "Sheet3"))
    save(root, path, build)
    return items, [f"{path}!Sheet1!I11: warning: 公开主体 '区公安局' matches no organisation in "
                   "site.yaml (add it as an alias of an org)"]


@shape
def shape_hidden_superseded_sheets(root: Path):
    """The live catalogue beside a hidden superseded version 社会救助(旧版2020) and a very
    hidden template: only the visible sheet is read, silently."""
    placed = []

    def build(wb):
        old = sheet(wb, "社会救助(旧版2020)")
        write_catalogue(old, ROWS[:1])
        old.sheet_state = "hidden"
        placed.extend(write_catalogue(sheet(wb, "社会救助")))
        template = wb.create_sheet("模板")
        write_catalogue(template, ROWS[1:])
        template.sheet_state = "veryHidden"
        wb.active = 1  # Excel opens on a visible sheet
    save(root, "catalogues/hidden.xlsx", build)
    return expected(ROWS, placed, "社会救助", "catalogues/hidden.xlsx", "社会救助"), []


EMOJI_TICKS = ("✔\ufe0f", "☑\ufe0f", "✅", "✔\ufe0e")
CROSSES = ("✕", "✖", "✖\ufe0f", "❌")


@shape
def shape_emoji_ticks_and_crosses(root: Path):
    """Ticks from phone and WPS pickers, with a variation selector (✔️ ☑️ ✔︎), under 全社会 and
    依申请; crosses ✕ ✖ ✖️ ❌ for no under 特定群体 and 主动; channels marked ☑️/✔️ and ✕/✖️."""
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                       "全社会", "特定群体", "主动", "依申请"])
        for i, (tick, cross) in enumerate(zip(EMOJI_TICKS, CROSSES)):
            channels = f"☑\ufe0f政府网站 {cross}政府公报 {tick}两微一端 ✖\ufe0f发布会/听证会"
            put(ws, 2 + i, 1, [i + 1, f"事项{i + 1}", "内容", "依据", "时限", "区民政局", channels,
                               tick, cross, cross, tick])
    save(root, "catalogues/emoji.xlsx", build)
    return [
        CatalogueItem(domain="社会救助", level1=f"事项{i + 1}", content="内容", basis="依据",
                      deadline="时限", subject="区民政局", subject_orgs=("mzj",),
                      channels=("政府网站", "两微一端"), audience=("全社会",), mode=("依申请",),
                      serial=str(i + 1),
                      source=Location("catalogues/emoji.xlsx", sheet="社会救助", cell=f"A{2 + i}"))
        for i in range(len(EMOJI_TICKS))
    ], []
