"""`gwsite migrate`: an old portal's saved copy becomes notices, keeping every 索引号 and URL.

SAVED is the folder tree that ``wget --mirror``, HTTrack or a browser's "save page as"
leave on disk.  Every page in it is read (``oldpage``); a page carrying the 政府信息公开
metadata block becomes one notice under ``content/notices/<publisher>/`` — its
``index_number`` exactly as published, its files copied under ``content/files/<publisher>/``,
its old address kept as ``old_url`` (every build then writes ``data/redirects.csv``) — and
its 索引号 goes into the site's record (``numbering``) at once, so that no new notice is
ever given a number the old portal used.  Nothing is fetched: no network.

Never a silent guess: a page that cannot be read, names no organisation of site.yaml,
has two titles or two 索引号 is named with its path under SAVED and not written; what is
written but doubtful (a file missing from the saved copy, an unclear content area) is a
``to_check:`` line that ``gwsite check`` names.  Running it again adds and changes nothing:
a notice already migrated (same 索引号, same old address) is recognised, and no existing
file is ever overwritten.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, unquote, unquote_to_bytes, urljoin, urlsplit

import yaml

from . import oldpage
from .config import read_site_config
from .diagnostics import Location, Problem, Severity, error, warning
from .model import PUBLIC, VALIDITIES, SiteConfig
from .noticefile import FILES, NOTICES, clashing_files, notice_yaml, safe_file_name, taken, write_notice
from .numbering import number_key, read_record, write_record

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php")
# What a link in a notice's text leads to that is a file of the notice (copied with it).
FILE_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".csv", ".txt", ".ppt", ".pptx", ".ofd",
                 ".zip", ".rar", ".7z", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".mp3",
                 ".mp4", ".odt", ".ods", ".rtf", ".ceb", ".xml", ".json")
_SKIPPED_FOLDERS = ("hts-cache", "hts-log")  # HTTrack's own
_GENERIC_STEMS = {"index", "default", "content", "detail", "details", "view", "show", "article", "info", "page",
                  "main", "home", "list", "print", "doc", "news"}


@dataclass
class Migrated:
    """One saved page's outcome."""

    source: str  # its path under SAVED
    status: str = ""  # migrated, already, duplicate, not a notice, failed
    notice: str = ""  # the notice written or found (relative to the root)
    fields: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors: not written; warnings: written, to check
    note: str = ""  # why it is not a notice, or which page it duplicates


def pages_in(saved: Path) -> list[str]:
    """The saved pages under ``saved``, as paths relative to it with "/", sorted."""
    found = []
    for folder, folders, files in os.walk(saved):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f.lower() not in _SKIPPED_FOLDERS
                            and not f.endswith("_files"))  # a browser's page_files/: the page's parts
        for name in files:
            if name.startswith(".") or not name.split("?")[0].lower().endswith(PAGE_SUFFIXES) \
                    and not name.lower().endswith(PAGE_SUFFIXES):
                continue
            rel = os.path.relpath(os.path.join(folder, name), saved).replace(os.sep, "/")
            found.append(rel)
    return sorted(found, key=lambda rel: rel.split("/"))


def migrate(saved: Path, root: Path, base_url: str = "") -> tuple[list[Migrated], list[Problem]]:
    """Migrate every notice page of ``saved`` into the site root ``root``; returns each
    page's outcome, and the problems that stopped all of them (site.yaml, options, the
    索引号 record)."""
    config, problems = read_site_config(root)
    if config is None or any(p.severity is Severity.ERROR for p in problems):
        return [], [p for p in problems if p.severity is Severity.ERROR] or problems
    if base_url and not re.match(r"^https?://[^/\s]+", base_url, re.I):
        return [], [error(Location("--base-url"), f"'{base_url}' is not an absolute http(s) address",
                          "give the address the copy was saved from, e.g. http://www.example.gov.cn/")]
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    record, found = read_record(root)
    if found:  # a record that cannot be read would be written over: nothing until it is put right
        return [], found
    existing = _existing_notices(root)
    run = _Run(saved, root, config, base_url, existing, record)
    results = [run.read(rel) for rel in pages_in(saved)]
    run.plan(results)
    for result in results:
        if result.status == "planned":
            run.write(result)
    added = [(r.notice, r.fields["index_number"]) for r in results if r.status == "migrated"]
    if added:
        for notice_path, number in added:
            record.add(_notice_id(notice_path), number)
        write_record(root, record.text())
    return results, []


