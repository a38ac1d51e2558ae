"""演示数据 for 举报投诉: cases of every category over several years, taken through the real services — answered on
the spot, investigated, supervised (督办), transferred within the office and to another agency, 重难件 reviewed by the
district, some anonymous, some asking for secrecy, some answered late, and recent ones left at every step."""
from __future__ import annotations

import datetime as dt
import random

from app import clock, settings
from app.complaints import cases, catalog, handling
from app.publication.demo import _on
from app.workdays.deadlines import due_only

PEOPLE = [("周建平", "13907731234", "某某镇幸福村五组"), ("吴晓燕", "13677340912", "某某镇人民路88号"),
          ("郑国华", "15187720563", "某某镇新街社区二栋"), ("冯丽娟", "18908874421", "某某镇河西村三组"),
          ("陈卫东", "13312457788", "某某县城关镇北门街6号"), ("杨桂芬", "15808771190", "某某镇东风村七组"),
          ("何志强", "13987765432", "某某镇中心街12号"), ("罗春梅", "18287719034", "某某镇沙河村一组")]

# (category, report type, title, content, subject unit, subject person)
MATTERS = [
    ("report", "duty", "申请公开征地补偿方案逾期未答复", "本人申请公开本村征地补偿安置方案，已超过二十个工作日未收到答复。",
     "自然资源所", ""),
    ("complaint", "", "政务公开栏信息长期未更新", "镇政府门口政务公开栏的财政预算信息仍是前年的，希望及时更新。", "党政综合办", ""),
    ("consultation", "", "咨询低保申请需要公开哪些材料", "想了解申请城乡低保时公示的内容和期限。", "", ""),
    ("help", "", "查询本户宅基地审批信息", "家中老人需要宅基地审批的档案材料，不知道到哪里查询。", "", ""),
    ("suggestion", "", "建议在门户网站增加政策解读栏目", "建议镇政府网站增加政策解读栏目，方便群众了解惠民政策。", "", ""),
    ("investigation", "", "反映村务公开账目与实际不符", "村务公开栏公布的修路费用与实际情况明显不符，请调查。", "", ""),
    ("difficult", "", "反映多年征地补偿款发放不公开", "多年来征地补偿款的发放情况一直没有公开，涉及多个村组。", "财政所", ""),
    ("message", "", "网上留言询问公开指南的获取方式", "在网站上没有找到本机关的政府信息公开指南，请问在哪里查看。", "", ""),
    ("report", "fees", "依申请公开收取复印费", "申请政府信息时被要求缴纳每页一元的复印费，认为不符合规定。", "社会事务办", "某工作人员"),
    ("report", "improper", "公示名单中公开了身份证号码", "低保公示名单中完整公开了身份证号码和家庭住址，泄露个人信息。",
     "社会事务办", ""),
]
HANDLERS = ("办公室", "党政综合办", "经济发展办", "社会事务办")
REPLIES = {
    "report": "经调查，反映的问题属实，已责令相关科室限期整改，并对相关人员进行批评教育",
    "complaint": "经核实，公开栏信息已于近日更新，今后将按季度检查更新情况",
    "consultation": "低保公示内容为申请人姓名、家庭人口和拟保障金额，公示期为七天",
    "help": "宅基地审批档案由自然资源所保管，可携带身份证件到所里查阅",
    "suggestion": "感谢您的建议，门户网站已增设政策解读栏目",
    "investigation": "经调查核实，修路费用账目公开有误，已责成村委会重新公示",
    "difficult": "经区政府办公室审核，征地补偿款发放情况已分村组公开，并在公开栏张贴",
    "message": "本机关政府信息公开指南已在门户网站“政府信息公开”栏目发布，也可到办公室索取纸质版",
}


def _handler_for(subject: str, k: int) -> str:
    units = [u for u in settings.units() if u != subject and subject not in u] or settings.units()
    preferred = [u for u in HANDLERS if u in units]
    return (preferred or units)[k % len(preferred or units)]


