"""Read the standard catalogues (标准目录) from ``catalogues/*.xlsx``.

Every visible sheet that holds a table in the State Council template is one domain's
catalogue (a hidden sheet is a superseded version).
Real workbooks come from dozens of hands, so the reader finds the table by the meaning
of its header labels, not by position: a title row or none, one or two header rows, the
table anywhere on the sheet, merged cells, ticks of every kind, Wingdings leftovers,
``同上`` for "same as above", section headings between items, notes under the table.
What it cannot make sense of becomes a ``Problem`` naming the cell
(``catalogues/a.xlsx!Sheet1!F7``); it never raises for bad input.

The stages, per sheet: ``_sheet_grid`` (values, with merged cells read as their top-left
value) → ``_find_header`` → ``_map_columns`` → ``_sheet_domain`` → ``_read_rows``.
"""
from __future__ import annotations

import difflib
import re
import zipfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .diagnostics import Location, Problem, cell_name, error, sorted_problems, warning
from .domains import Domain, DomainTable, name_key
from .model import DEPARTMENT, TOWNSHIP, CatalogueItem, Org, file_stamp

FOLDER = "catalogues"

# --------------------------------------------------------------------------------------
# Header labels.  Each maps to (field, value): a column of its own (value None) or one
# tick column of a group (公开对象 / 公开方式 / 公开层级) standing for a normalised value.

AUDIENCE, MODE, LEVELS = "audience", "mode", "levels"
GROUPS = (AUDIENCE, MODE, LEVELS)
GROUP_LABELS = {AUDIENCE: "公开对象", MODE: "公开方式", LEVELS: "公开层级"}
# Normalised values, in the order they are reported.
GROUP_VALUES = {
    AUDIENCE: ("全社会", "特定群体"),
    MODE: ("主动", "依申请"),
    LEVELS: ("市级", "县级", "乡级", "村级"),
}
SCALARS = ("serial", "level1", "level2", "level3", "content", "basis", "deadline", "subject",
           "channels")
# The labels a user sees in messages.
FIELD_LABELS = {
    "serial": "序号", "level1": "一级事项", "level2": "二级事项", "level3": "三级事项",
    "content": "公开内容（要素）", "basis": "公开依据", "deadline": "公开时限",
    "subject": "公开主体", "channels": "公开渠道和载体", **GROUP_LABELS,
}
REQUIRED = ("level1", "content", "basis", "deadline", "subject")

_LABEL_WORDS: list[tuple[str, str | None, tuple[str, ...]]] = [
    ("serial", None, ("序号", "编号")),
    ("items", None, ("公开事项", "事项名称", "公开事项名称")),
    ("level1", None, ("一级事项", "一级", "一级事项名称")),
    ("level2", None, ("二级事项", "二级", "二级事项名称")),
    ("level3", None, ("三级事项", "三级", "三级事项名称")),
    ("content", None, ("公开内容（要素）", "公开内容", "公开要素")),
    ("basis", None, ("公开依据",)),
    ("deadline", None, ("公开时限",)),
    ("subject", None, ("公开主体", "公开责任主体", "责任主体")),
    ("channels", None, ("公开渠道和载体", "公开渠道及载体", "公开渠道与载体", "公开渠道", "公开载体")),
    (AUDIENCE, None, ("公开对象",)),
    (MODE, None, ("公开方式",)),
    (LEVELS, None, ("公开层级",)),
    (AUDIENCE, "全社会", ("全社会", "社会公众", "公众", "不特定对象", "不特定群体")),
    (AUDIENCE, "特定群体", ("特定群体", "特定群众", "特定对象", "特定人群", "申请人")),
    (MODE, "主动", ("主动", "主动公开")),
    (MODE, "依申请", ("依申请", "依申请公开")),
    (LEVELS, "市级", ("市级",)),
    (LEVELS, "县级", ("县级", "区级", "县（区）级", "区（县）级", "县（市、区）级", "区县级")),
    (LEVELS, "乡级", ("乡级", "镇级", "乡镇级", "街道", "街道级", "镇（街道）级", "乡（镇）级",
                      "乡镇（街道）级", "乡（镇、街道）级", "镇街级")),
    (LEVELS, "村级", ("村级", "村（社区）级", "社区级")),
]
LABELS: dict[str, tuple[str, str | None]] = {
    name_key(word): (fld, value) for fld, value, words in _LABEL_WORDS for word in words
}
# Labels that make a row look like a catalogue header (≥ 3 of them in one row).
MAIN_FIELDS = frozenset(("serial", "items", *SCALARS, *GROUPS))
_MIN_MAIN_LABELS = 3
_HEADER_SCAN_ROWS = 100

# The normalised value each word in a group stands for ("依申请公开" → 依申请).
_GROUP_WORDS: dict[str, dict[str, str]] = {g: {} for g in GROUPS}
for _fld, _value, _words in _LABEL_WORDS:
    if _value is not None:
        for _w in _words:
            _GROUP_WORDS[_fld][name_key(_w)] = _value
# Longest first, so 依申请公开 is found before 主动 could be found inside something longer.
_GROUP_SEARCH = {g: sorted(words, key=len, reverse=True) for g, words in _GROUP_WORDS.items()}
# Levels written by their first characters alone (NFKC keys: brackets are ASCII here).
_SHORT_LEVEL = {"市": "市级", "县": "县级", "区": "县级", "乡": "乡级", "镇": "乡级", "街": "乡级", "村": "村级"}
_SHORT_LEVELS = re.compile(r"(?:[市县区乡镇村]|街道|\(街道\)|\(镇\)|\(区\)|[、,/和及与]|两级|三级|级)+")

