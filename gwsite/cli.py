"""The ``gwsite`` command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, pipeline


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

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
