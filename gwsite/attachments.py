"""Attachment files as text: the places gwsite reads in them, and the personal data there.

An attachment is published as it is, byte for byte: what a page masks, a file would give
away.  The 低保 and 贫困户 lists that leak (domain.md) are spreadsheets (.xlsx, and .xls from
older systems), CSV exports, Word tables and PDFs printed from them; each is read here as
pieces of text with their place, so that the audit names the cell, line or page:
``files/a.xlsx!Sheet1!E5``, ``files/a.xls!Sheet1!E5``, ``files/a.csv:7``, ``files/a.docx``,
``files/a.pdf page 2``.

A file of one of these kinds that cannot be read (damaged, encrypted, a scanned PDF with no
text layer) is never silently passed: ``scan_attachment`` names it as not checked, with what
to do.  Images and .doc are not read (the README says so).
"""
from __future__ import annotations

import html
import io
import logging
import re
import zipfile

from .diagnostics import Location, Problem, cell_name, warning
from .privacy import Finding, find_personal_data, mask_personal_data

SCANNED_ATTACHMENTS = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".docx", ".pdf")
LARGEST_SCANNED = 30 << 20  # bytes; a larger file is not opened (the reader says so)

_OLE = bytes.fromhex("D0CF11E0A1B11AE1")  # the binary Office formats (.xls, .doc)
_BY_HAND = "check it by hand before publishing"


class Unchecked(Exception):
    """A file (or some of its pages) that could not be read: why, and what to do."""

    def __init__(self, reason: str, hint: str = _BY_HAND) -> None:
        super().__init__(reason)
        self.reason, self.hint = reason, hint


def read_attachment(path: str, data: bytes) -> tuple[list[tuple[Location, Finding]], list[Problem], str | None]:
    """An attachment (``path`` relative to the site root) read once: the personal data in
    its text, each with its place; a warning for what could not be read, as not checked;
    and its text with personal data masked (None when it has none to give).  A place names
    the file with personal data in its name masked (名单-500381********4214.pdf): a warning
    never repeats what it warns about."""
    path = mask_personal_data(path)
    try:
        places, unread = read_places(path, data)
    except Unchecked as exc:
        return [], [_unchecked(Location(path), exc)], None
    found = [(place, f) for place, text in places or () for f in find_personal_data(text)]
    text = None if places is None else "\n".join(mask_personal_data(t) for _, t in places)
    return found, [_unchecked(where, exc) for where, exc in unread], text


def scan_attachment(path: str, data: bytes) -> tuple[list[tuple[Location, Finding]], list[Problem]]:
    """``read_attachment``'s findings and warnings."""
    return read_attachment(path, data)[:2]


def attachment_text(path: str, data: bytes) -> str | None:
    """The readable text of an attachment of a kind gwsite reads (the pieces
    ``read_places`` gives, one per line), with personal data masked; None when it is of
    another kind, too large, or cannot be read (a scanned PDF: no text to give)."""
    return read_attachment(path, data)[2]


def read_places(path: str, data: bytes) -> tuple[list[tuple[Location, str]] | None, list[tuple[Location, Unchecked]]]:
    """(place, text) of every piece of an attachment's text, and the parts that could not be
    read (a PDF's scanned pages).  None for a file gwsite does not read (its kind, its
    size); ``Unchecked`` for one it should read and cannot."""
    kind = "." + path.rpartition(".")[2].lower()
    if kind not in SCANNED_ATTACHMENTS or len(data) > LARGEST_SCANNED:
        return None, []
    if kind == ".pdf":
        return _pdf_pages(path, data)
    if kind in (".xlsx", ".xlsm", ".xls"):
        # By what the file is, not its name: an old .xls renamed .xlsx, an .xlsx saved as
        # .xls, and the "Excel" a web system exports (an HTML table or tab-separated text).
        if data.startswith(_OLE):
            return list(_xls_cells(path, data)), []
        if data.startswith(b"PK"):
            return list(_workbook_cells(path, data)), []
        if kind == ".xls" and b"\0" not in data[:4096]:
            return list(_text_lines(path, data, markup=True)), []
        raise Unchecked("not a readable workbook", f"open it and save it again as .xlsx, or {_BY_HAND}")
    if kind == ".docx":
        return list(_document_paragraphs(path, data)), []
    return list(_text_lines(path, data)), []  # .csv, .txt


def _unchecked(where: Location, exc: Unchecked) -> Problem:
    return warning(where, f"not checked for personal data: {exc.reason}", exc.hint)


