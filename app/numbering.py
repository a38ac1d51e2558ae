"""编号: request numbers, 文号 of notices and 索引号 of published items, from configurable formats.

A format is a Python format string over the fields below, e.g. ``{year}-依申请-{seq:04d}`` or
``{abbr}政公开〔{year}〕{seq}号``. Counters are yearly. A number is issued inside the transaction that stores the
record it belongs to: if that transaction fails, the counter rolls back with it, so the series has no gaps; the
counter is bumped by one atomic upsert under the write lock, so two windows never get the same number.
"""
from __future__ import annotations

import string

from app import settings
from db.connection import database
from db.models import NumberSequence, Office

FIELDS = {"year": "年份", "seq": "序号", "org": "机构代码", "abbr": "机关简称"}
SAMPLE = {"year": 2026, "seq": 12, "org": "11532300015167874P", "abbr": "X"}

# kind -> the setting holding its format
KINDS = {"request": "numbering.request", "notice": "numbering.notice", "index": "numbering.index"}


def format_problem(fmt: str) -> str | None:
    """Why ``fmt`` cannot be used as a number format, or ``None`` when it is fine (checked when it is saved)."""
    if not fmt or not fmt.strip():
        return "不能为空"
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        return f"花括号不成对（{exc}）"
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name == "":
            return "字段名不能为空，应写 {seq}、{year} 等"
        if name not in FIELDS:
            return f"不认识的字段 {{{name}}}，可用：" + "、".join("{%s}" % k for k in FIELDS)
        if conversion:
            return f"字段 {{{name}}} 不能带转换符 !{conversion}"
        if "{" in (spec or ""):
            return "格式说明中不能再嵌套字段"
        names.append(name)
    if names.count("seq") != 1:
        return "必须且只能含一个 {seq}（序号）"
    if "year" not in names:
        return "必须含 {year}：序号每年重新计数，编号中须有年份才不会重复"
    try:
        fmt.format(**SAMPLE)
    except (ValueError, TypeError) as exc:
        return f"格式说明无效（{exc}）"
    return None


def render(fmt: str, *, year: int, seq: int, org: str = "", abbr: str = "") -> str:
    return fmt.format(year=year, seq=seq, org=org, abbr=abbr)


def _fields() -> dict:
    office = Office.get_or_none(Office.id == 1)
    return {"org": office.org_code if office else "", "abbr": settings.get("office.abbreviation")}


def next_value(name: str, year: int) -> int:
    """Bump and return the counter (name, year). Call inside the transaction that uses the number."""
    if database.obj.transaction_depth() == 0:
        raise RuntimeError("numbers are issued inside the transaction that stores them")
    cursor = database.obj.execute_sql(
        "INSERT INTO number_sequence (name, year, value) VALUES (%s, %s, 1) "
        "ON CONFLICT (name, year) DO UPDATE SET value = number_sequence.value + 1 RETURNING value"
        .replace("%s", database.obj.param), (name, year))
    return cursor.fetchone()[0]


def ensure_at_least(name: str, year: int, value: int) -> None:
    """Raise the counter to ``value`` (e.g. after importing a ledger whose numbers were issued elsewhere)."""
    row = NumberSequence.get_or_none(NumberSequence.name == name, NumberSequence.year == year)
    if row is None:
        NumberSequence.insert(name=name, year=year, value=value).execute()
    elif row.value < value:
        NumberSequence.update(value=value).where(NumberSequence.id == row.id).execute()


def issue(kind: str, year: int) -> str:
    """The next number of ``kind`` for ``year`` in the office's format."""
    seq = next_value(kind, year)
    return render(settings.get(KINDS[kind]), year=year, seq=seq, **_fields())
