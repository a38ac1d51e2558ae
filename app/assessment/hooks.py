"""What 考核评议 hands to the rest of the program through the module hooks: its demo data (last year's round
finished, this year's being scored) and the results of the approved rounds in the supervisors' archive. It reads the
other modules only through ``app.modules.measures()``."""
from __future__ import annotations

from app import audit, modules
from app.actor import Actor
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.assessment import export, rounds, rules, scoring, sheets, tables  # noqa: F401
from app.errors import NotFound
from app.permissions import require
from db.models import Round


# ---- the supervisors' archive: a round once the leading group approved its results (seed 001 二(五): 监督员查阅
# 政务公开工作档案资料; a round still being scored is the assessment group's work, not yet the archive's) -------------
ARCHIVE_COLUMNS = (("year", "年度"), ("table", "指标表"), ("state_label", "状态"), ("units", "被考核科室"),
                   ("approved_date", "审定日期"), ("notified_date", "通报日期"))


def _finished(text: str) -> list[Round]:
    out = []
    for r in Round.select().where(Round.state.in_(tables.FINISHED)).order_by(Round.year.desc()):
        units = [u.unit for u in sheets.units_of(r)]
        haystack = f"{r.year} {r.table.name} {' '.join(units)}"
        if all(term in haystack for term in (text or "").split()):
            out.append(r)
    return out


def archive_count(actor: Actor, text: str) -> int:
    require(actor, "assessment.view")
    return len(_finished(text))


def archive_fetch(actor: Actor, text: str, offset: int, limit: int) -> list[dict]:
    require(actor, "assessment.view")
    return [{"id": r.id, "year": f"{r.year}年度", "table": r.table.name, "state_label": rounds.STATES[r.state],
             "units": len(sheets.units_of(r)), "approved_date": r.approved_date, "notified_date": r.notified_date}
            for r in _finished(text)[offset:offset + limit]]


def _archived(round_id: int) -> Round:
    r = rounds.get_round(round_id)
    if r.state not in tables.FINISHED:
        raise NotFound("该年度的考核结果尚未审定，档案中没有")
    return r


def archive_detail(actor: Actor, round_id: int) -> list[tuple[str, str]]:
    """The round's steps and every unit's total, grade and rank, then what followed (整改, 验收, 表彰或通报批评)."""
    require(actor, "assessment.view")
    r = _archived(round_id)
    lines = [("年度", f"{r.year}年度政府信息公开工作考核"), ("指标表", r.table.name), ("状态", rounds.STATES[r.state]),
             ("审定日期", r.approved_date.isoformat() if r.approved_date else "")]
    if r.notified_date:
        lines.append(("通报", f"{r.notified_date.isoformat()} {r.notified_form}{r.notified_ref and '（' + r.notified_ref + '）'}"))
    units = {u.id: u for u in sheets.units_of(r)}
    for row in scoring.ranked(r):
        u = units[row["id"]]
        after = "；".join(x for x in (
            rounds.FOLLOWUPS.get(u.followup, ""),
            u.rectify_due and f"限期{u.rectify_due.isoformat()}前整改",
            rounds.RECHECK.get(u.recheck_result, "")) if x)
        lines.append((row["unit"], f"第{row['rank'] or '—'}名　{rules.fmt(row['total'])}分　{row['grade'] or '—'}"
                      + (f"　{after}" if after else "")))
    return lines


def archive_documents(actor: Actor, round_id: int) -> list[dict]:
    require(actor, "assessment.view")
    r = _archived(round_id)
    return [{"id": 1, "title": f"{r.year}年度考核结果汇总表和考核评分表"}]


def archive_document_pdf(actor: Actor, round_id: int, document_id: int) -> bytes:
    require(actor, "assessment.view")
    return export.render(_archived(round_id), "pdf")


modules.register_archive_view("assessment", modules.ArchiveView(
    "考核评议", "assessment.view", ARCHIVE_COLUMNS, archive_count, archive_fetch, archive_detail,
    archive_documents, archive_document_pdf))


def demo(staff: dict, seed: int) -> str:
    from app.assessment.demo import make_rounds
    return make_rounds(staff, seed)


def foreign() -> str | None:
    from app.assessment.demo import foreign_rounds
    return foreign_rounds()


modules.register_demo("assessment", demo, foreign)

# How the audit viewer names the fields of the assessment's audit rows.
audit.register_labels(fields={
    "assessment_table": {"indicators": "指标", "name": "名称", "preset": "预设", "total": "总分"},
    "assessment_bands": {"bands": "等次", "boundary": "边界分数规则", "name": "名称"},
    "assessment_round": {"approval_note": "审定意见", "approved_date": "审定日期", "bands": "等次", "combine": "合分方式",
                         "members": "考核组成员", "notice_date": "通知日期", "notified_date": "通报日期",
                         "notified_form": "通报形式", "notified_ref": "通报文号", "onsite_date": "现场考核日期",
                         "onsite_methods": "考核方式", "plan_approved_date": "方案批准日期", "state": "状态",
                         "step": "环节", "table": "指标表", "units": "被考核科室", "year": "年度"},
    "assessment_round_unit": {"followup": "表彰或通报批评", "followup_date": "表彰或通报日期",
                              "followup_note": "表彰或通报说明", "grade": "等次", "recheck_date": "验收日期",
                              "recheck_note": "验收说明", "recheck_result": "验收结果", "rectify_due": "整改期限",
                              "rectify_opinion": "整改意见", "self_check_date": "自查日期", "self_check_note": "自查说明",
                              "total": "总分", "unit": "科室"},
    "assessment_score": {"deductions": "扣分", "figure": "数据", "override_reason": "调整理由", "points": "得分",
                         "proposed": "建议得分"},
})
