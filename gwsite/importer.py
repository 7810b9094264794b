"""`gwsite import`: official documents (公文) become notices in the contract's format.

read (``docread``) → fields from the layout (``gongwen.analyse``) → the notice: publisher
from ``--publisher`` or the 署名 matched against site.yaml, body as Markdown, embedded and
accompanying files under ``content/files/<publisher>/`` → written under
``content/notices/<publisher>/``, never over an existing file.

Never a silent guess: what the document does not state, or states twice, is left out of
the notice or marked in it (``disclosure: 待定``; a ``to_check:`` line per doubt), so that
``gwsite check`` names it with its line until a person has decided.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import docread
from .config import read_site_config
from .diagnostics import Location, Problem, error, warning
from .gongwen import SPACE, Block, Gongwen, analyse, heading_level, squeeze
from .model import PENDING, SiteConfig
from .noticefile import (FILES, MD_SPECIAL, NOTICES, clashing_files, escape_markdown, markdown_table, notice_yaml,
                         safe_file_name, taken, write_notice)
from .privacy import LABELS, find_personal_data


@dataclass
class Imported:
    """One document's outcome."""

    source: str  # as given
    notice: str = ""  # the notice written (relative to the root), "" when none
    fields: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # written under content/files/
    problems: list[Problem] = field(default_factory=list)  # errors: not written; warnings: to check


def documents_in(paths: list[Path]) -> list[Path]:
    """The documents named, a folder standing for every document under it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in docread.SUFFIXES
                            and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return found


def import_documents(root: Path, paths: list[Path], publisher: str = "", domain: str = "", item: str = "",
                     published: date | None = None) -> tuple[list[Imported], list[Problem]]:
    """Import every document of ``paths`` into the site root ``root``; returns each
    document's outcome, and the problems that stopped all of them (site.yaml, options)."""
    config, problems = read_site_config(root)
    if config is None:
        return [], problems
    domains = config.domains
    options: list[Problem] = []
    if publisher and publisher not in {o.id for o in config.orgs}:
        options.append(error(Location("--publisher"), f"no organisation '{publisher}' in site.yaml",
                             "give an org id from site.yaml (" + ", ".join(o.id for o in config.orgs[:12]) + ")"))
    if domain and domains.resolve(domain) is None:
        options.append(error(Location("--domain"), f"unknown domain '{domain}'", "give one of the 26 pilot domains"))
    if options:
        return [], options
    domain_name = domains.resolve(domain).name if domain else ""
    day = published or date.today()
    return [_import_one(root, config, path, publisher, domain_name, item, day) for path in documents_in(paths)], []


def _import_one(root: Path, config: SiteConfig, path: Path, publisher: str, domain: str, item: str,
                day: date) -> Imported:
    shown = _shown(path, root)
    result = Imported(shown)
    try:
        blocks, producer = docread.read(path)
    except docread.Unreadable as exc:
        result.problems.append(error(Location(shown), str(exc)))
        return result
    doc = analyse(blocks)
    for where, what in doc.doubts:
        result.problems.append(warning(Location(f"{shown} {where}"), what))
    if doc.secret:
        result.problems.append(error(Location(shown), f"the document is marked {doc.secret}: a 涉密 document is not "
                                                      "published on a portal", "check with its issuer"))
        return result
    # Personal data: said at once, with its place, as the build will say it (it publishes masked).
    for block in blocks:
        texts = [block.text] if block.kind == "para" else [c[0] for row in block.rows for c in row]
        for finding in (f for text in texts for f in find_personal_data(text)):
            result.problems.append(warning(Location(f"{shown} {block.where}"),
                                           f"{LABELS.get(finding.kind, finding.kind)} will be published masked as {finding.masked}",
                                           "remove personal data from the notice, or mark it 惩戒公示 in tags"))
    org = _publisher(config, doc, publisher, shown, result.problems)
    if org is None:
        return result
    if not doc.title:
        result.problems.append(error(Location(shown), "no title found", "check the document's layout (标题 centred under the 版头)"))
        return result

    slug = _slug(doc, path, day)
    folder = f"{FILES}/{org}/{slug}"
    # 主送机关 stays at the head of the body, where the document has it.
    addressee = [Block("para", "", doc.addressee)] if doc.addressee else []
    body, body_files = _markdown(addressee + doc.body, folder)
    attachments, written_files = _attachments(root, path, doc, folder, body_files, shown, result.problems)
    there = taken(root, f"{NOTICES}/{org}/{slug}")
    if there:
        result.problems.append(error(Location(shown), f"already imported as {there}",
                                     "delete or rename that notice to import the document again"))
        return result
    clashes = clashing_files(root, written_files)
    for rel in clashes:
        result.problems.append(error(Location(shown), f"{rel} exists with other content: not replaced",
                                     "move that file away to import the document again"))
    if clashes:
        return result
    notice_path = f"{NOTICES}/{org}/{slug}.yaml"
    # The doubts, an unmatched 附件, another signer … (personal data: the build names it itself)
    notes = [p.message for p in result.problems if "published masked" not in p.message]
    data = {"title": doc.title, "publisher": org, "published": day}
    if doc.written:
        data["written"] = doc.written
    if doc.doc_number:
        data["doc_number"] = doc.doc_number
    data["disclosure"] = doc.disclosure or PENDING
    if domain:
        data["domain"] = domain
    if item:
        data["item"] = item
    if attachments:
        data["attachments"] = [a.removeprefix("content/") for a in attachments]
    data["body"] = body
    if notes:
        data["to_check"] = notes
    header = f"# imported by gwsite import from {shown}" + (f" (written by {producer})" if producer else "") + "\n"
    if data["disclosure"] == PENDING:
        header += "# 公开属性 not stated in the document: held back until disclosure is set\n"
    write_notice(root, notice_path, notice_yaml(data, header), written_files)
    result.files += [rel for rel, _ in written_files]
    result.notice = notice_path
    result.fields = data
    return result


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _publisher(config: SiteConfig, doc: Gongwen, given: str, shown: str, problems: list[Problem]) -> str | None:
    """The org id: ``--publisher``, else the one the 署名 (or the 发文机关标志) names."""
    names = {}
    for org in config.orgs:
        for name in (org.name, *org.aliases):
            names[squeeze(name)] = org.id
    signed = []
    for line in doc.signature + ([re.sub(r"文件$", "", doc.issuer)] if doc.issuer else []):
        line = squeeze(line)
        found = names.get(line) or next((oid for name, oid in sorted(names.items(), key=lambda x: -len(x[0]))
                                         if len(name) >= 4 and line.endswith(name)), None)
        if found and found not in signed:
            signed.append(found)
    if given:
        if signed and given not in signed:
            problems.append(warning(Location(shown), f"the document is signed by {', '.join(signed)}, "
                                                     f"imported as --publisher {given}"))
        return given
    if not signed:
        what = "、".join(doc.signature) or "(no 署名 found)"
        problems.append(error(Location(shown), f"署名 {what} matches no organisation in site.yaml",
                              "give --publisher ORG_ID, or add the name to the org's aliases in site.yaml"))
        return None
    if len(signed) > 1:
        problems.append(warning(Location(shown), f"联合行文: signed by {', '.join(signed)}; "
                                                 f"imported under the first, {signed[0]}"))
    return signed[0]


