"""监督员名册: appointment (聘任) for a term of two years by default, 续聘 with a new term, end of service with the
reason (另聘 on a change of person), 备案 of each term with the district leading group, and the link to the user
account with the 监督员 role (seed 001 一(一)(二), DOMAIN.md §5). The office normally has 1-2 supervisors: more or
none is warned about, never refused."""
from __future__ import annotations

import datetime as dt

from app import audit, clock, settings, validators
from app.actor import Actor
from app.errors import InvalidState, Problems, ValidationError
from app.permissions import require
from app.supervisors import catalog, records
from db.connection import write_transaction
from db.models import Supervisor, SupervisorTerm, User, UserRole

audit.register_labels(actions={"supervisor.appoint": "聘任监督员", "supervisor.update": "修改监督员信息",
                               "supervisor.renew": "续聘监督员", "supervisor.end": "监督员离任",
                               "supervisor.filing": "登记监督员备案", "supervisor.link_user": "关联监督员账户"},
                      fields={"supervisor": {"name": "姓名", "sex": "性别", "contact": "联系方式",
                                             "constituency": "代表性", "unit": "工作单位",
                                             "appointed_date": "聘任日期", "term_end": "任期届满",
                                             "status": "状态", "ended_date": "离任日期", "end_reason": "离任原因",
                                             "user": "关联账户", "notes": "备注"}})

LABELS = {"name": "姓名", "sex": "性别", "contact": "联系方式", "constituency": "代表性", "unit": "工作单位",
          "appointed_date": "聘任日期", "notes": "备注"}


def validate(data: dict) -> dict:
    p = Problems()
    clean = {k: str(data.get(k) or "").strip() for k in ("name", "sex", "contact", "unit", "notes")}
    if not clean["name"]:
        p.add(LABELS["name"], "不能为空")
    if clean["sex"] and clean["sex"] not in catalog.SEXES:
        p.add(LABELS["sex"], "应为男或女")
    if not clean["contact"]:
        p.add(LABELS["contact"], "不能为空（备案时须上报联系方式）")
    constituency = data.get("constituency")
    if constituency not in catalog.CONSTITUENCIES:
        p.add(LABELS["constituency"], "请选择党代表、人大代表、政协委员、群团组织或机关单位")
    clean["constituency"] = constituency
    clean["appointed_date"] = validators.parse_date(data.get("appointed_date"), LABELS["appointed_date"], p)
    if clean["appointed_date"] and clean["appointed_date"] > clock.today() + dt.timedelta(days=366):
        p.add(LABELS["appointed_date"], "不能晚于明年今日")
    p.raise_if_any()
    return clean


def serving() -> list[Supervisor]:
    return list(Supervisor.select().where(Supervisor.status == "serving").order_by(Supervisor.appointed_date))


def count_warning(extra: int = 0) -> str | None:
    """制度一（一）: 原则上聘任1-2人 — the warning when the office has none or more than the setting (never a refusal)."""
    n = len(serving()) + extra
    limit = settings.get("supervisors.max_count")
    if n == 0:
        return "目前没有在任的政务公开监督员（制度一（一）：原则上聘任1-2人）"
    if n > limit:
        return f"在任监督员有{n}人，多于本机关设定的{limit}人（制度一（一）：原则上聘任1-2人）"
    return None


def appoint(actor: Actor, data: dict, replaces: int | None = None, source: str = "entered") -> dict:
    """聘任: the supervisor and the first term (its end from the term setting); returns the id and any warning."""
    require(actor, "supervisor.manage")
    if source not in ("entered", "demo"):
        raise ValueError(f"unknown source {source!r}")
    clean = validate(data)
    if replaces is not None:
        old = records.supervisor(replaces)
        if old.status != "ended":
            raise InvalidState(f"{old.name}尚未登记离任，不能另聘接替")
    now = clock.now()
    end = catalog.term_end(clean["appointed_date"], settings.get("supervisors.term_years"))
    with write_transaction():
        row = Supervisor.create(term_end=end, replaces=replaces, source=source, created_at=now, updated_at=now,
                                **clean)
        SupervisorTerm.create(supervisor=row.id, seq=1, start=clean["appointed_date"], end=end, created_at=now)
        audit.record(actor, "supervisor.appoint", "supervisor", row.name,
                     after=records.snapshot(row, records.SUPERVISOR_FIELDS))
    return {"id": row.id, "term_end": end, "warning": count_warning()}


def update(actor: Actor, supervisor_id: int, data: dict) -> None:
    """Correct the roster entry (name, contact …); the terms stay as they were recorded."""
    require(actor, "supervisor.manage")
    row = records.supervisor(supervisor_id)
    merged = {k: getattr(row, k) for k in LABELS}
    merged.update(data)
    clean = validate(merged)
    if clean["appointed_date"] != row.appointed_date:
        raise ValidationError(LABELS["appointed_date"], "聘任日期随第一个任期登记，不能在这里修改")
    before = records.snapshot(row, records.SUPERVISOR_FIELDS)
    with write_transaction():
        row = records.supervisor(supervisor_id, lock=True)
        for k, v in clean.items():
            setattr(row, k, v)
        row.updated_at = clock.now()
        row.save()
        audit.record(actor, "supervisor.update", "supervisor", row.name, before=before,
                     after=records.snapshot(row, records.SUPERVISOR_FIELDS))


