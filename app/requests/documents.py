"""文书: the notices of a request — which apply now, composing them with the clerk's wording, issuing them with a
文号, storing the PDF as printed, and recording each print or save (who, when, how)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from app import audit, clock, files, numbering, office, settings
from app.actor import Actor
from app.errors import NotFound, ValidationError
from app.permissions import require
from app.printing import document as docmodel
from app.printing.document import Cell, Document, Paragraph, Signature, Table
from app.requests import catalog, consultation, fees_service, identity, letters, notice_texts as texts, records, \
    workflow
from app.requests.clock import request_deadline
from app.validators import check_texts
from db.connection import write_transaction
from db.models import Delivery, IssuedDocument, Request, User

audit.register_labels(actions={"request.document": "出具文书", "request.document_output": "打印或导出文书",
                               "request.document_view": "查看已出具的文书"},
                      fields={"request": {"document": "文书（内部编号）", "kind": "文书", "doc_number": "文号",
                                          "version": "版本", "sha256": "SHA-256", "dated": "落款日期"}})


@dataclass(frozen=True)
class Kind:
    name: str
    uses_number: bool  # carries a 文号
    unavailable: Callable[[dict], str | None]  # why it cannot be printed now (request detail dict), or None
    addressee: str = "applicant"  # applicant | party | none


def _needs(state_ok: Callable[[dict], bool], reason: str):
    return lambda r: None if state_ok(r) else reason


def _reply_kind(outcome_code: str) -> Callable[[dict], str | None]:
    def check(r):
        if r.get("outcome") is None:
            return "尚未作出答复决定"
        if catalog.OUTCOMES[r["outcome"]].notice != catalog.OUTCOMES[outcome_code].notice:
            return f"办理结果为“{catalog.OUTCOMES[r['outcome']].label}”，应打印{catalog.OUTCOMES[r['outcome']].notice}"
        return None
    return check


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("申请登记表", False, lambda r: None, "none"),
    Kind("登记回执", False, lambda r: None),
    Kind("补正告知书", True, _needs(lambda r: bool(r.get("correction_sent")), "尚未登记补正告知")),
    Kind("延期答复告知书", True, _needs(lambda r: r.get("extension_days", 0) > 0, "尚未延长答复期限")),
    Kind("第三方征求意见书", True, _needs(lambda r: any(c["kind"] == "third_party" for c in r["consultations"]),
                                     "尚未登记向第三方征求意见"), "party"),
    Kind("征求意见告知书", True, _needs(lambda r: bool(r["consultations"]), "尚未登记征求意见")),
    Kind("共同制作机关征求意见书", True, _needs(lambda r: any(c["kind"] == "agency" for c in r["consultations"]),
                                        "尚未登记向共同制作机关征求意见"), "party"),
    Kind("第三方公开决定告知书", True,
         _needs(lambda r: any(c.get("decision") == "public_interest" for c in r["consultations"]),
                "没有因公共利益决定公开的征求意见"), "party"),
    Kind("收费通知书", True, _needs(lambda r: any(f["status"] in ("pending", "paid", "lapsed") for f in r["fees"]),
                                "尚未发出收费通知")),
    # The 送达回证 names the notice it serves by its 文号: only once that reply notice has been issued.
    Kind("送达回证", False, _needs(lambda r: r.get("outcome") is not None
                                and catalog.OUTCOMES[r["outcome"]].notice in r["issued_kinds"],
                                "尚未出具答复告知书，没有可送达的文书"), "none"),
]}
# Notices that belong to one consultation (each party gets its own letter and 文号).
CONSULTATION_NOTICES = ("第三方征求意见书", "共同制作机关征求意见书", "第三方公开决定告知书", "征求意见告知书")
# One reply notice per outcome (several outcomes may share a notice, e.g. the eight 不予公开 grounds).
for _o in catalog.OUTCOMES.values():
    KINDS.setdefault(_o.notice, Kind(_o.notice, True, _reply_kind(_o.code)))
REPLY_KINDS = tuple(dict.fromkeys(o.notice for o in catalog.OUTCOMES.values()))


def kind_names() -> list[str]:
    return list(KINDS)


# ---- gathering what a notice is written from ---------------------------------------------------------------------

def request_data(req: Request) -> dict:
    data = {f: getattr(req, f) for f in records.SNAPSHOT_FIELDS}
    data["id"] = req.id
    data["detail"] = records.detail_json(req)
    data["consultations"] = consultation.list_for(req.id)
    data["fees"] = fees_service.list_for(req.id)
    data["issued_kinds"] = {d.kind for d in IssuedDocument.select(IssuedDocument.kind)
                            .where(IssuedDocument.request == req.id)}
    # The date a 登记回执 names: the reply period from receipt (or from the correction), before any stop or extension
    # (those are told to the applicant by their own notices).
    receipt = request_deadline(req.clock_start, req.reply_days, (), 0)
    data["receipt_due"], data["receipt_due_provisional"] = receipt.due, receipt.provisional
    return data


def _pick(items: list[dict], chosen_id: int | None, test) -> dict | None:
    matching = [i for i in items if test(i)]
    if chosen_id is not None:
        matching = [i for i in matching if i["id"] == chosen_id]
    return matching[-1] if matching else None


def context(req: Request, kind: str, consultation_id: int | None = None) -> texts.NoticeContext:
    r = request_data(req)
    officer = User.get_or_none(User.id == req.officer_id) if req.officer_id else None
    wanted = {"第三方征求意见书": lambda c: c["kind"] == "third_party",
              "共同制作机关征求意见书": lambda c: c["kind"] == "agency",
              "第三方公开决定告知书": lambda c: c.get("decision") == "public_interest"}.get(kind, lambda c: True)
    earlier = None
    if r["detail"].get("duplicate_of"):
        e = Request.get_or_none(Request.number == r["detail"]["duplicate_of"])
        earlier = {"received_date": e.received_date, "decided_date": e.decided_date} if e else None
    delivery = (Delivery.select().where((Delivery.request == req.id) & letters.of_reply())
                .order_by(Delivery.id.desc()).first())
    reply_kind = catalog.OUTCOMES[req.outcome].notice if req.outcome in catalog.OUTCOMES else None
    served = (IssuedDocument.select().where((IssuedDocument.request == req.id) & (IssuedDocument.kind == reply_kind))
              .order_by(IssuedDocument.id.desc()).first())
    return texts.NoticeContext(
        request=r, office=office.get_profile() or {}, review_body=settings.get("remedy.review_body"),
        court=settings.get("remedy.court"),
        remedy={g: settings.get(f"remedy.{g}") for g in catalog.REMEDY_GROUPS},
        officer_name=officer.display_name if officer else "",
        consultation=_pick(r["consultations"], consultation_id, wanted),
        fee=_pick(r["fees"], None, lambda f: f["status"] in ("pending", "paid", "lapsed")),
        delivery=None if delivery is None else {"method": delivery.method, "date": delivery.delivered_date,
                                                "tracking_number": delivery.tracking_number,
                                                "recipient": delivery.recipient},
        served=None if served is None else {"kind": served.kind, "doc_number": served.doc_number},
        earlier=earlier, silence_refuses=settings.get("requests.third_party_silence") == "refuse",
        today=clock.today(), fee_stops_clock=settings.get("requests.fee_stops_clock"),
        consultation_days=settings.get("requests.consultation_days"),
        fee_payment_days=settings.get("requests.fee_payment_days"),
        waivers=tuple(fees_service.waiver_list()), waiver_rule=settings.get("fees.waiver_rule"))


def parts_for(kind: str, ctx: texts.NoticeContext) -> list[texts.Part]:
    builders = {"登记回执": texts.receipt_parts, "补正告知书": texts.correction_parts,
                "延期答复告知书": texts.extension_parts, "第三方征求意见书": texts.third_party_parts,
                "共同制作机关征求意见书": texts.agency_parts, "征求意见告知书": texts.consultation_notice_parts,
                "第三方公开决定告知书": texts.public_interest_parts, "收费通知书": texts.fee_parts}
    if kind in builders:
        return builders[kind](ctx)
    if kind in REPLY_KINDS:
        return texts.reply_parts(ctx)
    return []  # the forms (登记表, 送达回证) are tables


def editable_parts(actor: Actor, request_id: int, kind: str, consultation_id: int | None = None) -> list[texts.Part]:
    """The notice's parts with their default wording, for the clerk to review before issuing."""
    require(actor, "request.view")
    req = records.get(request_id)
    _check_available(req, kind)
    return parts_for(kind, context(req, kind, consultation_id))


