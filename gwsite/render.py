"""Render the assembled site through the Jinja theme into output files.

``render_site(site, theme)`` is a pure function of the site and the theme: it returns
every page, feed and data file as ``OutputFile`` records and writes nothing, so that a
build can run it in parallel or only for what changed.  Templates get ``SiteView``, a
read-only view with the groupings they need, not the readers' objects.
"""
from __future__ import annotations

import csv
import functools
import html as html_module
import io
import json
import os
import re
import uuid
from urllib.parse import urlsplit
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape as xml_escape

import jinja2
import jinja2.meta
from markupsafe import Markup

from . import paths
from .catalogue_export import catalogue_csv, catalogue_json, catalogue_xlsx
from .diagnostics import Location, Problem, error
from .markup import markdown_to_html
from .domains import PILOT_DOMAINS
from .model import (DEPARTMENT, PAGE_SECTIONS, TOWNSHIP, CatalogueItem, Notice, Org, Site, collector_paused,
                    content_digest, digest)
from .notices import OTHER_ALLOWED, WEB_SCHEMES, attachment_of
from .privacy import mask_personal_data
from .write import OutputFile
from .yamlsrc import read_source

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
            loader=_ThemeLoader([str(d / "templates") for d in self.dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A build makes its own environment, so its templates cannot change under it:
            # no stat() of every template on every render.
            auto_reload=False,
            bytecode_cache=_COMPILED,
        )
        env.globals["url"] = _links()
        env.globals["frame_part"] = _frame_parts()
        env.globals["attachment_path"] = paths.attachment
        env.filters["cn_date"] = lambda d: f"{d.year}年{d.month}月{d.day}日" if d else ""
        env.filters["iso"] = lambda d: d.isoformat() if d else ""
        env.filters["listing"] = lambda values: "、".join(values)
        return env

    def digest(self) -> str:
        """A digest of every template and static file: a theme change re-renders all."""
        return content_digest(*(folder_digest(d) for d in self.dirs))

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


class _ThemeLoader(jinja2.FileSystemLoader):
    """Templates are read as the site's other text files: one that is not UTF-8 (a
    ``brand.html`` saved by Notepad in GBK) or cannot be read is a template error at its
    own file and line, not a decoding error at the template that includes it."""

    def get_source(self, environment, template):
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            raise
        except (UnicodeDecodeError, OSError):
            pieces = jinja2.loaders.split_template_path(template)
            filename = next(f for f in (os.path.join(d, *pieces) for d in self.searchpath) if os.path.isfile(f))
            _, problems = read_source(filename, filename)
            if not problems:  # readable now: it changed under us
                return super().get_source(environment, template)
            problem = problems[0]
            raise jinja2.TemplateSyntaxError(f"{problem.message} ({problem.hint})", problem.location.line or 1,
                                             template, filename) from None


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, keyed by their source (Jinja checks it): each
    build has a fresh environment, and ``gwsite serve`` would otherwise compile every
    template again on every edit (half a second)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class RenderError(Exception):
    """Template errors found while rendering, one problem per template and line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def template_problem(exc: Exception, theme: Theme, root: Path | None) -> Problem:
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


def _links():
    """The global ``url(target)``: the link from the page being rendered to ``target`` (an
    output path).  A link depends only on the page's folder, so each is worked out once
    per folder: the head's, header's and breadcrumbs' links repeat on every page."""
    made: dict[tuple[str, str], str] = {}

    @jinja2.pass_context
    def url(context, target: str) -> str:
        page_path = context["page_path"]
        key = (target, page_path.rpartition("/")[0])
        link = made.get(key)
        if link is None:
            link = made[key] = paths.relative(target, page_path)
        return link
    return url


# What a part of the page frame may read and still be the same on every page of a folder
# (besides the environment's globals: url() gives the same links throughout a folder).
SITE_WIDE = frozenset({"config", "view"})


def _frame_parts():
    """The global ``frame_part(name)``: a part of the page frame (header, footer), rendered
    once per output folder and reused there, as every page of a folder would render it
    alike.  A theme's part that reads the page itself (page_path, notice …) is rendered
    for each page.  An environment renders one site, so the cache lives with it."""
    made: dict[tuple[str, str], Markup] = {}
    site_wide: dict[str, bool] = {}

    @jinja2.pass_context
    def frame_part(context, name: str) -> Markup:
        env = context.environment
        if name not in site_wide:
            site_wide[name] = _reads_only(env, name, SITE_WIDE)
        if not site_wide[name]:
            return Markup(env.get_template(name).render(context.get_all()))
        key = (name, context["page_path"].rpartition("/")[0])
        if key not in made:
            made[key] = Markup(env.get_template(name).render(context.get_all()))
        return made[key]
    return frame_part


def _reads_only(env: jinja2.Environment, name: str, names: frozenset[str]) -> bool:
    """Whether template ``name``, and every template it includes, reads nothing from its
    context but ``names`` and the environment's globals."""
    source, filename, _ = env.loader.get_source(env, name)
    ast = env.parse(source, name, filename)
    return (jinja2.meta.find_undeclared_variables(ast) <= names
            and all(ref is not None and _reads_only(env, ref, names)
                    for ref in jinja2.meta.find_referenced_templates(ast)))


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
    def pilot_domains(self) -> list[tuple]:
        """Every pilot domain for the column home, in the State Council's order, then the
        site's own domains that have content: (domain, has a page, reason it has no catalogue
        here).  A domain with neither catalogue nor notice gets no page (an empty column
        fails the portal inspections): the home says it is not compiled, or not yet."""
        reasons = dict(self.config.not_compiled)
        shown = {d.name for d in self.domains}
        pilots = {d.name for d in PILOT_DOMAINS}
        listed = [d for d in self.config.domains.domains if d.name in shown or d.name in pilots]
        return [(d, d.name in shown, reasons.get(d.name, "")) for d in listed]

    @cached_property
    def departments(self) -> list[Org]:
        return [o for o in self.config.orgs if o.kind == DEPARTMENT]

    @cached_property
    def townships(self) -> list[Org]:
        return [o for o in self.config.orgs if o.kind == TOWNSHIP]

    @cached_property
    def notice_by_id(self) -> dict[str, Notice]:
        return {n.id: n for n in self.site.notices}

    @cached_property
    def _org_names(self) -> dict[str, str]:  # looked up on every page: a dict, not a scan
        return {o.id: o.name for o in self.config.orgs}  # ids are unique (config checks)

    @cached_property
    def _domain_slugs(self) -> dict[str, str]:
        return {d.name: d.slug for d in self.config.domains.domains}

    def org_name(self, org_id: str) -> str:
        return self._org_names.get(org_id, org_id)

    def domain_slug(self, name: str) -> str:
        return self._domain_slugs[name]

    def item_anchor(self, item: CatalogueItem) -> str:
        return f"item-{self.items_by_domain[item.domain].index(item) + 1}"

    def item_row_anchor(self, item: CatalogueItem) -> str:
        return paths.catalogue_row_id(self.items_by_domain[item.domain].index(item) + 1)

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


@dataclass(frozen=True)
class Job:
    """One output file to make: its path, the manifest kind and id of a page, the key of
    everything its bytes depend on (an incremental build reuses a file whose key is
    unchanged), and how to make it."""

    path: str
    key: str
    make: Callable[[jinja2.Environment], bytes]
    kind: str = ""
    id: str = ""


def folder_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """A digest of the names and bytes of every file under ``folder`` (with one of
    ``suffixes``, if given)."""
    parts: list = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and (suffixes is None or p.suffix in suffixes):
            parts += [p.relative_to(folder).as_posix(), p.read_bytes()]
    return content_digest(*parts)


@functools.cache
def code_digest() -> str:
    """A digest of gwsite's own code and data: an upgrade invalidates every key."""
    return folder_digest(Path(__file__).parent, (".py", ".yaml", ".html", ".xml", ".css", ".js", ".svg", ".png"))


class Digests:
    """What pages depend on, hashed once per build.

    The keys below follow what the built-in templates read: a notice page its notice,
    the notices it interprets or that interpret it, and the site's frame; a list page the
    notices it lists.  A theme whose notice or list template shows other data (related
    notices, say) needs ``gwsite build --clean`` — see the README.
    """

    def __init__(self, site: Site, theme: Theme, view: SiteView) -> None:
        self.frame = content_digest(code_digest(), theme.digest(), repr(site.config),
                           repr([d.name for d in view.domains]))
        self.notice = {n.id: digest(n) for n in site.notices}
        self.catalogue = content_digest(repr(site.catalogue))
        self.pages = content_digest(repr(site.pages))
        self.all_notices = content_digest(*self.notice.values())

    def notices(self, notices) -> str:
        # One part, not one per notice: the digests are of one length, so they stay apart.
        return content_digest("".join([self.notice[n.id] for n in notices]))

    def key(self, path: str, *parts: str) -> str:
        return content_digest(self.frame, path, *parts)


def render_site(site: Site, theme: Theme, root: Path | None = None) -> list[OutputFile]:
    """Every output file of the site, in a deterministic order, made in this process.

    Raises ``RenderError`` with every distinct template error (``root`` is where the
    site's own theme lives, so that messages name ``theme/templates/x.html:3``).
    """
    env = theme.environment()
    out, problems = [], {}
    for job in plan_site(site, theme):
        try:
            out.append(OutputFile(job.path, job.make(env), kind=job.kind, id=job.id))
        except TEMPLATE_ERRORS as exc:
            problem = template_problem(exc, theme, root)
            problems.setdefault(str(problem), problem)
    if problems:
        raise RenderError(list(problems.values()))
    return out


# What a template may raise: any of them is a problem in the theme, named by file and line.
TEMPLATE_ERRORS = (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError, IndexError)


@collector_paused
def plan_site(site: Site, theme: Theme) -> list[Job]:
    """Every output file of the site as a job, in a deterministic order: nothing is
    rendered yet, so that a build can render them in parallel, or only what changed."""
    view = SiteView(site)
    digests = Digests(site, theme, view)
    jobs: list[Job] = []
    config = site.config
    size = config.page_size

    def page(template: str, path: str, kind: str, id: str, key: str, markdown: str | None = None,
             attachments: tuple[str, ...] | None = (), **context) -> None:
        def make(env) -> bytes:
            extra = {}
            if markdown is not None:  # only when made
                extra["body"] = _published_links(markdown_to_html(markdown), attachments, path)
            html = env.get_template(template).render(view=view, config=config, page_path=path, **context, **extra)
            return html.encode("utf-8")
        jobs.append(Job(path, digests.key(path, template, key), make, kind, id))

    def listing(path: str, title: str, pager: Pager, id: str = "", crumbs=(), item=None) -> None:
        extra = {"item": item} if item is not None else {}
        page("list.html", path, "list", id,
             content_digest(title, repr(crumbs), repr(item), str(pager.count), digests.notices(pager.items)),
             title=title, pager=pager, breadcrumbs=list(crumbs), **extra)

    def feed(path: str, title: str, notices) -> None:
        notices = list(notices)[:FEED_LENGTH]
        jobs.append(Job(path, digests.key(path, "feed", title, digests.notices(notices)),
                        lambda env: _feed(env, view, path, title, notices)))

    def data(path: str, key: str, make: Callable[[], bytes]) -> None:
        jobs.append(Job(path, digests.key(path, key), lambda env: make()))

    everything = content_digest(digests.all_notices, digests.catalogue, digests.pages)
    page("home.html", paths.HOME, "home", "", everything, latest=site.notices[:LATEST_ON_HOME])
    for pager in paginate(site.notices, paths.LATEST, size):
        listing(pager.path, "最新公开", pager)
    page("catalogue.html", paths.CATALOGUE, "catalogue", "", everything)
    page("search.html", paths.SEARCH, "search", "", everything)
    page("404.html", paths.NOT_FOUND, "", "", "")

    for domain in view.domains:
        slug = domain.slug
        in_domain = view.notices_by_domain.get(domain.name, ())
        items = view.items_by_domain.get(domain.name, ())
        page("domain.html", paths.domain(slug), "domain", domain.name,
             content_digest(digests.catalogue, digests.notices(in_domain)), domain=domain)
        crumbs = ((domain.name, paths.domain(slug)),)
        for pager in paginate(in_domain, paths.domain_file(slug, "notices.html"), size):
            listing(pager.path, f"{domain.name}：全部公开信息", pager, domain.name, crumbs)
        for item in items:
            notices = view.notices_by_item.get((domain.name, item.key), ())
            for pager in paginate(notices, view.item_list_path(item), size):
                listing(pager.path, f"{domain.name}：{item.key}", pager, domain.name, crumbs, item)
        if items:
            items_key = repr(items)
            data(paths.domain_file(slug, "catalogue.xlsx"), items_key,
                 lambda items=items, domain=domain: catalogue_xlsx(
                     items, f"{config.region}{domain.name}领域基层政务公开标准目录"))
            data(paths.domain_file(slug, "catalogue.csv"), items_key, lambda items=items: catalogue_csv(items))
        feed(paths.domain_file(slug, "feed.xml"), f"{config.title} · {domain.name}", in_domain)

    for org in config.orgs:
        by_org = view.notices_by_org.get(org.id, ())
        # The org's catalogue table counts every publisher's notices under its items.
        under_items = [n for i in view.items_by_org.get(org.id, ())
                       for n in view.notices_by_item.get((i.domain, i.key), ())]
        page("org.html", paths.org(org.id), "org", org.id,
             content_digest(digests.catalogue, digests.pages, digests.notices(by_org), digests.notices(under_items)), org=org)
        crumbs = ((org.name, paths.org(org.id)),)
        for pager in paginate(by_org, paths.org_file(org.id, "notices.html"), size):
            listing(pager.path, f"{org.name}：法定主动公开内容", pager, org.id, crumbs)
        feed(paths.org_file(org.id, "feed.xml"), f"{config.title} · {org.name}", by_org)

    for notice in site.notices:
        related = [view.notice_by_id[notice.interprets]] if notice.interprets in view.notice_by_id else []
        related += view.interpretations_of(notice)
        page("notice.html", paths.notice(notice.id), "notice", notice.id, digests.notices([notice, *related]),
             notice=notice, markdown=notice.body, attachments=notice.attachments)
    for p in site.pages:
        page("page.html", paths.page(p.id), "page", p.id, content_digest(repr(p)),
             doc=p, markdown=p.body, attachments=None)

    feed(paths.SITE_FEED, config.title, site.notices)
    data(paths.CATALOGUE_JSON, digests.catalogue,
         lambda: _json(catalogue_json(site.catalogue, config.domains)))
    if site.catalogue:
        data(paths.CATALOGUE_XLSX, digests.catalogue,
             lambda: catalogue_xlsx(site.catalogue, f"{config.region}基层政务公开标准目录"))
        data(paths.CATALOGUE_CSV, digests.catalogue, lambda: catalogue_csv(site.catalogue))
    # Every build writes it, a header alone when nothing was migrated: the web server's
    # redirect map is made from it (README), and only published notices are in it.
    redirected = sorted((n.old_url, paths.notice(n.id)) for n in site.notices if n.old_url)
    data(paths.REDIRECTS, content_digest(repr(redirected)), lambda: redirects_csv(redirected))
    if config.base_url:
        pages = sorted(j.path for j in jobs if j.kind)
        data(paths.SITEMAP, content_digest(*pages), lambda: _sitemap(config.base_url, pages))
    return jobs


_ANCHOR = re.compile(r'<a\b([^>]*)>(.*?)</a>', re.S)
_HREF = re.compile(r'\shref="([^"]*)"')
_IMAGE = re.compile(r'<img\b[^>]*>')
_SRC = re.compile(r'\ssrc="([^"]*)"')
_ALT = re.compile(r'\salt="([^"]*)"')


def _leads_somewhere(url: str, attachments: tuple[str, ...] | None) -> bool:
    """Whether a body's link can be followed from the published page: a web address, an
    e-mail or telephone link, a place on the page, or (a notice) one of its attachments —
    the links ``notices._link_problems`` does not warn about."""
    if not url:
        return False
    scheme = urlsplit(url).scheme.lower()
    if scheme in WEB_SCHEMES or url.startswith("//") or scheme in OTHER_ALLOWED or url.startswith("#"):
        return True
    if scheme or url.startswith("/"):
        return False
    return attachments is None or attachment_of(url, attachments) is not None


def _published_links(html: str, attachments: tuple[str, ...] | None, page_path: str) -> str:
    """A body's links as published.  Links to the notice's own attachments, written as
    authors do, relative to content/ (``[名单](files/mzj/名单.xlsx)``, also with a
    ``#page=2``), are pointed at where the page finds them (the body was masked: a link to
    an attachment named after an ID number reads as its masked name, which leads to the
    same file).  A link the build warned about (a file that is not published, the old
    portal's root, no address) is published as its text alone, a picture as its alt text:
    a link that leads nowhere counts against a portal in the inspections.  ``attachments``
    is None for a free page, whose relative links are kept."""
    if not html or ("<a" not in html and "<img" not in html):
        return html
    written = {name: name for name in attachments or ()}
    written.update((mask_personal_data(name), name) for name in attachments or ())

    def published(url: str) -> str | None:
        """Where ``url`` leads from the page, or None for nowhere."""
        found = attachment_of(url, written) if written else None
        if found is not None:
            name, rest = found
            return paths.relative(paths.attachment(written[name]), page_path) + rest
        return url if _leads_somewhere(url, None if attachments is None else ()) else None

    def anchor(m: re.Match) -> str:
        href = _HREF.search(m.group(1))
        target = published(html_module.unescape(href.group(1))) if href else None
        if target is None:
            return m.group(2)
        return f'<a{m.group(1)[:href.start()]} href="{html_module.escape(target)}"{m.group(1)[href.end():]}>{m.group(2)}</a>'

    def image(m: re.Match) -> str:
        src = _SRC.search(m.group(0))
        target = published(html_module.unescape(src.group(1))) if src else None
        if target is None:
            alt = _ALT.search(m.group(0))
            return alt.group(1) if alt else ""
        return m.group(0)[:src.start()] + f' src="{html_module.escape(target)}"' + m.group(0)[src.end():]
    return _IMAGE.sub(image, _ANCHOR.sub(anchor, html))


FEED_LENGTH = 20


def _feed(env, view: SiteView, path: str, title: str, notices) -> bytes:
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
    return xml.encode("utf-8")


def _sitemap(base_url: str, pages: list[str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in pages:
        lines.append(f"  <url><loc>{xml_escape(paths.absolute(base_url, path))}</loc></url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def redirects_csv(rows: list[tuple[str, str]]) -> bytes:
    """``data/redirects.csv`` (contract §7): UTF-8 without a BOM (it is for servers and
    scripts, not Excel), header ``old_url,new_path``, one row per migrated notice, the
    new path relative to the output, ``\n`` line ends."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("old_url", "new_path"))
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


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
