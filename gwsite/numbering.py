"""索引号 that never change: the record of every number the site has published.

A 索引号 is cited in 依申请公开 requests, archives and other notices, so once published it
must not change, and a withdrawn notice's number is never given to another.  The numbers
are therefore kept in a record in the site root (``index-numbers.txt``, committed with
it: a fresh clone or another machine gives the same numbers), one line per number:

    # comment lines
    mzj/dibao-2020-10<TAB>11500116MB0000011/2020-00001

A notice without an ``index_number`` of its own keeps the number the record gives its id;
a new one gets the next serial after every serial its prefix (``{org code}/{year}``) has
ever had.  Explicit numbers are recorded too, so that no generated one ever takes them.
A build appends what it gave (``pipeline``); ``check`` only says what it would give.  A
copy is published as ``data/index-numbers.txt``: a team that loses the record copies it
back from the published site.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Location, Problem, error
from .yamlsrc import read_source

RECORD_FILE = "index-numbers.txt"
HEADER = ("# 索引号 published by this site: notice id, a tab, its 索引号; one line per number.\n"
          "# gwsite adds a line for each notice it numbers and never removes one: a withdrawn\n"
          "# notice's number is not given again.  Commit this file with the site.\n")
_SERIAL = re.compile(r"/(\d{4})-(\d+)$")


def number_key(number: str) -> str:
    """A 索引号 as a number, not a string: the same key however an old portal wrote it
    (full-width characters, spaces, lower case: ``11500116mb0000001 / 2024－00012``).
    The number itself is always kept as written."""
    return "".join(unicodedata.normalize("NFKC", number).split()).upper()


_BRACKETS = str.maketrans("〔〕[]【】（）［］", "()()()()()")


def doc_number_key(number: str) -> str:
    """A 发文字号 the same however its brackets, widths and spaces are written
    (青溪民发[2025] 27号 is 青溪民发〔2025〕27号): how check and import find one document twice."""
    return "".join(unicodedata.normalize("NFKC", number).translate(_BRACKETS).split())


def serial_of(number: str) -> tuple[str, int] | None:
    """(prefix ``{org code}/{year}``, serial) of a 索引号 in the site's own scheme, read
    through ``number_key``, or None for another scheme (``…/202403-00057``): so that no
    generated number is ever the same number written otherwise."""
    plain = number_key(number)
    m = _SERIAL.search(plain)
    return (plain[:m.start(1)] + m.group(1), int(m.group(2))) if m else None


@dataclass
class Record:
    """The numbers ever published: (notice id, 索引号) in the order they were given."""

    entries: list[tuple[str, str]] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)  # by this build

    def __post_init__(self) -> None:
        self.by_id: dict[str, str] = {}
        self._owners: dict[str, str] = {}  # number_key -> the notice it was published for
        self.top: dict[str, int] = defaultdict(int)  # prefix -> the highest serial it has had
        for notice_id, number in self.entries:
            self._note(notice_id, number)

    def _note(self, notice_id: str, number: str) -> None:
        self.by_id.setdefault(notice_id, number)
        self._owners.setdefault(number_key(number), notice_id)
        found = serial_of(number)
        if found:
            prefix, serial = found
            self.top[prefix] = max(self.top[prefix], serial)

    def owner(self, number: str) -> str | None:
        """The notice ``number`` (however written) was published for, if any."""
        return self._owners.get(number_key(number))

    def add(self, notice_id: str, number: str) -> None:
        """Record ``number`` as published for ``notice_id`` (nothing when it is already)."""
        if self.owner(number) == notice_id:
            return
        self.entries.append((notice_id, number))
        self.added.append((notice_id, number))
        self._note(notice_id, number)

    def next_number(self, prefix: str) -> str:
        """The next serial of ``prefix`` after every one it has had."""
        return f"{prefix}-{self.top[prefix] + 1:05d}"

    def text(self) -> str:
        return HEADER + "".join(f"{i}\t{n}\n" for i, n in self.entries)


WITHDRAWN = "-"  # the id the published copy gives a number whose notice is no longer published


def published_copy(text: str, published: set[str]) -> str:
    """The record as the site publishes it (data/index-numbers.txt): a notice no longer
    主动公开 is named nowhere in the output, so its line keeps the number (still taken, and
    taken again by a record restored from this copy) under ``WITHDRAWN`` instead of its id."""
    out = []
    for line in text.splitlines(keepends=True):
        notice_id, tab, number = line.partition("\t")
        if tab and not line.startswith("#") and notice_id not in published:
            line = f"{WITHDRAWN}\t{number}"
        out.append(line)
    return "".join(out)


def read_record(root: Path) -> tuple[Record, list[Problem]]:
    """The record in ``root`` (empty when there is none), and the problems of its lines."""
    path = Path(root) / RECORD_FILE
    if not path.exists():
        return Record(), []
    text, problems = read_source(path, RECORD_FILE)
    if text is None:  # not UTF-8, or unreadable: named, and no number given until it is put right
        return Record(), problems
    entries: list[tuple[str, str]] = []
    owners: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        notice_id, tab, index_number = line.partition("\t")
        notice_id, index_number = notice_id.strip(), index_number.strip()
        if not tab or not notice_id or not index_number:
            problems.append(error(Location(RECORD_FILE, number), "not a line of notice id, tab, 索引号",
                                  "restore the line from the published site's data/index-numbers.txt"))
            continue
        if index_number in owners and owners[index_number][0] != notice_id:
            problems.append(error(Location(RECORD_FILE, number),
                                  f"索引号 '{index_number}' is recorded for {owners[index_number][0]} "
                                  f"(line {owners[index_number][1]}) and for {notice_id}",
                                  "a 索引号 belongs to one notice: keep the line that was published"))
            continue
        owners.setdefault(index_number, (notice_id, number))
        entries.append((notice_id, index_number))
    return Record(entries), problems


def write_record(root: Path, text: str) -> None:
    """The record (``Record.text``), replaced whole: a new file renamed over the old, never
    half written; not touched when unchanged."""
    path = Path(root) / RECORD_FILE
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    temporary = path.with_name(f".{RECORD_FILE}.new")
    temporary.write_bytes(data)
    temporary.replace(path)