def _check_available(req: Request, kind: str) -> Kind:
    k = KINDS.get(kind)
    if k is None:
        raise ValidationError("文书种类", f"没有“{kind}”这种文书；可选：" + "、".join(KINDS))
    reason = k.unavailable(request_data(req))
    if reason:
        raise ValidationError("文书种类", f"申请 {req.number} 不能打印{kind}：{reason}")
    problems = issuer_problems(req, k)
    if problems:
        raise ValidationError(None, problems=[(f, f"{r}（出具{kind}前须补齐）") for f, r in problems])
    return k


def issuer_problems(req: Request, k: Kind) -> list[tuple[str, str]]:
    """What the office must fill in before it can issue this notice: its name (every notice is signed by it), the
    abbreviation its 文号 uses, and for a reply notice the 复议机关 and court its remedy sentence names
    (行政复议法第二十条、第二十三条、第二十四条) and a remedy sentence that is right in law."""
    problems = office.issuer_problems()
    if k.uses_number and "{abbr}" in settings.get("numbering.notice") and not settings.get("office.abbreviation"):
        problems.append((settings.OPTIONS["office.abbreviation"].label,
                         "文号格式中有机关简称：请在“系统管理 → 系统设置 → 编号”中填写"))
    outcome = catalog.OUTCOMES.get(req.outcome) if k.name in REPLY_KINDS else None
    if outcome is not None and outcome.code != "other_3":
        where = "请在“系统管理 → 系统设置 → 救济途径”中填写"
        group = outcome.remedy_group
        template = settings.get(f"remedy.{group}")
        if not settings.get("remedy.review_body"):
            problems.append((settings.OPTIONS["remedy.review_body"].label,
                             f"救济途径须写明行政复议机关（行政复议法第二十四条）：{where}"))
        if "{人民法院}" in template and not settings.get("remedy.court"):
            problems.append((settings.OPTIONS["remedy.court"].label, f"救济途径须写明管辖的人民法院：{where}"))
        wrong = settings.remedy_problem(template, outcome.review_first)
        if wrong:
            problems.append((settings.OPTIONS[f"remedy.{group}"].label, f"{wrong}；请在“系统管理 → 系统设置 → 救济途径”中改正"))
    return problems


