"""Many districts: ``govaudit demo --districts 3 --months 2`` audits three demo districts a month apart, and
``govaudit compare`` ranks them with the change since the previous month; every cell links to a report."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

AS_OF = "2026-11-27"


def govaudit(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run(
        [sys.executable, "-m", "govaudit.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def districts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("districts")
    proc = govaudit("demo", "--districts", "3", "--months", "2", "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return out


def broken_home_links(folder: Path) -> list[int]:
    """Failed LNK-HOME-01 findings per run, oldest first."""
    db = sqlite3.connect(folder / "audit.db")
    try:
        return [
            n
            for (n,) in db.execute(
                "select (select count(*) from findings f where f.run_id = r.id and f.check_id = 'LNK-HOME-01' "
                "and f.status = 'failed') from runs r order by r.as_of"
            )
        ]
    finally:
        db.close()


def rows(html: Path) -> list[dict[str, str]]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    result = []
    for tr in soup.select("table.ranking tr.district"):
        result.append(
            {
                k: tr.select_one(f"td.{k}").get_text(strip=True)
                for k in ("rank", "name", "total", "rank-change", "gaps-change")
            }
        )
    return result


def test_demo_districts_over_two_months(districts: Path) -> None:
    record = json.loads((districts / "demo-districts.json").read_text(encoding="utf-8"))
    assert record["months"] == ["2026-10-27", "2026-11-27"]
    assert len(record["districts"]) == 3
    for d in record["districts"]:
        folder = districts / d["slug"]
        assert (folder / "report.html").is_file()
        assert len(broken_home_links(folder)) == 2  # both months kept in the district's own database


def test_compare_ranks_with_month_over_month_changes(districts: Path, tmp_path: Path) -> None:
    proc = govaudit("compare", str(districts), "--out", str(tmp_path), "--xlsx", str(tmp_path / "gaps.xlsx"))
    assert proc.returncode == 0, proc.stderr
    ranking = rows(tmp_path / "compare.html")
    # 东湖区 fixed every planted gap; 西山区 was clean and broke one home-page link; 南江区 kept its gaps
    # and broke that link too. Last month 西山区 led; now 东湖区 does.
    assert [(r["rank"], r["name"]) for r in ranking] == [
        ("1", "东湖区人民政府"),
        ("2", "西山区人民政府"),
        ("3", "南江区人民政府"),
    ]
    assert [r["rank-change"] for r in ranking] == ["+1", "-1", "±0"]
    doc = json.loads((tmp_path / "compare.json").read_text(encoding="utf-8"))
    assert doc["as_of"] == AS_OF and doc["previous_as_of"] == "2026-10-27"
    donghu, xishan, nanjiang = doc["districts"]
    # Other checks judge every demo district alike; what the plan varies shows in the differences:
    assert xishan["gaps_change"] == nanjiang["gaps_change"]  # each broke one more link
    assert donghu["gaps_change"] < xishan["gaps_change"] - 1  # fixed the planted gaps
    assert donghu["gaps"]["total"] < xishan["gaps"]["total"] < nanjiang["gaps"]["total"]
    assert [broken_home_links(districts / slug) for slug in ("东湖区", "西山区", "南江区")] == [
        [1, 0],
        [0, 1],
        [1, 2],
    ]
    assert ranking[0]["gaps-change"].startswith("-")


def test_every_heat_map_cell_links_to_an_existing_report(districts: Path, tmp_path: Path) -> None:
    govaudit("compare", str(districts), "--out", str(tmp_path))
    soup = BeautifulSoup((tmp_path / "compare.html").read_text(encoding="utf-8"), "html.parser")
    cells = soup.select("table.heat td")
    assert len(cells) == 3 * len(soup.select("table.heat thead th")[1:]) > 0
    for td in cells:
        href = td.a["href"]
        assert "#filter&category=" in href and href.endswith(
            "&status=failed"
        )  # preselects the report's filter
        assert (tmp_path / href.split("#")[0]).resolve().is_file(), href
    doc = json.loads((tmp_path / "compare.json").read_text(encoding="utf-8"))
    nanjiang = [tr for tr in soup.select("table.heat tr") if "南江区" in tr.get_text()][0]
    assert sum(int(td["data-value"]) for td in nanjiang.select("td")) == doc["districts"][2]["gaps"]["total"]
    assert soup.find("script") is None


def test_compare_xlsx_has_one_sheet_per_district(districts: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    govaudit("compare", str(districts), "--out", str(tmp_path), "--xlsx", str(tmp_path / "gaps.xlsx"))
    wb = load_workbook(tmp_path / "gaps.xlsx")
    assert wb.sheetnames == ["东湖区人民政府", "西山区人民政府", "南江区人民政府"]
    doc = json.loads((tmp_path / "compare.json").read_text(encoding="utf-8"))
    assert [wb[n].max_row - 1 for n in wb.sheetnames] == [d["gaps"]["total"] for d in doc["districts"]]
    status = [r[6] for r in wb["南江区人民政府"].iter_rows(min_row=2, values_only=True)]
    assert status.count("新发现") == 1 and status.count("持续存在") == len(status) - 1 >= 9
    first_seen = {r[4] for r in wb["南江区人民政府"].iter_rows(min_row=2, values_only=True)}
    assert first_seen == {"2026-10-27", AS_OF}


def test_compare_without_results_is_a_usage_error(tmp_path: Path) -> None:
    assert govaudit("compare", str(tmp_path)).returncode == 2


def test_audit_sites_file_audits_every_district_and_compares_them(tmp_path: Path) -> None:
    from datetime import date

    from govaudit.demo.site import build_demo_site

    for folder, region, gaps in (("clean", "清区", False), ("gaps", "缺区", True)):
        build_demo_site(
            tmp_path / "sites" / folder,
            date.fromisoformat(AS_OF),
            name=region,
            articles_per_column=2,
            gaps=gaps,
        )
    (tmp_path / "sites.yaml").write_text(
        "sites:\n"
        "  - {name: 清区, url: sites/clean, slug: qing}\n"
        "  - name: 缺区\n    url: sites/gaps\n    slug: que\n"
        "    departments: [{name: 示例局, url: 'http://127.0.0.1:9/bm/sl/'}]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    proc = govaudit(
        "audit",
        "--sites",
        str(tmp_path / "sites.yaml"),
        "--as-of",
        AS_OF,
        "--out",
        str(out),
        "--xlsx",
        str(out / "gaps.xlsx"),
        "--junit",
        str(tmp_path / "junit.xml"),
        "--summary-md",
        str(tmp_path / "summary.md"),
    )
    assert proc.returncode == 1, (proc.stdout + proc.stderr)[-3000:]  # one district has gaps
    suites = ET.parse(tmp_path / "junit.xml").getroot().findall("testsuite")
    assert [s.get("name").split()[1] for s in suites] == ["清区", "缺区"]
    assert suites[0].get("failures") == "0" and int(suites[1].get("failures")) > 0
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "清区" in summary and "缺区" in summary
    for slug in ("qing", "que"):
        assert (out / slug / "report.html").is_file() and (out / slug / "audit.log").is_file()
        assert list((out / slug / "runs").glob(f"{AS_OF}-run*/report.html"))
    ranking = rows(out / "compare.html")
    assert [r["name"] for r in ranking] == ["清区", "缺区"]
    from openpyxl import load_workbook

    assert load_workbook(out / "gaps.xlsx").sheetnames == ["清区", "缺区"]


def test_a_bad_sites_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "sites.yaml").write_text("sites:\n  - {name: 某区}\n", encoding="utf-8")
    proc = govaudit("audit", "--sites", str(tmp_path / "sites.yaml"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "url" in proc.stderr
