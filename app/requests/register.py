"""登记: recording a request as it arrives (条例第二十九条、第三十一条), checking it for repeats (第三十五条、第三十六条第
（六）项), and giving it its number and its legal deadline."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app import audit, clock, numbering, settings, users
from app.actor import Actor
from app.errors import Problems
from app.permissions import require
from app.requests import catalog, records, workflow
from app.requests.clock import correction_notice_due, request_deadline
from app.requests.similarity import SIMILAR, similarity
from app.validators import clean_text, email_problem, id_card_problem, normalise_phone, phone_problem, \
    postcode_problem, text_problem, uscc_problem
from db.connection import write_transaction
from db.models import Request, User

audit.register_labels(
    actions={"request.register": "登记申请", "request.update": "修改登记信息"},
    entities={"request": "政府信息公开申请"},
)

LABELS = {
    "applicant_type": "申请人类型", "applicant_name": "申请人姓名或名称", "id_type": "证件类型", "id_number": "证件号码",
    "uscc": "统一社会信用代码", "legal_rep": "法定代表人或负责人", "contact_person": "联系人", "phone": "联系电话",
    "address": "通信地址", "postcode": "邮政编码", "email": "电子邮箱", "channel": "申请方式",
    "received_date": "收到申请日期", "description": "所需政府信息的内容描述", "doc_title": "文件名称", "doc_ref": "文号",
    "purpose": "用途", "form_wanted": "信息的载体形式", "delivery_wanted": "获取信息的方式", "notes": "备注",
    "officer_id": "承办人", "unit": "承办科室",
}
records.FIELD_LABELS.update({k: v for k, v in LABELS.items() if k != "officer_id"}, officer_id="承办人")
TEXT_FIELDS = ("applicant_name", "id_number", "uscc", "legal_rep", "contact_person", "phone", "address", "postcode",
               "email", "description", "doc_title", "doc_ref", "purpose", "notes")
# The most characters each text may hold: room for the longest real value (an organisation's full registered name,
# a detailed description), not for a pasted document. Fields that may span lines are marked.
MAX_CHARS = {"applicant_name": 100, "id_number": 30, "uscc": 18, "legal_rep": 50, "contact_person": 50, "phone": 30,
             "address": 200, "postcode": 6, "email": 100, "description": 2000, "doc_title": 200, "doc_ref": 100,
             "purpose": 500, "notes": 2000}
MULTILINE = ("description", "purpose", "notes")


def text_problems(clean: dict, problems: Problems) -> None:
    """Length and character rules of every text (``validators.text_problem``), each reported with its field."""
    for key in TEXT_FIELDS:
        if key in clean:
            reason = text_problem(clean[key], MAX_CHARS[key], key in MULTILINE)
            if reason:
                problems.add(LABELS[key], reason)


def _date(value, field: str, problems: Problems) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        problems.add(LABELS[field], "不能为空" if not value else f"“{value}”不是有效日期，应如 2026-03-07")
        return None


def validate(data: dict, today: dt.date | None = None) -> dict:
    """Check a registration form; returns the cleaned values or raises ``ValidationError`` naming every bad field."""
    today = today or clock.today()
    p = Problems()
    clean = {k: clean_text(data.get(k), k in MULTILINE) for k in TEXT_FIELDS}
    text_problems(clean, p)
    clean["id_number"] = clean["id_number"].upper()
    clean["uscc"] = clean["uscc"].upper()
    kind = data.get("applicant_type")
    if kind not in catalog.APPLICANT_TYPES:
        p.add(LABELS["applicant_type"], "请选择自然人或法人或其他组织的类别")
    clean["applicant_type"] = kind
    if not clean["applicant_name"]:
        p.add(LABELS["applicant_name"], "不能为空")
    if kind == "natural":
        id_type = data.get("id_type") or ""
        if id_type not in catalog.ID_TYPES:
            p.add(LABELS["id_type"], "请选择证件类型")
        if not clean["id_number"]:
            p.add(LABELS["id_number"], "不能为空（条例第二十九条：申请人的身份证明）")
        elif id_type == "resident_id":
            reason = id_card_problem(clean["id_number"], today)
            if reason:
                p.add(LABELS["id_number"], reason)
        clean["id_type"] = id_type
        clean["uscc"] = clean["legal_rep"] = ""
    elif kind in catalog.ORGANISATION_TYPES:
        if not clean["uscc"]:
            p.add(LABELS["uscc"], "法人或其他组织应填写统一社会信用代码")
        else:
            reason = uscc_problem(clean["uscc"])
            if reason:
                p.add(LABELS["uscc"], reason)
        if not clean["legal_rep"]:
            p.add(LABELS["legal_rep"], "不能为空")
        clean["id_type"] = data.get("id_type") or ""
        if clean["id_type"] == "resident_id" and clean["id_number"]:
            reason = id_card_problem(clean["id_number"], today)  # the contact person's card, when given
            if reason:
                p.add(LABELS["id_number"], reason)
    if clean["phone"]:
        clean["phone"] = normalise_phone(clean["phone"])
        reason = phone_problem(clean["phone"])
        if reason:
            p.add(LABELS["phone"], reason)
    if clean["email"]:
        reason = email_problem(clean["email"])
        if reason:
            p.add(LABELS["email"], reason)
    if clean["postcode"]:
        reason = postcode_problem(clean["postcode"])
        if reason:
            p.add(LABELS["postcode"], reason)
    if not (clean["phone"] or clean["address"] or clean["email"]):
        p.add(LABELS["phone"], "联系电话、通信地址、电子邮箱至少填写一项（条例第二十九条：申请人的联系方式）")
    channel = data.get("channel")
    if channel not in catalog.CHANNELS:
        p.add(LABELS["channel"], "请选择申请方式")
    clean["channel"] = channel
    received = _date(data.get("received_date"), "received_date", p)
    if received and received > today:
        p.add(LABELS["received_date"], f"不能晚于今天（{today.isoformat()}）")
    clean["received_date"] = received
    if len(re.sub(r"\s", "", clean["description"])) < 4:
        p.add(LABELS["description"], "请写明所需信息的名称、文号或便于查询的其他特征性描述（至少4个字，条例第二十九条）")
    for key, table in (("form_wanted", catalog.FORMS), ("delivery_wanted", catalog.DELIVERY_WANTED)):
        value = data.get(key) or ""
        if value not in table:
            p.add(LABELS[key], "请选择")
        clean[key] = value
    wanted = clean["delivery_wanted"]
    if wanted == "post" and not clean["address"]:
        p.add(LABELS["address"], "选择邮寄的，应填写通信地址")
    if wanted == "email" and not clean["email"]:
        p.add(LABELS["email"], "选择电子邮件的，应填写电子邮箱")
    if wanted == "fax" and not clean["phone"]:
        p.add(LABELS["phone"], "选择传真的，应填写传真号码")
    clean["unit"] = unit_of(data.get("unit"), p)
    officer = data.get("officer_id")
    clean["officer_id"] = None
    if officer not in (None, ""):
        try:
            officer = int(officer)
        except (TypeError, ValueError):
            officer = None
        if officer is not None and not 0 < officer < 2 ** 63:  # beyond any row id (and SQLite's integers)
            officer = None
        user = User.get_or_none(User.id == officer) if officer is not None else None
        if user is None or not user.is_active:
            p.add(LABELS["officer_id"], "不是在用的用户")
        elif not users.actor_for(user).can("request.handle"):
            p.add(LABELS["officer_id"], f"{user.display_name}没有办理申请的角色（经办人或科室负责人）")
        else:
            clean["officer_id"] = officer
    p.raise_if_any()
    return clean


def default_unit() -> str:
    """The unit a request gets when none is chosen (an imported ledger's rows, requests made before units were
    recorded): the first of the office's 科室/股室 list."""
    return settings.units()[0]


