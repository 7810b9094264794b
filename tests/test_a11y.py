"""Accessibility of the demo district, page kind by page kind, in headless Chromium:
axe-core finds no violation (also in high contrast and at the largest font step), the Nu
HTML Checker finds no error on any page, and at 360 px and at 640 px (a 1280 px screen at
200 % zoom) nothing widens the page: wide tables scroll inside their own focusable region.

The checkers come from npm (tests/a11y/package.json): `npm ci --prefix tests/a11y`.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from gwsite import paths

ROOT = Path(__file__).resolve().parents[1]
CHECKERS = ROOT / "tests" / "a11y" / "node_modules"
AXE = CHECKERS / "axe-core" / "axe.min.js"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update"]

# One page of every kind, and of every shape a kind takes (label: how to find it).
KINDS = {
    "home": lambda s: paths.HOME,
    "domain": lambda s: paths.domain("shjz"),
    "org (department)": lambda s: paths.org("mzj"),
    "org (township, 未涉及领域)": lambda s: s.first("org", 'id="uncovered"'),
    "notice with attachments": lambda s: s.first("notice", 'id="attachments-h"'),
    "notice (政策解读)": lambda s: s.first("notice", "本文解读："),
    "notice with a table in its body": lambda s: s.first("notice", 'class="notice-body"', "<table"),
    "notice (失效)": lambda s: s.first("notice", 'class="validity-warning"'),
    "list": lambda s: paths.LATEST,
    "list, page 2": lambda s: paths.numbered(paths.LATEST, 2),
    "list of an item": lambda s: s.first("list", 'class="item-summary"'),
    "catalogue": lambda s: paths.CATALOGUE,
    "page": lambda s: s.first("page", "<h2>"),
    "search": lambda s: paths.SEARCH,
    "search ?q=低保": lambda s: paths.SEARCH + "?q=" + quote("低保"),
    "search ?q=dbbz (read as pinyin)": lambda s: paths.SEARCH + "?q=dbbz",
    "404": lambda s: paths.NOT_FOUND,
}


class Sample:
    """The demo build's pages, to pick examples of each kind from."""

    def __init__(self, out: Path):
        self.out = out
        manifest = json.loads((out / paths.MANIFEST).read_text(encoding="utf-8"))
        self.pages = sorted(manifest["pages"], key=lambda p: p["path"])

    def first(self, kind: str, *marks: str) -> str:
        """The first page of ``kind`` whose HTML holds every mark, in order."""
        for p in self.pages:
            if p["kind"] == kind:
                html, at = (self.out / p["path"]).read_text(encoding="utf-8"), 0
                for mark in marks:
                    at = html.find(mark, at)
                    if at < 0:
                        break
                else:
                    return p["path"]
        raise AssertionError(f"the demo has no {kind} page with {marks}: add one")


def _require(path: Path, what: str) -> None:
    # A missing checker fails the run rather than skipping it: CI must not pass unchecked.
    if not path.exists():
        pytest.fail(f"{path} not found: {what}", pytrace=False)


@pytest.fixture(scope="module")
def checkers() -> None:
    for path in (AXE, VNU):
        _require(path, "install the accessibility checkers with `npm ci --prefix tests/a11y`")


@pytest.fixture(scope="module")
def context(checkers):
    _require(CHROMIUM, "the accessibility tests drive the system Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context()
        context.set_offline(True)
        # Every page starts with the reading aids off, whatever the last test chose.
        context.add_init_script("try { localStorage.clear(); } catch (e) {}")
        yield context
        browser.close()


@pytest.fixture(scope="module")
def sample(demo_build) -> dict[str, str]:
    pages = Sample(demo_build)
    return {label: find(pages) for label, find in KINDS.items()}


def open_page(context, out: Path, target: str, width: int = 1280):
    path, _, query = target.partition("?")
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / path).as_uri() + (f"?{query}" if query else ""))
    if path == paths.SEARCH:
        page.wait_for_selector('#results[data-state="done"]', state="attached", timeout=15000)
        if query:
            assert page.locator("#results .search-hit-title a").count() > 0, f"{target}: no hits shown"
    assert not errors, f"{target}: {errors}"
    return page


