"""The annual report as the office publishes it: JSON (tables as rows and columns with the official labels), a PDF and
a .docx through the document engine (the tables in the official layout), and an .xlsx of the tables."""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from app.printing.document import Cell, Document, Heading, Paragraph, Table
from app import audit
from app.report import labels
from app.report.service import AnnualReport

_FIGURE = re.compile(r"-?\d+(\.\d+)?")
DRAFT_MARK = "草稿"  # on every page until the office marks the report final (service.set_final)
_CATEGORIES = [("reconsideration", labels.REVIEW_HEAD), ("direct", labels.ROUTE_HEADS["direct"]),
               ("after_reconsideration", labels.ROUTE_HEADS["after_reconsideration"])]


def _num(value) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _show(value) -> str:
    return "" if value is None else str(value)


# ---- JSON ---------------------------------------------------------------------------------------------------------

def to_json(report: AnnualReport) -> dict:
    t3 = report.table3
    table3_rows = []
    for key, label, group in t3.rows:
        table3_rows.append({"key": key, "label": label, "group": group, "values": t3.values(key)})
    table2 = []
    for article, columns, rows in labels.table2_spec(report.fmt):
        table2.append({"article": article, "columns": list(columns),
                       "rows": [{"label": label, "values": [_num(report.table2[k].value) for k in keys],
                                 "computed": [report.table2[k].computed for k in keys]} for label, keys in rows]})
    table4 = {"columns": [{"category": name, "results": [r for _, r in labels.RESULT_COLUMNS]}
                          for _, name in _CATEGORIES],
              "groups": {labels.REVIEW_HEAD: [_CATEGORIES[0][1]],
                         labels.LITIGATION_HEAD: [_CATEGORIES[1][1], _CATEGORIES[2][1]]},
              "rows": [{"category": name, "counts": {label: report.table4.get((code, r), 0)
                                                     for r, label in labels.RESULT_COLUMNS}}
                       for code, name in _CATEGORIES]}
    sections = dict(labels.SECTIONS)
    return {
        "title": report.title, "year": report.year, "format": labels.FORMAT_NAMES[report.fmt],
        "sections": [{"key": k, "title": sections[k], "text": report.texts.get(k, "")} for k in labels.TEXT_SECTIONS],
        "table2": {"title": sections["proactive"], "blocks": table2},
        "table3": {"title": sections["requests"], "note": labels.TABLE3_NOTE,
                   "column_groups": {labels.APPLICANT_HEAD: labels.COLUMNS, labels.ORG_HEAD: labels.COLUMNS[1:6]},
                   "columns": labels.COLUMNS, "rows": table3_rows,
                   "check": {"ok": not t3.check(), "failing_columns": t3.check(),
                             "problems": [{"number": p.number, "reason": p.reason, "column": p.column}
                                          for p in t3.problems]}},
        "table4": {"title": sections["review"], **table4},
        "fees_collected_yuan": report.fees_collected,
        "audit_voucher": audit.voucher_line(),
    }


# ---- the document (PDF and .docx) --------------------------------------------------------------------------------

def _table2(report: AnnualReport) -> list:
    blocks = []
    for article, columns, rows in labels.table2_spec(report.fmt):
        width = len(columns)
        cells = [(Cell(article, colspan=width, align="center", bold=True),),
                 tuple(Cell(c, align="center", bold=True) for c in columns)]
        for label, keys in rows:
            cells.append((Cell(label, align="center"),) + tuple(Cell(_show(_num(report.table2[k].value)),
                                                                     align="center") for k in keys))
        # the article and column rows are the block's header: never left at the foot of a page without a row
        blocks.append(Table(tuple(cells), col_widths=(2.2,) + (1.4,) * (width - 1), header_rows=2, font_size=12))
    return blocks