def terms(supervisor_id: int) -> list[SupervisorTerm]:
    return list(SupervisorTerm.select().where(SupervisorTerm.supervisor == supervisor_id).order_by(SupervisorTerm.seq))


def renew(actor: Actor, supervisor_id: int, start: dt.date | None = None) -> dict:
    """续聘: a new term from the day after the current one ends (or from ``start``, after a gap), of the set length."""
    require(actor, "supervisor.manage")
    row = records.supervisor(supervisor_id)
    if row.status == "ended":
        raise InvalidState(f"{row.name}已离任，不能续聘；如需再次聘任请重新登记")
    last = terms(row.id)[-1]
    start = start or (last.end + dt.timedelta(days=1))
    if not isinstance(start, dt.date):
        raise ValidationError("续聘日期", "不是有效日期")
    if start <= last.end:
        raise ValidationError("续聘日期", f"应在本任期届满（{last.end.isoformat()}）之后")
    end = catalog.term_end(start, settings.get("supervisors.term_years"))
    before = records.snapshot(row, records.SUPERVISOR_FIELDS)
    with write_transaction():
        row = records.supervisor(supervisor_id, lock=True)
        SupervisorTerm.create(supervisor=row.id, seq=last.seq + 1, start=start, end=end, created_at=clock.now())
        row.term_end = end
        row.updated_at = clock.now()
        row.save()
        audit.record(actor, "supervisor.renew", "supervisor", row.name, before=before,
                     after={**records.snapshot(row, records.SUPERVISOR_FIELDS), "term": last.seq + 1,
                            "start": start.isoformat()})
    return {"seq": last.seq + 1, "start": start, "end": end}


def end_service(actor: Actor, supervisor_id: int, ended: dt.date, reason: str, note: str = "") -> dict:
    """离任 with the reason; on a change of person (人员变动) the office should appoint another (应及时另聘): the
    result's warning says so until it has."""
    require(actor, "supervisor.manage")
    row = records.supervisor(supervisor_id)
    if row.status == "ended":
        raise InvalidState(f"{row.name}已于{row.ended_date.isoformat()}离任")
    p = Problems()
    ended = validators.parse_date(ended, "离任日期", p)
    if reason not in catalog.END_REASONS:
        p.add("离任原因", "请选择" + "、".join(catalog.END_REASONS.values()))
    if ended and ended < row.appointed_date:
        p.add("离任日期", f"不能早于聘任日期（{row.appointed_date.isoformat()}）")
    if ended and ended > clock.today():
        p.add("离任日期", "不能晚于今天")
    if reason == "other" and not records.text(note):
        p.add("说明", "离任原因为“其他”的，请写明原因")
    p.raise_if_any()
    before = records.snapshot(row, records.SUPERVISOR_FIELDS)
    with write_transaction():
        row = records.supervisor(supervisor_id, lock=True)
        row.status, row.ended_date, row.end_reason, row.end_note = "ended", ended, reason, records.text(note)
        row.updated_at = clock.now()
        row.save()
        audit.record(actor, "supervisor.end", "supervisor", row.name, before=before,
                     after=records.snapshot(row, records.SUPERVISOR_FIELDS))
    warning = count_warning()
    if reason == "change":
        warning = "人员变动，应及时另聘监督员（制度一（一））" + (f"；{warning}" if warning else "")
    return {"warning": warning}


def record_filing(actor: Actor, supervisor_id: int, filed: dt.date, filing_number: str, seq: int | None = None
                  ) -> None:
    """备案: the term (the latest unless ``seq`` names one) reported to 区政务公开工作领导小组 (制度一（一）)."""
    require(actor, "supervisor.manage")
    row = records.supervisor(supervisor_id)
    all_terms = terms(row.id)
    term = all_terms[-1] if seq is None else next((t for t in all_terms if t.seq == seq), None)
    if term is None:
        raise ValidationError("任期", f"{row.name}没有第{seq}个任期")
    p = Problems()
    filed = validators.parse_date(filed, "备案日期", p)
    if filed and filed < term.start - dt.timedelta(days=60):
        p.add("备案日期", f"不能早于该任期开始（{term.start.isoformat()}）两个月以上")
    if filed and filed > clock.today():
        p.add("备案日期", "不能晚于今天")
    p.raise_if_any()
    with write_transaction():
        before = {"term": term.seq, "filed_date": term.filed_date and term.filed_date.isoformat(),
                  "filing_number": term.filing_number}
        SupervisorTerm.update(filed_date=filed, filing_number=str(filing_number or "").strip()).where(
            SupervisorTerm.id == term.id).execute()
        audit.record(actor, "supervisor.filing", "supervisor", row.name, before=before,
                     after={"term": term.seq, "filed_date": filed.isoformat(),
                            "filing_number": str(filing_number or "").strip()})


