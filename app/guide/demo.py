"""演示数据 for the 政府信息公开指南 and the 公开事项标准目录, made through the real services: a standard catalogue set
up two years ago and adjusted since (a law revised, an element changed, an item removed), one adjustment waiting
for review, and an issued guide with its office-written paragraphs."""
from __future__ import annotations

import datetime as dt

from app import clock
from app.guide import service, standard
from app.publication.demo import _on

PHONE = "0871-12345678"
ITEMS = [
    # name, 公开依据, 公开栏目 / 公开目录类别, 公开内容, 公开时限, the 科室 when the office has it
    ("机构职能", "《中华人民共和国政府信息公开条例》第二十条第（一）项", "机构职能",
     "机构设置、职能、办公地址、办公时间、联系方式、负责人姓名", "信息形成或者变更之日起20个工作日内", "党政综合办"),
    ("财政预决算", "《中华人民共和国预算法》第十四条", "财政管理", "部门预算、决算及报表，“三公”经费", "每年", "财政所"),
    ("政府工作动态", "《中华人民共和国政府信息公开条例》第二十条", "工作动态", "本机关重要会议、重点工作进展", "每月", "党政综合办"),
    ("统计信息", "《中华人民共和国统计法》第二十六条", "统计信息", "国民经济和社会发展统计数据", "每季度", "党政综合办"),
    ("最低生活保障", "《社会救助暂行办法》第十条", "财政管理", "低保标准、对象、资金发放情况", "每季度", "社会事务办"),
    ("宅基地审批", "《中华人民共和国土地管理法》第六十二条", "行政职权", "审批依据、条件、程序、结果", "信息形成或者变更之日起20个工作日内", "自然资源所"),
    ("人事任免", "《党政领导干部选拔任用工作条例》", "人事信息", "任免决定、公务员招录", "信息形成之日起20个工作日内", "党政综合办"),
    ("应急管理", "《中华人民共和国突发事件应对法》第七条", "应急监察", "应急预案、预警信息、应对情况", "即时公开", "党政综合办"),
]
TEXTS = {
    "duties": "党政综合办负责本机关政府信息公开的日常工作，承担政府信息公开申请的受理、登记和答复。\n"
              "各科室（股室）负责本科室职责范围内政府信息的公开属性认定、起草和更新。",
    "other": "本指南自印发之日起施行，可在本机关政府信息公开查阅场所和政府网站查阅。",
}


def make_catalogue(staff: dict, seed: int) -> str:
    from app import settings
    from db.models import StandardItem
    if StandardItem.select().exists():  # a second demo run: one catalogue and one guide are enough
        return "公开事项标准目录已有演示数据，未再生成"
    clerk, head = staff["zhangming"], staff["lihua"]
    units = settings.units()
    today = clock.today()
    start = dt.date(today.year - 2, 3, 15)
    ids = {}
    with _on(start):
        for name, basis, category, content, limit, u in ITEMS:
            data = {"name": name, "channel": "政府网站、政务公开栏", "basis": basis, "section": category,
                    "subject": "本机关", "content": content, "manner": "主动公开", "time_limit": limit,
                    "phone": PHONE, "unit": u if u in units else units[0], "category": category}
            adj = standard.propose(clerk, "add", data, reason="other", note="依据县级公开事项标准目录梳理")
            ids[name] = (standard.review(head, adj["id"], True, "同意", source="demo")["item_id"], data)
    with _on(dt.date(today.year - 1, 4, 20)):  # 社会救助暂行办法 replaced: 依据 revised
        item_id, data = ids["最低生活保障"]
        adj = standard.propose(clerk, "change", {**data, "basis": "《社会救助暂行办法》第十条、第十三条"}, item_id,
                               reason="law_revised", note="社会救助相关规定修订")
        standard.review(head, adj["id"], True, "同意", source="demo")
    with _on(dt.date(today.year, 2, 10)):  # an element changed; an item removed
        item_id, data = ids["政府工作动态"]
        adj = standard.propose(clerk, "change", {**data, "channel": "政府网站、政务新媒体"}, item_id, reason="elements")
        standard.review(head, adj["id"], True, "同意", source="demo")
        item_id, _ = ids["应急管理"]
        adj = standard.propose(clerk, "remove", item_id=item_id, reason="other", note="并入县级应急管理事项目录")
        standard.review(head, adj["id"], True, "同意", source="demo")
    item_id, data = ids["人事任免"]  # waiting for the leading group's office
    standard.propose(clerk, "change", {**data, "time_limit": "信息形成之日起10个工作日内"}, item_id,
                     reason="law_revised", note="按新规定缩短公开时限")
    service.save_texts(clerk, TEXTS)
    service.issue(clerk, "首次印发", source="demo")
    return f"公开事项标准目录 {len(ITEMS)} 项（调整 {len(ITEMS) + 4} 次，1 项待审核），政府信息公开指南 1 版"
