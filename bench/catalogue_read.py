"""How long the catalogue reader takes on a district's full set: 26 domains × 60 items.

Writes one workbook per domain in the State Council layout (title row merged across, two
header rows with merged labels, 一级事项 merged down over its 二级事项, ticks, channel
marks, a note under the table) into a temporary folder, then times ``read_catalogues``.
Prints figures; asserts nothing.  Target: under 2 s on a 2-core machine.

    python bench/catalogue_read.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # noqa: E402

from gwsite.catalogue import read_catalogues  # noqa: E402
from gwsite.domains import PILOT_DOMAINS, DomainTable  # noqa: E402
from gwsite.model import Org  # noqa: E402

ITEMS_PER_DOMAIN = 60
HEADER = [("序号", ""), ("公开事项", "一级事项"), ("公开事项", "二级事项"), ("公开内容（要素）", ""),
          ("公开依据", ""), ("公开时限", ""), ("公开主体", ""), ("公开渠道和载体", ""),
          ("公开对象", "全社会"), ("公开对象", "特定群体"), ("公开方式", "主动"), ("公开方式", "依申请"),
          ("公开层级", "县级"), ("公开层级", "乡级")]
CHANNELS = ("政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
            "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他")
ORGS = tuple([Org(f"d{i}", f"示例区第{i}局", "department", (f"区第{i}局",)) for i in range(30)]
             + [Org(f"t{i}", f"第{i}镇", "township") for i in range(20)])


def write_domain(path: Path, domain: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = domain
    n = len(HEADER)
    ws.cell(1, 1, f"示例区{domain}领域基层政务公开标准目录")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    for j, (top, sub) in enumerate(HEADER, start=1):
        ws.cell(2, j, top)
        if sub:
            ws.cell(3, j, sub)
        else:
            ws.merge_cells(start_row=2, start_column=j, end_row=3, end_column=j)
    for a, b in ((2, 3), (9, 10), (11, 12), (13, 14)):
        ws.merge_cells(start_row=2, start_column=a, end_row=2, end_column=b)
    for i in range(ITEMS_PER_DOMAIN):
        r = 4 + i
        group = i // 5
        channels = " ".join(("■" if (i + k) % 3 == 0 else "□") + c for k, c in enumerate(CHANNELS))
        ticks = ["√" if i % 2 == 0 else None, "√" if i % 2 else None, "√", "√" if i % 4 == 0 else None,
                 "√", "√" if i % 3 == 0 else None]
        values = [str(i + 1), f"{domain}一级事项{group + 1}", f"二级事项{i + 1}",
                  f"1.{domain}事项{i + 1}的依据和条件\n2.办理程序\n3.办理结果",
                  "《中华人民共和国政府信息公开条例》\n《" + domain + "管理办法》",
                  "信息形成或者变更之日起20个工作日内", f"区第{i % 30}局、各镇（街道）", channels, *ticks]
        for j, v in enumerate(values, start=1):
            if v is not None and not (j == 2 and i % 5):
                ws.cell(r, j, v)
        if i % 5 == 4:
            ws.merge_cells(start_row=r - 4, start_column=2, end_row=r, end_column=2)
    note = 4 + ITEMS_PER_DOMAIN + 1
    ws.cell(note, 1, "说明：本目录由区政务公开办负责解释，公开主体应按照“谁产生、谁公开”的原则落实。")
    ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=n)
    wb.save(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "catalogues").mkdir()
        t0 = time.perf_counter()
        for k, d in enumerate(PILOT_DOMAINS):
            write_domain(root / "catalogues" / f"{k + 1:02d}-{d.name}.xlsx", d.name)
        written = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in (root / "catalogues").iterdir())
        print(f"wrote {len(PILOT_DOMAINS)} workbooks × {ITEMS_PER_DOMAIN} items "
              f"({size / 1024:.0f} KiB) in {written:.2f} s")
        times = []
        for run in range(3):
            t0 = time.perf_counter()
            items, problems = read_catalogues(root, ORGS, DomainTable())
            times.append(time.perf_counter() - t0)
        print(f"read {len(items)} items, {len(problems)} problems")
        print(f"read time: first {times[0]:.3f} s, best {min(times):.3f} s "
              f"({min(times) / len(items) * 1000:.2f} ms per item); target < 2 s")


if __name__ == "__main__":
    main()
