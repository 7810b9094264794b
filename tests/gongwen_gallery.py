"""公文 (.docx) in the shapes departments send them, for testing ``gwsite import``.

Each ``Case`` writes one document (python-docx plus raw WordprocessingML, laid out the way
Word and WPS lay out GB/T 9704-2012 documents: red 发文机关标志, 发文字号, a red rule as a
paragraph border, centred title, 主送机关, indented body, 附件说明, 署名 and 成文日期
pushed right, 附注, 版记) and says what a correct importer extracts from it (``expected``).
Layout facts and variants: shared/spec/gongwen-format.md.

``GALLERY`` is the acceptance list of the import issue; its signatures use the organisations
of the test site (``SITE_ORGS``) unless a case is about an unknown signer.  ``UNSEEN`` is a
second set written like other districts' documents (other organisations, other domains,
other habits), for checking that the importer was not fitted to the gallery.

Conventions of ``expected`` (every key is present in every case):

* "title": the title's lines joined, with no spaces or U+3000 left inside.
* "doc_number": the 发文字号 exactly as printed ("" when none).  A 签发人 on the same line is
  not part of it; numbers of other documents cited in the body are not it either.
* "issuer": the 发文机关标志 as printed.  A 联合行文 版头 laid out as a table (names in column
  1, one merged 文件 cell in column 2) reads column by column: the names in order, then 文件.
  A 信函 head is the organisation name alone.  A head typed into the page header counts.
* "addressee": the 主送机关 line as printed, with its final "：".
* "written": ISO date of the 成文日期 (the date under the 署名, never the 印发 date of the
  版记, never dates cited in the body); None when there is none, it lacks the day, or two
  different dates stand under the 署名.
* "disclosure": "主动公开" / "依申请公开" / "不予公开" / None.
* "signature": the organisation lines above the date, without padding.
* "attachments": names from the 附件说明, without "附件：", numbers, padding; wrapped lines
  joined.
* "headings": [level, text] in order; text stripped of padding, number included.  Only
  standalone heading paragraphs of the body (never 附件说明 lines, table cells, or the
  pages of an attachment that follows the document).
* "table_rows": the body's tables (not a 版头 table), rows of cell texts; a merged area
  gives its text in its first cell and "" in the others.
* "personal_data": valid 18-digit 居民身份证号 and 11-digit mobile numbers (13–19) found in
  the document's own text, in reading order (masked numbers, landlines, 17-digit licence
  numbers do not count).
* "messages": keywords of what a person must check, in the order 公开属性, 成文日期, 署名,
  个人信息, 附件 (compare as sets).  "署名" when no 署名 line is the name or an alias of a
  site organisation.  "附件" when an attachment named in the 附件说明 is neither in the
  file (an embedded OLE/package object, or the attachment's own pages after the document)
  nor among ``companions``.
* "producer": "word", "wps" or "libreoffice", as written in docProps/app.xml.

Only python-docx and the standard library are needed.  Nothing here imports gwsite.
"""
from __future__ import annotations

import io
import math
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    expected: dict
    companions: tuple[str, ...] = ()


# The organisations of the site the tests use: (name, aliases).
SITE_ORGS = (
    ("云岭市青溪区民政局", ("区民政局",)),
    ("云岭市青溪区人民政府", ("区政府",)),
    ("云岭市青溪区人民政府办公室", ("区政府办",)),
    ("云岭市青溪区龙门镇人民政府", ("龙门镇",)),
    ("云岭市青溪区医疗保障局", ("区医保局",)),
    ("云岭市青溪区住房和城乡建设委员会", ("区住房城乡建委",)),
)

MESSAGE_ORDER = ("公开属性", "成文日期", "署名", "个人信息", "附件")

# ---------------------------------------------------------------------------------------
# Invented personal data (valid check digits, invented birthdays and area codes).

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(first17: str) -> str:
    """A 居民身份证号 with its GB 11643 check character."""
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def _id_ending_x(area_birth: str) -> str:
    """The first valid number with this area code and birthday whose check character is X."""
    return next(i for i in (make_id(area_birth + f"{s:03d}") for s in range(1, 1000)) if i.endswith("X"))


# ---------------------------------------------------------------------------------------
# WordprocessingML helpers

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
_NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())

FS = "仿宋_GB2312"   # body
HT = "黑体"          # level-1 headings
KT = "楷体_GB2312"   # level-2 headings, 签发人
XBS = "方正小标宋简体"  # 发文机关标志, title
ST = "宋体"          # page numbers, tables
RED = "FF0000"
DARK_RED = "C00000"

IND2 = {"firstLineChars": "200", "firstLine": "640"}  # 2 characters of 3号 (16 pt)


def _el(xml: str):
    m = re.match(r"<([\w:]+)", xml)
    return parse_xml(xml[: m.end()] + " " + _NSDECL + xml[m.end():])


@dataclass(frozen=True)
class R:
    """One run: text ("\n" is a w:br, "\t" a w:tab) and its character format."""

    text: str
    font: str | None = None
    size: float | None = None  # points
    bold: bool = False
    color: str | None = None
    spacing: int | None = None  # character spacing, twentieths of a point


def _run_xml(run: R, default_font: str, default_size: float) -> str:
    font = run.font or default_font
    size = run.size or default_size
    ascii_font = "Times New Roman" if font == FS else font
    props = [f'<w:rFonts w:ascii="{ascii_font}" w:eastAsia="{font}" w:hAnsi="{ascii_font}" w:hint="eastAsia"/>']
    if run.bold:
        props.append("<w:b/><w:bCs/>")
    if run.color:
        props.append(f'<w:color w:val="{run.color}"/>')
    if run.spacing is not None:
        props.append(f'<w:spacing w:val="{run.spacing}"/>')
    half = int(round(size * 2))
    props.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    content = []
    for i, line in enumerate(run.text.split("\n")):
        if i:
            content.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                content.append("<w:tab/>")
            if piece:
                content.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r><w:rPr>{''.join(props)}</w:rPr>{''.join(content)}</w:r>"


def _border_xml(sides: dict) -> str:
    # sides: {"bottom": (val, sz eighths of a point, color, space)}
    order = ("top", "left", "bottom", "right")
    parts = []
    for side in order:
        if side in sides:
            val, sz, color, space = sides[side]
            parts.append(f'<w:{side} w:val="{val}" w:sz="{sz}" w:space="{space}" w:color="{color}"/>')
    return f"<w:pBdr>{''.join(parts)}</w:pBdr>"


def _p_xml(runs, *, font=FS, size=16.0, jc=None, ind=None, line=560, before=0, after=0,
           border=None, tabs=None, page_break_before=False, keep_next=False) -> str:
    """A paragraph.  ``runs``: str or list of str/R; ``line``: exact line height in
    twentieths of a point (None: single); ``tabs``: [(kind, pos)]."""
    if isinstance(runs, (str, R)):
        runs = [runs]
    ppr = []
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_break_before:
        ppr.append("<w:pageBreakBefore/>")
    if border:
        ppr.append(_border_xml(border))
    if tabs:
        ppr.append("<w:tabs>" + "".join(f'<w:tab w:val="{k}" w:pos="{p}"/>' for k, p in tabs) + "</w:tabs>")
    spacing = f'<w:spacing w:before="{before}" w:after="{after}"'
    spacing += f' w:line="{line}" w:lineRule="exact"/>' if line else ' w:line="240" w:lineRule="auto"/>'
    ppr.append(spacing)
    if ind:
        ppr.append("<w:ind " + " ".join(f'w:{k}="{v}"' for k, v in ind.items()) + "/>")
    if jc:
        ppr.append(f'<w:jc w:val="{jc}"/>')
    ppr.append(f'<w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="{int(size * 2)}"/></w:rPr>')
    body = "".join(_run_xml(r if isinstance(r, R) else R(r), font, size) for r in runs)
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{body}</w:p>"


def _table_xml(rows, widths, merges=(), *, borders=True, font=FS, size=14.0, bold_rows=(0,),
               jc_cells="center", color=None, cell_jc=None, line=None) -> str:
    """A table from a full grid of texts.  ``merges``: (r0, c0, r1, c1) rectangles, inclusive;
    the grid holds the text in the first cell and "" in the others.  ``cell_jc``: optional
    {(r, c): jc}."""
    nrows, ncols = len(rows), len(widths)
    owner = {}
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = (r0, c0, r1, c1)
                if (r, c) != (r0, c0):
                    assert rows[r][c] == "", (rows[r][c], r, c)
    if borders:
        b = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    else:
        b = "".join(f'<w:{s} w:val="none" w:sz="0" w:space="0" w:color="auto"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f"<w:tblBorders>{b}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
           '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
           "</w:tblPr><w:tblGrid>"]
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for r in range(nrows):
        out.append("<w:tr><w:trPr><w:jc w:val=\"center\"/></w:trPr>")
        c = 0
        while c < ncols:
            m = owner.get((r, c))
            span = 1
            vmerge = ""
            if m:
                r0, c0, r1, c1 = m
                span = c1 - c0 + 1
                if r1 > r0:
                    vmerge = '<w:vMerge w:val="restart"/>' if r == r0 else "<w:vMerge/>"
            width = sum(widths[c:c + span])
            tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if span > 1:
                tcpr += f'<w:gridSpan w:val="{span}"/>'
            tcpr += vmerge + '<w:vAlign w:val="center"/>'
            text = rows[r][c] if (not m or (r, c) == (m[0], m[1])) else ""
            jc = (cell_jc or {}).get((r, c), jc_cells)
            para = _p_xml(R(text, bold=r in bold_rows, color=color) if text else [], font=font, size=size,
                          jc=jc, line=line)
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para}</w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Producers: docProps/app.xml (and WPS's docProps/custom.xml)

APP_NAMES = {
    "word": "Microsoft Office Word",
    "wps": "WPS Office_11.1.0.8597_F1E327BC-269C-435d-A152-05C5408002CA",
    "libreoffice": "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2",
}
_APP_VERSION = {"word": "16.0000", "wps": "14.0000", "libreoffice": None}
_TEMPLATE = {"word": "Normal.dotm", "wps": "Normal", "libreoffice": None}
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def _app_xml(producer: str, chars: int, paragraphs: int) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
             '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
             'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">']
    if _TEMPLATE[producer]:
        parts.append(f"<Template>{_TEMPLATE[producer]}</Template>")
    parts.append(f"<TotalTime>{7 + chars % 53}</TotalTime><Pages>{1 + chars // 900}</Pages>"
                 f"<Words>{chars // 2}</Words><Characters>{chars}</Characters>"
                 f"<Application>{escape(APP_NAMES[producer])}</Application><DocSecurity>0</DocSecurity>"
                 f"<Lines>{max(1, chars // 28)}</Lines><Paragraphs>{paragraphs}</Paragraphs>"
                 "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
                 f"<CharactersWithSpaces>{chars}</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
                 "<HyperlinksChanged>false</HyperlinksChanged>")
    if _APP_VERSION[producer]:
        parts.append(f"<AppVersion>{_APP_VERSION[producer]}</AppVersion>")
    parts.append("</Properties>")
    return "".join(parts)


