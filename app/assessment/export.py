"""导出考核评分表: the round's grade sheets as PDF (the printing engine, fonts embedded), .xlsx (a summary sheet and a
sheet per unit, totals as formulas so that the office can check them, number formats, borders, A4 fit to width with
the header row repeated) and the summary as .docx for the notification document. Text goes through
``app.tabular``; the file appears only once its audit row is committed (``files.deliver``)."""
from __future__ import annotations

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from app import audit, clock, files, tabular
from app.actor import Actor
from app.assessment import rounds, rules, scoring, sheets
from app.errors import NotFound, ValidationError
from app.permissions import require
from db.connection import write_transaction
from db.models import Round

audit.register_labels(actions={"assessment.export": "导出考核评分表"})

FORMATS = ("pdf", "xlsx", "docx")
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDE3EA")
NUMBER = "0.00"


def round_of_year(year) -> Round:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("考核年度", "应为四位年份") from None
    r = Round.get_or_none(Round.year == year)
    if r is None:
        raise NotFound(f"{year}年度没有考核评议")
    return r


def _print_setup(ws, title_rows: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True


def _sheet_name(name: str, taken: set[str]) -> str:
    base = "".join("_" if ch in '[]:*?/\\' else ch for ch in name)[:28] or "科室"
    out, k = base, 1
    while out in taken:
        k += 1
        out = f"{base}{k}"
    taken.add(out)
    return out


def _ref(sheet: str, cell: str) -> str:
    return "'" + sheet.replace("'", "''") + "'!" + cell


def _title(ws, row: int, text: str, width: int) -> None:
    tabular.put(ws, row, 1, text).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.cell(row, 1).alignment = Alignment(horizontal="center")


def _header(ws, row: int, headings) -> None:
    style = tabular.cell_style(ws, font=Font(bold=True), fill=HEAD_FILL, border=BORDER,
                               alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    for c, text in enumerate(headings, 1):
        tabular.put(ws, row, c, text, style)


UNIT_HEAD = ("考核内容", "指标", "分值", "评分人平均", "商定分", "得分", "扣分及说明")
UNIT_WIDTHS = (14, 22, 7, 8, 8, 8, 36)
LINE_HEIGHT = 15  # points, for 11-point text


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped cell needs (a Chinese character is about two width units): LibreOffice and Excel do
    not grow a row for wrapped text by themselves when they open the file."""
    return max(1, -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in text or "") // max(1, int(width) - 1)))


def _unit_sheet(wb, name: str, sheet: sheets.UnitSheet) -> str:
    """The unit's sheet; returns the cell that holds its total."""
    ws = wb.create_sheet(name)
    _title(ws, 1, f"{sheet.year}年度政府信息公开工作考核评分表", len(UNIT_HEAD))
    tabular.put(ws, 2, 1, f"被考核科室：{sheet.unit}　　得分采用：{rules.COMBINE[sheet.combine]}")
    _header(ws, 3, UNIT_HEAD)
    ws.row_dimensions[3].height = LINE_HEIGHT * 2
    text = tabular.cell_style(ws, border=BORDER, alignment=Alignment(vertical="center", wrap_text=True))
    num = tabular.cell_style(ws, border=BORDER, number_format=NUMBER, alignment=Alignment(horizontal="center"))
    first = row = 4
    for r in sheet.rows:
        values = (r.area, r.title, r.points, r.average, r.agreed, r.used, r.notes)
        for c, value in enumerate(values, 1):
            tabular.put(ws, row, c, value, num if 3 <= c <= 6 else text)
        need = max(_lines(values[0], UNIT_WIDTHS[0]), _lines(values[1], UNIT_WIDTHS[1]), _lines(r.notes, UNIT_WIDTHS[6]))
        if need > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * need
        row += 1
    last = row - 1
    bonus_rows = [first + i for i, r in enumerate(sheet.rows) if r.bonus]
    tabular.put(ws, row, 1, "合计", text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    scored = "+".join(f"C{i}" for i in bonus_rows)
    ws.cell(row, 3).value = f"=SUM(C{first}:C{last})" + (f"-({scored})" if scored else "")
    ws.cell(row, 3)._style = num
    for col in (4, 5):
        tabular.put(ws, row, col, None, num)
    # 加分后总分不超过满分: the total is capped at the table's total
    ws.cell(row, 6).value = f"=MIN({rules.fmt(sheet.table_total)},SUM(F{first}:F{last}))"
    ws.cell(row, 6)._style = num
    ws.cell(row, 6).font = Font(bold=True)
    tabular.put(ws, row, 7, f"考核等次：{sheet.grade or '—'}", text).font = Font(bold=True)
    for i, w in enumerate(UNIT_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _print_setup(ws, "3:3")
    return f"F{row}"


def workbook(r: Round) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    taken = {"汇总"}
    totals = {}
    for u in sheets.units_of(r):
        name = _sheet_name(u.unit, taken)
        totals[u.unit] = _ref(name, _unit_sheet(wb, name, sheets.unit_sheet(r, u)))
    ranked = scoring.ranked(r)
    head = ("名次", "被考核科室", "考核得分", "考核等次", "表彰/通报批评")
    _title(ws, 1, f"{r.year}年度政府信息公开工作考核结果汇总表", len(head))
    tabular.put(ws, 2, 1, f"考核状态：{rounds.STATES[r.state]}")
    _header(ws, 3, head)
    text = tabular.cell_style(ws, border=BORDER, alignment=Alignment(vertical="center"))
    center = tabular.cell_style(ws, border=BORDER, alignment=Alignment(horizontal="center"))
    num = tabular.cell_style(ws, border=BORDER, number_format=NUMBER, alignment=Alignment(horizontal="center"))
    first = 4
    last = first + len(ranked) - 1
    for i, row in enumerate(ranked):
        n = first + i
        # the rank and the score are formulas over the units' sheets, so that the office can check them
        ws.cell(n, 1).value = f"=RANK(C{n},$C${first}:$C${last})" if row["total"] is not None else "—"
        ws.cell(n, 1)._style = center
        tabular.put(ws, n, 2, row["unit"], text)
        ws.cell(n, 3).value = f"={totals[row['unit']]}"
        ws.cell(n, 3)._style = num
        tabular.put(ws, n, 4, row["grade"] or "—", center)
        tabular.put(ws, n, 5, rounds.FOLLOWUPS.get(row["followup"], ""), center)
    sign = last + 2
    approved = f"{r.approved_date.isoformat()}审定" if r.approved_date else "（待审定）"
    tabular.put(ws, sign, 1, f"领导小组审定意见：{approved}{('：' + r.approval_note) if r.approval_note else ''}")
    tabular.put(ws, sign + 2, 1, "领导小组组长（签字）：")
    tabular.put(ws, sign + 2, 4, "日期：")
    for i, w in enumerate((8, 24, 12, 12, 16), 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _print_setup(ws, "3:3")
    wb.properties.creator = "政务公开工作台"
    return wb


def render(r: Round, fmt: str) -> bytes | openpyxl.Workbook:
    if fmt == "pdf":
        from app.printing import render_pdf
        return render_pdf(sheets.grade_document(r))
    if fmt == "docx":
        from app.printing import render_docx
        return render_docx(sheets.summary_document(r))
    return workbook(r)


def export_grades(actor: Actor, year: int, fmt: str, path: str) -> dict:
    """Write the grade sheets of ``year``'s round to ``path`` as ``fmt`` (pdf | xlsx | docx)."""
    require(actor, "assessment.export")
    if fmt not in FORMATS:
        raise ValidationError("格式", "应为 pdf、xlsx 或 docx")
    r = round_of_year(year)
    content = render(r, fmt)

    def write(tmp: str) -> None:
        if isinstance(content, bytes):
            with open(tmp, "wb") as fh:
                fh.write(content)
        else:
            content.save(tmp)

    def commit() -> None:
        with write_transaction():
            audit.record(actor, "assessment.export", "assessment_round", r.year,
                         after={"format": fmt, "file": str(path), "state": r.state,
                                "at": clock.now().isoformat(sep=" ")})

    files.deliver(path, write, commit)
    return {"year": r.year, "state": r.state, "units": len(sheets.units_of(r))}


def preview_pdf(actor: Actor, round_id: int) -> bytes:
    """The grade sheets as the window previews them (nothing is written)."""
    require(actor, "assessment.view")
    return render(rounds.get_round(round_id), "pdf")