def _case(staff: dict, rng: random.Random, received: dt.date, k: int, end: str) -> str:
    clerk, head, leader = staff["zhangming"], staff["lihua"], staff["wangqiang"]
    if end == "review":  # only a 重难件 goes to the district for review
        k = next(i for i in range(k, k + len(MATTERS)) if MATTERS[i % len(MATTERS)][0] == "difficult")
    category, report_type, title, content, subject, person = MATTERS[k % len(MATTERS)]
    name, phone, address = PEOPLE[rng.randrange(len(PEOPLE))]
    anonymous = k % 7 == 3
    data = {"channel": catalog.CHANNELS[k % len(catalog.CHANNELS)], "category": category, "report_type": report_type,
            "received_at": dt.datetime.combine(received, dt.time(8 + k % 2, 10 * (k % 6))),
            "anonymous": anonymous, "confidential": category == "report" or k % 5 == 0,
            "complainant_name": "" if anonymous else name, "complainant_phone": phone,
            "complainant_address": "" if anonymous else address, "subject_unit": subject, "subject_person": person,
            "title": title, "content": content}
    day = received
    if end == "on_spot":
        data.update(on_spot=True, on_spot_reply=REPLIES[category], reply_method="当面答复")
        data["category"] = "consultation"
        with _on(day):
            return cases.create(clerk, data, source="demo")["number"]
    with _on(day):
        made = cases.create(clerk, data, source="demo")
    cid, due = made["id"], made["due_date"]
    if end == "accepted":
        return made["number"]
    day += dt.timedelta(days=1)
    with _on(day):
        handling.act(head, cid, "register", unit=_handler_for(subject, k))
    if end == "registered":
        return made["number"]
    if end.startswith("transferred"):
        with _on(day + dt.timedelta(days=1)):
            handling.act(clerk, cid, "transfer_out", "属于县自然资源局的职责，按职责转交办理", target="某某县自然资源局")
            if end == "transferred_archived":
                handling.act(clerk, cid, "archive")
        return made["number"]
    if k % 5 == 2:  # handed on within the office: never to the unit complained about
        with _on(day):
            other = _handler_for(subject, k + 1)
            if other != _handler_for(subject, k):
                handling.act(clerk, cid, "transfer", "按职责由该科室承办", unit=other)
    day += dt.timedelta(days=1)
    with _on(day):
        handling.act(clerk, cid, "investigate", "调取相关材料，约谈承办人员")
        if k % 4 == 0:
            handling.act(leader, cid, "instruct", "请认真核实，依法依规答复", leader=leader.display_name)
    if end == "investigating":
        return made["number"]
    if category == "difficult":
        day += dt.timedelta(days=1)
        with _on(day):
            handling.act(clerk, cid, "refer_review", "报送区政府办公室审核答复意见")
        if end == "review":
            return made["number"]
        day += dt.timedelta(days=3)
        with _on(day):
            handling.act(clerk, cid, "review_done", "同意以承办单位名义答复")
    if end in ("supervised", "supervised_late") or k % 3 == 0:
        day += dt.timedelta(days=1)
        with _on(day):
            handling.act(head, cid, "supervise", "请加快办理，按期答复", reply_due=due_only(day, 2))
        if end.startswith("supervised"):
            return made["number"]
        day += dt.timedelta(days=1)
        with _on(day):
            handling.act(clerk, cid, "supervise_reply", "已完成调查，正在起草答复意见")
    late = k % 6 == 5
    reply_day = max(day + dt.timedelta(days=1), (due + dt.timedelta(days=4)) if late else (due - dt.timedelta(days=1)))
    if end == "overdue" or reply_day > clock.today():
        return made["number"]
    with _on(reply_day):
        handling.act(clerk, cid, "reply", REPLIES[category], method=catalog.REPLY_METHODS[k % 2])
    if end == "replied":
        return made["number"]
    archive_day = reply_day + dt.timedelta(days=2)
    if archive_day <= clock.today():
        with _on(archive_day):
            handling.act(clerk, cid, "archive")
    return made["number"]


RECENT = {"accepted": (1, 12), "registered": (3, 15), "investigating": (4, 25), "supervised": (5, 20),
          "supervised_late": (10, 25), "review": (6, 20), "replied": (30, 50), "transferred": (3, 20),
          "archived": (30, 60), "overdue": (30, 45), "on_spot": (1, 30)}


def make_cases(staff: dict, seed: int, years: int = 3) -> str:
    rng = random.Random(seed)
    today = clock.today()
    plans: list[tuple[dt.date, int, str]] = []
    for y in range(today.year - years, today.year):
        for k in range(12):
            received = dt.date(y, 1 + k, rng.randint(3, 20))
            end = "archived" if k else "archived_first"
            plans.append((received, k + y, "on_spot" if k == 4 else "transferred_archived" if k == 9 else end))
    # recent cases, six at every step, received between ``lo`` and ``hi`` days ago (so that some are overdue)
    for i, (end, (lo, hi)) in enumerate(RECENT.items()):
        for j in range(6):
            plans.append((today - dt.timedelta(days=lo + (hi - lo) * j // 5), 3 * j + i, end))
    made = 0
    for received, k, end in plans:
        _case(staff, rng, received, k, end)
        made += 1
    return f"{made}件举报投诉"
