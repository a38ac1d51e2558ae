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
from app.requests import catalog
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



# ---- 依申请公开 (requests) ----------------------------------------------------------------------------------------
def _remedy_check(text: str) -> str | None:
    import string
    try:
        names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
    except ValueError as exc:
        return f"花括号不成对（{exc}）"
    unknown = names - {"复议机关", "人民法院"}
    if unknown:
        return "只能使用 {复议机关} 和 {人民法院} 两个字段，不认识：" + "、".join("{%s}" % n for n in sorted(unknown))
    return None if text.strip() else "不能为空"


# The office's 科室/股室: who drafts an item, handles a request or a complaint, and whom the assessment scores.
# (The stored key keeps its first name so that existing lists are kept.)
UNITS_PRESET = ("办公室", "党政综合办", "经济发展办", "社会事务办", "自然资源所", "财政所")


def _unit_lines(value) -> list[str]:
    return [x.strip() for x in str(value or "").splitlines() if x.strip()]


declare(Option("publication.units", "text", "\n".join(UNITS_PRESET), "科室（股室）", "本机关",
               check=lambda v: None if _unit_lines(v) else "至少填写一项（每行一项）",
               help="每行一个；起草信息、承办申请和投诉、考核评议时选择"))


def units() -> list[str]:
    return _unit_lines(get("publication.units"))


declare(Option("requests.reply_days", "int", 20, "答复期限（工作日）", "依申请公开", minimum=1, maximum=20,
               help="条例第三十三条：自收到申请之日起20个工作日内答复；本机关规定更短的（如15个工作日）可改小。"
                    "修改只影响此后登记的申请。"))
declare(Option("requests.extension_max_days", "int", 20, "最长延期（工作日）", "依申请公开", minimum=0, maximum=20,
               help="条例第三十三条：延长答复期限最长不得超过20个工作日（部分机关规定为15个工作日）。"))
declare(Option("requests.correction_notice_days", "int", 7, "补正告知期限（工作日）", "依申请公开", minimum=1, maximum=7,
               help="条例第三十条：申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人补正。"))
declare(Option("requests.correction_period_days", "int", 15, "申请人补正的合理期限（工作日）", "依申请公开", minimum=1,
               maximum=60, help="补正告知书中给申请人的期限；逾期无正当理由不补正的视为放弃申请。"))
declare(Option("requests.consultation_days", "int", 15, "征求意见答复期限（工作日）", "依申请公开", minimum=1, maximum=15,
               help="条例第三十二条、第三十四条：第三方、其他机关自收到征求意见书之日起15个工作日内提出意见；自登记的送达日期起"
                    "计算。"))
declare(Option("requests.third_party_silence", "choice", "decide", "第三方逾期未答复时", "依申请公开",
               choices=(("decide", "由本机关依照条例规定决定是否公开（条例第三十二条）"),
                        ("refuse", "视为不同意公开（本机关规定）")),
               help="条例第三十二条：第三方逾期未提出意见的，由行政机关依照条例的规定决定是否公开；部分地方规定视为不同意。"))
declare(Option("requests.fee_payment_days", "int", 20, "缴费期限（工作日）", "依申请公开", minimum=1, maximum=60,
               help="国办函〔2020〕109号：申请人自收到收费通知的次日起20个工作日内缴纳；自登记的送达日期起计算。"))
declare(Option("requests.fee_stops_clock", "bool", True, "等待缴费期间停止计算答复期限", "依申请公开",
               help="本机关的规定（条例第三十三条第三款只规定征求意见的时间不计入，没有等待缴费的规定）：发出收费通知至申请人"
                    "缴费之日，不计入答复期限。"))
declare(Option("fees.waivers", "text", "\n".join(catalog.FEE_WAIVERS.values()), "信息处理费减免情形（本机关规定）",
               "依申请公开",
               help="每行一种情形，收费时可选，写入收费通知书（只对自然人）。国办函〔2020〕109号没有减免规定，这是本机关"
                    "自己的规定；预设取自原成本费用规定（如某机关依申请公开制度第八条：公民确有经济困难的免除有关费用）。"
                    "留空表示不减免。"))
declare(Option("fees.waiver_rule", "str", "", "减免规定的名称", "依申请公开",
               help="收费通知书引用的本机关规定，例如“《某某县政府信息公开依申请公开制度》第八条”；不要写国办函〔2020〕109号。"))
declare(Option("requests.due_warning_days", "int", 3, "临近期限提醒（工作日）", "依申请公开", minimum=1, maximum=10,
               help="剩余工作日不超过此数的申请在登记簿中突出显示。"))
declare(Option("notices.masthead", "bool", False, "告知书使用发文机关标志（红头）", "依申请公开",
               help="在告知书首页上方以红色印出本机关名称（GB/T 9704 文件格式）；告知书通常不用红头，默认不印。"))

