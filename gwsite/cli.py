"""The ``gwsite`` command line."""
from __future__ import annotations

import argparse
import ctypes
import io
import json
import os
import sys
import zipfile
from pathlib import Path

from . import __version__, bundle, importer, pipeline, search, serve
from .config import read_site_config
from .audit import PRIVACY, UNREVIEWED
from .progress import Progress


ALWAYS_NAMED = (PRIVACY, UNREVIEWED)


def _print_problems(report: pipeline.Report, stream=None, audit_in_full: bool = True) -> None:
    """Every problem, one per line; the audit's warnings only counted unless asked."""
    stream = stream or sys.stderr
    # Personal data masked and notices held back are always named (contract §3); the
    # inspector-style findings (coverage, deadlines …) are counted, and listed by check.
    audited = ({id(f.problem) for f in report.audit.findings if f.kind not in ALWAYS_NAMED}
               if report.audit else set())
    for problem in report.problems:
        if not audit_in_full and id(problem) in audited and not report.strict:
            continue
        text = str(problem)
        if report.strict and ": warning: " in text:
            text = text.replace(": warning: ", ": ", 1)
        print(text, file=stream)


def _summary(report: pipeline.Report) -> str:
    return f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"


def _audit_summary(report: pipeline.Report) -> str:
    """'自查: 3 逾期公开, 1 个人信息' — the kinds found, in the report's order."""
    if not report.audit or not report.audit.findings:
        return "自查: no findings"
    counts = [f"{report.audit.count(k)} {k}" for k in pipeline.KINDS if report.audit.count(k)]
    return "自查: " + ", ".join(counts)


def _report_folder(args, out: Path | None = None) -> Path | None:
    if not getattr(args, "report", None):
        return None
    folder = Path(args.report).resolve()
    if out is not None and folder.is_relative_to(out.resolve()):
        raise SystemExit(f"gwsite: --report {args.report} lies inside the output {out}; the audit report is "
                         "for the district office, not for the public: choose a folder outside it")
    return folder


