"""``govaudit inspect``: what the auditor extracts from one page, for every saved real page and a served one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from govaudit.serve import LoopbackServer
from tests.shared_data import REAL_PAGES, require

REPO = Path(__file__).resolve().parents[1]

# file, original URL (None: the file says where it was saved from), pub date and source, column path,
# 网站标识码, ICP, 公网安备
HANDAN = ("1304000009", "冀ICP备05029117号-1", "冀公网安备13042002000523号")
WANZAI = ("3609220011", "赣ICP备11002306号-1", "赣公网安备36092202000105号")
YICHUN = ("3609000002", "赣ICP备06000141号", "赣公网安备36090202000004号")
YICHUN_PATH = ["政务公开", "信息公开", "法定主动公开内容", "结果公开", "统计数据", "统计公报"]
CASES = [
    ("handan-city/index.jsp", "http://hdzfxxgk.hd.gov.cn/", None, ["邯郸市政府信息公开"], HANDAN),
    ("handan-city/list.jsp", "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/", None, ["政府文件", "近期信息公开"], HANDAN),
    ("handan-city/gkzn.jsp", "http://hdzfxxgk.hd.gov.cn/zfxxgkzn/", None, ["政府信息公开指南"], HANDAN),
    ("handan-city/details.jsp", "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html",
     ("2020-08-02", "meta:PubDate"), ["部门信息公开"], HANDAN),
    ("wanzai-county/tjgb-2015-article.html", None, ("2017-05-15", "label:发布日期"),
     ["数据开放", "政府数据", "统计信息", "统计公报"], WANZAI),
    ("wanzai-county/bmxxgkml-tjj-2022-article.html", None, ("2023-08-16", "meta:PubDate"),
     ["政务公开", "部门信息公开目录", "统计局", "法定主动公开内容", "工作动态", "统计数据"], WANZAI),
    ("yichun-city/xxgk-tjgb-2022-article.html", None, ("2023-05-16", "meta:PubDate"), YICHUN_PATH, YICHUN),
    ("yichun-city/xxgk-tjgb-2022-province-article.html", None, ("2023-05-16", "meta:PubDate"), YICHUN_PATH, YICHUN),
]


def govaudit(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False, cwd=REPO)


def test_every_real_page_is_covered() -> None:
    require(REAL_PAGES)
    on_disk = sorted(str(p.relative_to(REAL_PAGES)) for p in REAL_PAGES.glob("*/*") if p.suffix in (".html", ".jsp"))
    assert on_disk == sorted(c[0] for c in CASES)


@pytest.mark.parametrize(("name", "url", "pub", "path", "identity"), CASES, ids=[c[0] for c in CASES])
def test_inspect_json_of_a_real_page(name: str, url: str | None, pub, path: list[str], identity) -> None:
    require(REAL_PAGES)
    args = ["inspect", str(REAL_PAGES / name), "--json", "--as-of", "2026-03-20"]
    if url:
        args += ["--url", url]
    proc = govaudit(*args)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["url"].startswith("http")  # the .html files say where they were saved from
    assert report["column"]["path"] == path and report["column"]["source"] == "meta"
    assert (report["pub_date"]["date"], report["pub_date"]["source"]) == pub if pub else report["pub_date"] is None
    ident = report["identity"]
    assert (ident["site_code"], ident["icp"], ident["police_record"]) == identity
    assert ident["conac_seal"] is True
    assert report["meta"]["SiteIDCode"] == identity[0]
    assert report["blocked"] is False and report["script_rendered"] is False


def test_inspect_text_names_what_it_found() -> None:
    require(REAL_PAGES)
    proc = govaudit("inspect", str(REAL_PAGES / "handan-city/list.jsp"), "--url", CASES[1][1])
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for expected in ("栏目路径", "政府文件 > 近期信息公开", "网站标识码", "1304000009", "列表条目：1 条", "分页：55 个",
                     "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html", "另 35 个", "2020-08-05"):
        assert expected in text, (expected, text)


def test_inspect_a_served_page_through_resolve(tmp_path: Path) -> None:
    from tests.testsites.realistic import build_district

    district = build_district(tmp_path / "site", date(2026, 11, 27))
    with district.serve() as (_server, resolve):
        args = ["inspect", "http://www.testqu.gov.cn/col/col1051/index.html", "--json"]
        for mapping in resolve:
            args += ["--resolve", mapping]
        proc = govaudit(*args)
        gbk = govaudit("inspect", "http://www.testqu.gov.cn/bm/czj/gknb/index.html", "--json",
                       *[a for m in resolve for a in ("--resolve", m)])
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["status"] == 200 and report["column"]["name"] == "通知公告"
    assert len(report["entries"]) == 10
    assert report["hanweb"] == {"proxy_url": "http://www.testqu.gov.cn/module/web/jpage/dataproxy.jsp",
                                "columnid": "1051", "unitid": "5001", "perpage": 10, "total": 62, "inline": 10}
    assert gbk.returncode == 0, gbk.stderr
    mislabelled = json.loads(gbk.stdout)  # GBK bytes under <meta charset=utf-8>
    assert mislabelled["encoding"] == "gb18030" and mislabelled["column"]["name"] == "政府信息公开年报"
    assert len(mislabelled["entries"]) == 6


def test_inspect_errors() -> None:
    assert govaudit("inspect", "/nonexistent/page.html").returncode == 2
    assert govaudit("inspect", "http://x/", "--resolve", "bad").returncode == 2
    with LoopbackServer(Path(__file__).parent) as server:
        url = server.base_url
    assert govaudit("inspect", url, "--timeout", "3").returncode == 3