def _kind(exc: BaseException) -> str:
    """An error's kind as a message names it: BadZipFile, struct.error."""
    name = exc.__class__.__name__
    return f"{exc.__class__.__module__}.{name}" if name[:1].islower() else name


# --- text, CSV ---------------------------------------------------------------------------------

_CELL_TAGS = re.compile(r"<(?:/?(?:td|th|tr|br|p|div|li)\b)[^>]*>", re.I)


def _text_lines(path: str, data: bytes, markup: bool = False):
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode 文本": UTF-16 with its mark
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")  # Excel's CSV export on Chinese Windows
    for number, line in enumerate(text.splitlines(), 1):
        if markup and "<" in line:
            # An HTML table saved as .xls: cells apart by a tab (which joins no number's
            # groups), other tags dropped, entities read.
            line = html.unescape(re.sub(r"<[^>]*>", "", _CELL_TAGS.sub("\t", line)))
        yield Location(path, number), line


# --- workbooks -----------------------------------------------------------------------------------

def _workbook_cells(path: str, data: bytes):
    """Every cell of every sheet of an .xlsx, hidden ones too: they are in the published file."""
    import openpyxl  # imported here: most builds have no workbook attachment
    from openpyxl.utils import get_column_letter
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zipfile's, openpyxl's and lxml's errors alike
        raise Unchecked(f"not a readable workbook ({_kind(exc)})",
                        f"open it and save it again, or {_BY_HAND}") from None
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None and not isinstance(cell.value, float):
                        # (An 18-digit number typed as a number is a float: its digits are lost.)
                        yield Location(path, sheet=ws.title, cell=f"{get_column_letter(cell.column)}{cell.row}"), \
                            str(cell.value)
    except Exception as exc:  # noqa: BLE001 - a damaged sheet
        raise Unchecked(f"not a readable workbook ({_kind(exc)})",
                        f"open it and save it again, or {_BY_HAND}") from None
    finally:
        wb.close()


def _xls_cells(path: str, data: bytes):
    """Every cell of every sheet of an .xls (Excel 97–2003, by xlrd), hidden ones too.

    The format stores every number as a double.  One that is whole and has at most 15
    digits (Excel's own precision) is exact, so it is read as the integer it was typed as:
    a mobile number typed into a number cell, the usual way, keeps its 11 digits.  A longer
    one (an 18-digit 身份证号 typed as a number) has already lost its last digits, in the
    file as in Excel, and is left out as in an .xlsx; so are fractions and dates.
    """
    import olefile
    import xlrd  # imported here: most builds have no .xls attachment
    try:
        # The workbook stream taken out of its OLE container by olefile, which checks the
        # container's sector chains: xlrd's own reader loops until memory runs out on some
        # damaged files (found by fuzzing).  xlrd reads a bare workbook stream as well.
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                raise Unchecked("not a readable workbook (no workbook in it: a Word file?)",
                                f"open it and save it again as .xlsx, or {_BY_HAND}")
            stream = ole.openstream(name).read()
        book = xlrd.open_workbook(file_contents=stream, on_demand=True, logfile=io.StringIO())
    except Unchecked:
        raise
    except Exception as exc:  # noqa: BLE001 - olefile's, xlrd's, struct's errors alike
        # xlrd says what it found ("Workbook is encrypted"); other errors only by their kind.
        why = str(exc) if isinstance(exc, xlrd.XLRDError) else _kind(exc)
        raise Unchecked(f"not a readable workbook ({why})", f"open it and save it again as .xlsx, or {_BY_HAND}") from None
    cells = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            for r in range(sheet.nrows):
                for c, cell in enumerate(sheet.row(r)):
                    if cell.ctype == xlrd.XL_CELL_TEXT:
                        text = cell.value
                    elif cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer() \
                            and abs(cell.value) < 1e15:
                        text = str(int(cell.value))
                    else:
                        continue
                    if text:
                        cells.append((Location(path, sheet=sheet.name, cell=cell_name(r + 1, c + 1)), text))
    except Exception as exc:  # noqa: BLE001 - a damaged sheet
        raise Unchecked(f"not a readable workbook ({_kind(exc)})",
                        f"open it and save it again as .xlsx, or {_BY_HAND}") from None
    finally:
        book.release_resources()
    return cells


# --- Word ------------------------------------------------------------------------------------------

