#!/usr/bin/env python3
"""Screenshots of the demo district for the README, from a fresh build.

    python tools/screenshots.py [-o docs/screenshots]

Builds the demo into a temporary folder, opens the home, a domain, an organisation, a
notice and the search (with results) from disk in the system Chromium (headless, no
network) and writes <page>-1280.png (a desktop; the top 1600 px) and <page>-360.png (a
phone; the whole page, cut at 2400 px) for each.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gwsite import pipeline  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update"]
PAGES = {  # name: page of the demo[?query]
    "home": "index.html",
    "domain": "domains/shjz/index.html",
    "org": "orgs/longmen/index.html",
    "notice": "notices/longmen/2025-yusuan-01.html",
    "search": "search.html?q=" + quote("低保"),
}
# width: tallest part kept, in CSS px (the desktop's first screens; a phone's whole page,
# within reason: PNGs stay small enough to keep in the repository)
WIDTHS = {1280: 1600, 360: 2400}


def shoot(out: Path, target: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    target.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for width, tallest in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 800})
            context.set_offline(True)
            page = context.new_page()
            for name, where in PAGES.items():
                path, _, query = where.partition("?")
                page.goto((out / path).as_uri() + (f"?{query}" if query else ""))
                if path == "search.html":
                    page.wait_for_selector('#results[data-state="done"]', state="attached")
                height = min(tallest, page.evaluate("document.documentElement.scrollHeight"))
                png = target / f"{name}-{width}.png"
                page.screenshot(path=str(png), full_page=True,
                                clip={"x": 0, "y": 0, "width": width, "height": height})
                written.append(png)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "public"
        result = pipeline.build(ROOT, out)
        if not result.report.ok:
            print("\n".join(str(p) for p in result.report.errors), file=sys.stderr)
            return 1
        for png in shoot(out, args.out):
            print(f"{png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}: {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
