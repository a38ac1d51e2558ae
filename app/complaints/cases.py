"""受理: recording a case — channel, time received, category, the complainant (or that they stayed anonymous, or asked
for secrecy), whom it is about, the content, attachments, a link to the request or published item it concerns —
changing it before it is answered, and its files. Also the rule that a case is never sent to the unit or person it
is about (seed 000 举报调查制度第八条; seed 001 政民互动管理制度第五条)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import audit, clock, files, numbering, settings
from app.actor import Actor
from app.complaints import catalog, records
from app.complaints.identity import FIELDS as IDENTITY_FIELDS
from app.errors import InvalidState, NotFound, Problems, ValidationError
from app.permissions import require
from db.connection import write_transaction
from db.models import ComplaintCase, ComplaintFile, InfoItem, Request, User

audit.register_labels(actions={"complaint.create": "受理举报投诉", "complaint.update": "修改举报投诉",
                               "complaint.file": "添加举报投诉附件", "complaint.link": "关联申请或信息"})

LABELS = records.LABELS
TEXT_FIELDS = ("report_type", "subject_unit", "subject_person", "title", "content", "handling_unit") + IDENTITY_FIELDS
EDITABLE_STATES = ("accepted", "registered", "investigating", "supervised", "review")
MAX_BYTES = 200 * 1024 * 1024
SECRECY_RULE = "举报调查制度第八条、政民互动管理制度第五条：不得将检举、控告类信件转至被检举、控告单位和个人"


def _norm(text: str) -> str:
    return "".join(str(text or "").split())


def subject_conflict(target_unit: str, target_person: str, subject_unit: str, subject_person: str) -> str | None:
    """Why a case about ``subject_unit``/``subject_person`` may not go to ``target_unit``/``target_person`` (the unit
    or person it is about, or one named inside the other: “自然资源所” and “某某镇自然资源所”), or None."""
    tu, tp, su, sp = (_norm(x) for x in (target_unit, target_person, subject_unit, subject_person))
    if tu and su and (tu == su or tu in su or su in tu):
        return f"“{target_unit}”是被举报投诉的单位（{subject_unit}），{SECRECY_RULE}"
    if tp and sp and (tp == sp or tp in sp or sp in tp):
        return f"“{target_person}”是被举报投诉的人员，{SECRECY_RULE}"
    if tu and sp and tu in sp:
        return f"被举报投诉的人员（{subject_person}）属于“{target_unit}”，{SECRECY_RULE}"
    if tp and su and tp in su:
        return f"“{target_person}”属于被举报投诉的单位（{subject_unit}），{SECRECY_RULE}"
    return None


def _received(value, p: Problems, today: dt.datetime) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(9, 0))
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value or "").strip())
        except ValueError:
            p.add(LABELS["received_at"], "不能为空" if not value else f"“{value}”不是有效的日期时间，应如 2026-03-07 09:30")
            return None
    if moment > today + dt.timedelta(minutes=5):
        p.add(LABELS["received_at"], "不能晚于现在")
        return None
    if moment.year < 2008:
        p.add(LABELS["received_at"], "不能早于2008年")
        return None
    return moment.replace(second=0, microsecond=0)


def validate(data: dict) -> dict:
    """Check the form; returns the cleaned values or raises ``ValidationError`` naming every bad field."""
    p = Problems()
    clean = {k: str(data.get(k) or "").strip() for k in TEXT_FIELDS}
    channel = data.get("channel")
    if channel not in catalog.CHANNELS:
        p.add(LABELS["channel"], "请选择来信、来访、电话、口头、网上留言、意见箱或电子邮件")
    clean["channel"] = channel
    category = data.get("category")
    if category not in catalog.CATEGORIES:
        p.add(LABELS["category"], "请选择类别")
    clean["category"] = category
    if category == "report" and clean["report_type"] not in catalog.REPORT_TYPES:
        p.add(LABELS["report_type"], "举报应选择举报事项（举报调查制度第三条）")
    if category != "report":
        clean["report_type"] = ""
    moment = _received(data.get("received_at"), p, clock.now())
    clean["received_at"] = moment
    clean["received_date"] = moment.date() if moment else None
    clean["anonymous"] = bool(data.get("anonymous"))
    clean["confidential"] = bool(data.get("confidential"))
    if clean["anonymous"]:
        for f in IDENTITY_FIELDS:
            if f != "complainant_phone" and clean[f]:
                p.add(LABELS[f], "匿名举报投诉不登记姓名、住址和邮箱（可以登记回电号码）")
    elif not (clean["complainant_name"] or clean["complainant_phone"] or clean["complainant_email"]):
        p.add(LABELS["complainant_name"], "请填写举报投诉人的姓名或联系方式，或选择匿名")
    if not clean["title"]:
        p.add(LABELS["title"], "不能为空")
    if not clean["content"]:
        p.add(LABELS["content"], "不能为空")
    if clean["handling_unit"]:
        _check_unit(clean["handling_unit"], clean, p)
    p.raise_if_any()
    return clean


def _check_unit(unit: str, clean: dict, p: Problems) -> None:
    if unit not in settings.units():
        p.add(LABELS["handling_unit"], f"“{unit}”不在本机关的科室名单中（系统设置 → 本机关）")
        return
    why = subject_conflict(unit, "", clean.get("subject_unit", ""), clean.get("subject_person", ""))
    if why:
        p.add(LABELS["handling_unit"], f"不能由该科室承办：{why}")


def _link_ids(data: dict) -> dict:
    out = {"request_id": None, "info_item_id": None}
    number = str(data.get("request_number") or "").strip()
    if number:
        row = Request.get_or_none(Request.number == number)
        if row is None:
            raise ValidationError("关联的申请", f"没有编号为“{number}”的申请")
        out["request_id"] = row.id
    number = str(data.get("item_number") or "").strip()
    if number:
        row = InfoItem.get_or_none((InfoItem.number == number) | (InfoItem.index_number == number))
        if row is None:
            raise ValidationError("关联的信息", f"没有编号或索引号为“{number}”的信息")
        out["info_item_id"] = row.id
    return out


def create(actor: Actor, data: dict, source: str = "entered") -> dict:
    """受理: record the case, number it, set its due date by category; with ``on_spot`` and a reply text, the matter
    is answered at once (受理 and 答复 together, 举报调查制度第六条)."""
    require(actor, "complaint.register")
    if source not in ("entered", "demo"):
        raise ValueError(f"unknown source {source!r}")
    clean = validate(data)
    links = _link_ids(data)
    on_spot_reply = str(data.get("on_spot_reply") or "").strip()
    now = clock.now()
    with write_transaction():
        number = numbering.issue("complaint", clean["received_date"].year)
        case = ComplaintCase(number=number, state="accepted", created_by=actor.user_id, created_at=now,
                             updated_at=now, source=source, **clean, **links)
        records.refresh_clock(case)
        case.save()
        records.add_event(actor, case, "accept", None, "accepted",
                          note=f"{case.channel}　{catalog.category_label(case.category)}", event_date=case.received_date)
        audit.record(actor, "complaint.create", records.ENTITY, number, after=records.snapshot(case))
        if data.get("on_spot"):
            from app.complaints import handling
            handling.act(actor, case.id, "on_spot", text=on_spot_reply, method=data.get("reply_method") or "当面答复")
    return {"id": case.id, "number": number, "due_date": case.due_date}


def update(actor: Actor, case_id: int, data: dict) -> None:
    """Correct what was recorded at 受理 while the case is open; the number stays, the due date follows a changed
    category or receipt time."""
    require(actor, "complaint.register")
    case = records.get(case_id)
    if case.state not in EDITABLE_STATES:
        raise InvalidState("已答复或已归档的举报投诉不能修改")
    merged = {k: getattr(case, k) for k in (*TEXT_FIELDS, "channel", "category", "received_at", "anonymous",
                                            "confidential")}
    merged.update(data)
    clean = validate(merged)
    before = records.snapshot(case)
    with write_transaction():
        case = records.get(case_id, lock=True)
        for key, value in clean.items():
            setattr(case, key, value)
        records.refresh_clock(case)
        records.add_event(actor, case, "update", case.state, case.state, note="修改受理登记的内容")
        records.save_with_audit(actor, case, before, "complaint.update")


def link(actor: Actor, case_id: int, request_number: str = "", item_number: str = "") -> None:
    """The request or published item the complaint is about (a complaint received as a 信访举报投诉类 request, 条例
    第三十九条 and annual report row （五）1, is linked to it)."""
    require(actor, "complaint.handle")
    ids = _link_ids({"request_number": request_number, "item_number": item_number})
    before = records.snapshot(records.get(case_id))
    with write_transaction():
        case = records.get(case_id, lock=True)
        case.request_id, case.info_item_id = ids["request_id"], ids["info_item_id"]
        records.add_event(actor, case, "link", case.state, case.state,
                          note="；".join(x for x in (request_number and f"申请 {request_number}",
                                                      item_number and f"信息 {item_number}") if x) or "取消关联")
        records.save_with_audit(actor, case, before, "complaint.link")


# A request's channel as the complaint register names it.
REQUEST_CHANNELS = {"in_person": "来访", "registered_mail": "来信", "ordinary_mail": "来信", "fax": "来信",
                    "email": "电子邮件", "online": "网上留言", "other": "来信"}


def from_request(actor: Actor, request_number: str, category: str = "report", report_type: str = "duty") -> dict:
    """A complaint received as a 政府信息公开申请 (the request answered 不予处理 as 信访举报投诉类, 条例第三十九条第一款):
    registered as a case with the applicant as complainant, received on the request's day, linked to the request."""
    require(actor, "complaint.register")
    require(actor, "request.view_identity")  # the applicant's contact details move into the case
    row = Request.get_or_none(Request.number == str(request_number).strip())
    if row is None:
        raise NotFound(f"没有编号为“{request_number}”的申请")
    if ComplaintCase.select().where(ComplaintCase.request_id == row.id).exists():
        raise InvalidState(f"申请{row.number}已登记为举报投诉")
    data = {"channel": REQUEST_CHANNELS.get(row.channel, "来信"), "category": category, "report_type": report_type,
            "received_at": dt.datetime.combine(row.received_date, dt.time(9, 0)),
            "complainant_name": row.applicant_name, "complainant_phone": row.phone,
            "complainant_address": row.address, "complainant_email": row.email,
            "title": (row.doc_title or row.description)[:60], "content": row.description,
            "request_number": row.number}
    return create(actor, data)


