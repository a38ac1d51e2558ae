"""一次考核评议 from the 考核方案 to the notified results (seeds 000 第九条, 002 第八条, 004 第九条): the steps are
declared once (``STEPS``, state × step → next state with its permission), the window's buttons and the service both
read them. Then, per unit: 自查 material, and for a unit graded 不合格 the 整改 deadline and the 验收; 表彰/通报批评
(seeds 000 第十条, 003 六)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from app import audit, clock, files, settings
from app.actor import Actor
from app.assessment import rules, tables
from app.errors import InvalidState, NeedsConfirmation, NotFound, Problems, ValidationError
from app.permissions import require
from db.connection import write_transaction
from db.models import GradeBands, IndicatorTable, Round, RoundUnit

audit.register_labels(
    actions={"assessment.round_create": "新建考核", "assessment.round_update": "修改考核安排",
             "assessment.step": "考核评议步骤", "assessment.self_check": "登记自查材料",
             "assessment.material": "添加自查材料文件", "assessment.material_read": "查看自查材料文件",
             "assessment.rectify": "登记限期整改", "assessment.recheck": "登记整改验收",
             "assessment.followup": "登记表彰或通报批评"},
    entities={"assessment_round": "考核评议", "assessment_round_unit": "被考核科室"})

STATES = {"draft": "方案拟订中", "planned": "方案已审定", "announced": "已发考核通知", "checked": "已现场考核",
          "approved": "结果已审定", "notified": "结果已通报"}
METHODS = ("听取汇报", "民主测评", "实地察看")  # seed 002 第八条
NOTIFY_FORMS = ("会议", "文件")  # seed 002 第八条: 通过会议、文件等形式进行通报
FOLLOWUPS = {"commend": "表彰", "criticise": "通报批评"}
RECHECK = {"passed": "验收合格", "failed": "验收不合格"}
NOTICE_DAYS = 15  # 提前15天发出考核通知 (seeds 000 第九条（二）, 004)
SCORING_STATES = ("checked",)
EDITABLE_STATES = ("draft", "planned", "announced", "checked")


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    source: str
    target: str
    permission: str
    date_field: str  # the date the step records


STEPS: dict[str, Step] = {s.code: s for s in (
    Step("approve_plan", "审定考核方案", "draft", "planned", "assessment.manage", "plan_approved_date"),
    Step("announce", "发出考核通知", "planned", "announced", "assessment.manage", "notice_date"),
    Step("check", "登记现场考核", "announced", "checked", "assessment.manage", "onsite_date"),
    Step("approve", "审定考核结果", "checked", "approved", "assessment.approve", "approved_date"),
    Step("notify", "通报考核结果", "approved", "notified", "assessment.manage", "notified_date"),
)}
# The date each step records must not precede the one before it.
ORDER = ("plan_approved_date", "notice_date", "onsite_date", "approved_date", "notified_date")
DATE_LABELS = {"plan_approved_date": "考核方案审定日期", "notice_date": "考核通知日期", "onsite_date": "现场考核日期",
               "approved_date": "领导小组审定日期", "notified_date": "结果通报日期"}


def steps_for(state: str) -> list[Step]:
    return [s for s in STEPS.values() if s.source == state]


def get_round(round_id) -> Round:
    row = Round.get_or_none(Round.id == round_id)
    if row is None:
        raise NotFound("找不到该次考核")
    return row


def _round_unit(round_unit_id) -> RoundUnit:
    row = RoundUnit.get_or_none(RoundUnit.id == round_unit_id)
    if row is None:
        raise NotFound("找不到该被考核科室")
    return row


def snapshot(r: Round) -> dict:
    out = {f: getattr(r, f) for f in ("year", "combine", "state", "approval_note", "notified_form", "notified_ref")}
    out.update(table=r.table_id, bands=r.bands_id, members=json.loads(r.members),
               onsite_methods=json.loads(r.onsite_methods))
    out.update({f: getattr(r, f).isoformat() if getattr(r, f) else None for f in ORDER})
    return out


def _date(value, label: str, p: Problems, required: bool = True) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        if required:
            p.add(label, "不能为空")
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        p.add(label, f"“{value}”不是有效日期，应如 2026-03-07")
        return None


def _clean_plan(data: dict, p: Problems) -> dict:
    clean: dict = {}
    units = [str(u).strip() for u in data.get("units") or [] if str(u).strip()]
    office_units = settings.units()
    if not units:
        p.add("被考核科室", "至少选择一个科室")
    for u in units:
        if u not in office_units:
            p.add("被考核科室", f"“{u}”不在本机关的科室名单中（系统设置 → 本机关）")
    if len(set(units)) != len(units):
        p.add("被考核科室", "有重复的科室")
    clean["units"] = units
    members = []
    for m in data.get("members") or []:
        name = str(m.get("name") if isinstance(m, dict) else m or "").strip()
        role = str(m.get("role", "") if isinstance(m, dict) else "").strip()
        if name:
            members.append({"name": name, "role": role})
    if len({m["name"] for m in members}) != len(members):
        p.add("考核小组成员", "有重复的姓名")
    clean["members"] = members
    combine = data.get("combine") or "average"
    if combine not in rules.COMBINE:
        p.add("评分方式", "请选择平均分或商定分")
    clean["combine"] = combine
    return clean


def create_round(actor: Actor, data: dict, source: str = "entered") -> dict:
    """A round for ``year``: the units assessed, the indicator table and bands used, the group, the scoring rule."""
    require(actor, "assessment.manage")
    p = Problems()
    try:
        year = int(data.get("year"))
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        p.add("考核年度", "应为四位年份")
        year = None
    clean = _clean_plan(data, p)
    table = IndicatorTable.get_or_none(IndicatorTable.id == data.get("table_id")) if data.get("table_id") else None
    bands = GradeBands.get_or_none(GradeBands.id == data.get("bands_id")) if data.get("bands_id") else None
    if table is None:
        p.add("考核指标表", "请选择考核指标表")
    if bands is None:
        p.add("考核等次", "请选择考核等次")
    if year is not None and Round.select().where(Round.year == year).exists():
        p.add("考核年度", f"{year}年度已有考核")
    p.raise_if_any()
    now = clock.now()
    with write_transaction():
        row = Round.create(year=year, table=table.id, bands=bands.id, combine=clean["combine"], state="draft",
                           members=json.dumps(clean["members"], ensure_ascii=False), source=source,
                           created_at=now, updated_at=now)
        for i, unit in enumerate(clean["units"]):
            RoundUnit.create(round=row.id, unit=unit, seq=i)
        audit.record(actor, "assessment.round_create", "assessment_round", row.year,
                     after={**snapshot(row), "units": clean["units"]})
    return {"id": row.id, "year": row.year}


def update_plan(actor: Actor, round_id: int, data: dict) -> None:
    """Change the units, the group, the scoring rule (and, while the plan is a draft, the table and bands)."""
    require(actor, "assessment.manage")
    r = get_round(round_id)
    if r.state not in EDITABLE_STATES:
        raise InvalidState("考核结果已审定，不能再修改考核安排")
    p = Problems()
    current = [u.unit for u in RoundUnit.select().where(RoundUnit.round == r.id)]
    merged = {"units": current, "members": json.loads(r.members), "combine": r.combine, **data}
    clean = _clean_plan(merged, p)
    scored = {u.unit for u in RoundUnit.select().where(RoundUnit.round == r.id) if u.scores.count()}
    for unit in scored - set(clean["units"]):
        p.add("被考核科室", f"“{unit}”已有评分，不能移出本次考核")
    changes = {}
    for key, model, label in (("table_id", IndicatorTable, "考核指标表"), ("bands_id", GradeBands, "考核等次")):
        if key in data and data[key] != getattr(r, key):
            if r.state != "draft":
                p.add(label, "考核方案审定后不能更换")
            elif model.get_or_none(model.id == data[key]) is None:
                p.add(label, "请选择")
            else:
                changes[key[:-3]] = data[key]
    p.raise_if_any()
    before = {**snapshot(r), "units": current}
    with write_transaction():
        Round.update(members=json.dumps(clean["members"], ensure_ascii=False), combine=clean["combine"],
                     updated_at=clock.now(), **changes).where(Round.id == r.id).execute()
        RoundUnit.delete().where((RoundUnit.round == r.id) & RoundUnit.unit.not_in(clean["units"])).execute()
        for i, unit in enumerate(clean["units"]):
            if unit not in current:
                RoundUnit.create(round=r.id, unit=unit, seq=i)
            else:
                RoundUnit.update(seq=i).where((RoundUnit.round == r.id) & (RoundUnit.unit == unit)).execute()
        audit.record(actor, "assessment.round_update", "assessment_round", r.year, before=before,
                     after={**snapshot(get_round(r.id)), "units": clean["units"]})


def notice_warning(notice: dt.date | None, onsite: dt.date | None) -> str | None:
    """Seeds 000 第九条（二）and 004: the notice goes out 15 days before the check."""
    if notice and onsite and (onsite - notice).days < NOTICE_DAYS:
        return (f"考核通知（{notice.isoformat()}）距现场考核（{onsite.isoformat()}）只有 {(onsite - notice).days} 天，"
                f"制度要求提前 {NOTICE_DAYS} 天发出考核通知")
    return None


def advance(actor: Actor, round_id: int, code: str, data: dict, confirmed: bool = False) -> dict:
    """Take step ``code`` of the round with its date (``data["date"]``) and what the step records:
    ``announce``: the planned ``onsite_date`` (a notice less than 15 days before it asks for confirmation);
    ``check``: ``methods`` used; ``approve``: ``note``; ``notify``: ``form`` (会议/文件) and ``ref``."""
    require(actor, "assessment.view")  # each step's own permission below, once the step is known
    step = STEPS.get(code)
    if step is None:
        raise ValidationError("步骤", f"没有名为“{code}”的步骤")
    require(actor, step.permission)
    r = get_round(round_id)
    if r.state != step.source:
        raise InvalidState(f"本次考核{STATES[r.state]}，不能{step.label}")
    data = dict(data or {})
    p = Problems()
    day = _date(data.get("date"), DATE_LABELS[step.date_field], p)
    if day and day > clock.today():
        p.add(DATE_LABELS[step.date_field], f"不能晚于今天（{clock.today().isoformat()}）")
    values: dict = {step.date_field: day, "state": step.target}
    earlier = [f for f in ORDER[:ORDER.index(step.date_field)] if getattr(r, f)]
    if day and earlier and day < getattr(r, earlier[-1]):
        p.add(DATE_LABELS[step.date_field], f"不能早于{DATE_LABELS[earlier[-1]]}（{getattr(r, earlier[-1]).isoformat()}）")
    warning = None
    if code == "announce":
        onsite = _date(data.get("onsite_date"), "计划现场考核日期", p, required=False)
        if onsite and day and onsite < day:
            p.add("计划现场考核日期", "不能早于考核通知日期")
        warning = notice_warning(day, onsite)
        values["onsite_date"] = onsite
    elif code == "check":
        methods = [m for m in data.get("methods") or [] if m]
        bad = [m for m in methods if m not in METHODS]
        if not methods or bad:
            p.add("考核方式", "请选择听取汇报、民主测评、实地察看中的一项或几项")
        values["onsite_methods"] = json.dumps(methods, ensure_ascii=False)
        if not json.loads(r.members):
            p.add("考核小组成员", "现场考核前应确定考核小组成员")
        if r.onsite_date and day:
            warning = notice_warning(r.notice_date, day) if day != r.onsite_date else None
    elif code == "approve":
        from app.assessment import scoring
        missing = scoring.incomplete_units(r)
        if missing:
            p.add("评分", "以下科室尚未评分完毕：" + "、".join(missing))
        values["approval_note"] = str(data.get("note") or "").strip()
        values["approved_by"] = actor.user_id
    elif code == "notify":
        form = data.get("form")
        if form not in NOTIFY_FORMS:
            p.add("通报形式", "请选择会议或文件")
        values["notified_form"] = form or ""
        values["notified_ref"] = str(data.get("ref") or "").strip()
        if form == "文件" and not values["notified_ref"]:
            p.add("通报文号", "以文件通报的，应填写文号")
    p.raise_if_any()
    if warning and not confirmed:
        raise NeedsConfirmation(warning + "。仍要继续吗？")
    before = snapshot(r)
    with write_transaction():
        Round.update(updated_at=clock.now(), **values).where(Round.id == r.id).execute()
        if code == "approve":
            from app.assessment import scoring
            for unit, total, grade in scoring.final_results(get_round(r.id)):
                RoundUnit.update(total=total, grade=grade).where(
                    (RoundUnit.round == r.id) & (RoundUnit.unit == unit)).execute()
        after = snapshot(get_round(r.id))
        if warning:
            after["warning"] = warning
        audit.record(actor, "assessment.step", "assessment_round", r.year, before=before,
                     after={**after, "step": step.label})
    return {"state": step.target, "warning": warning}


# ---- per unit ----------------------------------------------------------------------------------------------------
def _unit_snapshot(u: RoundUnit) -> dict:
    out = {f: getattr(u, f) for f in ("unit", "self_check_note", "total", "grade", "rectify_opinion",
                                      "recheck_result", "recheck_note", "followup", "followup_note")}
    for f in ("self_check_date", "rectify_due", "recheck_date", "followup_date"):
        out[f] = getattr(u, f).isoformat() if getattr(u, f) else None
    return out


def _save_unit(actor: Actor, u: RoundUnit, action: str, values: dict) -> None:
    before = _unit_snapshot(u)
    with write_transaction():
        RoundUnit.update(**values).where(RoundUnit.id == u.id).execute()
        audit.record(actor, action, "assessment_round_unit", f"{u.round.year}/{u.unit}", before=before,
                     after=_unit_snapshot(_round_unit(u.id)))


def record_self_check(actor: Actor, round_unit_id: int, day, note: str) -> None:
    """自查书面材料 received from the unit (after the notice, before the results are approved)."""
    require(actor, "assessment.manage")
    u = _round_unit(round_unit_id)
    if u.round.state not in ("announced", "checked"):
        raise InvalidState("发出考核通知后、结果审定前登记自查材料")
    p = Problems()
    day = _date(day, "自查材料日期", p)
    if day and u.round.notice_date and day < u.round.notice_date:
        p.add("自查材料日期", f"不能早于考核通知日期（{u.round.notice_date.isoformat()}）")
    if day and day > clock.today():
        p.add("自查材料日期", "不能晚于今天")
    p.raise_if_any()
    _save_unit(actor, u, "assessment.self_check", {"self_check_date": day, "self_check_note": str(note or "").strip()})


def add_material(actor: Actor, round_unit_id: int, source_path: str) -> dict:
    """A file of the unit's 自查 material, stored content-addressed (never changed)."""
    require(actor, "assessment.manage")
    u = _round_unit(round_unit_id)
    if u.round.state not in ("announced", "checked"):
        raise InvalidState("发出考核通知后、结果审定前添加自查材料")
    path = Path(str(source_path or ""))
    if not path.is_file():
        raise ValidationError("自查材料文件", f"找不到文件“{source_path}”")
    stored = files.put_file(path, "assessment")
    entry = {"name": path.name, "path": stored.rel_path, "sha256": stored.sha256, "size": stored.size,
             "added": clock.now().isoformat(sep=" ", timespec="seconds"), "by": actor.display_name}
    materials = json.loads(u.materials) + [entry]
    before = {"materials": json.loads(u.materials)}
    with write_transaction():
        RoundUnit.update(materials=json.dumps(materials, ensure_ascii=False)).where(RoundUnit.id == u.id).execute()
        audit.record(actor, "assessment.material", "assessment_round_unit", f"{u.round.year}/{u.unit}",
                     before=before, after={"materials": materials})
    return entry


