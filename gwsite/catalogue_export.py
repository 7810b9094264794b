"""The catalogue as data files: ``data/catalogue.json`` (contract §6), a CSV for
spreadsheets and a clean, normalised workbook in the State Council layout.

All three are pure functions of the items and give the same bytes for the same items, so
that two builds of one site are identical file by file.
"""
from __future__ import annotations

import csv
import io
import zipfile
from copy import copy
from datetime import datetime

from .domains import DomainTable
from .model import CatalogueItem

LIST_JOIN = "、"
CSV_HEADER = ("领域", "序号", "一级事项", "二级事项", "三级事项", "公开内容（要素）", "公开依据",
              "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级")
# Fixed times, so that the workbook's bytes do not depend on when it was made.
FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def catalogue_item_dict(item: CatalogueItem) -> dict:
    """One ITEM of ``data/catalogue.json``."""
    return {
        "level1": item.level1,
        "level2": item.level2,
        "level3": item.level3,
        "content": item.content,
        "basis": item.basis,
        "deadline": item.deadline,
        "subject": item.subject,
        "subject_orgs": list(item.subject_orgs),
        "channels": list(item.channels),
        "audience": list(item.audience),
        "mode": list(item.mode),
        "levels": list(item.levels),
        "source": str(item.source) if item.source else "",
    }


def catalogue_json(items, domains: DomainTable) -> dict:
    """``{"domains": [{"name": …, "items": [ITEM, …]}, …]}``: domains in the table's order,
    only those with items; items in the order given."""
    by_domain: dict[str, list[CatalogueItem]] = {}
    for item in items:
        by_domain.setdefault(item.domain, []).append(item)
    order = {name: i for i, name in enumerate(domains.names())}
    names = sorted(by_domain, key=lambda n: (order.get(n, len(order)), n))
    return {"domains": [{"name": n, "items": [catalogue_item_dict(i) for i in by_domain[n]]}
                        for n in names]}


def _row(item: CatalogueItem) -> list[str]:
    return [item.domain, item.serial, item.level1, item.level2, item.level3, item.content,
            item.basis, item.deadline, item.subject, LIST_JOIN.join(item.channels),
            LIST_JOIN.join(item.audience), LIST_JOIN.join(item.mode), LIST_JOIN.join(item.levels)]