# Marks in tick columns (NFKC keys).  R, £ and t are Wingdings leftovers of ☑/■/◆.
TICKS = frozenset("√ ✓ ✔ ● ☑ ■ ✅ ◆ ▪ ◼ 是 Y y V v R £ t 有 对".split())
NOT_TICKS = frozenset("× ✗ ✘ ✕ ✖ ❌ ╳ 否 □ 口 ☐ ○ 〇 ◯ N n 无 - — – / \\ 不".split())
# Phone and WPS symbol pickers put a variation selector after ✔ ☑ ✖ (✔️): not part of the mark.
_VARIATION_SELECTORS = re.compile("[\ufe0e\ufe0f]")

# What Excel and WPS save in a cell whose formula failed (a deleted sheet, a wrong name …).
_EXCEL_ERRORS = frozenset(("#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"))

# "Same as above" (同上), as written by hand.
_SAME_AS_ABOVE = frozenset(("同上", "同上。", "同上.", "〃", '"', "“”"))

# Rows after the table: 说明：…, 备注, 注：…, 附注, 填表说明.
_NOTE_START = re.compile(r"^(说明|备注|注[:：0-9一二三四五六七八九十、.]|注释|附注|填表说明|附件)")
# Signature lines under the table: 填报单位：…, 填表人：张三 联系电话：…, 审核人：… (NFKC keys).
_SIGNATURE = re.compile(r"^(填报|填表|制表|审核|负责|联系|签发|报送)[^:]{0,4}:")
_LONG_NOTE = 10  # a lone first cell at least this long, with no items below it, is a note

# A region's name in front of a domain in titles, and the wordings after it.
_AFFIXES = re.compile(r"(领域)?(基层)?(政务公开)?(事项)?(标准)?(目录)?(（[^）]*）|\([^)]*\))?$")

# "附件1" above a title is not the title.
_ATTACHMENT_MARK = re.compile(r"^附件[0-9一二三四五六七八九十]*[:：]?$")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files


# --------------------------------------------------------------------------------------
# Public API

def read_catalogues(
    root: Path, orgs: tuple[Org, ...], domains: DomainTable, folder: str = FOLDER, cache: dict | None = None
) -> tuple[tuple[CatalogueItem, ...], list[Problem]]:
    """Every item of every catalogue workbook under ``root/folder``, and the problems.

    Items come in a fixed order: by the domain's place in ``domains``, then by file,
    sheet (workbook order) and row.  Problems are sorted by place.  With ``cache`` (kept
    by the caller between builds), a workbook whose size and time are unchanged is not
    opened again: openpyxl is most of a rebuild's reading otherwise.
    """
    root = Path(root)
    base = root / folder
    rows: list[tuple[tuple, CatalogueItem]] = []
    problems: list[Problem] = []
    if not base.is_dir():
        return (), []
    subjects = _SubjectResolver(orgs)
    setting = repr((orgs, domains))
    seen = set()
    for path in _workbook_paths(base):
        rel = path.relative_to(root).as_posix()
        st = path.stat()
        stamp = (*file_stamp(st), setting)
        seen.add(rel)
        entry = cache.get(rel) if cache is not None else None
        if entry is not None and entry[0] == stamp:
            found, more = entry[1], entry[2]
        else:
            more = []
            found = _read_workbook(path, rel, domains, subjects, more)
            if cache is not None:
                cache[rel] = (stamp, found, more)
        problems += found
        rows += more
    if cache is not None:
        for rel in set(cache) - seen:
            del cache[rel]
    rows.sort(key=lambda pair: pair[0])
    items = tuple(item for _, item in rows)
    return items, sorted_problems(problems + _items_once(items))


def _items_once(items: tuple[CatalogueItem, ...]) -> list[Problem]:
    """An item a domain lists in two workbooks for the same 公开主体 (a department's
    resubmitted workbook beside the first): named at its row in the second, since notices
    and the audit see it once.  Each township's own workbook lists the same items for
    itself, and within one workbook an item may take several rows (its 二级事项 merged down)."""
    first: dict[tuple, CatalogueItem] = {}
    found = []
    for item in items:
        other = first.setdefault((item.domain, item.key, item.subject_orgs), item)
        if (other is not item and item.source is not None and other.source is not None
                and other.source.path != item.source.path):
            found.append(warning(item.source, f"{item.domain} item {item.key} is also at {other.source}",
                                 "keep one row for one item: delete this row, or the older workbook"))
    return found


def resolve_subject(text: str, orgs: tuple[Org, ...]) -> tuple[tuple[str, ...], list[str]]:
    """The org ids a 公开主体 cell names, and the fragments that name no org.

    ``'区民政局、各镇人民政府（街道办事处）'`` → the 民政局's id and every township's id.
    Names and aliases match after NFKC and without spaces; a missing 区/县 prefix or the
    full region prefix is tolerated; collective wordings (各镇街, 区级各部门 …) stand for
    every township or every department.
    """
    return _SubjectResolver(orgs).resolve(text)


# --------------------------------------------------------------------------------------
# Files

def _workbook_paths(base: Path) -> list[Path]:
    found = [
        p for p in base.rglob("*")
        if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm", ".xls") and not p.name.startswith("~$")
    ]
    return sorted(found, key=lambda p: p.relative_to(base).as_posix())


