"""Preset indicator tables and grade bands, built from the offices' rule books (seeds 000, 002, 003, 004; DOMAIN.md
§6). The office copies one and edits it; nothing here is used unchanged without being stored as its own table.

Leaves bound to a measure name the measure's key; a preset made while that module is not installed gets a manual
leaf instead (``strip_absent``): an indicator bound to an absent measure is never offered."""
from __future__ import annotations

import copy


def _leaf(title, points, rule, measure="", method="", **extra):
    node = {"title": title, "points": points, "rule": rule}
    if measure:
        node.update(measure=measure, method=method, **extra)
    elif extra:
        node.update(extra)
    return node


def _ded(title, each):
    return {"title": title, "each": each}


ON_TIME = "requests.on_time_pct"
OVERDUE = "requests.overdue"
NOTICE_MISSING = "requests.notice_missing"
PUBLISHED_ON_TIME = "publication.on_time_pct"
SECRECY_RETURNS = "publication.secrecy_returns"
COMPLAINTS_ON_TIME = "complaints.on_time_pct"
SUPERVISOR_ANSWERED = "supervisors.answered_pct"

_BONUS = {"title": "加分项：工作经验被上级推广或受到表彰", "points": 5, "kind": "bonus",
          "rule": "每项加2分，最多加5分，加分后总分不超过满分"}

TABLES: dict[str, dict] = {
    # seed 000 第五条: four areas
    "seed000": {"name": "考核评议制度（四项内容）", "total": 100, "indicators": [
        {"title": "主动公开情况", "points": 30, "rule": "公开内容符合规定，公开及时（条例第二十六条）", "children": [
            _leaf("主动公开信息在20个工作日内公开", 20, "按期公开率×20分", PUBLISHED_ON_TIME, "ratio"),
            _leaf("公开目录及时更新", 10, "目录未及时更新的，每次扣1分", deductions=[_ded("目录未更新", 1)]),
        ]},
        {"title": "依申请公开情况", "points": 30, "rule": "按期答复，告知书规范（条例第三十三条）", "children": [
            _leaf("按期答复率", 20, "按期答复率×20分", ON_TIME, "ratio"),
            _leaf("答复告知书齐全", 10, "已答复而未出具告知书的，每件扣2分", NOTICE_MISSING, "per_item", each=2),
        ]},
        {"title": "服务承诺兑现情况", "points": 20, "rule": "公开服务承诺并兑现，群众评价满意",
         "deductions": [_ded("服务承诺未兑现", 2)]},
        {"title": "对群众投诉的处理情况", "points": 20, "rule": "投诉处理得当，按期答复",
         "children": [_leaf("投诉按期办结率", 20, "按期办结率×20分", COMPLAINTS_ON_TIME, "ratio")]},
        _BONUS,
    ]},
    # seed 002 第五条: seven areas
    "seed002": {"name": "考核工作制度（七项内容）", "total": 100, "indicators": [
        {"title": "公开内容", "points": 25, "rule": "主动公开、依申请公开事项全面、完整、真实、及时更换", "children": [
            _leaf("主动公开及时", 15, "按期公开率×15分", PUBLISHED_ON_TIME, "ratio"),
            _leaf("依申请公开按期答复", 10, "按期答复率×10分", ON_TIME, "ratio"),
        ]},
        _leaf("公开形式", 10, "公开形式规范、明显、多样、及时、便民；新闻发布会、咨询会等制度执行"),
        {"title": "程序的执行情况", "points": 20, "rule": "各项公开事项按程序执行，在有效时间内公开", "children": [
            _leaf("逾期答复", 10, "逾期答复的，每件扣2分", OVERDUE, "per_item", each=2),
            _leaf("告知书齐全", 10, "未出具告知书的，每件扣2分", NOTICE_MISSING, "per_item", each=2),
        ]},
        _leaf("保密情况", 15, "不存在公开不应当公开的政府信息；保密审查退回的，每件扣3分", SECRECY_RETURNS, "per_item",
              each=3),
        {"title": "服务情况", "points": 15, "rule": "方便基层和群众办事，未发生群众不满意或投诉",
         "children": [_leaf("投诉按期办结", 15, "按期办结率×15分", COMPLAINTS_ON_TIME, "ratio")]},
        _leaf("安全情况", 10, "未发生因信息未公开或公开不及时造成的事故；发生一起扣10分",
              deductions=[_ded("因未公开或公开不及时造成事故", 10)]),
        _leaf("领导小组规定的其它考核内容", 5, "按领导小组当年确定的内容评分"),
        _BONUS,
    ]},
    # seed 003 四: five areas
    "seed003": {"name": "考核评议制度（五项内容）", "total": 100, "indicators": [
        _leaf("工作职责和管理权限的公开情况", 20, "职责、权限、机构信息公开完整并及时更新",
              deductions=[_ded("机构职能信息未更新", 1)]),
        _leaf("重大决策和重要事项的公开情况", 20, "重大决策草案公开征求意见，结果公开"),
        {"title": "办事依据、程序、时限和方式、方法、结果的公开情况", "points": 20, "rule": "按期公开", "children": [
            _leaf("主动公开在20个工作日内公开", 20, "按期公开率×20分", PUBLISHED_ON_TIME, "ratio"),
        ]},
        _leaf("服务承诺兑现情况", 20, "依申请公开按期答复率×20分", ON_TIME, "ratio"),
        _leaf("对群众投诉的处理情况", 20, "投诉按期办结率×20分", COMPLAINTS_ON_TIME, "ratio"),
    ]},
    # a county-style 100-point table: every area, with the measures the modules offer
    "county100": {"name": "县级百分制考核表", "total": 100, "indicators": [
        {"title": "组织保障", "points": 10, "rule": "领导小组、工作机构、人员明确；制度健全", "children": [
            _leaf("工作机构和人员", 5, "未明确机构或人员的扣5分"),
            _leaf("制度建设", 5, "缺一项制度扣1分", deductions=[_ded("缺少制度", 1)]),
        ]},
        {"title": "主动公开", "points": 30, "rule": "条例第十九条至第二十六条", "children": [
            _leaf("按期公开率", 15, "20个工作日内公开的比例×15分", PUBLISHED_ON_TIME, "ratio"),
            _leaf("公开目录和指南", 10, "目录、指南未及时更新的，每次扣1分", deductions=[_ded("目录未更新", 1)]),
            _leaf("保密审查", 5, "保密审查退回的，每件扣1分", SECRECY_RETURNS, "per_item", each=1),
        ]},
        {"title": "依申请公开", "points": 30, "rule": "条例第二十七条至第四十五条", "children": [
            _leaf("按期答复率", 15, "按期答复率×15分", ON_TIME, "ratio"),
            _leaf("逾期答复", 10, "逾期答复的，每件扣2分", OVERDUE, "per_item", each=2),
            _leaf("告知书规范", 5, "未出具告知书的，每件扣1分", NOTICE_MISSING, "per_item", each=1),
        ]},
        {"title": "监督保障", "points": 30, "rule": "投诉处理、社会评议、责任追究", "children": [
            _leaf("投诉按期办结率", 15, "按期办结率×15分", COMPLAINTS_ON_TIME, "ratio"),
            _leaf("监督员意见答复", 10, "答复率×10分", SUPERVISOR_ANSWERED, "ratio"),
            _leaf("民主测评", 5, "民主测评满意率×5分"),
        ]},
        _BONUS,
    ]},
}

