"""Render the assembled site through the Jinja theme into output files.

``render_site(site, theme)`` is a pure function of the site and the theme: it returns
every page, feed and data file as ``OutputFile`` records and writes nothing, so that a
build can run it in parallel or only for what changed.  Templates get ``SiteView``, a
read-only view with the groupings they need, not the readers' objects.
"""
from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import jinja2

from . import paths
from .catalogue_export import catalogue_csv, catalogue_json, catalogue_xlsx
from .diagnostics import Location, Problem, error
from .markup import markdown_to_html
from .model import DEPARTMENT, PAGE_SECTIONS, TOWNSHIP, CatalogueItem, Notice, Org, Site
from .write import OutputFile

BUILTIN_THEME = Path(__file__).parent / "theme"
LATEST_ON_HOME = 10
LATEST_PER_ITEM = 5


@dataclass(frozen=True)
class Theme:
    """Templates and static files: a site's ``theme/`` first, then the built-in one."""

    dirs: tuple[Path, ...]

    @classmethod
    def for_root(cls, root: Path) -> "Theme":
        own = root / "theme"
        return cls((own, BUILTIN_THEME) if own.is_dir() else (BUILTIN_THEME,))

    def environment(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d / "templates") for d in self.dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.globals["url"] = _url
        env.globals["attachment_path"] = paths.attachment
        env.filters["cn_date"] = lambda d: f"{d.year}年{d.month}月{d.day}日" if d else ""
        env.filters["iso"] = lambda d: d.isoformat() if d else ""
        env.filters["listing"] = lambda values: "、".join(values)
        return env

    def static_files(self) -> dict[str, Path]:
        """Output path -> source, the site's own file winning over the built-in one."""
        found: dict[str, Path] = {}
        for d in reversed(self.dirs):
            base = d / "static"
            if base.is_dir():
                for p in sorted(base.rglob("*")):
                    if p.is_file() and not p.name.startswith("."):
                        found["static/" + p.relative_to(base).as_posix()] = p
        return dict(sorted(found.items()))


class RenderError(Exception):
    """Template errors found while rendering, one problem per template and line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _template_problem(exc: Exception, theme: Theme, root: Path | None) -> Problem:
    """Name the template file and line at fault, as the user would open it."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:  # Jinja rewrites tracebacks so template frames carry their file and line
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml")):
            filename, line = name, tb.tb_lineno
        tb = tb.tb_next
    shown = filename or "theme"
    if filename:
        path = Path(filename).resolve()
        for base in ([root] if root else []) + [BUILTIN_THEME.parent.parent]:
            if path.is_relative_to(base.resolve()):
                shown = path.relative_to(base.resolve()).as_posix()
                break
    message = getattr(exc, "message", None) or str(exc)
    return error(Location(shown, line), f"template error: {message}")