def _keep_freed_memory() -> None:
    """Have glibc's allocator keep freed memory for reuse instead of handing it back to the
    system at once.  The index's numpy arrays (tens of MB each, made and freed per block)
    were otherwise mapped afresh every time, and the system then zeroed every page again:
    at 10,000 notices this halved the workers' page faults (230,000 → 93,000) and took
    0.25 s off the build; at 100,000 it adds about 60 MB to the peak (measured).  A no-op
    where the C library has no mallopt (musl, macOS, Windows)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # TypeError: Windows has no CDLL(None)
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # from glibc's malloc.h
    mallopt(m_mmap_threshold, 64 << 20)  # blocks below 64 MB come from the heap …
    mallopt(m_trim_threshold, 128 << 20)  # … which keeps up to 128 MB free at its top


def cmd_build(args) -> int:
    _keep_freed_memory()
    root = Path(args.root)
    out = Path(args.output) if args.output else root / "public"
    report_folder = _report_folder(args, out)
    progress = Progress(sys.stderr, enabled=not args.quiet)
    try:
        result = pipeline.build(root, out, strict=args.strict, clean=args.clean, progress=progress, workers=args.jobs)
    except KeyboardInterrupt:  # Ctrl-C: the staging folder is gone, OUT untouched
        print(f"\ngwsite: build interrupted; {out} left as it was", file=sys.stderr)
        return 130
    _print_problems(result.report, audit_in_full=False)
    if report_folder and result.report.site is not None and result.report.audit is not None:
        page = pipeline.write_audit_report(root, result.report, report_folder)
        print(f"gwsite: audit report written to {page}", file=sys.stderr)
    if not result.report.ok:
        print(f"gwsite: build failed: {_summary(result.report)}; {out} left as it was", file=sys.stderr)
        return 1
    if not args.quiet:
        site = result.report.site
        print(f"{_audit_summary(result.report)} (gwsite check lists each; --report DIR prints a report)")
        print(f"gwsite: built {len(site.notices)} notices into {out}: {result.files} files, {result.made} made,"
              f" {result.files - result.made} unchanged, in {result.seconds:.1f} s ({_summary(result.report)})")
    return 0


def cmd_check(args) -> int:
    report_folder = _report_folder(args)
    report = pipeline.check(Path(args.root), strict=args.strict)
    if args.format == "json":
        print(json.dumps(pipeline.audit_json(report), ensure_ascii=False, indent=1))
    else:
        _print_problems(report, sys.stdout)
        if report.audit is not None:
            print(_audit_summary(report))
        print(f"gwsite check: {_summary(report)}")
    if report_folder and report.site is not None and report.audit is not None:
        page = pipeline.write_audit_report(Path(args.root), report, report_folder)
        print(f"gwsite: audit report written to {page}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_search(args) -> int:
    out = Path(args.out)
    try:
        index = search.IndexReader(out)
        org = search.resolve_filter(index, "org", args.org) if args.org else ""
        domain = search.resolve_filter(index, "domain", args.domain) if args.domain else ""
        if args.suggest is not None:
            return _print_suggestions(search.suggestions(out, args.suggest, reader=index), args)
        if args.query is None:
            print("gwsite search: give a QUERY, or --suggest PREFIX", file=sys.stderr)
            return 2
        result = search.query(out, args.query, org=org, domain=domain, year=args.year, reader=index,
                              order=args.order)
    except FileNotFoundError as exc:
        print(f"gwsite search: {out} has no search index ({exc.filename}); build the site first", file=sys.stderr)
        return 1
    except search.UnknownFilter as exc:
        print(f"gwsite search: {exc}", file=sys.stderr)
        return 1
    if args.json:
        hits = [{"id": h.id, "kind": h.kind, "title": h.title, "url": h.url, "date": h.date, "publisher": h.publisher,
                 "score": h.score, "complete": h.complete, "via": list(h.via)} for h in result.hits]
        print(json.dumps({"total": result.total, "hits": hits, "missing": list(result.missing),
                          "suggestions": list(result.suggestions), "read_as": list(result.read_as),
                          "fixed": list(result.fixed)},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{result.total} hit(s) for {args.query!r}")
    if result.read_as:
        print(f"      (read as {result.read_text!r}; search {result.as_typed} for the letters as typed)")
    if result.missing:
        instead = f"what it may be a slip of: {'、'.join(result.fixed)}" if result.fixed else "the other words"
        print(f"      (no page holds {'、'.join(result.missing)}: searched for {instead})")
    if result.suggestions:
        print(f"      did you mean: {'  '.join(result.suggestions)}")
    for number, h in enumerate(result.hits, 1):
        kind = "" if h.kind == "notice" else f"[{h.kind}] "
        via = f"  (as {'、'.join(h.via)})" if h.via else ""
        print(f"{number:>4}. {kind}{h.title}{via}\n      {h.date}  {h.publisher}  {h.url}")
    return 0


def _print_suggestions(found: list[tuple[str, int]], args) -> int:
    if args.json:
        print(json.dumps({"suggestions": [{"text": text, "hits": hits} for text, hits in found]},
                         ensure_ascii=False, indent=1))
    else:
        for text, hits in found:
            print(f"{text}\t{hits}")
    return 0


def _iso_date(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None


def cmd_import(args) -> int:
    paths = [Path(p) for p in args.paths]
    root = Path(args.root) if args.root else None
    if root is None:
        root = Path(".")
        if len(paths) > 1 and paths[-1].is_dir() and (paths[-1] / "site.yaml").is_file():
            root = paths.pop()
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}: no such file or folder", file=sys.stderr)
    results, problems = importer.import_documents(root, [p for p in paths if p.exists()], args.publisher or "",
                                                  args.domain or "", args.item or "", args.published)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    if not results and not missing:
        print("gwsite import: no .docx, .doc, .wps or .pdf document found", file=sys.stderr)
        return 1
    for r in results:
        if r.attached_to:
            print(f"{r.source}: 附件 of {r.attached_to}, imported with it")
            continue
        if r.notice:
            fields = r.fields
            print(f"{r.source} → {r.notice}")
            for key, label in (("title", "标题"), ("doc_number", "发文字号"), ("written", "成文日期"),
                               ("disclosure", "公开属性"), ("publisher", "发布机构")):
                if key in fields:
                    print(f"    {label}: {fields[key]}")
            for rel in r.files:
                print(f"    file: {rel}")
        else:
            print(f"{r.source}: not imported", file=sys.stderr)
        for problem in r.problems:
            print(f"    {problem}", file=sys.stderr if not r.notice else sys.stdout)
    imported = sum(1 for r in results if r.notice)
    attached = sum(1 for r in results if r.attached_to)
    checks = sum(1 for r in results if r.notice for _ in r.problems)
    print(f"gwsite import: {imported} of {len(results) - attached} document(s) imported"
          + (f", {attached} attachment(s) with them" if attached else "")
          + (f"; {checks} point(s) to check (gwsite check names them in the notices)" if checks else ""))
    return 0 if imported + attached == len(results) and not missing else 1


def cmd_migrate(args) -> int:
    saved = Path(args.saved)
    if not saved.is_dir():
        print(f"{saved}: no such folder (give the folder the old portal was saved into)", file=sys.stderr)
        return 1
    from . import migrate  # lxml is loaded only by the command that reads old pages
    results, problems = migrate.migrate(saved, Path(args.root), args.base_url or "")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    labels = (("title", "标题"), ("index_number", "索引号"), ("doc_number", "发文字号"), ("publisher", "发布机构"),
              ("published", "发布日期"), ("old_url", "旧地址"))
    for r in results:
        if r.status == "migrated":
            print(f"{r.source} → {r.notice}")
            for key, label in labels:
                if key in r.fields:
                    print(f"    {label}: {r.fields[key]}")
            for rel in r.files:
                print(f"    file: {rel}")
            for problem in r.problems:
                print(f"    {problem}")
        elif r.status == "failed":
            print(f"{r.source}: not migrated", file=sys.stderr)
            for problem in r.problems:
                print(f"    {problem}", file=sys.stderr)
    groups = (("already", "already migrated (left as they are)"), ("duplicate", "saved twice (migrated once)"),
              ("not a notice", "not notices (not migrated)"))
    for status, title in groups:
        listed = [r for r in results if r.status == status]
        if listed:
            print(f"{title}:")
            for r in listed:
                print(f"    {r.source}: {r.note or r.notice}")
    count = {status: sum(1 for r in results if r.status == status)
             for status in ("migrated", "already", "duplicate", "not a notice", "failed")}
    checks = sum(1 for r in results if r.status == "migrated" for _ in r.problems)
    print(f"gwsite migrate: {count['migrated']} notice(s) migrated, {count['already']} already there, "
          f"{count['failed']} not migrated, {count['duplicate']} duplicate(s), {count['not a notice']} page(s) "
          f"not notices" + (f"; {checks} point(s) to check (gwsite check names them in the notices)" if checks else ""))
    config, _ = read_site_config(Path(args.root))
    if count["migrated"] and config is not None and config.require_review:
        # They were reviewed before the old portal published them, but not by anyone gwsite can name.
        print("gwsite migrate: site.yaml has require_review: true, so the migrated notices are published once each "
              "has review: with 初审, 复审 and 终审 (record who reviewed them on the old portal); gwsite check lists them")
    return 1 if count["failed"] else 0


def cmd_bundle(args) -> int:
    out = Path(args.out)
    target = Path(args.output) if args.output else out.parent / f"{out.resolve().name}.zip"
    if target.resolve().is_relative_to(out.resolve()):
        print(f"gwsite bundle: {target} lies inside {out}; write the zip elsewhere", file=sys.stderr)
        return 1
    try:
        count = bundle.bundle(out, target)
    except ValueError as exc:
        print(f"gwsite bundle: {exc}", file=sys.stderr)
        return 1
    print(f"gwsite: bundled {count} files into {target} (open start.html; check with gwsite verify {target})")
    return 0


def cmd_verify(args) -> int:
    try:
        result = bundle.verify(Path(args.bundle))
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        print(f"gwsite verify: {exc}", file=sys.stderr)
        return 1
    for kind, names in (("missing", result.missing), ("extra", result.extra), ("altered", result.altered)):
        for name in names:
            print(f"{args.bundle}: {kind}: {name}")
    if result.ok:
        print(f"gwsite verify: {args.bundle}: all {result.files} files intact")
        return 0
    print(f"gwsite verify: {args.bundle}: {len(result.missing)} missing, {len(result.extra)} extra, "
          f"{len(result.altered)} altered", file=sys.stderr)
    return 1


def cmd_serve(args) -> int:
    def lines(report: pipeline.Report) -> list[str]:  # what `gwsite build` prints, for terminal and page
        text = io.StringIO()
        _print_problems(report, text, audit_in_full=False)
        return text.getvalue().splitlines()

    _keep_freed_memory()
    return serve.serve(Path(args.root), args.host, args.port, args.strict, lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gwsite", description="Build a 基层政务公开 column from a site root.")
    parser.add_argument("--version", action="version", version=f"gwsite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build a site root into a static site")
    p.add_argument("root", nargs="?", default=".", help="site root (default: .)")
    p.add_argument("-o", "--output", help="output folder (default: ROOT/public)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.add_argument("--report", metavar="DIR", help="also write the printable 自查 report into DIR (outside OUT)")
    p.add_argument("--clean", action="store_true", help="make every file anew instead of reusing unchanged ones")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="render with N processes (default: one per core)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("check", help="check a site root without building (自查)")
    p.add_argument("root", nargs="?", default=".", help="site root (default: .)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    p.add_argument("--report", metavar="DIR", help="write the printable 自查 report (index.html, audit.json) into DIR")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("search", help="query a built site's search index")
    p.add_argument("out", help="a built site (the output folder)")
    p.add_argument("query", nargs="?",
                   help='what to find, as people type it (怎么申请低保, 民发[2026]13号, dibao, dbbz); "…" for an exact text')
    p.add_argument("--suggest", metavar="PREFIX",
                   help='print what the search box offers for PREFIX (最低生, gongz, gzf) instead of searching')
    p.add_argument("--json", action="store_true", help='print {"total": N, "hits": [{"id", "title", "url", ...}, ...]}')
    p.add_argument("--order", choices=search.ORDERS, default="relevance",
                   help="relevance (default) or date: newest first among the hits holding every word")
    p.add_argument("--org", help="only notices of this publisher (its org id or name)")
    p.add_argument("--domain", help="only notices of this domain (its name or a usual one: 卫生健康)")
    p.add_argument("--year", type=int, help="only notices published in this year")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("import", help="turn official documents (.docx .doc .wps .pdf) into notices")
    p.add_argument("paths", nargs="+", metavar="FILE",
                   help="documents, or folders of them; a last argument that is a site root (holds site.yaml) is ROOT")
    p.add_argument("--root", help="site root (default: the last argument when it holds site.yaml, else .)")
    p.add_argument("--publisher", help="org id of the 发布机构 (default: the one the document's 署名 names)")
    p.add_argument("--domain", help="the pilot domain of the notices (社会救助 …)")
    p.add_argument("--item", help="the catalogue item they fulfil: 一级事项/二级事项")
    p.add_argument("--published", type=_iso_date, help="发布日期 YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("migrate", help="bring the notices of an old portal's saved copy over, keeping 索引号 and URLs")
    p.add_argument("saved", help="the folder the old portal was saved into (wget --mirror, HTTrack, save page as)")
    p.add_argument("root", nargs="?", default=".", help="site root (default: .)")
    p.add_argument("--base-url", metavar="OLD_URL",
                   help="the address SAVED was saved from (http://www.example.gov.cn/): a page's old address is "
                        "this and its path under SAVED, unless the page has a canonical link")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("bundle", help="pack a built site for an offline reading room (zip with checksums)")
    p.add_argument("out", help="a built site (the output folder)")
    p.add_argument("-o", "--output", help="the zip to write (default: OUT.zip beside OUT)")
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("verify", help="check a bundle (zip or unpacked folder) against its checksum list")
    p.add_argument("bundle", help="the zip, or the folder it was unpacked into")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("serve", help="preview a site root on localhost, rebuilt and reloaded on every change")
    p.add_argument("root", nargs="?", default=".", help="site root (default: .)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=cmd_serve)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `gwsite search … | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
