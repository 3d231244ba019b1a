"""The CI gate: which failed findings fail the build, and the files CI systems read (JUnit XML, Markdown).

``--fail-on`` (default ``any``) says which failed findings *gate* (make ``govaudit audit`` exit 1):

- ``any``   every failed veto (单项否决) or deduct (扣分) finding the baseline does not accept;
- ``new``   failed veto/deduct findings that are neither accepted by the baseline nor already failing in
            the previous run of the same site; overdue accepted gaps always gate;
- ``veto``  failed veto findings the baseline does not accept.

An accepted gap whose deadline has passed (as-of date later than 整改期限) is *overdue* and gates under
every mode that covers its severity. Advice (建议) findings never gate. Unknowns never gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from sqlite_utils import Database

from checks import baseline, history
from checks.model import department_label

FAIL_ON = ("any", "new", "veto")
GATING_SEVERITIES = {"any": ("veto", "deduct"), "new": ("veto", "deduct"), "veto": ("veto",)}


@dataclass
class GateOptions:
    baseline: Path | None = None
    fail_on: str = "any"
    junit: Path | None = None
    summary_md: Path | None = None
    xlsx: Path | None = None
    csv: Path | None = None
    json: Path | None = None
    acceptances: list[baseline.Acceptance] | None = None  # read from ``baseline``; None without one

    def record_baseline(self, db: Database, run_id: int) -> None:
        if self.acceptances is not None:
            baseline.record(db, run_id, self.acceptances)

    def apply(self, db_path: Path, run_id: int, default_code: int, out: Path) -> int:
        return apply(db_path, run_id, self, default_code, out)


@dataclass
class Judged:
    row: dict[str, Any]  # the findings row
    key: str
    change: str = ""  # new | persisting (failed findings only)
    state: str = ""  # accepted | overdue | ""
    deadline: str = ""
    note: str = ""
    gating: bool = False

    @property
    def name(self) -> str:
        r = self.row
        return f"{r['check_id']} {department_label(r['department'])} {history.strip_origin(r['subject'])}"


@dataclass
class Verdict:
    fail_on: str
    judged: list[Judged] = field(default_factory=list)

    @property
    def gating(self) -> list[Judged]:
        return [j for j in self.judged if j.gating]


def judge(db: Database, run_id: int, fail_on: str = "any") -> Verdict:
    """Every finding of the run, with its change since the previous run and its baseline state."""
    changes = history.changes(db, run_id)
    accepted = baseline.stored(db, run_id)
    verdict = Verdict(fail_on)
    severities = GATING_SEVERITIES[fail_on]
    for row in db.query("select * from findings where run_id = ? order by id", [run_id]):
        key = history.key_of(row)
        j = Judged(row, key)
        if row["status"] == "failed":
            j.change = changes.change.get(key, history.NEW)
            acc = accepted.get(key)
            if acc:
                j.state, j.deadline, j.note = acc["state"], acc["deadline"], acc["note"] or ""
            if row["severity"] in severities and j.state != baseline.ACCEPTED:
                j.gating = fail_on != "new" or j.state == baseline.OVERDUE or j.change == history.NEW
        verdict.judged.append(j)
    return verdict


def write_junit(verdict: Verdict, path: Path, suite_name: str) -> None:
    """One testcase per finding: gating ones fail, unknowns and accepted gaps are skipped, others pass."""
    cases = verdict.judged
    suite = ET.Element(
        "testsuite",
        name=suite_name,
        tests=str(len(cases)),
        failures=str(len(verdict.gating)),
        skipped=str(sum(1 for j in cases if not j.gating and j.row["status"] != "passed")),
    )
    for j in cases:
        r = j.row
        case = ET.SubElement(suite, "testcase", classname=f"govaudit.{r['check_id']}", name=j.name)
        detail = f"{r['message']}\n依据：{r['citation']}\n证据：{r['url']}"
        if j.gating:
            kind = "overdue" if j.state == baseline.OVERDUE else j.change or "failed"
            fail = ET.SubElement(
                case, "failure", message=f"[{kind}] {j.name}: {r['message']}", type=r["severity"]
            )
            fail.text = detail + (
                f"\n整改期限：{j.deadline}（已逾期）{j.note}" if j.state == baseline.OVERDUE else ""
            )
        elif r["status"] == "failed":
            why = (
                f"accepted until {j.deadline} {j.note}".strip()
                if j.state
                else f"not gating ({verdict.fail_on})"
            )
            ET.SubElement(case, "skipped", message=why).text = detail
        elif r["status"] == "unknown":
            ET.SubElement(case, "skipped", message=f"unknown: {r['message']}")
    path.parent.mkdir(parents=True, exist_ok=True)
    root = ET.Element(
        "testsuites", name="govaudit", tests=suite.get("tests", "0"), failures=suite.get("failures", "0")
    )
    root.append(suite)
    ET.indent(root)
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def summary_markdown(verdict: Verdict, site: str, as_of: str, report: Path | None = None) -> str:
    failed = [j for j in verdict.judged if j.row["status"] == "failed"]
    status = "❌ 未通过" if verdict.gating else "✅ 通过"
    lines = [
        f"## govaudit：{_md(site)}（基准日 {as_of}）— {status}",
        "",
        f"门禁规则 `--fail-on {verdict.fail_on}`：阻断 {len(verdict.gating)} 项；"
        f"未通过 {len(failed)} 项（新发现 {sum(j.change == history.NEW for j in failed)}，"
        f"已接受 {sum(j.state == baseline.ACCEPTED for j in failed)}，"
        f"逾期 {sum(j.state == baseline.OVERDUE for j in failed)}）；"
        f"无法判定 {sum(j.row['status'] == 'unknown' for j in verdict.judged)} 项。",
        "",
    ]
    if failed:
        lines += ["| 阻断 | 检查项 | 单位 | 对象 | 状态 | 说明 |", "|---|---|---|---|---|---|"]
        for j in sorted(failed, key=lambda j: (not j.gating, j.row["check_id"])):
            state = (
                f"已接受至 {j.deadline}"
                if j.state == baseline.ACCEPTED
                else f"逾期（整改期限 {j.deadline}）"
                if j.state == baseline.OVERDUE
                else history.CHANGE_ZH[j.change]
            )
            r = j.row
            lines.append(
                f"| {'是' if j.gating else ''} | `{r['check_id']}` | {_md(department_label(r['department']))} | "
                f"{_md(history.strip_origin(r['subject']))} | {state} | {_md(r['message'])} |"
            )
    if report:
        lines += ["", f"报告：`{report}`"]
    return "\n".join(lines) + "\n"


def apply(db_path: Path, run_id: int, options: GateOptions, default_code: int, out: Path) -> int:
    """Write the CI files and exports; return the gate's exit code (``default_code`` if it is not 0/1)."""
    from crawler import store

    db = store.open_db(db_path)
    try:
        verdict = judge(db, run_id, options.fail_on)
        run = db["runs"].get(run_id)
        site = run["site_name"] or run["start_url"]
        if options.junit:
            write_junit(verdict, options.junit, f"govaudit {site} {run['as_of']}")
        if options.summary_md:
            text = summary_markdown(verdict, site, run["as_of"], out / "report.html")
            options.summary_md.parent.mkdir(parents=True, exist_ok=True)
            with options.summary_md.open("a", encoding="utf-8") as fh:  # $GITHUB_STEP_SUMMARY is appended to
                fh.write(text)
        if options.xlsx or options.csv or options.json:
            from reports import export

            export.write_exports([export.district_rows(db, run_id)], xlsx=options.xlsx, csv_path=options.csv,
                                 json_path=options.json)
    finally:
        db.close()
    keep_run_copy(out, run["as_of"], run_id)
    if default_code not in (0, 1):
        return default_code
    for j in verdict.gating:
        print(f"阻断：{j.name}（{'逾期' if j.state == baseline.OVERDUE else history.CHANGE_ZH[j.change]}）")
    return 1 if verdict.gating else 0


def keep_run_copy(out: Path, as_of: str, run_id: int) -> Path | None:
    """Copy this run's report.html and findings.json to OUT/runs/<as-of>-run<id>/: each month's report stays
    readable as it was issued, while OUT/report.html is always the latest."""
    import shutil

    target = out / "runs" / f"{as_of}-run{run_id}"
    sources = [out / name for name in ("report.html", "findings.json", "evidence.warc.gz") if (out / name).is_file()]
    if not sources:
        return None
    target.mkdir(parents=True, exist_ok=True)
    for src in sources:
        shutil.copy2(src, target / src.name)
    return target
