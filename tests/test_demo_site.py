"""The demo district: complete where it should be, wrong exactly where the manifest says."""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import ProxyHandler, build_opener

import pytest

from govaudit.demo import DemoSite, build_demo_site
from govaudit.demo.site import per_column_for_pages
from govaudit.serve import LoopbackServer

AS_OF = date(2026, 11, 27)
HOST = "http://demo.invalid"
ENTRY = re.compile(r'<li><a href="([^"]+)" title="([^"]*)"[^>]*>.*?</a><span>(\d{4}-\d{2}-\d{2})</span></li>')
PUBDATE = re.compile(r'<meta name="PubDate" content="(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}">')
DEPT_NAMES = {
    "jyj": "示范区教育局",
    "wjw": "示范区卫生健康委员会",
    "rsj": "示范区人力资源和社会保障局",
    "zjj": "示范区住房和城乡建设局",
    "scjgj": "示范区市场监督管理局",
    "yjj": "示范区应急管理局",
}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.refs.append(value)


def html_pages(root: Path) -> dict[str, str]:
    """URL path -> text of every page of the site."""
    return {
        "/" + p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.html"))
        if not p.relative_to(root).as_posix().startswith("_demo/")
    }


def internal_targets(page: str, text: str) -> set[str]:
    parser = _Refs()
    parser.feed(text)
    out = set()
    for ref in parser.refs:
        parts = urlsplit(urljoin(HOST + page, ref))
        if f"{parts.scheme}://{parts.netloc}" == HOST:
            out.add(unquote(parts.path))
    return out


def exists(root: Path, path: str) -> bool:
    f = root / path.lstrip("/")
    if path.endswith("/") or f.is_dir():
        f = f / "index.html"
    return f.is_file()


def entries(root: Path, column: str) -> list[tuple[str, date, str]]:
    """(title, date, absolute path) of every item on every page of a list column."""
    out = []
    for page in sorted(root.joinpath(column.lstrip("/")).glob("index*.html")):
        for href, title, day in ENTRY.findall(page.read_text(encoding="utf-8")):
            out.append(
                (unescape(title), date.fromisoformat(day), urlsplit(urljoin(HOST + column, href)).path)
            )
    return out


def titles(root: Path, column: str) -> set[str]:
    return {t for t, _, _ in entries(root, column)}


def all_text(root: Path) -> str:
    return "\n".join(html_pages(root).values())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoSite:
    return build_demo_site(tmp_path_factory.mktemp("demo"), AS_OF)


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory) -> DemoSite:
    return build_demo_site(tmp_path_factory.mktemp("complete"), AS_OF, gaps=False)