def _table3(report: AnnualReport) -> Table:
    """Table 三 in the official arrangement. The official form stands “三、本年度办理结果” in a cell down the side of all
    the result rows; that block is taller than a page, so here it heads the block as a row of its own, which lets the
    table continue on the next page (header repeated) with every label and figure unchanged."""
    t3 = report.table3
    # Cells are listed as in HTML: a position covered by a span above or to the left is simply not listed.
    head = [
        (Cell(labels.TABLE3_NOTE, colspan=2, rowspan=3), Cell(labels.APPLICANT_HEAD, colspan=7, align="center")),
        (Cell("自然人", rowspan=2, align="center"), Cell(labels.ORG_HEAD, colspan=5, align="center"),
         Cell("总计", rowspan=2, align="center")),
        tuple(Cell(c, align="center") for c in labels.COLUMNS[1:6]),
    ]
    sizes: dict[str, int] = {}
    for _, _, group in t3.rows:
        if group:
            sizes[group] = sizes.get(group, 0) + 1
    body, seen = [], set()
    for key, label, group in t3.rows:
        numbers = tuple(Cell(str(v), align="center") for v in t3.values(key))
        if key == "disclose":
            body.append((Cell(labels.ROW_RESULTS, colspan=9),))
        if group is None:
            body.append((Cell(label, colspan=2),) + numbers)
        else:
            lead = (Cell(group, rowspan=sizes[group], align="center"),) if group not in seen else ()
            seen.add(group)
            body.append(lead + (Cell(label),) + numbers)
    return Table(tuple(head + body), col_widths=(1.1, 3.9) + (0.8,) * 7, header_rows=3, font_size=10.5)


def _table4(report: AnnualReport) -> Table:
    results = [label for _, label in labels.RESULT_COLUMNS]
    head = [
        (Cell(labels.REVIEW_HEAD, colspan=5, align="center"), Cell(labels.LITIGATION_HEAD, colspan=10, align="center")),
        tuple(Cell(r, rowspan=2, align="center") for r in results)
        + (Cell(labels.ROUTE_HEADS["direct"], colspan=5, align="center"),
           Cell(labels.ROUTE_HEADS["after_reconsideration"], colspan=5, align="center")),
        tuple(Cell(r, align="center") for r in results * 2),
    ]
    counts = tuple(Cell(str(report.table4.get((code, r), 0)), align="center")
                   for code, _ in _CATEGORIES for r, _ in labels.RESULT_COLUMNS)
    return Table(tuple(head) + (counts,), col_widths=(1,) * 15, header_rows=3, font_size=10)


def _paragraphs(text: str) -> list:
    return [Paragraph(line.strip()) for line in (text or "").splitlines() if line.strip()] or [Paragraph("（未填写）")]


def to_document(report: AnnualReport) -> Document:
    sections = dict(labels.SECTIONS)
    blocks = [Paragraph(f"本报告按照{labels.FORMAT_NAMES[report.fmt]}编制，所列数据的统计期限自{report.year}年1月1日起至"
                        f"{report.year}年12月31日止。")]
    blocks += [Heading(sections["overview"])] + _paragraphs(report.texts.get("overview"))
    blocks += [Heading(sections["proactive"])] + _table2(report)
    blocks += [Heading(sections["requests"]), _table3(report)]
    blocks += [Heading(sections["review"]), _table4(report)]
    blocks += [Heading(sections["problems"])] + _paragraphs(report.texts.get("problems"))
    blocks += [Heading(sections["other"])] + _paragraphs(report.texts.get("other"))
    return Document(title=report.title, blocks=blocks, kind="政府信息公开工作年度报告", author=report.office_name,
                    status_mark="" if report.final else DRAFT_MARK, notes=tuple(filter(None, [audit.voucher_line()])))


def to_pdf(report: AnnualReport) -> bytes:
    from app.printing import render_pdf
    return render_pdf(to_document(report))


def to_docx(report: AnnualReport) -> bytes:
    from app.printing import render_docx
    return render_docx(to_document(report))


# ---- .xlsx ----------------------------------------------------------------------------------------------------------

