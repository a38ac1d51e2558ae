"""台账模板: an empty import template with the headings ``ledger`` recognises, and a sheet explaining each column.

The headings, the other headings accepted and the required columns are read from ``app.requests.ledger``; the
accepted applicant types, outcomes and channels from ``catalog`` — never copied, so the template cannot drift from
what the import understands.
"""
from __future__ import annotations

import os
import tempfile

from app.requests import catalog, ledger

_OUTCOME_EXAMPLES = ("disclose", "partial", "refuse_1", "unable_1", "reject_2", "other_3")
DATE_FORMATS = "2025-03-04、2025/3/4、2025年3月4日、20250304 或 Excel 日期"


def headings() -> list[str]:
    """The documented default headings, in the order of ``ledger.FIELDS``."""
    return [main for main, _ in ledger.FIELDS.values()]


def _what_to_write(key: str) -> str:
    if key == "applicant_type":
        return "、".join(label for label in catalog.APPLICANT_TYPES.values())
    if key == "outcome":
        examples = [catalog.LEAF_LABELS[c].split("（区分")[0] for c in _OUTCOME_EXAMPLES]
        return ("年度报告中的名称，可带或不带编号，例如：" + "、".join(examples)
                + " 等；有办理结果的导入为已归档，没有的导入为办理中")
    if key == "channel":
        return "、".join(name for name, _ in catalog.CHANNELS.values())
    if key in ("received_date", "decided_date"):
        return DATE_FORMATS
    if key == "number":
        return "可不填：没有编号的行按本机关的编号格式编号"
    return ""


def explanation_rows() -> list[tuple[str, str, str, str]]:
    """(heading, 必填/选填, what to write, other headings accepted) for the 填写说明 sheet."""
    rows = []
    for key, (main, others) in ledger.FIELDS.items():
        rows.append((main, "必填" if key in ledger.REQUIRED else "选填", _what_to_write(key), "、".join(others)))
    return rows


def write_template(path: str) -> str:
    """Write the empty template to ``path`` (through a temporary file, so that a failure leaves no half file)."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "台账"
    required = {ledger.FIELDS[k][0] for k in ledger.REQUIRED}
    sheet.append(headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="B00020" if cell.value in required else "000000")
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        sheet.column_dimensions[cell.column_letter].width = max(12, 2.2 * len(str(cell.value)) + 4)
    sheet.freeze_panes = "A2"
    notes = wb.create_sheet("填写说明")
    notes.append(["表头", "是否必填", "填写内容", "也认得的其他表头"])
    for row in explanation_rows():
        notes.append(list(row))
    notes.append([])
    notes.append(["说明", "", "第一个工作表的第一行是表头，从第二行起每行一件申请；红色表头为必填项。"
                  "导入前逐行检查，任何一行有问题都会列出行号和原因，不导入任何数据。", ""])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (16, 10, 70, 40)):
        notes.column_dimensions[letter].width = width
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".台账模板-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path
