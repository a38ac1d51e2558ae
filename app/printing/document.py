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
    # columns as wide as their widest cell on one line (a form's labels: “统一社会信用代码” never wraps); the other
    # columns share the rest by ``col_widths``
    fit_columns: tuple[int, ...] = ()


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
    author: str = ""  # the issuing office, for the file's metadata (default: the signature's first line)
    status_mark: str = ""  # e.g. “草稿”: printed at the top right of every page, above the text block


def author_of(doc: "Document", default: str) -> str:
    """Who the file says made it: the document's office, else its signature's first line, else ``default``."""
    return doc.author or (doc.signature.lines[0] if doc.signature and doc.signature.lines else "") or default


def chinese_date(value: dt.date) -> str:
    """GB/T 9704-2012 7.3.5.2: the date in Arabic numerals, year in full, no leading zeros: 2026年3月7日."""
    return f"{value.year}年{value.month}月{value.day}日"


# ---- storing a document as it was printed (JSON), and reading it back -------------------------------------------
_BLOCK_TYPES = {cls.__name__: cls for cls in (Paragraph, Heading, Table, Spacer, PageBreak)}


def _plain(value):
    if isinstance(value, Cell):
        return {"_": "Cell", **{k: getattr(value, k) for k in ("text", "colspan", "rowspan", "align", "bold")}}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_data(doc: Document) -> dict:
    """A JSON-ready dict of the document (kept with each printed notice, so it can be re-rendered as .docx)."""
    blocks = []
    for b in doc.blocks:
        fields = {k: _plain(v) for k, v in b.__dict__.items()}
        blocks.append({"_": type(b).__name__, **fields})
    sig = doc.signature
    return {"title": doc.title, "doc_number": doc.doc_number, "heading": doc.heading, "addressee": doc.addressee,
            "attachments": list(doc.attachments), "notes": list(doc.notes), "page_numbers": doc.page_numbers,
            "kind": doc.kind, "author": doc.author, "status_mark": doc.status_mark, "blocks": blocks,
            "signature": None if sig is None else {"lines": list(sig.lines), "date": sig.date.isoformat(),
                                                   "seal": sig.seal}}


def _cell(value):
    if isinstance(value, dict) and value.get("_") == "Cell":
        return Cell(**{k: v for k, v in value.items() if k != "_"})
    return value


def from_data(data: dict) -> Document:
    blocks = []
    for b in data.get("blocks", []):
        cls = _BLOCK_TYPES[b["_"]]
        fields = {k: v for k, v in b.items() if k != "_"}
        if cls is Table:
            fields["rows"] = tuple(tuple(_cell(c) for c in row) for row in fields["rows"])
            for key in ("col_widths", "fit_columns"):
                if fields.get(key) is not None:
                    fields[key] = tuple(fields[key])
        blocks.append(cls(**fields))
    sig = data.get("signature")
    return Document(title=data["title"], blocks=blocks, doc_number=data.get("doc_number"),
                    heading=data.get("heading"), addressee=data.get("addressee"),
                    attachments=tuple(data.get("attachments", ())), notes=tuple(data.get("notes", ())),
                    page_numbers=data.get("page_numbers", True), kind=data.get("kind", ""),
                    author=data.get("author", ""), status_mark=data.get("status_mark", ""),
                    signature=None if sig is None else Signature(tuple(sig["lines"]), dt.date.fromisoformat(sig["date"]),
                                                                 sig.get("seal", True)))