def to_xlsx(report: AnnualReport, path: str) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    from app import tabular
    from app.printing.tables import place_cells

    wb = openpyxl.Workbook()
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)

    def sheet_from(table: Table, title: str, ws=None, start_row: int = 1):
        ws = ws or wb.create_sheet(title)
        cells, nrows, _ = place_cells(table.rows)  # the same grid the printed table uses
        for cl in cells:
            r, c, text = start_row + cl.row, 1 + cl.col, cl.cell.text
            cell = tabular.put(ws, r, c, _figure(text))
            cell.alignment, cell.border = center, grid
            if cl.colspan > 1 or cl.rowspan > 1:  # the merged range takes the first cell's border on its edges
                ws.merge_cells(start_row=r, start_column=c, end_row=r + cl.rowspan - 1, end_column=c + cl.colspan - 1)
        wrapped.append((ws, start_row, cells))
        return ws, start_row + nrows

    wrapped: list = []

    ws = wb.active
    ws.title = "二、主动公开"
    row = 1
    for table in _table2(report):
        _, row = sheet_from(table, "", ws, row)
        row += 1
    ws.column_dimensions["A"].width = 24
    for letter in "BCD":
        ws.column_dimensions[letter].width = 18
    ws3, _ = sheet_from(_table3(report), "三、申请情况")
    # A: the groups (（三）不予公开…), B: the rows' labels, C-I: the seven columns of figures
    ws3.column_dimensions["A"].width = 14
    ws3.column_dimensions["B"].width = 44
    for letter in "CDEFGHI":
        ws3.column_dimensions[letter].width = 10
    ws4, _ = sheet_from(_table4(report), "四、复议诉讼")
    for sheet, start, cells in wrapped:  # rows tall enough for their wrapped labels
        _fit_rows(sheet, start, cells)
    for ws_ in (ws, ws3, ws4):
        ws_.cell(1, 1).font = Font(bold=True)
        ws_.page_setup.paperSize = ws_.PAPERSIZE_A4
        ws_.page_setup.orientation = "landscape" if ws_ is ws4 else "portrait"
        ws_.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as many pages down as needed
        ws_.page_setup.fitToWidth, ws_.page_setup.fitToHeight = 1, 0
        if not report.final:  # under the table, and in the printed page's header
            mark = ws_.cell(ws_.max_row + 2, 1, f"{DRAFT_MARK}：本报告尚未定稿")
            mark.font = Font(bold=True, color="C00000", size=14)
            ws_.oddHeader.right.text = DRAFT_MARK
    ws4.cell(ws4.max_row + 1, 1, audit.voucher_line())  # under the last table (and its draft note)
    wb.properties.title = report.title + ("" if report.final else f"（{DRAFT_MARK}）")
    wb.properties.creator = wb.properties.lastModifiedBy = report.office_name or "政务公开工作台"
    wb.properties.created = wb.properties.modified = dt.datetime.now()
    wb.save(path)


def _fit_rows(ws, start_row: int, cells) -> None:
    """Row heights for wrapped text: a Chinese character takes two units of a column's width, a Latin one one."""
    from openpyxl.utils import get_column_letter
    need: dict[int, int] = {}
    for cl in cells:
        if cl.rowspan != 1:
            continue
        width = sum(ws.column_dimensions[get_column_letter(1 + cl.col + k)].width or 8.43 for k in range(cl.colspan))
        units = sum(2 if ord(ch) > 0x2000 else 1 for ch in cl.cell.text)
        need[cl.row] = max(need.get(cl.row, 1), math.ceil(units / max(width - 1, 1)))
    for row, lines in need.items():
        if lines > 1:
            ws.row_dimensions[start_row + row].height = 15 * lines


def _figure(text: str):
    """A figure as a number (counts, and amounts in 万元 such as 行政事业性收费 “1.25”), anything else as text."""
    if _FIGURE.fullmatch(text):
        return int(text) if text.isdigit() else float(text)
    return text
