"""互动回应 (19号 单项否决 “互动回应差”): a working 咨询建言 channel, and its messages answered.

Letters are read from the channel's own list (rows showing 来信日期 / 回复日期 / 状态) and, where the
letter's page was fetched, from its labelled dates. A letter counts as unanswered only when the site says so
(its status) or when its reply date shows it; a letter whose dates cannot be read accuses nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from checks.common import MAX_NOTES, channel_or_absence
from checks.facts import Entry, Facts, Located
from checks.model import Evidence, Finding, Status

DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
DATE_RE = re.compile(DATE)
ROW_TAIL = 120  # characters after a letter's title that its list row may hold (dates, status, unit)


@dataclass
class Letter:
    title: str
    url: str
    asked: date | None = None
    answered: date | None = None
    status: str = ""  # answered | unanswered | ""
    channel: str = ""  # the column that lists it (领导信箱, 县长信箱 …)


def _date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def labelled(text: str, labels: list[str]) -> date | None:
    pattern = "(?:" + "|".join(re.escape(label) for label in labels) + r")\s*[:：]?\s*" + DATE
    m = re.search(pattern, text)
    return _date(m) if m else None


def _status(text: str, profile: dict) -> str:
    """The status the text gives first: a row's own status comes before anything that follows it (totals such
    as 已回复117件，未回复3件)."""
    found = [(i, "unanswered") for w in profile["unanswered_status"] if (i := text.find(w)) >= 0]
    found += [(i, "answered") for w in profile["answered_status"] if (i := text.find(w)) >= 0]
    return min(found)[1] if found else ""


def _row_positions(text: str, rows: list[Entry]) -> list[tuple[int, Entry]]:
    """Where each listed letter's title starts in the list's text, in page order. Letters often share a title
    (关于…问题的咨询): each row takes the next occurrence after the previous row's, never the same one."""
    found: list[tuple[int, Entry]] = []
    taken: set[int] = set()
    for entry in rows:
        if not entry.title:
            continue
        start = text.find(entry.title, found[-1][0] + 1 if found else 0)
        if start < 0 or start in taken:
            start = next((i for i in _occurrences(text, entry.title) if i not in taken), -1)
        if start >= 0:
            taken.add(start)
            found.append((start, entry))
    return sorted(found, key=lambda pair: pair[0])


def _occurrences(text: str, title: str) -> Iterator[int]:
    start = text.find(title)
    while start >= 0:
        yield start
        start = text.find(title, start + 1)


def channel(facts: Facts) -> Located:
    return facts.locate(facts.profile["columns"]["consult"], "")


def letters(facts: Facts, located: Located) -> list[Letter]:
    """The letters a channel lists, with what its list rows and the letters' own pages say."""
    rules = facts.profile["interaction"]
    found: dict[str, Letter] = {}
    for page in located.pages:
        if not page.ok or page.page_kind != "list":
            continue
        rows = facts.entries_by_list.get(page.url, [])
        name = page.column_name or page.anchor or "留言列表"
        positions = _row_positions(page.text, rows)
        for i, (start, entry) in enumerate(positions):
            # the last row ends where rows usually end, not at the page's end (pager, footer, 已回复/未回复 totals)
            end = positions[i + 1][0] if i + 1 < len(positions) else min(len(page.text), start + len(entry.title) + ROW_TAIL)
            segment = page.text[start + len(entry.title): end]
            letter = found.setdefault(entry.url, Letter(entry.title, entry.url, channel=name))
            dates = [d for d in (_date(m) for m in DATE_RE.finditer(segment)) if d]
            letter.asked = labelled(segment, rules["asked_labels"]) or (dates[0] if len(dates) >= 2 else None)
            letter.answered = labelled(segment, rules["answered_labels"]) or (dates[1] if len(dates) >= 2 else None)
            letter.status = _status(segment, rules) or ("answered" if letter.answered else "")
            if len(dates) == 1 and letter.status == "unanswered":
                letter.asked = dates[0]
        for entry in rows:
            letter = found.setdefault(entry.url, Letter(entry.title, entry.url, channel=name))
            article = facts.pages.get(entry.url)
            if article is not None and article.ok:
                letter.asked = letter.asked or labelled(article.text, rules["asked_labels"])
                letter.answered = letter.answered or labelled(article.text, rules["answered_labels"])
                letter.status = letter.status or _status(article.text, rules) or ("answered" if letter.answered else "")
    return list(found.values())


