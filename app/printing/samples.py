"""Sample documents: the preview of 系统管理 → 打印字体 (样张), the tests and the printing benchmark use them."""
from __future__ import annotations

import datetime as dt

from app.printing.document import Cell, Document, Heading, Paragraph, Signature, Table

CITATION = "《中华人民共和国政府信息公开条例》第三十六条第（一）项"


def sample_letter() -> Document:
    """A one-page 政府信息公开申请答复告知书 (条例第三十六条第（一）项: the information is already public, so the applicant is told where to get it)."""
    return Document(
        title="政府信息公开申请答复告知书",
        doc_number="青政办公开〔2026〕12号",
        addressee="张明远：",
        kind="答复告知书",
        blocks=[
            Paragraph("本机关于2026年3月9日收到您提出的政府信息公开申请（登记编号：2026-依申请-0012），"
                      "您申请获取“青山县2025年城区老旧小区改造项目立项批复文件”。"),
            Paragraph(f"经审查，您申请获取的政府信息已经主动公开。根据{CITATION}的规定，现告知您获取该政府信息的"
                      "方式和途径：登录青山县人民政府门户网站“政府信息公开”专栏查阅青发改投资〔2025〕86号文件，"
                      "或者到青山县政务服务中心政府信息公开查阅点现场查阅。"),
            Paragraph("如对本答复不服，可以自收到本告知书之日起60日内申请行政复议，或者在6个月内提起行政诉讼。"),
        ],
        attachments=("政府信息公开申请登记回执", "政府信息获取指引"),
        signature=Signature(("青山县人民政府办公室",), dt.date(2026, 4, 3)),
        notes=("（联系人：李晓华，联系电话：0871-63125678）",),
    )


_NAMES = ("张明远", "李晓华", "王建国", "青山县宏达建材有限公司", "赵丽", "陈志强", "刘芳", "青山县城南社区居民委员会",
          "孙伟", "周敏")
_SUBJECTS = (
    "青山县2025年城区老旧小区改造项目的立项批复文件及资金安排情况",
    "人民路拓宽工程房屋征收补偿方案",
    "2025年度农村危房改造补助资金发放名单",
    "城南污水处理厂环境影响评价报告及批复",
    "本人承包土地被征收的批准文件",
    "2025年第三季度食品安全抽检结果",
    "县第一中学新校区建设项目招标文件及中标结果",
    "2024年度县本级部门预算执行情况审计报告",
)
_STATES = ("已答复", "办理中", "已补正", "已延期", "已答复")


def register_rows(count: int = 60) -> list[tuple]:
    rows = []
    start = dt.date(2026, 1, 5)
    for k in range(count):
        received = start + dt.timedelta(days=k * 2 + k % 3)
        subject = _SUBJECTS[k % len(_SUBJECTS)]
        if k % 7 == 3:
            subject += "，以及相关会议纪要、专家论证意见和公众参与情况说明"
        rows.append((str(k + 1), _NAMES[k % len(_NAMES)], f"{received.month}月{received.day}日",
                     f"2026-依申请-{k + 1:04d}", subject, _STATES[k % len(_STATES)]))
    return rows


def sample_form(count: int = 60) -> Document:
    """A multi-page register (政府信息公开申请登记簿) with a two-row header using row and column spans."""
    header = (
        (Cell("序号", rowspan=2, align="center", bold=True), Cell("申请人", colspan=2, align="center", bold=True),
         Cell("登记编号", rowspan=2, align="center", bold=True), Cell("申请内容", rowspan=2, align="center", bold=True),
         Cell("状态", rowspan=2, align="center", bold=True)),
        (Cell("姓名或名称", align="center", bold=True), Cell("收到日期", align="center", bold=True)),
    )
    body = tuple((Cell(r[0], align="center"), r[1], Cell(r[2], align="center"), r[3], r[4],
                  Cell(r[5], align="center")) for r in register_rows(count))
    table = Table(rows=header + body, col_widths=(1.0, 3.0, 2.4, 4.3, 5.6, 1.8), header_rows=2, font_size=12)
    return Document(
        title="2026年政府信息公开申请登记簿",
        kind="登记簿",
        blocks=[Paragraph("本登记簿按收到申请的先后顺序登记，期限按《中华人民共和国政府信息公开条例》第三十三条计算。"),
                table],
        signature=None,
    )


def sample_long_letter(paragraphs: int = 30) -> Document:
    """A letter several pages long, with headings, to see the text flow (tests)."""
    base = sample_letter()
    blocks = []
    for k in range(paragraphs):
        if k % 6 == 0:
            blocks.append(Heading(f"{'一二三四五六七八九十'[k // 6 % 10]}、第{k // 6 + 1}部分", 1))
        blocks.append(base.blocks[k % len(base.blocks)])
    return Document(title=base.title, doc_number=base.doc_number, addressee=base.addressee, blocks=blocks,
                    attachments=base.attachments, signature=base.signature, notes=base.notes, kind=base.kind)
