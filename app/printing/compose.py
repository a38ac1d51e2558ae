"""A ``Document`` turned into boxes down the text block, in the order and spacing of GB/T 9704-2012 section 7.

版头 (7.2), for a mark that ends in “文件” (文件格式): 发文机关标志 in red, its top 35 mm below the top of the text
block; 发文字号 two lines below it, centred; a red rule the width of the block 4 mm under the 发文字号. Any other mark —
an office's name over a notice — is set in the 信函格式 (10.1), which leaves the page to the letter: the mark's top
30 mm below the top of the page, a red double rule (thick over thin) 4 mm under it and another (thin over thick) 20 mm
above the page's foot, both 170 mm long and centred; the 发文字号 flush right under the rule, 7/8 of a 3号
character below it; no page number on the first page. 主体 (7.3): the title in 2号小标宋 two lines below the rule
(or at the top), centred; a document without a masthead has its 发文字号 centred under the title; 主送机关 one line
below the title, flush left; body paragraphs with a two-character first-line indent; 附件说明 one line below the body,
indented two characters, a long name's continuation aligned with the name's first character (7.3.4); the signature
(7.3.5) and 附注 (7.3.6) after it.
"""
from __future__ import annotations

import math

from app.printing import tables
from app.printing.document import Document, Heading, PageBreak, Paragraph, Signature, Spacer, Table, chinese_date
from app.printing.draw import draw_line
from app.printing.flow import Box, paginate
from app.printing.fonts import FontSet
from app.printing.geometry import BLOCK_WIDTH, LINE, MM, PAGE_HEIGHT, PAGE_WIDTH, PITCH, RED, SIZE_2, SIZE_3, TOP_MARGIN
from app.printing.linebreak import TextLine, break_text, shifted, text_width

HEADING_ROLES = {1: "heading1", 2: "heading2"}
SEAL_RADIUS = 21 * MM  # a 42 mm office seal


class TextBox(Box):
    """One line of text on the grid."""

    def __init__(self, line: TextLine, size: float, ascent: float, color=None, fake_bold: bool = False,
                 keep_with_next: bool = False, height: float = LINE):
        super().__init__(height=height, keep_with_next=keep_with_next)
        self.line, self.size, self.ascent, self.color, self.fake_bold = line, size, ascent, color, fake_bold

    def baseline(self, y_top: float) -> float:
        return y_top - (self.height - self.size) / 2 - self.size * self.ascent

    def draw(self, canvas, x, y_top):
        draw_line(canvas, self.line, x, self.baseline(y_top), self.size, self.color, self.fake_bold)


class MastheadBox(TextBox):
    """发文机关标志: its top edge 35 mm below the top of the text block (7.2.3)."""

    def baseline(self, y_top: float) -> float:
        return y_top - (self.height - self.size) - self.size * self.ascent


class NumberBox(TextBox):
    """The 发文字号 under a masthead, with the red rule 4 mm below it (7.2.5)."""

    def draw(self, canvas, x, y_top):
        super().draw(canvas, x, y_top)
        y = self.baseline(y_top) - 4 * MM
        canvas.saveState()
        canvas.setStrokeColorRGB(*RED)
        canvas.setLineWidth(1.0)
        canvas.line(x, y, x + BLOCK_WIDTH, y)
        canvas.restoreState()


class DateBox(TextBox):
    """The date line of the signature; optionally a faint circle where the seal goes (7.3.5.1)."""
    seal_guide = False

    def draw(self, canvas, x, y_top):
        super().draw(canvas, x, y_top)
        if self.seal_guide and self.line.runs:
            cx = x + self.line.runs[0].x + self.line.width / 2
            cy = y_top + LINE * 0.3  # the seal's centre a little above the name and date
            canvas.saveState()
            canvas.setStrokeColorRGB(0.85, 0.55, 0.55)
            canvas.setLineWidth(0.5)
            canvas.setDash(3, 3)
            canvas.circle(cx, cy, SEAL_RADIUS)
            canvas.restoreState()