_CUSTOM_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
               'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
               '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
               "<vt:lpwstr>2052-11.1.0.8597</vt:lpwstr></property>"
               '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV">'
               "<vt:lpwstr>6A1B2C3D4E5F40718293A4B5C6D7E8F9</vt:lpwstr></property></Properties>")


def _set_producer(path: Path, producer: str, chars: int, paragraphs: int) -> None:
    """Rewrite docProps/app.xml for ``producer``; WPS also gets docProps/custom.xml."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out = []
    for name, data in items:
        if name == "docProps/app.xml":
            data = _app_xml(producer, chars, paragraphs).encode("utf-8")
        elif name == "[Content_Types].xml" and producer == "wps":
            data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
        elif name == "_rels/.rels" and producer == "wps":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdKso1" Type="http://schemas.'
                                b'openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
                                b'Target="docProps/custom.xml"/></Relationships>')
        out.append((name, data))
    if producer == "wps":
        out.append(("docProps/custom.xml", _CUSTOM_XML.encode("utf-8")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in out:
            z.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)


# ---------------------------------------------------------------------------------------
# Small files: a PNG icon, an .xlsx, an OLE2 compound file holding an OLE Package.

def _png(width=32, height=32) -> bytes:
    """A small icon: a white sheet with a green band (what Word draws for an embedded file)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            if x in (4, width - 5) or y in (1, height - 2):
                row += bytes((90, 90, 90))
            elif 10 <= y <= 16 and 6 <= x <= width - 7:
                row += bytes((33, 115, 70))
            else:
                row += bytes((255, 255, 255))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _col(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]


def make_xlsx(rows: list[list], sheet: str = "Sheet1") -> bytes:
    """A minimal .xlsx (inline strings, numbers as numbers), fixed timestamps."""
    cells = []
    for r, row in enumerate(rows, 1):
        cs = []
        for c, v in enumerate(row):
            ref = f"{_col(c)}{r}"
            if isinstance(v, (int, float)):
                cs.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif v != "":
                cs.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        cells.append(f'<row r="{r}">{"".join(cs)}</row>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(cells)}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, _FIXED_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


_PACKAGE_CLSID = bytes.fromhex("0c00030000000000c000000000000046")  # {0003000C-0000-0000-C000-000000000046}


def make_cfb(streams: list[tuple[str, bytes]], root_clsid: bytes = bytes(16)) -> bytes:
    """A version-3 compound file (OLE2) with ``streams`` under the root storage.

    Streams under 4096 bytes live in the mini stream, as the format requires.  Siblings form
    a balanced binary tree (all black when full, a lone child red)."""
    SECT, MINI, CUTOFF = 512, 64, 4096
    END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF

    mini_data = bytearray()
    minifat: list[int] = []
    placed = []  # (name, data, kind, start)
    for name, data in streams:
        if len(data) < CUTOFF:
            n = math.ceil(len(data) / MINI)
            start = len(minifat) if n else END
            for k in range(n):
                minifat.append(len(minifat) + 1 if k < n - 1 else END)
            mini_data += data + bytes(n * MINI - len(data))
            placed.append((name, data, "mini", start))
        else:
            placed.append((name, data, "big", None))

    n_dir = math.ceil((1 + len(streams)) * 128 / SECT)
    n_minifat = math.ceil(len(minifat) * 4 / SECT)
    n_ministream = math.ceil(len(mini_data) / SECT)
    big_sizes = [math.ceil(len(d) / SECT) for _, d, kind, _ in placed if kind == "big"]
    other = n_dir + n_minifat + n_ministream + sum(big_sizes)
    n_fat = 1
    while n_fat * (SECT // 4) < other + n_fat:
        n_fat += 1
    assert n_fat <= 109

    fat: list[int] = [FATSECT] * n_fat
    sectors: list[bytes] = []

    def chain(count: int) -> int:
        start = len(fat)
        for k in range(count):
            fat.append(start + k + 1 if k < count - 1 else END)
        return start

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat) if n_minifat else END
    ministream_start = chain(n_ministream) if n_ministream else END
    big_starts = {}
    for (name, data, kind, _), count in zip([p for p in placed if p[2] == "big"], big_sizes):
        big_starts[name] = chain(count)

    # directory
    entries = [("Root Entry", 5, ministream_start, len(mini_data), root_clsid)]
    for name, data, kind, start in placed:
        entries.append((name, 2, start if kind == "mini" else big_starts[name], len(data), bytes(16)))

    order = sorted(range(1, len(entries)), key=lambda i: (len(entries[i][0]), entries[i][0].upper()))
    left = {i: NOSTREAM for i in range(len(entries))}
    right = dict(left)
    child = dict(left)
    color = {i: 1 for i in range(len(entries))}

    def tree(ids):
        if not ids:
            return NOSTREAM
        mid = len(ids) // 2
        node = ids[mid]
        left[node], right[node] = tree(ids[:mid]), tree(ids[mid + 1:])
        if (left[node] == NOSTREAM) != (right[node] == NOSTREAM):
            color[left[node] if left[node] != NOSTREAM else right[node]] = 0
        return node

    child[0] = tree(order)
    dirbytes = bytearray()
    for i, (name, kind, start, size, clsid) in enumerate(entries):
        encoded = name.encode("utf-16-le")
        assert len(encoded) <= 62
        dirbytes += encoded + bytes(64 - len(encoded))
        dirbytes += struct.pack("<HBBIII", len(encoded) + 2, kind, color[i], left[i], right[i], child[i])
        dirbytes += clsid + struct.pack("<I", 0) + bytes(16)
        dirbytes += struct.pack("<IQ", start if start is not None else END, size)
    while len(dirbytes) < n_dir * SECT:
        dirbytes += bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM) + bytes(16 + 4 + 16) + struct.pack("<IQ", 0, 0)

    fat += [FREE] * (n_fat * (SECT // 4) - len(fat))
    fatbytes = struct.pack(f"<{len(fat)}I", *fat)
    minifat_padded = minifat + [FREE] * (n_minifat * (SECT // 4) - len(minifat))
    body = bytearray(fatbytes)
    body += dirbytes
    if n_minifat:
        body += struct.pack(f"<{len(minifat_padded)}I", *minifat_padded)
    body += mini_data + bytes(n_ministream * SECT - len(mini_data))
    for name, data, kind, _ in placed:
        if kind == "big":
            body += data + bytes(math.ceil(len(data) / SECT) * SECT - len(data))

    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16))
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat, END, 0)
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    header += struct.pack("<109I", *difat)
    assert len(header) == 512
    return bytes(header + body)


def make_ole_package(filename: str, data: bytes) -> bytes:
    """An OLE Package object (what Word writes in word/embeddings/oleObject1.bin when a file
    is inserted as an object): \\x01Ole, \\x01CompObj and \\x01Ole10Native holding the file
    under its original name (ANSI as GBK, plus the Unicode copies at the end)."""
    src = "C:\\Users\\Administrator\\Desktop\\" + filename
    tmp = "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp\\" + filename

    def ansi(s):
        return s.encode("gbk") + b"\0"

    def uni(s):
        return struct.pack("<I", len(s)) + s.encode("utf-16-le")

    native = (b"\x02\x00" + ansi(filename) + ansi(src) + b"\x00\x00\x03\x00"
              + struct.pack("<I", len(ansi(tmp))) + ansi(tmp) + struct.pack("<I", len(data)) + data
              + uni(tmp) + uni(filename) + uni(src))
    ole10native = struct.pack("<I", len(native)) + native
    compobj = (bytes.fromhex("0100feff030a0000ffffffff") + _PACKAGE_CLSID
               + struct.pack("<I", 12) + b"OLE Package\0" + struct.pack("<I", 0)
               + struct.pack("<I", 8) + b"Package\0" + struct.pack("<I", 0x71B239F4) + bytes(12))
    ole = struct.pack("<IIIII", 0x02000001, 0, 0, 0, 0)
    return make_cfb([("\x01Ole", ole), ("\x01CompObj", compobj), ("\x01Ole10Native", ole10native)],
                    _PACKAGE_CLSID)


_SHAPETYPE = (
    '<v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" '
    'path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/><v:formulas>'
    + "".join(f'<v:f eqn="{e}"/>' for e in (
        "if lineDrawn pixelLineWidth 0", "sum @0 1 0", "sum 0 0 @1", "prod @2 1 2", "prod @3 21600 pixelWidth",
        "prod @3 21600 pixelHeight", "sum @0 0 1", "prod @6 1 2", "prod @7 21600 pixelWidth", "sum @8 21600 0",
        "prod @7 21600 pixelHeight", "sum @10 21600 0"))
    + '</v:formulas><v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/>'
    '<o:lock v:ext="edit" aspectratio="t"/></v:shapetype>')


# ---------------------------------------------------------------------------------------
# The document builder

class Gw:
    """Builds one 公文 paragraph by paragraph, in the layout habits of Word/WPS users."""

    def __init__(self, producer: str = "word", *, indent: str = "ind", line: int = 560, author: str = "Administrator",
                 when: datetime = datetime(2026, 3, 5, 9, 0, 0)):
        self.doc = Document()
        self.producer = producer
        self.indent = indent  # "ind" (first-line indent), "sp" (leading U+3000 U+3000), "ascii" (4 spaces)
        self.line = line
        self._objects = 0
        self._chars = 0
        self._paras = 0
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
        sec.left_margin, sec.right_margin = Mm(28), Mm(26)
        sec.header_distance, sec.footer_distance = Mm(15), Mm(28)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FS)
        cp = self.doc.core_properties
        cp.author = cp.last_modified_by = author
        cp.created = cp.modified = when
        cp.revision = 3
        cp.title = cp.subject = cp.comments = cp.keywords = cp.category = ""
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)

    # -- low level
    def add(self, xml: str) -> None:
        body = self.doc.element.body
        body.find(qn("w:sectPr")).addprevious(_el(xml))
        self._paras += 1
        self._chars += len(re.sub(r"<[^>]+>", "", xml))

    def p(self, runs, **kw) -> None:
        kw.setdefault("line", self.line)
        self.add(_p_xml(runs, **kw))

    def blank(self, n: int = 1, **kw) -> None:
        for _ in range(n):
            self.p([], **kw)

    def page_break(self) -> None:
        self.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def _indented(self, text: str):
        """(text, ind) for a body-level paragraph in this document's indent habit."""
        if self.indent == "ind":
            return text, IND2
        if self.indent == "sp":
            return "\u3000\u3000" + text, None
        if self.indent == "ascii":
            return "    " + text, None
        raise ValueError(self.indent)

    # -- 版头
    def red_head(self, text: str, *, color: str = RED, size: float = 36, spacing: int | None = None,
                 before_lines: int = 1, border=None, jc: str = "center") -> None:
        self.blank(before_lines)
        self.p(R(text, font=XBS, size=size, color=color, spacing=spacing), jc=jc, line=None, border=border)
        self.blank(1)

    def number(self, runs, *, jc: str = "center", rule: str | None = None, sz: int = 18) -> None:
        border = {"bottom": ("single", sz, rule, 4)} if rule else None
        self.p(runs, jc=jc, border=border)

    def rule(self, color: str = RED, sz: int = 18, val: str = "single", side: str = "bottom") -> None:
        self.p([], line=240, border={side: (val, sz, color, 1)})

    def head_table(self, names: list[str], word: str = "文件", *, color: str = RED) -> None:
        """联合行文 版头: names in column 1 (distributed), one merged 文件 cell in column 2."""
        rows = [[n, word if i == 0 else ""] for i, n in enumerate(names)]
        self.blank(1)
        self.add(_table_xml(rows, [6200, 2400], [(0, 1, len(names) - 1, 1)], borders=False, font=XBS, size=30,
                            bold_rows=(), color=color, cell_jc={**{(i, 0): "distribute" for i in range(len(names))},
                                                                 (0, 1): "center"}))
        self.blank(1)

    # -- 主体
    def title(self, lines: list[str], mode: str = "br") -> None:
        """mode "br": one paragraph, lines split by w:br; "paras": one paragraph per line."""
        kw = dict(font=XBS, size=22, jc="center", line=700)
        if mode == "br":
            self.p(R("\n".join(lines), font=XBS, size=22), **kw)
        else:
            for ln in lines:
                self.p(R(ln, font=XBS, size=22), **kw)
        self.blank(1)

    def addressee(self, text: str) -> None:
        self.p(text, jc="both")

    def para(self, text: str, **kw) -> None:
        text, ind = self._indented(text)
        self.p(text, jc=kw.pop("jc", "both"), ind=ind, **kw)

    def heading(self, level: int, text: str) -> None:
        font = {1: HT, 2: KT, 3: FS, 4: FS}[level]
        text, ind = self._indented(text)
        self.p(R(text, font=font, bold=level == 3), jc="both", ind=ind)

    def body(self, items) -> None:
        """items: (0, text) paragraph, (1..4, text) heading, ("table", rows, widths, merges)."""
        for item in items:
            if item[0] == "table":
                _, rows, widths, merges = item
                self.add(_table_xml(rows, widths, merges, font=ST, size=12, line=None))
            elif item[0] == 0:
                self.para(item[1])
            else:
                self.heading(item[0], item[1])

    def attachment_note(self, lines: list[str]) -> None:
        """附件说明 lines as typed: the first gets the 2-char indent, the others are padded
        with U+3000 to align under the first number or name (already in the text)."""
        self.blank(1)
        first, *rest = lines
        self.para(first)
        for ln in rest:
            self.p(ln, jc="both")

    def sign(self, lines: list[str], date: str | list[str], *, mode: str = "right", blank_before: int = 2) -> None:
        """署名 lines and the date.  mode: "right" (jc right, right indent 4 chars for the date,
        署名 centred over it), "pad" (leading U+3000), "ascii" (leading spaces), "tabs",
        "end" (LibreOffice's jc="end")."""
        self.blank(blank_before)
        dates = [date] if isinstance(date, str) else date
        width = max(len(d) for d in dates)
        for text in lines + dates:
            centre_over = width if text not in dates else len(text)
            right_chars = 4 + (centre_over - len(text)) / 2
            if mode == "right":
                self.p(text, jc="right", ind={"rightChars": str(int(right_chars * 100)),
                                             "right": str(int(right_chars * 320))})
            elif mode == "end":
                self.p(text, jc="end", ind={"end": str(int(right_chars * 320))})
            elif mode == "pad":
                self.p("\u3000" * max(0, int(27 - 4 - len(text) - (centre_over - len(text)) / 2)) + text, jc="both")
            elif mode == "ascii":
                self.p(" " * max(0, 2 * int(27 - 4 - len(text) - (centre_over - len(text)) / 2)) + text, jc="left")
            elif mode == "tabs":
                self.p("\t" * 6 + text, jc="left")
            else:
                raise ValueError(mode)

    def note(self, text: str) -> None:
        """附注, the line after the date, indented 2 characters."""
        self.para(text)

    def banji(self, lines: list[str], *, printer: str | None = None, date: str | None = None,
              use_tab: bool = False, blank_before: int = 3) -> None:
        """版记: lines (公开方式, 抄送 …) between rules, then the 印发 line with the last rule."""
        self.blank(blank_before)
        all_lines = list(lines)
        for i, text in enumerate(all_lines):
            border = {"top": ("single", 8 if i == 0 else 4, "000000", 1)}
            if i == len(all_lines) - 1 and not printer:
                border["bottom"] = ("single", 8, "000000", 1)
            self.p(text, size=14, jc="both", ind={"leftChars": "100", "left": "280", "rightChars": "100",
                                                  "right": "280"}, border=border, line=None)
        if printer:
            border = {"top": ("single", 4, "000000", 1), "bottom": ("single", 8, "000000", 1)}
            ind = {"leftChars": "100", "left": "280", "rightChars": "100", "right": "280"}
            if use_tab:
                self.p(f"{printer}\t{date}印发", size=14, ind=ind, border=border, tabs=[("right", 8560)], line=None)
            else:
                gap = max(2, 30 - 2 - len(printer) - len(date) - 2)
                self.p(f"{printer}{chr(0x3000) * gap}{date}印发", size=14, ind=ind, border=border, line=None)

    def footer_page_numbers(self) -> None:
        ftr = self.doc.sections[0].footer
        ftr.is_linked_to_previous = False
        el = ftr._element
        for p in list(el.iterchildren(qn("w:p"))):
            el.remove(p)
        el.append(_el('<w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
                      + _run_xml(R("— ", font=ST, size=14), ST, 14)
                      + '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">' + _run_xml(R("1", font=ST, size=14), ST, 14)
                      + "</w:fldSimple>" + _run_xml(R(" —", font=ST, size=14), ST, 14) + "</w:p>"))

    def first_page_header(self, paragraphs_xml: list[str]) -> None:
        sec = self.doc.sections[0]
        sec.different_first_page_header_footer = True
        hdr = sec.first_page_header
        hdr.is_linked_to_previous = False
        el = hdr._element
        for p in list(el.iterchildren(qn("w:p"))):
            el.remove(p)
        for x in paragraphs_xml:
            el.append(_el(x))

    # -- embedded objects
    def _icon_object(self, rel_id: str, prog_id: str) -> None:
        self._objects += 1
        n = self._objects
        img_rid, _ = self.doc.part.get_or_add_image(io.BytesIO(_png()))
        shapetype = _SHAPETYPE if n == 1 else ""
        self.add(f'<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
                 f'<w:r><w:object w:dxaOrig="1520" w:dyaOrig="1059">{shapetype}'
                 f'<v:shape id="_x0000_i10{24 + n}" type="#_x0000_t75" style="width:76pt;height:53pt" o:ole="">'
                 f'<v:imagedata r:id="{img_rid}" o:title=""/></v:shape>'
                 f'<o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="_x0000_i10{24 + n}" DrawAspect="Icon" '
                 f'ObjectID="_17{n:08d}" r:id="{rel_id}"/></w:object></w:r></w:p>')

    def embed_file(self, filename: str, data: bytes) -> None:
        """A file inserted as an object (OLE Package, original name inside)."""
        n = self._objects + 1
        part = Part(PackURI(f"/word/embeddings/oleObject{n}.bin"), CT.OFC_OLE_OBJECT,
                    make_ole_package(filename, data), self.doc.part.package)
        self._icon_object(self.doc.part.relate_to(part, RT.OLE_OBJECT), "Package")

    def embed_docx(self, data: bytes) -> None:
        """A Word document inserted as an object (embedded package, ProgID Word.Document.12)."""
        n = self._objects + 1
        part = Part(PackURI(f"/word/embeddings/Microsoft_Word_Document{n}.docx"), CT.WML_DOCUMENT, data,
                    self.doc.part.package)
        self._icon_object(self.doc.part.relate_to(part, RT.PACKAGE), "Word.Document.12")

    # -- output
    def save(self, folder: Path, filename: str) -> Path:
        path = Path(folder) / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        _set_producer(path, self.producer, self._chars, self._paras)
        return path

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _headings(items) -> list:
    return [[i[0], i[1]] for i in items if isinstance(i[0], int) and i[0] > 0]