@jinja2.pass_context
def _url(context, target: str) -> str:
    """A link from the page being rendered to ``target`` (an output path)."""
    return paths.relative(target, context["page_path"])


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list."""

    number: int
    count: int
    items: tuple
    first_path: str

    @property
    def path(self) -> str:
        return paths.numbered(self.first_path, self.number)

    def path_of(self, number: int) -> str:
        return paths.numbered(self.first_path, number)


def paginate(items, first_path: str, size: int) -> list[Pager]:
    items = tuple(items)
    count = max(1, -(-len(items) // size))
    return [Pager(n, count, items[(n - 1) * size: n * size], first_path) for n in range(1, count + 1)]


@dataclass
class SiteView:
    """What templates see: the site plus the groupings and look-ups pages need."""

    site: Site
    notices_by_domain: dict[str, list[Notice]] = field(default_factory=lambda: defaultdict(list))
    notices_by_org: dict[str, list[Notice]] = field(default_factory=lambda: defaultdict(list))
    notices_by_item: dict[tuple[str, str], list[Notice]] = field(default_factory=lambda: defaultdict(list))
    items_by_domain: dict[str, list[CatalogueItem]] = field(default_factory=lambda: defaultdict(list))
    items_by_org: dict[str, list[CatalogueItem]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for n in self.site.notices:  # newest first, so every list is too
            for d in n.domains:
                self.notices_by_domain[d].append(n)
                if n.item:
                    self.notices_by_item[(d, n.item)].append(n)
            self.notices_by_org[n.publisher].append(n)
        for item in self.site.catalogue:
            self.items_by_domain[item.domain].append(item)
            for org_id in item.subject_orgs:
                self.items_by_org[org_id].append(item)

    @property
    def config(self):
        return self.site.config

    @cached_property
    def domains(self):
        """Domains with a catalogue or a notice, in the State Council's order."""
        return [d for d in self.config.domains.domains
                if self.items_by_domain.get(d.name) or self.notices_by_domain.get(d.name)]

    @cached_property
    def departments(self) -> list[Org]:
        return [o for o in self.config.orgs if o.kind == DEPARTMENT]

    @cached_property
    def townships(self) -> list[Org]:
        return [o for o in self.config.orgs if o.kind == TOWNSHIP]

    @cached_property
    def notice_by_id(self) -> dict[str, Notice]:
        return {n.id: n for n in self.site.notices}

    def org_name(self, org_id: str) -> str:
        org = self.config.org(org_id)
        return org.name if org else org_id

    def domain_slug(self, name: str) -> str:
        return self.config.domains.by_name(name).slug

    def item_anchor(self, item: CatalogueItem) -> str:
        return f"item-{self.items_by_domain[item.domain].index(item) + 1}"

    def item_list_path(self, item: CatalogueItem) -> str:
        return paths.domain_file(self.domain_slug(item.domain), f"{self.item_anchor(item)}.html")

    def county_items(self, domain: str) -> list[CatalogueItem]:
        """县级 (or 市级) items; an item without levels counts as the district's own."""
        return [i for i in self.items_by_domain.get(domain, ())
                if not i.levels or {"县级", "市级"} & set(i.levels)]

    def township_items(self, domain: str) -> list[CatalogueItem]:
        return [i for i in self.items_by_domain.get(domain, ()) if {"乡级", "村级"} & set(i.levels)]

    def org_pages(self, org_id: str) -> dict[str, list]:
        by_section: dict[str, list] = {s: [] for s in PAGE_SECTIONS}
        for p in self.site.pages:
            if p.publisher == org_id:
                by_section[p.section].append(p)
        return by_section

    def site_pages(self) -> list:
        return [p for p in self.site.pages if not p.publisher]

    def uncovered_domains(self, org: Org) -> list:
        """Domains in which a township has no catalogue item (未涉及领域)."""
        covered = {i.domain for i in self.items_by_org.get(org.id, ())} - set(org.not_involved)
        return [d for d in self.domains if d.name not in covered]

    def interpretations_of(self, notice: Notice) -> list[Notice]:
        return [self.notice_by_id[i] for i in self.site.interpretations.get(notice.id, ())]