def read_material(actor: Actor, round_unit_id: int, index: int) -> tuple[str, bytes]:
    require(actor, "assessment.view")
    u = _round_unit(round_unit_id)
    materials = json.loads(u.materials)
    if not isinstance(index, int) or not 0 <= index < len(materials):
        raise NotFound("找不到该自查材料文件")
    entry = materials[index]
    data = files.read(entry["path"], entry["sha256"])
    with write_transaction():
        audit.record(actor, "assessment.material_read", "assessment_round_unit", f"{u.round.year}/{u.unit}",
                     after={"file": entry["name"]})
    return entry["name"], data


def set_rectification(actor: Actor, round_unit_id: int, due, opinion: str) -> None:
    """限期整改 for a unit graded 不合格 (seed 002 第八条), once the results are notified."""
    require(actor, "assessment.manage")
    u = _round_unit(round_unit_id)
    if u.round.state != "notified" or not rules.is_failing(u.grade):
        raise InvalidState("结果通报后，对评为不合格的科室提出整改意见并限期整改")
    p = Problems()
    due = _date(due, "整改期限", p)
    if due and due <= u.round.notified_date:
        p.add("整改期限", f"应晚于结果通报日期（{u.round.notified_date.isoformat()}）")
    opinion = str(opinion or "").strip()
    if not opinion:
        p.add("整改意见", "不能为空")
    p.raise_if_any()
    _save_unit(actor, u, "assessment.rectify", {"rectify_due": due, "rectify_opinion": opinion})