def _tables(items) -> list:
    return [[list(r) for r in i[1]] for i in items if i[0] == "table"]


def _exp(**kw) -> dict:
    base = {"title": "", "doc_number": "", "issuer": "", "addressee": "", "written": None, "disclosure": None,
            "signature": [], "attachments": [], "headings": [], "table_rows": [], "personal_data": [],
            "messages": [], "producer": "word"}
    unknown = set(kw) - set(base)
    assert not unknown, unknown
    base.update(kw)
    assert all(m in MESSAGE_ORDER for m in base["messages"])
    base["messages"] = [m for m in MESSAGE_ORDER if m in base["messages"]]
    return base


# =======================================================================================
# GALLERY
# =======================================================================================

# 1. 通知: 版头, 发文字号, 主送机关, headings at four levels, 署名, date, （此件公开发布）, 版记.
T1_TITLE = "云岭市青溪区民政局关于做好2026年城乡低保动态管理工作的通知"
T1_BODY = [
    (0, "为进一步规范城乡最低生活保障（以下简称低保）管理，切实做到应保尽保、应退尽退，根据《社会救助暂行办法》"
        "《云岭市最低生活保障审核确认办法》等规定，现就做好2026年全区城乡低保动态管理工作通知如下。"),
    (1, "一、总体要求"),
    (0, "坚持以人民为中心的发展思想，坚持保基本、兜底线、救急难、可持续，健全低保对象动态管理机制，"
        "确保低保政策公平公正、精准高效实施。"),
    (1, "二、工作任务"),
    (2, "（一）全面开展家庭经济状况复核"),
    (3, "1．复核范围"),
    (0, "全区在册城乡低保家庭，重点复核家庭成员、收入、财产状况发生变化的家庭。"),
    (3, "2．复核方式"),
    (4, "（1）入户调查"),
    (0, "镇人民政府、街道办事处组织工作人员逐户走访，核实家庭人口、收入和财产情况，如实填写入户调查表。"),
    (4, "（2）信息比对"),
    (0, "区民政局通过居民家庭经济状况核对系统，对低保家庭的车辆、房产、存款、市场主体登记等信息进行比对。"),
    (2, "（二）规范调整保障金额"),
    (0, "对家庭经济状况发生变化的低保家庭，按规定及时增发、减发或者停发低保金，并在村（社区）公示栏公示。"),
    (1, "三、工作要求"),
    (0, "各镇人民政府、街道办事处要高度重视，明确专人负责，于2026年6月30日前完成复核工作，"
        "并将工作总结报区民政局社会救助科。"),
]


def build_tongzhi_full(folder: Path) -> Path:
    g = Gw("word")
    g.red_head("青溪区民政局文件", size=40, spacing=-20)
    g.blank(1)
    g.number("青溪民发〔2026〕13号")
    g.rule()
    g.blank(1)
    g.title([T1_TITLE])
    g.addressee("各镇人民政府、街道办事处：")
    g.body(T1_BODY)
    g.sign(["云岭市青溪区民政局"], "2026年3月5日")
    g.note("（此件公开发布）")
    g.banji(["抄送：区委办公室，区人大常委会办公室，区政府办公室，区政协办公室。"],
            printer="青溪区民政局办公室", date="2026年3月5日")
    g.footer_page_numbers()
    return g.save(folder, "青溪民发〔2026〕13号 关于做好2026年城乡低保动态管理工作的通知.docx")