def _slug(doc: Gongwen, path: Path, day: date) -> str:
    """A file name for the notice: the document's own when it is plain ASCII, else its date
    and a short digest of its title (stable: importing again finds the same name taken)."""
    stem = path.stem.lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,60}", stem):
        return stem
    when = (doc.written or day).isoformat()
    return f"{when}-{hashlib.blake2b(doc.title.encode('utf-8'), digest_size=3).hexdigest()}"


# --- the body as Markdown ---------------------------------------------------------------------

def _markdown(blocks: list[Block], folder: str) -> tuple[str, list[tuple[str, bytes]]]:
    """The body's blocks as Markdown (headings ## … #####, tables, pictures), and the
    pictures' files."""
    out: list[str] = []
    files: list[tuple[str, bytes]] = []
    for b in blocks:
        if b.kind == "para":
            text = b.text.replace("\t", " ").strip(SPACE + "\n")
            if not text:
                continue
            level = heading_level(text)
            if b.bullet:
                out.append("- " + escape_markdown(text.strip(SPACE)))
            elif level:
                out.append("#" * (level + 1) + " " + MD_SPECIAL.sub(r"\\\1", squeeze(text)))
            else:
                out.append("\n".join(escape_markdown(line.strip(SPACE)) for line in text.split("\n") if line.strip(SPACE)).replace("\n", "  \n"))
        elif b.kind == "table":
            out.append(_table(b))
        elif b.kind == "file":
            rel = f"{folder}/{b.name}"
            files.append((rel, b.data))
            out.append(f"![{escape_markdown(b.name)}]({rel.removeprefix('content/')})")
    # Items of one bulleted list stand on consecutive lines: one Markdown list.
    return re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", "\n\n".join(out)) + "\n", files


def _table(b: Block) -> str:
    return markdown_table(b.rows)


# --- attachments --------------------------------------------------------------------------------

def _attachments(root: Path, path: Path, doc: Gongwen, folder: str, body_files: list[tuple[str, bytes]],
                 shown: str, problems: list[Problem]) -> tuple[list[str], list[tuple[str, bytes]]]:
    """The notice's attachments: the pictures of its body, the files embedded in it, and
    those 附件说明 names that are files sent beside it (附件1 低保名单.xlsx …)."""
    written = list(body_files)
    names = [rel for rel, _ in body_files]
    pictures = {b.name for b in doc.body if b.kind == "file"}
    embedded = [b for b in doc.files if b.name not in pictures]
    companions = [p for p in sorted(path.parent.iterdir()) if p.is_file() and p != path] if path.parent.is_dir() else []
    for number, name in enumerate(doc.attachments, 1):
        key = squeeze(name)
        match = next((p for p in companions if squeeze(p.stem) in (key, f"附件{number}{key}", f"附件{number}")
                      or key in squeeze(p.stem)), None)
        if match is not None:
            rel = f"{folder}/{match.name}"
            written.append((rel, match.read_bytes()))
            names.append(rel)
            continue
        if embedded:
            file = embedded.pop(0)
            suffix = Path(file.name).suffix
            rel = f"{folder}/{safe_file_name(name)}{suffix}"
            written.append((rel, file.data))
            names.append(rel)
            continue
        problems.append(warning(Location(shown), f"附件 {number} ({name}) is neither embedded in the document nor beside it",
                                f"put the file beside the document and import again, or add it under attachments: by hand"))
    for file in embedded:  # embedded, but not listed in 附件说明
        rel = f"{folder}/{file.name}"
        written.append((rel, file.data))
        names.append(rel)
        problems.append(warning(Location(shown), f"embedded file {file.name} is not named in the 附件说明",
                                "check that it belongs to the notice"))
    return names, written

