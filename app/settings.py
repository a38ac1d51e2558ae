"""系统设置: every office-configurable option, declared once here, stored in the database as JSON.

QSettings keeps only window geometry; everything that shapes the office's work (deadlines, number formats, remedy
sentences, …) lives here so that it is backed up and migrated with the data.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from app import audit, clock
from app.actor import Actor
from app.errors import Problems, ValidationError
from app.permissions import require
from app.printing.roles import ROLE_NAMES, ROLES, SETTINGS_SECTION, setting_key
from db.connection import write_transaction
from db.models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    kind: str  # "int" | "str" | "text" | "bool" | "choice"
    default: Any
    label: str
    section: str
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for kind "choice"
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)  # returns a reason when bad

    def normalise(self, value: Any) -> Any:
        """Return the typed value or raise ``ValidationError`` naming this option."""
        if self.kind == "int":
            try:
                value = int(str(value).strip())
            except (TypeError, ValueError):
                raise ValidationError(self.label, "应为整数") from None
            if self.minimum is not None and value < self.minimum:
                raise ValidationError(self.label, f"不能小于 {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValidationError(self.label, f"不能大于 {self.maximum}")
        elif self.kind == "bool":
            if not isinstance(value, bool):
                raise ValidationError(self.label, "应为是或否")
        elif self.kind == "choice":
            if value not in {v for v, _ in self.choices}:
                raise ValidationError(self.label, "不是可选的值之一")
        else:
            value = "" if value is None else str(value)
            if self.kind == "str":
                value = value.strip()
        if self.check is not None:
            reason = self.check(value)
            if reason:
                raise ValidationError(self.label, reason)
        return value


OPTIONS: dict[str, Option] = {}
SECTIONS: list[str] = []


def declare(option: Option) -> Option:
    if option.key in OPTIONS:
        raise ValueError(f"option {option.key} declared twice")
    OPTIONS[option.key] = option
    if option.section not in SECTIONS:
        SECTIONS.append(option.section)
    return option


def _number_format_check(value: str) -> str | None:
    from app.numbering import format_problem  # numbering imports settings; import here to avoid a cycle
    return format_problem(value)


# ---- 编号 (numbering) -------------------------------------------------------------------------------------------
declare(Option("numbering.request", "str", "{year}-依申请-{seq:04d}", "申请编号格式", "编号",
               help="可用字段：{year} 年份、{seq} 当年序号（{seq:04d} 表示补足4位）、{org} 机构代码、{abbr} 机关简称",
               check=_number_format_check))
declare(Option("numbering.notice", "str", "{abbr}政公开〔{year}〕{seq}号", "告知书文号格式", "编号",
               help="例如 X政公开〔2026〕12号；字段同上", check=_number_format_check))
declare(Option("numbering.index", "str", "{org}/{year}-{seq:05d}", "索引号格式", "编号",
               help="例如 13562201/2020-00331；字段同上", check=_number_format_check))
declare(Option("office.abbreviation", "str", "", "机关简称（用于文号）", "编号",
               help="文号中的机关代字，例如“X政”中的“X”"))


# ---- 打印字体 (printing fonts, GB/T 9704-2012 7.x) ------------------------------------------------------------------
def _font_file_check(value: str) -> str | None:
    from app.printing.fonts import font_file_problem  # loads the font: only when a file is given
    return font_file_problem(value)


for _role in ROLES:
    declare(Option(setting_key(_role), "str", "", f"{ROLE_NAMES[_role]}字体文件", SETTINGS_SECTION,
                   help="留空表示自动选择本机已安装的字体；只能使用 TrueType 字体（.ttf/.ttc，集合中的第N个字体写作"
                        "“路径#N”）", check=_font_file_check))


def get(key: str) -> Any:
    option = OPTIONS[key]
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return option.default
    try:
        return json.loads(row.value)
    except ValueError:
        return option.default


def get_all() -> dict[str, Any]:
    stored = {r.key: r.value for r in Setting.select()}
    out = {}
    for key, option in OPTIONS.items():
        try:
            out[key] = json.loads(stored[key]) if key in stored else option.default
        except ValueError:
            out[key] = option.default
    return out


def set_many(actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """Validate every value first, then store them all in one transaction with one audit row each."""
    require(actor, "settings.manage")
    problems = Problems()
    clean: dict[str, Any] = {}
    for key, value in values.items():
        option = OPTIONS.get(key)
        if option is None:
            problems.add(key, "没有这个设置项")
            continue
        try:
            clean[key] = option.normalise(value)
        except ValidationError as err:
            problems.items.extend(err.problems)
    problems.raise_if_any()
    current = get_all()
    changed = {k: v for k, v in clean.items() if current.get(k) != v}
    if not changed:
        return {}
    with write_transaction():
        for key, value in changed.items():
            Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False), updated_at=clock.now(),
                           updated_by=actor.user_id).on_conflict(
                conflict_target=[Setting.key],
                update={Setting.value: json.dumps(value, ensure_ascii=False), Setting.updated_at: clock.now(),
                        Setting.updated_by: actor.user_id}).execute()
            audit.record(actor, "setting.update", "setting", key, before={"value": current.get(key)},
                         after={"value": value})
    return changed


def set_value(actor: Actor, key: str, value: Any) -> None:
    set_many(actor, {key: value})
