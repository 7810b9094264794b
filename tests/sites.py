"""Helpers that write site roots the way people write them: YAML by hand, .xlsx by openpyxl."""
from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

SITE_YAML = """\
title: 测试区基层政务公开
region: 某市测试区
host: 测试区人民政府办公室
site_code: "5001160001"
icp: 某ICP备00000001号
police_record: 某公网安备50011602000001号
orgs:
  - id: mzj
    name: 测试区民政局
    kind: department
    aliases: [区民政局, 测试区民政局]
    code: 11500116MB00000011
  - id: czj
    name: 测试区财政局
    kind: department
    aliases: [区财政局]
  - id: longmen
    name: 测试区龙门镇人民政府
    kind: township
    aliases: [龙门镇]
  - id: qingxi
    name: 测试区青溪街道办事处
    kind: township
    aliases: [青溪街道]
"""

CHANNELS = "■政府网站 □政府公报 ■两微一端 □发布会/听证会 □广播电视 □纸质媒体 ■公开查阅点 □政务服务中心 □便民服务站 □入户/现场 ■社区/企事业单位/村公示栏（电子屏） □精准推送 □其他"

# (一级事项, 二级事项, 内容, 依据, 时限, 主体, 全社会, 特定群体, 主动, 依申请, 县级, 乡级)
SHJZ_ROWS = [
    ("最低生活保障", "办事指南", "申请条件、办理材料、办理流程", "《社会救助暂行办法》", "信息形成或者变更之日起20个工作日内",
     "区民政局", "√", "", "√", "", "√", ""),
    ("最低生活保障", "审核确认结果", "救助对象姓名、所在村、保障人数、救助金额", "《社会救助暂行办法》", "每月公示",
     "区民政局、各镇人民政府（街道办事处）", "", "√", "√", "", "√", "√"),
    ("特困人员救助供养", "救助供养标准", "基本生活标准、照料护理标准", "《国务院关于进一步健全特困人员救助供养制度的意见》",
     "信息形成或者变更之日起20个工作日内", "区民政局", "√", "", "√", "", "√", ""),
]

CZYJS_ROWS = [
    ("政府预算", "一般公共预算", "预算报告、预算表", "《预算法》", "本级人民代表大会或其常务委员会批准后20日内",
     "区财政局", "√", "", "√", "", "√", ""),
    ("部门预算", "部门预算", "部门预算报告及报表", "《预算法》", "财政部门批复后20日内", "区级各部门",
     "√", "", "√", "", "√", ""),
]


def write_catalogue(path: Path, title: str, rows, sheet: str = "Sheet1") -> None:
    """A workbook in the State Council template: merged title, two header rows with
    merged group labels, 一级事项 merged down over its rows, ticks and ■/□ channels."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = title
    ws.merge_cells("A1:O1")
    top = ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
           "公开对象", None, "公开方式", None, "公开层级", None]
    sub = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
    for col, (a, b) in enumerate(zip(top, sub), start=1):
        if a is not None:
            ws.cell(2, col, a)
        if b is not None:
            ws.cell(3, col, b)
    for col in (1, 4, 5, 6, 7, 8):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    for col in (2, 9, 11, 13):
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
    row = 4
    group_start = row
    for i, r in enumerate(rows):
        level1, level2, content, basis, deadline, subject, *ticks = r
        if i and rows[i - 1][0] != level1:
            if row - 1 > group_start:
                ws.merge_cells(start_row=group_start, start_column=2, end_row=row - 1, end_column=2)
            group_start = row
        values = [str(i + 1), level1 if row == group_start else None, level2, content, basis, deadline, subject,
                  CHANNELS, *ticks]
        for col, v in enumerate(values, start=1):
            if v not in (None, ""):
                ws.cell(row, col, v).alignment = Alignment(wrap_text=True, vertical="center")
        row += 1
    if row - 1 > group_start:
        ws.merge_cells(start_row=group_start, start_column=2, end_row=row - 1, end_column=2)
    wb.save(path)


def write_base_catalogues(root: Path) -> None:
    (root / "catalogues").mkdir(parents=True, exist_ok=True)
    write_catalogue(root / "catalogues" / "测试区社会救助领域基层政务公开标准目录.xlsx",
                    "测试区社会救助领域基层政务公开标准目录", SHJZ_ROWS)
    write_catalogue(root / "catalogues" / "测试区财政预决算领域基层政务公开标准目录.xlsx",
                    "测试区财政预决算领域基层政务公开标准目录", CZYJS_ROWS)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")


def make_site(root: Path, files: dict[str, str | bytes] | None = None, catalogues: bool = True) -> Path:
    """A small valid site root, plus ``files`` (relative path -> text or bytes)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "content" / "notices").mkdir(parents=True, exist_ok=True)
    if catalogues:
        write_base_catalogues(root)
    write_files(root, files or {})
    return root


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def all_output_bytes(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]