def _linked(condition) -> list[dict]:
    return [{"id": c.id, "number": c.number, "state": c.state, "title": c.title} for c in
            ComplaintCase.select(ComplaintCase.id, ComplaintCase.number, ComplaintCase.state, ComplaintCase.title)
            .where(condition).order_by(ComplaintCase.id)]


def cases_for_request(actor: Actor, request_id: int) -> list[dict]:
    """The cases linked to a request (for the request's detail: its 不予处理 points to them)."""
    require(actor, "complaint.view")
    return _linked(ComplaintCase.request_id == request_id)


def cases_for_item(actor: Actor, item_id: int) -> list[dict]:
    """The cases about a published item."""
    require(actor, "complaint.view")
    return _linked(ComplaintCase.info_item_id == item_id)


# ---- files ------------------------------------------------------------------------------------------------------
def add_file(actor: Actor, case_id: int, source_path: str, kind: str = "attachment", note: str = "") -> dict:
    """An attachment (the letter, a photo) or, during the 调查, evidence."""
    require(actor, "complaint.handle" if kind == "evidence" else "complaint.register")
    if kind not in ("attachment", "evidence"):
        raise ValueError(f"unknown file kind {kind!r}")
    case = records.get(case_id)
    if case.state == "archived":
        raise InvalidState("已归档的举报投诉不能再添加附件")
    src = Path(source_path)
    if not src.is_file():
        raise ValidationError("附件文件", f"找不到文件 {source_path}")
    if src.stat().st_size > MAX_BYTES:
        raise ValidationError("附件文件", "超过200MB，请压缩或分拆后再添加")
    stored = files.put_file(src, "complaints")
    with write_transaction():
        row = ComplaintFile.create(case=case.id, kind=kind, name=src.name, stored_path=stored.rel_path,
                                   sha256=stored.sha256, size=stored.size, note=note.strip(), added_at=clock.now(),
                                   added_by=actor.user_id)
        records.add_event(actor, case, "file", case.state, case.state,
                          note=f"{'证据' if kind == 'evidence' else '附件'}：{row.name}")
        audit.record(actor, "complaint.file", records.ENTITY, case.number,
                     after={"file": row.id, "name": row.name, "kind": kind, "sha256": stored.sha256})
    return {"id": row.id, "sha256": stored.sha256}


def file_list(actor: Actor, case_id: int) -> list[dict]:
    require(actor, "complaint.view")
    rows = list(ComplaintFile.select().where(ComplaintFile.case == case_id).order_by(ComplaintFile.id))
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    return [{"id": r.id, "kind": r.kind, "kind_label": "证据" if r.kind == "evidence" else "附件", "name": r.name,
             "size": r.size, "added_at": r.added_at, "added_by": names.get(r.added_by_id, ""), "note": r.note}
            for r in rows]


def read_file(actor: Actor, file_id: int) -> tuple[str, bytes]:
    """A stored file: attachments may carry the complainant's letter, so only the handling roles open them."""
    require(actor, "complaint.handle")
    row = ComplaintFile.get_or_none(ComplaintFile.id == file_id)
    if row is None:
        raise NotFound("找不到该附件")
    return row.name, files.read(row.stored_path, row.sha256)
