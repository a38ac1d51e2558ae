"""监督员's vocabulary and rules as pure functions: constituencies, opinion channels and stages, the term arithmetic
(two-year terms, renewable: seed 001 一(一)), the quarter a date falls in (按季度通报: seed 001 四(一)), and the
office's options for them."""
from __future__ import annotations

import datetime as dt

from app import numbering, settings
from app.settings import Option, declare

SEXES = ("男", "女")
# 原则上从党代表、人大代表、政协委员、群团组织、机关单位中产生 (seed 001 一(二)).
CONSTITUENCIES: dict[str, str] = {"party_deputy": "党代表", "npc_deputy": "人大代表", "cppcc": "政协委员",
                                  "mass_org": "群团组织", "agency": "机关单位"}
END_REASONS: dict[str, str] = {"term_over": "任期届满不再续聘", "change": "人员变动（另聘）", "resigned": "本人辞任",
                               "other": "其他"}
STATUSES: dict[str, str] = {"serving": "在任", "ended": "已离任"}
# 电子邮箱、电话、信函、面谈 (seed 001 三(四)), or filed by the supervisor in the program.
CHANNELS: dict[str, str] = {"email": "电子邮箱", "phone": "电话", "letter": "信函", "in_person": "面谈",
                            "program": "监督员在系统中提交"}
PRIORITIES: dict[str, str] = {"normal": "一般", "high": "重点"}
CATEGORIES = ("依申请公开", "主动公开", "政府网站和公开平台", "政务公开制度建设", "政策解读和回应关切", "其他")
REPORT_METHODS = ("当面", "电话", "书面", "电子邮箱", "季度通报会")
BRIEFING_KINDS: dict[str, str] = {"briefing": "季度通报", "meeting": "政务公开工作会议"}

SECTION = "监督员"
declare(Option("supervisors.term_years", "int", 2, "监督员聘任期（年）", SECTION, minimum=1, maximum=5,
               help="勺米镇政务公开监督员管理制度一（一）：聘任期为两年，期满后根据工作需要可以续聘"))
declare(Option("supervisors.max_count", "int", 2, "监督员人数上限（提醒）", SECTION, minimum=1, maximum=20,
               help="制度一（一）：原则上聘任1-2人；超过或没有在任监督员时在工作台提醒，不阻止登记"))
declare(Option("supervisors.term_warning_days", "int", 60, "任期届满提醒（天）", SECTION, minimum=1, maximum=365,
               help="任期在此天数内届满的监督员在工作台提醒，以便及时续聘或另聘"))
declare(Option("supervisors.opinion_days", "int", 10, "监督意见办理期限（工作日）", SECTION, minimum=1, maximum=60,
               help="转办时给承办科室的默认期限，按法定工作日计算；转办时可改"))
declare(Option("supervisors.numbering", "str", "{year}-监督-{seq:04d}", "监督意见编号格式", SECTION,
               help="字段同“编号”一节", check=settings._number_format_check))
numbering.KINDS.setdefault("opinion", "supervisors.numbering")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def term_end(start: dt.date, years: int) -> dt.date:
    """The last day of a term of ``years`` years starting on ``start`` (a term from 2025-03-01 ends 2027-02-28)."""
    if years < 1:
        raise ValueError("a term lasts at least one year")
    return add_years(start, years) - dt.timedelta(days=1)


def term_state(status: str, end: dt.date, today: dt.date, warning_days: int) -> str:
    """serving | ending (within the warning days) | expired (term over, neither renewed nor ended) | ended."""
    if status == "ended":
        return "ended"
    if end < today:
        return "expired"
    if (end - today).days <= warning_days:
        return "ending"
    return "serving"


TERM_STATES = {"serving": "在任", "ending": "任期即将届满", "expired": "任期已届满（未续聘）", "ended": "已离任"}


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)


def quarters_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, quarter) from the one holding ``first`` to the one holding ``last``."""
    out = []
    y, q = first.year, quarter_of(first)
    while (y, q) <= (last.year, quarter_of(last)):
        out.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}年第{'一二三四'[quarter - 1]}季度"
