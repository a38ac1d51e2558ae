"""举报人身份保密 (seed 000 举报调查制度第八条; seed 001 政民互动管理制度第五条, 公众参与制度第十二条): the
complainant's name, phone, address and e-mail are shown only to users with ``complaint.view_identity``; everyone else
sees them hidden — in the register, the detail, search results, exports, printed documents other than the reply
addressed to the complainant and the audit viewer — and every view of an unmasked identity is logged."""
from __future__ import annotations

import json

from app import audit, clock
from app.actor import Actor
from app.permissions import require
from app.requests.identity import mask_json as _mask_recorded, mask_text as _mask_shapes
from db.connection import write_transaction
from db.models import ComplaintCase, IdentityView

PERMISSION = "complaint.view_identity"
FIELDS = ("complainant_name", "complainant_phone", "complainant_address", "complainant_email")
HIDDEN = "（已隐去）"
ANONYMOUS = "（匿名）"
PURPOSES = {"detail": "查看详情", "print": "打印答复函"}
audit.register_labels(actions={"complaint.view_identity": "查看举报投诉人身份"},
                      fields={"complaint_case": {"purpose": "用途"}})


def may_see(actor: Actor) -> bool:
    return actor.can(PERMISSION)


def values(case: ComplaintCase) -> dict:
    return {f: getattr(case, f) or "" for f in FIELDS}


def masked_values(case: ComplaintCase) -> dict:
    out = {f: HIDDEN if getattr(case, f) else "" for f in FIELDS}
    if case.anonymous:
        out["complainant_name"] = ANONYMOUS
    return out


def mask_text(text: str, case: ComplaintCase) -> str:
    """``text`` (the content, a note, a reply) with the complainant's identity and anything shaped like a phone
    number, an identity number or an e-mail address hidden."""
    text = text or ""
    for f in sorted(FIELDS, key=lambda f: -len(getattr(case, f) or "")):
        value = (getattr(case, f) or "").strip()
        if len(value) >= 2:
            text = text.replace(value, HIDDEN)
    return _mask_shapes(text, {})


def log_view(actor: Actor, case_ids, purpose: str) -> None:
    """(Only for a user allowed to see the identity.) Write who saw the identity of which cases, and when (its own small transaction): a row per case in the access
    log and in the audit log, so that the administrator reads it in the audit viewer and a removed row breaks the
    chain. On a database that cannot be written the identity is not shown either."""
    require(actor, PERMISSION)
    ids = sorted(set(case_ids))
    if not ids:
        return
    now = clock.now()
    numbers = dict(ComplaintCase.select(ComplaintCase.id, ComplaintCase.number).where(ComplaintCase.id.in_(ids))
                   .tuples())
    with write_transaction():
        IdentityView.insert_many([{"case": i, "ts": now, "user": actor.user_id, "username": actor.username,
                                   "display_name": actor.display_name, "purpose": purpose} for i in ids]).execute()
        audit.record_many(actor, "complaint.view_identity", "complaint_case",
                          [(numbers[i], None, {"purpose": PURPOSES.get(purpose, purpose)}) for i in ids])


def reveal(actor: Actor, case: ComplaintCase, purpose: str = "detail") -> dict:
    """The identity fields, for a user allowed to see them (refused otherwise); the view is logged."""
    require(actor, PERMISSION)
    if any(getattr(case, f) for f in FIELDS):
        log_view(actor, [case.id], purpose)
    out = values(case)
    if case.anonymous:
        out["complainant_name"] = ANONYMOUS
    return out


def access_log(actor: Actor, case_id: int | None = None, offset: int = 0, limit: int = 200) -> list[dict]:
    """The log of views of complainants' identities, newest first, for administrators (审计日志 permission)."""
    require(actor, "audit.view")
    q = (IdentityView.select(IdentityView, ComplaintCase.number).join(ComplaintCase)
         .order_by(IdentityView.ts.desc(), IdentityView.id.desc()))
    if case_id is not None:
        q = q.where(IdentityView.case == case_id)
    return [{"ts": r.ts, "username": r.username, "display_name": r.display_name, "number": r.case.number,
             "purpose": PURPOSES.get(r.purpose, r.purpose)} for r in q.offset(offset).limit(limit)]


def mask_json(text: str | None) -> str | None:
    """An audit row's recorded values with the complainant's identity hidden: the identity fields, and — in a case's
    snapshot — the identity wherever the other fields repeat it (the content, a reply)."""
    masked = _mask_recorded(text, FIELDS, lambda _field, value: HIDDEN if value else value)
    if masked == text or not text:
        return masked
    tree = json.loads(text)
    case = ComplaintCase(**{f: tree.get(f) or "" for f in FIELDS}) if isinstance(tree, dict) else None
    if case is None:
        return masked
    return json.dumps({k: mask_text(v, case) if isinstance(v, str) and k != audit.SEAL_KEY else v
                       for k, v in json.loads(masked).items()}, ensure_ascii=False, sort_keys=True)


audit.register_masker(PERMISSION, mask_json)
