"""Several demo districts over several months: ``govaudit demo --districts 3 --months 2 --out DIR``.

A wrapper around ``build_demo_site``: each district gets its own name and seed, and a plan says, month by
month, whether the standard gaps are planted and whether an extra broken home-page link is (the link to
政府网站工作年度报表 answers 404). Each month's sites are served on loopback and audited by the same
``govaudit audit`` processes ``--sites`` uses, into ``DIR/<district>/`` (whose audit.db keeps every
month), then ``DIR/compare.html`` ranks them. The demo's slow trap (a list that never answers) is made a
503 here, so a multi-district demo takes seconds per audit; it is still an unknown, never a gap.
"""

from __future__ import annotations

import json
import tempfile
from calendar import monthrange
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from govaudit.demo.site import build_demo_site
from govaudit.options import AuditOptions, Limits
from govaudit.serve import LoopbackServer
from govaudit.sites import SiteSpec, run_all, slugify

EXTRA_BROKEN = "/wzndbb/index.html"  # linked from the home page; nothing else depends on it


@dataclass(frozen=True)
class MonthPlan:
    gaps: bool  # the standard planted gaps (govaudit.demo.gaps)
    broken_link: bool  # the extra broken home-page link


@dataclass(frozen=True)
class DistrictPlan:
    region: str
    seed: int
    months: tuple[MonthPlan, ...]  # cycled when more months are asked for; the last month is the newest

    def month(self, k: int, count: int) -> MonthPlan:
        """Plan of month ``k`` (0 = oldest) of ``count``: the newest month uses the last entry."""
        offset = len(self.months) - count + k
        return self.months[offset % len(self.months)]


# Three behaviours a supervisor sees: one district fixes everything, one slips, one stays bad and slips.
PLANS = (
    DistrictPlan("东湖区", 11, (MonthPlan(True, False), MonthPlan(False, False))),
    DistrictPlan("西山区", 12, (MonthPlan(False, False), MonthPlan(False, True))),
    DistrictPlan("南江区", 13, (MonthPlan(True, False), MonthPlan(True, True))),
    DistrictPlan("北湖区", 14, (MonthPlan(False, True), MonthPlan(False, False))),
    DistrictPlan("青林区", 15, (MonthPlan(True, True), MonthPlan(True, False))),
)


def plan(k: int) -> DistrictPlan:
    base = PLANS[k % len(PLANS)]
    if k < len(PLANS):
        return base
    return DistrictPlan(f"{base.region[:-1]}{k // len(PLANS) + 1}区", base.seed + 100 * k, base.months)


def months_back(as_of: date, n: int) -> date:
    """The same day ``n`` months earlier (clamped to the month's last day)."""
    year, month = divmod(as_of.year * 12 + as_of.month - 1 - n, 12)
    month += 1
    return date(year, month, min(as_of.day, monthrange(year, month)[1]))


def run_demo(
    out: Path,
    as_of: date,
    districts: int,
    months: int,
    *,
    articles_per_column: int = 4,
    jobs: int = 4,
    timeout: float = 5.0,
) -> dict[str, object]:
    """Build, serve and audit every district for every month; return {"months", "districts", "codes"}."""
    plans = [plan(k) for k in range(districts)]
    dates = [months_back(as_of, months - 1 - m) for m in range(months)]
    out.mkdir(parents=True, exist_ok=True)
    record: dict[str, object] = {"months": [d.isoformat() for d in dates], "districts": [], "codes": {}}
    for m, day in enumerate(dates):
        with ExitStack() as stack:
            specs = []
            for p in plans:
                mp = p.month(m, months)
                root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govaudit-demo-")))
                site = build_demo_site(
                    root,
                    day,
                    name=p.region,
                    seed=p.seed,
                    articles_per_column=articles_per_column,
                    gaps=mp.gaps,
                )
                behaviors = {
                    path: ({"status": 503} if "delay" in b else b) for path, b in site.behaviors.items()
                }
                if mp.broken_link:
                    behaviors[EXTRA_BROKEN] = {"status": 404}
                server = stack.enter_context(LoopbackServer(site.root, behaviors))
                specs.append(SiteSpec(name=site.name, url=server.base_url, slug=slugify(p.region)))
                if m == months - 1:
                    record["districts"].append(
                        {  # type: ignore[union-attr]
                            "region": p.region,
                            "name": site.name,
                            "slug": slugify(p.region),
                            "plan": [
                                {
                                    "as_of": dates[k].isoformat(),
                                    "gaps": p.month(k, months).gaps,
                                    "broken_link": p.month(k, months).broken_link,
                                }
                                for k in range(months)
                            ],
                        }
                    )
            print(f"第 {m + 1}/{months} 个月（检查基准日 {day}）：审计 {len(specs)} 个示范区县", flush=True)
            template = AuditOptions(as_of=day.isoformat(), limits=Limits(timeout=timeout))
            codes = run_all(specs, out, template, jobs=jobs)
            record["codes"][day.isoformat()] = codes  # type: ignore[index]
    (out / "demo-districts.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return record
