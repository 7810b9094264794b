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
from .catalogue import read_catalogues
from .config import read_site_config
from .diagnostics import Location, Problem, did_you_mean, error, warning
from .gongwen import SPACE, Block, Gongwen, analyse, heading_level, squeeze
from .model import PENDING, SiteConfig, item_key
from .noticefile import (FILES, MD_SPECIAL, NOTICES, clashing_files, escape_markdown, markdown_table, notice_yaml,
                         safe_file_name, taken, write_notice)
from .numbering import doc_number_key
from .privacy import LABELS, find_personal_data


@dataclass
class Imported:
    """One document's outcome."""

    source: str  # as given
    notice: str = ""  # the notice written (relative to the root), "" when none
    fields: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # written under content/files/
    problems: list[Problem] = field(default_factory=list)  # errors: not written; warnings: to check
    attached_to: str = ""  # a file sent beside another document and named in its 附件说明: its attachment


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
    if item and not options:
        # Checked now, as the build will check it: a notice written with an item no catalogue
        # lists would stop the next build.
        key = item_key(item)
        within = domains.resolve(domain).name if domain else ""
        items, _ = read_catalogues(root, config.orgs, domains)
        keys = sorted({i.key for i in items if not within or i.domain == within})
        if key not in keys:
            options.append(error(Location("--item"), f"no catalogue item '{item}'" + (f" in {within}" if within else "")
                                 + did_you_mean(key, keys), "give 一级事项/二级事项 as the catalogue writes them"))
    if options:
        return [], options
    domain_name = domains.resolve(domain).name if domain else ""
    day = published or date.today()
    documents = documents_in(paths)
    read: dict[Path, tuple[list[Block], str] | docread.Unreadable] = {}
    for path in documents:
        try:
            read[path] = docread.read(path)
        except docread.Unreadable as exc:
            read[path] = exc
    # A folder as it comes from the issuer holds the document and its 附件 beside it: a file
    # the 附件说明 of another document names is that document's attachment, not a notice.
    # One with a 版头 or a 发文字号 of its own is a document still (the 附件说明's name may
    # only be like its file's).
    analysed = {path: analyse(found[0]) for path, found in read.items() if not isinstance(found, docread.Unreadable)}
    attached: dict[Path, Path] = {}
    for path, doc in analysed.items():
        for companion in _companions_named(path, doc):
            own = analysed.get(companion)
            if companion in read and companion != path and not (own and (own.issuer or own.doc_number)):
                attached.setdefault(companion, path)
    numbers = _doc_numbers(root)
    results = []
    for path in documents:
        if path in attached and attached[path] not in attached:
            results.append(Imported(_shown(path, root), attached_to=_shown(attached[path], root)))
        else:
            results.append(_import_one(root, config, path, read[path], analysed.get(path), publisher, domain_name,
                                       item, day, numbers))
    return results, []


_DOC_NUMBER_LINE = re.compile(r"^doc_number:\s*['\"]?(.+?)['\"]?\s*$", re.M)


def _doc_numbers(root: Path) -> dict[str, str]:
    """The 发文字号 of the site's notices (read from their doc_number: lines) -> the notice."""
    found: dict[str, str] = {}
    folder = root / NOTICES
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.suffix in (".yaml", ".yml", ".md") and path.is_file():
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            match = _DOC_NUMBER_LINE.search(text)
            if match:
                found.setdefault(doc_number_key(match.group(1)), path.relative_to(root).as_posix())
    return found


