"""The detail of one case as the window shows it to the acting user: the complainant's identity only with
``complaint.view_identity`` — revealed on request, and logged — and masked in every text otherwise; the steps the
user may take now, from the step table."""
from __future__ import annotations

from app.actor import Actor
from app.complaints import catalog, cases, handling, identity, records, steps
from app.complaints.query import complainant_label, timeliness
from app.permissions import require
from db.models import InfoItem, Request


def case_detail(actor: Actor, case_id: int, reveal: bool = False) -> dict:
    """``reveal``: show the identity (only to a user allowed to see it, others are refused; the view is logged).
    Without it the identity is masked for everyone, so that merely selecting a row never exposes who complained."""
    require(actor, "complaint.view")
    case = records.get(case_id)
    allowed = identity.may_see(actor)
    who = identity.reveal(actor, case, "detail") if reveal else identity.masked_values(case)
    plain = reveal
    text = (lambda s: s) if plain else (lambda s: identity.mask_text(s, case))
    request = Request.get_or_none(Request.id == case.request_id) if case.request_id else None
    item = InfoItem.get_or_none(InfoItem.id == case.info_item_id) if case.info_item_id else None
    category = catalog.CATEGORIES.get(case.category)
    return {
        "id": case.id, "number": case.number, "state": case.state, "state_label": steps.state_label(case.state),
        "channel": case.channel, "received_at": case.received_at, "category": case.category,
        "category_label": catalog.category_label(case.category),
        "report_type_label": catalog.REPORT_TYPES.get(case.report_type, ""),
        "complainant_label": complainant_label(case), "anonymous": case.anonymous,
        "confidential": case.confidential, **who, "identity_shown": plain, "may_reveal": allowed,
        "subject_unit": case.subject_unit, "subject_person": case.subject_person, "title": text(case.title),
        "content": text(case.content), "handling_unit": case.handling_unit, "due_date": case.due_date,
        "due_provisional": case.due_provisional, "due_steps": records.explain(case),
        "transfer_target": case.transfer_target, "reply_text": text(case.reply_text),
        "reply_method": case.reply_method, "reply_date": case.reply_date, "timeliness": timeliness(case),
        "archived_date": case.archived_date, "on_spot": case.on_spot,
        "request_number": request.number if request else "", "item_number": item.number if item else "",
        "history": handling.history(actor, case.id), "supervisions": handling.supervisions(actor, case.id),
        "files": cases.file_list(actor, case.id),
        "actions": [(t.action, steps.ACTIONS[t.action]) for t in
                    steps.actions_for(case.state, actor.permissions, bool(category and category.difficult))],
    }
