"""The site's data, as frozen records that remember where they came from.

Readers make these from files; ``assemble`` makes the published ``Site`` from them; the
renderers, the index and the audit only read it.  Nothing here does I/O.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import os

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .diagnostics import Location
from .domains import DomainTable

DEPARTMENT, TOWNSHIP = "department", "township"
ORG_KINDS = (DEPARTMENT, TOWNSHIP)

# 公开属性.  Only the first is ever published.  PENDING (待定) is what `gwsite import` writes
# when the document states none: held back, with a warning, until a person decides.
PUBLIC, ON_REQUEST, WITHHELD, PENDING = "主动公开", "依申请公开", "不予公开", "待定"
DISCLOSURES = (PUBLIC, ON_REQUEST, WITHHELD, PENDING)

VALIDITIES = ("有效", "失效", "废止")

# Sections of an agency's platform page, in the order 国办公开办函〔2019〕61号 fixes.
PAGE_SECTIONS = ("指南", "制度", "法定主动公开内容", "年报", "其他")


@dataclass(frozen=True)
class Org:
    """An organisation that publishes: a 区/县政府部门 or a 镇/乡/街道."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    code: str = ""  # 统一社会信用代码 (or 组织机构代码): the prefix of 索引号
    location: Location | None = None
    not_involved: tuple[str, ...] = ()  # 未涉及领域: domains this org has nothing of (a 街道 without farmland)


@dataclass(frozen=True)
class SiteConfig:
    """site.yaml."""

    title: str
    region: str
    host: str  # 主办单位
    orgs: tuple[Org, ...]
    domains: DomainTable
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号
    police_record: str = ""  # 公安机关备案号
    base_url: str = ""
    conac_url: str = ""  # 党政机关网站标识 verification link (开普云); the badge links there
    upstream: str = ""  # folder of the city's catalogue workbooks (只增不减)
    require_review: bool = False
    page_size: int = 20
    search_synonyms: tuple[tuple[str, ...], ...] = ()  # the site's own additions to the abbreviation table
    not_compiled: tuple[tuple[str, str], ...] = ()  # (pilot domain, reason) whose catalogue this level does not compile
    not_compiled_line: int | None = None  # where site.yaml says so
    location: Location | None = None

    def org(self, org_id: str) -> Org | None:
        return self._orgs_by_id.get(org_id)

    @cached_property  # org is asked once a notice (its 索引号) and once a page
    def _orgs_by_id(self) -> dict[str, Org]:
        by_id: dict[str, Org] = {}
        for o in self.orgs:
            by_id.setdefault(o.id, o)  # the first of two with one id, as a scan finds
        return by_id


def item_key(written: str) -> str:
    """A notice's ``item:`` (or ``--item``) as ``CatalogueItem.key`` writes it: its parts
    without the spaces around them (最低生活保障 / 审核确认结果)."""
    return "/".join(part.strip() for part in written.split("/"))


@dataclass(frozen=True)
class CatalogueItem:
    """One row of a standard catalogue (标准目录)."""

    domain: str  # canonical pilot-domain name
    level1: str  # 一级事项
    level2: str = ""  # 二级事项
    level3: str = ""  # 三级事项
    content: str = ""  # 公开内容（要素）
    basis: str = ""  # 公开依据
    deadline: str = ""  # 公开时限
    subject: str = ""  # 公开主体, as written
    subject_orgs: tuple[str, ...] = ()  # 公开主体 resolved to org ids
    channels: tuple[str, ...] = ()  # 公开渠道和载体 chosen
    audience: tuple[str, ...] = ()  # 全社会 / 特定群体
    mode: tuple[str, ...] = ()  # 主动 / 依申请
    levels: tuple[str, ...] = ()  # 市级 / 县级 / 乡级 / 村级
    serial: str = ""  # 序号, as text ("0505" stays "0505")
    source: Location | None = None  # the row's first cell
    cells: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # field -> its cell in this row ("F7"), where it has a column

    def location_of(self, field: str) -> Location | None:
        """The cell of one element of this item, for messages about that element."""
        cell = dict(self.cells).get(field)
        if self.source is None or cell is None:
            return self.source
        return Location(self.source.path, sheet=self.source.sheet, cell=cell)

    @property
    def key(self) -> str:
        """How a notice names the item it fulfils: ``一级事项/二级事项[/三级事项]``."""
        return "/".join(p for p in (self.level1, self.level2, self.level3) if p)

    @property
    def name(self) -> str:
        return self.level3 or self.level2 or self.level1


@dataclass(frozen=True)
class Notice:
    """A piece of government information (政府信息) as read from content/notices/."""

    id: str  # path under content/notices/ without extension
    title: str
    publisher: str  # org id (发布机构)
    published: date  # 发布日期
    disclosure: str  # 公开属性
    written: date | None = None  # 成文日期
    doc_number: str = ""  # 发文字号
    index_number: str = ""  # 索引号 (filled in by assemble when absent)
    domains: tuple[str, ...] = ()  # canonical domain names
    item: str = ""  # catalogue item key
    topic: str = ""  # 主题分类
    genre: str = ""  # 体裁分类
    validity: str = ""  # 有效性 (规范性文件)
    interprets: str = ""  # id of the policy this notice interprets (政策解读)
    old_url: str = ""  # where the old portal published it (gwsite migrate): redirected here, data/redirects.csv
    attachments: tuple[str, ...] = ()  # paths relative to content/
    body: str = ""  # Markdown
    review: tuple[tuple[str, str], ...] = ()  # 三审: (stage, reviewer)
    tags: tuple[str, ...] = ()  # e.g. 五公开 axis
    location: Location | None = None  # the file
    body_line: int = 1  # line of the body's first line, for messages about it
    body_lines: tuple[int, ...] = ()  # the line of each of the body's lines, where they are not body_line on
    key_lines: tuple[tuple[str, int], ...] = ()  # where each key (and "attachments[i]") was written
    # Personal data the reader found in the attachment files: (attachment number, its place
    # in the file, privacy.Finding).  Part of the notice's content (and so of its digest):
    # an attachment edited under the same name makes another notice.
    in_attachments: tuple = ()
    attachment_text: str = ""  # the start of the attachment files' text, masked: searchable

    def line_of(self, key: str) -> int:
        lines = dict(self.key_lines)
        return lines.get(key) or lines.get(key.split("[")[0], 1)

    def body_line_at(self, offset: int) -> int:
        """The file's line of the body's character ``offset``."""
        return body_line_at(self.body, self.body_line, self.body_lines, offset)


