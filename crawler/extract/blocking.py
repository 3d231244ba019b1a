"""Tell a firewall's or challenge page's answer from the site's own content."""

from __future__ import annotations

import re

ALWAYS_BLOCKED = {412, 429, 521, 523, 567}  # WAF / rate-limit answers
MAYBE_BLOCKED = {401, 403, 405}  # blocked when the body is a tiny stub or a challenge
CHALLENGE = re.compile(
    r"__jsl_clearance|_waf_|waf\.|安全狗|云锁|Access Denied|访问被拒绝|请开启JavaScript|请启用JavaScript|"
    r"enable JavaScript|cf-chl|challenge-platform|验证码|安全验证|您的访问被阻断|非法请求",
    re.IGNORECASE,
)
TINY_BODY = 2048


def looks_blocked(status: int, body: bytes) -> bool:
    """A firewall answer: a WAF status, a tiny 401/403 stub, or a tiny page that is only a script challenge."""
    if status in ALWAYS_BLOCKED:
        return True
    if status in MAYBE_BLOCKED and len(body) < TINY_BODY:
        return True
    if len(body) < TINY_BODY:
        head = body[:TINY_BODY].decode("utf-8", "ignore")
        return bool(CHALLENGE.search(head)) and ("<script" in head.lower() or status >= 400)
    return False
