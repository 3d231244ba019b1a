"""Issue 9, item 2: the same-site variants of the start host (www./bare twin, the portal's sub-domains) are followed
by default, and only the given hosts with ``--exact-hosts`` (or ``exact_hosts: true`` in a site configuration);
what was not followed is still known as the site's own, so an absence behind it stays unknown with that reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.model import Status
from crawler.spiders.portal import PortalSpider
from govaudit.cli import parser
from govaudit.errors import UsageError
from govaudit.options import from_namespace
from tests.fakecrawl import DEPT, complete_site

REPORT = f"{DEPT}2025年政府信息公开工作年度报告"


def test_the_spider_follows_twins_and_sub_domains_unless_told_to_stay_on_the_given_hosts() -> None:
    default = PortalSpider(start_url="http://www.testqu.gov.cn/").allowed_hosts
    assert all(h in default for h in ("www.testqu.gov.cn", "testqu.gov.cn", "jyj.testqu.gov.cn"))
    exact = PortalSpider(start_url="http://www.testqu.gov.cn/", host_variants="False").allowed_hosts
    assert "www.testqu.gov.cn" in exact
    assert "testqu.gov.cn" not in exact and "jyj.testqu.gov.cn" not in exact


def test_a_link_to_the_twin_not_followed_under_exact_hosts_makes_the_absence_unknown_with_that_reason() -> None:
    crawl = complete_site()
    crawl.db["runs"].update(crawl.run_id, {"settings": '{"exact_hosts": true}'})
    crawl.db.execute("delete from entries where title = ?", [REPORT])
    crawl.db.execute("delete from pages where title = ?", [REPORT])
    crawl.link("/bm/jyj/gknb/", "http://test.gov.cn/bm/jyj/gknb/more.html", "更多", kind="external")
    (finding,) = [f for f in crawl.run("GK-AR-02") if f.department == DEPT]
    assert finding.status == Status.UNKNOWN, finding.message
    assert any("本站自身域名的另一写法 test.gov.cn" in n for n in finding.evidence.notes), finding.evidence.notes


def test_exact_hosts_from_the_command_line_and_the_site_configuration(tmp_path: Path) -> None:
    ns = parser().parse_args(["audit", "http://www.testqu.gov.cn/", "--exact-hosts", "--out", str(tmp_path)])
    options = from_namespace(ns)
    assert options.exact_hosts and "--exact-hosts" in options.argv()
    assert not from_namespace(parser().parse_args(["audit", "http://www.testqu.gov.cn/"])).exact_hosts

    config = tmp_path / "site.yaml"
    config.write_text("start_url: http://www.testqu.gov.cn/\nexact_hosts: true\n", encoding="utf-8")
    assert from_namespace(parser().parse_args(["audit", "--site-config", str(config)])).exact_hosts
    config.write_text("start_url: http://www.testqu.gov.cn/\nexact_hosts: 是\n", encoding="utf-8")
    with pytest.raises(UsageError, match="exact_hosts 应为 true 或 false"):
        from_namespace(parser().parse_args(["audit", "--site-config", str(config)]))