def link_user(actor: Actor, supervisor_id: int, user_id: int | None) -> None:
    """The user account the supervisor logs in with; it must hold the 监督员 role."""
    require(actor, "supervisor.manage")
    row = records.supervisor(supervisor_id)
    if user_id is not None:
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise ValidationError("关联账户", "找不到该用户")
        if not UserRole.select().where((UserRole.user == user_id) & (UserRole.role == "supervisor")).exists():
            raise ValidationError("关联账户", f"用户{user.display_name}没有监督员角色（系统管理 → 用户和角色）")
        other = Supervisor.get_or_none((Supervisor.user == user_id) & (Supervisor.id != row.id))
        if other is not None:
            raise ValidationError("关联账户", f"该账户已关联监督员{other.name}")
    before = records.snapshot(row, records.SUPERVISOR_FIELDS)
    with write_transaction():
        Supervisor.update(user=user_id, updated_at=clock.now()).where(Supervisor.id == row.id).execute()
        audit.record(actor, "supervisor.link_user", "supervisor", row.name, before=before,
                     after={**before, "user": user_id})


def of_user(actor: Actor) -> Supervisor | None:
    """The serving supervisor the logged-in user is (None for the office's staff)."""
    require(actor, "supervisor.view")
    if actor.user_id is None:
        return None
    return Supervisor.get_or_none((Supervisor.user == actor.user_id) & (Supervisor.status == "serving"))


# ---- the roster as the window, the printout and the export show it ------------------------------------------------
COLUMNS = [("name", "姓名"), ("sex", "性别"), ("contact", "联系方式"), ("constituency_label", "代表性"),
           ("unit", "工作单位"), ("appointed_date", "聘任日期"), ("term_text", "本任期"), ("renewals", "续聘次数"),
           ("state_label", "状态"), ("filing_text", "备案"), ("user_name", "关联账户")]


def roster(actor: Actor, include_ended: bool = True) -> list[dict]:
    require(actor, "supervisor.view")
    today = clock.today()
    warn = settings.get("supervisors.term_warning_days")
    q = Supervisor.select().order_by(Supervisor.status.desc(), Supervisor.appointed_date, Supervisor.id)
    if not include_ended:
        q = q.where(Supervisor.status == "serving")
    rows = list(q)
    all_terms: dict[int, list[SupervisorTerm]] = {}
    for t in SupervisorTerm.select().where(SupervisorTerm.supervisor.in_([r.id for r in rows] or [0])).order_by(
            SupervisorTerm.seq):
        all_terms.setdefault(t.supervisor_id, []).append(t)
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    by_id = {r.id: r.name for r in Supervisor.select(Supervisor.id, Supervisor.name)}
    out = []
    for r in rows:
        ts = all_terms.get(r.id, [])
        current = ts[-1] if ts else None
        state = catalog.term_state(r.status, r.term_end, today, warn)
        out.append({
            "id": r.id, "name": r.name, "sex": r.sex, "contact": r.contact, "constituency": r.constituency,
            "constituency_label": catalog.CONSTITUENCIES.get(r.constituency, r.constituency), "unit": r.unit,
            "appointed_date": r.appointed_date, "term_end": r.term_end,
            "term_start": current.start if current else r.appointed_date,
            "term_text": f"{current.start.isoformat()} 至 {current.end.isoformat()}" if current else "",
            "renewals": max(0, len(ts) - 1), "state": state, "state_label": catalog.TERM_STATES[state],
            "days_to_end": (r.term_end - today).days, "status": r.status, "ended_date": r.ended_date,
            "end_reason_label": catalog.END_REASONS.get(r.end_reason, ""), "end_note": r.end_note,
            "filed": bool(current and current.filed_date),
            "filing_text": (f"{current.filed_date.isoformat()} {current.filing_number}".strip()
                            if current and current.filed_date else ("未备案" if r.status == "serving" else "")),
            "terms": [{"seq": t.seq, "start": t.start, "end": t.end, "filed_date": t.filed_date,
                       "filing_number": t.filing_number} for t in ts],
            "user_id": r.user_id, "user_name": names.get(r.user_id, ""), "replaces": by_id.get(r.replaces, ""),
            "notes": r.notes,
        })
    return out


def supervisor_accounts(actor: Actor) -> list[dict]:
    """Users holding the 监督员 role, for the link chooser."""
    require(actor, "supervisor.manage")
    ids = [r.user_id for r in UserRole.select(UserRole.user).where(UserRole.role == "supervisor")]
    return [{"id": u.id, "display_name": u.display_name, "username": u.username}
            for u in User.select().where(User.id.in_(ids or [0])).order_by(User.id)]
