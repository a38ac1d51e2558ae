"""What 监督员 prints through the document engine (GB/T 9704 layout, fonts embedded): the roster for 备案 with the
district leading group (姓名、性别、联系方式… as seed 001 一(一) asks) and an opinion's handling sheet (监督意见办理单:
登记、转办、反馈、通报, seed 001 四(二)); and the roster and the opinions register as .xlsx."""
from __future__ import annotations

import datetime as dt

from app import audit, clock, files, office, tabular
from app.actor import Actor
from app.permissions import require
from app.printing.document import Cell, Document, Paragraph, Signature, Table, chinese_date
from app.printing.pdf import render_pdf
from app.supervisors import query, roster
from app.supervisors.opinions import ACTIONS, STAGES
from db.connection import write_transaction

audit.register_labels(actions={"supervisor.roster_output": "输出监督员名册", "opinion.export": "导出监督意见登记簿",
                               "opinion.sheet": "打印监督意见办理单"})


WIDTHS = {"contact": 20, "unit": 24, "term_text": 26, "content": 50, "subject_label": 36, "answer": 40,
          "report_text": 30, "cannot_reason": 30, "due_text": 26, "filing_text": 24}


def _label(text: str) -> Cell:
    return Cell(text, align="center", bold=True)


def _date(value) -> str:
    return chinese_date(value) if isinstance(value, dt.date) else ""


def _logged(actor: Actor, action: str, entity: str, entity_id, after: dict) -> None:
    with write_transaction():
        audit.record(actor, action, entity, entity_id, after={**after, "at": clock.now().isoformat(sep=" ")})


def roster_document(rows: list[dict]) -> Document:
    head = ("姓名", "性别", "联系方式", "代表性", "工作单位", "本任期", "备案")
    body = tuple((r["name"], r["sex"], r["contact"], r["constituency_label"], r["unit"],
                  f"{_date(r['term_start'])}至{_date(r['term_end'])}" + (f"（第{r['renewals'] + 1}任）"
                                                                       if r["renewals"] else ""),
                  r["filing_text"]) for r in rows)
    profile = office.get_profile() or {}
    intro = (f"根据《政务公开监督员管理制度》，{profile.get('name') or '本机关'}聘任政务公开监督员{len(rows)}名，聘任期为"
             "两年，现将监督员基本情况报区政务公开工作领导小组备案。")
    return Document(title="政务公开监督员名册", kind="政务公开监督员名册",
                    blocks=[Paragraph(intro),
                            Table(rows=(head,) + body, header_rows=1, font_size=10.5,
                                  col_widths=(1.4, 0.8, 2.2, 1.4, 2.4, 2.6, 1.8))],
                    signature=Signature((profile["name"],), clock.today(), seal=False) if profile.get("name")
                    else None)


def roster_pdf(actor: Actor) -> bytes:
    """The serving supervisors, for 备案."""
    require(actor, "supervisor.view")
    rows = roster.roster(actor, include_ended=False)
    pdf = render_pdf(roster_document(rows))
    _logged(actor, "supervisor.roster_output", "supervisor", None, {"format": "pdf", "rows": len(rows)})
    return pdf


def roster_xlsx(actor: Actor, path: str) -> int:
    """Every supervisor, serving and ended, with the roster's columns."""
    require(actor, "supervisor.view")
    rows = roster.roster(actor)
    wb, n = tabular.table_workbook("监督员名册", roster.COLUMNS, rows, WIDTHS)

    def commit():
        _logged(actor, "supervisor.roster_output", "supervisor", None, {"format": "xlsx", "rows": n,
                                                                         "file": str(path)})
    files.deliver(path, wb.save, commit)
    return n


def export_opinions(actor: Actor, f: query.OpinionFilter, path: str) -> int:
    require(actor, "supervisor.view")
    wb, n = tabular.table_workbook("监督意见登记簿", query.COLUMNS, query.iterate(actor, f), WIDTHS)

    def commit():
        _logged(actor, "opinion.export", "supervisor_opinion", None,
                {"rows": n, "file": str(path), "filter": {k: str(v) for k, v in f.__dict__.items() if v}})
    files.deliver(path, wb.save, commit)
    return n


def handling_sheet(d: dict) -> Document:
    events = "\n".join(f"{_date(e['date'])}　{ACTIONS.get(e['action'], e['action'])}　{e['user']}"
                       + (f"　{e['note']}" if e["note"] else "") for e in d["events"])
    if d["stage"] == "cannot":
        outcome = (f"暂不能落实。原因：{d['cannot_reason']}。已于{_date(d['reported_date'])}以{d['report_method']}方式"
                   "告知监督员。")
    elif d["reported_date"]:
        outcome = f"已于{_date(d['reported_date'])}以{d['report_method']}方式向监督员通报落实情况。" + (
            f"{d['report_note']}。" if d["report_note"] else "")
    else:
        outcome = "（尚未通报）"
    rows = (
        (_label("编号"), d["number"], _label("收到日期"), _date(d["received_date"])),
        (_label("监督员"), d["supervisor_name"], _label("渠道"), d["channel_label"]),
        (_label("类别"), d["category"] or "—", _label("重点"), d["priority_label"]),
        (_label("所涉记录"), Cell(d["subject_label"] or "—", colspan=3)),
        (_label("意见内容"), Cell(d["content"], colspan=3)),
        (_label("转办"), Cell(f"{_date(d['transferred_date'])}转{d['unit']}办理，应于{_date(d['due_date'])}前反馈"
                              if d["transferred_date"] else "（尚未转办）", colspan=3)),
        (_label("承办科室反馈"), Cell(f"{d['answer']}（{_date(d['answered_date'])}）" if d["answered_date"]
                                 else "（尚未反馈）", colspan=3)),
        (_label("通报情况"), Cell(outcome, colspan=3)),
        (_label("办理记录"), Cell(events, colspan=3)),
        (_label("当前环节"), Cell(STAGES[d["stage"]], colspan=3)),
    )
    profile = office.get_profile() or {}
    return Document(title="政务公开监督意见办理单", kind="监督意见办理单",
                    blocks=[Table(rows=rows, col_widths=(2.2, 3.4, 2.0, 3.4), font_size=12)],
                    signature=Signature((profile["name"],), clock.today(), seal=False) if profile.get("name")
                    else None)


def handling_sheet_pdf(actor: Actor, opinion_id: int) -> bytes:
    require(actor, "supervisor.view")
    d = query.detail(actor, opinion_id)
    pdf = render_pdf(handling_sheet(d))
    _logged(actor, "opinion.sheet", "supervisor_opinion", d["number"], {"stage": d["stage"]})
    return pdf
