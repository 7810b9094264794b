"""Documents as ``gongwen.Block``s: .docx (python-docx's package, read as Word's XML),
.doc and .wps (converted to .docx by LibreOffice, when installed) and PDF (its text layer,
by pypdf).  Each reader returns the blocks in reading order, or raises ``Unreadable``
with a message that says what to do."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from dataclasses import replace

from .gongwen import SPACE, Block, squeeze

SUFFIXES = (".docx", ".doc", ".wps", ".pdf")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"
LIBREOFFICE_HINT = ("install LibreOffice to read .doc and .wps (Debian/Ubuntu: apt-get install "
                    "libreoffice-writer-nogui), or save the document as .docx in Word or WPS")


class Unreadable(Exception):
    """A document that cannot be read, with what to do about it."""


def read(path: Path) -> tuple[list[Block], str]:
    """The blocks of the document at ``path`` and the program that wrote it ("wps",
    "word", "libreoffice" or "")."""
    suffix = path.suffix.lower()
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from None
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        return _visible(read_pdf(path)), ""
    if head.startswith(b"PK"):
        blocks, producer = read_docx(path)
    elif suffix in (".doc", ".wps", ".docx"):
        if not head:
            raise Unreadable("the file is empty")
        if not head.startswith(_WORD_HEADS) and not head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith((b"<", b"MIME")):
            raise Unreadable("not a Word or WPS document: its first bytes are those of no .docx, .doc or .wps "
                             "(another kind of file renamed?); open it and save it as .docx")
        blocks, producer = read_docx(convert_to_docx(path))
    else:
        raise Unreadable(f"not a document gwsite reads (it reads {', '.join(SUFFIXES)})")
    return _visible(blocks), producer


# Characters that show nothing (zero-width spaces, byte-order marks, direction overrides,
# control characters): a 发文字号 typed with one inside (青溪民发​〔2025〕22号) is
# still that 发文字号, and none of them belongs on a published page.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def _visible(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the characters that show nothing taken out of their text."""
    out = []
    for b in blocks:
        if b.kind == "para" and _INVISIBLE.search(b.text):
            b = replace(b, text=_INVISIBLE.sub("", b.text))
        elif b.kind == "table" and any(_INVISIBLE.search(t) for row in b.rows for t, _, _ in row):
            b = replace(b, rows=tuple(tuple((_INVISIBLE.sub("", t), c, r) for t, c, r in row) for row in b.rows))
        out.append(b)
    return out


# --- .docx --------------------------------------------------------------------------------

