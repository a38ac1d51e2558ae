"""行政复议、行政诉讼登记: the cases applicants brought against the office's handling of their requests — the source
of table 四 of the annual report. Since the 2023 行政复议法 (第二十三条) a refusal goes to 行政复议 first; litigation is
recorded as 未经复议直接起诉 or 复议后起诉."""
from __future__ import annotations

import datetime as dt

from app import audit, clock
from app.actor import Actor
from app.errors import NotFound, Problems
from app.permissions import require
from app.requests import records
from app.validators import check_texts
from db.connection import write_transaction
from db.models import Request, ReviewCase

audit.register_labels(actions={"review_case.create": "登记复议诉讼案件", "review_case.update": "修改复议诉讼案件"},
                      entities={"review_case": "行政复议诉讼案件"})

KINDS = {"reconsideration": "行政复议", "litigation": "行政诉讼"}
ROUTES = {"direct": "未经复议直接起诉", "after_reconsideration": "复议后起诉"}
RESULTS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
FIELDS = {"kind": "案件类别", "route": "起诉方式", "case_number": "案号", "body": "复议机关或人民法院",
          "filed_date": "立案（受理）日期", "result": "结果", "concluded_date": "审结日期", "note": "备注",
          "request_number": "关联的申请编号"}
audit.register_labels(fields={"review_case": {**FIELDS, "request_id": "关联的申请（内部编号）"}},
                      values={"review_case": {"kind": KINDS.__getitem__, "route": ROUTES.__getitem__,
                                              "result": RESULTS.__getitem__}})


def _date(value, label: str, p: Problems) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        p.add(label, f"“{value}”不是有效日期")
        return None


def _clean(data: dict) -> dict:
    p = Problems()
    kind = data.get("kind")
    if kind not in KINDS:
        p.add(FIELDS["kind"], "请选择行政复议或行政诉讼")
    route = data.get("route") or ""
    if kind == "litigation" and route not in ROUTES:
        p.add(FIELDS["route"], "请选择未经复议直接起诉或复议后起诉")
    if kind == "reconsideration":
        route = ""
    result = data.get("result") or "pending"
    if result not in RESULTS:
        p.add(FIELDS["result"], "请选择")
    filed = _date(data.get("filed_date"), FIELDS["filed_date"], p)
    if filed is None and not any(f == FIELDS["filed_date"] for f, _ in p.items):
        p.add(FIELDS["filed_date"], "不能为空")
    concluded = _date(data.get("concluded_date"), FIELDS["concluded_date"], p)
    today = clock.today()
    if filed and filed > today:
        p.add(FIELDS["filed_date"], "不能晚于今天")
    if result != "pending" and concluded is None:
        p.add(FIELDS["concluded_date"], "已审结的案件须填写审结日期")
    if result == "pending":
        concluded = None
    if concluded and filed and concluded < filed:
        p.add(FIELDS["concluded_date"], "不能早于立案日期")
    if concluded and concluded > today:
        p.add(FIELDS["concluded_date"], "不能晚于今天")
    request_id = None
    number = str(data.get("request_number") or "").strip()
    if number:
        req = Request.get_or_none(Request.number == number)
        if req is None:
            p.add(FIELDS["request_number"], f"找不到申请 {number}")
        else:
            request_id = req.id
    keys = ("case_number", "body", "note")
    texts = check_texts({f"review_case.{k}": data.get(k) for k in keys},
                        {f"review_case.{k}": FIELDS[k] for k in keys}, p)
    p.raise_if_any()
    return {"kind": kind, "route": route, "case_number": texts["review_case.case_number"],
            "body": texts["review_case.body"], "filed_date": filed, "result": result,
            "concluded_date": concluded, "note": texts["review_case.note"], "request": request_id}


def _snapshot(c: ReviewCase) -> dict:
    return {"kind": c.kind, "route": c.route, "case_number": c.case_number, "body": c.body,
            "filed_date": c.filed_date.isoformat() if c.filed_date else None, "result": c.result,
            "concluded_date": c.concluded_date.isoformat() if c.concluded_date else None, "note": c.note,
            "request_id": c.request_id}


def create(actor: Actor, data: dict) -> int:
    require(actor, "request.review_case")
    clean = _clean(data)
    with write_transaction():
        case = ReviewCase.create(created_at=clock.now(), created_by=actor.user_id, **clean)
        if case.request_id:
            req = records.get(case.request_id)
            records.add_event(actor, req, "review_case", case.filed_date, req.state, req.state,
                              note=f"申请人提起{KINDS[case.kind]}" + (f"（{case.case_number}）" if case.case_number else ""))
        audit.record(actor, "review_case.create", "review_case", case.id, after=_snapshot(case))
    return case.id


def update(actor: Actor, case_id: int, data: dict) -> None:
    require(actor, "request.review_case")
    case = ReviewCase.get_or_none(ReviewCase.id == case_id)
    if case is None:
        raise NotFound("找不到该案件")
    merged = {**_snapshot(case), "request_number": case.request.number if case.request_id else "", **data}
    clean = _clean(merged)
    before = _snapshot(case)
    with write_transaction():
        ReviewCase.update(**clean).where(ReviewCase.id == case.id).execute()
        case = ReviewCase.get_by_id(case.id)
        audit.record(actor, "review_case.update", "review_case", case.id, before=before, after=_snapshot(case))


def _as_dict(c: ReviewCase, numbers: dict[int, str]) -> dict:
    return {"id": c.id, "kind": c.kind, "kind_label": KINDS[c.kind], "route": c.route,
            "route_label": ROUTES.get(c.route, ""), "case_number": c.case_number, "body": c.body,
            "filed_date": c.filed_date, "result": c.result, "result_label": RESULTS[c.result],
            "concluded_date": c.concluded_date, "note": c.note, "request_id": c.request_id,
            "request_number": numbers.get(c.request_id, "")}


def count(actor: Actor, year: int | None = None) -> int:
    require(actor, "request.view")
    q = ReviewCase.select()
    if year:
        q = q.where((ReviewCase.filed_date >= dt.date(year, 1, 1)) & (ReviewCase.filed_date <= dt.date(year, 12, 31)))
    return q.count()


def fetch(actor: Actor, offset: int = 0, limit: int = 500, year: int | None = None, request_id: int | None = None
          ) -> list[dict]:
    require(actor, "request.view")
    q = ReviewCase.select()
    if year:
        q = q.where((ReviewCase.filed_date >= dt.date(year, 1, 1)) & (ReviewCase.filed_date <= dt.date(year, 12, 31)))
    if request_id:
        q = q.where(ReviewCase.request == request_id)
    rows = list(q.order_by(ReviewCase.filed_date.desc(), ReviewCase.id.desc()).offset(offset).limit(limit))
    ids = {c.request_id for c in rows if c.request_id}
    numbers = dict(Request.select(Request.id, Request.number).where(Request.id.in_(ids)).tuples()) if ids else {}
    return [_as_dict(c, numbers) for c in rows]


def cases_filed_in(year: int) -> list[dict]:
    """Every case filed in ``year``, with its result as it stood on 31 December: a case decided after the year ends
    is reported as 尚未审结 in the year it was filed."""
    end = dt.date(year, 12, 31)
    out = []
    for c in ReviewCase.select().where((ReviewCase.filed_date >= dt.date(year, 1, 1)) & (ReviewCase.filed_date <= end)):
        result = c.result if c.concluded_date and c.concluded_date <= end else "pending"
        out.append({"id": c.id, "kind": c.kind, "route": c.route, "result": result, "case_number": c.case_number,
                    "request_id": c.request_id})
    return out