def unit_of(value, p: Problems) -> str:
    """承办科室: one of the office's units (``settings.units()``); none chosen: the default unit."""
    unit = str(value or "").strip()
    if not unit:
        return default_unit()
    if unit not in settings.units():
        p.add(LABELS["unit"], f"“{unit}”不在本机关的科室名单中（系统设置 → 本机关）")
    return unit


# ---- repeats and frequency ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EarlierRequest:
    id: int
    number: str
    received_date: dt.date
    description: str
    state: str
    outcome: str | None
    similarity: float


@dataclass(frozen=True)
class RepeatCheck:
    similar: list[EarlierRequest]  # the same applicant's earlier requests with similar content, most similar first
    month_count: int  # the applicant's requests in the calendar month of receipt, this one included
    month: str


def same_applicant(query, data: dict):
    """The same applicant's requests (a voided registration is none: it counts neither as a repeat nor in the month)."""
    query = query.where(Request.state != "voided")
    if data.get("id_number"):
        return query.where(Request.id_number == str(data["id_number"]).strip().upper())
    if data.get("uscc"):
        return query.where(Request.uscc == str(data["uscc"]).strip().upper())
    name = str(data.get("applicant_name") or "").strip()
    phone = normalise_phone(str(data.get("phone") or ""))
    query = query.where(Request.applicant_name == name)
    return query.where(Request.phone == phone) if phone else query


