"""Read notices (content/notices/) and free pages (content/pages/).

A notice is a ``.yaml`` file (Markdown in ``body``) or a ``.md`` file (YAML front matter,
then Markdown).  This stage checks each file on its own — keys, types, dates, enum values,
attachments on disk; references between files (publisher, item, interprets) are resolved
by ``assemble``, which sees everything.
"""
from __future__ import annotations

import os
import posixpath
import re
import stat
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from . import forking
from .diagnostics import Location, Problem, did_you_mean, error, warning
from .domains import DomainTable
from .model import DISCLOSURES, PAGE_SECTIONS, PENDING, VALIDITIES, Notice, Page, body_line_at, digest, file_stamp
from .attachments import LARGEST_SCANNED, SCANNED_ATTACHMENTS, read_attachment
from .privacy import mask_personal_data, scan_notice
from .progress import QUIET, Progress
from .yamlsrc import LinedDict, LinedList, check_keys, load_yaml, read_source

NOTICES_DIR = "content/notices"
PAGES_DIR = "content/pages"
CONTENT_DIR = "content"

NOTICE_KEYS = ("title", "publisher", "published", "disclosure", "written", "doc_number",
               "index_number", "domain", "item", "topic", "genre", "validity", "interprets",
               "attachments", "body", "review", "tags", "to_check", "old_url")
