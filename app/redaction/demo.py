"""Demo data for 区分处理: the material of one 部分公开 request — a 5-page 低保 approval file with residents' ID and
phone numbers — redacted by the privacy screen's findings and a drawn box over a signature, its released version
stored beside the original."""
from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

from app.redaction import marking, service
from app.redaction.release import Mark
from app.redaction.source import Source
from db.models import Request

DEMO_DPI = 150  # the demo makes its version quicker than at print resolution


def _material(rng: random.Random) -> bytes:
    """Five pages through the document engine: residents' ID and phone numbers on pages 2 and 4, a signature on 3."""
    from app.printing import render_pdf
    from app.printing.document import Document, PageBreak, Paragraph
    from app.validators import id_card_check_char
    ids = [body + id_card_check_char(body) for body in ("53010219880315431", "53010219750921002", "53010219651208001")]
    blocks = []
    for page in range(1, 6):
        if page > 1:
            blocks.append(PageBreak())
        blocks.append(Paragraph(f"城关镇2025年农村低保审批材料（第{page}页）", indent=False))
        if page in (2, 4):
            blocks += [Paragraph(f"户主{'甲乙丙'[i]}：身份证号 {number}，电话 139{rng.randint(10000000, 99999999)}",
                                 indent=False) for i, number in enumerate(ids)]
        if page == 3:
            blocks += [Paragraph("村民代表评议意见：同意", indent=False), Paragraph(f"评议人签名：{SIGNER}", indent=False)]
        blocks.append(Paragraph("补助标准：每人每月三百元。"))
    return render_pdf(Document(title="低保审批材料", blocks=blocks, page_numbers=False))


SIGNER = "周某某"


def make_demo(staff: dict, seed: int) -> str:
    from app.requests import attachments
    rng = random.Random(seed + 13)
    req = (Request.select().where((Request.source == "demo") & (Request.outcome == "partial"))
           .order_by(Request.id).first())
    if req is None:
        return "0 份区分处理的公开版本（没有部分公开的演示申请）"
    clerk = staff["zhangming"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "低保审批材料.pdf"
        path.write_bytes(_material(rng))
        file_id = attachments.add(clerk, req.id, str(path), note="承办科室提供的材料")["id"]
    opened = service.open_file(clerk, "request", file_id)
    with Source(opened.data, opened.name) as src:
        marks = marking.by_screen(src, "refuse_4", kinds=("id_number", "mobile"))
        (signature,) = src.find(SIGNER)
        marks.append(marking.by_rect(src, signature, "refuse_4", "评议人签名"))
    service.add_marks(clerk, opened.id, [Mark(m.rect, m.ground, m.note, m.text, m.how) for m in marks])
    done = service.release(clerk, opened.id, dpi=DEMO_DPI)
    return f"1 份区分处理的公开版本（申请 {req.number} 的材料，遮盖 {done['marks']} 处）"
