"""举报投诉 and 政民互动's vocabulary: channels, categories with their working-day limits (office settings), the six
subjects of a 举报 and the reply methods.

Sources: DOMAIN.md §4; seed 000 举报调查制度 第三条 (what may be reported), 第四条 (forms); seed 001 政民互动管理制度
第四条 (time limits by kind of message)."""
from __future__ import annotations

from dataclasses import dataclass

from app import numbering, settings
from app.settings import Option, declare

CHANNELS = ("来信", "来访", "电话", "口头", "网上留言", "意见箱", "电子邮件")


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    default_days: int
    maximum: int
    basis: str
    difficult: bool = False  # 重难件: sent to the district for review before the reply (seed 001 第四条)


# seed 001 政民互动管理制度第四条: 政策咨询 3 working days; 投诉、求助 5-7; 需调查处理 10; 重难件 15 or 30; other online
# messages 7. A 举报 about disclosure work (seed 000 第三条) always needs an investigation: 10, as 需调查处理.
CATEGORIES: dict[str, Category] = {c.code: c for c in (
    Category("report", "举报", 10, 30, "举报须调查核实（举报调查制度第六条），按需调查处理的时限"),
    Category("complaint", "投诉", 7, 7, "政民互动管理制度第四条：投诉类信件在5—7个工作日内回复"),
    Category("consultation", "政策咨询", 3, 3, "政民互动管理制度第四条：政策咨询类信件在3个工作日内回复"),
    Category("help", "求助", 7, 7, "政民互动管理制度第四条：求助类信件在5—7个工作日内回复"),
    Category("suggestion", "意见建议", 7, 7, "政民互动管理制度第四条：网上留言原则上7个工作日内办结"),
    Category("investigation", "需调查处理", 10, 10, "政民互动管理制度第四条：需调查处理的信件在10个工作日内回复"),
    Category("difficult", "重难件", 15, 30, "政民互动管理制度第四条：重难件在15个或30个工作日内送审后回复",
             difficult=True),
    Category("message", "网上留言", 7, 7, "政民互动管理制度第四条：网上留言原则上7个工作日内办结"),
)}

# seed 000 举报调查制度第三条: what a 举报 may be about.
REPORT_TYPES: dict[str, str] = {
    "duty": "不依法履行政府信息公开义务",
    "update": "不及时更新公开的政府信息内容、政府信息公开指南和政府信息公开目录",
    "fees": "违反规定收取费用",
    "paid": "通过其他组织、个人以有偿服务方式提供政府信息",
    "improper": "公开不应当公开的政府信息",
    "other": "违反《中华人民共和国政府信息公开条例》规定的其他行为",
}

REPLY_METHODS = ("书面答复", "电话答复", "当面答复", "网上回复", "电子邮件")

SECTION = "举报投诉"
declare(Option("complaints.numbering", "str", "{year}-举报投诉-{seq:04d}", "举报投诉编号格式", SECTION,
               help="受理时给每件举报投诉的编号；字段同“编号”一节", check=settings._number_format_check))
for _c in CATEGORIES.values():
    declare(Option(f"complaints.days.{_c.code}", "int", _c.default_days, f"{_c.label}办理时限（工作日）", SECTION,
                   minimum=1, maximum=_c.maximum, help=f"{_c.basis}；修改只影响此后受理的件和重新计算的期限"))
declare(Option("complaints.due_warning_days", "int", 2, "临近期限提醒（工作日）", SECTION, minimum=0, maximum=10))
declare(Option("complaints.supervision_days", "int", 3, "督办答复期限（工作日）", SECTION, minimum=1, maximum=10,
               help="督办时承办科室答复督办意见的默认期限"))
numbering.KINDS.setdefault("complaint", "complaints.numbering")


def category_label(code: str) -> str:
    c = CATEGORIES.get(code)
    return c.label if c else code


def days_for(category: str) -> int:
    return settings.get(f"complaints.days.{category}")