LETTER_MARK_TOP = 30 * MM  # 10.1: from the top of the page
# The standard leaves the mark's size to the office; 32 pt keeps the 版头 within the first two lines of the block.
LETTER_MARK_SIZE = 32.0
LETTER_RULE = 170 * MM
THICK, THIN, RULE_GAP = 1.5, 0.5, 1.0  # the double rules' strokes and the space between them, in points
LETTER_FOOT_RULE = 20 * MM  # 10.1: the lower double rule, from the foot of the page


def letter_format(doc: Document) -> bool:
    """信函格式 (GB/T 9704 10.1) for a masthead that is not a 文件 mark (7.2.3: 发文机关全称或规范化简称加“文件”二字)."""
    return bool(doc.heading) and not doc.heading.endswith("文件")


def _double_rule(canvas, y_top: float, thick_first: bool) -> None:
    """A red double rule 170 mm long, centred on the page, whose upper edge is at ``y_top``."""
    x0 = (PAGE_WIDTH - LETTER_RULE) / 2
    first, second = (THICK, THIN) if thick_first else (THIN, THICK)
    canvas.saveState()
    canvas.setStrokeColorRGB(*RED)
    for width, top in ((first, y_top), (second, y_top - first - RULE_GAP)):
        canvas.setLineWidth(width)
        canvas.line(x0, top - width / 2, x0 + LETTER_RULE, top - width / 2)
    canvas.restoreState()


class LetterheadBox(Box):
    """The 信函格式 版头 at the top of the first page: the mark (in the top margin), the double rules and the 发文字号;
    its height is the part of the text block it takes."""

    def __init__(self, mark: TextLine, size: float, mark_ascent: float, number: TextLine | None, number_ascent: float,
                 fake_bold: bool):
        self.rule_top = LETTER_MARK_TOP + size + 4 * MM  # from the top of the page
        self.number_top = self.rule_top + THICK + RULE_GAP + THIN + SIZE_3 * 7 / 8
        super().__init__(height=self.number_top + SIZE_3 - TOP_MARGIN)
        self.mark, self.size, self.mark_ascent, self.fake_bold = mark, size, mark_ascent, fake_bold
        self.number, self.number_ascent = number, number_ascent

    def draw(self, canvas, x, y_top):
        page_top = y_top + TOP_MARGIN  # the box opens the first page
        draw_line(canvas, self.mark, x, page_top - LETTER_MARK_TOP - self.size * self.mark_ascent, self.size, RED,
                  self.fake_bold)
        _double_rule(canvas, page_top - self.rule_top, thick_first=True)
        _double_rule(canvas, page_top - PAGE_HEIGHT + LETTER_FOOT_RULE + THICK + RULE_GAP + THIN, thick_first=False)
        if self.number is not None:
            draw_line(canvas, self.number, x, page_top - self.number_top - SIZE_3 * self.number_ascent, SIZE_3)


def blank(lines: float = 1) -> list[Box]:
    return [Box(height=LINE, blank=True) for _ in range(max(0, math.ceil(lines - 0.01)))]