CASE_TONGZHI_FULL = Case("tongzhi_full", build_tongzhi_full, _exp(
    title=T1_TITLE, doc_number="青溪民发〔2026〕13号", issuer="青溪区民政局文件",
    addressee="各镇人民政府、街道办事处：", written="2026-03-05", disclosure="主动公开",
    signature=["云岭市青溪区民政局"], headings=_headings(T1_BODY), producer="word"))


# 2. 公告 without 发文字号 or 主送机关; a body that cites another document's number.
T2_TITLE = "云岭市青溪区人民政府关于划定龙门河饮用水水源保护区的公告"


def build_gonggao_no_number(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 2, 27, 10, 0))
    g.blank(2)
    g.title([T2_TITLE])
    for t in [
        "为保障龙门河集中式饮用水水源安全，根据《中华人民共和国水污染防治法》《饮用水水源保护区污染防治管理规定》，"
        "经云岭市人民政府批准（云府复〔2026〕4号），现将青溪区龙门河饮用水水源保护区划定有关事项公告如下：",
        "一级保护区范围为龙门水厂取水口上游1000米至下游100米的水域，及其两侧纵深50米的陆域；"
        "二级保护区范围为一级保护区以外上溯2000米的水域，及其两侧纵深200米的陆域。",
        "保护区内禁止新建、改建、扩建排放污染物的建设项目，禁止从事网箱养殖、旅游、游泳、垂钓等可能污染饮用水水体的活动。"
        "违反上述规定的，由有关部门依法予以处罚。",
        "本公告自发布之日起施行。",
        "特此公告。",
    ]:
        g.para(t)
    g.sign(["云岭市青溪区人民政府"], "2026年2月27日", mode="pad")
    g.note("（此件主动公开）")
    return g.save(folder, "关于划定龙门河饮用水水源保护区的公告.docx")


CASE_GONGGAO = Case("gonggao_no_number", build_gonggao_no_number, _exp(
    title=T2_TITLE, written="2026-02-27", disclosure="主动公开", signature=["云岭市青溪区人民政府"],
    producer="word"))


# 3. 公示 with a table of names, ID numbers, mobile numbers and amounts; merged cells.
T3_IDS = [
    make_id("53019619580412" + "002"),
    make_id("53019619630927" + "011"),
    make_id("53019719711105" + "026"),
    _id_ending_x("53019719850218"),
]
T3_PHONES = ["13908761234", "15187654321", "18213579246", "13577889900"]
T3_TABLE = [
    ["序号", "村（社区）", "姓名", "身份证号", "联系电话", "金额（元）"],
    ["1", "龙门村", "杨春花", T3_IDS[0], T3_PHONES[0], "1500"],
    ["2", "", "李德明", T3_IDS[1], T3_PHONES[1], "2000"],
    ["3", "石板村", "王秀英", T3_IDS[2], T3_PHONES[2], "1200"],
    ["4", "青龙社区", "张建国", T3_IDS[3], T3_PHONES[3], "800"],
    ["合计", "", "", "", "", "5500"],
]
T3_MERGES = [(1, 1, 2, 1), (5, 0, 5, 4)]
T3_TITLE = "关于龙门镇2026年3月临时救助对象的公示"


def build_gongshi_table(folder: Path) -> Path:
    g = Gw("wps", indent="sp", when=datetime(2026, 3, 9, 15, 30))
    g.blank(1)
    g.title([T3_TITLE])
    g.para("根据《云岭市临时救助实施办法》规定，经个人申请、村（社区）入户调查、镇人民政府审核确认，"
           "拟对以下4户困难家庭给予临时救助，现予以公示。")
    g.para("公示期为2026年3月10日至2026年3月16日。公示期内如有异议，请向龙门镇社会事务办公室反映，"
           "监督电话：0871-65812345。")
    g.add(_table_xml(T3_TABLE, [650, 1150, 1000, 2900, 1900, 1200], T3_MERGES, font=ST, size=10.5, line=None))
    g.sign(["云岭市青溪区龙门镇人民政府"], "2026年3月9日", mode="pad", blank_before=1)
    return g.save(folder, "龙门镇2026年3月临时救助对象公示.docx")


CASE_GONGSHI = Case("gongshi_table", build_gongshi_table, _exp(
    title=T3_TITLE, written="2026-03-09", signature=["云岭市青溪区龙门镇人民政府"], table_rows=[T3_TABLE],
    personal_data=[x for pair in zip(T3_IDS, T3_PHONES) for x in pair],
    messages=["公开属性", "个人信息"], producer="wps"))


# 4. 成文日期 in Chinese numerals with 〇 (U+3007).
T4_TITLE = "云岭市青溪区人民政府办公室关于开展2026年政务公开标准化规范化工作的通知"
T4_BODY = [
    (0, "为深入贯彻落实《中华人民共和国政府信息公开条例》，持续推进基层政务公开标准化规范化建设，"
        "经区人民政府同意，现就有关事项通知如下。"),
    (1, "一、完善公开目录"),
    (0, "各部门、各镇（街道）要对照国务院有关部门制定的26个试点领域标准指引，逐项梳理本单位公开事项，"
        "于2026年4月底前完成政务公开事项标准目录的修订。"),
    (1, "二、规范公开平台"),
    (2, "（一）用好政府网站"),
    (0, "区政府门户网站是政务公开的第一平台，各单位发布的政府信息应当同步在区政府门户网站公开。"),
    (2, "（二）建好公开专区"),
    (0, "各镇（街道）便民服务中心要设置政务公开专区，提供政府信息查阅、依申请公开受理等服务。"),
    (1, "三、强化考核评估"),
    (0, "区政府办公室将政务公开工作纳入年度目标考核，每季度通报检查情况。"),
]


def build_chinese_date(folder: Path) -> Path:
    g = Gw("word")
    g.red_head("青溪区人民政府办公室文件", size=34, spacing=-30)
    g.blank(1)
    g.number("青溪府办发〔2026〕5号", rule=RED)
    g.blank(1)
    g.title(["云岭市青溪区人民政府办公室关于开展", "2026年政务公开标准化规范化工作的通知"])
    g.addressee("各镇人民政府、街道办事处，区政府各部门：")
    g.body(T4_BODY)
    g.sign(["云岭市青溪区人民政府办公室"], "二〇二六年三月五日")
    g.note("（此件公开发布）")
    return g.save(folder, "青溪府办发〔2026〕5号.docx")


CASE_CHINESE_DATE = Case("chinese_date", build_chinese_date, _exp(
    title=T4_TITLE, doc_number="青溪府办发〔2026〕5号", issuer="青溪区人民政府办公室文件",
    addressee="各镇人民政府、街道办事处，区政府各部门：", written="2026-03-05", disclosure="主动公开",
    signature=["云岭市青溪区人民政府办公室"], headings=_headings(T4_BODY), producer="word"))


# 5. 附件说明 with two attachments, both embedded: attachment 1 as an OLE Package object
#    (oleObject1.bin, an OLE2 file whose \x01Ole10Native stream holds the .xlsx under its
#    original file name), attachment 2 as an embedded Word package
#    (Microsoft_Word_Document2.docx, ProgID Word.Document.12, a blank roster form whose
#    first lines are "附件2" and the attachment's name).
T5_TITLE = "云岭市青溪区医疗保障局关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知"
T5_ATT = ["2026年度城乡居民基本医疗保险个人缴费标准",
          "青溪区2026年度城乡居民基本医疗保险困难群众参保资助对象花名册"]
T5_BODY = [
    (0, "根据云岭市医疗保障局、云岭市财政局、国家税务总局云岭市税务局有关通知精神，"
        "现就做好我区2026年度城乡居民基本医疗保险参保缴费工作通知如下。"),
    (1, "一、参保范围"),
    (0, "除职工基本医疗保险应参保人员以外的其他所有城乡居民，均可在户籍地或者居住地参加城乡居民基本医疗保险。"),
    (1, "二、缴费标准和时间"),
    (0, "个人缴费标准见附件1。集中缴费期为2025年9月1日至12月31日，参保人员可通过云岭税务微信公众号、"
        "银行网点或者村（社区）代收点缴费。"),
    (1, "三、困难群众参保资助"),
    (0, "特困人员、低保对象、返贫致贫人口参保个人缴费部分按规定给予资助，各镇（街道）于2026年3月20日前"
        "将资助对象花名册（附件2）报区医疗保障局。"),
]


def _t5_xlsx() -> bytes:
    return make_xlsx([
        ["2026年度城乡居民基本医疗保险个人缴费标准"],
        ["类别", "个人缴费（元/人·年）", "财政补助（元/人·年）", "备注"],
        ["一般城乡居民", 400, 700, ""],
        ["在校大中专学生", 400, 700, "在学校所在地参保"],
        ["特困人员", 0, 700, "个人缴费部分全额资助"],
        ["低保对象", 100, 700, "资助300元"],
    ], sheet="缴费标准")


def _t5_form_docx() -> bytes:
    g = Gw("word")
    g.p(R("附件2", font=HT), jc="left")
    g.blank(1)
    g.title(["青溪区2026年度城乡居民基本医疗保险", "困难群众参保资助对象花名册"])
    g.p("填报单位（盖章）：　　　　　　　　　　　　填报日期：　　年　　月　　日", size=12, line=None)
    head = ["序号", "镇（街道）", "姓名", "身份证号", "资助类别", "资助金额（元）"]
    g.add(_table_xml([head] + [[""] * 6 for _ in range(8)], [700, 1500, 1200, 2600, 1400, 1300], font=ST,
                     size=12, line=None))
    g.doc.core_properties.title = T5_ATT[1]
    return g.to_bytes()


def build_attachments_embedded(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 2, 16, 0))
    g.red_head("青溪区医疗保障局文件", size=38, spacing=-20)
    g.blank(1)
    g.number("青溪医保发〔2026〕6号")
    g.rule(sz=24)
    g.blank(1)
    g.title(["云岭市青溪区医疗保障局关于做好2026年度", "城乡居民基本医疗保险参保缴费工作的通知"])
    g.addressee("各镇人民政府、街道办事处：")
    g.body(T5_BODY)
    g.attachment_note(["附件：1．2026年度城乡居民基本医疗保险个人缴费标准",
                       "\u3000" * 5 + "2．青溪区2026年度城乡居民基本医疗保险困难群众",
                       "\u3000" * 7 + "参保资助对象花名册"])
    g.sign(["云岭市青溪区医疗保障局"], "2026年3月2日")
    g.note("（此件公开发布）")
    g.page_break()
    g.p(R("附件1", font=HT), jc="left")
    g.embed_file("2026年度城乡居民基本医疗保险个人缴费标准.xlsx", _t5_xlsx())
    g.blank(1)
    g.p(R("附件2", font=HT), jc="left")
    g.embed_docx(_t5_form_docx())
    return g.save(folder, "青溪医保发〔2026〕6号 关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知.docx")


