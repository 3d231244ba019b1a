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
    """A firewall answer: a WAF status, a tiny 401/403 stub, or a small page that is only a script challenge."""
    if status in ALWAYS_BLOCKED:
        return True
    if status in MAYBE_BLOCKED and len(body) < TINY_BODY:
        return True
    if len(body) < TINY_BODY:
        head = body[:TINY_BODY].decode("utf-8", "ignore")
        if bool(CHALLENGE.search(head)) and ("<script" in head.lower() or status >= 400):
            return True
    return is_script_challenge(body)


# Anti-bot products that answer 200 with a script that sets a cookie and reloads: 瑞数 ($_ts), 加速乐
# (__jsl_clearance), 阿里云 (acw_sc__v2), 云锁, 安全狗, Cloudflare. The page shows (almost) nothing.
STRONG_CHALLENGE = re.compile(
    r"\$_ts\s*=|\$_ts\[|__jsl_clearance|__jsluid|acw_sc__v2|yunsuo_session_verify|security_verify_|"
    r"_guard/auto\.js|cdn-cgi/challenge-platform|safedog|WZWS_CONFIRM_PREFIX_LABEL|wzwschallenge",
    re.IGNORECASE,
)
RELOAD_SCRIPT = re.compile(
    r"document\.cookie\s*=.{0,2000}?(?:location\.(?:reload|replace|href)|window\.location)", re.IGNORECASE | re.DOTALL
)
CHALLENGE_MAX_BODY = 64 * 1024
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def visible_chars(html: str) -> int:
    text = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", html))
    return len(re.sub(r"\s+|&nbsp;", "", text))


def is_script_challenge(body: bytes) -> bool:
    """A small page that is only an anti-bot script (any status, 200 included): it stands in for the page."""
    if not body or len(body) > CHALLENGE_MAX_BODY:
        return False
    html = body.decode("utf-8", "ignore")
    low = html.lower()
    if "<script" not in low:
        return False
    shown = visible_chars(html)
    if STRONG_CHALLENGE.search(html) and shown < 200:
        return True
    return bool(RELOAD_SCRIPT.search(html)) and shown < 40


CHALLENGE_STATUSES = {412, 521}  # 瑞数 answers 412, 加速乐 521, each with the script that earns the cookie


def is_challenge(status: int, body: bytes) -> bool:
    """A firewall answer a browser may pass (``--render``): a page that is only an anti-bot script, or a small
    412/521 answer that carries a script. A stub without a script (an IP ban, a rate limit) is not one."""
    if is_script_challenge(body):
        return True
    if status not in CHALLENGE_STATUSES or not body or len(body) > CHALLENGE_MAX_BODY:
        return False
    return "<script" in body.decode("utf-8", "ignore").lower()


# pages.error of a challenge (fetch_state blocked): without --render, and when the browser did not pass it either;
# and of a page read in the browser after it passed the challenge (fetch_state ok). checks.facts words them.
CHALLENGE_NOT_TRIED = "script challenge"
CHALLENGE_NOT_PASSED = "script challenge, not passed in the browser"
CHALLENGE_PASSED = "script challenge passed in the browser"
