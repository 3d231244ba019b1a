"""One district's whole audit as a Scrapyd job of ``govaudit cluster`` (runs on the node).

Scrapyd runs a deployed project's spider by name with ``-a`` arguments and ``-s`` settings, nothing else.
``govaudit cluster submit`` schedules the ``portal`` spider with the district's spider arguments
(``govaudit.crawl.spider_arguments``) and two settings: ``ADDONS`` naming ``AuditJob`` and ``GOVAUDIT_JOB``,
the audit as JSON (job id, district, as-of date, the crawl options, the merged profile). The add-on

- before the crawl (``update_settings``) creates the job's audit database and run, and applies the crawl
  settings a local audit applies (``govaudit.crawl.crawl_overrides``), so the job crawls as ``govaudit audit``
  does — polite per host, or unthrottled on loopback;
- when the engine has stopped (the pipeline has closed the run) runs the checks (``checks.runner``: findings
  and scores in the database) and keeps the evidence they cite (``govaudit.evidence``), then packs the result —
  ``audit.db``, ``evidence.warc.gz``, ``manifest.json`` (with the audit's exit code) and the job's log — into ``<results>/<job>.zip``, written as ``.part`` and renamed, so a collector never
  sees half of it. The reports are written by the collector, from the district's database with every earlier
  month in it (what is new, persisting or fixed is known there, not on the node).

``<results>`` is the setting ``GOVAUDIT_JOB_RESULTS`` or, by default, ``_results`` in the project's folder of
Scrapyd's logs (``logs/govaudit/_results/``). Scrapyd serves its logs folder over HTTP, so the collector fetches
``NODE/logs/govaudit/_results/<job>.zip`` and the machines share nothing else. The folder is not
``logs/govaudit/portal/``, which Scrapyd prunes to ``jobs_to_keep`` files whenever a job starts.

crawler/ never imports this module: Scrapy loads it by the name given in ``ADDONS``.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler import store
from govaudit import __version__
from govaudit.crawl import CrawlOptions, crawl_overrides

logger = logging.getLogger(__name__)

ADDON = "govaudit.cluster_job.AuditJob"
RESULTS_FOLDER = "_results"
EVIDENCE = "evidence.warc.gz"  # govaudit.evidence.EVIDENCE_NAME: the records the findings cite


def results_dir(settings: Any) -> Path:
    """Where a node's jobs leave their results: GOVAUDIT_JOB_RESULTS, else ``_results`` beside Scrapyd's
    per-spider log folders (LOG_FILE is ``logs/<project>/<spider>/<job>.log``)."""
    given = settings.get("GOVAUDIT_JOB_RESULTS")
    if given:
        return Path(given)
    log_file = settings.get("LOG_FILE")
    if log_file:
        return Path(log_file).resolve().parent.parent / RESULTS_FOLDER
    return Path.cwd() / "govaudit-results"


def job_settings(job: dict[str, Any]) -> dict[str, str]:
    """The ``-s`` settings of a job (schedule.json's ``setting=KEY=VALUE``)."""
    return {"ADDONS": json.dumps({ADDON: 0}), "GOVAUDIT_JOB": json.dumps(job, ensure_ascii=False)}


class AuditJob:
    """Scrapy add-on (and extension, by the signal it connects): see the module's docstring."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.job: dict[str, Any] = {}
        self.work: Path | None = None
        self.results: Path | None = None
        self.run_id = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> AuditJob:
        addon = cls(crawler)
        crawler.signals.connect(addon.engine_stopped, signal=signals.engine_stopped)
        return addon

    def update_settings(self, settings: Any) -> None:
        raw = settings.get("GOVAUDIT_JOB")
        if not raw:
            raise NotConfigured("GOVAUDIT_JOB is not set")
        self.job = json.loads(raw) if isinstance(raw, str) else dict(raw)
        job_id = str(self.job["job"])
        crawl = CrawlOptions(**self.job["crawl"])
        self.results = results_dir(settings)
        self.work = self.results / f"{job_id}.work"
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        db_path = self.work / "audit.db"
        db = store.open_db(db_path)
        self.run_id = store.create_run(db, site_name=self.job.get("name") or "", start_url=crawl.start_url,
                                       as_of=self.job["as_of"], settings={**crawl.as_dict(), "cluster_job": job_id})
        db.close()
        overrides = crawl_overrides(str(db_path), self.run_id, crawl)
        # Scrapyd keeps the job's log: Scrapy's own lines (stats, errors) there; no live progress on stderr
        overrides.update(LOG_LEVEL="INFO", GOVAUDIT_PROGRESS_INTERVAL=0)
        settings.setdict(overrides, priority="cmdline")

    def engine_stopped(self) -> None:
        try:
            self.finish()
        except Exception:  # the job then leaves no result: the collector schedules it again
            logger.exception("govaudit: 审计任务 %s 未能完成", self.job.get("job"))

    def finish(self) -> None:
        from checks.runner import run_checks
        from govaudit.audit import audit_code
        from govaudit.evidence import keep_evidence

        assert self.work is not None and self.results is not None
        db = store.open_db(self.work / "audit.db")
        name = self.job.get("name")
        if name:
            db["runs"].update(self.run_id, {"site_name": name})
        profile = self.job.get("profile") or {}
        findings = run_checks(db, self.run_id, profile)
        keep_evidence(db, self.work / "audit.db", self.run_id, self.work)  # evidence.warc.gz, as a local audit
        code = audit_code(db, self.run_id, findings, profile)
        run = db["runs"].get(self.run_id)
        db.close()
        logger.info("govaudit: 抓取页面 %s 个（失败 %s 个）；检查结果 %s 项，退出码 %s",
                    run["pages_fetched"], run["pages_failed"], len(findings), code)
        pack(self.work, self.results / f"{self.job['job']}.zip", {
            "job": self.job["job"],
            "slug": self.job.get("slug"),
            "name": name,
            "as_of": self.job["as_of"],
            "run_id": self.run_id,
            "exit_code": code,
            "govaudit": __version__,
            "log_file": self.crawler.settings.get("LOG_FILE") or "",
        })
        shutil.rmtree(self.work, ignore_errors=True)
        logger.info("govaudit: 审计任务 %s 完成，结果 %s", self.job["job"], self.results / f"{self.job['job']}.zip")


def pack(work: Path, target: Path, manifest: dict[str, Any]) -> None:
    """The job's result as one zip: a compact copy of the database, the evidence archive, the manifest and the
    log."""
    snapshot = work / "result.db"
    snapshot.unlink(missing_ok=True)
    con = sqlite3.connect(work / "audit.db")
    try:
        con.execute("vacuum into ?", [str(snapshot)])
    finally:
        con.close()
    part = target.with_name(target.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(snapshot, "audit.db")
        if (work / EVIDENCE).is_file():
            zf.write(work / EVIDENCE, EVIDENCE)
        log_file = manifest.get("log_file")
        if log_file and Path(log_file).is_file():
            zf.write(log_file, "audit.log")
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    part.replace(target)