def channel_present(facts: Facts) -> Iterator[Finding]:
    # INT-CHAN-01: a channel hosted on another domain (a letter system, 12345) counts by its link
    located = channel(facts)
    subject = "咨询建言渠道"
    working, decided = channel_or_absence(facts, located, subject=subject,
                                          what="可用的在线咨询建言渠道（如领导信箱、在线咨询）", where="互动交流")
    if decided:
        yield decided
        return
    yield Finding(Status.PASSED, subject, f"已设置在线咨询建言渠道“{working[0].column_name or working[0].anchor}”",
                  url=working[0].url, evidence=Evidence(urls=[working[0].url]))


def _unknown(subject: str, message: str, located: Located) -> Finding:
    return Finding(Status.UNKNOWN, subject, message, url=located.url,
                   evidence=Evidence(urls=[located.url] if located.url else [], notes=located.blockers[:MAX_NOTES]))


def replies_in_time(facts: Facts) -> Iterator[Finding]:
    """INT-REPLY-01: no letter of the past year left unanswered more than 3 months."""
    veto = facts.profile["veto"]
    subject = "留言办理（过去一年）"
    located = channel(facts)
    if not located.found:
        yield _unknown(subject, "未找到咨询建言渠道，无法核对留言答复情况（见 INT-CHAN-01）", located)
        return
    since = facts.as_of - timedelta(days=veto["unanswered_lookback_days"])
    limit = veto["unanswered_days"]
    read = [x for x in letters(facts, located) if x.asked and x.asked >= since]
    late = []
    for x in read:
        if x.answered and (x.answered - x.asked).days > limit:
            late.append((x, f"来信 {x.asked.isoformat()}，{x.answered.isoformat()} 才答复（{(x.answered - x.asked).days} 天）"))
        elif not x.answered and x.status == "unanswered" and (facts.as_of - x.asked).days > limit:
            late.append((x, f"来信 {x.asked.isoformat()}，至今 {(facts.as_of - x.asked).days} 天未答复"))
    # each late letter is named: its channel, title and date, in the subject and the message
    for x, said in late[:MAX_NOTES]:
        where = f"“{x.channel}”" if x.channel else ""
        yield Finding(Status.FAILED, f"留言办理：{where}留言“{x.title}”（{x.asked.isoformat()}）",
                      f"{where}留言“{x.title}”{said}，超过 {limit} 天", url=x.url,
                      evidence=Evidence(urls=[x.url], dates=[d.isoformat() for d in (x.asked, x.answered) if d],
                                        notes=[f"{x.title}：{said}",
                                               *([f"过去一年共有 {len(late)} 条留言超过 {limit} 天未答复，此处列出前 {MAX_NOTES} 条"]
                                                 if len(late) > MAX_NOTES else [])]))
    if late:
        return
    if located.blockers:
        yield _unknown(subject, "未发现超期未答复的留言，但留言列表有页面无法获取，无法判定", located)
    elif not read:
        yield _unknown(subject, "未能从留言列表或留言页面读出过去一年的来信日期，无法判定", located)
    else:
        yield Finding(Status.PASSED, subject, f"过去一年的 {len(read)} 条留言均在 {limit} 天内答复",
                      url=located.url, evidence=Evidence(urls=[located.url]))


def recent_reply(facts: Facts) -> Iterator[Finding]:
    """INT-RECENT-01: a new reply within the profile's period [practice]."""
    period = facts.profile["interaction"]["recent_reply_days"]
    subject = "留言答复更新"
    located = channel(facts)
    if not located.found:
        yield _unknown(subject, "未找到咨询建言渠道，无法核对留言答复情况（见 INT-CHAN-01）", located)
        return
    replies = [x.answered for x in letters(facts, located) if x.answered and x.answered <= facts.as_of]
    if not replies:
        yield _unknown(subject, "未能读出任何留言的答复日期，无法判定", located)
        return
    newest = max(replies)
    age = (facts.as_of - newest).days
    evidence = Evidence(urls=[located.url], dates=[newest.isoformat()], notes=[f"要求 {period} 天内有新的留言答复"])
    if age <= period:
        yield Finding(Status.PASSED, subject, f"最新答复于 {newest.isoformat()}", url=located.url,
                      evidence=evidence)
    elif located.blockers:
        yield _unknown(subject, f"已读到的最新答复为 {newest.isoformat()}，但留言列表有页面无法获取，无法判定",
                       located)
    else:
        yield Finding(Status.FAILED, subject, f"已 {age} 天没有新的留言答复（最新答复 {newest.isoformat()}）",
                      url=located.url, evidence=evidence)
