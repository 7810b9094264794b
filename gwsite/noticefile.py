"""Writing a new notice into a site root: its YAML file and its files, never over anything.

Shared by the stages that bring notices in from elsewhere — ``gwsite import`` (official
documents) and ``gwsite migrate`` (an old portal's saved pages) — so that both write the
same YAML (keys in the contract's order, the body as a literal block), the same Markdown
(text read literally, tables kept) and refuse in the same way to replace what is there.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

NOTICES = "content/notices"
FILES = "content/files"


class _Dumper(yaml.SafeDumper):
    """Multi-line texts (the body) as literal blocks, as people write them by hand."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def notice_yaml(data: dict, header: str = "") -> str:
    """The notice ``data`` as the YAML file people would write, after ``header`` (comment lines)."""
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def taken(root: Path, stem: str) -> str:
    """The notice already at ``stem`` (.yaml, .yml or .md), or "": nothing is written over it."""
    for suffix in (".yaml", ".yml", ".md"):
        if (root / (stem + suffix)).exists():
            return stem + suffix
    return ""


def clashing_files(root: Path, files: list[tuple[str, bytes]]) -> list[str]:
    """Those of ``files`` (path relative to ``root``, bytes) that exist with other bytes."""
    clashes = []
    for rel, data in files:
        path = root / rel
        if path.exists() and (not path.is_file() or path.read_bytes() != data):
            clashes.append(rel)
    return clashes


def write_notice(root: Path, notice_path: str, text: str, files: list[tuple[str, bytes]]) -> list[str]:
    """Write the notice's files, then the notice ``text`` at ``notice_path`` (relative to
    ``root``); returns the files written.  A file already there with the same bytes is left
    as it is; the caller has checked ``clashing_files`` and ``taken``.  The notice is opened
    exclusively: a file that appeared meanwhile is never replaced (FileExistsError)."""
    written = []
    for rel, data in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.read_bytes() == data:
            continue
        path.write_bytes(data)
        written.append(rel)
    target = root / notice_path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:
        out.write(text)
    return written


# --- Markdown that reads text literally ------------------------------------------------------

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Text as Markdown that reads it literally: 1. stays 1., * stays *."""
    text = MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]
                                                   if m.group(2)[-1] in ".)" else "\\" + m.group(2)), text)


def escape_html(text: str) -> str:
    """Text inside raw HTML in a body (a table cell), line breaks kept."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).replace("\n", "<br>")


def markdown_table(rows: list[list[tuple[str, int, int]]]) -> str:
    """A table of rows of (text, colspan, rowspan) cells, the first row its head: as a
    Markdown table when it is a plain grid, else as HTML (merged cells kept)."""
    if not rows:
        return ""
    plain = all(cs == 1 and rs == 1 and "\n" not in t for row in rows for t, cs, rs in row) \
        and len({len(row) for row in rows}) == 1
    if plain:
        def line(row):
            return "| " + " | ".join(escape_markdown(t) or " " for t, _, _ in row) + " |"
        return "\n".join([line(rows[0]), "|" + "---|" * len(rows[0]), *map(line, rows[1:])])
    html_rows = []
    for r, row in enumerate(rows):
        cells = []
        for text, cs, rs in row:
            tag = "th" if r == 0 else "td"
            attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
            cells.append(f"<{tag}{attrs}>{escape_html(text)}</{tag}>")
        html_rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>\n" + "\n".join(html_rows) + "\n</table>"


def safe_file_name(name: str, fallback: str = "附件") -> str:
    """A name as a file name: no path separators, no characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "_", name).strip("._")[:80] or fallback
