"""按季度通报 and 政务公开工作会议 (seed 001 四(一), 二(四)): the date, what was reported, the supervisors invited and
who attended, files (the briefing text, minutes); and which quarters are still without a briefing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import audit, clock, files, validators
from app.actor import Actor
from app.errors import NotFound, Problems, ValidationError
from app.permissions import require
from app.supervisors import catalog, records
from db.connection import write_transaction
from db.models import Attendance, Briefing, BriefingFile, Supervisor, SupervisorTerm

audit.register_labels(actions={"briefing.create": "登记季度通报或工作会议", "briefing.attendance": "登记参会情况",
                               "briefing.file": "添加通报或会议附件"})
MAX_MB = 50


def _serving_on(day: dt.date) -> list[int]:
    """Supervisors whose term covered ``day``."""
    q = (SupervisorTerm.select(SupervisorTerm.supervisor).join(Supervisor)
         .where((SupervisorTerm.start <= day) & (SupervisorTerm.end >= day)
                & (Supervisor.ended_date.is_null() | (Supervisor.ended_date >= day))))
    return sorted({t.supervisor_id for t in q})


def create(actor: Actor, data: dict, source: str = "entered") -> dict:
    """A briefing (for a year and quarter) or a meeting; ``attendees`` maps supervisor id → attended (the invited are
    the keys; by default every supervisor serving that day, none marked as attended)."""
    require(actor, "supervisor.briefing")
    if source not in ("entered", "demo"):
        raise ValueError(f"unknown source {source!r}")
    p = Problems()
    kind = data.get("kind")
    if kind not in catalog.BRIEFING_KINDS:
        p.add("类型", "应为季度通报或工作会议")
    held = validators.parse_date(data.get("held_date"), "日期", p)
    if held and held > clock.today() + dt.timedelta(days=366):
        p.add("日期", "不能晚于明年今日")
    title = str(data.get("title") or "").strip()
    if not title:
        p.add("标题", "不能为空")
    year, quarter = data.get("year"), data.get("quarter")
    if kind == "briefing":
        if quarter not in (1, 2, 3, 4):
            p.add("季度", "请选择所通报的季度")
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            p.add("年度", "请填写所通报的年度")
        elif held and quarter in (1, 2, 3, 4) and held < dt.date(year, 3 * quarter - 2, 1):
            p.add("日期", f"不能早于所通报的{catalog.quarter_label(year, quarter)}开始")
    else:
        year, quarter = (held.year if held else None), None
    attendees = data.get("attendees")
    if attendees is None and held:
        attendees = {sid: False for sid in _serving_on(held)}
    attendees = dict(attendees or {})
    known = {s.id for s in Supervisor.select(Supervisor.id).where(Supervisor.id.in_(list(attendees) or [0]))}
    if set(attendees) - known:
        p.add("参加人员", "有找不到的监督员")
    p.raise_if_any()
    with write_transaction():
        row = Briefing.create(kind=kind, year=year, quarter=quarter, held_date=held, title=title,
                              content=str(data.get("content") or "").strip(), place=str(data.get("place") or "").strip(),
                              source=source, created_by=actor.user_id, created_at=clock.now())
        for sid, came in attendees.items():
            Attendance.create(briefing=row.id, supervisor=sid, attended=bool(came))
        audit.record(actor, "briefing.create", "supervisor_briefing", row.title,
                     after={"kind": kind, "year": year, "quarter": quarter, "held_date": held.isoformat(),
                            "attendees": {str(k): bool(v) for k, v in attendees.items()}})
    return {"id": row.id}


def _get(briefing_id: int) -> Briefing:
    row = Briefing.get_or_none(Briefing.id == briefing_id) if briefing_id is not None else None
    if row is None:
        raise NotFound("找不到该通报或会议")
    return row


def set_attendance(actor: Actor, briefing_id: int, supervisor_id: int, attended: bool, note: str = "") -> None:
    """Who came (an invited supervisor who did not, with the reason)."""
    require(actor, "supervisor.briefing")
    row = _get(briefing_id)
    if row.held_date > clock.today():
        raise ValidationError("参会情况", "会议尚未召开，不能登记参会")
    entry = Attendance.get_or_none((Attendance.briefing == row.id) & (Attendance.supervisor == supervisor_id))
    if entry is None:
        raise NotFound("该监督员没有被邀请参加")
    with write_transaction():
        Attendance.update(attended=bool(attended), note=records.text(note)).where(Attendance.id == entry.id).execute()
        audit.record(actor, "briefing.attendance", "supervisor_briefing", row.title,
                     before={"supervisor": supervisor_id, "attended": entry.attended},
                     after={"supervisor": supervisor_id, "attended": bool(attended), "note": records.text(note)})


def add_file(actor: Actor, briefing_id: int, source_path: str) -> dict:
    require(actor, "supervisor.briefing")
    row = _get(briefing_id)
    src = Path(source_path)
    stored = files.put_upload(src, "supervisors", MAX_MB)
    with write_transaction():
        f = BriefingFile.create(briefing=row.id, name=src.name, stored_path=stored.rel_path, sha256=stored.sha256,
                                size=stored.size, added_at=clock.now(), added_by=actor.user_id)
        audit.record(actor, "briefing.file", "supervisor_briefing", row.title,
                     after={"file": f.id, "name": f.name, "sha256": stored.sha256})
    return {"id": f.id}


def read_file(actor: Actor, file_id: int) -> tuple[str, bytes]:
    require(actor, "supervisor.view")
    f = BriefingFile.get_or_none(BriefingFile.id == file_id) if file_id is not None else None
    if f is None:
        raise NotFound("找不到该附件")
    return f.name, files.read(f.stored_path, f.sha256)


def list_all(actor: Actor, year: int | None = None) -> list[dict]:
    require(actor, "supervisor.view")
    q = Briefing.select().order_by(Briefing.held_date.desc(), Briefing.id.desc())
    if year:
        q = q.where(Briefing.year == year)
    rows = list(q)
    names = {s.id: s.name for s in Supervisor.select(Supervisor.id, Supervisor.name)}
    att: dict[int, list[Attendance]] = {}
    for a in Attendance.select().where(Attendance.briefing.in_([r.id for r in rows] or [0])):
        att.setdefault(a.briefing_id, []).append(a)
    fs: dict[int, list[dict]] = {}
    for f in BriefingFile.select().where(BriefingFile.briefing.in_([r.id for r in rows] or [0])):
        fs.setdefault(f.briefing_id, []).append({"id": f.id, "name": f.name, "size": f.size})
    out = []
    for r in rows:
        entries = att.get(r.id, [])
        out.append({"id": r.id, "kind": r.kind, "kind_label": catalog.BRIEFING_KINDS[r.kind], "year": r.year,
                    "quarter": r.quarter,
                    "period": catalog.quarter_label(r.year, r.quarter) if r.quarter else "",
                    "held_date": r.held_date, "title": r.title, "content": r.content, "place": r.place,
                    "invited": [{"supervisor_id": a.supervisor_id, "name": names.get(a.supervisor_id, ""),
                                 "attended": a.attended, "note": a.note} for a in entries],
                    "attendance_text": "、".join(names.get(a.supervisor_id, "") + ("" if a.attended else "（未参加）")
                                                for a in entries),
                    "files": fs.get(r.id, [])})
    return out


def missing_quarters(today: dt.date | None = None) -> list[tuple[int, int]]:
    """Quarters since the first appointment (up to the current one) with a supervisor serving and no briefing."""
    today = today or clock.today()
    first = Supervisor.select(Supervisor.appointed_date).order_by(Supervisor.appointed_date).first()
    if first is None:
        return []
    done = {(b.year, b.quarter) for b in Briefing.select(Briefing.year, Briefing.quarter)
            .where(Briefing.kind == "briefing")}
    out = []
    for y, q in catalog.quarters_between(first.appointed_date, today):
        if (y, q) in done:
            continue
        if _serving_on(min(catalog.quarter_end(y, q), today)):
            out.append((y, q))
    return out