def _read_workbook(path: Path, rel: str, domains: DomainTable, subjects: "_SubjectResolver",
                   rows: list) -> list[Problem]:
    where = Location(rel)
    if path.suffix.lower() == ".xls":
        return [error(where, "cannot read an old Excel 97-2003 .xls workbook",
                      "open it in Excel or WPS, save it as an .xlsx workbook and remove the .xls")]
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:  # permission denied (a copy from another account's share, say)
        return [error(where, f"cannot read this file: {exc.strerror or exc}",
                      "check that the account running gwsite may read it")]
    if head == OLE_MAGIC:
        return [error(where, "cannot read this workbook: it is password-protected, "
                             "or an old .xls file renamed to .xlsx",
                      "open it in Excel or WPS, remove the password and save it as .xlsx")]
    import openpyxl  # imported here: only builds with catalogues pay for it

    try:
        wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except Exception:  # zipfile.BadZipFile, KeyError, lxml errors …: all mean "damaged"
        return [error(where, "cannot read this workbook: it is damaged or not an .xlsx file",
                      "open it in Excel or WPS and save it again as .xlsx, "
                      "or ask its sender for a new copy")]
    problems: list[Problem] = []
    hidden = []
    any_table = False
    try:
        for index, ws in enumerate(wb.worksheets):
            if ws.sheet_state != "visible":
                # Departments hide a superseded version (社会救助(旧版2020)) rather than delete it.
                hidden.append(ws)
                continue
            found, more = _read_sheet(ws, index, path, rel, domains, subjects, rows)
            any_table |= found
            problems += more
        if not any_table:
            # A workbook whose only catalogue is hidden is most likely hidden by mistake.
            for ws in hidden:
                if _find_header(_sheet_grid(ws)) is not None:
                    problems.append(warning(
                        Location(rel, sheet=ws.title),
                        f"no visible sheet holds a catalogue table; the one on hidden sheet "
                        f"'{ws.title}' is not read",
                        "unhide the sheet in Excel or WPS if it is the current catalogue, "
                        "or remove the workbook if it is not"))
            if not problems:  # nothing read and nothing said: say so, the workbook is in catalogues/
                problems.append(warning(
                    Location(rel), "no catalogue table found: no sheet has a header row with at least "
                                   f"{_MIN_MAIN_LABELS} of the template's labels (公开事项, 公开内容, 公开依据, 公开时限, "
                                   f"公开主体 …) in its first {_HEADER_SCAN_ROWS} rows",
                    "label the columns as the State Council template does, or move the workbook out of "
                    "catalogues/ if it is no catalogue"))
        problems += _unsaved_formulas(path, rel, wb)
    finally:
        wb.close()
    return problems


# A formula cell saved without its value (a workbook made by a program, not saved in Excel
# or WPS): <f>…</f> with no <v>, or an empty one, before the cell ends.
_FORMULA_WITHOUT_VALUE = re.compile(rb"<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>")


def _unsaved_formulas(path: Path, rel: str, values) -> list[Problem]:
    """The cells of visible sheets whose formula has no saved value: read as empty, which
    they are not.  ``values`` is the workbook as read (its saved values); it is opened again
    for its formulas only when one may be there."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not any(_FORMULA_WITHOUT_VALUE.search(archive.read(name)) for name in archive.namelist()
                       if name.startswith("xl/worksheets/") and name.endswith(".xml")):
                return []
        import openpyxl
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception:  # damaged: already said by the reading
        return []
    found = []
    for ws in formulas.worksheets:
        if ws.sheet_state != "visible":
            continue
        saved = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and \
                        saved[cell.coordinate].value is None:
                    found.append(warning(Location(rel, sheet=ws.title, cell=cell.coordinate),
                                         f"the cell holds the formula {cell.value[:40]} whose value was never saved: "
                                         "it is read as empty",
                                         "open the workbook in Excel or WPS and save it, or type the value"))
    return found


# --------------------------------------------------------------------------------------
# A sheet as a grid of text

@dataclass
class _Grid:
    cells: dict[tuple[int, int], str]  # every cell, merged ones read as their top-left value
    own: set[tuple[int, int]]  # cells that hold a value of their own (not a merge copy)
    from_col: dict[tuple[int, int], int]  # cell covered by a merge → the merge's first column
    rows: dict[int, dict[int, str]] = field(default_factory=dict)

    def row(self, r: int) -> dict[int, str]:
        return self.rows.get(r, {})


def _cell_text(value, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if number_format and number_format.endswith("%"):  # 0.05 shown as 5%
            return f"{value * 100:g}%"
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        text = str(int(value))
        # A 序号 typed as 0505 and formatted "0000" shows as 0505: read what is shown.
        if number_format and re.fullmatch(r"0+", number_format):
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, (datetime, date)) and "月" in (number_format or ""):
        # Read as shown: 公开时限 typed as 3月31日 is a date formatted 'm"月"d"日"'.
        shown = f"{value.month}月{value.day}日"
        return f"{value.year}年{shown}" if "年" in number_format else shown
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _sheet_grid(ws) -> _Grid:
    cells: dict[tuple[int, int], str] = {}
    # ``_cells`` holds only the cells the file defines; walking max_row × max_column instead
    # would crawl through a million styled but empty rows in some real files.
    source = getattr(ws, "_cells", None)
    pairs = source.items() if isinstance(source, dict) else (
        ((c.row, c.column), c) for row in ws.iter_rows() for c in row)
    for pos, cell in pairs:
        value = cell.value
        if value is None:
            continue
        text = _cell_text(value, getattr(cell, "number_format", "General"))
        if text.strip():
            cells[pos] = text
    own = set(cells)
    from_col: dict[tuple[int, int], int] = {}
    for rng in ws.merged_cells.ranges:
        anchor = (rng.min_row, rng.min_col)
        value = cells.get(anchor)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) == anchor:
                    continue
                if value is not None:
                    cells[(r, c)] = value
                if c != rng.min_col:
                    from_col[(r, c)] = rng.min_col
    grid = _Grid(cells, own, from_col)
    for (r, c), text in cells.items():
        grid.rows.setdefault(r, {})[c] = text
    return grid


_PHRASES = ("level1", "level2", "level3", "deadline")


def _clean_line(text: str) -> str:
    """Strip, and collapse every whitespace run (line breaks too) into one space."""
    return " ".join(text.split())


_WRAP_BESIDE_CJK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\u3000]*\n\s*"
                              r"|[ \t\u3000]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")


def _clean_phrase(text: str) -> str:
    """Like ``_clean_line``, for names and deadlines: a line break beside a Chinese
    character is where someone wrapped the cell by hand (最低生活\n保障), not a space."""
    return _clean_line(_WRAP_BESIDE_CJK.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


def _clean_block(text: str) -> str:
    """Like ``_clean_line``, but keep line breaks (as ``\\n``) between non-empty lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line for line in (" ".join(part.split()) for part in lines) if line)


