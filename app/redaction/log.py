"""区分处理记录: the sheet printed with a released version — every mark (page, position, ground, note), who made the
version and when, and what the check after generating found. The 部分公开告知书 names it as an attachment beside the
released file (条例第三十七条: the withheld part and its ground are told to the applicant)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.printing.document import Cell, Document, Paragraph, Signature, Table
from app.redaction import grounds
from app.redaction.release import Mark

TITLE = "区分处理记录"
MM = 25.4 / 72.0  # millimetres per point


@dataclass(frozen=True)
class LogData:
    source_name: str
    source_sha256: str
    released_name: str
    released_sha256: str
    pages: int
    marks: tuple[Mark, ...]
    made_by: str
    made_at: dt.datetime
    checks: tuple[str, ...]
    office: str = ""
    purpose: str = "区分处理"  # or 非密处理 (an item released after the secrecy review)


def position(mark: Mark) -> str:
    """“距左 25 毫米、距上 40 毫米，宽 50 × 高 6 毫米”: where the box is on the printed page."""
    r = mark.rect.normalised()
    return (f"距左{r.x0 * MM:.0f}毫米、距上{r.y0 * MM:.0f}毫米，"
            f"宽{(r.x1 - r.x0) * MM:.0f}×高{(r.y1 - r.y0) * MM:.0f}毫米")


HOW = {"rect": "框选", "search": "按文字查找", "screen": "筛查发现"}


def document(data: LogData) -> Document:
    rows = [tuple(Cell(h, align="center", bold=True) for h in ("序号", "页码", "位置", "不予公开的理由", "说明"))]
    ordered = sorted(data.marks, key=lambda m: (m.rect.page, m.rect.normalised().y0, m.rect.normalised().x0))
    for i, m in enumerate(ordered, 1):
        g = grounds.GROUNDS[m.ground]
        note = "；".join(x for x in (HOW.get(m.how, ""), m.note.strip()) if x)
        rows.append((Cell(str(i), align="center"), Cell(f"第{m.rect.page}页", align="center"), position(m), g.text,
                     note))
    marked = sorted({m.rect.page for m in data.marks})
    blocks = [
        Paragraph(f"原件：{data.source_name}（共{data.pages}页，SHA-256 {data.source_sha256[:16]}…）。", indent=False,
                  align="left"),
        Paragraph(f"公开版本：{data.released_name}（SHA-256 {data.released_sha256[:16]}…）。第"
                  f"{'、'.join(map(str, marked))}页已作{data.purpose}，遮盖{len(data.marks)}处，遮盖处以黑色方块显示，"
                  "该页以图像形式提供；其余页面与原件相同。", indent=False, align="left"),
        Table(tuple(rows), col_widths=(0.5, 0.7, 2.0, 2.0, 1.3), header_rows=1, font_size=10.5),
        Paragraph(f"处理人：{data.made_by}　　处理时间：{data.made_at:%Y-%m-%d %H:%M}", indent=False, align="left"),
        Paragraph("生成后检查：" + "；".join(data.checks) + "。", indent=False, align="left"),
    ]
    return Document(title=TITLE, kind=TITLE, blocks=blocks, author=data.office,
                    signature=Signature((data.office,), data.made_at.date(), seal=False) if data.office else None)


def render(data: LogData) -> bytes:
    from app.printing import render_pdf
    return render_pdf(document(data))
