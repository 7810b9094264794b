"""The ``gwsite`` command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__, pipeline, search


def _print_problems(report: pipeline.Report, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in report.problems:
        text = str(problem)
        if report.strict and ": warning: " in text:
            text = text.replace(": warning: ", ": ", 1)
        print(text, file=stream)


def _summary(report: pipeline.Report) -> str:
    return f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"


def cmd_build(args) -> int:
    root = Path(args.root)
    out = Path(args.output) if args.output else root / "public"
    result = pipeline.build(root, out, strict=args.strict)
    _print_problems(result.report)
    if not result.report.ok:
        print(f"gwsite: build failed: {_summary(result.report)}; {out} left as it was", file=sys.stderr)
        return 1
    if not args.quiet:
        site = result.report.site
        print(f"gwsite: built {len(site.notices)} notices into {out}: {result.files} files"
              f" in {result.seconds:.1f} s ({_summary(result.report)})")
    return 0


def cmd_check(args) -> int:
    report = pipeline.check(Path(args.root), strict=args.strict)
    _print_problems(report, sys.stdout)
    print(f"gwsite check: {_summary(report)}")
    return 0 if report.ok else 1


def cmd_search(args) -> int:
    out = Path(args.out)
    try:
        result = search.query(out, args.query, org=args.org or "", domain=args.domain or "", year=args.year)
    except FileNotFoundError as exc:
        print(f"gwsite search: {out} has no search index ({exc.filename}); build the site first", file=sys.stderr)
        return 1
    if args.json:
        hits = [{"id": h.id, "title": h.title, "url": h.url, "date": h.date, "publisher": h.publisher}
                for h in result.hits]
        print(json.dumps({"total": result.total, "hits": hits}, ensure_ascii=False, indent=1))
        return 0
    print(f"{result.total} hit(s) for {args.query!r}")
    for number, h in enumerate(result.hits, 1):
        print(f"{number:>4}. {h.title}\n      {h.date}  {h.publisher}  {h.url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gwsite", description="Build a 基层政务公开 column from a site root.")
    parser.add_argument("--version", action="version", version=f"gwsite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build a site root into a static site")
    p.add_argument("root", nargs="?", default=".", help="site root (default: .)")
    p.add_argument("-o", "--output", help="output folder (default: ROOT/public)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("check", help="check a site root without building (自查)")
    p.add_argument("root", nargs="?", default=".", help="site root (default: .)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("search", help="query a built site's search index")
    p.add_argument("out", help="a built site (the output folder)")
    p.add_argument("query", help="words to find; a notice must contain each of them")
    p.add_argument("--json", action="store_true", help='print {"total": N, "hits": [{"id", "title", "url"}, ...]}')
    p.add_argument("--org", help="only notices of this publisher (org id)")
    p.add_argument("--domain", help="only notices of this domain")
    p.add_argument("--year", type=int, help="only notices published in this year")
    p.set_defaults(func=cmd_search)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