CASE_ATTACHMENTS_EMBEDDED = Case("attachments_embedded", build_attachments_embedded, _exp(
    title=T5_TITLE, doc_number="青溪医保发〔2026〕6号", issuer="青溪区医疗保障局文件",
    addressee="各镇人民政府、街道办事处：", written="2026-03-02", disclosure="主动公开",
    signature=["云岭市青溪区医疗保障局"], attachments=T5_ATT, headings=_headings(T5_BODY), producer="word"))


# 6. 联合行文: the 版头 is a borderless table (two names, merged 文件 cell); two 署名 lines.
T6_TITLE = "云岭市青溪区民政局云岭市青溪区医疗保障局关于进一步做好困难群众医疗救助工作的通知"
T6_BODY = [
    (0, "为贯彻落实《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》，进一步减轻困难群众医疗费用负担，"
        "现就做好我区困难群众医疗救助工作通知如下。"),
    (1, "一、明确救助对象"),
    (0, "医疗救助对象包括特困人员、低保对象、低保边缘家庭成员、纳入监测范围的农村易返贫致贫人口，"
        "以及因高额医疗费用支出导致家庭基本生活严重困难的大病患者。"),
    (1, "二、落实救助政策"),
    (2, "（一）资助参保"),
    (0, "对特困人员给予全额资助，对低保对象给予定额资助，资助标准按照当年度有关规定执行。"),
    (2, "（二）门诊和住院救助"),
    (0, "对救助对象经基本医疗保险、大病保险报销后政策范围内个人自付费用，按规定比例给予救助。"),
    (1, "三、加强部门协作"),
    (0, "区民政局负责认定救助对象并及时推送信息，区医疗保障局负责做好信息标识和待遇落实，"
        "每月比对一次数据。"),
]


def build_joint_header_table(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 12, 11, 0))
    g.head_table(["青溪区民政局", "青溪区医疗保障局"])
    g.blank(1)
    g.number("青溪民发〔2026〕15号", rule=RED, sz=24)
    g.blank(1)
    g.title(["云岭市青溪区民政局\u3000云岭市青溪区医疗保障局", "关于进一步做好困难群众医疗救助工作的通知"])
    g.addressee("各镇人民政府、街道办事处：")
    g.body(T6_BODY)
    g.sign(["云岭市青溪区民政局", "云岭市青溪区医疗保障局"], "2026年3月12日")
    g.note("（此件公开发布）")
    g.banji(["抄送：云岭市民政局，云岭市医疗保障局。"], printer="青溪区民政局办公室", date="2026年3月12日",
            use_tab=True)
    return g.save(folder, "关于进一步做好困难群众医疗救助工作的通知（联合行文）.docx")


CASE_JOINT = Case("joint_header_table", build_joint_header_table, _exp(
    title=T6_TITLE, doc_number="青溪民发〔2026〕15号", issuer="青溪区民政局青溪区医疗保障局文件",
    addressee="各镇人民政府、街道办事处：", written="2026-03-12", disclosure="主动公开",
    signature=["云岭市青溪区民政局", "云岭市青溪区医疗保障局"], headings=_headings(T6_BODY), producer="word"))


# 7. No 附注 at all (the 版记 has only 抄送).
T7_TITLE = "云岭市青溪区住房和城乡建设委员会关于开展2026年汛期房屋安全隐患排查整治的通知"
T7_BODY = [
    (0, "当前我区即将进入主汛期，为切实防范因暴雨、洪涝、地质灾害等引发的房屋安全事故，"
        "保障人民群众生命财产安全，决定在全区开展2026年汛期房屋安全隐患排查整治工作。"),
    (1, "一、排查范围"),
    (0, "重点排查临山、临河、临崖的农村自建房，城镇老旧小区、城中村房屋，以及用作经营的自建房。"),
    (1, "二、排查内容"),
    (2, "（一）房屋结构安全"),
    (3, "1.地基基础"),
    (0, "查看地基有无不均匀沉降、墙体有无明显开裂，周边有无滑坡、塌陷等地质灾害隐患。"),
    (3, "2.主体结构"),
    (0, "查看承重墙、梁、柱有无裂缝、倾斜、变形，屋面有无渗漏。"),
    (2, "（二）排水设施"),
    (0, "检查房屋周边排水沟渠是否通畅，屋面排水是否正常。"),
    (1, "三、工作要求"),
    (0, "各镇（街道）要建立排查台账，对发现的隐患逐一明确整改责任人和整改时限，"
        "排查整治情况于每月25日前报区住房城乡建委村镇建设科。"),
]


def build_no_fuzhu(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 4, 1, 9, 30))
    g.red_head("青溪区住房和城乡建设委员会文件", size=30, spacing=-40)
    g.blank(1)
    g.number("青溪建委发〔2026〕7号")
    g.rule(color=DARK_RED)
    g.blank(1)
    g.title(["云岭市青溪区住房和城乡建设委员会关于开展", "2026年汛期房屋安全隐患排查整治的通知"])
    g.addressee("各镇人民政府、街道办事处，各有关单位：")
    g.body(T7_BODY)
    g.sign(["云岭市青溪区住房和城乡建设委员会"], "2026年4月1日")
    g.banji(["抄送：区应急管理局，区规划自然资源局。"], printer="青溪区住房和城乡建设委员会办公室", date="2026年4月1日")
    return g.save(folder, "青溪建委发〔2026〕7号.docx")


CASE_NO_FUZHU = Case("no_fuzhu", build_no_fuzhu, _exp(
    title=T7_TITLE, doc_number="青溪建委发〔2026〕7号", issuer="青溪区住房和城乡建设委员会文件",
    addressee="各镇人民政府、街道办事处，各有关单位：", written="2026-04-01",
    signature=["云岭市青溪区住房和城乡建设委员会"], headings=_headings(T7_BODY), messages=["公开属性"],
    producer="word"))


# 8. Two-line title as two centred paragraphs padded with U+3000.
T8_TITLE = "云岭市青溪区人民政府办公室关于印发青溪区2026年政务公开工作要点的通知"


def build_title_two_paragraphs(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 20, 17, 0))
    g.red_head("青溪区人民政府办公室文件", size=34, spacing=-30)
    g.blank(1)
    g.number("青溪府办发〔2026〕8号")
    g.rule()
    g.blank(1)
    g.title(["\u3000云岭市青溪区人民政府办公室关于印发\u3000", "\u3000\u3000青溪区2026年政务公开工作要点的通知\u3000\u3000"],
            mode="paras")
    g.addressee("各镇人民政府、街道办事处，区政府各部门：")
    g.para("《青溪区2026年政务公开工作要点》已经区人民政府同意，现印发给你们，请结合实际认真贯彻落实。")
    g.para("各单位要于2026年12月10日前将工作要点落实情况书面报送区政府办公室（区政务公开办）。")
    g.sign(["云岭市青溪区人民政府办公室"], "2026年3月20日")
    g.note("（此件公开发布）")
    return g.save(folder, "关于印发青溪区2026年政务公开工作要点的通知.docx")


CASE_TITLE_TWO_PARAS = Case("title_two_paragraphs", build_title_two_paragraphs, _exp(
    title=T8_TITLE, doc_number="青溪府办发〔2026〕8号", issuer="青溪区人民政府办公室文件",
    addressee="各镇人民政府、街道办事处，区政府各部门：", written="2026-03-20", disclosure="主动公开",
    signature=["云岭市青溪区人民政府办公室"], producer="word"))


# 9. Saved by WPS: body indented with U+3000 U+3000, signature pushed right with U+3000.
T9_TITLE = "云岭市青溪区龙门镇人民政府关于做好2026年春季森林草原防灭火工作的通知"
T9_BODY = [
    (0, "当前已进入春季森林草原防灭火关键期，我镇林区面积大、祭祀用火和农事用火多，防灭火形势严峻。"
        "为切实做好今年春季森林草原防灭火工作，现将有关事项通知如下。"),
    (1, "一、压实防火责任"),
    (0, "各村（居）委会主任是本辖区森林草原防灭火第一责任人，要层层签订责任书，落实护林员巡山制度。"),
    (1, "二、严管野外火源"),
    (2, "（一）加强重点时段管控"),
    (0, "清明节前后，在主要进山路口设置检查站，严禁携带火种进山。"),
    (2, "（二）规范农事用火"),
    (0, "确需烧灰积肥、烧田埂草的，须提前向村委会报备，在有人看守的情况下用火。"),
    (1, "三、做好扑救准备"),
    (0, "镇半专业扑火队实行24小时值班备勤，发现火情立即报告镇应急办，确保打早、打小、打了。"),
]


def build_wps_saved(folder: Path) -> Path:
    g = Gw("wps", indent="sp", when=datetime(2026, 2, 10, 8, 40))
    g.red_head("龙门镇人民政府文件", size=42, spacing=-10)
    g.blank(1)
    g.number("龙门府发〔2026〕4号")
    g.rule(sz=18)
    g.blank(1)
    g.title([T9_TITLE])
    g.addressee("各村（居）民委员会，镇属各单位：")
    g.body(T9_BODY)
    g.sign(["云岭市青溪区龙门镇人民政府"], "2026年2月10日", mode="pad")
    g.note("（此件公开发布）")
    return g.save(folder, "龙门府发〔2026〕4号关于做好2026年春季森林草原防灭火工作的通知.docx")


CASE_WPS = Case("wps_saved", build_wps_saved, _exp(
    title=T9_TITLE, doc_number="龙门府发〔2026〕4号", issuer="龙门镇人民政府文件",
    addressee="各村（居）民委员会，镇属各单位：", written="2026-02-10", disclosure="主动公开",
    signature=["云岭市青溪区龙门镇人民政府"], headings=_headings(T9_BODY), producer="wps"))


# 10. 上行文: ［］ brackets, 签发人 on the 发文字号 line; （此件不公开）; a 联系人 附注 with a landline.
T10_TITLE = "云岭市青溪区民政局关于申请追加2026年城乡低保资金的请示"


def build_shangxing_qianfa(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 3, 14, 0))
    g.red_head("青溪区民政局文件", size=40, spacing=-20)
    g.blank(1)
    g.number([R("青溪民文［2026］3号" + "\u3000" * 4 + "签发人："), R("张三", font=KT)], jc="both", rule=RED)
    g.blank(1)
    g.title([T10_TITLE])
    g.addressee("青溪区人民政府：")
    for t in [
        "2026年区级财政预算安排城乡低保资金3200万元。受低保标准提高和保障人数增加影响，"
        "截至2026年2月底已支出1050万元，预计全年需资金3860万元，资金缺口660万元。",
        "为确保低保金按月足额发放，特申请区财政追加2026年城乡低保资金660万元。",
        "妥否，请批示。",
    ]:
        g.para(t)
    g.sign(["云岭市青溪区民政局"], "2026年3月3日")
    g.note("（此件不公开）")
    g.note("（联系人：王丽，联系电话：0871-65120012）")
    return g.save(folder, "青溪民文［2026］3号 关于申请追加2026年城乡低保资金的请示.docx")


CASE_SHANGXING = Case("shangxing_qianfa", build_shangxing_qianfa, _exp(
    title=T10_TITLE, doc_number="青溪民文［2026］3号", issuer="青溪区民政局文件", addressee="青溪区人民政府：",
    written="2026-03-03", disclosure="不予公开", signature=["云岭市青溪区民政局"], producer="word"))


