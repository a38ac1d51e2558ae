"""发布审核's vocabulary: item types, 公开属性, opinions, the 公开目录 presets and the office's options for them.

Sources: DOMAIN.md §3 and §9; seed 001 (公文类信息公开属性源头认定制度); seed 002 第七条 and seed 004 (保密审查 opinions);
seed 004 第一条 (the fourteen 公开目录 categories)."""
from __future__ import annotations

from app import numbering, settings
from app.settings import Option, declare

KINDS: dict[str, str] = {
    "official_document": "公文",
    "work_news": "工作动态",
    "interpretation": "政策解读",
    "consultation": "征求意见",
    "major_decision": "重大决策预公开",
    "normative": "规范性文件",
    "other": "其他",
}
# Types that carry a 文号 and a 成文日期.
DOCUMENT_KINDS = ("official_document", "normative")

# 公开属性 (seed 001 源头认定): the reason is required for the last two.
ATTRIBUTES: dict[str, str] = {"proactive": "主动公开", "on_request": "依申请公开", "withheld": "不予公开"}
REASONED_ATTRIBUTES = ("on_request", "withheld")

# 保密审查 opinions (seed 002 第七条: 公开 / 免予公开 / 依申请公开 / 需报审).
SECRECY_OPINIONS: dict[str, str] = {"disclose": "公开", "exempt": "免予公开", "on_request": "依申请公开",
                                    "refer": "需报审"}

# The privacy screen's finding resolutions.
RESOLUTIONS: dict[str, str] = {"fixed": "已处理（已删除并上传新版本）", "allowed": "可以公开"}

COORDINATION_ANSWERS: dict[str, str] = {"agree": "同意", "disagree": "不同意"}

CATEGORIES_PRESET = ("机构职能", "法规规章", "领导动态", "工作动态", "决策信息", "规划信息", "统计信息", "财政管理",
                     "人事信息", "行政职权", "信息公开指南", "信息公开工作报告", "应急监察", "其他")
CHANNELS_PRESET = ("门户网站", "公开栏", "公众号", "其他")


def _lines_check(value: str) -> str | None:
    return None if lines(value) else "至少填写一项（每行一项）"


def lines(value: str) -> list[str]:
    return [x.strip() for x in str(value or "").splitlines() if x.strip()]


SECTION = "发布审核"
declare(Option("publication.numbering", "str", "{year}-信息-{seq:04d}", "待发布信息编号格式", SECTION,
               help="起草时给每条信息的编号；字段同“编号”一节", check=settings._number_format_check))
declare(Option("publication.chain", "choice", "default", "审核流程", SECTION,
               choices=(("default", "起草→初审→复审→保密审查→终审→发布"),
                        ("seed004", "科室初审→科室负责人审核→领导小组办公室保密审查→分管领导审定→发布")),
               help="只影响此后提交的信息；已在审核中的信息按提交时的流程走完"))
declare(Option("publication.secrecy_days", "int", 5, "保密审查期限（工作日）", SECTION, minimum=1, maximum=20,
               help="保密审查工作制度：审查机构自收到之日起5个工作日内提出审查意见"))
declare(Option("publication.publish_days", "int", 20, "主动公开期限（工作日）", SECTION, minimum=1, maximum=20,
               help="条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内予以公开"))
declare(Option("publication.normative_publish_days", "int", 5, "规范性文件公开期限（工作日）", SECTION, minimum=1,
               maximum=20, help="本机关规定（如：新制发的规范性文件5个工作日内公开）；不得长于主动公开期限"))
declare(Option("publication.due_warning_days", "int", 2, "临近期限提醒（工作日）", SECTION, minimum=0, maximum=10))
declare(Option("publication.categories", "text", "\n".join(CATEGORIES_PRESET), "公开目录类别", SECTION,
               check=_lines_check, help="每行一个；默认为十四类"))
declare(Option("publication.channels", "text", "\n".join(CHANNELS_PRESET), "发布渠道", SECTION, check=_lines_check,
               help="每行一个"))
numbering.KINDS.setdefault("item", "publication.numbering")


def units() -> list[str]:
    return settings.units()


def categories() -> list[str]:
    return lines(settings.get("publication.categories"))


def channels() -> list[str]:
    return lines(settings.get("publication.channels"))