def toggle(page, button: str, attribute: str, expected: str | None) -> None:
    """Use a reading aid as a reader does, by its button."""
    page.click(button)
    assert page.evaluate(f"document.documentElement.getAttribute('{attribute}')") == expected


def axe(page) -> list[dict]:
    """axe-core with its default rules: every non-experimental rule, best practices included.
    (resultTypes only spares it collecting every passing node: some four times faster.)"""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")


def described(state: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"[{state}] {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            why = " ".join(line.strip() for line in (node.get("failureSummary") or "").splitlines())
            lines.append(f"    {' '.join(map(str, node['target']))}: {why[:400]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return lines


@pytest.mark.parametrize("kind", list(KINDS))
def test_axe_finds_no_violation(context, demo_build, sample, kind):
    page = open_page(context, demo_build, sample[kind])
    found = described("default", axe(page))
    toggle(page, "button[data-contrast]", "data-contrast", "high")
    found += described("high contrast", axe(page))
    toggle(page, "button[data-contrast]", "data-contrast", None)
    toggle(page, 'button[data-font-size="2"]', "data-font-size", "2")
    found += described("largest font", axe(page))
    page.close()
    assert not found, f"axe-core on {sample[kind]}:\n" + "\n".join(found)


# What a reader at this width cannot use: a page that scrolls sideways, a table that is not
# in its own scrolling region, a navigation link or reading aid off screen or too small.
LAYOUT_PROBLEMS = """() => {
  const problems = [], width = window.innerWidth, root = document.documentElement;
  if (root.scrollWidth > width) {
    const wide = Array.from(document.querySelectorAll("body *"))
      .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-wrap"))
      .slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
    problems.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} (too wide: ${wide.join(", ")})`);
  }
  for (const table of document.querySelectorAll("main table")) {
    const wrap = table.closest(".table-wrap");
    const name = table.caption ? table.caption.textContent.trim() : table.textContent.trim().slice(0, 20);
    if (!wrap) {
      if (table.getBoundingClientRect().width > width) problems.push(`table "${name}" is not in a .table-wrap`);
      continue;
    }
    if (wrap.getAttribute("role") !== "region" || wrap.tabIndex !== 0 || !wrap.getAttribute("aria-label"))
      problems.push(`the .table-wrap of "${name}" is not a labelled focusable region`);
    if (wrap.getBoundingClientRect().right > width + 1)
      problems.push(`the .table-wrap of "${name}" is wider than the screen`);
  }
  for (const el of document.querySelectorAll(".site-nav a, .tools button, .site-title a, .breadcrumbs a")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.left < 0 || r.right > width + 1)
      problems.push(`"${el.textContent.trim()}" is off screen (${Math.round(r.left)} to ${Math.round(r.right)})`);
    else if (el.closest(".site-nav, .tools") && r.height < 44)
      problems.push(`"${el.textContent.trim()}" is ${Math.round(r.height)} px high, under 44`);
  }
  return problems;
}"""


@pytest.mark.parametrize("kind", list(KINDS))
def test_narrow_screens_and_zoom_never_scroll_the_page_sideways(context, demo_build, sample, kind):
    # 360: a small phone; 640: a 1280 px screen at 200 % zoom (the same CSS width).
    page = open_page(context, demo_build, sample[kind], width=360)
    found = []
    for font in ("standard", "largest"):
        if font == "largest":
            toggle(page, 'button[data-font-size="2"]', "data-font-size", "2")
        for width in (360, 640):
            page.set_viewport_size({"width": width, "height": 800})
            found += [f"{width} px, {font} font: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    page.close()
    assert not found, f"{sample[kind]}:\n" + "\n".join(found)


def test_a_wide_table_scrolls_in_its_region_from_the_keyboard(context, demo_build, sample):
    page = open_page(context, demo_build, sample["domain"], width=360)
    region = page.locator(".table-wrap").first
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "the catalogue should be wider than 360 px"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle())
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.close()


def test_nu_html_checker_finds_no_error_on_any_page(checkers, demo_build):
    # Every page of the demo (about 860: some 35 s); vnu prints its report on stderr.
    pages = sorted(p.relative_to(demo_build).as_posix() for p in demo_build.rglob("*.html"))
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                         cwd=demo_build, capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    errors = [f"{m['url'].split(demo_build.name + '/./', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    assert len(pages) > 800
    assert not errors, f"vnu on {len(pages)} pages:\n" + "\n".join(errors[:300])


def open_suggestions(page, typed: str) -> list[str]:
    """Type into the focused search box and wait for its list of suggestions."""
    page.keyboard.type(typed)
    page.wait_for_function("() => { const q = document.activeElement; return q.getAttribute('aria-expanded') === 'true'"
                           " && document.getElementById(q.getAttribute('aria-controls')).children.length > 0; }")
    return page.eval_on_selector_all("[role=listbox]:not([hidden]) [role=option] .combobox-text", "els => els.map(e => e.textContent)")


def test_the_search_box_of_every_page_suggests_and_is_used_by_keyboard_alone(context, demo_build, sample):
    """The WAI-ARIA combobox: reached with Tab, suggestions after two characters or pinyin,
    arrows move the option in view while focus stays in the box, Escape closes and then
    clears, Enter searches for the option; axe finds nothing with the list open, also in high
    contrast and with the largest font, and at 360 px the list fits the screen."""
    page = open_page(context, demo_build, sample["notice with attachments"], width=360)
    for _ in range(12):  # keyboard only: Tab until the search box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-q":
            break
    assert page.evaluate("document.activeElement.id") == "site-q"
    assert open_suggestions(page, "gongz")[:2] == ["公租房", "公共租赁住房"]
    found = described("list open", axe(page))
    toggle(page, "button[data-contrast]", "data-contrast", "high")
    found += described("list open, high contrast", axe(page))
    toggle(page, "button[data-contrast]", "data-contrast", None)
    toggle(page, 'button[data-font-size="2"]', "data-font-size", "2")
    page.focus("#site-q")
    page.keyboard.press("ArrowDown")  # the list comes back without typing
    found += described("list open, largest font", axe(page))
    assert not found, "\n".join(found)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.evaluate("document.getElementById('site-q-list').getBoundingClientRect().right <= innerWidth + 1")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#site-q", "aria-activedescendant") == "site-q-option-1"
    assert page.get_attribute("#site-q-option-1", "aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "site-q"  # focus never moves on its own
    page.keyboard.press("Escape")
    assert page.get_attribute("#site-q", "aria-expanded") == "false" and page.input_value("#site-q") == "gongz"
    page.keyboard.press("Escape")
    assert page.input_value("#site-q") == ""
    assert open_suggestions(page, "最低生")[0] == "最低生活保障"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector('#results[data-state="done"]', state="attached", timeout=15000)
    assert "q=" + quote("最低生活保障") in page.url and page.locator("#results .search-hit").count() > 0
    page.close()


def test_one_character_or_a_word_the_site_lacks_offers_nothing(context, demo_build, sample):
    page = open_page(context, demo_build, paths.HOME, width=360)
    page.focus("#site-q")
    page.keyboard.type("低")
    page.wait_for_timeout(300)
    assert page.get_attribute("#site-q", "aria-expanded") == "false"
    page.keyboard.type("阶段性补贴没有")
    page.wait_for_timeout(300)
    assert page.get_attribute("#site-q", "aria-expanded") == "false"
    page.close()