def _notice_id(notice_path: str) -> str:
    return posixpath.splitext(notice_path[len(NOTICES) + 1:])[0]


def _norm(text: str) -> str:
    """Text compared however an old portal wrote it (full-width, spaces, case): as 索引号 are."""
    return number_key(text)


# --- what the site holds already ---------------------------------------------------------------

@dataclass
class _Existing:
    by_number: dict[str, str] = field(default_factory=dict)  # normalised 索引号 -> notice file
    titles: dict[str, str] = field(default_factory=dict)  # notice file -> its title
    by_url: dict[str, str] = field(default_factory=dict)  # old_url -> notice file


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's where PyYAML has it: a site of 10,000 notices
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)


def _existing_notices(root: Path) -> _Existing:
    """The 索引号 and old addresses of the notices in ``root`` (read loosely: a notice
    that cannot be read here is the build's to name)."""
    existing = _Existing()
    folder = root / NOTICES
    if not folder.is_dir():
        return existing
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".yaml", ".yml", ".md") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
            if path.suffix.lower() == ".md":
                match = _FRONT.match(text)
                text = match.group(1) if match else ""
            data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError):
            continue
        if not isinstance(data, dict):
            continue
        rel = path.relative_to(root).as_posix()
        existing.titles[rel] = str(data.get("title") or "")
        if data.get("index_number"):
            existing.by_number.setdefault(_norm(str(data["index_number"])), rel)
        if data.get("old_url"):
            existing.by_url.setdefault(str(data["old_url"]).strip(), rel)
    return existing


# --- one run ------------------------------------------------------------------------------------------

