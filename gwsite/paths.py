"""Where each thing lives in the output: the site's URL layout, in one place.

Every path is relative to the output root and names a file (``…/index.html``, never a
folder), so links work from file:// as well as on the portal.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from .privacy import mask_personal_data

HOME = "index.html"
SEARCH = "search.html"
CATALOGUE = "catalogue/index.html"
NOT_FOUND = "404.html"
MANIFEST = "data/manifest.json"
CATALOGUE_JSON = "data/catalogue.json"
CATALOGUE_XLSX = "data/catalogue.xlsx"
CATALOGUE_CSV = "data/catalogue.csv"
INDEX_RECORD = "data/index-numbers.txt"  # a copy of the site root's 索引号 record (numbering)
REDIRECTS = "data/redirects.csv"  # old portal address -> notice page, for the web server (contract §7)
SITE_FEED = "feed.xml"
SITEMAP = "sitemap.xml"
LATEST = "latest/index.html"


def notice(notice_id: str) -> str:
    return f"notices/{notice_id}.html"


def page(page_id: str) -> str:
    return f"pages/{page_id}.html"


def domain(slug: str) -> str:
    return f"domains/{slug}/index.html"


def catalogue_row_id(number: int) -> str:
    """The id of a domain's ``number``-th catalogue item's row (from 1) on its page:
    where a search hit for the item leads."""
    return f"row-{number}"


def domain_file(slug: str, name: str) -> str:
    return f"domains/{slug}/{name}"


def org(org_id: str) -> str:
    return f"orgs/{org_id}/index.html"


def org_file(org_id: str, name: str) -> str:
    return f"orgs/{org_id}/{name}"


def attachment(content_path: str) -> str:
    """An attachment keeps its path under content/ (``files/mzj/a.pdf``), with any
    personal data in its name masked (a 低保 list named after a person's ID number) —
    by ``x``, not ``*``, which Windows does not allow in a file name (reading-room copies)."""
    return mask_personal_data(content_path).replace("*", "x")


def numbered(first: str, number: int) -> str:
    """Page ``number`` of a list whose first page is ``first``: a.html, a-2.html …"""
    if number <= 1:
        return first
    stem, ext = posixpath.splitext(first)
    return f"{stem}-{number}{ext}"


_URL_SAFE = re.compile(r"[A-Za-z0-9/=&\-._~]*")


def quoted(path: str) -> str:
    """A path as it goes into a URL: percent-encoded, ``/`` kept.  ``#`` and ``?`` are
    encoded too: they are part of a file's name ("3#楼安置公示"), and left as they are a
    browser would take them for a fragment or a query and ask for another file."""
    if _URL_SAFE.fullmatch(path):  # most paths: quote() would return them unchanged, slowly
        return path
    return quote(path, safe="/=&-._~")


def relative(target: str, current: str) -> str:
    """The link from the page at ``current`` to ``target``, percent-encoded.

    Both are clean output paths (no ``.``/``..`` parts), so this is posixpath.relpath
    without its normalising, which cost a quarter of the render time (measured)."""
    to = target.split("/")
    here = current.split("/")[:-1]
    common = 0
    while common < len(here) and common < len(to) - 1 and here[common] == to[common]:
        common += 1
    return quoted("/".join([".."] * (len(here) - common) + to[common:]))


def absolute(base_url: str, target: str) -> str:
    """``target`` under the site's ``base_url`` (feeds, sitemap)."""
    return base_url + quoted(target)