# 11. 函 (信函格式): organ name without 文件, red double rules, 发文字号 flush right,
#     date in Chinese numerals with ○ (U+25CB), （此件依申请公开）.
T11_TITLE = "云岭市青溪区民政局关于商请协助核查低保申请家庭住房情况的函"


def build_han_letter(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 12, 10, 0))
    g.red_head("云岭市青溪区民政局", size=30, spacing=20, before_lines=0,
               border={"bottom": ("thickThinSmallGap", 24, RED, 4)})
    g.number("青溪民函〔2026〕8号", jc="right")
    g.blank(1)
    g.title([T11_TITLE])
    g.addressee("云岭市青溪区住房和城乡建设委员会：")
    for t in [
        "为准确核定低保申请家庭经济状况，根据《最低生活保障审核确认办法》有关规定，"
        "现商请贵委协助核查2026年第一季度低保申请家庭成员名下的商品房网签备案和不动产交易信息。",
        "申请家庭名单已通过政务内网加密传送，请于2026年3月31日前反馈核查结果。",
        "特此函商。",
    ]:
        g.para(t)
    g.sign(["云岭市青溪区民政局"], "二○二六年三月十二日")
    g.note("（此件依申请公开）")
    g.blank(2)
    g.rule(val="thinThickSmallGap", sz=24, side="top")
    return g.save(folder, "青溪民函〔2026〕8号.docx")


CASE_HAN = Case("han_letter", build_han_letter, _exp(
    title=T11_TITLE, doc_number="青溪民函〔2026〕8号", issuer="云岭市青溪区民政局",
    addressee="云岭市青溪区住房和城乡建设委员会：", written="2026-03-12", disclosure="依申请公开",
    signature=["云岭市青溪区民政局"], producer="word"))


# 12. A signature that matches no organisation of the site.
T12_TITLE = "云岭市青溪区退役军人事务局关于开展2026年度退役军人优待证申领工作的通知"
T12_BODY = [
    (0, "根据退役军人事务部等部门关于全面推开退役军人和其他优抚对象优待证工作的部署，"
        "现就做好我区2026年度优待证申领工作通知如下。"),
    (1, "一、申领对象"),
    (0, "户籍在本区的退役军人和其他优抚对象，此前未申领优待证的，均可申领。"),
    (1, "二、申领方式"),
    (0, "申领人可通过“退役军人之家”小程序线上申请，也可到户籍所在地镇（街道）退役军人服务站现场申请。"),
]


def build_unknown_signer(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 18, 9, 0))
    g.red_head("青溪区退役军人事务局文件", size=34, spacing=-30)
    g.blank(1)
    g.number("青溪退役军人发〔2026〕2号")
    g.rule()
    g.blank(1)
    g.title(["云岭市青溪区退役军人事务局关于开展", "2026年度退役军人优待证申领工作的通知"])
    g.addressee("各镇人民政府、街道办事处：")
    g.body(T12_BODY)
    g.sign(["云岭市青溪区退役军人事务局"], "2026年3月18日")
    g.note("（此件公开发布）")
    return g.save(folder, "青溪退役军人发〔2026〕2号.docx")


CASE_UNKNOWN_SIGNER = Case("unknown_signer", build_unknown_signer, _exp(
    title=T12_TITLE, doc_number="青溪退役军人发〔2026〕2号", issuer="青溪区退役军人事务局文件",
    addressee="各镇人民政府、街道办事处：", written="2026-03-18", disclosure="主动公开",
    signature=["云岭市青溪区退役军人事务局"], headings=_headings(T12_BODY), messages=["署名"], producer="word"))


# 13. Title split mid-phrase by a w:br in one paragraph.
T13_LINES = ["云岭市青溪区民政局关于印发《青溪区最低生活保障", "审核确认办法》的通知"]
T13_TITLE = "".join(T13_LINES)


def build_title_br_midphrase(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 10, 15, 0))
    g.red_head("青溪区民政局文件", size=40, spacing=-20)
    g.blank(1)
    g.number("青溪民发〔2026〕11号")
    g.rule()
    g.blank(1)
    g.title(T13_LINES, mode="br")
    g.addressee("各镇人民政府、街道办事处，区级有关部门：")
    g.para("现将《青溪区最低生活保障审核确认办法》印发给你们，请结合实际认真贯彻执行。")
    g.para("本办法自2026年4月1日起施行，原《青溪区最低生活保障审核审批实施细则》（青溪民发〔2021〕9号）同时废止。")
    g.sign(["云岭市青溪区民政局"], "2026年3月10日")
    g.note("（此件公开发布）")
    return g.save(folder, "青溪民发〔2026〕11号.docx")


CASE_TITLE_BR = Case("title_br_midphrase", build_title_br_midphrase, _exp(
    title=T13_TITLE, doc_number="青溪民发〔2026〕11号", issuer="青溪区民政局文件",
    addressee="各镇人民政府、街道办事处，区级有关部门：", written="2026-03-10", disclosure="主动公开",
    signature=["云岭市青溪区民政局"], producer="word"))


# 14. 版记 whose 印发 date (2026年3月9日) differs from the 成文日期 (2026年3月5日).
T14_TITLE = "云岭市青溪区人民政府办公室关于做好2026年第一季度政府网站与政务新媒体检查整改工作的通知"
T14_BODY = [
    (0, "2026年第一季度全区政府网站与政务新媒体检查已经完成，共抽查政府网站1个、政务新媒体23个，"
        "总体合格率95.7%。现将整改有关事项通知如下。"),
    (1, "一、整改内容"),
    (0, "对检查发现的栏目长期不更新、互动回应不及时、错别字等问题，各单位要逐条整改到位。"),
    (1, "二、整改时限"),
    (0, "请于2026年3月31日前完成整改，并将整改报告报区政府办公室。"),
]


def build_banji_date_differs(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 3, 9, 10, 0))
    g.red_head("青溪区人民政府办公室文件", size=34, spacing=-30)
    g.blank(1)
    g.number("青溪府办发〔2026〕9号")
    g.rule()
    g.blank(1)
    g.title(["云岭市青溪区人民政府办公室关于做好2026年第一季度", "政府网站与政务新媒体检查整改工作的通知"])
    g.addressee("区政府各部门，各镇人民政府、街道办事处：")
    g.body(T14_BODY)
    g.sign(["云岭市青溪区人民政府办公室"], "2026年3月5日")
    g.note("（此件公开发布）")
    g.banji(["抄送：区委办公室，区委网信办。"], printer="青溪区人民政府办公室", date="2026年3月9日")
    return g.save(folder, "青溪府办发〔2026〕9号.docx")


CASE_BANJI_DATE = Case("banji_date_differs", build_banji_date_differs, _exp(
    title=T14_TITLE, doc_number="青溪府办发〔2026〕9号", issuer="青溪区人民政府办公室文件",
    addressee="区政府各部门，各镇人民政府、街道办事处：", written="2026-03-05", disclosure="主动公开",
    signature=["云岭市青溪区人民政府办公室"], headings=_headings(T14_BODY), producer="word"))


# 15. Attachments sent separately: attachment 1 as a companion file beside the document,
#     attachment 2 neither in the document nor sent (message "附件").
T15_TITLE = "云岭市青溪区民政局关于做好2026年第一季度城乡低保资金发放情况报送工作的通知"
T15_ATT = ["2026年第一季度城乡低保资金发放汇总表", "青溪区低保对象家庭经济状况复核情况统计表"]
T15_COMPANION = "附件1：2026年第一季度城乡低保资金发放汇总表.xlsx"


def build_attachment_companion(folder: Path) -> Path:
    g = Gw("word", when=datetime(2026, 4, 3, 9, 0))
    g.red_head("青溪区民政局文件", size=40, spacing=-20)
    g.blank(1)
    g.number("青溪民发〔2026〕19号")
    g.rule()
    g.blank(1)
    g.title(["云岭市青溪区民政局关于做好2026年第一季度", "城乡低保资金发放情况报送工作的通知"])
    g.addressee("各镇人民政府、街道办事处：")
    g.para("为掌握全区城乡低保资金发放情况，请各镇人民政府、街道办事处对照附件格式，"
           "于2026年4月15日前报送第一季度低保资金发放汇总表和家庭经济状况复核情况统计表（纸质版加盖公章）。")
    g.attachment_note(["附件：1．2026年第一季度城乡低保资金发放汇总表",
                       "\u3000" * 5 + "2．青溪区低保对象家庭经济状况复核情况统计表"])
    g.sign(["云岭市青溪区民政局"], "2026年4月3日")
    g.note("（此件公开发布）")
    path = g.save(folder, "青溪民发〔2026〕19号.docx")
    (Path(folder) / T15_COMPANION).write_bytes(make_xlsx([
        ["2026年第一季度城乡低保资金发放汇总表"],
        ["镇（街道）", "城市低保（元）", "农村低保（元）", "合计（元）"],
        ["", "", "", ""],
    ], sheet="汇总表"))
    return path


CASE_ATTACHMENT_COMPANION = Case("attachment_companion", build_attachment_companion, _exp(
    title=T15_TITLE, doc_number="青溪民发〔2026〕19号", issuer="青溪区民政局文件",
    addressee="各镇人民政府、街道办事处：", written="2026-04-03", disclosure="主动公开",
    signature=["云岭市青溪区民政局"], attachments=T15_ATT, messages=["附件"], producer="word"),
    companions=(T15_COMPANION,))


GALLERY: list[Case] = [
    CASE_TONGZHI_FULL,          # 1
    CASE_GONGGAO,               # 2
    CASE_GONGSHI,               # 3
    CASE_CHINESE_DATE,          # 4
    CASE_ATTACHMENTS_EMBEDDED,  # 5
    CASE_JOINT,                 # 6
    CASE_NO_FUZHU,              # 7
    CASE_TITLE_TWO_PARAS,       # 8
    CASE_WPS,                   # 9
    CASE_SHANGXING,             # 10
    CASE_HAN,                   # 11
    CASE_UNKNOWN_SIGNER,        # 12
    CASE_TITLE_BR,              # 13
    CASE_BANJI_DATE,            # 14
    CASE_ATTACHMENT_COMPANION,  # 15
]


# =======================================================================================
# UNSEEN: other districts (invented: 苍山市西林区, 川东市临江县, 楚南市红岩区, 江源市白沙县,
# 滨江市南湖区), other domains and habits.  None of their organisations is in the site,
# except U4, which is from 云岭市青溪区医疗保障局 (a site organisation) in other wording.
# =======================================================================================

