"""A year's official holiday schedule (《国务院办公厅关于20XX年部分节假日安排的通知》) as plain data.

The State Council publishes each year's holiday ranges and the weekend days worked in exchange (调休上班). An office
that works offline enters or imports that notice here; ``validate`` refuses anything the notice cannot say (a make-up
workday on a weekday, a range outside the year, overlapping ranges). The text and JSON formats are in ``schedule_io``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from app.errors import ValidationError

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
MIN_YEAR = 2000
MAX_YEAR = 2100


def weekday_name(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


@dataclass(frozen=True)
class HolidayRange:
    """One festival of the notice: rest from ``first`` to ``last`` (both inclusive), and the weekend days worked
    in exchange (``makeup_days``)."""
    name: str
    first: dt.date
    last: dt.date
    makeup_days: tuple[dt.date, ...] = ()

    def days(self) -> Iterator[dt.date]:
        for n in range(self.first.toordinal(), self.last.toordinal() + 1):
            yield dt.date.fromordinal(n)

    def to_dict(self) -> dict:
        return {"name": self.name, "first": self.first.isoformat(), "last": self.last.isoformat(),
                "makeup": [d.isoformat() for d in self.makeup_days]}


@dataclass(frozen=True)
class YearSchedule:
    """节假日安排 of one year: its title (the notice's name) and its festivals in date order."""
    year: int
    title: str
    holidays: tuple[HolidayRange, ...]

    def rest_days(self) -> dict[dt.date, str]:
        return {d: h.name for h in self.holidays for d in h.days()}

    def makeup_days(self) -> dict[dt.date, str]:
        return {d: h.name for h in self.holidays for d in h.makeup_days}

    @property
    def day_count(self) -> int:
        return len(self.rest_days()) + len(self.makeup_days())

    def to_dict(self) -> dict:
        return {"year": self.year, "title": self.title, "holidays": [h.to_dict() for h in self.holidays]}

    def sorted(self) -> "YearSchedule":
        holidays = tuple(sorted((HolidayRange(h.name, h.first, h.last, tuple(sorted(h.makeup_days)))
                                 for h in self.holidays), key=lambda h: (h.first, h.last)))
        return YearSchedule(self.year, self.title, holidays)


def default_title(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


class ScheduleError(ValidationError):
    """A schedule refused: each problem names where (第3行 / 第2项（春节）) and why, in Chinese."""


def _numbered(schedule: YearSchedule) -> Callable[[int], str]:
    def where(i: int) -> str:
        name = (schedule.holidays[i].name or "").strip()
        return f"第{i + 1}项（{name}）" if name else f"第{i + 1}项"
    return where


def problems_of(schedule: YearSchedule, where: Callable[[int], str] | None = None) -> list[tuple[str, str]]:
    """Every reason the schedule cannot be the official one. ``where(i)`` names the i-th festival for the message
    (the line of a text file, the item of a JSON file; by default "第2项（春节）", the order given)."""
    where = where or _numbered(schedule)
    out: list[tuple[str, str]] = []
    year = schedule.year
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return [("年份", f"应为{MIN_YEAR}至{MAX_YEAR}之间的年份")]
    if not schedule.holidays:
        out.append(("", f"{year}年的安排中没有任何假期"))
    seen_rest: dict[dt.date, int] = {}
    seen_makeup: dict[dt.date, int] = {}
    for i, h in enumerate(schedule.holidays):
        at = where(i)
        if not (h.name or "").strip():
            out.append((at, "节日名称不能为空"))
        if h.first > h.last:
            out.append((at, f"开始日期 {h.first} 晚于结束日期 {h.last}"))
            continue
        if h.first.year != year or h.last.year != year:
            out.append((at, f"假期 {h.first}至{h.last} 超出{year}年（跨年的部分请录入到所属年份）"))
            continue
        for d in h.days():
            if d in seen_rest:
                other, label = schedule.holidays[seen_rest[d]], where(seen_rest[d])
                label += "" if other.name in label else f"（{other.name}）"
                out.append((at, f"与{label}的假期重叠（{d}）"))
                break
            seen_rest[d] = i
        for d in h.makeup_days:
            if d.year != year:
                out.append((at, f"调休上班日 {d} 不在{year}年"))
            elif d.weekday() < 5:
                out.append((at, f"调休上班日 {d} 是{weekday_name(d)}，调休上班日应为周六或周日"))
            elif d in seen_makeup:
                out.append((at, f"调休上班日 {d} 重复"))
            seen_makeup.setdefault(d, i)
    for d, i in seen_makeup.items():
        if d in seen_rest:
            out.append((where(i), f"调休上班日 {d} 在{schedule.holidays[seen_rest[d]].name}假期之内"))
    return out


def validate(schedule: YearSchedule, where: Callable[[int], str] | None = None) -> YearSchedule:
    """Return the schedule with its festivals in date order, or raise ``ScheduleError`` listing every problem."""
    problems = problems_of(schedule, where)
    if problems:
        raise ScheduleError(None, problems=problems)
    return schedule.sorted()


# ---- the text format ---------------------------------------------------------------------------------------------
#   # 国务院办公厅关于2026年部分节假日安排的通知
#   年份: 2026
#   元旦: 2026-01-01 至 2026-01-03; 上班 2026-01-04
#   春节: 2026-02-15 至 2026-02-23; 上班 2026-02-14, 2026-02-28
# Dates may also be written 2026/1/1, 2026年1月1日, or without the year (1月1日, 1-1) after the 年份 line.

_DATE = r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
_RANGE = re.compile(rf"^({_DATE})\s*(?:(?:至|到|~|～|—|–|-)\s*({_DATE}))?$")
_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SHORT = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MAKEUP_WORDS = ("调休上班", "上班", "补班")
_YEAR_KEYS = ("年份", "年度", "year")
_TITLE_KEYS = ("标题", "通知", "title")


def parse_date(text: str, year: int | None) -> dt.date:
    """A date as the notice writes it; raises ``ValueError`` with the Chinese reason."""
    text = text.strip()
    m = _FULL.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _SHORT.match(text)
        if not m:
            raise ValueError(f"无法识别日期“{text}”（应写作 2026-01-01）")
        if year is None:
            raise ValueError(f"日期“{text}”没有年份，且前面没有“年份:”行")
        y, (mo, d) = year, (int(g) for g in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"日期“{text}”不存在") from None


def _split_key(line: str) -> tuple[str, str] | None:
    for colon in (":", "："):
        if colon in line:
            key, _, rest = line.partition(colon)
            return key.strip(), rest.strip()
    return None


def _parse_festival(name: str, body: str, year: int | None) -> HolidayRange:
    parts = [p.strip() for p in re.split(r"[;；]", body) if p.strip()]
    if not parts:
        raise ValueError(f"“{name}”后缺少放假日期")
    m = _RANGE.match(parts[0])
    if not m:
        raise ValueError(f"无法识别放假日期“{parts[0]}”（应写作 2026-02-15 至 2026-02-23）")
    first = parse_date(m.group(1), year)
    last = parse_date(m.group(2), year) if m.group(2) else first
    makeup: list[dt.date] = []
    for part in parts[1:]:
        word = next((w for w in _MAKEUP_WORDS if part.startswith(w)), None)
        if word is None:
            raise ValueError(f"无法识别“{part}”（调休上班日应写作“上班 2026-02-14, 2026-02-28”）")
        rest = part[len(word):].lstrip(":： ")
        items = [t for t in re.split(r"[,，、\s]+", rest) if t]
        if not items:
            raise ValueError(f"“{word}”后缺少日期")
        makeup.extend(parse_date(t, year) for t in items)
    return HolidayRange(name, first, last, tuple(makeup))


def parse_text(text: str) -> YearSchedule:
    """Read the text format; problems name the line: "第3行：调休上班日 … 应为周六或周日"."""
    year: int | None = None
    title = ""
    first_comment = ""
    holidays: list[HolidayRange] = []
    lines: list[int] = []
    problems: list[tuple[str, str]] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        if line.startswith("#"):
            first_comment = first_comment or line.lstrip("#").strip()
            continue
        at = f"第{no}行"
        pair = _split_key(line)
        if pair is None:
            problems.append((at, "缺少冒号，应写作“节日名称: 开始日期 至 结束日期; 上班 日期”"))
            continue
        key, body = pair
        if key.lower() in _YEAR_KEYS:
            if year is not None:
                problems.append((at, "“年份”写了两次"))
            elif not re.fullmatch(r"\d{4}年?", body) or not MIN_YEAR <= int(body[:4]) <= MAX_YEAR:
                problems.append((at, f"年份应为{MIN_YEAR}至{MAX_YEAR}之间的四位数字"))
            else:
                year = int(body[:4])
            continue
        if key.lower() in _TITLE_KEYS:
            title = body
            continue
        if not key:
            problems.append((at, "节日名称不能为空"))
            continue
        try:
            holidays.append(_parse_festival(key, body, year))
            lines.append(no)
        except ValueError as err:
            problems.append((at, str(err)))
    if year is None:
        if not problems:
            problems.append(("", "缺少“年份: 2026”一行"))
        raise ScheduleError(None, problems=problems)
    schedule = YearSchedule(year, title or first_comment or default_title(year), tuple(holidays))
    problems += problems_of(schedule, lambda i: f"第{lines[i]}行") if holidays or not problems else []
    if problems:  # every problem of the file at once, in line order
        problems.sort(key=lambda p: int(re.sub(r"\D", "", p[0].split("行")[0]) or 0))
        raise ScheduleError(None, problems=problems)
    return validate(schedule, lambda i: f"第{lines[i]}行")


def to_text(schedule: YearSchedule) -> str:
    out = [f"# {schedule.title}", f"年份: {schedule.year}"]
    for h in schedule.holidays:
        line = f"{h.name}: {h.first} 至 {h.last}" if h.last != h.first else f"{h.name}: {h.first}"
        if h.makeup_days:
            line += "; 上班 " + ", ".join(d.isoformat() for d in h.makeup_days)
        out.append(line)
    return "\n".join(out) + "\n"


# ---- the JSON format ---------------------------------------------------------------------------------------------
#   {"year": 2026, "title": "…", "holidays": [{"name": "春节", "first": "2026-02-15", "last": "2026-02-23",
#                                             "makeup": ["2026-02-14", "2026-02-28"]}, …]}

def _item_label(i: int, item) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return f"第{i + 1}项（{name}）" if isinstance(name, str) and name.strip() else f"第{i + 1}项"


def from_dict(data) -> YearSchedule:
    """The JSON object as loaded; problems name the item: "第2项（春节）：…"."""
    if not isinstance(data, dict):
        raise ScheduleError("", "JSON 文件应为一个对象，含 year、title、holidays")
    year = data.get("year")
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ScheduleError("年份（year）", f"应为{MIN_YEAR}至{MAX_YEAR}之间的年份")
    items = data.get("holidays")
    if not isinstance(items, list):
        raise ScheduleError("假期列表（holidays）", "应为假期的列表")
    problems: list[tuple[str, str]] = []
    holidays: list[HolidayRange] = []
    labels: list[str] = []
    for i, item in enumerate(items):
        at = _item_label(i, item)
        if not isinstance(item, dict):
            problems.append((at, "应为含 name、first、last、makeup 的对象"))
            continue
        try:
            name = item.get("name")
            if not isinstance(name, str):
                raise ValueError("缺少节日名称 name")
            first = parse_date(str(item.get("first") or ""), year)
            last = parse_date(str(item.get("last") or item.get("first") or ""), year)
            makeup = item.get("makeup", item.get("makeup_days", []))
            if not isinstance(makeup, list):
                raise ValueError("makeup 应为日期的列表")
            holidays.append(HolidayRange(name.strip(), first, last, tuple(parse_date(str(d), year) for d in makeup)))
            labels.append(at)
        except ValueError as err:
            problems.append((at, str(err)))
    if problems:
        raise ScheduleError(None, problems=problems)
    title = data.get("title")
    schedule = YearSchedule(year, title.strip() if isinstance(title, str) and title.strip() else default_title(year),
                            tuple(holidays))
    return validate(schedule, lambda i: labels[i])


MAX_JSON_DEPTH = 20  # a schedule nests three levels deep (object, list of holidays, list of make-up days)


def _json_depth(text: str) -> int:
    """How deeply brackets nest in ``text`` (outside strings), without parsing it: ``json.loads`` recurses once per
    level and a file nested 100,000 deep would exhaust the stack."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_json(text: str) -> YearSchedule:
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise ScheduleError("", f"JSON 文件嵌套超过{MAX_JSON_DEPTH}层，不是节假日安排文件（格式见 README“节假日安排文件”）")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ScheduleError(f"第{err.lineno}行", f"JSON 格式错误（第{err.colno}列）") from None
    except RecursionError:  # the depth check above should make this unreachable; never a traceback regardless
        raise ScheduleError("", "JSON 文件嵌套过深，不是节假日安排文件") from None
    return from_dict(data)


def parse(text: str) -> YearSchedule:
    """Text or JSON, told apart by the content (JSON starts with ``{`` or ``[``)."""
    body = text.lstrip("\ufeff \t\r\n")
    return parse_json(body) if body[:1] in ("{", "[") else parse_text(text)
