"""Read site.yaml: the site's settings, its organisations and any extra domains."""
from __future__ import annotations

import os
import re
from pathlib import Path

from .diagnostics import Location, Problem, did_you_mean, error, warning
from .domains import Domain, DomainTable
from .model import ORG_KINDS, Org, SiteConfig
from .privacy import USCC_ALPHABET, is_valid_uscc, uscc_check_char
from .yamlsrc import LinedDict, check_keys, load_yaml, read_source

SITE_FILE = "site.yaml"
SITE_KEYS = ("title", "region", "host", "site_code", "icp", "police_record", "base_url",
             "conac_url", "orgs", "domains", "upstream", "require_review", "page_size",
             "search_synonyms", "not_compiled")
SITE_REQUIRED = ("title", "region", "host", "orgs")
ORG_KEYS = ("id", "name", "kind", "aliases", "code", "not_involved")
ORG_REQUIRED = ("id", "name", "kind")
DOMAIN_KEYS = ("name", "slug", "aliases")
ORG_ID = re.compile(r"^[a-z0-9-]+$")

def _text(value) -> str:
    return "" if value is None else str(value).strip()


def read_site_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    path = root / SITE_FILE
    if not path.exists():
        return None, [error(Location(SITE_FILE), "site.yaml not found",
                            "run gwsite in a site root, or pass the root as an argument")]
    text, problems = read_source(path, SITE_FILE)  # not UTF-8 (a GBK save), a folder, unreadable
    if text is None:
        return None, problems
    data, problems = load_yaml(text, SITE_FILE)
    if problems:
        return None, problems
    if not isinstance(data, LinedDict):
        return None, [error(Location(SITE_FILE, 1), "site.yaml must be a mapping of settings")]
    problems += check_keys(data, SITE_FILE, SITE_KEYS, SITE_REQUIRED, "site.yaml")

    domains = DomainTable().with_extra(_read_domains(data, problems))
    orgs = _read_orgs(data, domains, problems)

    site_code = _text(data.get("site_code"))
    if site_code and not re.fullmatch(r"[0-9A-Za-z]{10}", site_code):
        problems.append(warning(Location(SITE_FILE, data.line_of("site_code")),
                                f"site_code '{site_code}' is not a 10-character 网站标识码"))
    base_url = _absolute_url(data, "base_url", "https://www.example.gov.cn/jcgk/", problems)
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    # The 党政机关网站标识 is shown from a local image either way; this is where it links.
    conac_url = _absolute_url(data, "conac_url", "https://bszs.conac.cn/sitename?method=show&id=…", problems)
    page_size = data.get("page_size", 20)
    if not isinstance(page_size, int) or isinstance(page_size, bool) or not 5 <= page_size <= 500:
        problems.append(error(Location(SITE_FILE, data.line_of("page_size")),
                              f"page_size must be a whole number from 5 to 500, not '{page_size}'"))
        page_size = 20
    require_review = data.get("require_review", False)
    if not isinstance(require_review, bool):
        problems.append(error(Location(SITE_FILE, data.line_of("require_review")),
                              "require_review must be true or false"))
        require_review = False

    synonyms = _read_synonyms(data, problems)
    not_compiled = _read_not_compiled(data, domains, problems)

    config = SiteConfig(
        title=_text(data.get("title")), region=_text(data.get("region")),
        host=_text(data.get("host")), orgs=tuple(orgs), domains=domains,
        site_code=site_code, icp=_text(data.get("icp")),
        police_record=_text(data.get("police_record")), base_url=base_url, conac_url=conac_url,
        upstream=_upstream(data, problems), require_review=require_review,
        page_size=page_size, search_synonyms=synonyms, not_compiled=not_compiled,
        not_compiled_line=data.line_of("not_compiled") if "not_compiled" in data else None,
        location=Location(SITE_FILE, 1),
    )
    return config, problems


