"""监督建议和意见 (seed 001 三(四), 四(二)): 登记 → 转办 (to a unit, with a due date on the official calendar) → 反馈
(the unit's answer) → 通报 (told back to the supervisor, how and when). An opinion that cannot be carried out for now
records why and that the supervisor was told (因特殊原因暂时落实不了的，应当告知有关具体情况). Each opinion may link to the
archive record it is about.

The steps are declared once, in ``STEPS``: the service checks a step against it and the window's buttons read it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app import audit, clock, modules, numbering, settings, validators
from app.actor import Actor
from app.errors import InvalidState, PermissionDenied, Problems
from app.permissions import PERMISSIONS, require
from app.supervisors import archive, catalog, records, roster
from app.workdays.calendar import current
from app.workdays.deadlines import due_only
from db.connection import write_transaction
from db.models import Opinion, Supervisor

STAGES: dict[str, str] = {"registered": "已登记", "transferred": "已转办", "answered": "已反馈", "reported": "已通报",
                          "cannot": "暂不能落实（已告知）"}
OPEN = ("registered", "transferred", "answered")
ACTIONS: dict[str, str] = {"register": "登记", "transfer": "转办", "answer": "登记反馈", "report": "通报监督员",
                           "cannot": "暂不能落实"}


@dataclass(frozen=True)
class Step:
    stage: str
    action: str
    to: str
    permission: str = "supervisor.opinion"


STEPS: dict[tuple[str, str], Step] = {(s.stage, s.action): s for s in (
    Step("registered", "transfer", "transferred"),
    Step("transferred", "answer", "answered"),
    Step("answered", "report", "reported"),
    *(Step(stage, "cannot", "cannot") for stage in OPEN),
)}

audit.register_labels(actions={f"opinion.{a}": f"监督意见{label}" for a, label in ACTIONS.items()}
                      | {"opinion.submit": "监督员提交意见"},
                      fields={"supervisor_opinion": {"number": "编号", "received_date": "收到日期", "channel": "渠道",
                                                     "content": "内容", "category": "类别", "priority": "重点",
                                                     "stage": "环节", "unit": "承办科室", "due_date": "办理期限",
                                                     "answer": "反馈", "report_method": "通报方式",
                                                     "reported_date": "通报日期", "cannot_reason": "暂不能落实的原因"}})


def step_for(stage: str, action: str, permissions) -> Step:
    step = STEPS.get((stage, action))
    if step is None:
        raise InvalidState(f"“{STAGES.get(stage, stage)}”的监督意见不能“{ACTIONS.get(action, action)}”")
    if step.permission not in permissions:
        raise PermissionDenied(f"没有「{PERMISSIONS[step.permission]}」的权限")
    return step


def actions_for(stage: str, permissions) -> list[tuple[str, str]]:
    return [(s.action, ACTIONS[s.action]) for (st, _), s in STEPS.items() if st == stage and s.permission in permissions]


def _subject(actor: Actor, view_name: str | None, record_id: int | None, p: Problems) -> tuple[str, int | None, str]:
    """The archive record an opinion is about, named as the archive shows it."""
    if not view_name:
        return "", None, ""
    view = modules.archive_view(view_name)
    if view is None or record_id is None:
        p.add("所涉记录", "找不到该记录")
        return "", None, ""
    return view_name, int(record_id), archive.record_label(view, view.detail(actor, int(record_id)))


def _clean(actor: Actor, data: dict, p: Problems) -> dict:
    clean = {"content": str(data.get("content") or "").strip(), "category": str(data.get("category") or "").strip(),
             "priority": data.get("priority") or "normal"}
    if not clean["content"]:
        p.add("意见内容", "不能为空")
    if clean["category"] and clean["category"] not in catalog.CATEGORIES:
        p.add("类别", "请选择" + "、".join(catalog.CATEGORIES))
    if clean["priority"] not in catalog.PRIORITIES:
        p.add("重点", "应为一般或重点")
    view, rid, label = _subject(actor, data.get("subject_view"), data.get("subject_id"), p)
    clean.update(subject_view=view, subject_id=rid, subject_label=label)
    return clean


def _create(actor: Actor, clean: dict, supervisor_id: int | None, received: dt.date, channel: str, action: str,
            source: str) -> dict:
    now = clock.now()
    with write_transaction():
        number = numbering.issue("opinion", received.year)
        row = Opinion.create(number=number, supervisor=supervisor_id, received_date=received, channel=channel,
                             stage="registered", created_by=actor.user_id, source=source, created_at=now,
                             updated_at=now, **clean)
        records.add_event(actor, row, "register", None, "registered", note=catalog.CHANNELS[channel],
                          event_date=received)
        audit.record(actor, action, "supervisor_opinion", number, after=records.snapshot(row, records.OPINION_FIELDS))
    return {"id": row.id, "number": number}


def register(actor: Actor, data: dict, source: str = "entered") -> dict:
    """登记 an opinion the office received by e-mail, phone, letter or in person."""
    require(actor, "supervisor.opinion")
    if source not in ("entered", "demo"):
        raise ValueError(f"unknown source {source!r}")
    p = Problems()
    received = validators.parse_date(data.get("received_date"), "收到日期", p)
    if received and received > clock.today():
        p.add("收到日期", "不能晚于今天")
    channel = data.get("channel")
    if channel not in catalog.CHANNELS:
        p.add("渠道", "请选择电子邮箱、电话、信函或面谈")
    sup = data.get("supervisor_id")
    if sup in (None, ""):
        p.add("监督员", "请选择提出意见的监督员")
    elif Supervisor.get_or_none(Supervisor.id == sup) is None:
        p.add("监督员", "找不到该监督员")
    clean = _clean(actor, data, p)
    p.raise_if_any()
    return _create(actor, clean, int(sup), received, channel, "opinion.register", source)


def submit(actor: Actor, data: dict) -> dict:
    """A supervisor files an opinion in the program (from any archive record, linked to it): it enters the register."""
    require(actor, "supervisor.submit")
    me = roster.of_user(actor)
    if me is None and not actor.is_system:
        raise PermissionDenied(f"{actor.display_name}的账户没有关联在任的监督员，不能提交意见（请办公室在监督员名册中关联）")
    p = Problems()
    clean = _clean(actor, data, p)
    p.raise_if_any()
    return _create(actor, clean, me.id if me else data.get("supervisor_id"), clock.today(), "program",
                   "opinion.submit", "entered")


def _due(transferred: dt.date, days: int) -> tuple[dt.date, bool]:
    due = due_only(transferred, days)
    cal = current()
    return due, any(not cal.is_official(y) for y in range(transferred.year, due.year + 1))


def refresh_due(row: Opinion) -> None:
    if row.stage == "transferred" and row.transferred_date and row.due_days:
        row.due_date, row.due_provisional = _due(row.transferred_date, row.due_days)


def _take(actor: Actor, opinion_id: int, action: str, change, day: dt.date, note: str) -> None:
    row = records.opinion(opinion_id)
    step = step_for(row.stage, action, actor.permissions)
    before = records.snapshot(row, records.OPINION_FIELDS)
    with write_transaction():
        row = records.opinion(opinion_id, lock=True)
        step = step_for(row.stage, action, actor.permissions)
        change(row)
        stage = row.stage
        row.stage = step.to
        row.updated_at = clock.now()
        row.save()
        records.add_event(actor, row, action, stage, step.to, note=note, event_date=day)
        audit.record(actor, f"opinion.{action}", "supervisor_opinion", row.number, before=before,
                     after=records.snapshot(row, records.OPINION_FIELDS))


def _day(value, label: str, not_before: dt.date, before_label: str, p: Problems) -> dt.date | None:
    day = validators.parse_date(value, label, p)
    if day and day > clock.today():
        p.add(label, "不能晚于今天")
    elif day and day < not_before:
        p.add(label, f"不能早于{before_label}（{not_before.isoformat()}）")
    return day


def transfer(actor: Actor, opinion_id: int, unit: str, transferred: dt.date, days: int | None = None) -> dt.date:
    """转办 to a unit; the due date is ``days`` working days after it on the official calendar."""
    require(actor, "supervisor.opinion")
    row = records.opinion(opinion_id)
    step_for(row.stage, "transfer", actor.permissions)
    p = Problems()
    unit = str(unit or "").strip()
    if unit not in settings.units():
        p.add("承办科室", f"“{unit}”不在本机关的科室名单中（系统设置 → 本机关）" if unit else "请选择承办科室")
    day = _day(transferred, "转办日期", row.received_date, "收到日期", p)
    days = settings.get("supervisors.opinion_days") if days in (None, "") else days
    if not isinstance(days, int) or not 1 <= days <= 60:
        p.add("办理期限", "应为1至60个工作日")
    p.raise_if_any()

    def change(r):
        r.unit, r.transferred_date, r.due_days = unit, day, days
        r.stage = "transferred"
        refresh_due(r)
    _take(actor, opinion_id, "transfer", change, day, f"转{unit}办理，{days}个工作日")
    return records.opinion(opinion_id).due_date


def answer(actor: Actor, opinion_id: int, text: str, answered: dt.date) -> None:
    """反馈: what the unit did or answers."""
    require(actor, "supervisor.opinion")
    row = records.opinion(opinion_id)
    step_for(row.stage, "answer", actor.permissions)
    p = Problems()
    text = str(text or "").strip()
    if not text:
        p.add("反馈内容", "不能为空")
    day = _day(answered, "反馈日期", row.transferred_date or row.received_date, "转办日期", p)
    p.raise_if_any()

    def change(r):
        r.answer, r.answered_date = text, day
    _take(actor, opinion_id, "answer", change, day, "")


def _told(method: str, p: Problems) -> str:
    method = str(method or "").strip()
    if method not in catalog.REPORT_METHODS:
        p.add("通报方式", "请选择" + "、".join(catalog.REPORT_METHODS))
    return method


def report(actor: Actor, opinion_id: int, method: str, reported: dt.date, note: str = "") -> None:
    """通报: the result told back to the supervisor (落实情况要及时向监督员进行通报)."""
    require(actor, "supervisor.opinion")
    row = records.opinion(opinion_id)
    step_for(row.stage, "report", actor.permissions)
    p = Problems()
    method = _told(method, p)
    day = _day(reported, "通报日期", row.answered_date or row.received_date, "反馈日期", p)
    p.raise_if_any()

    def change(r):
        r.report_method, r.reported_date, r.report_note = method, day, records.text(note)
    _take(actor, opinion_id, "report", change, day, method)


def cannot(actor: Actor, opinion_id: int, reason: str, method: str, told: dt.date) -> None:
    """暂不能落实: why, and when and how the supervisor was told (seed 001 四(二))."""
    require(actor, "supervisor.opinion")
    row = records.opinion(opinion_id)
    step_for(row.stage, "cannot", actor.permissions)
    p = Problems()
    reason = records.text(reason)
    if not reason:
        p.add("原因", "请写明暂时落实不了的具体情况")
    method = _told(method, p)
    day = _day(told, "告知日期", row.answered_date or row.transferred_date or row.received_date, "上一环节日期", p)
    p.raise_if_any()

    def change(r):
        r.cannot_reason, r.report_method, r.reported_date = reason, method, day
    _take(actor, opinion_id, "cannot", change, day, reason)


def recompute_open_deadlines(actor: Actor):
    """The due dates of opinions at 转办, on the current calendar (DOMAIN.md §1 (c))."""
    from app.workdays.service import DeadlineChange
    require(actor, "calendar.manage")
    out, audited = [], []
    with write_transaction():
        for row in Opinion.select().where(Opinion.stage == "transferred"):
            old = (row.due_date, row.due_provisional)
            refresh_due(row)
            if (row.due_date, row.due_provisional) == old:
                continue
            Opinion.update(due_date=row.due_date, due_provisional=row.due_provisional).where(
                Opinion.id == row.id).execute()
            audited.append((row.number, {"due_date": old[0], "due_provisional": old[1]},
                            {"due_date": row.due_date, "due_provisional": row.due_provisional}))
            out.append(DeadlineChange("监督意见", row.id, row.number, old[0], row.due_date, old[1],
                                      row.due_provisional))
        audit.record_many(actor, "opinion.recompute", "supervisor_opinion", audited)
    return out


audit.register_labels(actions={"opinion.recompute": "重新计算监督意见办理期限"})
