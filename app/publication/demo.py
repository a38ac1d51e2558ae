"""演示数据 for 发布审核: items over several years in every stage — published (some 规范性文件 later repealed), returned
and resubmitted, parked at 需报审, waiting for a 协调函, withheld, withdrawn — made through the real services, with the
screen's findings on some (an ID number in an attached .docx among them)."""
from __future__ import annotations

import contextlib
import datetime as dt
import random
import tempfile
from pathlib import Path

from app import clock
from app.publication import catalog, coordination, corrections, items, participation, proofing, records, review
from app.workdays.deadlines import due_only

TITLES = [
    ("official_document", "关于印发{year}年度政务公开工作要点的通知", "政务公开工作要点", "决策信息"),
    ("work_news", "{year}年第{n}季度安全生产检查情况", "安全生产检查", "工作动态"),
    ("normative", "某某县农村宅基地管理暂行办法（{year}年）", "宅基地管理", "法规规章"),
    ("official_document", "关于调整{year}年城乡居民最低生活保障标准的通知", "低保标准", "财政管理"),
    ("work_news", "县领导调研{year}年春耕生产工作", "春耕生产", "领导动态"),
    ("major_decision", "{year}年城区停车收费调整方案（征求意见稿）", "停车收费", "决策信息"),
    ("other", "{year}年度部门预算公开说明", "部门预算", "财政管理"),
    ("normative", "某某县城镇老旧小区改造资金管理办法（{year}年）", "老旧小区", "法规规章"),
]
CONTENT = ("为进一步做好{topic}工作，现将有关事项通知如下。\n"
           "一、各单位要高度重视，明确责任分工，按时完成各项任务。\n"
           "二、咨询电话：0877-1234567。")
PRIVATE = "附件名单：王建国 某某县城关镇人民路12号\n李秀英 某某县城关镇新街村三组\n"


@contextlib.contextmanager
def _on(day: dt.date):
    """The demo writes a history years long: each step is taken "on" its day (the services date their records by
    the clock), and the clock is given back afterwards."""
    saved = clock._frozen
    clock.freeze(dt.datetime.combine(day, dt.time(10, 0)))
    try:
        yield
    finally:
        clock.freeze(saved)


def _docx(folder: Path, name: str, line: str) -> str:
    import docx
    doc = docx.Document()
    doc.add_paragraph("低保对象公示名单")
    doc.add_paragraph(line)
    path = folder / name
    doc.save(path)
    return str(path)