# ---- composing -------------------------------------------------------------------------------------------------

def _form_rows(ctx: texts.NoticeContext) -> tuple:
    r = ctx.request
    org = r["applicant_type"] != "natural"
    due = (r["due_date"].isoformat() + ("（暂定）" if r.get("due_provisional") else "")) if r.get("due_date") else ""
    rows = [("申请编号", r["number"], "收到日期", r["received_date"].isoformat()),
            ("申请方式", catalog.CHANNELS[r["channel"]][0], "承办人", ctx.officer_name)]
    if org:
        rows += [(Cell("申请人", rowspan=4, align="center"), "名称", Cell(r["applicant_name"], colspan=2)),
                 ("统一社会信用代码", Cell(r.get("uscc", ""), colspan=2)),
                 ("法定代表人或负责人", Cell(r.get("legal_rep", ""), colspan=2)),
                 ("联系人", Cell(r.get("contact_person", ""), colspan=2))]
    else:
        rows += [(Cell("申请人", rowspan=3, align="center"), "姓名", Cell(r["applicant_name"], colspan=2)),
                 ("证件类型", Cell(catalog.ID_TYPES.get(r.get("id_type"), ""), colspan=2)),
                 ("证件号码", Cell(r.get("id_number", ""), colspan=2))]
    # the e-mail address has a row of its own: it is never broken, and a long one needs the width
    rows += [("联系电话", Cell(r.get("phone", ""), colspan=3)), ("电子邮箱", Cell(r.get("email", ""), colspan=3)),
             ("通信地址", Cell(r.get("address", "") + (f"（{r['postcode']}）" if r.get("postcode") else ""), colspan=3)),
             ("所需信息的内容描述", Cell(r["description"], colspan=3)),
             ("文件名称、文号", Cell("；".join(x for x in (r.get("doc_title"), r.get("doc_ref")) if x), colspan=3)),
             ("用途", Cell(r.get("purpose", ""), colspan=3)),
             ("载体形式", catalog.FORMS.get(r.get("form_wanted"), ""), "获取方式",
              catalog.DELIVERY_WANTED.get(r.get("delivery_wanted"), "")),
             ("答复期限", Cell(due, colspan=3)),
             ("备注", Cell(r.get("notes", ""), colspan=3)),
             ("登记人（签字）", "", "登记日期", r["received_date"].isoformat())]
    return tuple(tuple(x) for x in rows)


def _service_rows(ctx: texts.NoticeContext) -> tuple:
    r, d, s = ctx.request, ctx.delivery or {}, ctx.served or {}
    return (
        ("送达文书名称", Cell(s.get("kind", ""), colspan=3)),
        ("文号", Cell(s.get("doc_number", ""), colspan=3)),
        ("受送达人", Cell(r["applicant_name"], colspan=3)),
        ("送达地点", Cell(r.get("address", ""), colspan=3)),
        ("送达方式", catalog.DELIVERY_METHODS.get(d.get("method"), ""), "送达日期",
         d["date"].isoformat() if d.get("date") else ""),
        ("邮件单号", Cell(d.get("tracking_number", ""), colspan=3)),
        ("受送达人签名或盖章", Cell("\n\n年    月    日", colspan=3, align="right")),
        ("送达人", ctx.officer_name, "备注", ""),
    )


