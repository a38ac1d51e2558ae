"""演示数据 for 监督员: two supervisors (one renewed, one whose term ends within 60 days), the first linked to the demo
supervisor account; opinions left in every step, some about archive records; last year's opinions, one given to each
unit and told back to the supervisor (one of them late), so that the assessment of last year has the figure of every
unit; quarterly briefings with one quarter missing, and a work meeting with attendance — made through the real
services."""
from __future__ import annotations

import datetime as dt
import random

from app import clock, modules, settings
from app.supervisors import briefings, catalog, opinions, roster
from db.models import InfoItem, Request, Supervisor

SUPERVISORS = [
    {"name": "杨建华", "sex": "男", "contact": "13800001111", "constituency": "npc_deputy", "unit": "某某县第一中学"},
    {"name": "周丽萍", "sex": "女", "contact": "13900002222", "constituency": "mass_org", "unit": "某某县妇女联合会"},
]
OPINIONS = [
    ("依申请公开", "部分答复告知书引用条款不够具体，建议写明条例的条、款、项。", "requests"),
    ("主动公开", "公开目录中部分财政预算信息发布时间晚于规定期限，建议及时公开。", "publication"),
    ("政府网站和公开平台", "政府网站政务公开专栏的咨询电话已变更，页面仍为旧号码。", None),
    ("政策解读和回应关切", "低保标准调整的政策解读过于简略，建议增加图解。", "publication"),
    ("政务公开制度建设", "建议在便民服务中心设置政务公开查阅点并公布开放时间。", None),
    ("依申请公开", "建议在答复中告知申请人获取信息的具体方式和时间。", "requests"),
]


def _subject(view: str | None, rng: random.Random) -> tuple[str | None, int | None]:
    if view == "requests":
        ids = [r.id for r in Request.select(Request.id).where(Request.state.in_(("replied", "delivered", "archived")))
               .limit(50)]
    elif view == "publication":
        ids = [r.id for r in InfoItem.select(InfoItem.id).where(InfoItem.stage == "published").limit(50)]
    else:
        return None, None
    if not ids or modules.archive_view(view) is None:
        return None, None
    return view, rng.choice(ids)


def make(staff: dict, seed: int) -> str:
    if Supervisor.select().where(Supervisor.source == "demo").exists():
        return "监督员演示数据已有，未再生成"  # a second demo run adds requests, not a second roster
    rng = random.Random(seed)
    head, clerk, account = staff["lihua"], staff["zhangming"], staff["zhaomin"]
    today = clock.today()
    years = settings.get("supervisors.term_years")
    # One appointed more than a term ago and renewed; one whose first term ends within 60 days.
    first = today - dt.timedelta(days=365 * years + 120)
    a = roster.appoint(head, {**SUPERVISORS[0], "appointed_date": first}, source="demo")["id"]
    roster.record_filing(head, a, first + dt.timedelta(days=10), "某政公开办备〔%d〕1号" % first.year, seq=1)
    roster.renew(head, a)
    second = catalog.add_years(today, -years) + dt.timedelta(days=40)
    b = roster.appoint(head, {**SUPERVISORS[1], "appointed_date": second}, source="demo")["id"]
    roster.record_filing(head, b, second + dt.timedelta(days=12), "某政公开办备〔%d〕3号" % second.year)
    roster.link_user(head, a, account.user_id)
    # Opinions in every step: registered, transferred (one overdue), answered, reported, cannot be done for now.
    units = settings.units()
    ends = ["reported", "cannot", "answered", "transferred", "transferred_overdue", "registered"]
    made = 0
    for i, ((category, content, view), end) in enumerate(zip(OPINIONS, ends)):
        received = today - dt.timedelta(days=[90, 70, 40, 8, 45, 2][i])
        subject_view, subject_id = _subject(view, rng)
        oid = opinions.register(clerk, {"supervisor_id": (a, b)[i % 2], "received_date": received,
                                        "channel": ("email", "phone", "letter", "in_person")[i % 4],
                                        "content": content, "category": category,
                                        "priority": "high" if i == 1 else "normal", "subject_view": subject_view,
                                        "subject_id": subject_id}, source="demo")["id"]
        made += 1
        if end == "registered":
            continue
        transferred = received + dt.timedelta(days=1)
        opinions.transfer(clerk, oid, units[i % len(units)], transferred)
        if end.startswith("transferred"):
            continue
        answered = transferred + dt.timedelta(days=7)
        if end == "cannot":
            opinions.cannot(clerk, oid, "查阅点需改造场地，已列入明年计划，暂时落实不了", "电话", answered + dt.timedelta(days=2))
            continue
        opinions.answer(clerk, oid, "已按意见整改，并在下一批答复中执行。", answered)
        if end == "reported":
            opinions.report(clerk, oid, "书面", answered + dt.timedelta(days=3), "监督员表示满意")
    made += _last_year(clerk, a, units, today)
    # Quarterly briefings since the first appointment, one quarter (the one before last) missing.
    quarters = catalog.quarters_between(first, today)[:-1]
    skipped = quarters[-2] if len(quarters) >= 2 else None
    n_briefings = 0
    for y, q in quarters:
        if (y, q) == skipped:
            continue
        held = min(catalog.quarter_end(y, q) + dt.timedelta(days=5), today)
        briefings.create(clerk, {"kind": "briefing", "year": y, "quarter": q, "held_date": held,
                                 "title": f"{catalog.quarter_label(y, q)}政务公开工作通报",
                                 "content": "本季度受理依申请公开、主动公开信息发布及监督意见落实情况。"}, source="demo")
        n_briefings += 1
    meeting = briefings.create(clerk, {"kind": "meeting", "held_date": today - dt.timedelta(days=30),
                                       "title": "政务公开工作推进会", "place": "县政府三楼会议室",
                                       "content": "部署本年度政务公开重点工作，听取监督员意见。"}, source="demo")["id"]
    briefings.set_attendance(clerk, meeting, a, True)
    briefings.set_attendance(clerk, meeting, b, False, "因公出差请假")
    return f"2名监督员、{made}件监督意见、{n_briefings}次季度通报和1次工作会议"


def _last_year(clerk, supervisor_id: int, units: list[str], today: dt.date) -> int:
    """One opinion per unit, received from March of last year on, transferred the next day and told back three days
    after the unit's answer; the second unit answers after its due date, so it is told back late."""
    year = today.year - 1
    for i, unit in enumerate(units):
        received = dt.date(year, 3 + i % 9, 10)
        oid = opinions.register(clerk, {"supervisor_id": supervisor_id, "received_date": received,
                                        "channel": ("email", "letter")[i % 2], "category": "依申请公开",
                                        "content": f"建议{unit}在答复告知书中写明救济途径和期限。"}, source="demo")["id"]
        due = opinions.transfer(clerk, oid, unit, received + dt.timedelta(days=1))
        answered = due + dt.timedelta(days=5) if i == 1 else received + dt.timedelta(days=6)
        opinions.answer(clerk, oid, "已在答复模板中补充救济途径和期限。", answered)
        opinions.report(clerk, oid, "书面", answered + dt.timedelta(days=3), "监督员表示满意")
    return len(units)
