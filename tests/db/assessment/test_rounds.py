"""A round from the plan to the notified results: the 15-day notice warning, dates against each other, 自查 material,
approval fixing the grades, 整改 and 验收 of a unit graded 不合格, 表彰/通报批评."""
import datetime as dt
import json

import pytest

from app import audit
from app.assessment import rounds, scoring
from app.errors import InvalidState, NeedsConfirmation, ValidationError
from db.models import AuditLog
from tests.db.assessment.conftest import D, fill_scores, plan


def test_a_notice_less_than_15_days_ahead_asks_for_confirmation_and_is_kept(staff, tabled):
    head = staff["head"]
    rid = rounds.create_round(head, plan(tabled))["id"]
    rounds.advance(head, rid, "approve_plan", {"date": D(2026, 6, 1)})
    with pytest.raises(NeedsConfirmation, match="只有 10 天，制度要求提前 15 天"):
        rounds.advance(head, rid, "announce", {"date": D(2026, 6, 10), "onsite_date": D(2026, 6, 20)})
    assert rounds.get_round(rid).state == "planned"
    out = rounds.advance(head, rid, "announce", {"date": D(2026, 6, 10), "onsite_date": D(2026, 6, 20)},
                         confirmed=True)
    assert out["warning"] and rounds.round_detail(head, rid)["warning"] == out["warning"]
    last = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    assert "只有 10 天" in json.loads(last.after_json)["warning"]


def test_dates_follow_each_other_and_steps_follow_the_table(staff, tabled):
    head = staff["head"]
    rid = rounds.create_round(head, plan(tabled))["id"]
    with pytest.raises(InvalidState, match="不能发出考核通知"):
        rounds.advance(head, rid, "announce", {"date": D(2026, 6, 1)})
    rounds.advance(head, rid, "approve_plan", {"date": D(2026, 6, 1)})
    with pytest.raises(ValidationError, match="考核通知日期：不能早于考核方案审定日期"):
        rounds.advance(head, rid, "announce", {"date": D(2026, 5, 20)})
    with pytest.raises(ValidationError, match="不能晚于今天"):
        rounds.advance(head, rid, "announce", {"date": D(2026, 7, 20)})
    assert [s.code for s in rounds.steps_for("planned")] == ["announce"]


def test_approval_needs_every_unit_scored_and_the_approving_role(staff, checked):
    head, leader = staff["head"], staff["leader"]
    units = rounds.round_detail(head, checked)["units"]
    fill_scores(head, units[0]["id"])
    from app.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        rounds.advance(head, checked, "approve", {"date": D(2026, 6, 30)})
    with pytest.raises(ValidationError, match="以下科室尚未评分完毕：财政所、经济发展办"):
        rounds.advance(leader, checked, "approve", {"date": D(2026, 6, 30)})


def _finish(staff, checked, shares=(1.0, 0.8, 0.3)):
    head = staff["head"]
    units = rounds.round_detail(head, checked)["units"]
    for u, share in zip(units, shares):
        fill_scores(head, u["id"], share=share)
    rounds.advance(staff["leader"], checked, "approve", {"date": D(2026, 6, 30), "note": "同意"})
    rounds.advance(head, checked, "notify", {"date": D(2026, 6, 30), "form": "文件", "ref": "某政公开〔2026〕9号"})
    return {r["unit"]: r for r in scoring.summary(head, checked)}


def test_the_approved_totals_and_grades_are_fixed_and_the_units_ranked(staff, checked):
    results = _finish(staff, checked)
    assert [r["rank"] for r in sorted(results.values(), key=lambda r: r["rank"])] == [1, 2, 3]
    assert results["经济发展办"]["grade"] == "不合格"
    with pytest.raises(InvalidState, match="现场考核后、结果审定前评分"):
        scoring.save_score(staff["head"], results["办公室"]["id"], "1.1", "李华", 1)
    with pytest.raises(InvalidState):
        rounds.update_plan(staff["head"], checked, {"combine": "agreed"})


def test_rectification_recheck_and_followups(staff, checked, frozen_clock):
    head = staff["head"]
    results = _finish(staff, checked)
    failing, best = results["经济发展办"], min(results.values(), key=lambda r: r["rank"])
    with pytest.raises(InvalidState, match="对评为不合格的科室"):
        rounds.set_rectification(head, best["id"], D(2026, 8, 1), "整改")
    with pytest.raises(InvalidState, match="尚未提出限期整改"):
        rounds.record_recheck(head, failing["id"], D(2026, 7, 1), "passed", "")
    with pytest.raises(ValidationError, match="整改期限：应晚于结果通报日期"):
        rounds.set_rectification(head, failing["id"], D(2026, 6, 30), "完善台账")
    rounds.set_rectification(head, failing["id"], D(2026, 7, 31), "完善依申请公开台账")
    frozen_clock.set(dt.datetime(2026, 8, 3, 9, 0))
    rounds.record_recheck(head, failing["id"], D(2026, 8, 3), "passed", "台账已补齐")
    with pytest.raises(ValidationError, match="通报批评适用于评为不合格的科室"):
        rounds.record_followup(head, best["id"], "criticise", D(2026, 7, 1), "")
    rounds.record_followup(head, best["id"], "commend", D(2026, 7, 1), "先进科室")
    rounds.record_followup(head, failing["id"], "criticise", D(2026, 7, 1), "通报批评")
    detail = {u["unit"]: u for u in rounds.round_detail(head, checked)["units"]}
    assert detail["经济发展办"]["recheck_label"] == "验收合格" and detail["经济发展办"]["followup_label"] == "通报批评"
    assert detail[best["unit"]]["followup_label"] == "表彰"
    assert audit.verify_chain().ok


def test_self_check_material_is_stored_and_read_back(staff, checked, tmp_path):
    head = staff["head"]
    unit = rounds.round_detail(head, checked)["units"][0]
    with pytest.raises(ValidationError, match="不能早于考核通知日期"):
        rounds.record_self_check(head, unit["id"], D(2026, 6, 1), "自查报告")
    rounds.record_self_check(head, unit["id"], D(2026, 6, 20), "办公室2026年度自查报告")
    path = tmp_path / "自查报告.docx"
    path.write_bytes(b"self-check report")
    rounds.add_material(head, unit["id"], str(path))
    assert rounds.read_material(staff["supervisor"], unit["id"], 0) == ("自查报告.docx", b"self-check report")
    detail = rounds.round_detail(head, checked)["units"][0]
    assert detail["self_check_date"] == "2026-06-20" and detail["materials"][0]["name"] == "自查报告.docx"