def _document_paragraphs(path: str, data: bytes):
    """The text of a Word document's paragraphs (its body, headers and footers)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = sorted(n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n))
            xmls = [z.read(name).decode("utf-8", errors="replace") for name in parts]
    except Exception as exc:  # noqa: BLE001 - zipfile's errors, a damaged member
        raise Unchecked(f"not a readable .docx ({_kind(exc)})",
                        f"open it and save it again as .docx, or {_BY_HAND}") from None
    if not xmls:
        raise Unchecked("not a readable .docx (no document in it)", f"open it and save it again as .docx, or {_BY_HAND}")
    for xml in xmls:
        for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
            # Tabs and breaks separate words; runs of one word (139 split over runs) join.
            text = re.sub(r"<w:(tab|br|cr)\b[^>]*/>", " ", paragraph)
            yield Location(path), html.unescape(re.sub(r"<[^>]+>", "", text))


# --- PDF -------------------------------------------------------------------------------------------

_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph it cannot map to a character
_SCANNED_HINT = ("look through it by eye before publishing, or publish the PDF saved from the "
                 "Word or WPS file instead (it has a text layer, which gwsite checks)")


def _pdf_pages(path: str, data: bytes):
    """The text layer of a PDF, page by page (pdfminer.six, as ``docread.read_pdf`` reads
    it for imports): each page one piece, its lines one per line, at ``files/a.pdf page N``.

    A page without text that shows a picture is a scanned page: not checked, and said so
    (all of them at once: one warning for the file).  A blank page is nothing to check.
    """
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTImage, LTTextBox, LTTextLine
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # pragma: no cover - a dependency
        raise Unchecked("pdfminer.six is not installed", "pip install pdfminer.six") from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its notes on odd files are not the user's

    def walk(item, lines: list, pictures: list) -> None:
        for child in item:
            if isinstance(child, LTTextBox):  # a paragraph, a table cell: its lines
                lines += _unwrapped([line.get_text().rstrip("\n") for line in child if isinstance(line, LTTextLine)])
            elif isinstance(child, LTTextLine):
                lines.append(child.get_text().rstrip("\n"))
            elif isinstance(child, LTImage):
                pictures.append(child)
            elif hasattr(child, "__iter__"):
                walk(child, lines, pictures)

    places, scanned, pages = [], [], 0
    # all_texts: text inside figures (forms, a stamp's caption) is grouped into lines too.
    # boxes_flow=None: no reading order of the boxes, which personal data does not need
    # and which took half the time (a 94-page table: 3.2 s, without it 1.7 s).
    laparams = LAParams(all_texts=True, boxes_flow=None)
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=laparams), 1):
            pages = number
            lines: list[str] = []
            pictures: list = []
            walk(page, lines, pictures)
            text = "\n".join(lines)
            if _CID.sub("", text).strip():
                places.append((Location(f"{path} page {number}"), text))
            elif pictures:
                scanned.append(number)
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise Unchecked("the PDF is encrypted", f"publish an unprotected copy, or {_BY_HAND}") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        raise Unchecked(f"not a readable PDF ({_kind(exc)})",
                        f"open it and save it again as PDF, or {_BY_HAND}") from None
    if not places:
        if not pages:
            raise Unchecked("not a readable PDF (no pages)", f"open it and save it again as PDF, or {_BY_HAND}")
        raise Unchecked("no text layer (a scanned document)", _SCANNED_HINT)
    unread = []
    if scanned:
        unread.append((Location(path), Unchecked(f"{_pages(scanned)} {'has' if len(scanned) == 1 else 'have'} "
                                                 "no text layer (scanned)", _SCANNED_HINT)))
    return places, unread


def _unwrapped(lines: list[str]) -> list[str]:
    """The lines of one text box, with a number that a narrow table column or the end of a
    line broke in two joined again (``50038119900101`` over ``4214``): joined only where
    the two halves read as personal data together and neither ends or starts one alone."""
    out: list[str] = []
    for line in lines:
        if out and _broken_number(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _broken_number(before: str, after: str) -> bool:
    if not (before[-1:].isdigit() and (after[:1].isdigit() or after[:1] in "Xx")):
        return False
    head, tail = before[-24:], after[:24]  # longer than any reading with its separators
    if any(f.end == len(head) for f in find_personal_data(head)) or any(f.start == 0 for f in find_personal_data(tail)):
        return False
    return any(f.start < len(head) < f.end for f in find_personal_data(head + tail))


def _pages(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> 'pages 3–5, 9'; [2] -> 'page 2'."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
    return f"page {text}" if len(numbers) == 1 else f"pages {text}"
