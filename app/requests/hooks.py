"""What the request register hands to the rest of the program: its open deadlines, recomputed when the
working-day calendar changes (DOMAIN.md §1 (c))."""
from app.requests.recompute import recompute_open_deadlines
from app.workdays.service import register_recompute

register_recompute("requests", recompute_open_deadlines)

# The request services name their audit actions and fields at import; load them with the workspace so that the
# audit viewer can show every entry in Chinese.
from app.requests import (attachments, consultation, decision, documents, export, fees_service,  # noqa: E402,F401
                          ledger, register, review_cases, step_notices)


# ---- the supervisors' archive (档案查阅): closed requests, their replies and notices, nobody's personal data ------------
from app import clock as _clock, modules  # noqa: E402
from app.actor import Actor  # noqa: E402
from app.errors import NotFound  # noqa: E402
from app.permissions import require  # noqa: E402
from app.requests import detail, identity, query, records  # noqa: E402
from db.models import Request  # noqa: E402

ARCHIVE_STATES = ("replied", "delivered", "archived", "withdrawn")
ARCHIVE_COLUMNS = (("number", "申请编号"), ("received_date", "收到日期"), ("applicant", "申请人"),
                   ("applicant_type_label", "申请人类型"), ("description", "申请内容"), ("outcome_label", "办理结果"),
                   ("decided_date", "答复日期"))


def _archive_query(actor: Actor, text: str):
    q = query.build_query(query.RegisterFilter(states=ARCHIVE_STATES))
    for term in (text or "").split():
        if actor.can("request.view_identity"):
            q = q.where(*query._text_condition(term))
        else:  # a search by a person's name would tell a supervisor who applied
            q = q.where(Request.number.contains(term) | Request.description.contains(term))
    return q


def archive_count(actor: Actor, text: str = "") -> int:
    require(actor, "request.view")
    return _archive_query(actor, text).count()


def archive_fetch(actor: Actor, text: str, offset: int, limit: int) -> list[dict]:
    require(actor, "request.view")
    rows = list(_archive_query(actor, text).order_by(Request.received_date.desc(), Request.id.desc())
                .offset(offset).limit(limit))
    shown = query.rows_for_display(rows, _clock.today())
    hide = not actor.can("request.view_identity")
    for r, d in zip(rows, shown):
        d["applicant"] = identity.masked_name(r.applicant_type, r.applicant_name) if hide else r.applicant_name
    return shown


def _closed(request_id: int) -> Request:
    req = records.get(request_id)
    if req.state not in ARCHIVE_STATES:
        raise NotFound("该申请尚未办结，不在档案中")
    return req


def archive_detail(actor: Actor, request_id: int) -> list[tuple[str, str]]:
    require(actor, "request.view")
    _closed(request_id)
    d = detail.detail(actor, request_id)
    hide = d["identity_masked"]
    name = identity.masked_name(d["applicant_type"], d["applicant_name"]) if hide else d["applicant_name"]
    lines = [("申请编号", d["number"]), ("申请人", name), ("申请人类型", d["applicant_type_label"]),
             ("收到日期", d["received_date"].isoformat()), ("收到渠道", d["channel_label"]),
             ("申请内容", d["description"]), ("所需信息名称", d["doc_title"] or ""), ("状态", d["state_label"]),
             ("办理结果", d["outcome_label"]), ("答复日期", d["decided_date"].isoformat() if d["decided_date"] else ""),
             ("送达日期", d["delivered_date"].isoformat() if d["delivered_date"] else ""),
             ("承办人", d["officer_name"])]
    if not hide:
        lines[2:2] = [(label, d[f] or "") for f, label in (("id_number", "证件号码"), ("phone", "联系电话"),
                                                            ("address", "通信地址"))]
    lines += [(f"文书：{doc['kind']}", f"{doc['doc_number'] or ''} 第{doc['version']}版".strip())
              for doc in d["documents"]]
    lines += [(f"办理记录 {h['event_date'].isoformat() if h['event_date'] else ''}",
               h["action_label"] + (f" → {h['to_state']}" if h["to_state"] else "")) for h in d["history"]]
    if not hide:
        return [(k, str(v)) for k, v in lines]
    req = records.get(request_id)
    values = {f: getattr(req, f) for f in identity.IDENTITY_FIELDS}
    names = identity.person_names(req)
    return [(k, identity.mask_text(identity.hide_names(str(v), names), values)) if k != "申请人" else (k, v)
            for k, v in lines]


def archive_documents(actor: Actor, request_id: int) -> list[dict]:
    require(actor, "request.view")
    _closed(request_id)
    return [{"id": d["id"], "title": f"{d['kind']} {d['doc_number'] or ''}".strip()}
            for d in documents.list_for(request_id) if not d["external"]]


def archive_document_pdf(actor: Actor, request_id: int, document_id: int) -> bytes:
    """The notice rendered with the identity and the persons' names hidden (for a user who may not see them)."""
    require(actor, "request.view")
    if document_id not in {d["id"] for d in archive_documents(actor, request_id)}:
        raise NotFound("该申请没有这份文书")
    return documents.stored_pdf(actor, document_id, hide_names=True)


modules.register_archive_view("requests", modules.ArchiveView(
    "依申请公开", "request.view", ARCHIVE_COLUMNS, archive_count, archive_fetch, archive_detail,
    archive_documents, archive_document_pdf))

# ---- the assessment's figures (考核评议), per 承办科室 ----------------------------------------------------------------
from app import modules  # noqa: E402
from app.requests import measures  # noqa: E402

for _m in (
    modules.Measure("requests.on_time_pct", "依申请公开按期答复率", "依申请公开", "%", measures.on_time_pct,
                    records=measures.on_time_records),
    modules.Measure("requests.overdue", "依申请公开逾期答复件数", "依申请公开", "件", measures.overdue,
                    records=measures.overdue_records),
    modules.Measure("requests.notice_missing", "已办结未出具答复告知书件数", "依申请公开", "件",
                    measures.notice_missing, records=measures.notice_missing_records),
):
    modules.register_measure(_m)
# The 工作台, the one search box and the charts (app/requests/overview.py).
from app.requests import overview  # noqa: E402

modules.register_dashboard("requests", "依申请公开", overview.dashboard)
modules.register_search("requests", modules.SearchSource("依申请公开", "request.view", overview.search, overview.TAB))
modules.register_chart("requests.monthly", modules.Chart("每月收到的申请（按办理结果）", "request.view",
                                                         overview.monthly_outcomes))
# The assessment's measure of the on-time rate, per 承办科室.
modules.register_chart("requests.on_time_by_unit",
                       modules.unit_chart("按时答复率（按承办科室）", "request.view", "requests.on_time_pct"))