BANDS: dict[str, dict] = {
    # seed 002 第七条: 优胜(90分以上)、先进(80分—89分)、合格(70分—79分)、不合格(69分以下)
    "seed002": {"name": "优胜/先进/合格/不合格", "boundary": "half_up", "bands": [
        {"name": "优胜", "low": 90, "high": 100}, {"name": "先进", "low": 80, "high": 89},
        {"name": "合格", "low": 70, "high": 79}, {"name": "不合格", "low": 0, "high": 69}]},
    # seeds 000 第七条, 003 六, 004 第七条 name four grades and leave the cut-offs to the office: these are a start
    "four": {"name": "优秀/合格/基本合格/不合格", "boundary": "half_up", "bands": [
        {"name": "优秀", "low": 90, "high": 100}, {"name": "合格", "low": 75, "high": 89},
        {"name": "基本合格", "low": 60, "high": 74}, {"name": "不合格", "low": 0, "high": 59}]},
    "three": {"name": "优秀/合格/不合格", "boundary": "half_up", "bands": [
        {"name": "优秀", "low": 90, "high": 100}, {"name": "合格", "low": 70, "high": 89},
        {"name": "不合格", "low": 0, "high": 69}]},
}


def strip_absent(nodes: list[dict], known: set[str]) -> list[dict]:
    """The nodes with every binding to a measure that is not installed removed (the leaf becomes a manual one)."""
    out = []
    for node in copy.deepcopy(nodes):
        if node.get("measure") and node["measure"] not in known:
            for key in ("measure", "method", "each", "full_at"):
                node.pop(key, None)
            node["rule"] = node.get("rule", "") + "（人工评分）"
        node["children"] = strip_absent(node.get("children") or [], known)
        out.append(node)
    return out
