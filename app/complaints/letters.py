"""Printed documents of 举报投诉, built as plain documents for the printing engine (GB/T 9704 layout, fonts
embedded): the 答复函 to the complainant — the only document that names them, for a user allowed to see the
identity (the print is logged) — and the 月督查/季通报 summary of a period (seed 001 政民互动管理制度第六条), which
names nobody who complained."""
from __future__ import annotations

import datetime as dt

from app import clock, office
from app.actor import Actor
from app.complaints import catalog, identity, records, stats
from app.complaints.query import CaseFilter, build_query, left_text
from app.errors import InvalidState, ValidationError
from app.permissions import require
from app.printing.document import Cell, Document, Heading, Paragraph, Signature, Table, chinese_date
from app.printing.pdf import render_pdf
from app.requests.notice_texts import fragment
from app.workdays.deadlines import days_left
from db.models import ComplaintCase, ComplaintSupervision

KINDS = {"答复函": "reply", "督查通报": "summary"}


def _reply_document(actor: Actor, case: ComplaintCase) -> Document:
    if not case.reply_text:
        raise InvalidState(f"{case.number}尚未答复（或已转外单位办理），没有答复函")
    who = identity.reveal(actor, case, "print") if identity.may_see(actor) else identity.masked_values(case)
    name = who["complainant_name"]
    addressee = f"{name}：" if name and name not in (identity.HIDDEN, identity.ANONYMOUS) else "举报投诉人："
    text = (lambda s: s) if identity.may_see(actor) else (lambda s: identity.mask_text(s, case))
    what = catalog.category_label(case.category)
    paras = [Paragraph(f"{chinese_date(case.received_date)}，您通过{case.channel}向本机关反映的“{fragment(text(case.title))}”"
                       f"（{what}，编号{case.number}）收悉。" + ("经调查核实，现答复如下：" if not case.on_spot else
                                                          "现答复如下："))]
    for line in str(text(case.reply_text)).splitlines():
        if line.strip():
            paras.append(Paragraph(fragment(line) + "。"))
    paras.append(Paragraph("本机关依照举报投诉受理制度对您的个人信息予以保密。感谢您对政务公开工作的关心和支持。"))
    profile = office.get_profile() or {}
    if profile.get("phone"):
        paras.append(Paragraph(f"联系电话：{profile['phone']}"))
    return Document(title="举报投诉答复函", kind="举报投诉答复函", addressee=addressee, blocks=paras,
                    signature=Signature((profile.get("name", ""),), case.reply_date or clock.today())
                    if profile.get("name") else None)


def reply_letter(actor: Actor, case_id: int) -> bytes:
    require(actor, "complaint.handle")
    return render_pdf(_reply_document(actor, records.get(case_id)))


# ---- 月督查/季通报 -----------------------------------------------------------------------------------------------
def period(kind: str, year: int, n: int) -> tuple[dt.date, dt.date, str]:
    """("month", 2026, 3) → March 2026; ("quarter", 2026, 1) → the first quarter."""
    if kind == "month" and 1 <= n <= 12:
        start = dt.date(year, n, 1)
        end = (dt.date(year + (n == 12), n % 12 + 1, 1) - dt.timedelta(days=1))
        return start, end, f"{year}年{n}月"
    if kind == "quarter" and 1 <= n <= 4:
        start = dt.date(year, 3 * n - 2, 1)
        end = dt.date(year + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1)
        return start, end, f"{year}年第{'一二三四'[n - 1]}季度"
    raise ValidationError("期间", "月份应为1至12，季度应为1至4")


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def summary_document(start: dt.date, end: dt.date, title: str, today: dt.date | None = None) -> Document:
    today = today or clock.today()
    lines = stats.figures(start, end, today=today)
    head = tuple(Cell(t, align="center", bold=True) for t in
                 ("类别", "收到", "已答复", "按时答复", "超期答复", "按时率", "平均答复工作日", "未办结", "其中逾期"))
    rows = [head] + [(f.label, str(f.received), str(f.answered), str(f.on_time), str(f.late), _pct(f.on_time_rate),
                      "—" if f.average_days is None else f"{f.average_days:.1f}", str(f.open), str(f.open_overdue))
                     for f in lines]
    total = lines[-1]
    blocks = [Paragraph(f"{chinese_date(start)}至{chinese_date(end)}，本机关共收到举报投诉和网上留言{total.received}件，"
                        f"已答复{total.answered}件，其中按时答复{total.on_time}件（按时率{_pct(total.on_time_rate)}）；"
                        f"尚未办结{total.open}件，其中已超过办理期限{total.open_overdue}件。"),
              Heading("一、分类办理情况"),
              Table(rows=tuple(rows), header_rows=1, col_widths=(2.2, 1, 1, 1, 1, 1.2, 1.6, 1, 1), font_size=11)]
    late = list(build_query(CaseFilter(due="overdue"), today).where(ComplaintCase.received_date <= end)
                .order_by(ComplaintCase.due_date))
    blocks.append(Heading("二、逾期未办结的件"))
    if late:
        rows = [tuple(Cell(t, align="center", bold=True) for t in ("编号", "事由", "承办科室", "办理期限"))]
        rows += [(c.number, identity.mask_text(c.title, c), c.handling_unit or "（未登记）",
                  f"{c.due_date.isoformat()} {left_text(days_left(c.due_date, today))}") for c in late]
        blocks.append(Table(rows=tuple(rows), header_rows=1, col_widths=(2.4, 4, 1.6, 2.6), font_size=11))
    else:
        blocks.append(Paragraph("无。"))
    pending = list(ComplaintSupervision.select(ComplaintSupervision, ComplaintCase.number).join(ComplaintCase)
                   .where(ComplaintSupervision.reply_date.is_null()).order_by(ComplaintSupervision.reply_due))
    blocks.append(Heading("三、督办情况"))
    if pending:
        rows = [tuple(Cell(t, align="center", bold=True) for t in ("编号", "督办日期", "承办科室", "答复期限"))]
        rows += [(s.case.number, s.sent_date.isoformat(), s.unit,
                  s.reply_due.isoformat() + ("（已超期）" if s.reply_due < today else "")) for s in pending]
        blocks.append(Table(rows=tuple(rows), header_rows=1, col_widths=(2.4, 2, 2, 2.6), font_size=11))
    else:
        blocks.append(Paragraph("没有待答复的督办。"))
    profile = office.get_profile() or {}
    return Document(title=f"{title}举报投诉和政民互动办理情况通报", kind="举报投诉办理情况通报", blocks=blocks,
                    signature=Signature((profile.get("name", ""),), today, seal=False) if profile.get("name") else None)


def summary_pdf(actor: Actor, kind: str, year: int, n: int) -> bytes:
    require(actor, "complaint.view")
    start, end, title = period(kind, year, n)
    return render_pdf(summary_document(start, end, title))