def _read_not_compiled(data: LinedDict, domains: DomainTable, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """``not_compiled: {税收管理: 由区税务局按总局目录编制}``: pilot domains whose catalogue is
    not compiled at this level, each with its reason (the audit then asks for none)."""
    value = data.get("not_compiled")
    if value is None:
        return ()
    line = data.line_of("not_compiled")
    if not isinstance(value, dict):
        problems.append(error(Location(SITE_FILE, line), "not_compiled must map each domain to its reason",
                              "write it as not_compiled: {税收管理: 由区税务局按总局目录编制}"))
        return ()
    found = []
    for name, reason in value.items():
        at = Location(SITE_FILE, value.line_of(name) if isinstance(value, LinedDict) else line)
        domain = domains.resolve(str(name))
        if domain is None:
            problems.append(error(at, f"not_compiled: unknown domain '{name}'{did_you_mean(str(name), domains.names())}",
                                  "use one of the 26 pilot domains"))
        elif not isinstance(reason, str) or not reason.strip():
            problems.append(error(at, f"not_compiled: give the reason {domain.name} is not compiled at this level",
                                  f"e.g. {domain.name}: 由上级主管部门统一编制"))
        else:
            found.append((domain.name, reason.strip()))
    return tuple(found)


def _upstream(data: LinedDict, problems: list[Problem]) -> str:
    """The folder of the city's catalogue, if a file system could hold its name: one part
    longer than 255 bytes ended the build in an OSError (issue 18)."""
    folder = _text(data.get("upstream"))
    try:
        possible = all(len(os.fsencode(part)) <= 255 for part in re.split(r"[\\/]", folder))
    except UnicodeEncodeError:  # a lone surrogate, written as "\ud800"
        possible = False
    if not possible:
        problems.append(error(Location(SITE_FILE, data.line_of("upstream")),
                              f"upstream '{folder}' is no possible folder name",
                              "give the folder of the city's catalogue workbooks, relative to the site root"))
        return ""
    return folder


def _read_synonyms(data: LinedDict, problems: list[Problem]) -> tuple[tuple[str, ...], ...]:
    """``search_synonyms``: the site's own names for one thing, each a list of two or more
    (``[青溪区, 青溪]``, ``[低保金, 最低生活保障金]``), added to the search's table."""
    raw = data.get("search_synonyms")
    if raw is None:
        return ()
    at = Location(SITE_FILE, data.line_of("search_synonyms"))
    hint = "give a list of lists, e.g. search_synonyms: [[低保金, 最低生活保障金], [青溪区, 青溪]]"
    if not isinstance(raw, list):
        problems.append(error(at, "search_synonyms must be a list of lists of names", hint))
        return ()
    groups = []
    for number, entry in enumerate(raw, 1):
        forms = [_text(f) for f in entry] if isinstance(entry, list) else []
        if len([f for f in forms if len(f) >= 2]) < 2 or any(isinstance(f, (list, dict)) for f in entry or []):
            problems.append(error(at, f"search_synonyms entry {number} ({entry!r}) must list two or more names "
                                      "of two or more characters", hint))
            continue
        groups.append(tuple(f for f in forms if len(f) >= 2))
    return tuple(groups)


def _absolute_url(data: LinedDict, key: str, example: str, problems: list[Problem]) -> str:
    """The value of ``key`` if it is an absolute http(s) URL; else a problem and ""."""
    value = _text(data.get(key))
    if value and not re.match(r"^https?://[^/\s]+", value):
        problems.append(error(Location(SITE_FILE, data.line_of(key)),
                              f"{key} '{value}' must be an absolute http(s) URL", f"e.g. {example}"))
        return ""
    return value


def _read_orgs(data: LinedDict, domains: DomainTable, problems: list[Problem]) -> list[Org]:
    raw = data.get("orgs")
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(error(Location(SITE_FILE, data.line_of("orgs")), "orgs must be a list of organisations"))
        return []
    orgs: list[Org] = []
    seen: dict[str, int] = {}
    names: dict[str, str] = {}
    for entry in raw:
        if not isinstance(entry, LinedDict):
            problems.append(error(Location(SITE_FILE, data.line_of("orgs")),
                                  "each entry of orgs must be a mapping with id, name and kind"))
            continue
        at = Location(SITE_FILE, entry.line)
        problems += check_keys(entry, SITE_FILE, ORG_KEYS, ORG_REQUIRED, "an org")
        org_id, name, kind = _text(entry.get("id")), _text(entry.get("name")), _text(entry.get("kind"))
        here = Location(SITE_FILE, entry.line_of("id"))
        if org_id and not ORG_ID.match(org_id):
            problems.append(error(here, f"org id '{org_id}' may hold only a-z, 0-9 and '-'"))
        if org_id in seen:
            problems.append(error(here, f"duplicate org id '{org_id}' (first at line {seen[org_id]})"))
        seen.setdefault(org_id, here.line)
        if kind and kind not in ORG_KINDS:
            problems.append(error(Location(SITE_FILE, entry.line_of("kind")),
                                  f"org kind '{kind}' must be one of {', '.join(ORG_KINDS)}"
                                  + did_you_mean(kind, ORG_KINDS)))
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list):
            problems.append(error(Location(SITE_FILE, entry.line_of("aliases")), "aliases must be a list of names"))
            aliases = []
        aliases = [_text(a) for a in aliases if _text(a)]
        for label in (name, *aliases):
            other = names.get(label)
            if other and other != org_id:
                problems.append(error(Location(SITE_FILE, entry.line_of("aliases" if label != name else "name")),
                                      f"name '{label}' is used by both '{other}' and '{org_id}'"))
            names.setdefault(label, org_id)
        code = _text(entry.get("code")).upper()
        if code and len(code) == 18 and not is_valid_uscc(code):
            problems.append(warning(Location(SITE_FILE, entry.line_of("code")),
                                    f"code '{code}' fails the 统一社会信用代码 check character"
                                    f" (expected '{uscc_check_char(code[:17])}' last)"
                                    if all(c in USCC_ALPHABET for c in code[:17])
                                    else f"code '{code}' is not a valid 统一社会信用代码"))
        elif code and len(code) not in (9, 10, 18):
            problems.append(warning(Location(SITE_FILE, entry.line_of("code")),
                                    f"code '{code}' is neither an 18-character 统一社会信用代码 nor a 9-character 组织机构代码"))
        not_involved = []
        for domain_name in entry.get("not_involved") or []:
            found = domains.resolve(str(domain_name))
            if found is None:
                problems.append(error(Location(SITE_FILE, entry.line_of("not_involved")),
                                      f"unknown domain '{domain_name}' in not_involved"
                                      + did_you_mean(domain_name, domains.names())))
            else:
                not_involved.append(found.name)
        orgs.append(Org(org_id, name, kind, tuple(aliases), code, at, tuple(not_involved)))
    return orgs


def _read_domains(data: LinedDict, problems: list[Problem]) -> list[Domain]:
    raw = data.get("domains") or []
    if not isinstance(raw, list):
        problems.append(error(Location(SITE_FILE, data.line_of("domains")), "domains must be a list"))
        return []
    known = DomainTable()
    extra = []
    for entry in raw:
        if not isinstance(entry, LinedDict):
            problems.append(error(Location(SITE_FILE, data.line_of("domains")),
                                  "each entry of domains must be a mapping with name, slug and aliases"))
            continue
        problems += check_keys(entry, SITE_FILE, DOMAIN_KEYS, ("name",), "a domain")
        name = _text(entry.get("name"))
        existing = known.resolve(name)
        slug = _text(entry.get("slug")) or (existing.slug if existing else "")
        if not existing and not re.fullmatch(r"[a-z0-9-]+", slug):
            problems.append(error(Location(SITE_FILE, entry.line_of("slug")),
                                  f"new domain '{name}' needs a slug of a-z, 0-9 and '-' for its URL"))
            continue
        aliases = tuple(_text(a) for a in (entry.get("aliases") or []) if _text(a))
        extra.append(Domain(existing.name if existing else name, slug, aliases))
    return extra
