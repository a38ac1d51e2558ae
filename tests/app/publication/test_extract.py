"""The screen reads attached files: .docx paragraphs and tables, .pdf pages, .txt in UTF-8 or GBK."""
import io

import docx
import pytest

from app.errors import ServiceError
from app.printing.document import Document, PageBreak, Paragraph
from app.printing.pdf import render_pdf
from app.publication.extract import screen_file


def test_docx_paragraphs_and_table_cells():
    d = docx.Document()
    d.add_paragraph("公示")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "张三"
    table.rows[0].cells[1].text = "13812345678"
    buf = io.BytesIO()
    d.save(buf)
    hits = screen_file("名单.docx", buf.getvalue())
    assert [(h.kind, h.source, h.text) for h in hits] == [("mobile", "名单.docx", "13812345678")]


def test_pdf_findings_name_the_page():
    pdf = render_pdf(Document(title="公示", blocks=[Paragraph("第一页没有号码。"), PageBreak(),
                                                  Paragraph("联系电话13812345678。")]))
    hits = screen_file("公示.pdf", pdf)
    assert [(h.kind, h.location) for h in hits] == [("mobile", "第2页")]


def test_txt_in_gbk():
    hits = screen_file("说明.txt", "秘密★1年\n正文".encode("gb18030"))
    assert [h.kind for h in hits] == ["secrecy_mark"]


def test_a_damaged_file_is_said_plainly():
    with pytest.raises(ServiceError, match="无法读取附件“坏.docx”"):
        screen_file("坏.docx", b"not a zip")
    assert screen_file("照片.jpg", b"\xff\xd8") == []