def record_recheck(actor: Actor, round_unit_id: int, day, result: str, note: str) -> None:
    """验收: the leading group's office re-checks the rectification and reports the result."""
    require(actor, "assessment.manage")
    u = _round_unit(round_unit_id)
    if not u.rectify_due:
        raise InvalidState("尚未提出限期整改，不能登记验收")
    p = Problems()
    day = _date(day, "验收日期", p)
    if day and day < u.round.notified_date:
        p.add("验收日期", "不能早于结果通报日期")
    if day and day > clock.today():
        p.add("验收日期", "不能晚于今天")
    if result not in RECHECK:
        p.add("验收结果", "请选择验收合格或验收不合格")
    p.raise_if_any()
    _save_unit(actor, u, "assessment.recheck",
               {"recheck_date": day, "recheck_result": result, "recheck_note": str(note or "").strip()})


def record_followup(actor: Actor, round_unit_id: int, kind: str, day, note: str) -> None:
    """表彰 of a unit graded best, 通报批评 of one graded 不合格 (seeds 000 第十条, 003 六)."""
    require(actor, "assessment.manage")
    u = _round_unit(round_unit_id)
    if u.round.state != "notified":
        raise InvalidState("结果通报后登记表彰或通报批评")
    p = Problems()
    if kind not in FOLLOWUPS:
        p.add("类别", "请选择表彰或通报批评")
    elif kind == "criticise" and not rules.is_failing(u.grade):
        p.add("类别", f"{u.unit}评为{u.grade}，通报批评适用于评为不合格的科室")
    elif kind == "commend" and rules.is_failing(u.grade):
        p.add("类别", f"{u.unit}评为不合格，不能表彰")
    day = _date(day, "日期", p)
    if day and day < u.round.notified_date:
        p.add("日期", "不能早于结果通报日期")
    p.raise_if_any()
    _save_unit(actor, u, "assessment.followup",
               {"followup": kind, "followup_date": day, "followup_note": str(note or "").strip()})


def list_rounds(actor: Actor) -> list[dict]:
    require(actor, "assessment.view")
    return [{"id": r.id, "year": r.year, "state": r.state, "state_label": STATES[r.state],
             "table": r.table.name, "bands": r.bands.name}
            for r in Round.select().order_by(Round.year.desc())]


def round_detail(actor: Actor, round_id: int) -> dict:
    require(actor, "assessment.view")
    r = get_round(round_id)
    units = []
    for u in RoundUnit.select().where(RoundUnit.round == r.id).order_by(RoundUnit.seq, RoundUnit.id):
        units.append({"id": u.id, **_unit_snapshot(u), "materials": json.loads(u.materials),
                      "followup_label": FOLLOWUPS.get(u.followup, ""),
                      "recheck_label": RECHECK.get(u.recheck_result, "")})
    return {"id": r.id, **snapshot(r), "state_label": STATES[r.state], "table_name": r.table.name,
            "bands_name": r.bands.name, "units": units, "steps": [s.code for s in steps_for(r.state)],
            "warning": notice_warning(r.notice_date, r.onsite_date),
            "table_frozen": tables.is_frozen_table(r.table_id)}