class _Run:
    def __init__(self, saved: Path, root: Path, config: SiteConfig, base_url: str, existing: _Existing, record):
        self.saved, self.root, self.config, self.base_url = saved, root, config, base_url
        self.existing, self.record = existing, record
        self.pages: dict[str, oldpage.OldPage] = {}
        host = urlsplit(base_url).netloc.lower() if base_url else ""
        # wget and HTTrack save under a folder named after the host: the address starts after it.
        self.host_folder = next((p.name for p in saved.iterdir() if p.is_dir() and p.name.lower() == host),
                                "") if host and saved.is_dir() else ""
        self.names = {}
        for org in config.orgs:
            for name in (org.name, *org.aliases):
                self.names.setdefault(_norm(name), org.id)

    # Reading: each page on its own.

    def read(self, rel: str) -> Migrated:
        result = Migrated(rel)
        try:
            data = (self.saved / rel).read_bytes()
        except OSError as exc:
            result.status = "failed"
            result.problems.append(error(Location(rel), f"cannot read this file: {exc.strerror or exc}"))
            return result
        page = oldpage.read_page(data, rel)
        self.pages[rel] = page
        numbers = [oldpage.first_token(f.value) for f in page.values("index_number")]
        numbers = list(dict.fromkeys(n for n in numbers if n))
        if page.index_shapes >= 3 or page.index_shapes >= 2 and not numbers:
            result.status, result.note = "not a notice", f"lists {page.index_shapes} 索引号 (a column or list page)"
            return result
        if page.problems and not numbers:
            result.status, result.problems = "failed", list(page.problems)
            return result
        if not numbers:
            if page.labels >= 3:
                result.status = "failed"
                result.problems.append(error(Location(rel), "its 政府信息公开 block shows no 索引号: not migrated, "
                                                            "as a notice keeps the number it was published with",
                                             "write this notice by hand with the 索引号 the old portal gave it"))
            else:
                result.status, result.note = "not a notice", "no 政府信息公开 metadata block (索引号 …)"
            return result
        result.status = "read"
        result.problems += page.problems
        if len({_norm(n) for n in numbers}) > 1:
            result.problems.append(error(Location(rel, page.values("index_number")[1].line),
                                         f"two 索引号 on the page: {' and '.join(numbers[:3])}",
                                         "correct the saved page so that it shows the notice's own, then run migrate again"))
        result.fields = self._fields(page, numbers[0], result)
        if any(p.severity is Severity.ERROR for p in result.problems):
            result.status = "failed"
        return result

    def _fields(self, page: oldpage.OldPage, number: str, result: Migrated) -> dict:
        rel = page.rel
        to_check: list[str] = []
        fields: dict = {"title": page.title}
        if not page.title and not any(p.message.startswith("two candidate titles") for p in result.problems):
            result.problems.append(error(Location(rel), "no title found (no <meta ArticleTitle>, 名称, heading or <title>)",
                                         "correct the saved page, then run migrate again"))
        if page.title_doubt:
            to_check.append(page.title_doubt)
        org = self._publisher(page, result)
        fields["publisher"] = org or ""
        published = self._date(page, "published", result, to_check, required=True)
        fields["published"] = published
        fields["disclosure"] = PUBLIC  # it was on the portal: published, 主动公开
        written = self._date(page, "written", result, to_check)
        if written:
            fields["written"] = written
        doc_number = self._text(page, "doc_number", to_check)
        if doc_number:
            fields["doc_number"] = doc_number
        fields["index_number"] = number
        for name in ("topic", "genre"):
            value = self._text(page, name, to_check)
            if value:
                fields[name] = value
        validity = self._text(page, "validity", to_check)
        if validity in VALIDITIES:
            fields["validity"] = validity
        elif validity:
            to_check.append(f"有效性 '{validity}' on the old page is none of {' / '.join(VALIDITIES)}: "
                            "set validity if it is a 规范性文件")
        if page.content_note:
            to_check.append(f"the content area was not certain ({page.content_note}): compare the body with the "
                            "old page")
        fields["_to_check"] = to_check
        return fields

    def _text(self, page: oldpage.OldPage, name: str, to_check: list[str]) -> str:
        values = list(dict.fromkeys(oldpage.first_token(f.value) if name == "doc_number" else
                                    re.split(r"[\s\u3000\xa0]{2,}", f.value.strip())[0] for f in page.values(name)))
        values = [v for v in values if v]
        if len({_norm(v) for v in values}) > 1:
            to_check.append(f"{_LABELS[name]}: the old page shows {' and '.join(values[:3])}; kept {values[0]}")
        return values[0] if values else ""

    def _date(self, page: oldpage.OldPage, name: str, result: Migrated, to_check: list[str],
              required: bool = False) -> date | None:
        found = page.values(name)
        days = []
        for f in found:
            day, why = oldpage.read_date(f.value)
            if day is None:
                to_check.append(f"{_LABELS[name]}: {why} ({f.source}); not kept")
            elif day not in days:
                days.append(day)
        if not days:
            if required:
                result.problems.append(error(Location(page.rel), f"no {_LABELS[name]} found on the page",
                                             "correct the saved page, then run migrate again"))
            return None
        if len(days) > 1:
            to_check.append(f"{_LABELS[name]}: the old page shows {' and '.join(d.isoformat() for d in days)}; "
                            f"kept {days[0].isoformat()}")
        return days[0]

    def _publisher(self, page: oldpage.OldPage, result: Migrated) -> str:
        """The org id the 发布机构 (else the 来源, else <meta ContentSource>) names:
        its name or an alias, or one that a longer written name ends with (区民政局 →
        云岭市青溪区民政局's alias 民政局 will not do: four characters or more).  Two or
        more organisations named (联合发文) are named back, never one of them chosen."""
        stated = page.values("publisher") or page.values("source")
        if not stated:
            result.problems.append(error(Location(page.rel), "the page names no 发布机构",
                                         "correct the saved page, then run migrate again"))
            return ""
        where = Location(page.rel, stated[0].line)
        whole = stated[0].value.strip()
        if _norm(whole) not in self.names:
            # 联合发文: two or more organisations named (区财政局　区民政局, 区财政局、区民政局,
            # 区财政局和区民政局); the one a joint name ends with is no more its publisher than the first.
            parts = [p for p in _JOINT.split(whole) if p]
            ids = [self._org_of(p) for p in parts]
            known = set(ids) - {""}
            if len(parts) > 1:
                # An unknown part beside a known one may be a second publisher: named, not dropped.
                joint = len(known) > 1 or known and not all(ids) or _SEPARATED.search(whole) and not known
            else:  # 和/与/及 also join words of one name (区人力资源和社会保障局): only between two orgs
                parts = [p for p in _JOINT_WORDS.split(whole) if p]
                ids = [self._org_of(p) for p in parts]
                joint = len(parts) > 1 and all(ids) and len(set(ids)) > 1
            if joint:
                named = ", ".join(i or f"'{p}' (no organisation of site.yaml)" for i, p in zip(ids, parts))
                result.problems.append(error(where, f"联合发文: 发布机构 '{whole}' names {named}: which one is "
                                                    "the publisher is not gwsite's to choose",
                                             "write this notice by hand with its lead organisation as publisher"))
                return ""
            if len(known) == 1 and all(ids):
                return known.pop()
        written = re.split(r"[\s\u3000\xa0]{2,}", whole)[0]
        key = _norm(written)
        found = {self.names[key]} if key in self.names else set()
        if not found and len(key) >= 4:
            found = {oid for name, oid in self.names.items()
                     if len(name) >= 4 and (key.endswith(name) or name.endswith(key))}
        if len(found) == 1:
            return found.pop()
        if found:
            result.problems.append(error(where, f"发布机构 '{written}' could be any of {', '.join(sorted(found))}",
                                         "add the name to one org's aliases in site.yaml"))
        else:
            result.problems.append(error(where, f"发布机构 '{written}' matches no organisation in site.yaml",
                                         "add the name to the org's aliases in site.yaml, then run migrate again"))
        return ""

    def _org_of(self, written: str) -> str:
        """The org whose name or alias ``written`` is, exactly (after NFKC), or ""."""
        return self.names.get(_norm(written), "")

    # Planning: the pages against each other and against the site.

    def plan(self, results: list[Migrated]) -> None:
        read = [r for r in results if r.status == "read"]
        for r in read:
            self._old_url(r)
        # A canonical link that several pages share is the template's, not the page's.
        by_canonical: dict[str, list[Migrated]] = {}
        for r in read:
            if self.pages[r.source].canonical:
                by_canonical.setdefault(r.fields.get("old_url", ""), []).append(r)
        for url, shared in by_canonical.items():
            if len(shared) > 1 and len({_norm(r.fields["index_number"]) for r in shared}) > 1:
                for r in shared:
                    self._old_url(r, trust_canonical=False)
        for r in read:
            if any(p.severity is Severity.ERROR for p in r.problems):
                r.status = "failed"
        read = [r for r in read if r.status == "read"]
        first_by_number: dict[str, Migrated] = {}
        for r in read:
            key = _norm(r.fields["index_number"])
            first = first_by_number.get(key)
            if first is not None:
                same_title = _norm(first.fields["title"]) == _norm(r.fields["title"])
                if same_title and _page_of(first.source, r.source):
                    # t…_1.html, t…_2.html: TRS splits a long article over pages; one notice, its text in order.
                    first.fields.setdefault("_more", []).append(r)
                    r.status = "duplicate"
                    r.note = (f"page {_page_of(first.source, r.source) + 1} of {first.source}: " + (
                        f"that notice is there already ({first.notice}): compare its text with this page"
                        if first.status == "already" else "its text is appended to that notice's") + (f"; its address {r.fields['old_url']} is not redirected: add it "
                                                    "to the server's map by hand" if r.fields.get("old_url") else ""))
                elif same_title and self._text_of(first) != self._text_of(r):
                    r.status = "failed"
                    r.problems.append(error(Location(r.source), f"索引号 {r.fields['index_number']} and the title are "
                                                                f"those of {first.source}, but the text is another",
                                            "keep the saved page that is the notice as published (delete the other), "
                                            "then run migrate again"))
                elif same_title:
                    r.status, r.notice = "duplicate", first.notice
                    r.note = (f"the same notice as {first.source} (索引号 {r.fields['index_number']}): migrated once"
                              + (f"; its address {r.fields['old_url']} is not redirected: add it to the server's "
                                 "map by hand" if r.fields.get("old_url") and r.fields.get("old_url") != first.fields.get("old_url") else ""))
                else:
                    r.status = "failed"
                    r.problems.append(error(Location(r.source), f"索引号 {r.fields['index_number']} is also that of "
                                                                f"{first.source}, titled '{first.fields['title']}'",
                                            "a 索引号 belongs to one notice: correct the saved page that is wrong"))
                continue
            first_by_number[key] = r
            there = self.existing.by_url.get(r.fields.get("old_url", ""))
            if there:  # its old address: that notice is it
                r.status, r.notice = "already", there
                continue
            there = self.existing.by_number.get(key)
            if there:
                # The same number is the same notice only under the same title: else one of
                # them is wrong, and skipping the page would lose it without a word.
                title = self.existing.titles.get(there, "")
                if _norm(title) == _norm(r.fields["title"]):
                    r.status, r.notice = "already", there
                else:
                    r.status = "failed"
                    r.problems.append(error(Location(r.source), f"索引号 {r.fields['index_number']} is that of {there}, "
                                                                f"titled '{title}', not '{r.fields['title']}'",
                                            "a 索引号 belongs to one notice: if they are one, correct the title that "
                                            "is wrong (and add old_url: to that notice); else correct the saved page"))
                continue
            r.status = "new"
        new = [r for r in read if r.status == "new"]
        for r in new:  # t…_1.html whose first page the copy lacks: a part of an article, not all of it
            m = re.fullmatch(r"(.+_\d+)_\d{1,3}(\.[^/]+)", r.source)  # TRS: t20240603_8801_1, not t20240603_8801
            if m and m.group(1) + m.group(2) not in self.pages:
                r.fields["_to_check"].append(f"this may be a further page of {m.group(1) + m.group(2)}, which the "
                                             "saved copy lacks: save that page and compare, as the text may be "
                                             "only a part of the article")
        for r in new:  # recorded numbers compared as numbers: 'X / 2024-00001', 'X／2024－00001'
            owner = self.record.owner(r.fields["index_number"])
            r.notice = self._notice_path(r, new)
            if owner is not None and owner != _notice_id(r.notice):
                r.status = "failed"
                r.problems.append(error(Location(r.source), f"索引号 {r.fields['index_number']} was published for "
                                                            f"{owner} (index-numbers.txt)",
                                        "a published 索引号 is never given to another notice: check which it is"))
                continue
            r.status = "planned"

    def _text_of(self, r: Migrated) -> str:
        content = self.pages[r.source].content
        return _norm(content.text_content()) if content is not None else ""

    def _old_url(self, r: Migrated, trust_canonical: bool = True) -> None:
        """The address the page had: its canonical link, else the address a browser or
        HTTrack noted in it, else --base-url and its path under SAVED."""
        page = self.pages[r.source]
        from_path = self._address_of(r.source)
        url = ""
        if page.canonical and trust_canonical:
            try:
                url = urljoin(from_path or "", page.canonical)
                urlsplit(url)
            except ValueError:  # http://[::1 …
                url = ""
                if trust_canonical and r.fields.get("_to_check") is not None:
                    r.fields["_to_check"].append(f"its canonical link '{page.canonical}' is no address: not used")
        if not re.match(r"^https?://", url, re.I) and re.match(r"^https?://", page.saved_from, re.I):
            url = page.saved_from
        if not re.match(r"^https?://", url, re.I) and page.saved_from and self.base_url \
                and not re.match(r"^\w+:", page.saved_from):
            url = urlsplit(self.base_url).scheme + "://" + page.saved_from  # HTTrack notes no scheme
        try:
            urlsplit(url)
        except ValueError:  # a noted address like http://[::1 is none
            url = ""
        if not re.match(r"^https?://[^/\s]+", url, re.I):
            url = from_path
        if url:
            r.fields["old_url"] = url.split("#")[0]
        else:
            r.problems.append(error(Location(r.source), "the page's address on the old portal is not known (it has "
                                                        "no canonical link)",
                                    "give --base-url, the address SAVED was saved from"))

    def _address_of(self, rel: str) -> str:
        """--base-url and ``rel``'s path under SAVED, as wget and HTTrack name saved pages:
        below a folder named after the host, an added .html taken off (a.shtml.html,
        content.jsp?id=5.html)."""
        if not self.base_url:
            return ""
        parts = rel.split("/")
        if self.host_folder and parts[0] == self.host_folder:
            parts = parts[1:]
        name = parts[-1]
        # wget --restrict-file-names=windows writes a query's ? as @ (content.jsp@id=77.html).
        name = re.sub(r"^(.+\.(?:jsp|jspx|asp|aspx|php|do|action|cgi))@(?=.*\.html?$)", r"\1?", name, flags=re.I)
        m = re.fullmatch(r"(.+\.(?:s?html?|jsp|jspx|asp|aspx|php|do|action|cgi)|.+\?.*)\.html?", name, re.I)
        parts[-1] = m.group(1) if m else name
        path = "/".join(parts)
        return self.base_url + quote(path, safe="/?=&%:@;,+~")

    def _notice_path(self, r: Migrated, read: list[Migrated]) -> str:
        """content/notices/<publisher>/<name>.yaml: the old page's own name where it is a
        plain one (t20240312_123), else its date and a digest of its address; a name two
        pages would share, or a file there already, gets the digest too."""
        org = r.fields["publisher"]
        slug = self._slug(r)
        clash = sum(1 for other in read if other.fields.get("publisher") == org and self._slug(other) == slug) > 1
        if clash or taken(self.root, f"{NOTICES}/{org}/{slug}"):
            slug = f"{slug}-{self._digest(r)[:6]}"
        return f"{NOTICES}/{org}/{slug}.yaml"

    def _slug(self, r: Migrated) -> str:
        if "_slug" not in r.fields:
            address = r.fields.get("old_url") or r.source
            stem = posixpath.splitext(urlsplit(address).path.rstrip("/").rpartition("/")[2])[0].lower()
            if re.fullmatch(r"[a-z0-9][a-z0-9_-]{2,60}", stem) and stem not in _GENERIC_STEMS:
                r.fields["_slug"] = stem
            else:
                day = r.fields["published"]
                r.fields["_slug"] = f"{day.isoformat()}-{self._digest(r)[:6]}"
        return r.fields["_slug"]

    def _digest(self, r: Migrated) -> str:
        return hashlib.blake2b((r.fields.get("old_url") or r.source).encode("utf-8"), digest_size=8).hexdigest()

    # Writing.

    def write(self, r: Migrated) -> None:
        page = self.pages[r.source]
        org = r.fields["publisher"]
        folder = f"{FILES}/{org}/{posixpath.splitext(posixpath.basename(r.notice))[0]}"
        links = _Links(self, r, folder)
        body = oldpage.body_markdown(page.content, links.resolve) if page.content is not None else ""
        for more in sorted(r.fields.get("_more", []), key=lambda m: _page_of(r.source, m.source)):
            content = self.pages[more.source].content  # in the same folder: its links resolve alike
            more_body = oldpage.body_markdown(content, links.resolve) if content is not None else ""
            body = (body.rstrip("\n") + "\n\n" + more_body) if body.strip() else more_body
            more.notice = r.notice
        to_check = r.fields.pop("_to_check") + links.to_check
        if not body.strip() and not links.files:
            to_check.append("no text found in the old page's content area: compare with the old page")
        data = {k: v for k, v in r.fields.items() if not k.startswith("_") and k != "old_url"}
        if links.files:
            data["attachments"] = [rel.removeprefix("content/") for rel, _ in links.files]
        data["body"] = body
        if r.fields.get("old_url"):
            data["old_url"] = r.fields["old_url"]
        if to_check:
            data["to_check"] = to_check
        r.problems += [warning(Location(r.source), note) for note in to_check]
        files = [(rel, source.read_bytes()) for rel, source in links.files]
        clashes = clashing_files(self.root, files)
        if clashes:
            r.status = "failed"
            r.problems.append(error(Location(r.source), f"{clashes[0]} exists with other content: not replaced",
                                    "move that file away, then run migrate again"))
            return
        header = f"# migrated by gwsite migrate from {r.source}" + (f" ({page.encoding})" if page.encoding else "") + "\n"
        try:
            write_notice(self.root, r.notice, notice_yaml(data, header), files)
        except FileExistsError:  # appeared meanwhile
            r.status = "already"
            return
        r.status = "migrated"
        r.files = [rel for rel, _ in files]
        r.fields = data