# 救济 (remedy): 行政复议 within 60 days of receiving the notice (行政复议法第二十条), 行政诉讼 within six months
# (行政诉讼法第四十六条). 行政复议法（2023年修订，2024年1月1日施行）第二十三条第一款第（四）项 makes 行政复议 come first
# for 申请政府信息公开、行政机关不予公开, and its 第二款 requires the notice to say so; 法释〔2025〕8号 第一条 reads that
# "不予公开" as refusals under 条例第十四、十五、十六条 (不予公开 1-7 and the withheld part of 部分公开). 行政查询事项,
# 无法提供 and 不予处理 keep the choice.
_REMEDY_CHOICE = ("申请人如对本告知不服，可以自收到本告知书之日起六十日内向{复议机关}申请行政复议，"
                  "也可以自收到本告知书之日起六个月内向{人民法院}提起行政诉讼。")
_REMEDY_REVIEW_FIRST = ("申请人如对本告知不服，应当先向{复议机关}申请行政复议，并自收到本告知书之日起六十日内提出；"
                        "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。")
declare(Option("remedy.review_body", "str", "", "行政复议机关", "救济途径",
               help="告知书中写明的行政复议机关（行政复议法第二十四条）。乡镇人民政府：县（市、区）人民政府；"
                    "县级人民政府工作部门：本级人民政府。"))
declare(Option("remedy.court", "str", "", "管辖的人民法院", "救济途径", help="例如：某某县人民法院"))


def remedy_problem(text: str, review_first: bool) -> str | None:
    """Why a remedy sentence is wrong in law for its kind of outcome (None when it is right)."""
    problem = _remedy_check(text)
    if problem:
        return problem
    import re
    direct_suit = re.search(r"(也可以|或者|或)[^。；]*提起行政诉讼", text) or "六个月" in text
    if review_first:
        if not re.search(r"应当先向[^。；]*申请行政复议", text) or "对行政复议决定不服" not in text:
            return ("不予公开（含部分公开）应当先申请行政复议（行政复议法第二十三条第二款），须写明“应当先向{复议机关}"
                    "申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼”")
        if direct_suit:
            return "不予公开（含部分公开）须先申请行政复议（行政复议法第二十三条），不能告知申请人可直接提起行政诉讼"
        return None
    if "应当先" in text:
        return "此类答复不适用行政复议前置（法释〔2025〕8号第一条），不能要求申请人先申请行政复议"
    if "行政复议" not in text or "行政诉讼" not in text:
        return "应当告知申请人可以申请行政复议，也可以提起行政诉讼"
    return None


for _group, _label in catalog.REMEDY_GROUPS.items():
    _first = _group in catalog.REVIEW_FIRST_GROUPS
    declare(Option(f"remedy.{_group}", "text", _REMEDY_REVIEW_FIRST if _first else _REMEDY_CHOICE,
                   f"救济告知：{_label}", "救济途径",
                   check=lambda text, first=_first: remedy_problem(text, first),
                   help="可用 {复议机关}、{人民法院}。" + (
                       "适用行政复议前置（行政复议法第二十三条第一款第（四）项、第二款）：须写“应当先向…申请行政复议；"
                       "对行政复议决定不服的，可以依法向人民法院提起行政诉讼”，不得写“也可以提起行政诉讼”。"
                       if _first else "申请人可以选择申请行政复议或者提起行政诉讼（法释〔2025〕8号第一条），"
                                      "不得写“应当先申请行政复议”。")))


# ---- 年度报告 (annual report) --------------------------------------------------------------------------------------
def _month_day_check(value: str) -> str | None:
    import datetime as _dt
    try:
        month, day = (int(x) for x in value.split("-"))
        _dt.date(2027, month, day)
    except ValueError:
        return "应为“月-日”，如 01-31"
    if month > 6:
        return "年度报告应在次年上半年公布，请检查月份"
    return None


declare(Option("report.deadline", "str", "01-31", "年度报告公布期限（月-日）", "年度报告", check=_month_day_check,
               help="条例第四十九条：县级以上人民政府部门于每年1月31日前公布（01-31）；县级以上地方人民政府于每年3月31日前"
                    "公布（03-31）；乡镇按县级规定的日期。从12月1日起在工作台提醒。"))


# ---- 存储 (storage of files on a server database) -----------------------------------------------------------------
declare(Option("storage.shared_folder", "str", "", "附件共享文件夹（服务器数据库）", "存储",
               help="使用 PostgreSQL 服务器数据库时，附件和已出具文书的文件保存在这个各席位都能访问的共享文件夹中"
                    "（如 Windows 的 \\\\服务器\\政务公开 或映射的 Z:\\政务公开，统信UOS/麒麟上挂载的 /mnt/政务公开）；"
                    "每个席位都须以同一路径访问。留空时保存在本机数据目录中，其他席位看不到。"))