# --------------------------------------------------------------------------------------
# The header

_LONGEST_LABEL = 40  # longer cell texts are content, never a label: skip the lookup


def _label(text: str | None) -> tuple[str, str | None] | None:
    """The field (and value) a header cell names.  A remark in brackets after a label
    (公开依据（政策文件）, 公开主体（责任单位）) leaves the label as it is."""
    if not text or len(text) > _LONGEST_LABEL + 12:
        return None
    key = name_key(text)
    found = LABELS.get(key)
    if found is None and key.endswith(")") and "(" in key:
        found = LABELS.get(key[:key.rindex("(")])
    return found


def _main_labels(row: dict[int, str]) -> set[str]:
    found = set()
    for text in row.values():
        lab = _label(text)
        if lab and lab[1] is None and lab[0] in MAIN_FIELDS:
            found.add(lab[0])
    return found


@dataclass
class _Header:
    first: int  # first header row
    last: int  # last header row (first + 1 with a second row of sub-labels)
    first_col: int
    scalars: dict[str, int]  # field → column
    groups: dict[str, list[tuple[int, str | None]]]  # group → [(column, value or None)]
    columns: list[int]  # every column of the table
    more_channels: list[int] = field(default_factory=list)  # 公开载体 beside 公开渠道: read together


def _find_header(grid: _Grid) -> tuple[int, int] | None:
    """The first and last header rows, or None when the sheet holds no catalogue."""
    for r in sorted(grid.rows)[:_HEADER_SCAN_ROWS]:
        row = grid.row(r)
        if len(_main_labels(row)) < _MIN_MAIN_LABELS:
            continue
        below = grid.row(r + 1)
        if below and _is_sub_header(row, below):
            return r, r + 1
        return r, r
    return None


def _is_sub_header(top: dict[int, str], below: dict[int, str]) -> bool:
    """A second header row holds only labels (or repeats the row above, as a vertical merge
    does), and at least one of them is a sub-label (一级事项, 全社会, 主动, 县级 …)."""
    has_sub = False
    for c, text in below.items():
        lab = _label(text)
        if lab is None:
            if top.get(c) != text:
                return False
            continue
        if lab[1] is not None or lab[0] in ("level1", "level2", "level3"):
            has_sub = True
    return has_sub


def _map_columns(grid: _Grid, first: int, last: int) -> _Header:
    top, sub = grid.row(first), grid.row(last) if last != first else {}
    scalars: dict[str, int] = {}
    groups: dict[str, list[tuple[int, str | None]]] = {}
    item_cols: list[int] = []
    labelled: list[int] = []
    more_channels: list[int] = []
    for c in sorted(set(top) | set(sub)):
        lab = _label(sub.get(c)) or _label(top.get(c))
        if lab is None:
            continue
        labelled.append(c)
        fld, value = lab
        if fld == "items":
            item_cols.append(c)
        elif fld in GROUPS:
            if (c, value) not in groups.get(fld, []):
                groups.setdefault(fld, []).append((c, value))
        elif fld not in scalars:
            scalars[fld] = c
        elif fld == "channels":
            more_channels.append(c)
    # 公开事项 over one column is the 一级事项; over several (a horizontal merge without
    # sub-labels) they are 一级, 二级, 三级 in turn.
    free = [f for f in ("level1", "level2", "level3") if f not in scalars]
    for c, fld in zip(item_cols, free):
        scalars[fld] = c
    first_col = min(labelled) if labelled else min(top)
    return _Header(first, last, first_col, scalars, groups, sorted(labelled), more_channels)


# --------------------------------------------------------------------------------------
# The domain

def _sheet_domain(grid: _Grid, header: _Header, sheet: str, path: Path,
                  domains: DomainTable) -> tuple[Domain | None, str, str]:
    """The domain named by the title (rows above the header), the sheet or the file name,
    in that order; with the title's text and cell (for messages)."""
    title, title_cell = "", "A1"
    for r in sorted(grid.rows):
        if r >= header.first:
            break
        for c, text in sorted(grid.row(r).items()):
            if (r, c) not in grid.own:
                continue
            if not title and not _ATTACHMENT_MARK.match(name_key(text)):
                title, title_cell = _clean_line(text), cell_name(r, c)
            found = domains.find_in(text)
            if found:
                return found, title, title_cell
    for text in (sheet, path.stem):
        found = domains.find_in(text)
        if found:
            return found, title, title_cell
    return None, title, title_cell


def _closest_domain(texts: list[str], domains: DomainTable) -> str | None:
    """A domain whose name is nearly written in one of ``texts`` (社会求助 → 社会救助)."""
    best: tuple[float, str] | None = None
    for text in texts:
        key = _AFFIXES.sub("", name_key(text))
        for d in domains.domains:
            for name in (d.name, *d.aliases):
                n = name_key(name)
                for width in {len(n) - 1, len(n), len(n) + 1}:
                    for i in range(0, max(1, len(key) - width + 1)):
                        ratio = difflib.SequenceMatcher(None, key[i:i + width], n).ratio()
                        if ratio >= 0.7 and (best is None or ratio > best[0]):
                            best = (ratio, d.name)
    return best[1] if best else None


# --------------------------------------------------------------------------------------
# Rows

def _own_cells(grid: _Grid, r: int) -> list[tuple[int, str]]:
    return sorted((c, t) for c, t in grid.row(r).items() if (r, c) in grid.own)