# U1. 财政预决算: padded serial 〔2024〕012号, dark-red head, rule under the number paragraph,
#     a body table, a date typed with spaces ("2024年 3月 8日").
U1_TITLE = "苍山市西林区财政局关于做好2024年区级部门预算公开工作的通知"
U1_TABLE = [
    ["公开事项", "公开主体", "公开时限", "公开平台"],
    ["部门预算报告及报表", "各预算部门", "批复后20日内", "区政府门户网站"],
    ["“三公”经费预算", "各预算部门", "与部门预算同步", "区政府门户网站"],
    ["政府采购预算", "各预算部门", "与部门预算同步", "区政府门户网站"],
]
U1_BODY = [
    (0, "根据《中华人民共和国预算法》及其实施条例和《地方预决算公开操作规程》规定，"
        "为做好2024年区级部门预算公开工作，现将有关事项通知如下。"),
    (1, "一、公开内容"),
    (2, "（一）部门预算报告及报表"),
    (0, "包括部门职责及机构设置情况、预算收支增减变化情况、机关运行经费安排情况等，"
        "以及收支总表、收入总表、支出总表、财政拨款收支总表等9张报表。"),
    (2, "（二）“三公”经费预算"),
    (0, "细化说明因公出国（境）费、公务用车购置及运行费、公务接待费的预算安排及增减变化原因。"),
    (1, "二、公开时间和方式"),
    (0, "各部门应当在区财政局批复部门预算后20日内，按下表要求向社会公开。"),
    ("table", U1_TABLE, [2600, 1700, 2000, 2200], []),
    (1, "三、工作要求"),
    (0, "涉及国家秘密的部门，按照保密规定不得公开；其他部门不得以任何理由拒绝公开。"
        "区财政局将会同区审计局对公开情况进行检查。"),
]


def build_u1_budget(folder: Path) -> Path:
    g = Gw("word", when=datetime(2024, 3, 8, 10, 20))
    g.red_head("西林区财政局文件", color=DARK_RED, size=42, spacing=-20)
    g.blank(1)
    g.number("西财发〔2024〕012号", rule=DARK_RED, sz=24)
    g.blank(1)
    g.title(["苍山市西林区财政局关于做好2024年", "区级部门预算公开工作的通知"])
    g.addressee("区级各部门（单位）：")
    g.body(U1_BODY)
    g.sign(["苍山市西林区财政局"], "2024年 3月 8日")
    g.note("（此件公开发布）")
    g.footer_page_numbers()
    return g.save(folder, "西财发〔2024〕012号.docx")


U1 = Case("u_budget_padded_serial", build_u1_budget, _exp(
    title=U1_TITLE, doc_number="西财发〔2024〕012号", issuer="西林区财政局文件", addressee="区级各部门（单位）：",
    written="2024-03-08", disclosure="主动公开", signature=["苍山市西林区财政局"], headings=_headings(U1_BODY),
    table_rows=_tables(U1_BODY), messages=["署名"], producer="word"))


# U2. 义务教育: a three-line title (three paragraphs), 公开方式：主动公开 in the 版记, WPS.
U2_LINES = ["川东市临江县教育体育局", "关于做好2024年义务教育阶段学校", "招生入学工作的通知"]
U2_BODY = [
    (0, "为进一步规范义务教育招生入学秩序，保障适龄儿童少年依法接受义务教育，"
        "根据上级有关文件精神，结合我县实际，现就2024年义务教育阶段学校招生入学工作通知如下。"),
    (1, "一、招生原则"),
    (0, "坚持免试就近入学，公办学校和民办学校同步招生，严禁以各类考试、竞赛、培训成绩作为招生依据。"),
    (1, "二、招生对象"),
    (2, "（一）小学一年级"),
    (0, "2018年8月31日前出生、户籍或者居住地在本县的适龄儿童。"),
    (2, "（二）初中一年级"),
    (0, "2024年小学毕业的本县户籍学生，以及符合条件的随迁子女。"),
    (1, "三、时间安排"),
    (3, "1.信息采集"),
    (0, "2024年7月1日至7月10日，家长通过县教育体育局招生平台填报入学信息。"),
    (3, "2.审核录取"),
    (0, "2024年7月11日至7月31日，各学校审核材料并公布录取结果。"),
    (1, "四、工作要求"),
    (0, "各学校要公布招生范围、招生计划和咨询电话，不得跨片区招生，不得提前招生。"),
]


def build_u2_jiaoyu(folder: Path) -> Path:
    g = Gw("wps", indent="sp", when=datetime(2024, 3, 15, 16, 5))
    g.red_head("临江县教育体育局文件", size=38, spacing=-30)
    g.blank(1)
    g.number("临教体发〔2024〕21号")
    g.rule()
    g.blank(1)
    g.title(U2_LINES, mode="paras")
    g.addressee("各乡镇中心学校，县直各学校：")
    g.body(U2_BODY)
    g.sign(["川东市临江县教育体育局"], "2024年3月15日", mode="pad")
    g.banji(["公开方式：主动公开", "抄送：县人民政府办公室，县发展和改革局，县公安局。"],
            printer="临江县教育体育局办公室", date="2024年3月15日")
    return g.save(folder, "临教体发〔2024〕21号 关于做好2024年义务教育阶段学校招生入学工作的通知.docx")


U2 = Case("u_jiaoyu_three_line_title", build_u2_jiaoyu, _exp(
    title="".join(U2_LINES), doc_number="临教体发〔2024〕21号", issuer="临江县教育体育局文件",
    addressee="各乡镇中心学校，县直各学校：", written="2024-03-15", disclosure="主动公开",
    signature=["川东市临江县教育体育局"], headings=_headings(U2_BODY), messages=["署名"], producer="wps"))


# U3. 农村危房改造 公示: masked ID and phone numbers (no personal data), merged 村 cells,
#     date padded "2024年03月05日", signature pushed right with tabs, no 附注.
U3_TITLE = "石桥镇2024年第一批农村危房改造对象公示"
U3_TABLE = [
    ["序号", "村（社区）", "户主姓名", "身份证号", "联系电话", "改造方式", "补助金额（元）"],
    ["1", "石桥村", "罗正华", "5325**********0417", "139****2861", "加固", "15000"],
    ["2", "", "吴玉兰", "5325**********2028", "158****0375", "拆除重建", "35000"],
    ["3", "", "罗开明", "5325**********0638", "187****9924", "加固", "15000"],
    ["4", "田坝村", "陈桂芬", "5325**********1243", "136****7710", "拆除重建", "35000"],
    ["5", "", "杨文富", "5325**********0055", "152****4106", "加固", "15000"],
]
U3_MERGES = [(1, 1, 3, 1), (4, 1, 5, 1)]


def build_u3_weifang(folder: Path) -> Path:
    g = Gw("wps", indent="sp", when=datetime(2024, 3, 5, 11, 0))
    g.blank(1)
    g.title([U3_TITLE])
    g.para("根据《楚南市农村低收入群体等重点对象住房安全保障工作实施方案》，经农户自愿申请、村民代表评议、"
           "住房安全鉴定和镇人民政府审核，确定2024年第一批农村危房改造对象5户，现予以公示。")
    g.para("公示时间：2024年3月6日至2024年3月12日。对公示对象有异议的，请在公示期内以书面形式向镇村镇建设服务中心反映，"
           "联系电话：0873-7321066。")
    g.add(_table_xml(U3_TABLE, [550, 1100, 1050, 2350, 1450, 1150, 1150], U3_MERGES, font=ST, size=10.5, line=None))
    g.sign(["楚南市红岩区石桥镇人民政府"], "2024年03月05日", mode="tabs", blank_before=1)
    return g.save(folder, "石桥镇2024年第一批农村危房改造对象公示.docx")


U3 = Case("u_weifang_gongshi_padded_date", build_u3_weifang, _exp(
    title=U3_TITLE, written="2024-03-05", signature=["楚南市红岩区石桥镇人民政府"], table_rows=[U3_TABLE],
    messages=["公开属性", "署名"], producer="wps"))


# U4. 医疗保障, from a site organisation: body and headings indented with ASCII spaces,
#     headings "1、" and "（1）", signature pushed with spaces, （此件依申请公开）.
U4_TITLE = "云岭市青溪区医疗保障局关于规范定点医药机构医保基金使用内部管理的通知"
U4_BODY = [
    (0, "为加强医疗保障基金使用监督管理，防范欺诈骗保行为，根据《医疗保障基金使用监督管理条例》，"
        "现就规范定点医药机构医保基金使用内部管理有关事项通知如下。"),
    (1, "一、健全内部管理制度"),
    (2, "（一）明确管理责任"),
    (3, "1、主要负责人责任"),
    (0, "定点医药机构主要负责人是医保基金使用的第一责任人，应当组织建立医保管理部门或者指定专人负责。"),
    (3, "2、医保管理人员责任"),
    (4, "（1）审核结算费用"),
    (0, "对医保费用进行事前提醒、事中审核、事后复核，发现问题及时纠正。"),
    (4, "（2）开展政策培训"),
    (0, "每季度至少组织一次医保政策培训，培训记录留存备查。"),
    (2, "（二）规范诊疗服务"),
    (0, "严格执行出入院标准和诊疗规范，不得分解住院、挂床住院，不得过度诊疗、过度检查。"),
    (1, "二、开展自查自纠"),
    (0, "各定点医药机构于2026年5月31日前完成2025年以来医保基金使用情况自查，主动退回违规费用。"),
]


def build_u4_yibao(folder: Path) -> Path:
    g = Gw("word", indent="ascii", when=datetime(2026, 4, 2, 9, 15))
    g.red_head("青溪区医疗保障局文件", size=38, spacing=-20)
    g.blank(1)
    g.number("青溪医保发〔2026〕9号")
    g.rule()
    g.blank(1)
    g.title(["云岭市青溪区医疗保障局关于规范定点医药机构", "医保基金使用内部管理的通知"])
    g.addressee("区内各定点医药机构：")
    g.body(U4_BODY)
    g.sign(["云岭市青溪区医疗保障局"], "2026年4月2日", mode="ascii")
    g.note("（此件依申请公开）")
    return g.save(folder, "青溪医保发〔2026〕9号.docx")


U4 = Case("u_yibao_yishenqing", build_u4_yibao, _exp(
    title=U4_TITLE, doc_number="青溪医保发〔2026〕9号", issuer="青溪区医疗保障局文件", addressee="区内各定点医药机构：",
    written="2026-04-02", disclosure="依申请公开", signature=["云岭市青溪区医疗保障局"], headings=_headings(U4_BODY),
    producer="word"))


# U5. 公共法律服务 请示: 〔〕 number with 签发人, （此件不予公开）, a contact's mobile in the 附注.
U5_TITLE = "苍山市西林区司法局关于申请拨付2024年公共法律服务中心建设经费的请示"
U5_BODY = [
    (0, "按照《苍山市公共法律服务体系建设规划》要求，我局拟于2024年完成区公共法律服务中心标准化建设，"
        "现将有关情况请示如下。"),
    (1, "一、项目基本情况"),
    (0, "区公共法律服务中心现有场地280平方米，设有法律援助、人民调解、公证咨询等6个窗口，"
        "需新增智能法律服务终端、调解室隔音改造和信息化平台接入等内容。"),
    (1, "二、经费需求"),
    (0, "经测算，项目共需经费86.5万元，其中设备购置52万元，场地改造24.5万元，平台接入10万元。"),
    (0, "妥否，请批示。"),
]
U5_MOBILE = "13628745190"