def body_line_at(body: str, body_line: int, body_lines: tuple[int, ...], offset: int) -> int:
    """The file's line of ``body[offset]``: the body's lines follow each other from
    ``body_line`` on, unless ``body_lines`` says where each is (a folded or quoted YAML body)."""
    number = body.count("\n", 0, offset)
    return body_lines[min(number, len(body_lines) - 1)] if body_lines else body_line + number


@dataclass(frozen=True)
class Page:
    """A free page (指南, 制度, 年报 …) from content/pages/."""

    id: str
    title: str
    section: str = "其他"
    publisher: str = ""  # org id, or "" for a site-wide page
    published: date | None = None
    body: str = ""
    location: Location | None = None
    body_line: int = 1
    key_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        return dict(self.key_lines).get(key, 1)

    def body_line_at(self, offset: int) -> int:
        """The file's line of the body's character ``offset`` (a Markdown body: its own lines)."""
        return body_line_at(self.body, self.body_line, (), offset)


@dataclass(frozen=True)
class PrivacyMark:
    """Where ``assemble`` masked personal data in a published notice or page, or found it in
    an attachment file (never the raw value)."""

    location: Location
    kind: str  # id_card, mobile, bank_card
    field: str  # title, body, attachment name …
    masked: str
    domain: str = ""
    org: str = ""
    in_full: bool = False  # in an attachment file, which is published as it is: not masked


@dataclass(frozen=True)
class ReviewMark:
    """A 主动公开 notice held back because its 三审 record is incomplete."""

    location: Location
    missing: tuple[str, ...]
    domain: str = ""
    org: str = ""


@dataclass(frozen=True)
class Site:
    """The assembled, publishable site: only 主动公开 notices, references resolved.

    This is all that the renderers, the search index and the feeds ever see.
    """

    config: SiteConfig
    catalogue: tuple[CatalogueItem, ...]
    notices: tuple[Notice, ...]  # published only, newest first
    pages: tuple[Page, ...]
    interpretations: dict = field(default_factory=dict)  # policy id -> tuple of notice ids
    privacy: tuple[PrivacyMark, ...] = ()
    unreviewed: tuple[ReviewMark, ...] = ()
    index_record: str = ""  # the 索引号 record with this build's numbers (numbering.Record.text)


def file_stamp(st: os.stat_result) -> tuple[int, int, int]:
    """What tells that an input file changed since it was read: its size and time, and
    the time of its last change of any kind (ctime), which an edit keeping the size and
    putting the old time back (``cp -p``, a sync tool, an editor) still moves.  Not for
    output files (``write.Stamp``): hard-linking one into the next output moves its ctime."""
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns


def content_digest(*parts) -> str:
    """The key incremental builds compare: a digest of ``parts`` (bytes, or anything as
    its text), each ended by a NUL so that ("ab", "c") and ("a", "bc") differ."""
    if parts:
        try:  # all text, the usual case: one update of the same bytes
            return hashlib.blake2b(("\0".join(parts) + "\0").encode("utf-8"), digest_size=16).hexdigest()
        except TypeError:  # bytes, or numbers to be written as text
            pass
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def derived(record, index_number: str):
    """``replace(record, index_number=…)`` for a notice numbered by ``assemble``, with its
    digest made from the record's and the number instead of from its whole content: as
    much a key of its content (the one determines the other), at a hundredth of the cost
    (at 100,000 notices ``replace`` and a digest of each took 4 s)."""
    made = object.__new__(type(record))
    made.__dict__.update(record.__dict__)
    made.__dict__["index_number"] = index_number
    made.__dict__["_digest"] = content_digest(digest(record), "index_number", index_number)
    return made


def digest(record) -> str:
    """A digest of a frozen record's content (a notice, say), made once per object: the
    render, the index and the masking all key their caches by it."""
    found = record.__dict__.get("_digest")
    if found is None:
        # Its repr, not its pickle: pickling a str keeps a UTF-8 copy of it inside the str
        # for the object's life (a third of the model's memory, measured at 10,000 notices).
        found = content_digest(repr(record))
        object.__setattr__(record, "_digest", found)
    return found


def collector_paused(fn):
    """``fn`` with the cyclic garbage collector paused.  For the stages that make the model
    and what is derived from it (reading, planning, the index's lists): many small objects
    and no cycles, so the collector's passes over an ever larger heap find nothing and
    would cost a third of planning's time and of the index's, a tenth of reading's
    (measured at 10,000 notices)."""
    @functools.wraps(fn)
    def paused(*args, **kwargs):
        collecting = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()
    return paused
