"""What every 举报投诉 service shares: reading a case (with a row lock on server engines), its snapshot for the audit,
its history entries and its clock — the category's working days on the official calendar from the day after
receipt (seed 001 政民互动管理制度第四条; DOMAIN.md §1)."""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock
from app.actor import Actor
from app.complaints import catalog
from app.errors import NotFound
from app.workdays.deadlines import due_date
from db.connection import is_sqlite
from db.models import ComplaintCase, ComplaintEvent, ComplaintFile, ComplaintSupervision, IdentityView

ENTITY = "complaint_case"
LABELS = {
    "number": "编号", "channel": "来源渠道", "received_at": "收到时间", "received_date": "收到日期", "category": "类别",
    "report_type": "举报事项", "complainant_name": "举报投诉人", "complainant_phone": "联系电话",
    "complainant_address": "住址", "complainant_email": "电子邮箱", "anonymous": "匿名", "confidential": "要求保密",
    "subject_unit": "被举报投诉单位", "subject_person": "被举报投诉人员", "title": "事由", "content": "内容",
    "handling_unit": "承办科室", "state": "状态", "due_date": "办理期限", "due_provisional": "期限暂定",
    "on_spot": "当场答复", "transfer_target": "转办单位", "reply_text": "答复内容", "reply_method": "答复方式",
    "reply_date": "答复日期", "archived_date": "归档日期", "request_id": "关联的申请", "info_item_id": "关联的信息",
}
audit.register_labels(entities={ENTITY: "举报投诉"}, fields={ENTITY: LABELS})
# A case's history, files, 督办 and the log of views of its complainant's identity are sealed into each of its audit
# rows, so that ``check`` finds one changed outside the program (app/audit.py, seals).
audit.register_seal(ENTITY, audit.dependents_seal(ComplaintCase, ComplaintCase.number, [
    (ComplaintEvent, ComplaintEvent.case), (ComplaintFile, ComplaintFile.case),
    (ComplaintSupervision, ComplaintSupervision.case), (IdentityView, IdentityView.case)]))
SNAPSHOT_FIELDS = tuple(k for k in LABELS)


def get(case_id: int, lock: bool = False) -> ComplaintCase:
    query = ComplaintCase.select().where(ComplaintCase.id == case_id)
    if lock and not is_sqlite():
        query = query.for_update()
    row = query.first()
    if row is None:
        raise NotFound("找不到该举报投诉")
    return row


def by_number(number: str) -> ComplaintCase:
    row = ComplaintCase.get_or_none(ComplaintCase.number == str(number).strip())
    if row is None:
        raise NotFound(f"没有编号为“{number}”的举报投诉")
    return row


def snapshot(case: ComplaintCase) -> dict:
    out = {}
    for f in SNAPSHOT_FIELDS:
        v = getattr(case, f)
        out[f] = v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
    return out


def add_event(actor: Actor, case: ComplaintCase, action: str, from_state, to_state, note: str = "",
              data: dict | None = None, restricted: bool = False, event_date: dt.date | None = None) -> ComplaintEvent:
    return ComplaintEvent.create(case=case.id, ts=clock.now(), event_date=event_date or clock.today(),
                                 user=actor.user_id, username=actor.username, display_name=actor.display_name,
                                 action=action, from_state=from_state, to_state=to_state, note=note,
                                 restricted=restricted, data=json.dumps(data or {}, ensure_ascii=False, default=str))


def save_with_audit(actor: Actor, case: ComplaintCase, before: dict | None, action: str) -> None:
    case.updated_at = clock.now()
    case.save()
    audit.record(actor, action, ENTITY, case.number, before=before, after=snapshot(case))


# ---- the clock ------------------------------------------------------------------------------------------------
def deadline(received: dt.date, category: str):
    """The reply deadline of a case of ``category`` received on ``received``, explained like a request's."""
    return due_date(received, catalog.days_for(category))


def explain(case: ComplaintCase) -> tuple[str, ...]:
    d = deadline(case.received_date, case.category)
    c = catalog.CATEGORIES.get(case.category)
    head = f"{catalog.category_label(case.category)}：{d.working_days}个工作日（{c.basis if c else ''}）"
    return (head,) + tuple(s.replace("收到申请", "收到") for s in d.steps)


def refresh_clock(case: ComplaintCase) -> None:
    """The due date of the case's category and whether it rests on a provisional (暂定) calendar year; it stays once
    the case is answered, so that the answer can be judged on time or late."""
    d = deadline(case.received_date, case.category)
    case.due_date, case.due_provisional = d.due, d.provisional
