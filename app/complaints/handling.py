"""办理: every step after 受理 as one service call — 登记 (the handling unit), 调查 and its notes and evidence, 转办
within the office or to another agency (never to the unit or person complained about), 督办 and the unit's answer,
a 重难件's review by the district government's office, 答复, 归档 and leaders' 批示. Each step is checked against
the step table (``steps.next_state``) and written in one transaction with its history entry and audit row."""
from __future__ import annotations

import datetime as dt

from app import audit, clock, settings
from app.actor import Actor
from app.complaints import catalog, records, steps
from app.complaints.cases import subject_conflict
from app.errors import InvalidState, ValidationError
from app.permissions import require
from app.workdays.deadlines import due_only
from db.connection import write_transaction
from db.models import ComplaintCase, ComplaintEvent, ComplaintSupervision

audit.register_labels(actions={f"complaint.{a}": label for a, label in steps.ACTIONS.items()})


def _date(value, label: str, default: dt.date | None = None) -> dt.date:
    if value in (None, "") and default is not None:
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(label, f"“{value}”不是有效日期，应如 2026-03-07") from None


def _not_future_nor_before(day: dt.date, label: str, case: ComplaintCase) -> None:
    if day > clock.today():
        raise ValidationError(label, "不能晚于今天")
    if day < case.received_date:
        raise ValidationError(label, f"不能早于收到日期（{case.received_date.isoformat()}）")


def open_supervision(case: ComplaintCase) -> ComplaintSupervision | None:
    return (ComplaintSupervision.select().where((ComplaintSupervision.case == case.id)
                                                & ComplaintSupervision.reply_date.is_null())
            .order_by(ComplaintSupervision.seq.desc()).first())


def _reviewed(case: ComplaintCase) -> bool:
    return ComplaintEvent.select().where((ComplaintEvent.case == case.id)
                                         & (ComplaintEvent.action == "review_done")).exists()


def act(actor: Actor, case_id: int, action: str, text: str = "", **data) -> dict:
    """Take step ``action`` on the case: ``text`` is the note, reason, instruction or reply; ``data`` holds the
    step's other fields (``unit``, ``target``, ``method``, ``date``, ``reply_due``, ``leader``, ``category``)."""
    require(actor, "complaint.view")
    if not any(actor.can(p) for p in steps.STEP_PERMISSIONS):
        require(actor, "complaint.handle")  # a reader (a 监督员) takes no step, whatever the case
    case = records.get(case_id)
    t = steps.next_state(case.state, action, actor.permissions, who=actor.display_name)
    text = (text or "").strip()
    if action in steps.NEEDS_TEXT and not text:
        raise ValidationError(steps.ACTIONS[action], f"应写明{t.records}")
    prepare = _PREPARE.get(action)
    change = prepare(case, text, data) if prepare else {}
    before = records.snapshot(case)
    with write_transaction():
        fresh = records.get(case_id, lock=True)
        if fresh.state != case.state:
            raise InvalidState("该举报投诉已由他人处理，请刷新后再操作")
        event_data = change.pop("_event", {})
        supervision = change.pop("_supervision", None)
        restricted = change.pop("_restricted", False)
        event_date = change.pop("_date", None)
        for key, value in change.items():
            setattr(case, key, value)
        case.state = t.to
        if "category" in change or "received_date" in change:
            records.refresh_clock(case)
        if supervision is not None:
            supervision(case, actor)
        records.add_event(actor, case, action, t.state, t.to, note=text, data=event_data, restricted=restricted,
                          event_date=event_date)
        records.save_with_audit(actor, case, before, f"complaint.{action}")
    return {"state": case.state, "due_date": case.due_date}


# ---- what each step checks and changes (before the transaction) ---------------------------------------------------
def _register(case, text, data):
    unit = str(data.get("unit") or case.handling_unit or "").strip()
    if not unit:
        raise ValidationError(records.LABELS["handling_unit"], "登记时应选择承办科室")
    if unit not in settings.units():
        raise ValidationError(records.LABELS["handling_unit"], f"“{unit}”不在本机关的科室名单中（系统设置 → 本机关）")
    why = subject_conflict(unit, "", case.subject_unit, case.subject_person)
    if why:
        raise ValidationError(records.LABELS["handling_unit"], f"不能由该科室承办：{why}")
    out = {"handling_unit": unit, "_event": {"unit": unit}}
    category = data.get("category")
    if category and category != case.category:
        if category not in catalog.CATEGORIES:
            raise ValidationError(records.LABELS["category"], "请选择类别")
        out["category"] = category
        out["_event"]["category"] = category
    return out


def _transfer(case, text, data):
    unit = str(data.get("unit") or "").strip()
    person = str(data.get("person") or "").strip()
    if unit not in settings.units():
        raise ValidationError("转办科室", "请选择本机关的科室；转本机关以外的单位请用“转外单位办理”")
    if unit == case.handling_unit and not person:
        raise ValidationError("转办科室", f"该件已由{unit}承办")
    why = subject_conflict(unit, person, case.subject_unit, case.subject_person)
    if why:
        raise ValidationError("转办科室", f"不能转办：{why}")
    return {"handling_unit": unit, "_event": {"from": case.handling_unit, "to": unit, "person": person}}


def _transfer_out(case, text, data):
    target = str(data.get("target") or "").strip()
    person = str(data.get("person") or "").strip()
    if not target:
        raise ValidationError("转办单位", "请写明转往的单位")
    why = subject_conflict(target, person, case.subject_unit, case.subject_person)
    if why:
        raise ValidationError("转办单位", f"不能转办：{why}")
    return {"transfer_target": target, "_event": {"target": target, "person": person}}


