"""The generated check reference, profile validation, and scoring."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checks.catalogue import BY_ID, CATALOGUE
from checks.docs import catalogue_rows, render_markdown
from checks.model import Evidence, Finding, Status
from checks.profile import ProfileError, load_profile
from checks.runner import run_checks
from checks.scoring import FAIL, PASS, score, score_all
from tests.fakecrawl import complete_site

ROOT = Path(__file__).resolve().parent.parent


def test_docs_checks_md_is_current() -> None:
    current = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert current == render_markdown(), "run: python -m checks.docs > docs/checks.md"


def test_every_check_is_documented_with_its_severity_and_points() -> None:
    text = render_markdown()
    rows = catalogue_rows(load_profile())
    assert len(rows) == len(CATALOGUE)
    for row in rows:
        assert f"`{row['id']}`" in text
        assert row["severity"] in ("veto", "advice") or row["points"] is not None, row["id"]  # advice: never scored


def test_national_profile_severities_match_the_catalogue() -> None:
    profile = load_profile()
    assert {c.id: c.severity.value for c in CATALOGUE} == profile["severities"]


# -- profiles: layering and clear errors ------------------------------------------------------------

def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_a_layer_changes_and_adds_items(tmp_path: Path) -> None:
    path = write(tmp_path, {"freshness": {"home_period_days": 7},
                            "areas": {"required": {"人大建议": ["人大建议"]}}})
    profile = load_profile(path)
    assert profile["freshness"]["home_period_days"] == 7
    assert "人大建议" in profile["areas"]["required"] and "政策解读" in profile["areas"]["required"]


@pytest.mark.parametrize(
    ("layer", "message"),
    [
        ({"freshness": {"home_period_days": "两周"}}, "freshness.home_period_days"),
        ({"veto": {"failure_share": 5}}, "veto.failure_share"),
        ({"severities": {"NO-SUCH-01": "veto"}}, "没有这个检查项"),
        ({"severities": {"UPD-HOME-01": "fatal"}}, "veto、deduct 或 advice"),
        ({"scoring": {"checks": {"GK-CAT-01": {"indicator": "不存在", "points": 1}}}}, "scoring.checks.GK-CAT-01.indicator"),
        ({"guide": {"elements": {"传真号码": ["传真("]}}}, "正则表达式无效"),
        ({"annual_report": {"government_deadline": "13-01"}}, "annual_report.government_deadline"),
        ({"areas": {"required": {"政策解读": []}}}, "areas.required.政策解读"),
        ({"timeliness": {"holidays": ["十月一日"]}}, "timeliness.holidays"),
        ({"links": {"broken_statuses": [404, "x"]}}, "broken_statuses"),
        ({"identity": {"domain_suffix": "gov.cn"}}, "identity.domain_suffix"),
        ("- a\n- b\n", "顶层必须是映射"),
        ("a: [\n", "不是有效的 YAML"),
    ],
)
def test_bad_profiles_are_refused_in_chinese(tmp_path: Path, layer: object, message: str) -> None:
    with pytest.raises(ProfileError, match=message.replace(".", r"\.").replace("(", r"\(")):
        load_profile(write(tmp_path, layer))


# -- scoring ------------------------------------------------------------------------------------------

def failed(check_id: str, subject: str = "x", department: str = "", item: str = "") -> Finding:
    return Finding(Status.FAILED, subject, "m", department, evidence=Evidence(), item=item, check_id=check_id)


def test_a_failed_veto_means_fail_and_no_score() -> None:
    result = score([failed("UPD-HOME-01", "首页"), failed("GK-CAT-01")], load_profile())
    assert (result.verdict, result.score) == (FAIL, None)
    assert "单项否决" in result.reason and result.vetoes == ["UPD-HOME-01 首页"]


def test_deductions_are_capped_per_check_and_per_indicator() -> None:
    profile = load_profile()
    many = [failed("UPD-TYPE-01", f"栏目{i}", item=f"/栏目{i}") for i in range(8)]  # 2 each, at most 10
    result = score(many, profile)
    assert sum(d.points for d in result.deductions) == 10
    assert result.score == 90 and result.verdict == PASS
    assert any("上限" in d.note for d in result.deductions)
    profile["scoring"]["indicators"]["发布解读"]["points"] = 3
    assert score(many, profile).score == 97


def test_a_column_penalised_as_not_updated_is_not_penalised_again() -> None:
    findings = [failed("AREA-01", "重点领域：政策解读", item="/政策解读"),
                failed("UPD-TYPE-01", "栏目“政策解读”", item="/政策解读")]
    result = score(findings, load_profile())
    points = {d.check_id: d.points for d in result.deductions}
    assert points == {"UPD-TYPE-01": 2, "AREA-01": 0}
    assert "不重复扣分" in next(d.note for d in result.deductions if d.check_id == "AREA-01")


def test_below_the_pass_mark_fails_and_unknowns_are_not_scored() -> None:
    profile = load_profile()
    profile["scoring"]["pass_mark"] = 99
    unknown = Finding(Status.UNKNOWN, "目录", "无法判定", check_id="GK-CAT-01")
    result = score([failed("GK-CAT-01"), unknown], profile)
    assert (result.verdict, result.score, result.unknown) == (FAIL, 98, 1)
    assert "无法判定" in result.reason


def test_a_score_per_department() -> None:
    findings = [failed("GK-AR-02", department="教育局"), failed("GK-CAT-01")]
    scores = {(s.scope, s.department): s.score for s in score_all(findings, load_profile(), ["教育局", "民政局"])}
    assert scores == {("site", ""): 97, ("department", ""): 98, ("department", "教育局"): 99,
                      ("department", "民政局"): 100}


# -- a profile changes the verdict --------------------------------------------------------------------

def verdict(profile: dict) -> tuple[str, float | None]:
    crawl = complete_site()
    run_checks(crawl.db, crawl.run_id, profile)
    row = crawl.db.execute("select verdict, score from scores where run_id = ? and scope = 'site'",
                           [crawl.run_id]).fetchone()
    return row[0], row[1]


def test_the_complete_site_is_pass_with_full_marks() -> None:
    assert verdict(load_profile()) == (PASS, 100)


def test_a_shorter_home_period_turns_the_verdict(tmp_path: Path) -> None:
    # the complete site's newest home item is two days old: a one-day period makes 首页不更新 a veto
    assert verdict(load_profile(write(tmp_path, {"freshness": {"home_period_days": 1}}))) == (FAIL, None)


def test_a_required_column_added_by_a_province_turns_the_verdict(tmp_path: Path) -> None:
    layer = {"columns": {"gk_first_level": {"政策解读": ["政策解读专栏"]}},
             "scoring": {"checks": {"GK-COL-01": {"indicator": "发布解读", "points": 45, "max": 45}},
                         "indicators": {"发布解读": {"points": 45}}}}
    assert verdict(load_profile(write(tmp_path, layer))) == (FAIL, 55)


def test_a_province_can_make_a_check_a_veto(tmp_path: Path) -> None:
    layer = {"columns": {"gk_first_level": {"政策解读": ["政策解读专栏"]}}, "severities": {"GK-COL-01": "veto"}}
    assert verdict(load_profile(write(tmp_path, layer))) == (FAIL, None)
    assert BY_ID["GK-COL-01"].severity == "deduct"  # the catalogue's default is untouched


def test_a_bad_profile_exits_2_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from govaudit.cli import EXIT_USAGE, main

    path = write(tmp_path, {"veto": {"blank_columns": 0}})
    assert main(["checks", "--profile", str(path)]) == EXIT_USAGE
    assert "veto.blank_columns 应为正整数" in capsys.readouterr().err


def test_checks_command_lists_the_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from govaudit.cli import main

    assert main(["checks", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [c.id for c in CATALOGUE]
    assert {r["severity"] for r in rows} == {"veto", "deduct", "advice"}