def _is_note(grid: _Grid, r: int, first_col: int) -> bool:
    """A row that says by its first words that the table is over: 说明：…, 注：…, 备注,
    填表说明, or a signature (填报单位：…)."""
    own = _own_cells(grid, r)
    if not own:
        return False
    col, text = own[0]
    if col > first_col:
        return False
    key = name_key(text)
    if _SIGNATURE.match(key):
        return True
    start = _NOTE_START.match(key)
    # 说明：… is a note; 说明书发放 in a full row is an item.
    return bool(start) and (len(own) == 1 or start.group(1).startswith("注")
                            or key[start.end():][:1] == ":")


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _is_column_numbers(grid: _Grid, r: int, own_cols: list[int]) -> bool:
    """A row numbering the table's columns: 1, 2, 3 … (or ①, ② …) counting up from left to
    right, in most of them.  Some templates print one under the header."""
    texts = [grid.cells[(r, c)].strip() for c in own_cols]
    numbers = [_CIRCLED.index(t) + 1 if len(t) == 1 and t in _CIRCLED else int(t) if t.isdecimal() else None
               for t in texts]  # isdecimal: '¹' isdigit(), which int() refuses
    return (len(numbers) >= 5 and None not in numbers
            and all(b == a + 1 for a, b in zip(numbers, numbers[1:])))


def _lone_cell(grid: _Grid, r: int, header: _Header) -> tuple[int, str] | None:
    """(column, text) of a row whose one filled cell is the table's first or is merged across
    at least half the table: a section heading (一、区级部门公开事项) or a note."""
    own = _own_cells(grid, r)
    if len(own) != 1:
        return None
    col, text = own[0]
    if any(c != col and grid.from_col.get((r, c)) != col for c in grid.row(r) if c in header.columns):
        return None  # values merged down from the rows above: an item that shares them
    if col <= header.first_col:
        return col, text
    width = 1 + sum(1 for c in header.columns if grid.from_col.get((r, c)) == col)
    return (col, text) if 2 * width >= len(header.columns) else None


_ITEM_FIELDS = 3  # an item row fills at least this many of the REQUIRED elements


def _next_item_rows(grid: _Grid, rows: list[int], header: _Header) -> list[int | None]:
    """For each of ``rows``, the first later one that holds an item, past blank rows, lone
    cells and a repeated header; None when a note or the sheet's end comes first.  One pass
    from the bottom: templates number hundreds of empty rows, each a lone cell."""
    required = [header.scalars[f] for f in REQUIRED]  # all there: _read_sheet made sure
    found: list[int | None] = [None] * len(rows)
    following: int | None = None
    for i in range(len(rows) - 1, -1, -1):
        found[i] = following
        r = rows[i]
        row = grid.row(r)
        if not any((r, c) in grid.own for c in header.columns):
            continue
        if _is_note(grid, r, header.first_col):
            following = None
        elif _lone_cell(grid, r, header) is None and len(_main_labels(row)) < _MIN_MAIN_LABELS:
            # A stray line under the table ('最低生活保障' | '另见附件') is not an item.
            following = r if sum(1 for c in required if row.get(c)) >= _ITEM_FIELDS else None
    return found


def _group_values(text: str, group: str, value: str | None) -> tuple[set[str], bool]:
    """What a cell under 公开对象/公开方式/公开层级 says: (values, understood?)."""
    key = _VARIATION_SELECTORS.sub("", name_key(text))
    if not key:
        return set(), True
    words = _GROUP_WORDS[group]
    if key in words:
        return {words[key]}, True
    if group == LEVELS and _SHORT_LEVELS.fullmatch(key):  # 县乡两级, 县、乡, 区、镇(街道)两级, 区县
        return {_SHORT_LEVEL[ch] for ch in key if ch in _SHORT_LEVEL}, True
    if key in TICKS or (set(key) <= TICKS and len(key) <= 3):
        return ({value} if value else set()), value is not None
    if key in NOT_TICKS or set(key) <= NOT_TICKS:
        return set(), True
    found = set()
    rest = key
    for word in _GROUP_SEARCH[group]:
        if word in rest:
            found.add(words[word])
            rest = rest.replace(word, "|")
    if found:
        return found, True
    return ({value} if value else set()), False


def _ordered(group: str, values: set[str]) -> tuple[str, ...]:
    return tuple(v for v in GROUP_VALUES[group] if v in values)


def _read_sheet(ws, index: int, path: Path, rel: str, domains: DomainTable,
                subjects: "_SubjectResolver", out: list) -> tuple[bool, list[Problem]]:
    """Whether the sheet holds a catalogue table, and its problems; items go to ``out``."""
    grid = _sheet_grid(ws)
    found = _find_header(grid)
    if found is None:
        return False, []  # a cover page, instructions, an empty sheet: not a catalogue
    header = _map_columns(grid, *found)
    sheet = ws.title

    def at(r: int, c: int) -> Location:
        return Location(rel, sheet=sheet, cell=cell_name(r, c))

    problems: list[Problem] = []
    for fld in REQUIRED:
        if fld not in header.scalars:
            label = f"'{FIELD_LABELS[fld]}'"
            name = label + " (or '公开事项')" if fld == "level1" else label
            problems.append(error(
                at(header.first, header.first_col), f"the catalogue table has no {name} column",
                f"add a column headed {label} to the header row, or correct its label"))
    if problems:
        return True, problems

    domain, title, title_cell = _sheet_domain(grid, header, sheet, path, domains)
    if domain is None:
        parts = ([f"title '{title}'"] if title else []) + [f"sheet name '{sheet}'",
                                                          f"file name '{path.name}'"]
        named = ", ".join(parts[:-1]) + " or " + parts[-1]
        close = _closest_domain([title, sheet, path.stem], domains)
        hint = "; did you mean '" + close + "'?" if close else ""
        problems.append(error(
            Location(rel, sheet=sheet, cell=title_cell), f"no domain is named in the {named}{hint}",
            "put the domain's name in the title or the sheet name, "
            "or add the domain under domains: in site.yaml"))

    # A sheet named after a township (one sheet per 镇/街道) is written by it: its 本镇 and
    # 镇人民政府 mean that township.
    named, _ = subjects.resolve(sheet)
    own_township = named[0] if len(named) == 1 and named[0] in subjects.townships else None
    problems += _read_rows(grid, header, domain, domains, index, rel, at, subjects, out, own_township)
    return True, problems


