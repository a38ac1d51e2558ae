"""答复决定: the one outcome that concludes a request, from the annual-report taxonomy, with what the notice needs.

Each outcome records what its notice must say: 予以公开 what is provided and how (条例第三十六条第（一）（二）项);
部分公开 the withheld part and its ground(s) (条例第三十七条); 不予公开 the reason (条例第三十六条第（三）项 with
第十四条、第十五条、第十六条); 非本机关 the responsible agency and its contact when known (第三十六条第（五）项);
重复申请 the earlier request (第三十六条第（六）项).
"""
from __future__ import annotations

from app import audit, clock
from app.actor import Actor
from app.errors import Problems, ValidationError
from app.requests import catalog, records, workflow
from app.requests.handling import conclude
from app.workdays.deadlines import working_days_between
from db.models import Request

audit.register_labels(actions={"request.decide": "作出答复决定"})

# Outcomes reached through their own step, not chosen directly.
VIA_OTHER_STEPS = {"other_1": "逾期未补正请使用“逾期未补正”", "other_2": "逾期未缴费请使用“逾期未缴费”"}

DETAIL_LABELS = {"provided": "提供的信息及方式", "withheld": "不予公开的部分", "grounds": "不予公开部分的理由类别",
                 "reason": "理由", "agency": "负责公开的机关", "agency_contact": "该机关的联系方式",
                 "duplicate_of": "此前申请的编号", "guidance": "办理途径"}
audit.register_labels(fields={"request": DETAIL_LABELS})  # the keys of the audit's 答复内容


def check_detail(outcome: str, detail: dict, req: Request | None = None) -> dict:
    """Validate and clean what the outcome's notice needs; raises ``ValidationError`` naming each missing item."""
    o = catalog.OUTCOMES.get(outcome)
    if o is None:
        raise ValidationError("办理结果", "请选择办理结果")
    if outcome in VIA_OTHER_STEPS:
        raise ValidationError("办理结果", VIA_OTHER_STEPS[outcome])
    d = {k: (v.strip() if isinstance(v, str) else v) for k, v in (detail or {}).items()}
    p = Problems()

    def need(key, reason):
        if not d.get(key):
            p.add(DETAIL_LABELS[key], reason)

    if outcome in ("disclose", "disclose_proactive"):
        need("provided", "请写明提供的信息，或获取该信息的方式、途径（条例第三十六条）")
    elif outcome == "partial":
        need("provided", "请写明可以公开、予以提供的部分")
        need("withheld", "请写明不予公开的部分")
        grounds = [g for g in (d.get("grounds") or []) if g in catalog.WITHHOLDING_GROUNDS]
        if not grounds:
            p.add(DETAIL_LABELS["grounds"], "至少选择一项（条例第三十七条：对不予公开的内容说明理由）")
        d["grounds"] = grounds
        need("reason", "请说明不予公开部分的理由")
    elif o.leaf.startswith("refuse"):
        need("reason", "不予公开应当说明理由（条例第三十六条第（三）项）")
    elif outcome == "reject_2":
        need("duplicate_of", "请填写此前已答复的同一申请的编号")
        number = d.get("duplicate_of")
        if number:
            earlier = Request.get_or_none(Request.number == number)
            if earlier is None:
                p.add(DETAIL_LABELS["duplicate_of"], f"找不到申请 {number}")
            elif earlier.decided_date is None:
                p.add(DETAIL_LABELS["duplicate_of"], f"申请 {number} 尚未答复，不构成重复申请")
            elif req is not None and earlier.id == req.id:
                p.add(DETAIL_LABELS["duplicate_of"], "不能是本申请自己")
    elif outcome == "special_registry":
        need("guidance", "请写明依照有关法律、行政法规办理的途径（条例第三十六条第（七）项）")
    elif outcome in ("other_3", "reject_1", "reject_3", "reject_4", "reject_5", "unable_2", "unable_3",
                     "unable_not_exist"):
        need("reason", "请写明理由")
    p.raise_if_any()
    return {k: v for k, v in d.items() if v not in (None, "", [])}


def decide(actor: Actor, request_id: int, outcome: str, decided_on=None, detail: dict | None = None) -> dict:
    req = workflow.begin(actor, request_id, "decide")
    clean = check_detail(outcome, detail or {}, req)
    day = records.check_event_date(decided_on or clock.today(), req, "答复日期")
    late = req.due_date is not None and day > req.due_date
    if late:
        clean["late_by"] = working_days_between(req.due_date, day)
    conclude(actor, req, outcome, day, clean, "decide", "request.decide")
    return {"late": late, "late_by": clean.get("late_by", 0)}