def read_docx(path: Path | bytes) -> tuple[list[Block], str]:
    """The blocks of a .docx: paragraphs (text boxes' too), tables and pictures, in order."""
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a dependency
        raise Unreadable("python-docx is not installed (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise Unreadable(f"not a readable .docx ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged package
        raise Unreadable(f"not a readable .docx (damaged: {exc.__class__.__name__})") from None
    reader = _DocxReader(document)
    reader.walk(document.element.body)
    return _header_head(document) + reader.blocks, _producer(document)


def _header_head(document) -> list[Block]:
    """A 发文机关标志 put in the page header (some templates do): the first page's header
    lines that are red or end in 文件; other header text (a running title) is not the document's."""
    try:
        section = document.sections[0]
        headers = [h for h in (section.first_page_header, section.header) if not h.is_linked_to_previous]
    except Exception:
        return []
    for header in headers:
        reader = _DocxReader(document)
        reader.walk(header._element)
        found = [replace(b, where=f"header {b.where}") for b in reader.blocks
                 if b.kind == "para" and (b.red or squeeze(b.text).endswith("文件"))]
        if found:
            return found
    return []


def _producer(document) -> str:
    """Who wrote the file, from docProps/app.xml (python-docx reads only core.xml)."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            text = part.blob.decode("utf-8", "replace")
            m = re.search(r"<Application>([^<]*)</Application>", text)
            name = (m.group(1) if m else "").lower()
            return "wps" if "wps" in name else "libreoffice" if "libreoffice" in name else "word" if "word" in name else ""
    return ""


def _on(element, tag: str) -> bool | None:
    """A w:b-like toggle: True, False, or None when absent."""
    found = element.find(tag) if element is not None else None
    if found is None:
        return None
    return found.get(W + "val") not in ("0", "false", "off")


def _red(value: str | None) -> bool:
    if not value or not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return False
    r, g, b = int(value[:2], 16), int(value[2:4], 16), int(value[4:], 16)
    return r >= 0xA0 and g < 0x70 and b < 0x70


class _DocxReader:
    def __init__(self, document) -> None:
        self.document = document
        self.part = document.part
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.styles = self._styles()
        self.numbering = _Numbering(document)

    def _styles(self) -> dict[str, dict]:
        """styleId -> its paragraph and run properties, with what it is based on."""
        found: dict[str, dict] = {}
        try:
            root = self.document.styles.element
        except Exception:
            return found
        for style in root.findall(W + "style"):
            sid = style.get(W + "styleId")
            ppr, rpr = style.find(W + "pPr"), style.find(W + "rPr")
            based = style.find(W + "basedOn")
            found[sid] = {
                "jc": ppr.find(W + "jc").get(W + "val") if ppr is not None and ppr.find(W + "jc") is not None else None,
                "color": rpr.find(W + "color").get(W + "val") if rpr is not None and rpr.find(W + "color") is not None else None,
                "sz": rpr.find(W + "sz").get(W + "val") if rpr is not None and rpr.find(W + "sz") is not None else None,
                "b": _on(rpr, W + "b"),
                "num": ppr.find(W + "numPr") if ppr is not None else None,
                "based": based.get(W + "val") if based is not None else None,
            }
        return found

    def _style(self, sid: str | None, key: str):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            value = self.styles[sid][key]
            if value is not None:
                return value
            sid = self.styles[sid]["based"]
        return None

    def walk(self, parent) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt",):
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.walk(content)
            elif tag in (W + "ins", W + "customXml", W + "smartTag"):
                self.walk(child)

    def paragraph(self, p) -> None:
        # Text boxes first: a 版头 drawn in one sits above the paragraph that anchors it.
        for box in self._boxes(p):
            self.walk(box)
        self.paragraphs += 1
        where = f"¶{self.paragraphs}"
        ppr = p.find(W + "pPr")
        style = None
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            style = ppr.find(W + "pStyle").get(W + "val")
        jc = ppr.find(W + "jc").get(W + "val") if ppr is not None and ppr.find(W + "jc") is not None else None
        jc = jc or self._style(style, "jc") or ""
        align = {"center": "center", "right": "right", "end": "right", "left": "left", "start": "left",
                 "both": "both", "distribute": "both"}.get(jc, "")
        texts, red, sizes, bold_all, any_text = [], 0, [], True, 0
        for run, text in self._runs(p):
            if run == "drawing":
                self.picture(text, where)
            elif text:
                texts.append(text)
                rpr = run.find(W + "rPr")
                color = rpr.find(W + "color").get(W + "val") if rpr is not None and rpr.find(W + "color") is not None else None
                color = color or self._style(style, "color")
                count = len(text.strip(SPACE))
                any_text += count
                red += count if _red(color) else 0
                sz = rpr.find(W + "sz").get(W + "val") if rpr is not None and rpr.find(W + "sz") is not None else None
                sz = sz or self._style(style, "sz")
                if sz and sz.isdigit():
                    sizes.append(int(sz) / 2)
                bold = _on(rpr, W + "b")
                if bold is None:
                    bold = self._style(style, "b")
                if count and not bold:
                    bold_all = False
        text = "".join(texts)
        num = ppr.find(W + "numPr") if ppr is not None else None
        if num is None:
            num = self._style(style, "num")  # a list style (List Bullet, List Number) numbers its paragraphs
        bullet = False
        if num is not None and text.strip(SPACE):  # Word's own numbering (一、 1. …): its text is not in the runs
            label = self.numbering.label(num)
            bullet = label is None
            text = (label or "") + text.lstrip(SPACE)
        indent = False
        ind = ppr.find(W + "ind") if ppr is not None else None
        if ind is not None:
            first = ind.get(W + "firstLine") or ind.get(W + "firstLineChars")
            indent = bool(first and first.lstrip("-").isdigit() and int(first) > 0)
        indent = indent or text.startswith(("\u3000\u3000", "    "))
        border = ppr.find(f"{W}pBdr/{W}bottom") if ppr is not None else None
        rule = border is not None and border.get(W + "val") not in (None, "none", "nil")
        self.blocks.append(Block("para", where, text, align, any_text > 0 and red * 2 > any_text,
                                 any_text > 0 and bold_all, max(sizes, default=0.0), indent, rule, bullet=bullet))

    def _boxes(self, p):
        """The text boxes anchored in paragraph ``p`` (the Choice of each, not its Fallback)."""
        found = []
        for box in p.iter(W + "txbxContent"):
            if any(a.tag == MC + "Fallback" for a in box.iterancestors()):
                continue
            found.append(box)
        return found

    def _runs(self, p):
        """(run, text) of a paragraph's runs, in order, inside insertions and hyperlinks too;
        ("drawing", relationship id) for a picture."""
        for element in p.iter():
            if element.tag == W + "r":
                if any(a.tag in (W + "txbxContent", MC + "Fallback", W + "del") for a in element.iterancestors()):
                    continue
                parts = []
                for piece in element:
                    if piece.tag == W + "t":
                        parts.append(piece.text or "")
                    elif piece.tag == W + "tab":
                        parts.append("\t")
                    elif piece.tag in (W + "br", W + "cr") and piece.get(W + "type") != "page":
                        parts.append("\n")
                    elif piece.tag in (W + "drawing", W + "pict", W + "object"):
                        for blip in piece.iter(A + "blip"):
                            yield "drawing", blip.get(R + "embed")
                        for image in piece.iter(V + "imagedata"):
                            if piece.tag != W + "object":
                                yield "drawing", image.get(R + "id")
                        for ole in piece.iter(O + "OLEObject"):
                            yield "drawing", ole.get(R + "id")
                yield element, "".join(parts)

    def picture(self, rel_id: str | None, where: str) -> None:
        if not rel_id or rel_id not in self.part.rels:
            return
        rel = self.part.rels[rel_id]
        if rel.is_external:
            return
        target = rel.target_part
        name = str(target.partname).rsplit("/", 1)[-1]
        data = target.blob
        if data.startswith(OLE_MAGIC):  # an object: the file inside it, under its own name
            name, data = embedded_file(data, name)
        self.blocks.append(Block("file", where, name=name, data=data))

    def table(self, tbl) -> None:
        self.tables += 1
        where = f"table {self.tables}"
        grid: list[list[tuple[str, int, int] | None]] = []
        restarts: dict[int, tuple[int, int]] = {}  # column -> (row, index in that row) of a vertical merge
        for r, tr in enumerate(tbl.findall(W + "tr")):
            row: list[tuple[str, int, int] | None] = []
            column = 0
            for tc in tr.findall(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span = 1
                vmerge = None
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None and (gs.get(W + "val") or "").isdigit():
                        span = max(1, int(gs.get(W + "val")))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        vmerge = vm.get(W + "val") or "continue"
                text = "\n".join(self._cell_text(p) for p in tc.iter(W + "p")).strip()
                if vmerge == "continue" and column in restarts:
                    rr, index = restarts[column]
                    t, cs, rs = grid[rr][index]
                    grid[rr][index] = (t, cs, rs + 1)
                    row.append(None)
                else:
                    if vmerge == "restart":
                        restarts[column] = (r, len(row))
                    else:
                        restarts.pop(column, None)
                    row.append((text, span, 1))
                column += span
            grid.append(row)
        rows = tuple(tuple(c for c in row if c is not None) for row in grid)
        self.blocks.append(Block("table", where, rows=rows))

    def _cell_text(self, p) -> str:
        return "".join(text for run, text in self._runs(p) if run != "drawing").strip(SPACE)


_CHINESE = "〇一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1 … 99 as 一 … 九十九 (chineseCounting)."""
    if n < 10:
        return _CHINESE[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[ones] if ones else "")


def _formatted(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographTraditional", "japaneseCounting", "taiwaneseCounting")):
        return _chinese_number(n) if n < 100 else str(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    """Word's automatic numbering (numbering.xml): the label each numbered paragraph shows,
    counted in document order as Word counts it."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (format, text, start)
        self.counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract = {}
        for a in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in a.findall(W + "lvl"):
                fmt, text, start = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
                try:
                    levels[int(lvl.get(W + "ilvl", "0"))] = (
                        fmt.get(W + "val") if fmt is not None else "decimal",
                        text.get(W + "val") if text is not None else "",
                        int(start.get(W + "val")) if start is not None else 1)
                except ValueError:
                    continue
            abstract[a.get(W + "abstractNumId")] = levels
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(W + "numId")] = abstract.get(ref.get(W + "val"), {})

    def label(self, num_pr) -> str | None:
        """The number a paragraph shows (一、, （二）, 3.), "" for none, None for a bullet."""
        ilvl_el, num_el = num_pr.find(W + "ilvl"), num_pr.find(W + "numId")
        num_id = num_el.get(W + "val") if num_el is not None else None
        levels = self.levels.get(num_id)
        if not levels:
            return ""
        try:
            ilvl = int(ilvl_el.get(W + "val")) if ilvl_el is not None else 0
        except ValueError:
            return ""
        if ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl][2]
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return None

        def level(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            return _formatted(counts[k] or levels[k][2], levels[k][0])
        return re.sub(r"%([1-9])", level, text)


# --- embedded objects ---------------------------------------------------------------------------

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# What a .doc or .wps may really be, as offices save them: a compound file, or RTF (an HTML
# "Word" file, begun with < or MIME, is let through too).
_WORD_HEADS = (OLE_MAGIC, b"{\\rtf")


def embedded_file(data: bytes, part_name: str) -> tuple[str, bytes]:
    """The file an OLE object holds (word/embeddings/oleObject1.bin): a file inserted as an
    object keeps its original name and bytes in the ``\x01Ole10Native`` stream; an Office
    document embedded as one is its ``Package`` stream.  Anything else stays the object."""
    import olefile
    try:
        ole = olefile.OleFileIO(data)
    except Exception:  # olefile raises its own and OSError on damaged files
        return part_name, data
    try:
        if ole.exists("\x01Ole10Native"):
            found = _ole10native(ole.openstream("\x01Ole10Native").read())
            if found:
                return found
        if ole.exists("Package"):
            package = ole.openstream("Package").read()
            kind = "docx" if b"word/" in package[:4000] else "xlsx" if b"xl/" in package[:4000] else "pptx" if b"ppt/" in package[:4000] else "zip"
            return f"{Path(part_name).stem}.{kind}", package
    except Exception:
        pass
    finally:
        ole.close()
    return part_name, data


def _ole10native(stream: bytes) -> tuple[str, bytes] | None:
    """(name, bytes) of an Ole10Native stream: size, flags, label, path, reserved, temp
    path, data — then, from Office 2007 on, the label and paths again in UTF-16."""
    import struct
    try:
        at = 6  # total size, flags
        label_end = stream.index(b"\0", at)
        label = stream[at:label_end]
        at = stream.index(b"\0", label_end + 1) + 1  # the source path
        at += 4  # reserved
        temp_size = struct.unpack_from("<I", stream, at)[0]
        at += 4 + temp_size
        size = struct.unpack_from("<I", stream, at)[0]
        at += 4
        data = stream[at:at + size]
        if len(data) != size:
            return None
        at += size
        name = ""
        try:  # the Unicode copies: temp path, label, source path
            for field in range(2):
                count = struct.unpack_from("<I", stream, at)[0]
                text = stream[at + 4:at + 4 + 2 * count].decode("utf-16-le")
                at += 4 + 2 * count
                if field == 1:
                    name = text
        except (struct.error, UnicodeDecodeError):
            name = ""
        if not name:
            for encoding in ("utf-8", "gb18030"):
                try:
                    name = label.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
        name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
        return (name or "附件.bin"), data
    except (ValueError, struct.error):
        return None


# --- .doc and .wps ----------------------------------------------------------------------------

def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path) -> bytes:
    """``path`` (.doc, .wps, or anything LibreOffice reads as a text document) as .docx
    bytes, through LibreOffice headless with a profile of its own (several at once on one
    profile fail without a word)."""
    program = libreoffice()
    if program is None:
        raise Unreadable(f"{path.suffix or 'this'} files are read through LibreOffice, which is not installed: {LIBREOFFICE_HINT}")
    with tempfile.TemporaryDirectory(prefix="gwsite-lo-") as work:
        source = Path(work) / ("in" + (path.suffix.lower() or ".doc"))
        shutil.copyfile(path, source)  # a name LibreOffice cannot misread
        profile = Path(work, "profile").as_uri()
        try:
            subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                            "--outdir", str(Path(work, "out")), str(source)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False,
                           env=dict(os.environ, HOME=work))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Unreadable(f"LibreOffice could not convert it ({exc.__class__.__name__})") from None
        made = Path(work, "out", "in.docx")
        # LibreOffice exits 0 on failure too: the output file is what tells.
        if not made.is_file() or not made.read_bytes().startswith(b"PK"):
            raise Unreadable("LibreOffice could not read it as a text document (damaged, or not a Word/WPS file)")
        return made.read_bytes()


# --- PDF --------------------------------------------------------------------------------------

def read_pdf(path: Path) -> list[Block]:
    """The text layer of a PDF (pdfminer.six), line by line in reading order, each line's
    alignment judged from where it stands between the text's margins; a body paragraph's
    wrapped lines (a full line, then one at the margin) joined."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextLine
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError:  # pragma: no cover - a dependency
        raise Unreadable("pdfminer.six is not installed (pip install pdfminer.six)") from None
    lines = []  # (page, top, x0, x1, size, text, red)
    try:
        for number, page in enumerate(extract_pages(str(path), laparams=LAParams(line_margin=0.2, char_margin=4.0)), 1):
            for line in _text_lines(page, LTTextLine):
                text = line.get_text().rstrip("\n")
                if text.strip():
                    sizes = [c.size for c in line if hasattr(c, "size")]
                    lines.append((number, round(page.height - line.y1, 1), line.x0, line.x1,
                                  max(sizes, default=10.0), text, _mostly_red(line)))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise Unreadable("the PDF is encrypted: save an unprotected copy") from None
    except (PDFSyntaxError, PSException, OSError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, AssertionError, RecursionError, struct_error()) as exc:
        raise Unreadable(f"not a readable PDF ({exc.__class__.__name__})") from None
    text = "".join(line[5] for line in lines)
    if sum(1 for c in text if "\u4e00" <= c <= "\u9fff") < 10:
        if "(cid:" in text or sum(1 for c in text if ord(c) < 32 and c not in "\n\t\r") > 10:
            raise Unreadable("the PDF's text layer cannot be decoded (fonts without a ToUnicode map): "
                             "import the Word file it was made from instead")
        raise Unreadable("the PDF has no text layer (a scanned document): import the Word file it was "
                         "made from, or run it through OCR first")
    lines = _same_rows_joined(sorted(lines, key=lambda l: (l[0], l[1], l[2])))
    body_size = sorted(l[4] for l in lines)[len(lines) // 2]
    left = min(l[2] for l in lines)
    right = max(l[3] for l in lines)
    middle = (left + right) / 2
    blocks: list[Block] = []
    previous = None
    for number, top, x0, x1, size, raw, red in lines:
        line = re.sub(r"(?<=[\u4e00-\u9fff\d]) (?=[\u4e00-\u9fff\d])", "", raw.strip())  # 2024 年 3 月
        where = f"page {number}"
        if previous is not None and previous[0] == number and top - previous[1] > 2.2 * size:
            blocks.append(Block("para", where, ""))  # a blank line between
        if size >= 1.25 * body_size or (x0 - left > 1.5 * size and right - x1 > 1.5 * size
                                         and abs((x0 + x1) / 2 - middle) < 1.5 * size):
            align = "center"  # the standard centres what it sets larger: 标志, 标题
        elif x0 > middle - size or x0 - left > 3.5 * size:
            align = "right"  # 署名 and 成文日期 stand in the right half, or well in from the left (a
            # long 署名 set four characters in from the right starts left of the middle)
        else:
            align = "left"
        indent = align == "left" and 1.2 * size < x0 - left < 3.5 * size
        last = blocks[-1] if blocks else None
        wrapped = (previous is not None and last is not None and last.kind == "para" and last.text
                   and last.align == "left" and align == "left" and not indent and x0 - left < 0.5 * size
                   and right - previous[3] < 1.5 * previous[4] and previous[0] <= number)
        # A 发文机关标志 set too large for one line goes on in red under itself.
        red_wrap = (red and last is not None and last.red and last.text and previous is not None
                    and previous[0] == number and top - previous[1] < 1.6 * size and abs(last.size - size) < 1)
        if wrapped or red_wrap:
            blocks[-1] = replace(last, text=last.text + line)
        else:
            blocks.append(Block("para", f"{where} line {len(blocks) + 1}", ("\u3000\u3000" if indent else "") + line,
                                align, red=red, size=size, indent=indent))
        previous = (number, top, x0, x1, size)
    return blocks


def _same_rows_joined(lines: list) -> list:
    """Lines standing on one row (a 版记's organ left and date right, a table's cells) as
    one line, their texts apart by two ideographic spaces."""
    out: list = []
    for line in lines:
        if out and out[-1][0] == line[0] and abs(out[-1][1] - line[1]) < 0.4 * line[4]:
            page, top, x0, x1, size, text, red = out[-1]
            out[-1] = (page, top, x0, max(x1, line[3]), max(size, line[4]), text.rstrip() + "\u3000\u3000" + line[5].strip(),
                       red and line[6])
        else:
            out.append(line)
    return out


def _mostly_red(line) -> bool:
    """Whether most characters of a text line are painted red (the 发文机关标志), in an RGB
    or CMYK fill colour."""
    red = total = 0
    for char in line:
        color = getattr(getattr(char, "graphicstate", None), "ncolor", None)
        if not hasattr(char, "size"):
            continue
        total += 1
        if isinstance(color, (tuple, list)) and all(isinstance(v, (int, float)) for v in color):
            if len(color) == 3 and color[0] > 0.6 and color[1] < 0.4 and color[2] < 0.4:
                red += 1
            elif len(color) == 4 and color[1] > 0.6 and color[2] > 0.6 and color[0] < 0.3 and color[3] < 0.3:
                red += 1
    return total > 0 and red * 2 > total


def struct_error():
    import struct
    return struct.error


def _text_lines(layout, kind):
    """Every text line of a page's layout, wherever pdfminer grouped it."""
    for item in layout:
        if isinstance(item, kind):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _text_lines(item, kind)
