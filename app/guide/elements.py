"""公开事项标准目录's vocabulary: the elements of a 公开事项 (seed 001 公开事项目录规范动态管理制度: 公开渠道, 公开依据,
公开栏目, 公开主体, 公开内容, 公开方式, 公开时限, 咨询/投诉电话), the kinds of adjustment and their reasons, the recurring
公开时限 the program can check against what was published, and the check of one item's elements (pure functions)."""
from __future__ import annotations

import datetime as dt
import re

from app.errors import Problems
from app.validators import text_problem

# key -> heading; the window's columns and the xlsx layout (a column per element) follow this order.
ELEMENTS: dict[str, str] = {
    "name": "事项名称",
    "channel": "公开渠道",
    "basis": "公开依据",
    "section": "公开栏目",
    "subject": "公开主体",
    "content": "公开内容",
    "manner": "公开方式",
    "time_limit": "公开时限",
    "phone": "咨询/投诉电话",
    "unit": "责任科室",
    "category": "公开目录类别",
}
REQUIRED = ("name",)
MAX_CHARS = {"name": 100, "basis": 1000, "content": 2000}
DEFAULT_MAX = 300

ADJUSTMENT_KINDS: dict[str, str] = {"add": "新增", "change": "变更", "remove": "删除"}
# Seed 001: the catalogue is adjusted when a law is made, revised or repealed, when an element changes, or otherwise.
REASONS: dict[str, str] = {"law_new": "法律法规新立", "law_revised": "法律法规修订", "law_repealed": "法律法规废止",
                           "elements": "要素变化", "other": "其他"}
STATUSES: dict[str, str] = {"proposed": "待审核", "approved": "已批准", "rejected": "未批准"}

# A recurring 公开时限 (“每季度”, “按月”): the program can tell when a period passed with nothing published.
PERIODS: dict[str, str] = {"month": "每月", "quarter": "每季度", "half_year": "每半年", "year": "每年"}
_PERIOD_WORDS = (("half_year", r"(每|按)半年|半年度"), ("quarter", r"(每|按|逐)季(度)?|季度"),
                 ("month", r"(每|按|逐)月|月度"), ("year", r"(每|按|逐)年|年度"))


def period_of(time_limit: str) -> str:
    """The recurring period a 公开时限 names, or "" (“信息形成之日起20个工作日内” is not a period)."""
    for code, pattern in _PERIOD_WORDS:
        if re.search(pattern, time_limit or ""):
            return code
    return ""


def last_period(period: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The last complete period before ``today`` (the previous month, quarter, half-year or year)."""
    months = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}.get(period)
    if months is None:
        return None
    start_month = ((today.month - 1) // months) * months + 1  # the current period's first month
    current_start = dt.date(today.year, start_month, 1)
    end = current_start - dt.timedelta(days=1)
    m = ((end.month - 1) // months) * months + 1
    return dt.date(end.year, m, 1), end


def clean(data: dict) -> dict:
    """The elements as stored, or ``ValidationError`` naming every bad one."""
    p = Problems()
    out = {}
    for key, label in ELEMENTS.items():
        value = data.get(key)
        text = "" if value is None else str(value).strip()
        reason = text_problem(text, MAX_CHARS.get(key, DEFAULT_MAX), multiline=key in ("basis", "content"))
        if reason:
            p.add(label, reason)
        out[key] = text
    for key in REQUIRED:
        if not out[key]:
            p.add(ELEMENTS[key], "不能为空")
    p.raise_if_any()
    out["period"] = period_of(out["time_limit"])
    return out


def differences(before: dict, after: dict) -> list[tuple[str, str, str]]:
    """(element, before, after) for each element that differs."""
    return [(label, before.get(key) or "", after.get(key) or "") for key, label in ELEMENTS.items()
            if (before.get(key) or "") != (after.get(key) or "")]