def catalogue_csv(items) -> bytes:
    """UTF-8 with a BOM (so that Excel and WPS open it as UTF-8), CRLF line ends, a Chinese
    header row; list values joined with 、."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for item in items:
        writer.writerow(_row(item))
    return buf.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------------------
# The workbook

def _columns(items: list[CatalogueItem]) -> list[tuple[str, str, str, object]]:
    """(top label, sub label, kind, key) per column; 三级事项, 市级 and 村级 only when used."""
    cols: list[tuple[str, str, str, object]] = [("序号", "", "text", "serial"),
                                                ("公开事项", "一级事项", "text", "level1"),
                                                ("公开事项", "二级事项", "text", "level2")]
    if any(i.level3 for i in items):
        cols.append(("公开事项", "三级事项", "text", "level3"))
    cols += [("公开内容（要素）", "", "text", "content"), ("公开依据", "", "text", "basis"),
             ("公开时限", "", "text", "deadline"), ("公开主体", "", "text", "subject"),
             ("公开渠道和载体", "", "channels", "channels"),
             ("公开对象", "全社会", "tick", ("audience", "全社会")),
             ("公开对象", "特定群体", "tick", ("audience", "特定群体")),
             ("公开方式", "主动", "tick", ("mode", "主动")),
             ("公开方式", "依申请", "tick", ("mode", "依申请"))]
    used = {lv for i in items for lv in i.levels}
    for level in ("市级", "县级", "乡级", "村级"):
        if level in ("县级", "乡级") or level in used:
            cols.append(("公开层级", level, "tick", ("levels", level)))
    return cols


_WIDTHS = {"serial": 6, "level1": 14, "level2": 16, "level3": 16, "content": 36, "basis": 36,
           "deadline": 20, "subject": 18, "channels": 24}


def _value(item: CatalogueItem, kind: str, key) -> str:
    if kind == "text":
        return getattr(item, key)
    if kind == "channels":
        return "\n".join("■" + c for c in item.channels)
    group, value = key
    return "√" if value in getattr(item, group) else ""


def _sheet_title(name: str, used: set[str]) -> str:
    title = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "目录"
    base, n = title, 2
    while title in used:
        title = f"{base[:28]}({n})"
        n += 1
    used.add(title)
    return title


def catalogue_xlsx(items, title: str) -> bytes:
    """A clean workbook in the State Council layout: one sheet per domain (in the order the
    items come), a title row, two header rows, ticks √ and channels ■, vertical merges
    over repeated 一级/二级 items.  Byte-for-byte the same for the same items."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    items = list(items)
    wb = Workbook()
    wb.remove(wb.active)
    groups: dict[str, list[CatalogueItem]] = {}
    for item in items:
        groups.setdefault(item.domain, []).append(item)
    if not groups:
        groups[""] = []

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    used_titles: set[str] = set()
    alike = _StyledAlike()
    for domain, rows in groups.items():
        ws = wb.create_sheet(_sheet_title(domain or title, used_titles))
        cols = _columns(rows)
        n = len(cols)
        heading = title if (not domain or domain in title) else f"{title}（{domain}）"
        ws.cell(1, 1, heading).font = Font(bold=True, size=14)
        ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
        ws.row_dimensions[1].height = 30
        # Two header rows: a top label over its sub-labels, or one label over both rows.
        c = 1
        while c <= n:
            top = cols[c - 1][0]
            span = 1
            while c + span <= n and cols[c + span - 1][0] == top and cols[c + span - 1][1]:
                span += 1
            for k in range(span):
                for r in (2, 3):
                    alike.style(ws.cell(r, c + k), "header", border=border, alignment=centre, font=Font(bold=True))
            ws.cell(2, c, top)
            if cols[c - 1][1]:
                for k in range(span):
                    ws.cell(3, c + k, cols[c + k - 1][1])
                if span > 1:
                    ws.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + span - 1)
            else:
                ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
            c += span
        for j, (_, _, kind, key) in enumerate(cols, start=1):
            width = _WIDTHS.get(key, 8) if isinstance(key, str) else 8
            ws.column_dimensions[get_column_letter(j)].width = width
        for r, item in enumerate(rows, start=4):
            for j, (_, _, kind, key) in enumerate(cols, start=1):
                value = _value(item, kind, key)
                cell = ws.cell(r, j, value if value != "" else None)
                if kind == "text":
                    cell.data_type = "s"  # 序号 "0505" stays text
                if kind == "tick":
                    alike.style(cell, "tick", border=border, alignment=centre)
                else:
                    alike.style(cell, "text", border=border, alignment=wrap)
        _merge_repeats(ws, rows, cols)
        ws.freeze_panes = "A4"

    wb.properties.creator = "gwsite"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = None
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time as "modified".
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return _stable_zip(raw.getvalue())


class _StyledAlike:
    """Cells of one look get a copy of the first such cell's style: openpyxl hashes the
    style objects on every assignment, which took a sixth of a workbook's time.  The first
    cell is styled as before, so styles enter the workbook in the same order (same bytes)."""

    def __init__(self) -> None:
        self.first: dict[str, object] = {}

    def style(self, cell, look: str, **styles) -> None:
        if look in self.first:
            cell._style = copy(self.first[look])
            return
        for name, value in styles.items():
            setattr(cell, name, value)
        self.first[look] = copy(cell._style)  # a merge later changes a cell's own in place


def _merge_repeats(ws, rows: list[CatalogueItem], cols) -> None:
    """Merge runs of one 一级事项 (and, inside them, of one 二级事项) vertically, as the
    State Council's tables do."""
    keys = [c[3] for c in cols]
    for fld, within in (("level1", ()), ("level2", ("level1",))):
        j = keys.index(fld) + 1
        start = 0
        for i in range(1, len(rows) + 1):
            same = (i < len(rows) and getattr(rows[i], fld)
                    and getattr(rows[i], fld) == getattr(rows[start], fld)
                    and all(getattr(rows[i], w) == getattr(rows[start], w) for w in within))
            if same:
                continue
            if i - start > 1:
                ws.merge_cells(start_row=start + 4, start_column=j, end_row=i + 3, end_column=j)
            start = i


def _stable_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps and attributes and entries sorted by name."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