def _supervise(case, text, data):
    today = clock.today()
    due = _date(data.get("reply_due"), "督办答复期限", due_only(today, settings.get("complaints.supervision_days")))
    if due < today:
        raise ValidationError("督办答复期限", "不能早于今天")
    unit = case.handling_unit
    if not unit:
        raise InvalidState("该件尚未确定承办科室，不能督办")

    def write(c, actor):
        seq = ComplaintSupervision.select().where(ComplaintSupervision.case == c.id).count() + 1
        ComplaintSupervision.create(case=c.id, seq=seq, sent_date=today, unit=unit, text=text, reply_due=due,
                                    sent_by=actor.user_id)
    return {"_supervision": write, "_event": {"unit": unit, "reply_due": due.isoformat()}}


def _supervise_reply(case, text, data):
    s = open_supervision(case)
    if s is None:
        raise InvalidState("没有待答复的督办")
    day = _date(data.get("date"), "督办答复日期", clock.today())
    if day > clock.today() or day < s.sent_date:
        raise ValidationError("督办答复日期", f"应在督办日期（{s.sent_date.isoformat()}）和今天之间")

    def write(c, actor):
        ComplaintSupervision.update(reply_date=day, reply_text=text).where(ComplaintSupervision.id == s.id).execute()
    return {"_supervision": write, "_event": {"supervision": s.seq, "date": day.isoformat()}, "_date": day}


def _refer_review(case, text, data):
    if not catalog.CATEGORIES[case.category].difficult:
        raise InvalidState("只有重难件报送区政府办公室审核（政民互动管理制度第四条）")
    return {"_event": {"authority": str(data.get("authority") or "区政府办公室")}}


def _review_done(case, text, data):
    day = _date(data.get("date"), "审核日期", clock.today())
    _not_future_nor_before(day, "审核日期", case)
    return {"_event": {"date": day.isoformat()}, "_date": day}


def _reply(case, text, data, on_spot: bool = False):
    method = data.get("method") or ""
    if method not in catalog.REPLY_METHODS:
        raise ValidationError(records.LABELS["reply_method"], "请选择答复方式")
    day = _date(data.get("date"), records.LABELS["reply_date"], clock.today())
    _not_future_nor_before(day, records.LABELS["reply_date"], case)
    if not on_spot and catalog.CATEGORIES[case.category].difficult and not _reviewed(case):
        raise InvalidState("重难件应先报送区政府办公室审核，登记审核意见后再答复（政民互动管理制度第四条）")
    out = {"reply_text": text, "reply_method": method, "reply_date": day, "_date": day,
           "_event": {"method": method, "date": day.isoformat()}}
    if on_spot:
        out["on_spot"] = True
    return out


def _archive(case, text, data):
    day = _date(data.get("date"), records.LABELS["archived_date"], clock.today())
    if day > clock.today():
        raise ValidationError(records.LABELS["archived_date"], "不能晚于今天")
    if case.reply_date and day < case.reply_date:
        raise ValidationError(records.LABELS["archived_date"], f"不能早于答复日期（{case.reply_date.isoformat()}）")
    return {"archived_date": day, "_date": day}


def _instruct(case, text, data):
    leader = str(data.get("leader") or "").strip()
    return {"_restricted": True, "_event": {"leader": leader}}


_PREPARE = {
    "register": _register, "transfer": _transfer, "transfer_out": _transfer_out, "supervise": _supervise,
    "supervise_reply": _supervise_reply, "refer_review": _refer_review, "review_done": _review_done,
    "reply": _reply, "on_spot": lambda c, t, d: _reply(c, t, d, on_spot=True), "archive": _archive,
    "instruct": _instruct,
}


def history(actor: Actor, case_id: int) -> list[dict]:
    """The case's 办理记录, oldest first; leaders' 批示 only for the roles that handle the case (seed 001 第五条: 不得
    泄露或传播领导同志对有关信件的批示)."""
    require(actor, "complaint.view")
    from app.complaints.identity import mask_text, may_see
    case = records.get(case_id)
    handles = actor.can("complaint.handle") or actor.can("complaint.supervise")
    masked = not may_see(actor)
    out = []
    for e in ComplaintEvent.select().where(ComplaintEvent.case == case_id).order_by(ComplaintEvent.ts,
                                                                                   ComplaintEvent.id):
        if e.restricted and not handles:
            continue
        label = {"accept": "受理", "update": "修改", "file": "附件", "link": "关联"}.get(e.action) \
            or steps.ACTIONS.get(e.action, e.action)
        out.append({"ts": e.ts, "date": e.event_date, "user": e.display_name or e.username, "action": e.action,
                    "label": label, "state": steps.state_label(e.to_state) if e.to_state else "",
                    "note": mask_text(e.note, case) if masked else e.note, "restricted": e.restricted})
    return out


def supervisions(actor: Actor, case_id: int) -> list[dict]:
    require(actor, "complaint.view")
    return [{"seq": s.seq, "sent_date": s.sent_date, "unit": s.unit, "text": s.text, "reply_due": s.reply_due,
             "reply_date": s.reply_date, "reply_text": s.reply_text}
            for s in ComplaintSupervision.select().where(ComplaintSupervision.case == case_id)
            .order_by(ComplaintSupervision.seq)]