def compose(kind: str, ctx: texts.NoticeContext, doc_number: str | None, edits: dict | None = None) -> Document:
    edits = edits or {}
    name = ctx.office.get("name", "")
    k = KINDS[kind]
    heading = name if settings.get("notices.masthead") and k.addressee != "none" else None
    date = texts.signature_date(ctx, kind)
    phone = ctx.office.get("phone")
    notes = (f"（联系人：{ctx.officer_name}{'，联系电话：' + phone if phone else ''}）",) if ctx.officer_name else ()
    if kind == "申请登记表":
        return Document(title="政府信息公开申请登记表", kind=kind, heading=None,
                        blocks=[Table(_form_rows(ctx), col_widths=(1.3, 1.5, 1.2, 1.6), min_row_height_mm=10,
                                      fit_columns=(0, 1, 2))],
                        notes=(f"登记机关：{name}",))
    if kind == "送达回证":
        return Document(title="送达回证", kind=kind, heading=None,
                        blocks=[Table(_service_rows(ctx), col_widths=(1.4, 1.4, 1.1, 1.5), min_row_height_mm=12,
                                      fit_columns=(0, 2))],
                        signature=Signature((name,), date, seal=True))
    if k.addressee == "party":
        party = (ctx.consultation or {}).get("party", "")
        addressee = f"{party}："
    else:
        addressee = f"{ctx.applicant}："
    blocks = [Paragraph(edits.get(p.key, p.text) if p.editable else p.text) for p in parts_for(kind, ctx)]
    title = "政府信息公开申请登记回执" if kind == "登记回执" else kind
    return Document(title=title, kind=kind, heading=heading, doc_number=doc_number, addressee=addressee,
                    blocks=blocks, signature=Signature((name,), date, seal=True), notes=notes)


# ---- issuing and recording -------------------------------------------------------------------------------------

def _render(doc: Document) -> bytes:
    from app.printing import render_pdf
    return render_pdf(doc)


def issue(actor: Actor, request_id: int, kind: str, edits: dict | None = None,
          consultation_id: int | None = None) -> dict:
    """Compose, number (when the notice carries a 文号), render and store a notice. A re-issue of the same notice keeps
    its 文号 and becomes a new version."""
    req = workflow.begin(actor, request_id, "notice")
    k = _check_available(req, kind)
    ctx = context(req, kind, consultation_id)
    editable = {p.key: p.label for p in parts_for(kind, ctx) if p.editable}
    # each edited part by the rule of a notice's text (validators.RULES["notice.part"]), named by its own label
    checked = check_texts({f"notice.part#{key}": v for key, v in (edits or {}).items() if key in editable},
                          {f"notice.part#{key}": label for key, label in editable.items()})
    clean_edits = {key.split("#", 1)[1]: value for key, value in checked.items()}
    consultation_of = (ctx.consultation or {}).get("id") if kind in CONSULTATION_NOTICES else None
    previous = latest_row(req.id, kind, consultation_of)
    with write_transaction():
        doc_number = ""
        if k.uses_number:
            doc_number = previous.doc_number if previous and previous.doc_number else numbering.issue(
                "notice", texts.signature_date(ctx, kind).year)
        doc = compose(kind, ctx, doc_number or None, clean_edits)
        pdf = _render(doc)
        stored = files.put(pdf, "documents", ".pdf")
        row = IssuedDocument.create(
            request=req.id, kind=kind, doc_number=doc_number, version=(previous.version + 1) if previous else 1,
            content=json.dumps(docmodel.to_data(doc), ensure_ascii=False), stored_path=stored.rel_path,
            sha256=stored.sha256, issued_at=clock.now(), issued_by=actor.user_id,
            dated=texts.signature_date(ctx, kind), consultation=consultation_of)
        records.add_event(actor, req, "document", clock.today(), req.state, req.state,
                          note=f"出具{kind}" + (f"（{doc_number}）" if doc_number else "")
                          + (f"，第{row.version}版" if row.version > 1 else ""))
        audit.record(actor, "request.document", "request", req.number,
                     after={"document": row.id, "kind": kind, "doc_number": doc_number, "version": row.version,
                            "sha256": stored.sha256})
    return {"id": row.id, "kind": kind, "doc_number": doc_number, "version": row.version, "pdf": pdf}