_SEPARATED = re.compile(r"[、，,;；/／]")
_JOINT = re.compile(r"[\s\u3000\xa0]*[、，,;；/／][\s\u3000\xa0]*|[\s\u3000\xa0]+")
_JOINT_WORDS = re.compile(r"[和与及]")  # 区人力资源和社会保障局 is one: split only where each part is an org
_LABELS = {"published": "发布日期", "written": "成文日期", "doc_number": "发文字号", "topic": "主题分类",
           "genre": "体裁分类", "validity": "有效性"}


class _Links:
    """What the links and images of one page's text become: a file of the saved copy is
    copied with the notice and linked where it is published; another page of the old
    portal is linked at its old address (redirected once the map is deployed); what
    leads nowhere is its text alone, and a file missing from the copy is to be checked."""

    def __init__(self, run: _Run, r: Migrated, folder: str) -> None:
        self.run, self.r, self.folder = run, r, folder
        self.files: list[tuple[str, Path]] = []  # (path under the root, source)
        self.by_source: dict[Path, str] = {}
        self.to_check: list[str] = []
        page_address = r.fields.get("old_url") or run._address_of(r.source)
        self.page_address = page_address
        base = run.pages[r.source].base
        try:
            self.base = urljoin(page_address, base) if base and page_address else base
            urlsplit(self.base)
        except ValueError:  # http://[::1 …: no address
            self.base = ""
            self.to_check.append(f"its <base href> '{base}' is no address: its links were read from the page's own")

    def resolve(self, url: str, kind: str, text: str) -> str | None:
        try:
            return self._resolve(url, kind, text)
        except ValueError:  # urllib's answer to an address like http://[::1/x
            self.to_check.append(f"{'image' if kind == 'image' else 'link'} '{url.strip()}' ({text}) is no address: "
                                 "it is published as its text")
            return None

    def _resolve(self, url: str, kind: str, text: str) -> str | None:
        url = url.strip()
        scheme = urlsplit(url).scheme.lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
        if not url or url.startswith("#") or scheme in ("javascript", "vbscript", "data", "about", "file"):
            return None
        if scheme in ("mailto", "tel"):
            return url if kind == "link" else None
        if self.base and not scheme:  # <base href>: where the browser took the page's links from
            url = urljoin(self.base, url)
        path = urlsplit(url).path
        local = self._local(url)
        # A file by what the saved copy holds (downfile.jsp?…, down.jsp?i_ID=88 saved as a PDF),
        # else by its name or the old portal's download script's.
        is_file = kind == "image" or local is not None and not _is_html(local) \
            or _file_suffix(unquote(path)) or _file_suffix(_query_file(url)) or bool(_DOWNLOAD.search(path))
        if is_file:
            if local is not None and not _is_html(local):
                return self._attach(local, text, url)
            shown = urljoin(self.page_address, url) if self.page_address else url
            what = "image" if kind == "image" else "linked file"
            self.to_check.append(f"{what} {shown} ({text or posixpath.basename(unquote(path))}) is not in the saved "
                                 "copy: it is published as its text; save it and add it under attachments:")
            return None
        absolute = urljoin(self.page_address, url) if self.page_address else url
        return absolute if re.match(r"^https?://[^/\s]+", absolute, re.I) else None

    def _local(self, url: str) -> Path | None:
        """The file of the saved copy that ``url`` (as written in the page) names, if any."""
        saved = self.run.saved
        parts = urlsplit(url)
        page_dir = posixpath.dirname(self.r.source)
        if parts.scheme.lower() in ("http", "https"):
            host = parts.netloc.lower()
            base_host = urlsplit(self.run.base_url).netloc.lower() if self.run.base_url else ""
            folder = next((p.name for p in (saved / parts.netloc,) if p.is_dir()), "")
            if folder:
                start = folder
            elif host == base_host:
                start = ""
            else:
                return None
            candidates = [posixpath.join(start, parts.path.lstrip("/"))]
        elif parts.path.startswith("/"):
            top = self.r.source.split("/")[0] if self.run.host_folder and self.r.source.startswith(
                self.run.host_folder + "/") else ""
            candidates = [posixpath.join(top, parts.path.lstrip("/"))]
        else:
            candidates = [posixpath.join(page_dir, parts.path)]
        for candidate in candidates:
            normal = posixpath.normpath(candidate)
            if normal.startswith("../") or normal in ("..", ".") or normal.startswith("/"):
                return None  # outside the saved copy
            names = [normal + "?" + parts.query, normal + "@" + parts.query] if parts.query else []
            names.append(normal)
            for name in names:
                for text in _spellings(name):
                    path = saved / text
                    try:
                        if path.is_file():
                            return path
                    except (OSError, ValueError):
                        continue
        return None

    def _attach(self, source: Path, text: str, url: str = "") -> str:
        if source in self.by_source:
            return self.by_source[source].removeprefix("content/")
        own = unquote(source.name.split("?")[0].split("@")[0])
        suffix = posixpath.splitext(own)[1].lower()
        label = " ".join(text.split())
        label = re.sub(r"^附件\s*\d*\s*[:：.、]?\s*", "", label)
        if suffix not in FILE_SUFFIXES:  # a download script's answer: the file's own name and type
            named = _query_file(url) or _query_file(source.name)
            suffix = _file_suffix(named) or _file_suffix(label) or _magic_suffix(source)
            if not suffix:
                self.to_check.append(f"linked file {url} ({label or own}) was copied as {posixpath.splitext(own)[0]}: "
                                     "its type is not known: rename it with its suffix (.pdf, .doc …)")
            own = posixpath.basename(named) if _file_suffix(named) else posixpath.splitext(own)[0] + suffix
            if label and not label.lower().endswith(suffix) and suffix:
                label += suffix
        name = label if label and label.lower().endswith(suffix) and suffix else own
        name = safe_file_name(name, fallback=f"file{suffix}")
        if not name.lower().endswith(suffix):
            name += suffix
        taken_names = {posixpath.basename(rel) for rel, _ in self.files}
        number = 2
        stem, ext = posixpath.splitext(name)
        while name in taken_names:
            name = f"{stem}-{number}{ext}"
            number += 1
        rel = f"{self.folder}/{name}"
        self.files.append((rel, source))
        self.by_source[source] = rel
        return rel.removeprefix("content/")


