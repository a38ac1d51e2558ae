"""What a printed document says, as plain data. The engine (``app.printing.pdf``/``docx``) decides how it looks, in
the GB/T 9704-2012 layout; modules only build these values.

Example: a reply notice is ``Document(title="政府信息公开申请答复告知书", doc_number="X政公开〔2026〕12号",
addressee="张三：", blocks=[Paragraph("…"), …], signature=Signature(("某县人民政府办公室",), date(2026, 4, 3)))``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

ALIGNS = ("justify", "left", "center", "right")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: 3号仿宋, first line indented two characters unless ``indent`` is False."""
    text: str
    indent: bool = True
    align: str = "justify"
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    """Level 1: 黑体 (“一、”); level 2: 楷体 (“（一）”); level 3: 仿宋 bold (“1.”). The numbering is part of ``text``."""
    text: str
    level: int = 1


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A form or register table in the same style; cells may span. ``col_widths`` are relative weights."""
    rows: tuple[tuple[Union[Cell, str], ...], ...]
    col_widths: tuple[float, ...] | None = None
    header_rows: int = 0
    font_size: float | None = None  # points; None: 4号 (14 pt) for forms
    min_row_height_mm: float | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Spacer:
    lines: float = 1.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Paragraph, Heading, Table, Spacer, PageBreak]


@dataclass(frozen=True)
class Signature:
    """落款: the issuing office's name over the date, right-aligned with the date 右空四字; ``seal`` leaves room for the
    stamp over both."""
    lines: tuple[str, ...]
    date: dt.date
    seal: bool = True


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    doc_number: str | None = None  # 发文字号, e.g. X政公开〔2026〕12号
    heading: str | None = None  # 发文机关标志 (red, over a red rule); None: no masthead
    addressee: str | None = None  # 主送, e.g. “张三：”
    attachments: tuple[str, ...] = ()  # 附件 names, listed after the body
    signature: Signature | None = None
    notes: tuple[str, ...] = ()  # 附注 after the signature, e.g. “（联系人：李四，电话：…）”
    page_numbers: bool = True
    kind: str = ""  # the document type's name (登记回执, 补正告知书…), for file names and records


def chinese_date(value: dt.date) -> str:
    """GB/T 9704-2012 7.3.5.2: the date in Arabic numerals, year in full, no leading zeros: 2026年3月7日."""
    return f"{value.year}年{value.month}月{value.day}日"