def _issued_for(actor: Actor, document_id: int) -> IssuedDocument:
    require(actor, "request.view")
    row = IssuedDocument.get_or_none(IssuedDocument.id == document_id)
    if row is None:
        raise NotFound("找不到该文书")
    if row.external:
        raise NotFound(f"{row.kind}（{row.doc_number}）是在本系统外出具的，这里只登记了文号，没有存档的文书")
    return row


def _masked_data(row: IssuedDocument) -> dict:
    """The stored notice with the applicant's identity number and contact details hidden (the office's own public
    telephone number stays)."""
    req = Request.get_by_id(row.request_id)
    values = {f: getattr(req, f) for f in identity.IDENTITY_FIELDS}
    keep = tuple(v for v in ((office.get_profile() or {}).get("phone"),) if v)
    return json.loads(identity.mask_text(row.content, values, keep))


def stored_pdf(actor: Actor, document_id: int) -> bytes:
    """An issued notice as printed, to view it again; each view is in the audit trail. A user who may not see the
    applicant's identity (a supervisor) gets it rendered again from the stored content with those details hidden."""
    row = _issued_for(actor, document_id)
    masked = not actor.can("request.view_identity")
    pdf = _render(docmodel.from_data(_masked_data(row))) if masked else files.read(row.stored_path, row.sha256)
    with write_transaction():
        audit.record(actor, "request.document_view", "request", Request.get_by_id(row.request_id).number,
                     after={"document": row.id, "kind": row.kind, "version": row.version, "masked": masked})
    return pdf


def stored_document(actor: Actor, document_id: int) -> Document:
    """An issued notice's content (for saving it as Word), masked as ``stored_pdf`` masks it."""
    row = _issued_for(actor, document_id)
    data = json.loads(row.content) if actor.can("request.view_identity") else _masked_data(row)
    return docmodel.from_data(data)


OUTPUT_KINDS = ("打印", "PDF", "Word")


def record_output(actor: Actor, document_id: int, how: str) -> None:
    """Note that an issued notice was printed or saved (打印 / PDF / Word), by anyone who may view it."""
    row = _issued_for(actor, document_id)
    if how not in OUTPUT_KINDS:
        raise ValidationError("输出方式", "应为" + "、".join(OUTPUT_KINDS))
    outputs = json.loads(row.outputs or "[]")
    entry = {"how": how, "at": clock.now().isoformat(sep=" "), "by": actor.display_name}
    if not actor.can("request.view_identity"):
        entry["masked"] = True
    with write_transaction():
        IssuedDocument.update(outputs=json.dumps(outputs + [entry], ensure_ascii=False)).where(
            IssuedDocument.id == row.id).execute()
        audit.record(actor, "request.document_output", "request", Request.get_by_id(row.request_id).number,
                     after={"document": row.id, "kind": row.kind, **entry})


def list_for(request_id: int) -> list[dict]:
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    out = []
    for d in IssuedDocument.select().where(IssuedDocument.request == request_id).order_by(IssuedDocument.id):
        outputs = json.loads(d.outputs or "[]")
        out.append({"id": d.id, "kind": d.kind, "doc_number": d.doc_number, "version": d.version,
                    "issued_at": d.issued_at, "issued_by": names.get(d.issued_by_id, ""), "outputs": outputs,
                    "external": d.external, "dated": d.dated,
                    "last_output": "系统外出具" if d.external else
                    (outputs[-1]["how"] + " " + outputs[-1]["at"]) if outputs else ""})
    return out


def available_kinds(request_id: int) -> list[tuple[str, str | None]]:
    """Every document kind with the reason it cannot be printed now (None when it can)."""
    r = request_data(records.get(request_id))
    return [(name, k.unavailable(r)) for name, k in KINDS.items()]


def latest_row(request_id: int, kind: str, consultation_id: int | None = None) -> IssuedDocument | None:
    """The latest version of a notice of the request (of one consultation's, for the consultation notices)."""
    query = IssuedDocument.select().where((IssuedDocument.request == request_id) & (IssuedDocument.kind == kind))
    if consultation_id is not None:
        query = query.where(IssuedDocument.consultation == consultation_id)
    return query.order_by(IssuedDocument.version.desc(), IssuedDocument.id.desc()).first()


def latest_issued(request_id: int, kind: str, consultation_id: int | None = None) -> dict | None:
    row = latest_row(request_id, kind, consultation_id)
    return None if row is None else {"id": row.id, "doc_number": row.doc_number, "version": row.version,
                                     "external": row.external}