def _import_one(root: Path, config: SiteConfig, path: Path, read: tuple[list[Block], str] | docread.Unreadable,
                doc: Gongwen | None, publisher: str, domain: str, item: str, day: date,
                numbers: dict[str, str]) -> Imported:
    """One document, read (``read``) and analysed (``doc``, None when unreadable)."""
    shown = _shown(path, root)
    result = Imported(shown)
    if isinstance(read, docread.Unreadable) or doc is None:
        result.problems.append(error(Location(shown), str(read)))
        return result
    blocks, producer = read
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
    same_number = numbers.get(doc_number_key(doc.doc_number), "") if doc.doc_number and not there else ""
    if there or same_number:
        result.problems.append(error(Location(shown), f"already imported as {there or same_number}"
                                     + (f" ({doc.doc_number})" if same_number else ""),
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
    if doc.doc_number:
        numbers.setdefault(doc_number_key(doc.doc_number), notice_path)
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
    # A 版头 or 署名 often leaves out the city (青溪区医疗保障局 for 云岭市青溪区医疗保障局):
    # the name without a leading place, while another place still leads it (never 人民政府
    # alone), where no other organisation's name is that.
    shorter: dict[str, set[str]] = {}
    for org in config.orgs:
        name = squeeze(org.name)
        while (place := _LEADING_PLACE.match(name)) and _LEADING_PLACE.match(name, place.end()):
            name = name[place.end():]
            shorter.setdefault(name, set()).add(org.id)
    for name, ids in shorter.items():
        if len(ids) == 1 and name not in names:
            names[name] = next(iter(ids))
    # The 发文机关标志 first: in 联合行文 it names the 主办机关 first (GB/T 9704 7.2.1).
    signed = []
    for line in ([re.sub(r"文件$", "", doc.issuer)] if doc.issuer else []) + doc.signature:
        line = squeeze(line)
        for found in ([names[line]] if line in names else _orgs_in(line, names)):
            if found not in signed:
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


_LEADING_PLACE = re.compile("[\u4e00-\u9fff]{2,}?(?:省|自治区|市|自治州|州|盟|区|县|旗)")


def _orgs_in(line: str, names: dict[str, str]) -> list[str]:
    """The organisations a line names, in its order: at each place the longest name of four
    or more characters that stands there (two 署名 on one line, or a 版头 of two organs)."""
    longest_first = sorted((name for name in names if len(name) >= 4), key=lambda name: (-len(name), name))
    found, at = [], 0
    while at < len(line):
        name = next((n for n in longest_first if line.startswith(n, at)), None)
        if name is None:
            at += 1
            continue
        found.append(names[name])
        at += len(name)
    return found


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
        elif b.kind == "file":  # its name is the document's word: one plain file name (no "..")
            rel = f"{folder}/{safe_file_name(b.name)}"
            files.append((rel, b.data))
            out.append(f"![{escape_markdown(b.name)}]({rel.removeprefix('content/')})")
    # Items of one bulleted list stand on consecutive lines: one Markdown list.
    return re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", "\n\n".join(out)) + "\n", files


def _table(b: Block) -> str:
    return markdown_table(b.rows)


# --- attachments --------------------------------------------------------------------------------

def _companions(path: Path) -> list[Path]:
    """The files beside a document."""
    return [p for p in sorted(path.parent.iterdir()) if p.is_file() and p != path] if path.parent.is_dir() else []


def _companion(companions: list[Path], number: int, name: str) -> Path | None:
    """The file beside the document that is its 附件 ``number``, named ``name`` in the
    附件说明 (附件1 低保名单.xlsx, 低保名单.xlsx, 附件1.xlsx …), if one is."""
    key = squeeze(name)
    exact = (key, f"附件{number}{key}", f"附件{number}")
    return (next((p for p in companions if squeeze(p.stem) in exact), None)
            or next((p for p in companions if key in squeeze(p.stem)), None))


def _companions_named(path: Path, doc: Gongwen) -> list[Path]:
    """The files beside ``path`` that its 附件说明 names."""
    companions = _companions(path)
    found = (_companion(companions, number, name) for number, name in enumerate(doc.attachments, 1))
    return [p for p in found if p is not None]


def _attachments(root: Path, path: Path, doc: Gongwen, folder: str, body_files: list[tuple[str, bytes]],
                 shown: str, problems: list[Problem]) -> tuple[list[str], list[tuple[str, bytes]]]:
    """The notice's attachments: the pictures of its body, the files embedded in it, and
    those 附件说明 names that are files sent beside it (附件1 低保名单.xlsx …)."""
    written = list(body_files)
    names = [rel for rel, _ in body_files]
    pictures = {b.name for b in doc.body if b.kind == "file"}
    embedded = [b for b in doc.files if b.name not in pictures]
    companions = _companions(path)
    for number, name in enumerate(doc.attachments, 1):
        match = _companion(companions, number, name)
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
        rel = f"{folder}/{safe_file_name(file.name)}"
        written.append((rel, file.data))
        names.append(rel)
        problems.append(warning(Location(shown), f"embedded file {file.name} is not named in the 附件说明",
                                "check that it belongs to the notice"))
    for rel, _ in written:  # the portal serves these as pages of its own
        if rel.lower().endswith(_ACTIVE):
            problems.append(warning(Location(shown), f"attachment {rel.rsplit('/', 1)[-1]} is a web page or script, "
                                                     "published as it is under the portal's address",
                                    "check that it holds no script, or publish it as PDF"))
    return names, written


_ACTIVE = (".html", ".htm", ".xhtml", ".svg", ".js", ".mht", ".mhtml")