class Composer:
    def __init__(self, fonts: FontSet, seal_guide: bool = False, tight_letterhead: bool = False):
        self.fonts = fonts
        self.seal_guide = seal_guide
        self.tight_letterhead = tight_letterhead  # the title right under the 信函格式 版头 (see ``paginated``)

    def ascent(self, role: str) -> float:
        return 1.0 + self.fonts.primary(role).descent

    def lines(self, text: str, role: str, size: float = SIZE_3, *, pitch: float | None = PITCH,
              first: float = 0.0, rest: float = 0.0, align: str = "justify") -> list[TextLine]:
        return break_text(text, self.fonts, role, size, BLOCK_WIDTH, pitch=pitch, first_indent=first,
                          rest_indent=rest, align=align)

    def text_boxes(self, lines: list[TextLine], role: str, size: float = SIZE_3, keep: bool = False,
                   fake_bold: bool = False, color=None, cls=TextBox) -> list[Box]:
        asc = self.ascent(role)
        return [cls(line, size, asc, color=color, fake_bold=fake_bold, keep_with_next=keep) for line in lines]

    # ---- the parts of a document ----------------------------------------------------------------------------
    def compose(self, doc: Document) -> list[Box]:
        boxes: list[Box] = []
        title_bold = self.fonts.roles["title"].fake_bold
        if letter_format(doc):
            boxes += self.letterhead(doc.heading, doc.doc_number)
        elif doc.heading:
            boxes += self.masthead(doc.heading, doc.doc_number)
        if doc.title:
            boxes += self.text_boxes(self.title_lines(doc.title), "title", SIZE_2, keep=True, fake_bold=title_bold)
        if doc.doc_number and not doc.heading:
            boxes += self.text_boxes(self.lines(doc.doc_number, "body", align="center"), "body", keep=True)
        if doc.addressee:
            boxes += blank(1)
            boxes += self.text_boxes(self.lines(doc.addressee, "body", align="left"), "body")
        elif boxes:
            boxes += blank(1)
        for block in doc.blocks:
            boxes += self.block(block)
        if doc.attachments:
            boxes += blank(1)
            boxes += self.attachments(doc.attachments)
        if doc.signature is not None:
            boxes += self.signature(doc.signature, boxes)
        notes = [box for note in doc.notes for box in self.text_boxes(self.lines(note, "body", first=2 * PITCH),
                                                                         "body")]
        if notes and boxes:  # 7.3.6: the 附注 goes with the signature block, never onto a page of its own
            for box in [boxes[-1]] + notes[:-1]:
                box.keep_with_next = True
        return boxes + notes

    def title_lines(self, title: str) -> list[TextLine]:
        """The title centred; when it needs several lines they are made about equally long (7.3.1: 回行时要做到词意
        完整，排列对称), the narrowest width that still gives the same number of lines."""
        lines = self.lines(title, "title", SIZE_2, pitch=None, align="center")
        if len(lines) < 2:
            return lines
        low, high = BLOCK_WIDTH / len(lines), BLOCK_WIDTH
        for _ in range(12):
            mid = (low + high) / 2
            if len(break_text(title, self.fonts, "title", SIZE_2, mid, align="center")) > len(lines):
                low = mid
            else:
                high = mid
        return [shifted(line, (BLOCK_WIDTH - high) / 2)
                for line in break_text(title, self.fonts, "title", SIZE_2, high, align="center")]

    def masthead(self, heading: str, number: str | None) -> list[Box]:
        size = min(BLOCK_WIDTH / max(len(heading), 1), 42.0)
        line = self.lines(heading, "title", size, pitch=None, align="center")[0]
        top_gap = 35 * MM  # 7.2.3: the mark's top edge 35 mm below the top of the text block
        box = MastheadBox(line, size, self.ascent("title"), color=RED, fake_bold=self.fonts.roles["title"].fake_bold,
                          height=top_gap + size)
        out: list[Box] = [box] + blank(2)
        if number:
            out += self.text_boxes(self.lines(number, "body", align="center"), "body", cls=NumberBox)
        else:
            out += [NumberBox(TextLine((), 0.0), SIZE_3, self.ascent("body"))]
        return out + blank(2)

    def letterhead(self, heading: str, number: str | None) -> list[Box]:
        """10.1: the 信函格式 版头; the title “与其上最后一个要素相距二行”: its line two lines below the 发文字号's."""
        size = min(BLOCK_WIDTH / max(len(heading), 1), LETTER_MARK_SIZE)
        mark = self.lines(heading, "title", size, pitch=None, align="center")[0]
        line = self.lines(number, "body", align="right")[0] if number else None
        box = LetterheadBox(mark, size, self.ascent("title"), line, self.ascent("body"),
                            self.fonts.roles["title"].fake_bold)
        return [box] + blank(0 if self.tight_letterhead else 1)

    def block(self, block) -> list[Box]:
        if isinstance(block, Paragraph):
            first = 2 * PITCH if block.indent else 0.0
            return self.text_boxes(self.lines(block.text, "body", first=first, align=block.align), "body",
                                   fake_bold=block.bold)
        if isinstance(block, Heading):
            role = HEADING_ROLES.get(block.level, "body")
            return self.text_boxes(self.lines(block.text, role, first=2 * PITCH), role, keep=True,
                                   fake_bold=block.level == 3)
        if isinstance(block, Table):
            return tables.table_boxes(block, self.fonts, self)
        if isinstance(block, Spacer):
            return blank(block.lines)
        if isinstance(block, PageBreak):
            return [Box(height=0, page_break=True)]
        raise TypeError(f"unknown block {block!r}")

    def attachments(self, names: tuple[str, ...]) -> list[Box]:
        prefix = "附件："
        start = 2 * PITCH
        name_x = start + text_width(prefix, self.fonts, "body", SIZE_3, PITCH)
        lines: list[TextLine] = []
        if len(names) == 1:
            lines += self.lines(prefix + names[0], "body", first=start, rest=name_x)
        else:
            for k, name in enumerate(names, 1):
                label = f"{k}."
                rest = name_x + text_width(label, self.fonts, "body", SIZE_3, PITCH)
                lines += self.lines((prefix if k == 1 else "") + label + name, "body",
                                    first=start if k == 1 else name_x, rest=rest)
        return self.text_boxes(lines, "body")

    def signature(self, sig: Signature, before: list[Box]) -> list[Box]:
        """7.3.5.1 with a seal: the date 右空四字, the office's name centred over it, two empty lines for the seal.
        7.3.5.2 without: the name 右空二字 one line below the body, the date's first character two to its right."""
        date_text = chinese_date(sig.date)
        width = lambda t: text_width(t, self.fonts, "body", SIZE_3, PITCH)  # noqa: E731
        date_w = width(date_text)
        names = [n for n in sig.lines if n]
        name_w = max((width(n) for n in names), default=0.0)
        if sig.seal:
            date_x = BLOCK_WIDTH - 4 * PITCH - date_w
            centre = date_x + date_w / 2
            name_x = lambda w: max(0.0, min(centre - w / 2, BLOCK_WIDTH - w))  # noqa: E731
        else:
            name_left = BLOCK_WIDTH - 2 * PITCH - name_w
            date_x = name_left + 2 * PITCH
            if date_x + date_w > BLOCK_WIDTH - 2 * PITCH:
                date_x = BLOCK_WIDTH - 2 * PITCH - date_w
                name_left = date_x - 2 * PITCH
            name_x = lambda w: max(0.0, name_left)  # noqa: E731
        out = blank(2 if sig.seal else 1)
        for name in names:
            for line in self.lines(name, "body", align="left"):
                out += self.text_boxes([shifted(line, name_x(line.width))], "body")
        date_line = self.lines(date_text, "body", align="left")[0]
        date_box = self.text_boxes([shifted(date_line, date_x)], "body", cls=DateBox)[0]
        date_box.seal_guide = self.seal_guide and sig.seal
        out.append(date_box)
        for box in out[:-1]:
            box.keep_with_next = True
        kept = 0  # GB/T 9704 7.3.5: the signature never opens a page alone; two lines of text go with it
        for box in reversed(before):
            if kept == 2 or box.page_break:
                break
            box.keep_with_next = True
            kept += not box.blank
        return out


def paginated(doc: Document, fonts: FontSet, seal_guide: bool = False) -> list:
    """The document dealt onto pages. The 信函格式 版头 takes two lines more than a title with its 发文字号 under it:
    when that would carry a notice onto another page, the title follows the 版头 without the line between them."""
    pages = paginate(Composer(fonts, seal_guide).compose(doc))
    if letter_format(doc) and len(pages) > 1:
        tight = paginate(Composer(fonts, seal_guide, tight_letterhead=True).compose(doc))
        if len(tight) < len(pages):
            return tight
    return pages