def render_site(site: Site, theme: Theme, root: Path | None = None) -> list[OutputFile]:
    """Every output file of the site, in a deterministic order.

    Raises ``RenderError`` with every distinct template error (``root`` is where the
    site's own theme lives, so that messages name ``theme/templates/x.html:3``).
    """
    view = SiteView(site)
    env = theme.environment()
    out: list[OutputFile] = []
    problems: dict[str, Problem] = {}
    config = site.config
    size = config.page_size

    def page(template: str, path: str, kind: str = "", id: str = "", **context) -> None:
        try:
            html = env.get_template(template).render(view=view, config=config, page_path=path, **context)
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
            problem = _template_problem(exc, theme, root)
            problems.setdefault(str(problem), problem)
            return
        out.append(OutputFile(path, html.encode("utf-8"), kind=kind, id=id))

    def feed(path: str, title: str, notices) -> None:
        try:
            out.append(_feed(env, view, path, title, notices))
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
            problem = _template_problem(exc, theme, root)
            problems.setdefault(str(problem), problem)

    page("home.html", paths.HOME, "home", latest=site.notices[:LATEST_ON_HOME])
    for pager in paginate(site.notices, paths.LATEST, size):
        page("list.html", pager.path, "list", "", title="最新公开", pager=pager, breadcrumbs=[])
    page("catalogue.html", paths.CATALOGUE, "catalogue")
    page("search.html", paths.SEARCH, "search")
    page("404.html", paths.NOT_FOUND)

    for domain in view.domains:
        slug = domain.slug
        page("domain.html", paths.domain(slug), "domain", domain.name, domain=domain)
        crumbs = [(domain.name, paths.domain(slug))]
        for pager in paginate(view.notices_by_domain.get(domain.name, ()), paths.domain_file(slug, "notices.html"), size):
            page("list.html", pager.path, "list", domain.name, title=f"{domain.name}：全部公开信息",
                 pager=pager, breadcrumbs=crumbs)
        for item in view.items_by_domain.get(domain.name, ()):
            notices = view.notices_by_item.get((domain.name, item.key), ())
            for pager in paginate(notices, view.item_list_path(item), size):
                page("list.html", pager.path, "list", domain.name, title=f"{domain.name}：{item.key}",
                     pager=pager, breadcrumbs=crumbs, item=item)
        items = view.items_by_domain.get(domain.name, ())
        if items:
            out.append(OutputFile(paths.domain_file(slug, "catalogue.xlsx"),
                                  catalogue_xlsx(items, f"{config.region}{domain.name}领域基层政务公开标准目录")))
            out.append(OutputFile(paths.domain_file(slug, "catalogue.csv"), catalogue_csv(items)))
        feed(paths.domain_file(slug, "feed.xml"), f"{config.title} · {domain.name}",
             view.notices_by_domain.get(domain.name, ()))

    for org in config.orgs:
        page("org.html", paths.org(org.id), "org", org.id, org=org)
        crumbs = [(org.name, paths.org(org.id))]
        for pager in paginate(view.notices_by_org.get(org.id, ()), paths.org_file(org.id, "notices.html"), size):
            page("list.html", pager.path, "list", org.id, title=f"{org.name}：法定主动公开内容",
                 pager=pager, breadcrumbs=crumbs)
        feed(paths.org_file(org.id, "feed.xml"), f"{config.title} · {org.name}",
             view.notices_by_org.get(org.id, ()))

    for notice in site.notices:
        page("notice.html", paths.notice(notice.id), "notice", notice.id, notice=notice,
             body=markdown_to_html(notice.body))
    for p in site.pages:
        page("page.html", paths.page(p.id), "page", p.id, doc=p, body=markdown_to_html(p.body))

    feed(paths.SITE_FEED, config.title, site.notices)
    out.append(OutputFile(paths.CATALOGUE_JSON, _json(catalogue_json(site.catalogue, config.domains))))
    if site.catalogue:
        out.append(OutputFile(paths.CATALOGUE_XLSX, catalogue_xlsx(site.catalogue, f"{config.region}基层政务公开标准目录")))
        out.append(OutputFile(paths.CATALOGUE_CSV, catalogue_csv(site.catalogue)))
    if config.base_url:
        out.append(OutputFile(paths.SITEMAP, _sitemap(config.base_url, out)))
    if problems:
        raise RenderError(list(problems.values()))
    return out


FEED_LENGTH = 20


def _feed(env, view: SiteView, path: str, title: str, notices) -> OutputFile:
    """An Atom feed of the newest notices.  Links are absolute when base_url is set,
    else relative to the feed (Atom resolves them against the feed's own address)."""
    config = view.config
    notices = list(notices)[:FEED_LENGTH]

    def link(target: str) -> str:
        return paths.absolute(config.base_url, target) if config.base_url else paths.relative(target, path)

    def atom_id(target: str) -> str:
        if config.base_url:
            return paths.absolute(config.base_url, target)
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"gwsite:{config.region}:{target}"))

    xml = env.get_template("feed.xml").render(
        view=view, config=config, page_path=path, title=title, notices=notices,
        link=link, atom_id=atom_id, feed_path=path,
    )
    return OutputFile(path, xml.encode("utf-8"))


def _sitemap(base_url: str, files: list[OutputFile]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for f in sorted(files, key=lambda f: f.path):
        if f.kind:
            lines.append(f"  <url><loc>{xml_escape(paths.absolute(base_url, f.path))}</loc></url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def render_audit(site: Site, audit, kinds: tuple[str, ...], reading: list[Problem], theme: Theme) -> bytes:
    """The printable 自查 report (``audit`` an ``audit.AuditReport``, ``kinds`` its finding
    kinds in order): a standalone page, written outside the public output."""
    env = theme.environment()
    by_kind = {kind: [f for f in audit.findings if f.kind == kind] for kind in kinds}
    html = env.get_template("audit.html").render(
        config=site.config, site=site, page_path="index.html", kinds=kinds,
        counts={k: len(v) for k, v in by_kind.items()}, by_kind=by_kind, reading=reading,
        domains=[(d.name, audit.domains[d.name]) for d in site.config.domains.domains
                 if audit.domains[d.name].items or any(f.domain == d.name for f in audit.findings)],
        orgs=[(o, audit.orgs[o.id]) for o in site.config.orgs],
        org_name=lambda org_id: (site.config.org(org_id).name if site.config.org(org_id) else org_id),
    )
    return html.encode("utf-8")