# The old portal's download scripts (大汉 /module/download/downfile.jsp, down.jsp?i_ID=…).
_DOWNLOAD = re.compile(r"(?i)/(?:module/download/|[^/]*down(?:load)?[^/]*\.(?:jsp|asp|aspx|php|do|action|cgi)$|"
                       r"[^/]*(?:getfile|attachment)[^/]*\.(?:jsp|asp|aspx|php|do|action|cgi)$)")
_MAGIC = ((b"%PDF", ".pdf"), (b"\x89PNG", ".png"), (b"GIF8", ".gif"), (b"\xff\xd8\xff", ".jpg"), (b"%OFD", ".ofd"))


def _file_suffix(name: str) -> str:
    suffix = posixpath.splitext(name)[1].lower()
    return suffix if suffix in FILE_SUFFIXES else ""


def _query_file(url: str) -> str:
    """The file name a download address's query names (filename=….pdf), or ""."""
    query = url.partition("?")[2]
    for part in re.split(r"[&;]", query):
        value = unquote(part.partition("=")[2])
        if _file_suffix(value):
            return value.replace("\\", "/").rpartition("/")[2]
    return ""


def _is_html(path: Path) -> bool:
    """Whether a file of the saved copy is a page (its bytes, not its name: down.jsp?i_ID=88 may be a PDF)."""
    try:
        with path.open("rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<meta", b"<?xml", b"<!--", b"<body", b"<title"))


def _magic_suffix(path: Path) -> str:
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return ""
    return next((suffix for magic, suffix in _MAGIC if head.startswith(magic)), "")


def _page_of(first: str, other: str) -> int:
    """N when ``other`` is page N+1 of the article ``first`` (t20240603_8801_1.html after
    t20240603_8801.html, in the same folder), else 0."""
    head, dot, rest = first.rpartition("/")[2].partition(".")
    m = re.fullmatch(re.escape(head) + r"_(\d{1,3})" + re.escape(dot + rest), other.rpartition("/")[2])
    return int(m.group(1)) if m and posixpath.dirname(first) == posixpath.dirname(other) else 0


def _spellings(name: str) -> list[str]:
    """A path as written in a link (percent-encoded or not), as it may be named on disk:
    UTF-8, or the GBK bytes an old portal's address held."""
    out = [unquote(name)]
    raw = unquote_to_bytes(name)
    try:
        out.append(os.fsdecode(raw))
    except (UnicodeDecodeError, ValueError):
        pass
    try:
        out.append(os.fsdecode(unquote(name).encode("gb18030")))
    except (UnicodeEncodeError, ValueError):
        pass
    return list(dict.fromkeys(out))
