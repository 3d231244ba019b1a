"""One audit's options, typed, built once at the edge and handed to the stages.

Three sources produce an ``AuditOptions``: the command line (``from_namespace``), a site configuration
(``--site-config``, layered under the command line: a value given on the command line wins) and each entry
of a sites file (``for_district``: the ``--sites`` command's options with the district's own name, URL,
departments and profiles). Past this module nothing sees argparse: the audit, the CI gate, the sites
runner and the demo read these fields, and the crawl gets its ``CrawlOptions`` from ``crawl_options``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from checks.baseline import BaselineError, load_baseline
from crawler.resolve import ResolveError, parse_resolve
from govaudit.errors import UsageError
from govaudit.gate import GateOptions
from govaudit.siteconfig import SiteConfig, SiteConfigError, load_site_config

DEFAULT_TIMEOUT = 30.0
DEMO_TIMEOUT = 5.0  # the demo's slow trap must not hold the audit for long


@dataclass
class Limits:
    """Crawl limits; ``timeout``/``delay`` None = the default (30 s, or 5 s for the demo; polite autothrottle)."""

    max_pages: int = 3000  # crawler.settings.GOVAUDIT_MAX_PAGES: the whole verdict of a 30k–50k-page portal in about an hour
    max_depth: int = 10
    max_time: int = 0  # seconds, 0 = no limit
    timeout: float | None = None
    delay: float | None = None


@dataclass
class AuditOptions:
    as_of: str = field(default_factory=lambda: date.today().isoformat())
    out: Path = Path("govaudit-out")
    target: str = ""  # start URL, or a folder of static files served on loopback
    demo: bool = False
    name: str = ""
    extra_urls: list[str] = field(default_factory=list)
    allowed_hosts: list[str] = field(default_factory=list)
    exact_hosts: bool = False  # --exact-hosts: no www./bare twins of the configured hosts (crawler.hygiene.SiteHosts)
    departments: list[dict[str, str]] = field(default_factory=list)  # {"name", "root_url"}
    limits: Limits = field(default_factory=Limits)
    profiles: list[Path] = field(default_factory=list)
    resolve: dict[str, str] = field(default_factory=dict)  # host → "address:port"
    render: bool = False
    full: bool = False  # --full: a fresh crawl, the audit folder's HTTP cache emptied first (crawler.cache)
    archive: str = "cited"  # --archive: what evidence.warc.gz keeps (govaudit.evidence): cited | all
    verbose: bool = False
    gate: GateOptions = field(default_factory=GateOptions)
    sites: Path | None = None  # --sites: audit every district of this file
    jobs: int = 4

    def for_district(self, *, name: str, url: str, out: Path, departments: list[dict[str, str]],
                     profiles: list[Path], extra_urls: list[str],
                     resolve: dict[str, str] | None = None) -> AuditOptions:
        """One district's audit under ``--sites``: its own identity and folder, the shared limits, profiles
        and gate rule; its CI files (JUnit, Markdown) in its own folder, merged afterwards."""
        gate = GateOptions(
            baseline=self.gate.baseline,
            fail_on=self.gate.fail_on,
            junit=out / "junit.xml" if self.gate.junit else None,
            summary_md=out / "summary.md" if self.gate.summary_md else None,
        )
        return replace(self, target=url, name=name, out=out, demo=False, sites=None, departments=departments,
                       profiles=[*self.profiles, *profiles], extra_urls=extra_urls, allowed_hosts=[],
                       resolve=dict(resolve or {}), render=False, verbose=False, gate=gate)

    def argv(self) -> list[str]:
        """The ``govaudit audit`` arguments that give these options (a district's audit runs in its own
        process, with a Twisted reactor of its own)."""
        args = [self.target, "--name", self.name, "--out", str(self.out), "--as-of", self.as_of]
        for flag, value in (("--max-pages", self.limits.max_pages), ("--max-depth", self.limits.max_depth),
                            ("--max-time", self.limits.max_time), ("--timeout", self.limits.timeout),
                            ("--delay", self.limits.delay), ("--fail-on", self.gate.fail_on),
                            ("--baseline", self.gate.baseline and self.gate.baseline.resolve()),
                            ("--junit", self.gate.junit), ("--summary-md", self.gate.summary_md)):
            if value is not None:
                args += [flag, str(value)]
        for d in self.departments:
            args += ["--department", f"{d['name']}={d['root_url']}"]
        for p in self.profiles:
            args += ["--profile", str(Path(p).resolve())]
        for u in self.extra_urls:
            args += ["--extra-url", u]
        if self.exact_hosts:
            args.append("--exact-hosts")
        if self.full:
            args.append("--full")
        if self.archive != "cited":
            args += ["--archive", self.archive]
        for host, address in self.resolve.items():
            args += ["--resolve", f"{host}={address}"]
        return args


def departments(values: list[str]) -> list[dict[str, str]]:
    """``--department NAME=URL`` values as {"name", "root_url"}."""
    result = []
    for value in values:
        name, sep, url = value.partition("=")
        if not (sep and name.strip() and url.strip().startswith(("http://", "https://"))):
            raise UsageError(f"--department 应为 名称=网址：{value!r}")
        result.append({"name": name.strip(), "root_url": url.strip()})
    return result


def resolve_map(values: list[str]) -> dict[str, str]:
    try:
        return parse_resolve(values)
    except ResolveError as exc:
        raise UsageError(str(exc)) from exc


def gate_options(ns: argparse.Namespace) -> GateOptions:
    """The CI gate's options, with the baseline file read now (a bad file is a usage error, before the crawl)."""
    gate = GateOptions(baseline=ns.baseline, fail_on=ns.fail_on, junit=ns.junit, summary_md=ns.summary_md,
                       xlsx=ns.xlsx, csv=ns.csv, json=ns.json)
    if gate.baseline is not None:
        try:
            gate.acceptances = load_baseline(gate.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from exc
    return gate


def from_namespace(ns: argparse.Namespace) -> AuditOptions:
    """``govaudit audit``'s options, with ``--site-config`` layered under what the command line gives."""
    config = SiteConfig(start_url="")
    if ns.site_config is not None:
        try:
            config = load_site_config(ns.site_config)
        except SiteConfigError as exc:
            raise UsageError(str(exc)) from exc
    limits = Limits()
    for key in vars(limits):
        given = getattr(ns, key)
        if given is not None:
            setattr(limits, key, given)
        elif key in config.limits:  # typed by the site configuration's reader
            setattr(limits, key, config.limits[key])
    given_departments = departments(ns.department)
    names = {d["name"] for d in given_departments}
    allowed = list(ns.allowed_host)
    if not allowed and config.allowed_hosts:
        hosts = {urlsplit(u).hostname for u in [config.start_url, *config.extra_urls]}
        allowed = sorted({*config.allowed_hosts, *(h for h in hosts if h)})
    return AuditOptions(
        as_of=ns.as_of,
        out=ns.out,
        target=ns.target or config.start_url,
        demo=ns.demo,
        name=ns.name or config.name,
        extra_urls=[*ns.extra_url, *(u for u in config.extra_urls if u not in ns.extra_url)],
        allowed_hosts=allowed,
        exact_hosts=bool(ns.exact_hosts or config.exact_hosts),
        departments=[*given_departments, *(d for d in config.departments if d["name"] not in names)],
        limits=limits,
        profiles=list(ns.profile),
        resolve=resolve_map([*config.resolve, *ns.resolve]),
        render=ns.render,
        archive=getattr(ns, "archive", None) or "cited",
        full=bool(getattr(ns, "full", False)),
        verbose=ns.verbose,
        gate=gate_options(ns),
        sites=ns.sites,
        jobs=ns.jobs,
    )

