"""Publication-date integrity across audits (issue 13 item 2): a small district served on loopback, audited on
2026-10-27, changed, audited again on 2026-11-27 into the same folder. Between the audits its 通知公告 gains one
entry dated after the first audit (fine) and one dated before it (倒签); 工作动态 gains an entry that pushes its
oldest one onto its second page. Only the back-dated entry is flagged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

NAME = "测试区人民政府"
BACK_DATED = "关于补报第三季度安全检查情况的通知"


def govaudit(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)


def page(title: str, column: str, body: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_{NAME}</title>'
            f'<meta name="SiteName" content="{NAME}"><meta name="ColumnName" content="{column}"></head><body>'
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/{SLUGS[column]}/">{column}</a></div>'
            f"{body}<div class=\"footer\">主办：{NAME}办公室</div></body></html>")


SLUGS = {"通知公告": "tzgg", "工作动态": "gzdt", "首页": ""}


def write_site(root: Path, columns: dict[str, list[tuple[str, str]]], per_page: int = 4) -> None:
    """Each column a list (newest first, ``per_page`` entries a page, 下一页 links) and its articles."""
    home = "".join(f'<h2><a href="/{SLUGS[c]}/">{c}</a></h2>' for c in columns)
    (root / "index.html").write_text(page("首页", "首页", home), encoding="utf-8")
    for column, items in columns.items():
        slug = SLUGS[column]
        items = sorted(items, key=lambda i: i[1], reverse=True)
        chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)]
        for n, chunk in enumerate(chunks):
            rows = []
            for title, day in chunk:
                href = f"/{slug}/{day[:7].replace('-', '')}/t{day.replace('-', '')}_{zlib.crc32(title.encode()) % 9999}.html"
                rows.append(f'<li><a href="{href}">{title}</a><span>{day}</span></li>')
                article = root / href.lstrip("/")
                article.parent.mkdir(parents=True, exist_ok=True)
                article.write_text(page(title, column, f"<h1>{title}</h1><p>发布日期：{day}</p><p>{title}。</p>"),
                                   encoding="utf-8")
            pager = f'<a href="index_{n + 1}.html">下一页</a>' if n + 1 < len(chunks) else ""
            name = "index.html" if n == 0 else f"index_{n}.html"
            (root / slug).mkdir(parents=True, exist_ok=True)
            (root / slug / name).write_text(page(column, column, f'<ul class="list">{"".join(rows)}</ul>{pager}'),
                                            encoding="utf-8")


OCTOBER = {
    "通知公告": [("关于开展秋季消防检查的通知", "2026-10-20"), ("关于调整办公时间的公告", "2026-09-15"),
             ("关于征集民生实事项目的通知", "2026-08-10")],
    "工作动态": [("区政府召开常务会议", "2026-10-22"), ("区领导调研重点项目", "2026-10-08"),
             ("全区安全生产工作会议召开", "2026-09-25"), ("区人大代表视察民生工程", "2026-09-10"),
             ("区政府与高校签署合作协议", "2026-08-28"), ("区召开防汛工作部署会", "2026-08-05")],
}
NOVEMBER = {
    "通知公告": [*OCTOBER["通知公告"], ("关于做好冬季供暖工作的通知", "2026-11-10"), (BACK_DATED, "2026-10-12")],
    "工作动态": [*OCTOBER["工作动态"], ("区政府召开经济运行分析会", "2026-11-20")],
}


@pytest.fixture(scope="module")
def two_audits(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], list[dict]]:
    site = tmp_path_factory.mktemp("district")
    out = tmp_path_factory.mktemp("audits")
    write_site(site, OCTOBER)
    first = govaudit("audit", str(site), "--name", NAME, "--as-of", "2026-10-27", "--out", str(out))
    assert first.returncode in (0, 1), first.stderr[-3000:]
    october = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    write_site(site, NOVEMBER)
    second = govaudit("audit", str(site), "--name", NAME, "--as-of", "2026-11-27", "--out", str(out))
    assert second.returncode in (0, 1), second.stderr[-3000:]
    november = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    return out, october, november


def of(findings: list[dict], check: str) -> list[dict]:
    return [f for f in findings if f["check"] == check]


def test_the_first_audit_cannot_judge_and_says_why(two_audits) -> None:
    _, october, _ = two_audits
    for check in ("DATE-BACK-01", "DATE-EDIT-01"):
        (finding,) = of(october, check)
        assert finding["status"] == "unknown" and "首次审计" in finding["message"]


def test_the_back_dated_entry_and_nothing_else_is_flagged(two_audits) -> None:
    _, _, november = two_audits
    (flagged,) = [f for f in of(november, "DATE-BACK-01") if f["status"] == "failed"]
    assert BACK_DATED in flagged["subject"] and "2026-10-12" in flagged["subject"]
    assert flagged["severity"] == "advice" and "疑似倒签" in flagged["message"]
    # both audits and both list snapshots
    assert {"2026-10-12", "2026-10-27", "2026-11-27"} <= set(flagged["evidence"]["dates"])
    lists = [u for u in flagged["evidence"]["urls"] if u.endswith("/tzgg/")]
    assert len(lists) == 2 and lists[0] != lists[1]  # this audit's list and the earlier audit's (its own port)
    notes = " ".join(flagged["evidence"]["notes"])
    assert "2026-10-20 “关于开展秋季消防检查的通知”" in notes  # what the earlier list showed around that date
    # the entry dated after the first audit, and the one pushed onto 工作动态's second page, are not flagged
    assert [f["status"] for f in of(november, "DATE-BACK-01")] == ["failed"]
    assert [f["status"] for f in of(november, "DATE-EDIT-01")] == ["passed"]
    # its record is in this audit's evidence archive (a failed finding's pages are kept)
    assert any(r["url"].endswith(".html") for r in flagged["evidence"]["warc"])


def test_advice_is_never_scored(two_audits) -> None:
    out, _, _ = two_audits
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert all(d["check"] != "DATE-BACK-01" for d in doc["scoring"]["deductions"])
    assert all("DATE-BACK-01" not in v for v in doc["scoring"]["vetoes"])
    soup = BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert BACK_DATED in soup.get_text()


def test_a_date_edited_in_place_is_recorded(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    write_site(site, OCTOBER)
    assert govaudit("audit", str(site), "--name", NAME, "--as-of", "2026-10-27", "--out", str(out)).returncode in (0, 1)
    # the same entry, its date changed in the list (its address still carries the old one)
    index = site / "tzgg" / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("<span>2026-09-15</span>", "<span>2026-07-15</span>"),
                     encoding="utf-8")
    assert govaudit("audit", str(site), "--name", NAME, "--as-of", "2026-11-27", "--out", str(out)).returncode in (0, 1)
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    (edit,) = [f for f in of(findings, "DATE-EDIT-01") if f["status"] == "failed"]
    assert "关于调整办公时间的公告" in edit["subject"] and "2026-09-15 → 2026-07-15" in edit["subject"]
    assert [f["status"] for f in of(findings, "DATE-BACK-01")] == ["passed"]


def test_an_articles_related_links_are_no_list() -> None:
    """A 相关信息 block on an article lists older items the earlier audit may never have reached: not a list of the
    column, so nothing there is taken for a back-dated entry; the same entry in a list is."""
    from tests.fakecrawl import complete_site, earlier_audit

    crawl = complete_site()
    earlier_audit(crawl)
    crawl.entry("/bsfw/1.html", "/bsfw/old.html", "2019年残疾人证办理须知", "2019-05-01", column="办事服务")
    assert {f.status.value for f in crawl.run("DATE-BACK-01")} == {"passed"}
    crawl.entry("/bsfw/", "/bsfw/old.html", "2019年残疾人证办理须知", "2019-05-01", column="办事服务")
    assert [f.status.value for f in crawl.run("DATE-BACK-01")] == ["failed"]
