"""What 考核评议 hands to the rest of the program through the module hooks: its demo data (last year's round
finished, this year's being scored). It reads the other modules only through ``app.modules.measures()``."""
from __future__ import annotations

from app import audit, modules
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.assessment import export, rounds, scoring, tables  # noqa: F401


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