def build_u5_sifa(folder: Path) -> Path:
    g = Gw("word", when=datetime(2024, 4, 8, 14, 30))
    g.red_head("西林区司法局文件", size=42, spacing=-10)
    g.blank(1)
    g.number([R("西司文〔2024〕5号" + "\u3000" * 8 + "签发人："), R("陈志远", font=KT)], jc="both", rule=RED)
    g.blank(1)
    g.title(["苍山市西林区司法局关于申请拨付2024年", "公共法律服务中心建设经费的请示"])
    g.addressee("西林区人民政府：")
    g.body(U5_BODY)
    g.sign(["苍山市西林区司法局"], "2024年4月8日")
    g.note("（此件不予公开）")
    g.note(f"（联系人：刘晓燕，联系电话：{U5_MOBILE}）")
    return g.save(folder, "西司文〔2024〕5号.docx")


U5 = Case("u_sifa_qingshi_buyu", build_u5_sifa, _exp(
    title=U5_TITLE, doc_number="西司文〔2024〕5号", issuer="西林区司法局文件", addressee="西林区人民政府：",
    written="2024-04-08", disclosure="不予公开", signature=["苍山市西林区司法局"], headings=_headings(U5_BODY),
    personal_data=[U5_MOBILE], messages=["署名", "个人信息"], producer="word"))


# U6. 公告 with a 公告 number (2024年第3号), saved by LibreOffice (w:jc start/end), date with
#     零, 公开属性 without parentheses.
U6_TITLE = "滨江市南湖区人民政府公告"


def build_u6_gonggao_lo(folder: Path) -> Path:
    g = Gw("libreoffice", when=datetime(2024, 5, 20, 8, 0))
    g.blank(1)
    g.title([U6_TITLE])
    g.p("2024年第3号", jc="center")
    g.blank(1)
    for t in [
        "根据《中华人民共和国义务教育法》和滨江市教育局有关规定，结合南湖区适龄儿童分布和学校学位情况，"
        "现将南湖区2024年义务教育学校招生划片范围公告如下：",
        "南湖区第一小学服务片区为湖滨路以东、建设路以北区域；南湖区实验小学服务片区为湖滨路以西、建设路以北区域；"
        "南湖区第二中学服务片区为建设路以南区域。",
        "片区范围以住房所在地为准，具体门牌号查询可登录滨江市南湖区人民政府门户网站“政务公开”栏目。",
        "本公告自发布之日起施行，由南湖区教育局负责解释。",
    ]:
        g.para(t, jc="start")
    g.sign(["滨江市南湖区人民政府"], "二零二四年五月二十日", mode="end")
    g.p("此件公开发布", jc="start", ind=IND2)
    return g.save(folder, "南湖区人民政府公告（2024年第3号）.docx")


U6 = Case("u_gonggao_libreoffice", build_u6_gonggao_lo, _exp(
    title=U6_TITLE, doc_number="2024年第3号", written="2024-05-20", disclosure="主动公开",
    signature=["滨江市南湖区人民政府"], messages=["署名"], producer="libreoffice"))


# U7. 公共法律服务 公示 dated only with year and month: 成文日期 is missing its day.
U7_TITLE = "关于西林区2024年度法律援助志愿律师拟聘人员名单的公示"
U7_TABLE = [
    ["序号", "姓名", "执业机构", "执业证号"],
    ["1", "周明轩", "云川律师事务所", "15301201910123456"],
    ["2", "何静", "西林律师事务所", "15301201711087342"],
    ["3", "段宏伟", "苍山天平律师事务所", "15301202012093518"],
]


def build_u7_month_only(folder: Path) -> Path:
    g = Gw("word", when=datetime(2024, 6, 14, 10, 0))
    g.blank(1)
    g.title(["关于西林区2024年度法律援助志愿律师", "拟聘人员名单的公示"])
    g.para("根据《西林区法律援助志愿律师管理办法》，经个人报名、资格审查和综合评议，"
           "拟聘任以下3名律师为2024年度西林区法律援助志愿律师，现予以公示。")
    g.para("公示期为5个工作日。如有异议，请在公示期内向区法律援助中心书面反映，电话：0872-2156033。")
    g.add(_table_xml(U7_TABLE, [800, 1600, 3000, 3000], font=ST, size=12, line=None))
    g.sign(["苍山市西林区司法局"], "2024年6月", blank_before=1)
    g.note("（此件公开发布）")
    return g.save(folder, "法律援助志愿律师拟聘人员名单公示.docx")


U7 = Case("u_falv_month_only_date", build_u7_month_only, _exp(
    title=U7_TITLE, written=None, disclosure="主动公开", signature=["苍山市西林区司法局"], table_rows=[U7_TABLE],
    messages=["成文日期", "署名"], producer="word"))


# U8. 农村危房改造 通知 with two dates under the 署名 (an old date left in by mistake).
U8_TITLE = "楚南市红岩区住房和城乡建设局关于开展2024年农村危房改造竣工验收工作的通知"
U8_BODY = [
    (0, "2024年全区农村危房改造任务126户已基本完工。为确保改造质量和补助资金安全，决定开展竣工验收工作。"),
    (1, "一、验收内容"),
    (0, "主要验收房屋改造是否符合抗震设防要求、是否达到住房安全基本要求，以及补助资金是否按时足额兑付到户。"),
    (1, "二、验收程序"),
    (2, "（一）镇级初验"),
    (0, "各镇人民政府组织技术人员逐户验收，填写竣工验收表，由户主签字确认。"),
    (2, "（二）区级抽验"),
    (0, "区住房和城乡建设局按照不低于20%的比例进行抽查验收。"),
]


def build_u8_two_dates(folder: Path) -> Path:
    g = Gw("wps", indent="sp", when=datetime(2024, 9, 12, 9, 0))
    g.red_head("红岩区住房和城乡建设局文件", size=32, spacing=-30)
    g.blank(1)
    g.number("红住建发〔2024〕31号")
    g.rule()
    g.blank(1)
    g.title(["楚南市红岩区住房和城乡建设局关于开展", "2024年农村危房改造竣工验收工作的通知"])
    g.addressee("各镇人民政府：")
    g.body(U8_BODY)
    g.sign(["楚南市红岩区住房和城乡建设局"], ["2024年9月2日", "2024年9月12日"], mode="pad")
    g.note("（此件公开发布）")
    return g.save(folder, "红住建发〔2024〕31号.docx")


U8 = Case("u_weifang_two_dates", build_u8_two_dates, _exp(
    title=U8_TITLE, doc_number="红住建发〔2024〕31号", issuer="红岩区住房和城乡建设局文件", addressee="各镇人民政府：",
    written=None, disclosure="主动公开", signature=["楚南市红岩区住房和城乡建设局"], headings=_headings(U8_BODY),
    messages=["成文日期", "署名"], producer="wps"))


# U9. 医疗保障: the 发文机关标志 typed into the first page's header part.
U9_TITLE = "江源市白沙县医疗保障局关于开展2024年医疗保障基金监管集中宣传月活动的通知"
U9_BODY = [
    (0, "为营造全社会共同维护医保基金安全的良好氛围，按照国家医疗保障局统一部署，"
        "决定于2024年4月在全县开展医疗保障基金监管集中宣传月活动。"),
    (1, "一、活动主题"),
    (0, "安全规范用基金，守好人民“看病钱”。"),
    (1, "二、活动内容"),
    (2, "（一）集中宣传解读"),
    (0, "在定点医药机构醒目位置张贴宣传海报，滚动播放警示教育片，解读《医疗保障基金使用监督管理条例》。"),
    (2, "（二）曝光典型案例"),
    (0, "通过县人民政府门户网站和“白沙医保”公众号曝光欺诈骗保典型案例。"),
]


def build_u9_header_part(folder: Path) -> Path:
    g = Gw("word", when=datetime(2024, 4, 1, 15, 0))
    g.first_page_header([
        _p_xml([], line=None),
        _p_xml(R("白沙县医疗保障局文件", font=XBS, size=40, color=RED, spacing=-20), jc="center", line=None),
    ])
    g.blank(1)
    g.number("白医保发〔2024〕17号", rule=RED, sz=24)
    g.blank(1)
    g.title(["江源市白沙县医疗保障局关于开展2024年", "医疗保障基金监管集中宣传月活动的通知"])
    g.addressee("各乡镇人民政府，县医疗保障基金监管服务中心，各定点医药机构：")
    g.body(U9_BODY)
    g.sign(["江源市白沙县医疗保障局"], "2024年4月1日")
    g.note("（此件主动公开）")
    return g.save(folder, "白医保发〔2024〕17号.docx")


U9 = Case("u_yibao_head_in_header", build_u9_header_part, _exp(
    title=U9_TITLE, doc_number="白医保发〔2024〕17号", issuer="白沙县医疗保障局文件",
    addressee="各乡镇人民政府，县医疗保障基金监管服务中心，各定点医药机构：", written="2024-04-01",
    disclosure="主动公开", signature=["江源市白沙县医疗保障局"], headings=_headings(U9_BODY), messages=["署名"],
    producer="word"))


# U10. 公共法律服务 印发 notice whose one attachment follows as its own pages in the same file
#      ("附件" label, centred title, 第X条 articles): the attachment is present.
U10_TITLE = "苍山市西林区司法局关于印发《西林区法律援助经济困难标准认定办法》的通知"
U10_ATT = "西林区法律援助经济困难标准认定办法"


def build_u10_appended(folder: Path) -> Path:
    g = Gw("word", when=datetime(2024, 5, 6, 16, 0))
    g.red_head("西林区司法局文件", size=42, spacing=-10)
    g.blank(1)
    g.number("西司发〔2024〕9号")
    g.rule()
    g.blank(1)
    g.title(["苍山市西林区司法局关于印发《西林区法律援助", "经济困难标准认定办法》的通知"])
    g.addressee("各镇人民政府、街道办事处，区法律援助中心：")
    g.para("《西林区法律援助经济困难标准认定办法》已经局党组会议研究通过，现印发给你们，请认真遵照执行。")
    g.attachment_note([f"附件：{U10_ATT}"])
    g.sign(["苍山市西林区司法局"], "2024年5月6日")
    g.note("（此件公开发布）")
    g.page_break()
    g.p(R("附件", font=HT), jc="left")
    g.blank(1)
    g.title([U10_ATT])
    for t in [
        "第一条\u3000为规范法律援助经济困难标准的认定，根据《中华人民共和国法律援助法》等规定，结合本区实际，制定本办法。",
        "第二条\u3000申请人及其共同生活的家庭成员人均月收入低于本区城乡最低生活保障标准2倍的，认定为经济困难。",
        "第三条\u3000特困人员、低保对象、残疾人等特定群体申请法律援助的，免予核查经济困难状况。",
        "第四条\u3000本办法自2024年6月1日起施行。",
    ]:
        g.para(t)
    return g.save(folder, "西司发〔2024〕9号 关于印发法律援助经济困难标准认定办法的通知.docx")


U10 = Case("u_falv_appended_attachment", build_u10_appended, _exp(
    title=U10_TITLE, doc_number="西司发〔2024〕9号", issuer="西林区司法局文件",
    addressee="各镇人民政府、街道办事处，区法律援助中心：", written="2024-05-06", disclosure="主动公开",
    signature=["苍山市西林区司法局"], attachments=[U10_ATT], messages=["署名"], producer="word"))


UNSEEN: list[Case] = [U1, U2, U3, U4, U5, U6, U7, U8, U9, U10]