def _read_rows(grid: _Grid, header: _Header, domain: Domain | None, domains: DomainTable, index: int, rel: str,
               at, subjects: "_SubjectResolver", out: list, own_township: str | None = None) -> list[Problem]:
    problems: list[Problem] = []
    cols = header.columns
    sc = header.scalars
    serial_col = sc.get("serial")
    level_cols = {sc[f]: f for f in ("level1", "level2", "level3") if f in sc}
    prev: dict[int, str] = {}  # column → the previous item row's text, for 同上 and carrying
    below_header = sorted(r for r in grid.rows if r > header.last)
    next_items = _next_item_rows(grid, below_header, header)
    for r, below in zip(below_header, next_items):
        own_cols = [c for c in cols if (r, c) in grid.own]
        if not own_cols:
            continue  # blank row
        if _is_note(grid, r, header.first_col):
            break  # 说明/备注/注/填报单位： after the table: the table is over
        lone = _lone_cell(grid, r, header)
        if lone is not None:
            col, text = lone
            # Alone in the 一级事项 column over rows without one, it is their 一级事项.
            names_below = (col == sc["level1"] and below is not None
                           and name_key(grid.row(below).get(col, "")) in _SAME_AS_ABOVE | {""})
            if below is not None and not names_below:
                # A section heading (一、区级部门公开事项): items go on below it.  The title
                # of a table stacked under the first names its own domain.
                named = domains.find_in(text) if ("目录" in text or "领域" in text) else None
                if named is not None:
                    domain = named
                continue
            if below is None and col <= header.first_col and len(name_key(text)) >= _LONG_NOTE:
                break  # a note in a sentence, with no items below: the table is over
        if own_cols == [serial_col]:
            continue  # a template row with only its 序号 filled
        if _is_column_numbers(grid, r, own_cols):
            continue  # 1 2 3 … (or ① ② …) under the header: the columns' numbers, not an item
        row = grid.row(r)
        if len(_main_labels(row)) >= _MIN_MAIN_LABELS:
            continue  # the header repeated (printed page breaks)

        texts: dict[int, str] = {}
        for c in cols:
            text = row.get(c, "")
            anchor = grid.from_col.get((r, c))
            if c in level_cols and anchor is not None and anchor in level_cols and anchor != c:
                text = ""  # 一级事项 merged across the 二级/三级 columns: there are none
            if len(text) <= 8 and name_key(text) in _SAME_AS_ABOVE:
                text = prev.get(c, "")
            if text.strip() in _EXCEL_ERRORS and (r, c) in grid.own:
                problems.append(warning(at(r, c), f"the cell shows the spreadsheet error {text.strip()}: its value is lost",
                                        "fix the formula, or type the value in the cell"))
                text = ""
            texts[c] = text

        def scalar(fld: str, block: bool = False) -> str:
            c = sc.get(fld)
            if c is None:
                return ""
            if block:
                return _clean_block(texts[c])
            return _clean_phrase(texts[c]) if fld in _PHRASES else _clean_line(texts[c])

        level1, level2 = scalar("level1"), scalar("level2")
        c1 = sc["level1"]
        if not level1:
            level1 = _clean_phrase(prev.get(c1, ""))
            texts[c1] = prev.get(c1, "")
        if not level1:
            problems.append(error(
                at(r, c1), "this row has no '一级事项' and there is no item above it to carry down",
                "write the item's name in its 一级事项 cell"))
            continue
        if "level2" in sc and not level2 and level1 == _clean_phrase(prev.get(c1, "")):
            level2 = _clean_phrase(prev.get(sc["level2"], ""))
            texts[sc["level2"]] = prev.get(sc["level2"], "")
        prev = dict(texts)

        group_values: dict[str, tuple[str, ...]] = {}
        for group in GROUPS:
            values: set[str] = set()
            for c, value in header.groups.get(group, []):
                got, understood = _group_values(texts[c], group, value)
                values |= got
                if not understood:
                    problems.append(warning(
                        at(r, c), _mark_message(group, value, _clean_line(texts[c])),
                        _mark_hint(group, value)))
            group_values[group] = _ordered(group, values)

        subject = scalar("subject")
        # Resolve the cell as written: its line breaks separate subjects.
        org_ids, unresolved = subjects.resolve(texts[sc["subject"]])
        if own_township and unresolved:
            mine = [f for f in unresolved if _OWN_TOWNSHIP.fullmatch(name_key(f))]
            if mine:
                org_ids = tuple(dict.fromkeys((*org_ids, own_township)))
                unresolved = [f for f in unresolved if f not in mine]
        for fragment in unresolved:
            problems.append(warning(
                at(r, sc["subject"]), f"公开主体 '{fragment}' matches no organisation in site.yaml",
                "add it as an alias of an org"))

        serial = scalar("serial")
        item = CatalogueItem(
            domain=domain.name if domain else "",
            level1=level1,
            level2=level2,
            level3=scalar("level3"),
            content=scalar("content", block=True),
            basis=scalar("basis", block=True),
            deadline=scalar("deadline"),
            subject=subject,
            subject_orgs=org_ids,
            channels=tuple(dict.fromkeys(c for col in ([sc["channels"]] if "channels" in sc else []) + header.more_channels
                                         for c in parse_channels(texts[col]))),
            audience=group_values[AUDIENCE],
            mode=group_values[MODE],
            levels=group_values[LEVELS],
            serial=serial,
            source=at(r, header.first_col),
            cells=_row_cells(header, r, at),
        )
        if domain is not None:
            out.append(((domain.order, rel, index, r), item))
    return problems