NOTICE_REQUIRED = ("title", "publisher", "published", "disclosure")
PAGE_KEYS = ("title", "publisher", "section", "published", "body")
PAGE_REQUIRED = ("title",)
REVIEW_STAGES = ("初审", "复审", "终审")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def _files(root: Path, folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """The files under ``root/folder`` with one of ``suffixes``, as paths relative to
    ``root`` with "/", in path order.  (os.scandir and strings: pathlib cost a second per
    10,000 notices on every rebuild; a file's type comes with its folder's listing.)"""
    found: list[str] = []
    _scan(os.path.join(root, folder), folder, suffixes, found)
    return sorted(found, key=lambda rel: rel.split("/"))


def _scan(path: str, rel: str, suffixes: tuple[str, ...], found: list[str]) -> None:
    """``_files`` of one folder and below, as os.walk goes: hidden folders and links to
    folders are not entered, and a folder that cannot be listed is passed over."""
    try:
        with os.scandir(path) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if _holds(entry.is_dir):
            if not name.startswith(".") and not entry.is_symlink():
                _scan(entry.path, f"{rel}/{name}", suffixes, found)
        elif (not name.startswith((".", "~")) and os.path.splitext(name)[1].lower() in suffixes
              and _holds(entry.is_file)):
            found.append(f"{rel}/{name}")


def _holds(test) -> bool:
    """A DirEntry test, False where it cannot stat (as os.path.isfile)."""
    try:
        return test()
    except OSError:
        return False


def _is_md(rel: str) -> bool:
    return rel.lower().endswith(".md")


def _read_source(root: Path, rel: str, problems: list[Problem]) -> tuple[LinedDict | None, str, int, tuple[int, ...]]:
    """The metadata mapping, the Markdown body (for .md), the body's first line and (see
    ``_yaml_body_lines``) the line of each of its lines of the file ``rel`` (as ``_files``
    gives it)."""
    text, unread = read_source(os.path.join(root, rel), rel)  # not UTF-8 (a GBK save), unreadable
    if text is None:
        problems += unread
        return None, "", 1, ()
    text = text.replace("\r\n", "\n")
    body, body_line = "", 1
    if _is_md(rel):
        match = _FRONT_MATTER.match(text)
        if not match:
            if re.match(r"---[ \t]*\n", text):
                problems.append(error(Location(rel, 1), "the YAML front matter is not closed",
                                      "end the keys with a line '---' of its own, then write the body"))
            else:
                problems.append(error(Location(rel, 1), "missing YAML front matter",
                                      "start the file with a line '---', the keys, then another '---'"))
            return None, "", 1, ()
        meta_text = match.group(1)
        body = text[match.end():]
        body_line = text[: match.end()].count("\n") + 1
        data, yaml_problems = load_yaml(meta_text, rel, first_line=2)
    else:
        data, yaml_problems = load_yaml(text, rel)
    problems += yaml_problems
    if yaml_problems:
        return None, "", 1, ()
    if not isinstance(data, LinedDict):
        problems.append(error(Location(rel, 1), "expected a mapping of keys (title:, publisher: …)"))
        return None, "", 1, ()
    if _is_md(rel) and "body" in data:
        problems.append(error(Location(rel, data.line_of("body")),
                              "'body' in the front matter of a .md file",
                              "write the body after the closing '---' instead"))
    body_lines: tuple[int, ...] = ()
    if not _is_md(rel) and isinstance(data.get("body"), str):
        body_line, body_lines = _yaml_body_lines(text, data.line_of("body"), data["body"])
    return data, body, body_line, body_lines


def _yaml_body_lines(text: str, key_line: int, body: str) -> tuple[int, tuple[int, ...]]:
    """The line where a YAML body begins and, unless it is a literal block (``body: |``,
    whose lines are the file's own), the line each of its lines begins on: a folded body
    (``>``) joins lines and a quoted one may escape them (``"…\\n…"``), so counting its line
    breaks would name a line elsewhere, even past the end of the file."""
    lines = text.split("\n")
    written = lines[key_line - 1].partition(":")[2].strip() if key_line <= len(lines) else ""
    if written.startswith("|"):
        return key_line + 1, ()
    start = key_line if written and not written.startswith(">") else key_line + 1
    found, at = [], start
    for part in body.split("\n"):
        # Its start, up to the space that may stand for a folded line break.
        probe = part.strip().split(" ")[0][:12]
        if probe:  # found on the file's lines from here on (a line with escapes may not be)
            at = next((k for k in range(at, len(lines) + 1) if probe in lines[k - 1]), at)
        found.append(at)
    return start, tuple(found)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip()


def _date(data: LinedDict, key: str, rel: str, problems: list[Problem]) -> date | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    problems.append(error(Location(rel, data.line_of(key)),
                          f"{key} '{text}' is not a valid date", "write it as YYYY-MM-DD, e.g. 2025-03-14"))
    return None


def _enum(data: LinedDict, key: str, allowed: tuple[str, ...], rel: str, problems: list[Problem]) -> str:
    value = _text(data.get(key))
    if value and value not in allowed:
        problems.append(error(Location(rel, data.line_of(key)),
                              f"{key} '{value}' must be one of {' / '.join(allowed)}{did_you_mean(value, allowed)}"))
        return ""
    return value


def _string_list(data: LinedDict, key: str, rel: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """A text or a list of texts, each with the line it was written on."""
    value = data.get(key)
    line = data.line_of(key)
    if value is None or value == "":
        return []
    if isinstance(value, (str, int)):
        return [(str(value).strip(), line)]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        lines = value.item_lines if isinstance(value, LinedList) else [line] * len(value)
        return [(str(v).strip(), at) for v, at in zip(value, lines) if str(v).strip()]
    problems.append(error(Location(rel, line), f"{key} must be a text or a list of texts"))
    return []


def _plain_text(data: LinedDict, key: str, rel: str, problems: list[Problem]) -> str:
    value = data.get(key)
    if isinstance(value, (list, dict)):
        problems.append(error(Location(rel, data.line_of(key)), f"{key} must be a single text, not a list or mapping"))
        return ""
    return _text(value)


def read_notices(root: Path, domains: DomainTable, cache: dict | None = None, workers: int = 1,
                 meanwhile: Callable[[], None] | None = None,
                 progress: Progress = QUIET) -> tuple[list[Notice], list[Problem]]:
    """Every notice under content/notices/.  With ``cache`` (kept by the caller between
    builds), a file whose size and time are unchanged, and whose attachments are still
    there or still missing, is not read again.  Many files are parsed by ``workers``
    processes (YAML parsing is most of a clean build's reading), while this one does
    ``meanwhile`` (other reading), which is done in any case."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    domains_key = repr(domains)
    results: dict[str, tuple[Notice | None, list[Problem]]] = {}
    to_read: list[tuple[str, str, tuple]] = []
    base = os.fspath(root)  # a string: joined to every file's path
    content = os.path.join(base, CONTENT_DIR)
    for rel in _files(root, NOTICES_DIR, (".yaml", ".yml", ".md")):
        notice_id = os.path.splitext(rel[len(NOTICES_DIR) + 1:])[0]
        if notice_id in seen:
            problems.append(error(Location(rel, 1), f"duplicate notice id '{notice_id}' (also {seen[notice_id]})",
                                  "rename one of the two files"))
            continue
        seen[notice_id] = rel
        st = os.stat(os.path.join(base, rel))
        stamp = (*file_stamp(st), domains_key)
        entry = cache.get(rel) if cache is not None else None
        if entry is not None and entry[0] == stamp and all(
                attachment_stamp(os.path.join(content, name)) == was for name, was in entry[1]):
            results[rel] = (entry[2], entry[3])
        else:
            to_read.append((rel, notice_id, stamp))
    parsed = _parse_all(root, to_read, domains, workers, meanwhile or (lambda: None), progress)
    for (rel, notice_id, stamp), (notice, found) in zip(to_read, parsed):
        results[rel] = (notice, found)
        if cache is not None and notice is not None:
            files = tuple((name, attachment_stamp(os.path.join(content, name))) for name in notice.attachments)
            cache[rel] = (stamp, files, notice, found)
    notices: list[Notice] = []
    for rel in seen.values():  # in file order, as read
        notice, found = results[rel]
        problems += found
        if notice is not None:
            notices.append(notice)
    if cache is not None:
        for rel in set(cache) - set(seen.values()):  # deleted files
            del cache[rel]
    return notices, problems


PARALLEL_FROM = 400  # files: fewer are parsed here quicker than forking for them


def _parse_all(root: Path, to_read: list, domains: DomainTable, workers: int, meanwhile: Callable[[], None],
               progress: Progress) -> list:
    if workers <= 1 or len(to_read) < PARALLEL_FROM or not forking.can_fork():
        meanwhile()
        progress.stage("reading", len(to_read), "notices")
        results = []
        for item in to_read:
            results.append(_parse(root, item, domains))
            progress.advance()
        return results
    global _parsing
    _parsing = (root, to_read, domains)
    results = []
    try:
        with forking.pool(workers) as pool:
            chunks = pool.imap(_parse_chunk, range(0, len(to_read), _CHUNK))
            meanwhile()
            progress.stage("reading", len(to_read), "notices")
            for chunk in chunks:
                results += chunk
                progress.advance(len(chunk))
    finally:
        _parsing = None
    return results


_parsing: tuple | None = None  # set before the fork, inherited by the workers


_CHUNK = 64  # files a worker parses at a time


def _parse_chunk(start: int) -> list:
    root, to_read, domains = _parsing
    return [_parse(root, item, domains) for item in to_read[start:start + _CHUNK]]


def _parse(root: Path, item, domains: DomainTable) -> tuple[Notice | None, list[Problem]]:
    rel, notice_id, _ = item
    found: list[Problem] = []
    notice = _read_notice(root, rel, notice_id, domains, found)
    if notice is not None:
        # Here, in the worker, what assemble would otherwise work out alone (5.5 s at
        # 100,000 notices): the digest the build keys everything by, and the scan for
        # personal data.  Both are functions of the notice's content, kept beside it.
        in_files, text = _scan_attachments(root, notice, found)
        if in_files or text:  # before the digest: part of it
            notice = replace(notice, in_attachments=in_files, attachment_text=text)
        digest(notice)
        object.__setattr__(notice, "_scanned", scan_notice(notice))
    return notice, found


INDEXED_ATTACHMENT_TEXT = 3000  # characters of a notice's attachment text the search holds


def _scan_attachments(root: Path, notice: Notice, problems: list[Problem]) -> tuple[tuple, str]:
    """(attachment number, place, finding) for personal data in the notice's attachment
    files that gwsite can read (a 低保 list as .xlsx, .xls, .csv, .docx or PDF): they are
    published as they are, so the audit names each place.  A file too large to read, one
    that cannot be read and a scanned PDF are named too, as not checked.  Also the start
    of their text, masked, for the search (``INDEXED_ATTACHMENT_TEXT`` characters)."""
    found = []
    texts: list[str] = []
    for i, name in enumerate(notice.attachments):
        if not name.lower().endswith(SCANNED_ATTACHMENTS) or Path(name).is_absolute() or ".." in Path(name).parts:
            continue
        path = os.path.join(root, CONTENT_DIR, name)
        try:
            if os.path.getsize(path) > LARGEST_SCANNED:
                problems.append(warning(Location(mask_personal_data(f"{CONTENT_DIR}/{name}")),
                                        f"not checked for personal data: larger than {LARGEST_SCANNED >> 20} MB",
                                        "check it by hand before publishing, or split it"))
                continue
            with open(path, "rb") as f:
                data = f.read()
        except (OSError, ValueError):  # missing, or no possible name (a NUL byte): the reader has said so
            continue
        in_file, unchecked, text = read_attachment(f"{CONTENT_DIR}/{name}", data)
        found += [(i, place, finding) for place, finding in in_file]
        problems += unchecked
        if text:
            texts.append(" ".join(text.split()))
    return tuple(found), " ".join(texts)[:INDEXED_ATTACHMENT_TEXT]


def attachment_stamp(path: str) -> tuple[int, int, int] | None:
    """``file_stamp`` of an attachment file, or None where there is none: a cached notice
    is read again when one of its attachments appears, goes or changes."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return file_stamp(st) if stat.S_ISREG(st.st_mode) else None


def _read_notice(root, rel, notice_id, domains, problems) -> Notice | None:
    data, body, body_line, body_lines = _read_source(root, rel, problems)
    if data is None:
        return None
    problems += check_keys(data, rel, NOTICE_KEYS, NOTICE_REQUIRED, "a notice")
    published = _date(data, "published", rel, problems)
    written = _date(data, "written", rel, problems)
    disclosure = _enum(data, "disclosure", DISCLOSURES, rel, problems)
    if disclosure == PENDING:
        problems.append(warning(Location(rel, data.line_of("disclosure")), "not published: 公开属性 is 待定",
                                "set disclosure to 主动公开, 依申请公开 or 不予公开 as the document's issuer decided"))
    # What `gwsite import` could not decide from the document: named until a person deletes it.
    for note, line in _string_list(data, "to_check", rel, problems):
        problems.append(warning(Location(rel, line), f"to check: {note}",
                                "compare with the document, correct the notice, then delete this line"))
    validity = _enum(data, "validity", VALIDITIES, rel, problems)

    domain_names = []
    for name, line in _string_list(data, "domain", rel, problems):
        found = domains.resolve(name)
        if found is None:
            several = [part for part in re.split(r"[、，,；;／/]", name) if part.strip()]
            if len(several) > 1 and all(domains.resolve(part.strip()) for part in several):
                # 社会救助、养老服务: several domains written as one text
                problems.append(error(Location(rel, line), f"'{name}' names several domains in one text",
                                      f"write them as a list: domain: [{', '.join(p.strip() for p in several)}]"))
                continue
            problems.append(error(Location(rel, line),
                                  f"unknown domain '{name}'{did_you_mean(name, domains.names())}",
                                  "use one of the 26 pilot domains, or add it under domains: in site.yaml"))
        else:
            domain_names.append(found.name)

    if not _is_md(rel):
        body = data.get("body") or ""
        if not isinstance(body, str):
            problems.append(error(Location(rel, data.line_of("body")), "body must be Markdown text"))
            body = ""

    attachments = []
    attachment_lines = []  # ("attachments[i]", line): messages about one attachment name its line
    for name, line in _string_list(data, "attachments", rel, problems):
        attachment_lines.append((f"attachments[{len(attachments)}]", line))
        attachments.append(name)
        where = Location(rel, line)
        try:
            target = (root / CONTENT_DIR / name).resolve()
            content_root = (root / CONTENT_DIR).resolve()
            found = os.path.isfile(target)
        except (OSError, ValueError):  # a NUL byte, a name longer than file systems allow
            problems.append(error(where, f"attachment '{name}' is no possible file name",
                                  "give the path of a file under content/files/, relative to content/"))
            continue
        if Path(name).is_absolute() or not target.is_relative_to(content_root):
            problems.append(error(where, f"attachment '{name}' lies outside content/",
                                  "put the file under content/files/ and give its path relative to content/"))
        elif any(step in ("", ".", "..") for step in name.split("/")) or "\\" in name:
            # the published copy keeps this path: it must name the file one way only
            clean = posixpath.normpath(name.replace("\\", "/"))
            problems.append(error(where, f"attachment '{name}' is not written as a plain path",
                                  f"write it as '{clean}': folders separated by single '/', no '.' or '..'"))
        elif not found:
            problems.append(error(where, f"attachment '{name}' not found (looked for content/{name})"))

    problems += _link_problems(body, lambda at: body_line_at(body, body_line, body_lines, at), rel, tuple(attachments))
    review = _read_review(data, rel, problems)
    old_url = _plain_text(data, "old_url", rel, problems)
    if old_url and not re.fullmatch(r"https?://[^/\s]+(/\S*)?", old_url, re.I):
        problems.append(error(Location(rel, data.line_of("old_url")),
                              f"old_url '{old_url}' is not an absolute http(s) address",
                              "write the address the old portal published the notice at, e.g. "
                              "https://www.example.gov.cn/xxgk/2024/t20240312_1.html"))
        old_url = ""
    # A notice with problems is still returned, so that assemble can report its
    # references too; the build stops on the errors anyway.  A missing or invalid
    # disclosure ("") is never 主动公开, so such a notice could not be published.
    return Notice(
        id=notice_id, title=_plain_text(data, "title", rel, problems),
        publisher=_text(data.get("publisher")), published=published or date.min, disclosure=disclosure,
        written=written, doc_number=_plain_text(data, "doc_number", rel, problems),
        index_number=_plain_text(data, "index_number", rel, problems),
        domains=tuple(dict.fromkeys(domain_names)), item=_plain_text(data, "item", rel, problems),
        topic=_plain_text(data, "topic", rel, problems), genre=_plain_text(data, "genre", rel, problems),
        validity=validity, interprets=_plain_text(data, "interprets", rel, problems), old_url=old_url,
        attachments=tuple(attachments), body=body, review=review,
        tags=tuple(t for t, _ in _string_list(data, "tags", rel, problems)),
        location=Location(rel, 1), body_line=body_line, body_lines=body_lines,
        key_lines=_key_lines(data) + tuple(attachment_lines),
    )


# Where a body's links and images point: inline Markdown ([text](url), ![alt](url)),
# reference definitions ([1]: url) and raw HTML pasted from Word (<a href>, <img src>).
# A destination in <…> may hold spaces ([名单](<files/mzj/名单 2024.pdf>)).
_MD_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")
_MD_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.M)
_HTML_LINK = re.compile(r"<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*[\"']?([^\"'\s>]+)", re.I)
# Code, where brackets are text: fenced blocks and inline spans, blanked before looking.
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[ \t]*$|\Z)|`+[^`\n]*`+", re.M | re.S)
WEB_SCHEMES = ("http", "https")  # links a published page may keep (render._leads_somewhere)
OTHER_ALLOWED = ("mailto", "tel")


def attachment_of(url: str, attachments) -> tuple[str, str] | None:
    """(attachment, what follows it: a #place or ?query) when ``url``, as written in a body,
    points at one of ``attachments`` (paths under content/); else None.  A name may hold
    '#' itself (3#楼名单.pdf), so the whole is tried first."""
    whole = unquote(url)
    if whole in attachments:
        return whole, ""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=-1)
    if cut >= 0 and unquote(url[:cut]) in attachments:
        return unquote(url[:cut]), url[cut:]
    return None


def _link_problems(body: str, line_at: Callable[[int], int], rel: str,
                   attachments: tuple[str, ...] | None) -> list[Problem]:
    """Links and images of a body that a published copy cannot follow: an image on another
    server (a reading room has no network), a path from the old portal's root (/xxgk/…),
    a file that is not among the notice's attachments (only they are published; a link
    to one, written relative to content/, is pointed at it by the render).  ``attachments``
    is None for a free page, which has none."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []
    if "`" in body or "~~~" in body:  # same length, same lines: offsets still name the line
        body = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    found = [(m.start(), m.group(1) == "!", m.group(2) if m.group(2) is not None else m.group(3))
             for m in _MD_LINK.finditer(body)]
    found += [(m.start(), False, m.group(1) if m.group(1) is not None else m.group(2))
              for m in _MD_DEFINITION.finditer(body)]
    found += [(m.start(), m.group(1).lower() == "img", m.group(2)) for m in _HTML_LINK.finditer(body)]
    problems = []
    for at, image, url in sorted(found):
        where = Location(rel, line_at(at))
        scheme = urlsplit(url).scheme.lower()
        if scheme in WEB_SCHEMES or url.startswith("//"):
            if image:
                problems.append(warning(where, f"image loaded from another server ({url}): a copy opened "
                                               "from disk, with no network, cannot show it",
                                        "save the image under content/files/, list it under attachments: "
                                        "and write that path in the body"))
        elif scheme in OTHER_ALLOWED or url.startswith("#"):
            continue  # an e-mail address, a telephone number, a place on the page
        elif scheme:  # file:///C:/…, C:\Users\…, javascript: — the sanitiser drops the link
            problems.append(warning(where, f"link '{url}' cannot be followed from the published page "
                                           "(a file on the author's computer, or no web address): it is removed",
                                    "list the file under attachments: and write that path in the body, "
                                    "or give a web address (https://…)"))
        elif url.startswith("/"):
            problems.append(warning(where, f"link '{url}' starts with '/': it leads nowhere in a copy opened "
                                           "from disk or served under another address",
                                    "give the full address (https://…), or list the file under attachments: "
                                    "and write that path in the body"))
        elif attachments is not None and attachment_of(url, attachments) is None:
            problems.append(warning(where, f"link to '{url}', which is not among the notice's attachments: "
                                           "that file is not published",
                                    "list it under attachments: as its path under content/ (files/…), "
                                    "and write the same path in the body"))
    return problems


