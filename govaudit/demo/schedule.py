"""When the demo district publishes its yearly items, and which year is due on a given day.

The deadlines follow the rules the checks use (see docs: 条例 第四十九、五十条; 143号 with the profile's
default "expected online by" dates). Publication days are drawn inside the lawful window so that every
item not planted as a gap is on time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta


def due_years(as_of: date) -> dict[str, int]:
    """The latest year whose item must be online on ``as_of``."""
    y = as_of.year
    budget = y if as_of >= date(y, 4, 1) else y - 1
    final = y - 1 if as_of >= date(y, 10, 1) else y - 2
    return {
        "district_annual_report": y - 1 if as_of > date(y, 3, 31) else y - 2,
        "department_annual_report": y - 1 if as_of > date(y, 1, 31) else y - 2,
        "government_budget": budget,
        "department_budget": budget,
        "government_final_accounts": final,
        "department_final_accounts": final,
    }


def district_report_day(rng: random.Random, year: int) -> date:
    """The whole-government report on ``year``: between 15 February and 25 March of the next year."""
    return date(year + 1, 2, 15) + timedelta(days=rng.randint(0, 38))


def department_report_day(rng: random.Random, year: int) -> date:
    """A department's report on ``year``: in January of the next year, before the 31st."""
    return date(year + 1, 1, 6) + timedelta(days=rng.randint(0, 20))


def late_department_report_day(year: int, as_of: date) -> date:
    """A report published after the 31 January deadline (10 March), but never after ``as_of``."""
    return min(date(year + 1, 3, 10), as_of)


def budget_day(rng: random.Random, year: int) -> date:
    """The budget of ``year``: in February of that year."""
    return date(year, 2, 3) + timedelta(days=rng.randint(0, 22))


def final_accounts_day(rng: random.Random, year: int) -> date:
    """The final accounts of ``year``: in August of the next year."""
    return date(year + 1, 8, 3) + timedelta(days=rng.randint(0, 24))


def report_years(as_of: date, keep: int = 5) -> list[int]:
    """Candidate years for annual reports, newest first (publication is filtered by date later)."""
    return list(range(as_of.year - 1, as_of.year - 2 - keep, -1))


def budget_years(as_of: date, keep: int = 6) -> list[int]:
    return list(range(as_of.year, as_of.year - keep, -1))


def final_years(as_of: date, keep: int = 6) -> list[int]:
    return list(range(as_of.year - 1, as_of.year - 1 - keep, -1))