def test_returns_the_site_and_writes_the_manifest(demo: DemoSite) -> None:
    assert demo.name == "示范区人民政府"
    assert (demo.root / "index.html").is_file()
    on_disk = json.loads((demo.root / "_demo" / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == demo.manifest
    assert json.loads((demo.root / "_demo" / "behaviors.json").read_text(encoding="utf-8")) == demo.behaviors
    m = demo.manifest
    assert m["site"]["name"] == "示范区人民政府" and m["site"]["domain"] == "www.shifan.gov.cn"
    assert m["as_of"] == AS_OF.isoformat()
    assert {d["code"]: d["name"] for d in m["departments"]} == DEPT_NAMES
    for d in m["departments"]:
        assert d["root"] == f"/bm/{d['code']}/" and exists(demo.root, d["root"] + "index.html")
    assert m["due_years"] == {
        "district_annual_report": 2025,
        "department_annual_report": 2025,
        "government_budget": 2026,
        "department_budget": 2026,
        "government_final_accounts": 2025,
        "department_final_accounts": 2025,
    }
    assert m["pages"] == len(html_pages(demo.root))
    assert m["files"] == sum(1 for p in demo.root.rglob("*") if p.is_file())


def test_generation_is_deterministic(tmp_path: Path) -> None:
    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    a = build_demo_site(tmp_path / "a", AS_OF, articles_per_column=4, seed=7)
    b = build_demo_site(tmp_path / "b", AS_OF, articles_per_column=4, seed=7)
    c = build_demo_site(tmp_path / "c", AS_OF, articles_per_column=4, seed=8)
    assert tree(a.root) == tree(b.root)
    assert tree(a.root) != tree(c.root)
    # building again over an earlier demo replaces it completely
    again = build_demo_site(tmp_path / "a", AS_OF - timedelta(days=3), articles_per_column=4, seed=7)
    assert all(AS_OF.isoformat() not in p for p in tree(again.root) if p.endswith(".html"))


def test_refuses_to_overwrite_a_folder_that_is_not_a_demo(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        build_demo_site(tmp_path, AS_OF)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("planted", [True, False])
def test_every_internal_link_resolves(demo: DemoSite, complete: DemoSite, planted: bool) -> None:
    site = demo if planted else complete
    broken: dict[str, set[str]] = {}
    for page, text in html_pages(site.root).items():
        for target in internal_targets(page, text):
            if not exists(site.root, target):
                broken.setdefault(target, set()).add(page)
    if planted:
        assert broken == {"/zt/yshj/index.html": {"/index.html"}}
    else:
        assert broken == {}


def test_robots_disallows_admin_which_is_linked(demo: DemoSite) -> None:
    assert (demo.root / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /admin/\n"
    assert "/admin/" in internal_targets(
        "/index.html", (demo.root / "index.html").read_text(encoding="utf-8")
    )
    assert exists(demo.root, "/admin/")


def test_every_page_has_metadata_breadcrumb_and_footer(demo: DemoSite) -> None:
    for page, text in html_pages(demo.root).items():
        for tag in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType"):
            assert f'<meta name="{tag}" content="' in text, (page, tag)
        assert '<meta name="SiteIDCode" content="2112990001">' in text
        assert "主办单位：示范区人民政府办公室" in text and "联系电话：" in text and "地址：" in text
        assert "政府网站标识码：2112990001" in text
        assert re.search(r"辽ICP备\d{8}号-1", text)
        assert re.search(r"辽公网安备 \d{14}号", text)
        assert 'href="https://bszs.conac.cn/sitename?' in text
        if page != "/index.html":
            assert '<div class="position">当前位置：<a href="/">首页</a> &gt; <a ' in text, page
        if '<meta name="ArticleTitle"' in text:
            day = PUBDATE.search(text)
            assert day, page
            assert f'<div class="info"><span>发布日期：{day.group(1)}</span>' in text
            assert '<meta name="ContentSource" content="' in text


def test_list_pages_have_both_pagers(demo: DemoSite) -> None:
    text = (demo.root / "zwgk/gkml/index_1.html").read_text(encoding="utf-8")
    pages = len(list((demo.root / "zwgk/gkml").glob("index*.html")))
    assert pages > 2
    assert f'createPageHTML({pages}, 1, "index", "html");' in text
    for label, href in (("首页", "index.html"), ("上一页", "index.html"), ("下一页", "index_2.html")):
        assert f'<a href="{href}">{label}</a>' in text
    assert f'<a href="index_{pages - 1}.html">尾页</a>' in text
    assert len(ENTRY.findall(text)) == 20


def test_no_date_after_as_of(demo: DemoSite) -> None:
    for page, text in html_pages(demo.root).items():
        for day in PUBDATE.findall(text) + [d for _, _, d in ENTRY.findall(text)]:
            assert date.fromisoformat(day) <= AS_OF, page


def test_dates_are_counted_from_as_of(tmp_path: Path) -> None:
    later = AS_OF + timedelta(days=100)
    a = build_demo_site(tmp_path / "a", AS_OF, articles_per_column=5)
    b = build_demo_site(tmp_path / "b", later, articles_per_column=5)
    for column in ("/xwzx/ywdt/", "/xwzx/tzgg/", "/zwgk/zcwj/", "/bm/jyj/gzdt/"):
        days_a = [d for _, d, _ in entries(a.root, column)]
        days_b = [d for _, d, _ in entries(b.root, column)]
        assert days_b == [d + timedelta(days=100) for d in days_a]
    assert entries(b.root, "/xwzx/ywdt/")[0][1] == later


def test_home_blocks(demo: DemoSite, complete: DemoSite) -> None:
    def newest_by_block(site: DemoSite) -> dict[str, date]:
        text = (site.root / "index.html").read_text(encoding="utf-8")
        out = {}
        for block in text.split('<div class="block">')[1:]:
            heading = re.search(r"<h3>(.*?)</h3>", block).group(1)
            days = [date.fromisoformat(d) for _, _, d in ENTRY.findall(block)]
            if heading in ("要闻动态", "通知公告", "部门动态", "政策文件"):
                assert len(days) == 8 and days == sorted(days, reverse=True)
                out[heading] = days[0]
        return out

    planted = newest_by_block(demo)
    assert planted.pop("部门动态") == AS_OF - timedelta(days=45)
    assert all(AS_OF - d <= timedelta(days=3) for d in planted.values())
    assert all(AS_OF - d <= timedelta(days=3) for d in newest_by_block(complete).values())


def test_hostile_title_is_escaped(demo: DemoSite) -> None:
    hostile = demo.manifest["hostile_title"]
    assert hostile.startswith("<script>alert('x')</script>关于")
    text = all_text(demo.root)
    assert "<script>alert(" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;关于" in text
    assert hostile in titles(demo.root, "/xwzx/tzgg/")


def test_attachments_are_real_files(demo: DemoSite) -> None:
    seen = set()
    for page, text in html_pages(demo.root).items():
        for target in internal_targets(page, text):
            ext = target.rsplit(".", 1)[-1]
            if ext in ("pdf", "xls", "doc") and target not in seen:
                seen.add(target)
                data = (demo.root / target.lstrip("/")).read_bytes()
                assert re.fullmatch(r"/.+/P0\d{8}\d{12}\.\w+", target), target
                if ext == "pdf":
                    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
                elif ext == "doc":
                    assert data.startswith(b"{\\rtf1")
                else:
                    assert "<table" in data.decode("utf-8")
    assert {t.rsplit(".", 1)[1] for t in seen} == {"pdf", "xls", "doc"}


def test_disclosure_column_structure(demo: DemoSite) -> None:
    zwgk = (demo.root / "zwgk/index.html").read_text(encoding="utf-8")
    assert '<meta name="ColumnName" content="政府信息公开">' in zwgk
    for href in ("/zwgk/gkzn/", "/zwgk/gkzd/", "/zwgk/fdzdgknr/", "/zwgk/gknb/", "/zwgk/gkml/", "/zwgk/ysqgk/",
                 "/bmxxgk/", "/zwgk/fdzdgknr/czyjs/", "/zwgk/fdzdgknr/czyjs/zfyjs/", "/zwgk/fdzdgknr/czyjs/bmyjs/"):  # fmt: skip
        assert f'href="{href}index.html"' in zwgk, href
    bm = (demo.root / "bmxxgk/index.html").read_text(encoding="utf-8")
    for code, name in DEPT_NAMES.items():
        assert f'<a href="/bm/{code}/index.html">{name}</a>' in bm
        index = (demo.root / f"bm/{code}/index.html").read_text(encoding="utf-8")
        assert f'<meta name="ColumnName" content="{name}">' in index
    reports = titles(demo.root, "/zwgk/gknb/")
    assert reports == {f"示范区人民政府{y}年政府信息公开工作年度报告" for y in range(2021, 2026)}


# ---- the planted gaps


def test_manifest_lists_the_planted_gaps(demo: DemoSite) -> None:
    gaps = demo.manifest["gaps"]
    assert [(g["check"], g["department"]) for g in gaps] == [
        ("GK-AR-02", "示范区卫生健康委员会"),
        ("GK-AR-02", "示范区人力资源和社会保障局"),
        ("FIS-DEPT-01", "示范区住房和城乡建设局"),
        ("FIS-GOV-02", ""),
        ("GK-GUIDE-02", ""),
        ("GK-GUIDE-01", "示范区市场监督管理局"),
        ("UPD-COL-01", ""),
        ("UPD-BLANK-01", ""),
        ("LNK-HOME-01", ""),
        ("AREA-01", ""),
        ("JC-CAT-01", ""),
        ("INT-RECENT-01", ""),
        ("UPD-TIME-01", ""),
        ("ID-META-01", ""),
        ("LNK-ATT-01", ""),
        ("SVC-03", ""),
    ]
    assert [g["subject_contains"] for g in gaps] == [
        "2025年", "2025年", "2026年", "2025年", "指南", "指南", "部门动态", "规划计划", "/zt/yshj/",
        "建议提案办理", "标准目录", "留言答复", "信息公开时限", "元数据", "附件", "最低生活保障申请",
    ]  # fmt: skip
    assert all(set(g) == {"check", "department", "subject_contains", "what"} and g["what"] for g in gaps)
    unknowns = demo.manifest["unknowns"]
    assert [(u["check"], u["department"], u["subject_contains"]) for u in unknowns] == [
        ("GK-AR-02", "示范区应急管理局", "2025年"),
        ("FIS-DEPT-01", "示范区应急管理局", "2026年"),
        ("FIS-DEPT-02", "示范区应急管理局", "2025年"),
    ]
    (report_pdf,) = [path for path in demo.behaviors if path.endswith(".pdf")]
    assert report_pdf.startswith("/zwgk/gknb/")
    assert demo.behaviors == {
        "/bm/yjj/gknb/index.html": {"status": 503},
        "/bm/yjj/yjs/index.html": {"delay": 30},
        report_pdf: {"status": 404},
    }


def test_gaps_are_real_absences(demo: DemoSite) -> None:
    root, text = demo.root, all_text(demo.root)
    # 1. 卫健委's 2025 report is nowhere; its older ones are listed
    assert "示范区卫生健康委员会2025年政府信息公开工作年度报告" not in text
    assert titles(root, "/bm/wjw/gknb/") == {
        f"示范区卫生健康委员会{y}年政府信息公开工作年度报告" for y in range(2020, 2025)
    }
    # 2. 人社局's 2025 report is listed, dated 10 March
    late = [
        d for t, d, _ in entries(root, "/bm/rsj/gknb/") if t.startswith("示范区人力资源和社会保障局2025年")
    ]
    assert late == [date(2026, 3, 10)]
    # 3. 住建局's 2026 budget is in neither list, nor anywhere else; 2025 is in both
    assert "示范区住房和城乡建设局2026年部门预算" not in text
    assert "示范区住房和城乡建设局2025年部门预算" in titles(root, "/bm/zjj/yjs/")
    assert "示范区住房和城乡建设局2025年部门预算" in titles(root, "/zwgk/fdzdgknr/czyjs/bmyjs/")
    # 4. the government's 2025 final accounts are missing, 2024 and older are there
    assert "示范区2025年政府决算" not in text and "示范区2025年“三公”经费决算" not in text
    gov = titles(root, "/zwgk/fdzdgknr/czyjs/zfyjs/")
    assert {f"示范区{y}年政府决算" for y in range(2021, 2025)} <= gov
    # 5. the district guide has every contact element but the fax number
    guide = (root / "zwgk/gkzn/index.html").read_text(encoding="utf-8")
    assert "传真" not in guide
    for label in ("名称：", "办公地址：", "办公时间：", "联系电话：", "互联网联系方式：", "电子邮箱"):
        assert label in guide
    # 6. 市场监管局 has no guide, and nothing links to one
    assert not (root / "bm/scjgj/gkzn").exists()
    assert "/bm/scjgj/gkzn/" not in text
    for code in ("jyj", "wjw", "rsj", "zjj", "yjj"):
        assert "传真号码：" in (root / f"bm/{code}/gkzn/index.html").read_text(encoding="utf-8")
    # 7. 部门动态 stale: checked in test_home_blocks; 8. 规划计划 is linked, named, and blank
    blank = (root / "zwgk/fdzdgknr/ghjh/index.html").read_text(encoding="utf-8")
    assert '<meta name="ColumnName" content="规划计划">' in blank
    assert '<ul class="list"></ul><p class="nodata">暂无信息</p>' in blank
    assert 'href="/zwgk/fdzdgknr/ghjh/index.html"' in (root / "zwgk/fdzdgknr/index.html").read_text(
        encoding="utf-8"
    )
    # 9. the home page links a page that does not exist
    assert 'href="/zt/yshj/index.html">营商环境专题</a>' in (root / "index.html").read_text(encoding="utf-8")
    assert not exists(root, "/zt/yshj/index.html")


def test_traps_are_undecidable_from_elsewhere(demo: DemoSite) -> None:
    root = demo.root
    for path in demo.behaviors:
        assert exists(root, path)  # the file is there; only the server's answer is wrong
    central = titles(root, "/zwgk/fdzdgknr/czyjs/bmyjs/")
    assert not any(t.startswith("示范区应急管理局") for t in central)
    assert any(t.startswith("示范区教育局") for t in central)
    # nothing but the trapped list pages links to the trapped department's reports and budgets
    for page, text in html_pages(root).items():
        if page.startswith(("/bm/yjj/gknb/", "/bm/yjj/yjs/")):
            continue
        for target in internal_targets(page, text):
            assert not re.match(r"/bm/yjj/(gknb|yjs)/\d{6}/", target), (page, target)


def test_complete_site_has_nothing_planted(complete: DemoSite) -> None:
    root, m = complete.root, complete.manifest
    assert (m["gaps"], m["unknowns"], complete.behaviors, m["gaps_planted"]) == ([], [], {}, False)
    text = all_text(root)
    assert "示范区卫生健康委员会2025年政府信息公开工作年度报告" in text
    rsj = [d for t, d, _ in entries(root, "/bm/rsj/gknb/") if "2025年" in t]
    assert len(rsj) == 1 and rsj[0] <= date(2026, 1, 31)
    assert "示范区住房和城乡建设局2026年部门预算" in titles(root, "/zwgk/fdzdgknr/czyjs/bmyjs/")
    assert "示范区2025年政府决算" in titles(root, "/zwgk/fdzdgknr/czyjs/zfyjs/")
    assert "传真号码：" in (root / "zwgk/gkzn/index.html").read_text(encoding="utf-8")
    assert exists(root, "/bm/scjgj/gkzn/index.html")
    assert entries(root, "/xwzx/bmdt/")[0][1] >= AS_OF - timedelta(days=3)
    assert entries(root, "/zwgk/fdzdgknr/ghjh/")
    assert exists(root, "/zt/yshj/index.html")
    assert any(t.startswith("示范区应急管理局") for t in titles(root, "/zwgk/fdzdgknr/czyjs/bmyjs/"))


@pytest.mark.parametrize(
    "as_of",
    [date(2027, 1, 15), date(2027, 2, 1), date(2027, 3, 31), date(2027, 4, 1), date(2027, 8, 15),
     date(2027, 10, 1), date(2027, 12, 31)],
)  # fmt: skip
def test_schedule_holds_on_any_day(tmp_path: Path, as_of: date) -> None:
    site = build_demo_site(tmp_path, as_of, articles_per_column=2)
    root, due = site.root, site.manifest["due_years"]
    ar, gar = due["department_annual_report"], due["district_annual_report"]
    bud, fin = due["department_budget"], due["department_final_accounts"]
    assert ar == (as_of.year - 1 if as_of > date(as_of.year, 1, 31) else as_of.year - 2)
    assert gar == (as_of.year - 1 if as_of > date(as_of.year, 3, 31) else as_of.year - 2)
    assert bud == (as_of.year if as_of >= date(as_of.year, 4, 1) else as_of.year - 1)
    assert fin == (as_of.year - 1 if as_of >= date(as_of.year, 10, 1) else as_of.year - 2)
    reports = {t: d for t, d, _ in entries(root, "/zwgk/gknb/")}
    assert len(reports) == 5
    for y in range(gar - 3, gar + 1):
        assert reports[f"示范区人民政府{y}年政府信息公开工作年度报告"] <= date(y + 1, 3, 31)
    for code, name in DEPT_NAMES.items():
        if code == "yjj":
            continue
        listed = {t: d for t, d, _ in entries(root, f"/bm/{code}/gknb/")}
        budgets = titles(root, f"/bm/{code}/yjs/")
        due_report = f"{name}{ar}年政府信息公开工作年度报告"
        if code == "wjw":
            assert due_report not in listed and f"{name}{ar - 1}年政府信息公开工作年度报告" in listed
        elif code == "rsj":
            assert listed[due_report] > date(ar + 1, 1, 31)
        else:
            assert listed[due_report] <= date(ar + 1, 1, 31)
        assert all(
            d <= date(int(t[len(name) : len(name) + 4]) + 1, 1, 31) or code == "rsj"
            for t, d in listed.items()
        )
        for y in range(bud - 3, bud + 1):
            assert (f"{name}{y}年部门预算" in budgets) == (code != "zjj" or y < bud), (code, y)
        for y in range(fin - 3, fin + 1):
            assert f"{name}{y}年部门决算" in budgets
    gov = titles(root, "/zwgk/fdzdgknr/czyjs/zfyjs/")
    assert f"示范区{due['government_final_accounts']}年政府决算" not in gov
    assert {f"示范区{y}年政府决算" for y in range(fin - 3, fin)} <= gov
    assert {f"示范区{y}年政府预算" for y in range(bud - 3, bud + 1)} <= gov
    broken = {t for p, x in html_pages(root).items() for t in internal_targets(p, x) if not exists(root, t)}
    assert broken == {"/zt/yshj/index.html"}


def test_generation_is_fast_at_benchmark_scale(tmp_path: Path) -> None:
    start = time.monotonic()
    site = build_demo_site(tmp_path, AS_OF, articles_per_column=per_column_for_pages(5000), gaps=False)
    elapsed = time.monotonic() - start
    assert 4750 <= site.manifest["pages"] <= 5250
    assert elapsed < 30  # about 1.5 s on a laptop; generous for slow CI


@pytest.mark.parametrize("pages", [300, 1000, 2500])
def test_per_column_for_pages(tmp_path: Path, pages: int) -> None:
    site = build_demo_site(tmp_path, AS_OF, articles_per_column=per_column_for_pages(pages), gaps=False)
    assert abs(site.manifest["pages"] - pages) <= pages * 0.05


def test_served_demo_site_answers_as_planted(tmp_path: Path) -> None:
    site = build_demo_site(tmp_path, AS_OF, articles_per_column=2)
    opener = build_opener(ProxyHandler({}))

    def status(url: str, timeout: float = 5) -> int:
        try:
            with opener.open(url, timeout=timeout) as resp:
                resp.read()
                return resp.status
        except HTTPError as err:
            with err:
                return err.code

    with LoopbackServer(site.root, site.behaviors) as server:
        assert status(server.base_url) == 200
        assert status(server.url("/bm/yjj/gknb/index.html")) == 503
        assert status(server.url("/bm/yjj/gknb/")) == 503
        assert status(server.url("/zt/yshj/index.html")) == 404
        assert status(server.url("/bm/jyj/yjs/index.html")) == 200
        with pytest.raises(OSError):  # TimeoutError, or URLError wrapping it
            status(server.url("/bm/yjj/yjs/index.html"), timeout=0.5)
        start = time.monotonic()
    assert time.monotonic() - start < 5  # stopping did not wait for the 30-second trap