def _key_lines(data: LinedDict) -> tuple[tuple[str, int], ...]:
    """Where each key was written, by key.  A key YAML reads as no text (``null:``, ``2025:``)
    is named as text: it is an unknown key, said so already, and None does not sort."""
    return tuple(sorted((str(key), line) for key, line in data.key_lines.items()))


def _read_review(data: LinedDict, rel: str, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """``review: {初审: 张三, 复审: 李四, 终审: 王五}`` (三审三校)."""
    value = data.get("review")
    if value is None:
        return ()
    if not isinstance(value, LinedDict):
        problems.append(error(Location(rel, data.line_of("review")),
                              "review must be a mapping of 初审 / 复审 / 终审 to the reviewer's name"))
        return ()
    problems += check_keys(value, rel, REVIEW_STAGES, (), "review")
    return tuple((stage, _text(value.get(stage))) for stage in REVIEW_STAGES if _text(value.get(stage)))


def read_pages(root: Path) -> tuple[list[Page], list[Problem]]:
    problems: list[Problem] = []
    pages: list[Page] = []
    for rel in _files(root, PAGES_DIR, (".md",)):
        path = root / rel
        data, body, body_line, _ = _read_source(root, rel, problems)
        if data is None:
            continue
        problems += check_keys(data, rel, PAGE_KEYS, PAGE_REQUIRED, "a page")
        section = _enum(data, "section", PAGE_SECTIONS, rel, problems) or "其他"
        published = _date(data, "published", rel, problems)
        problems += _link_problems(body, lambda at: body_line_at(body, body_line, (), at), rel, None)
        pages.append(Page(
            id=path.relative_to(root / PAGES_DIR).with_suffix("").as_posix(),
            title=_plain_text(data, "title", rel, problems), section=section,
            publisher=_text(data.get("publisher")), published=published, body=body,
            location=Location(rel, 1), body_line=body_line,
            key_lines=_key_lines(data),
        ))
    return pages, problems