def check_repeats(actor: Actor, data: dict, exclude_id: int | None = None) -> RepeatCheck:
    """The same applicant's earlier requests with similar content, and their count this month (条例第三十五条).
    The applicant is found by identity number or phone, so only users who may see those look them up."""
    require(actor, "request.view_identity")
    received = data.get("received_date")
    if not isinstance(received, dt.date):
        try:
            received = dt.date.fromisoformat(str(received))
        except ValueError:
            received = clock.today()
    if not (data.get("id_number") or data.get("uscc") or data.get("applicant_name")):
        return RepeatCheck([], 1, f"{received.year}年{received.month}月")
    query = same_applicant(Request.select(), data)
    if exclude_id:
        query = query.where(Request.id != exclude_id)
    text = str(data.get("description") or "")
    similar = []
    month_start = received.replace(day=1)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    month_count = 1
    for r in query.order_by(Request.received_date.desc()).limit(500):
        if month_start <= r.received_date < next_month and r.received_date <= received:
            month_count += 1
        score = similarity(text, r.description)
        if score >= SIMILAR:
            similar.append(EarlierRequest(r.id, r.number, r.received_date, r.description, r.state, r.outcome,
                                          round(score, 2)))
    similar.sort(key=lambda e: (-e.similarity, e.received_date))
    return RepeatCheck(similar[:10], month_count, f"{received.year}年{received.month}月")


# ---- registering ------------------------------------------------------------------------------------------------

def register(actor: Actor, data: dict, source: str = "registered") -> dict:
    """Register a request: its number, its deadline, a history entry and an audit row, in one transaction.
    ``source`` is "demo" for the requests the 演示数据 generator makes, so that they can be told from real ones."""
    require(actor, "request.register")
    if source not in ("registered", "demo"):
        raise ValueError(f"unknown source {source!r}")
    clean = validate(data)
    received = clean["received_date"]
    reply_days = settings.get("requests.reply_days")
    deadline = request_deadline(received, reply_days, (), 0)
    now = clock.now()
    if clean["officer_id"] is None and actor.user_id is not None and "clerk" in actor.roles:
        clean["officer_id"] = actor.user_id
    with write_transaction():
        number = numbering.issue("request", received.year)
        req = Request.create(
            number=number, state="registered", reply_days=reply_days, clock_start=received,
            due_date=deadline.due, original_due=deadline.original_due, due_provisional=deadline.provisional,
            correction_due=correction_notice_due(received, settings.get("requests.correction_notice_days")),
            source=source, created_at=now, created_by=actor.user_id, updated_at=now,
            officer=clean.pop("officer_id"), **clean)
        records.add_event(actor, req, "register", received, None, "registered",
                          note=catalog.CHANNELS[req.channel][1],
                          clock_effect=f"答复期限 {reply_days} 个工作日，至 {deadline.due.isoformat()}"
                                       + ("（暂定）" if deadline.provisional else ""))
        audit.record(actor, "request.register", "request", number, after=records.snapshot(req))
    return {"id": req.id, "number": number, "due_date": deadline.due, "provisional": deadline.provisional,
            "steps": list(deadline.steps)}


def update_registration(actor: Actor, request_id: int, data: dict, seen: dict | None = None) -> None:
    """Correct the registration data of a request still being handled (the number and the clock stay).

    ``seen`` is the registration as the window showed it (the fields of ``LABELS``): when another user has saved the
    request since, the correction is refused with the differences (``RecordChanged``) instead of overwriting theirs."""
    require(actor, "request.register")
    req = records.get(request_id)
    if seen:
        masked = ("id_number", "phone", "email", "address", "postcode") if seen.get("identity_masked") else ()
        req_seen = {k: seen[k] for k in LABELS if k in seen and k not in masked}
        with write_transaction():
            records.require_unchanged(req, req_seen)
    workflow.check(req, "edit")
    merged = {k: getattr(req, k) for k in LABELS if k != "officer_id"}
    merged["officer_id"] = req.officer_id
    merged.update(data)
    clean = validate(merged)
    if clean["received_date"] != req.received_date and req.state != "registered":
        from app.errors import ValidationError
        raise ValidationError(LABELS["received_date"], "已开始办理的申请不能修改收到日期")
    before = records.snapshot(req)
    with write_transaction():
        officer = clean.pop("officer_id")
        for key, value in clean.items():
            setattr(req, key, value)
        req.officer = officer
        if req.received_date != dt.date.fromisoformat(before["received_date"]):
            req.clock_start = req.received_date
            req.correction_due = correction_notice_due(req.received_date,
                                                       settings.get("requests.correction_notice_days"))
        records.refresh_clock(req)
        records.add_event(actor, req, "update", clock.today(), req.state, req.state, note="修改登记信息")
        records.save_with_audit(actor, req, before, "request.update")
