"""The pilot domains (试点领域) as data: canonical name, URL slug, aliases.

Names vary between provinces and years (扶贫 became 乡村振兴 in 2021, 环境保护 is also
生态环境 …), so every lookup goes through ``DomainTable.resolve``.  A site adds its own
domains ("其他领域") or aliases with ``domains:`` in site.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    order: int = 0


# The State Council's order (国办发〔2019〕54号 and the 26 领域 guidelines).
PILOT_DOMAINS: tuple[Domain, ...] = tuple(
    Domain(name, slug, tuple(aliases), order)
    for order, (name, slug, aliases) in enumerate(
        [
            ("重大建设项目", "zdjsxm", ["重大建设项目批准和实施"]),
            ("公共资源交易", "ggzyjy", []),
            ("义务教育", "ywjy", []),
            ("户籍管理", "hjgl", ["户籍"]),
            ("社会救助", "shjz", []),
            ("养老服务", "ylfw", []),
            ("公共法律服务", "ggflfw", []),
            ("财政预决算", "czyjs", ["财政预算决算", "预决算"]),
            ("就业创业", "jycy", ["就业"]),
            ("社会保险", "shbx", []),
            ("国土空间规划", "gtkjgh", ["城乡规划", "自然资源"]),
            ("征地补偿", "zdbc", []),
            ("环境保护", "hjbh", ["生态环境", "环境治理"]),
            ("国有土地上房屋征收", "fwzs", ["国有土地上房屋征收与补偿"]),
            ("保障性住房", "bzxzf", ["住房保障", "保障房"]),
            ("农村危房改造", "ncwfgz", []),
            ("城市综合执法", "csjhzf", []),
            ("市政服务", "szfw", []),
            ("涉农补贴", "snbt", ["涉农资金"]),
            ("公共文化服务", "ggwhfw", ["公共文化"]),
            ("医疗卫生", "ylws", ["卫生健康"]),
            ("安全生产", "aqsc", []),
            ("救灾", "jz", ["自然灾害救助", "防灾减灾救灾"]),
            ("食品药品监管", "spypjg", ["食品药品"]),
            ("扶贫", "fp", ["乡村振兴"]),
            ("税收管理", "ssgl", []),
        ],
        start=1,
    )
)

# Wordings that wrap a domain name in titles, sheet names and file names.
_AFFIXES = re.compile(
    r"(领域)?(基层)?(政务公开)?(事项)?(标准)?(目录)?(（[^）]*）|\([^)]*\))?$"
)


@lru_cache(maxsize=8192)  # the catalogue reader compares every cell's text
def name_key(text) -> str:
    """How names, labels and marks are compared everywhere: NFKC, no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


@dataclass(frozen=True)
class DomainTable:
    domains: tuple[Domain, ...] = PILOT_DOMAINS

    def names(self) -> list[str]:
        return [d.name for d in self.domains]

    def by_name(self, name: str) -> Domain:
        return next(d for d in self.domains if d.name == name)

    def resolve(self, text: str) -> Domain | None:
        """The domain a name or alias refers to, exactly (after NFKC and spaces)."""
        return self._by_key.get(name_key(text))

    @cached_property  # resolve is asked once a notice: a scan of every name was 10 µs each time
    def _by_key(self) -> dict[str, Domain]:
        """Every name and alias, as its name_key, to its domain; the first domain wins."""
        index: dict[str, Domain] = {}
        for d in self.domains:
            for name in (d.name, *d.aliases):
                index.setdefault(name_key(name), d)
        return index

    def find_in(self, text: str) -> Domain | None:
        """The domain named inside a title, sheet name or file name, e.g.
        '示例区社会救助领域基层政务公开标准目录' -> 社会救助.  The longest name found wins,
        so '公共法律服务' is not taken for a shorter name inside it."""
        key = name_key(text)
        key = _AFFIXES.sub("", key) if key else key
        best: tuple[int, Domain] | None = None
        for d in self.domains:
            for name in (d.name, *d.aliases):
                n = name_key(name)
                if n and n in key and (best is None or len(n) > best[0]):
                    best = (len(n), d)
        return best[1] if best else None

    def with_extra(self, extra: list[Domain]) -> "DomainTable":
        """This table plus a site's own domains or aliases (same name: aliases merged)."""
        merged = {d.name: d for d in self.domains}
        order = len(merged)
        for d in extra:
            if d.name in merged:
                old = merged[d.name]
                merged[d.name] = Domain(old.name, old.slug, tuple(dict.fromkeys(old.aliases + d.aliases)), old.order)
            else:
                order += 1
                merged[d.name] = Domain(d.name, d.slug, d.aliases, order)
        return DomainTable(tuple(sorted(merged.values(), key=lambda d: d.order)))
