"""Writes the attachment fixtures of tests/test_attachments.py, as departments make them:
a workbook saved by LibreOffice as Excel 97–2003 (.xls) and a Word document printed to PDF
by LibreOffice.  Run it again (python tests/data/make_attachments.py) after changing what
they hold; it needs LibreOffice's Writer and Calc (Debian: libreoffice-writer-nogui and
libreoffice-calc-nogui) and writes into this folder.  The tests only read the files.

dibao-list.xls, sheet 名单 (visible):
    A1 户主   B1 联系电话          C1 身份证号       D1 金额   E1 身份证号（数字）   F1 发放日期
    A2 张三   B2 18623456789 (a number)  C2 已脱敏   D2 1391.5  E2 ID typed as a number  F2 a date
    A3 李四   B3 已脱敏           C3 ID (text)
    A4 王五   B4 (139)8345-6712 (text)
  sheet 底稿 (hidden): A1 发放账户, A2 CARD (text)
dibao-list.pdf: page 1 a clean paragraph; page 2 a table whose 身份证号 column is so narrow
    that the ID wraps over two lines in its cell, as real lists print.
"""
from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from personal_data import make_card, make_id  # noqa: E402

ID = make_id("50011619850612301")
MOBILE = "18623456789"
MOBILE_BRACKETED = "(139)8345-6712"
CARD = make_card("622848012345678901")


def _convert(source: Path, to: str, folder: Path) -> Path:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", to, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{to.split(':')[0]}"


def make_xls(folder: Path) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["户主", "联系电话", "身份证号", "金额", "身份证号（数字）", "发放日期"])
    ws.append(["张三", int(MOBILE), "已脱敏", 1391.5, int(ID[:17] + "0"), datetime.date(2025, 9, 30)])
    ws.append(["李四", "已脱敏", ID])
    ws.append(["王五", MOBILE_BRACKETED])
    hidden = wb.create_sheet("底稿")
    hidden.append(["发放账户"])
    hidden.append([CARD])
    hidden.sheet_state = "hidden"
    source = folder / "dibao-list.xlsx"
    wb.save(source)
    return _convert(source, "xls", folder)


def make_pdf(folder: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm
    document = docx.Document()
    document.add_paragraph("龙门镇2025年9月城乡低保新增对象公示")
    document.add_paragraph("经村（居）民委员会初审、镇人民政府审核，现将新增低保对象公示如下，名单见下页。")
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=2, cols=4)
    table.autofit = False
    for row, values in enumerate([("序号", "户主", "身份证号", "保障人数"), ("1", "张三", ID, "3")]):
        for col, value in enumerate(values):
            cell = table.rows[row].cells[col]
            cell.text = value
            cell.width = Cm(2.2)  # an 18-digit number does not fit: it wraps in its cell
    source = folder / "dibao-list.docx"
    document.save(source)
    return _convert(source, "pdf", folder)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for made in (make_xls(folder), make_pdf(folder)):
            shutil.copyfile(made, HERE / made.name)
            print(f"wrote {HERE / made.name}")


if __name__ == "__main__":
    main()