def _row_cells(header: _Header, r: int, at) -> tuple[tuple[str, str], ...]:
    """Each element's cell in row ``r`` (a group's first column), for the audit's messages."""
    cells = {fld: at(r, c).cell for fld, c in header.scalars.items()}
    for group, columns in header.groups.items():
        if columns:
            cells[group] = at(r, min(c for c, _ in columns)).cell
    return tuple(sorted(cells.items()))


def _mark_message(group: str, value: str | None, text: str) -> str:
    label = GROUP_LABELS[group]
    if value is None:
        return f"{label} cell '{text}' names none of {'/'.join(GROUP_VALUES[group])}; left empty"
    return f"{label} cell '{text}' under {value} is neither a tick nor a blank; read as ticked"


def _mark_hint(group: str, value: str | None) -> str:
    if value is None:
        return f"write {' or '.join(GROUP_VALUES[group])} in the cell"
    return "tick with √ and leave the cell blank for no"


# --------------------------------------------------------------------------------------
# 公开渠道和载体

CHOSEN_MARKS = frozenset("■☑√✓✔●▪◼✅◆")
UNCHOSEN_MARKS = frozenset("□☐○〇◯×✗✘✕✖❌▢◻")
_WINGDINGS = frozenset("R£t")  # chosen, when they stand before a name
_BOX_MARKS = CHOSEN_MARKS | UNCHOSEN_MARKS
_MARK_CHARS = _BOX_MARKS | _WINGDINGS | {"口"}
# 口 is typed for □, but is also a character in some names (政务服务窗口, 入口 …).
_KOU_AFTER = frozenset("窗端入出港关户路道门接渡人海河井路")
_KOU_BEFORE = frozenset("岸径令碑号")
# The standard channels (domain.md): 口 next to one of them is a mark, not a character.
STANDARD_CHANNELS = ("政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体",
                     "公开查阅点", "政务服务中心", "便民服务站", "入户/现场",
                     "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他")
_KNOWN_NFKC = tuple(unicodedata.normalize("NFKC", n) for n in STANDARD_CHANNELS)
# Channel names that hold a "/" of their own: a plain list is not split inside them.
KNOWN_SLASH_CHANNELS = tuple(n for n in STANDARD_CHANNELS if "/" in n)
_PRIMARY_SEPARATORS = re.compile(r"[、,;\n]+")  # after NFKC: ，→,  ；→;


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "(（"


def _mark_at(text: str, i: int) -> str | None:
    """'+' for a chosen mark at ``text[i]``, '-' for an unchosen one, None for no mark."""
    ch = text[i]
    if ch in CHOSEN_MARKS:
        return "+"
    if ch in UNCHOSEN_MARKS:
        return "-"
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch == "口":
        at_start = not before or before.isspace() or before in "、,;/" or before in _BOX_MARKS
        # Between two standard channel names it is a mark even in 两微一端口发布会.
        beside_known = (any(text.endswith(n, 0, i) for n in _KNOWN_NFKC)
                        or any(text.startswith(n, i + 1) for n in _KNOWN_NFKC))
        if at_start or beside_known or (
                before not in _KOU_AFTER and after not in _KOU_BEFORE and after and _is_cjk(after)):
            return "-"
        return None
    if ch in _WINGDINGS:
        following = text[i + 1:].lstrip()
        if following and _is_cjk(following[0]) and not (before.isascii() and before.isalnum()):
            return "+"
    return None


def _channel_name(text: str) -> str:
    name = re.sub(r"\s+", "", text).strip("、,;:：/")
    name = name.replace("(", "（").replace(")", "）")
    name = re.sub(r"(（）|_+)$", "", name)
    return name


def parse_channels(text: str) -> tuple[str, ...]:
    """The chosen channels of a 公开渠道和载体 cell.

    ``'■政府网站 □政府公报 口两微一端 R公开查阅点'`` → (政府网站, 公开查阅点); a plain list
    with no marks at all (``'政府网站、政务微博'``) is read as all chosen.  Names are NFKC'd,
    without spaces, with Chinese brackets: ``社区/企事业单位/村公示栏（电子屏）``.
    """
    text = _VARIATION_SELECTORS.sub("", unicodedata.normalize("NFKC", text or ""))
    marks = [(i, m) for i, ch in enumerate(text) if ch in _MARK_CHARS and (m := _mark_at(text, i))]
    chosen: list[str] = []
    if marks:
        ends = [i for i, _ in marks[1:]] + [len(text)]
        for (start, mark), end in zip(marks, ends):
            if mark != "+":
                continue
            for part in _PRIMARY_SEPARATORS.split(text[start + 1:end]):
                name = _channel_name(part)
                if name:
                    chosen.append(name)
    else:
        parts = _PRIMARY_SEPARATORS.split(text)
        if len(parts) == 1:
            # Only slashes or spaces between names; keep the names that hold a slash.
            known = [unicodedata.normalize("NFKC", k) for k in KNOWN_SLASH_CHANNELS]
            protected = text
            for i, name in enumerate(known):
                protected = protected.replace(name, f"\x00{i}\x00")
            parts = [re.sub(r"\x00(\d+)\x00", lambda m: known[int(m.group(1))], p)
                     for p in re.split(r"[/\s]+", protected)]
        chosen = [n for n in (_channel_name(p) for p in parts) if n]
    return tuple(dict.fromkeys(chosen))


# --------------------------------------------------------------------------------------
# 公开主体

