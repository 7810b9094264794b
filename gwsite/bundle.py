"""The reading-room bundle: a built site packed for a 政府信息公开查阅点 with no network.

``bundle`` zips a built output folder with a start page, a short 使用说明 and a SHA-256
checksum list; ``verify`` checks a zip, or the folder it was unpacked into, against that
list and reports every missing, extra or altered file.  The zip is deterministic: sorted
entries, fixed timestamps and permissions, so the same site gives the same bytes.
"""
from __future__ import annotations

import hashlib
import html
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

CHECKSUMS = "SHA256SUMS.txt"
START = "start.html"
GUIDE = "使用说明.html"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build time leaks in


@dataclass
class Verification:
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.altered)


def _title_of(out: Path) -> str:
    """The column title, from the built home page (the bundle works on any built site)."""
    page = (out / "index.html").read_text(encoding="utf-8")
    start = page.find("<title>") + len("<title>")
    return html.unescape(page[start:page.find("</title>", start)]) or "基层政务公开"


def _frame_of(out: Path) -> tuple[str, str]:
    """What the built home page has before and after its <main>: the skip link, the header
    with the reading aids (字号, 高对比度) and the footer.  The bundle's pages sit beside it
    at the top of the site, so its relative links hold as they are."""
    page = (out / "index.html").read_text(encoding="utf-8")
    body, main, end = page.find("<body>"), page.find("<main"), page.find("</main>")
    if min(body, main, end) < 0:  # a theme without them: the pages stand alone
        return "", ""
    return page[body + len("<body>"):main], page[end + len("</main>"):page.rfind("</body>")]


def _page(title: str, body: str, frame: tuple[str, str]) -> bytes:
    before, after = frame
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="static/style.css">
<script src="static/gwsite.js"></script>
</head>
<body>{before}
<main id="main" class="wrap" tabindex="-1">
{body}
</main>{after}</body>
</html>
""".encode("utf-8")


def extra_pages(out: Path) -> dict[str, bytes]:
    title = _title_of(out)
    frame = _frame_of(out)
    manifest = json.loads((out / "data" / "manifest.json").read_text(encoding="utf-8"))
    notices = sum(1 for p in manifest["pages"] if p["kind"] == "notice")
    start = _page(f"{title}（离线阅览版）", f"""<h1>{html.escape(title)}</h1>
<p>离线阅览版：本机直接打开，无需联网。共收录主动公开信息 {notices} 条。</p>
<ul class="start-links">
  <li><a href="index.html">进入首页</a></li>
  <li><a href="search.html">搜索公开信息</a></li>
  <li><a href="catalogue/index.html">查看标准目录</a></li>
  <li><a href="{GUIDE}">使用说明</a></li>
</ul>""", frame)
    guide = _page("使用说明", f"""<h1>使用说明</h1>
<ol>
  <li>用浏览器打开本文件夹中的 <a href="{START}">{START}</a> 或 <a href="index.html">index.html</a>，即可阅览，无需联网。</li>
  <li>页面右上角可调整字号（标准、大、特大）和切换高对比度，设置在各页面间保持。</li>
  <li>“搜索”可按标题、发文字号、索引号或正文查找，并可按领域、发布机构、年份筛选。</li>
  <li>文件夹中的 {CHECKSUMS} 列出每个文件的 SHA-256 校验值；管理人员可用 <code>gwsite verify</code> 检查副本是否完整、未被改动。</li>
</ol>
<p><a href="{START}">返回</a></p>""", frame)
    return {START: start, GUIDE: guide}


def _checksums(files: dict[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}" for name, data in sorted(files.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def bundle(out: Path, target: Path) -> int:
    """Pack the built site ``out`` into ``target`` (a .zip); returns the number of files."""
    out = Path(out)
    if not (out / "data" / "manifest.json").is_file():
        raise ValueError(f"{out} is not a built gwsite site (no data/manifest.json); run gwsite build first")
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    for name in (START, GUIDE, CHECKSUMS):
        if name in files:
            raise ValueError(f"{out}/{name} exists: the bundle adds its own {name}")
    files.update(extra_pages(out))
    files[CHECKSUMS] = _checksums(files)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, _EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits |= 0x800  # UTF-8 names: Chinese file names unpack right on Windows
            zf.writestr(info, files[name])
    tmp.replace(target)
    return len(files)


def _read_bundle(path: Path) -> dict[str, bytes | None]:
    """Name -> bytes of every file; None for a zip member too damaged to read (a flipped
    bit in its compressed data), which is then reported with the others, not raised."""
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    files: dict[str, bytes | None] = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if not info.is_dir():
                try:
                    files[info.filename] = zf.read(info)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                    files[info.filename] = None
    return files


def verify(path: Path) -> Verification:
    """Check a bundle (zip or unpacked folder) against its own checksum list."""
    files = _read_bundle(Path(path))
    if CHECKSUMS not in files:
        raise ValueError(f"{path} holds no {CHECKSUMS}: it is not a gwsite bundle")
    listing = files.pop(CHECKSUMS)
    if listing is None:
        raise ValueError(f"{path}: its {CHECKSUMS} is damaged and cannot be read")
    listed: dict[str, str] = {}
    for line in listing.decode("utf-8-sig").splitlines():  # -sig: saved again by Notepad, with a BOM
        digest, _, name = line.partition("  ")
        if name:
            listed[name] = digest
    result = Verification(files=len(listed))
    for name, digest in sorted(listed.items()):
        if name not in files:
            result.missing.append(name)
        elif files[name] is None or hashlib.sha256(files[name]).hexdigest() != digest:
            result.altered.append(name)
    result.extra = sorted(set(files) - set(listed))
    return result
