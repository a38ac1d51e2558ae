"""One request as the detail pane shows it: every recorded fact, the clock explained, the history, and the steps
the user may take now. Applicants' identity documents and contact details are masked for users without
``request.view_identity`` (supervisors read the archive without them)."""
from __future__ import annotations

import json

from app import clock
from app.actor import Actor
from app.permissions import require
from app.requests import attachments, catalog, consultation, documents, fees_service, records, workflow
from app.requests.clock import clock_state
from db.models import Delivery, RequestEvent, User

IDENTITY_FIELDS = ("id_number", "phone", "email", "address", "postcode")


def detail(actor: Actor, request_id: int) -> dict:
    require(actor, "request.view")
    req = records.get(request_id)
    today = clock.today()
    d = {f: getattr(req, f) for f in records.SNAPSHOT_FIELDS}
    d["id"] = req.id
    d["source"] = req.source
    d["detail"] = records.detail_json(req)
    officer = User.get_or_none(User.id == req.officer_id) if req.officer_id else None
    d["officer_name"] = officer.display_name if officer else ""
    d["state_label"] = catalog.STATES[req.state]
    d["applicant_type_label"] = catalog.applicant_type_label(req.applicant_type)
    d["channel_label"] = catalog.CHANNELS.get(req.channel, ("", ""))[0]
    d["channel_rule"] = catalog.CHANNELS.get(req.channel, ("", ""))[1]
    d["id_type_label"] = catalog.ID_TYPES.get(req.id_type, "")
    d["form_label"] = catalog.FORMS.get(req.form_wanted, "")
    d["delivery_wanted_label"] = catalog.DELIVERY_WANTED.get(req.delivery_wanted, "")
    outcome = catalog.OUTCOMES.get(req.outcome)
    d["outcome_label"] = outcome.label if outcome else ""
    d["outcome_leaf_label"] = catalog.LEAF_LABELS[outcome.leaf] if outcome else ""
    d["identity_masked"] = not actor.can("request.view_identity")
    if d["identity_masked"]:
        for f in IDENTITY_FIELDS:
            d[f] = records.mask(d[f]) if f in ("id_number", "phone") else ("（已隐去）" if d[f] else "")
    stops = records.stops_of(req)
    d["stops"] = [{"kind": k, "kind_label": catalog.STOP_KINDS.get(k, k), "first": f, "last": l} for k, f, l in stops]
    d["suspended"] = any(k == "suspend" and l is None for k, f, l in stops)
    state = clock_state(req.state, req.clock_start, req.reply_days, stops, req.extension_days, today)
    if req.state in catalog.OPEN_STATES:
        d["clock_paused_by"] = state.paused_by
        d["days_left"] = state.days_left
        d["deadline_steps"] = list(state.deadline.steps) if state.deadline else []
        d["provisional_years"] = list(state.deadline.provisional_years) if state.deadline else []
    else:
        d["clock_paused_by"] = None
        d["days_left"] = None
        d["deadline_steps"] = []
        d["provisional_years"] = []
    d["correction_notice_open"] = req.state in ("registered", "processing") and req.correction_sent is None
    d["consultations"] = consultation.list_for(req.id)
    d["fees"] = fees_service.list_for(req.id)
    d["deliveries"] = [{"method": x.method, "method_label": catalog.DELIVERY_METHODS.get(x.method, x.method),
                        "date": x.delivered_date, "tracking_number": x.tracking_number, "recipient": x.recipient}
                       for x in Delivery.select().where(Delivery.request == req.id).order_by(Delivery.id)]
    d["attachments"] = attachments.list_for(req.id)
    d["documents"] = documents.list_for(req.id)
    d["history"] = history(req.id)
    d["steps"] = [(s.code, s.label) for s in workflow.available(actor, d)]
    return d


def history(request_id: int) -> list[dict]:
    return [{"ts": e.ts, "event_date": e.event_date, "user": e.username, "action": e.action,
             "action_label": workflow.EVENT_LABELS.get(e.action, e.action),
             "from_state": catalog.STATES.get(e.from_state, "") if e.from_state else "",
             "to_state": catalog.STATES.get(e.to_state, "") if e.to_state else "", "note": e.note,
             "clock_effect": e.clock_effect, "data": json.loads(e.data or "{}")}
            for e in RequestEvent.select().where(RequestEvent.request == request_id).order_by(RequestEvent.id)]



def applicant_identity(actor: Actor, request_id: int) -> dict:
    """The applicant's identity document and contact details in full (masked in ``detail`` for other users)."""
    require(actor, "request.view_identity")
    req = records.get(request_id)
    return {f: getattr(req, f) for f in IDENTITY_FIELDS}