def make_items(staff: dict, seed: int, years: int = 3) -> str:
    rng = random.Random(seed)
    drafter, editor, head = staff["zhangming"], staff["liuyang"], staff["lihua"]
    secrecy, leader = staff["sunli"], staff["wangqiang"]
    today = clock.today()
    units = catalog.units()
    plans = []
    for y in range(today.year - years, today.year + 1):
        for k, (kind, title, topic, category) in enumerate(TITLES):
            formed = dt.date(y, 1 + (k * 3 + rng.randint(0, 2)) % 12, rng.randint(1, 25))
            if formed > today - dt.timedelta(days=45):
                continue
            plans.append((kind, title.format(year=y, n=1 + k % 4), topic, category, formed, "published"))
    # recent items, left in every stage of the chain
    shown = ["draft", "first_review", "second_review", "secrecy_finding", "final_review_major", "ready", "parked",
             "coordination", "returned", "withheld", "withdrawn", "resubmitted", "corrected"]
    for i, end in enumerate(shown):
        kind, title, topic, category = TITLES[i % len(TITLES)]
        formed = today - dt.timedelta(days=20 + 2 * i)
        plans.append((kind, title.format(year=today.year, n=4) + ("（补充）" if i >= len(TITLES) else ""), topic,
                      category, formed, end))
    made = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind, title, topic, category, formed, end in plans:
            day = formed

            def step():
                nonlocal day
                day = min(today, due_only(day, 1))
                return _on(day)

            with _on(day):
                data = {"title": title, "kind": kind, "unit": rng.choice(units), "formed_date": formed,
                        "category": category, "attribute": "proactive", "content": CONTENT.format(topic=topic),
                        "doc_number": f"某政发〔{formed.year}〕{made + 1}号" if kind in catalog.DOCUMENT_KINDS else "",
                        "disclosure_manner": "网站公开", "disclosure_scope": "社会公众",
                        "major": end == "final_review_major"}
                if end == "secrecy_finding":
                    data["content"] += "\n" + PRIVATE
                item_id = items.create(drafter, data, source="demo")["id"]
                made += 1
                if kind == "major_decision":
                    participation.set_period(drafter, item_id, formed, due_only(formed, 9), "电子邮件或信函",
                                             "办公室 0877-1234567")
                if end == "secrecy_finding":
                    items.add_file(drafter, item_id, _docx(folder, "公示名单.docx", "户主：张三，身份证号码：11010519491231002X，人口2人。"))
            if end == "draft":
                continue
            with step():
                review.submit(drafter, item_id, confirm_content=True)
            if end == "first_review":
                continue
            if end in ("returned", "resubmitted"):
                with step():
                    review.act(editor, item_id, "return", reason="标题与正文不一致，请核对后重新提交")
                if end == "returned":
                    continue
                with step():
                    items.update(drafter, item_id, {"title": title + "（修改稿）"})
                    review.submit(drafter, item_id, confirm_content=True)
            with step():
                review.act(editor, item_id, "approve", opinion="文字无误")
            if end == "second_review":
                continue
            with step():
                review.act(head, item_id, "approve", opinion="内容属实，依据充分")
            if end == "secrecy_finding":
                _leave_findings_half_done(secrecy, drafter, item_id, folder)
                continue
            if end == "parked":
                with step():
                    review.act(secrecy, item_id, "refer", data={"authority": "某某县保密局"})
                continue
            if end == "withheld":
                with step():
                    review.act(secrecy, item_id, "withhold", reason="涉及尚未公开的工作安排",
                               data={"opinion": "exempt"})
                continue
            with step():
                for finding in review.open_findings(records.get(item_id)):  # the office's own 咨询电话
                    review.resolve_finding(secrecy, finding.id, "allowed", "本机关对外公布的咨询电话，可以公开")
                review.act(secrecy, item_id, "approve", opinion="经审查不涉及国家秘密和工作秘密，同意公开")
            if end in ("corrected", "final_review_major"):  # 三校 recorded on some
                for k in range(3):
                    with step():
                        proofing.proofread(editor, item_id, "第一段“工做”改为“工作”" if k == 0 else "无")
            if end == "final_review_major":
                continue
            with step():
                review.act(leader, item_id, "approve", opinion="同意发布")
            if end == "ready":
                continue
            if end == "coordination":
                with step():
                    coordination.send(drafter, item_id, "县自然资源局")
                continue
            with step():
                review.publish(drafter, item_id, day, "门户网站", f"http://www.example.gov.cn/zwgk/{made:05d}.html")
            if kind == "normative" and formed.year < today.year - 1 and made % 2:
                with _on(dt.date(formed.year + 1, 6, 30)):
                    items.record_repeal(drafter, item_id, clock.today(), f"已被{formed.year + 1}年新办法替代")
            if end == "withdrawn":
                with step():
                    review.withdraw(drafter, item_id, "发布后发现附件版本错误，先行撤回，已报分管领导")
                with step():
                    corrections.emergency_report(drafter, item_id, "撤回后核对附件，已于当日书面报告分管领导")
            if end == "corrected":
                with step():
                    rid = corrections.propose(drafter, item_id, "correct", "执行日期更正为次月1日", "原文执行日期有误")["id"]
                with step():
                    corrections.approve(leader, rid, day, "门户网站")
    return f"{made} 条待发布信息（各审核环节）"


def _leave_findings_half_done(secrecy, drafter, item_id: int, folder: Path) -> None:
    """An item at 保密审查 whose screen found an ID number in the attached .docx: the reviewer has stored the cleaned
    version and marked that one 已处理; the name and address list in the text is still open."""
    from db.models import ScreenFinding
    from app.publication.items import current_files
    f = next(x for x in current_files(item_id) if x.name.endswith(".docx"))
    items.new_file_version(secrecy, f.id, _docx(folder, "公示名单（已删除证件号码）.docx", "户主：张某，人口2人。"),
                           "删除身份证号码")
    for finding in ScreenFinding.select().where((ScreenFinding.item == item_id) & (ScreenFinding.kind == "id_number")):
        review.resolve_finding(secrecy, finding.id, "fixed", "已删除身份证号码，上传新版本")