# Wordings that stand for every township, or for every department (NFKC keys).  Only whole
# fragments match: "相关审批部门" names no one in particular and stays unresolved.
TOWNSHIP_WORDS = frozenset(name_key(w) for w in (
    "各镇人民政府（街道办事处）", "各乡镇人民政府（街道办事处）", "各乡（镇）人民政府（街道办事处）",
    "各镇（街道）", "各乡镇（街道）", "各乡（镇、街道）", "各镇（街）", "各镇街", "各乡镇街",
    "各镇街道", "各乡镇街道", "各街道办事处", "各镇人民政府", "各乡镇人民政府", "各乡镇", "各镇",
    "各乡", "各街道", "镇人民政府（街道办事处）", "乡镇人民政府（街道办事处）", "乡镇（街道）",
    "镇（街道）", "镇街", "各镇（街道）人民政府", "各镇政府（街道办事处）",
))
DEPARTMENT_WORDS = frozenset(name_key(w) for w in (
    "区级各部门", "区级有关部门", "区级相关部门", "区级各有关部门", "区级各相关部门", "区级部门",
    "县级各部门", "县级有关部门", "县级相关部门", "县级各有关部门", "县级各相关部门", "县级部门",
    "各相关部门", "各有关部门", "各部门", "区政府各部门", "县政府各部门", "区级各部门（单位）",
    "县级各部门（单位）",
))
# On a township's own sheet: the township itself (本镇, 镇人民政府, 街道办事处) or one of its
# offices (镇社会事务办, 街道民政所).
_OWN_TOWNSHIP = re.compile(r"(?:本|该)?(?:乡|镇|街道)(?:人民政府|政府|办事处)?"
                           r"|(?:乡|镇|街道)[^、,;/()]{1,8}(?:办|办公室|所|站|中心)")
# After 各镇人民政府 a separate 街道办事处 belongs to it ("各镇人民政府、街道办事处").
_TOWNSHIP_TAILS = frozenset(name_key(w) for w in ("街道办事处", "各街道办事处", "街道", "各街道"))
_SUBJECT_SPLIT = frozenset("、，,；;/／\n")
_REGION_END = "省市区县"


def _split_subjects(text: str) -> list[str]:
    """Split at separators outside brackets (各乡（镇、街道） stays whole)."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "(（[［【":
            depth += 1
        elif ch in ")）]］】" and depth:
            depth -= 1
        if ch in _SUBJECT_SPLIT and not depth:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


# What a subject may carry besides the organisation's name: its office in brackets
# (区民政局（社会救助科）), its part (…牵头, …配合, …负责) or 政府 for 人民政府 (龙门镇政府).
_SUBJECT_REMARK = re.compile(r"[(（][^()（）]*[)）]$|(牵头|配合|负责|具体负责|等)$")


def _without_remarks(fragment: str) -> str:
    plain = fragment.strip()
    while (cut := _SUBJECT_REMARK.sub("", plain).strip()) != plain:
        plain = cut
    if plain.endswith("政府") and not plain.endswith("人民政府"):
        plain = plain[:-2] + "人民政府"
    return plain


_NOT_IN_REGION = frozenset("局委办府院部厅会站所队心室和及与镇乡街道、,;/()")


def _region_suffixes(key: str) -> list[str]:
    """``'重庆市江津区民政局'`` → [江津区民政局, 民政局]: the name after each region prefix.
    A prefix is a place name (no 局, 委, 和 … in it), so '区民政局和区财政局' has none."""
    out = []
    for i, ch in enumerate(key[:12], start=1):
        if ch in _NOT_IN_REGION:
            break
        if ch in _REGION_END and len(key) - i >= 2:
            out.append(key[i:])
    return out


class _SubjectResolver:
    def __init__(self, orgs: tuple[Org, ...]):
        self.orgs = tuple(orgs)
        self.exact: dict[str, str] = {}
        loose: dict[str, set[str]] = {}
        for org in self.orgs:
            for name in (org.name, *org.aliases):
                key = name_key(name)
                if key:
                    self.exact.setdefault(key, org.id)
                    for variant in (key, *_region_suffixes(key)):
                        loose.setdefault(variant, set()).add(org.id)
        # A variant two orgs share (e.g. two 街道 named after a 城区) names neither.
        self.loose = {k: next(iter(ids)) for k, ids in loose.items() if len(ids) == 1}
        self.townships = tuple(o.id for o in self.orgs if o.kind == TOWNSHIP)
        self.departments = tuple(o.id for o in self.orgs if o.kind == DEPARTMENT)
        self.cache: dict[str, tuple[tuple[str, ...], list[str]]] = {}

    def one(self, fragment: str) -> tuple[str, ...] | None:
        key = name_key(fragment)
        if key in self.exact:
            return (self.exact[key],)
        if key in TOWNSHIP_WORDS:
            return self.townships
        if key in DEPARTMENT_WORDS:
            return self.departments
        for variant in (key, *_region_suffixes(key)):
            if variant in self.loose:
                return (self.loose[variant],)
        return None

    def resolve(self, text: str) -> tuple[tuple[str, ...], list[str]]:
        if text in self.cache:
            ids, rest = self.cache[text]
            return ids, list(rest)
        ids: list[str] = []
        unresolved: list[str] = []
        last_was_townships = False
        for fragment in _split_subjects(text or ""):
            if last_was_townships and name_key(fragment) in _TOWNSHIP_TAILS:
                continue
            found = self.one(fragment)
            if found is None:
                found = self._by_words(fragment)
            if found is None and (plain := _without_remarks(fragment)) != fragment:
                found = self.one(plain) or self._by_words(plain)
            if found is None:
                unresolved.append(_clean_line(fragment))
                last_was_townships = False
                continue
            ids.extend(found)
            last_was_townships = name_key(fragment) in TOWNSHIP_WORDS
        result = (tuple(dict.fromkeys(ids)), unresolved)
        self.cache[text] = result
        return result[0], list(result[1])

    def _by_words(self, fragment: str) -> tuple[str, ...] | None:
        """'区民政局 各镇街' or '区民政局和各镇街': accepted only if every part resolves."""
        parts = [p for p in re.split(r"\s+|和|及|与", fragment.strip()) if p]
        if len(parts) < 2:
            return None
        found: list[str] = []
        for part in parts:
            ids = self.one(part)
            if ids is None:
                return None
            found.extend(ids)
        return tuple(found)
