"""``render_docx``: the same document as a Word file, for offices that finish their documents in WPS or Word.

The page is set up as GB/T 9704-2012 wants it and as the PDF shows it: A4, margins 37/26/35/28 mm, a document grid
of 22 lines × 28 characters, body 3号 at an exact line spacing of 28.95 pt, first lines indented two characters.
Chinese fonts are named in ``w:eastAsia`` (and for Latin text too) by their official names — 仿宋_GB2312 or 仿宋,
方正小标宋简体, 黑体, 楷体_GB2312 or 楷体, 宋体 — so that the office PC's Word or WPS uses its own official fonts.
Page numbers are PAGE fields in the footer, “— 1 —”, odd pages at the right and even pages at the left.

Lines break as in the PDF (``linebreak``): 28 characters a line, 避头尾 by pushing a character to the next line
(``w:kinsoku`` on, no hanging punctuation — ``w:overflowPunct`` off — and no compression of punctuation), no extra
space between Chinese and Latin text or digits (``w:autoSpaceDE``/``w:autoSpaceDN`` off: WPS and Word would otherwise
widen every line holding a date), and a hyphen inside a number (2026-依申请-0076) is a non-breaking hyphen. The
properties are set on every paragraph as well as on the Normal style: LibreOffice reads only the paragraph's.
"""
from __future__ import annotations

import datetime as dt
import io
import math

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import _RunContentAppender
from docx.shared import Mm, Pt, RGBColor

from app.printing import fontfiles
from app.printing.compose import LETTER_MARK_SIZE, LETTER_MARK_TOP, LETTER_RULE, letter_format
from app.printing.fonts import fontset
from app.printing.document import (Document, Heading, PageBreak, Paragraph, Signature, Spacer, Table, author_of,
                                   chinese_date)
from app.printing.geometry import BLOCK_WIDTH, LINE, MM, PITCH, SIZE_2, SIZE_3, SIZE_4
from app.printing.linebreak import HYPHENATED
from app.printing.tables import LEADING, PAD_X, cell_size, place_cells, table_widths

CREATOR = "政务公开工作台"
APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           "<Application>{app}</Application><DocSecurity>0</DocSecurity></Properties>")
ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
         "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
RED = RGBColor(0xE6, 0x00, 0x12)
# 225 mm / 22 lines is 579.8 twips; Word's grid keeps whole twips, so the customary exact spacing is 28.95 pt
LINE_TWIPS = int(LINE * 20)


def official_font_names(title_official: bool = True) -> dict[str, str]:
    """The names Word and WPS know the official fonts by; the _GB2312 variants when this machine has them. Without
    小标宋 the title is set in 宋体, bold (as the PDF does, 7.3.1)."""
    def installed(name: str) -> bool:
        return bool(fontfiles.find(families=(name,)))

    return {
        "body": "仿宋_GB2312" if installed("仿宋_GB2312") or installed("FangSong_GB2312") else "仿宋",
        "title": "方正小标宋简体" if title_official else "宋体",
        "heading1": "黑体",
        "heading2": "楷体_GB2312" if installed("楷体_GB2312") or installed("KaiTi_GB2312") else "楷体",
        "song": "宋体",
    }


CONDENSE_TWIPS = -5  # character spacing of body text, in twentieths of a point
# paragraph properties that make Word and WPS break lines like the PDF, in the schema's order
LINE_BREAKING = (("w:kinsoku", "1"), ("w:wordWrap", "1"), ("w:overflowPunct", "0"), ("w:topLinePunct", "0"),
                 ("w:autoSpaceDE", "0"), ("w:autoSpaceDN", "0"))
_PPR_AFTER_BREAKING = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                       "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                       "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                       "w:pPrChange")


def _width(text: str) -> float:
    """Estimated width on the grid: full-width characters one pitch, others half (enough to place a line)."""
    return sum(PITCH / 2 if ord(ch) < 0x2000 else PITCH for ch in text)


def _set_fonts(rpr_owner, name: str) -> None:
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


class DocxWriter:
    def __init__(self, doc: Document):
        self.doc = doc
        # the PDF's choice: without 小标宋 on this machine the title is 宋体 made bold
        self.fonts = fontset()
        self.title_bold = not self.fonts.roles["title"].official
        self.names = official_font_names(not self.title_bold)
        self.out = docx.Document()
        self._page_setup()
        self._styles()

    # ---- page and styles ------------------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.out.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance = Mm(15)
        section.footer_distance = Mm(25.4)  # 7.5: the 一字线 7 mm below the text block (measured in LibreOffice)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # A line grid only: the 28-character pitch comes from a slight condensation of the body text (see
        # _styles), which Word, WPS and LibreOffice all render alike — LibreOffice reads a character grid's
        # charSpace differently from Word and spreads the characters out.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_TWIPS))

    def _styles(self) -> None:
        styles = self.out.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                rpr.remove(fonts)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
            # The document grid's character pitch is counted from the default font size: make it 3号 (16 pt), so
            # that 28 characters fill a line in Word, WPS and LibreOffice alike.
            for tag in ("w:sz", "w:szCs"):
                el = rpr.find(qn(tag))
                if el is None:
                    el = OxmlElement(tag)
                    rpr.append(el)
                el.set(qn("w:val"), str(round(SIZE_3 * 2)))
        normal = styles["Normal"]
        normal.font.size = Pt(SIZE_3)
        _set_fonts(normal.element, self.names["body"])
        # 28 full-width characters per line (GB/T 9704 7.1): a 16 pt character condensed by 0.25 pt gives a pitch
        # of 15.75 pt, and 28 of them fit the 156 mm line.
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CONDENSE_TWIPS))
        normal.element.get_or_add_rPr().append(spacing)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_TWIPS / 20)
        normal.element.get_or_add_pPr().get_or_add_spacing().set(qn("w:line"), str(LINE_TWIPS))
        fmt.widow_control = False
        _break_like_the_pdf(normal.element.get_or_add_pPr())
        control = self.out.settings.element.find(qn("w:characterSpacingControl"))
        if control is not None:  # 字符间距控制：不压缩 — punctuation keeps its full width, as in the PDF
            control.set(qn("w:val"), "doNotCompress")

    # ---- paragraphs -----------------------------------------------------------------------------------------
    def para(self, text: str = "", role: str = "body", size: float = SIZE_3, align: str = "justify",
             first_chars: float = 0.0, left: float = 0.0, right: float = 0.0, bold: bool = False, color=None,
             container=None, keep_with_next: bool = False):
        p = (container or self.out).add_paragraph()
        _break_like_the_pdf(p._p.get_or_add_pPr())
        fmt = p.paragraph_format
        p.alignment = ALIGN.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY)
        if size != SIZE_3:
            fmt.line_spacing = Pt(max(LINE_TWIPS / 20, size * 1.2))
        if first_chars:
            fmt.first_line_indent = Pt(first_chars * PITCH)
            ind = fmt._element.get_or_add_pPr().get_or_add_ind()
            ind.set(qn("w:firstLineChars"), str(round(first_chars * 100)))  # Word/WPS: indent in characters
        if left:
            fmt.left_indent = Pt(left)
        if right:
            fmt.right_indent = Pt(right)
        if keep_with_next:
            fmt.keep_with_next = True
        if text:
            run = p.add_run()
            add_text(run, text)
            run.font.size = Pt(size)
            _set_fonts(run._element, self.names[role])
            if bold:
                run.font.bold = True
            if color is not None:
                run.font.color.rgb = color
        return p

    def blank(self, lines: float = 1) -> None:
        for _ in range(max(0, math.ceil(lines - 0.01))):
            self.para()

    # ---- the document ---------------------------------------------------------------------------------------
    def write(self) -> bytes:
        d = self.doc
        if letter_format(d):
            self.letterhead(d.heading, d.doc_number)
        elif d.heading:
            size = min(BLOCK_WIDTH / max(len(d.heading), 1), 42.0)
            p = self.para(d.heading, "title", size, "center", color=RED, bold=self.title_bold)
            p.paragraph_format.space_before = Pt(35 * MM - (size * 1.2 - size))
            self.blank(2)
            p = self.para(d.doc_number or "", "body", align="center")
            self._red_rule(p)
            self.blank(2)
        if d.title:
            self.para(d.title, "title", SIZE_2, "center", keep_with_next=True, bold=self.title_bold)
        if d.doc_number and not d.heading:
            self.para(d.doc_number, "body", align="center", keep_with_next=True)
        if d.addressee or d.title:
            self.blank(1)
        if d.addressee:
            self.para(d.addressee, "body", align="left")
        for block in d.blocks:
            self.block(block)
        if d.attachments:
            self.blank(1)
            self.attachments(d.attachments)
        if d.signature is not None:
            self.signature(d.signature)
        for note in d.notes:
            self.para(note, "body", first_chars=2)
        if d.page_numbers:
            self.page_numbers()
        if d.status_mark:
            self.status_mark(d.status_mark)
        self.metadata()
        buf = io.BytesIO()
        self.out.save(buf)
        return buf.getvalue()

    def block(self, block) -> None:
        if isinstance(block, Paragraph):
            self.para(block.text, "body", align=block.align, first_chars=2 if block.indent else 0, bold=block.bold)
        elif isinstance(block, Heading):
            role = {1: "heading1", 2: "heading2"}.get(block.level, "body")
            self.para(block.text, role, first_chars=2, bold=block.level == 3, keep_with_next=True)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Spacer):
            self.blank(block.lines)
        elif isinstance(block, PageBreak):
            self.out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise TypeError(f"unknown block {block!r}")

    def attachments(self, names: tuple[str, ...]) -> None:
        """7.3.4: “附件：” after two characters; a long name's next line aligned with its first character."""
        start = 2 * PITCH
        name_x = start + 3 * PITCH
        if len(names) == 1:
            self.para("附件：" + names[0], left=name_x, first_chars=0).paragraph_format.first_line_indent = \
                Pt(start - name_x)
            return
        for k, name in enumerate(names, 1):
            label = f"{k}."
            left = name_x + _width(label)
            p = self.para(("附件：" if k == 1 else "") + label + name, left=left)
            p.paragraph_format.first_line_indent = Pt((start if k == 1 else name_x) - left)

    def signature(self, sig: Signature) -> None:
        date = chinese_date(sig.date)
        date_w = _width(date)
        names = [n for n in sig.lines if n]
        self.blank(2 if sig.seal else 1)
        if sig.seal:  # 7.3.5.1: the date 右空四字, the name centred over it
            centre = BLOCK_WIDTH - 4 * PITCH - date_w / 2
            for name in names:
                right = max(0.0, BLOCK_WIDTH - centre - _width(name) / 2)
                self.para(name, align="right", right=right, keep_with_next=True)
            self.para(date, align="right", right=4 * PITCH)
        else:  # 7.3.5.2: the name 右空二字, the date's first character two characters right of the name's
            name_left = BLOCK_WIDTH - 2 * PITCH - max((_width(n) for n in names), default=0.0)
            date_x = name_left + 2 * PITCH
            if date_x + date_w > BLOCK_WIDTH - 2 * PITCH:
                date_x = BLOCK_WIDTH - 2 * PITCH - date_w
                name_left = date_x - 2 * PITCH
            for name in names:
                self.para(name, align="right", right=max(0.0, BLOCK_WIDTH - name_left - _width(name)),
                          keep_with_next=True)
            self.para(date, align="right", right=BLOCK_WIDTH - date_x - date_w)

    def table(self, table: Table) -> None:
        size = table.font_size or SIZE_4
        cells, nrows, ncols = place_cells(table.rows)
        if table.caption:
            self.para(table.caption, "heading1", align="center", keep_with_next=True)
        t = self.out.add_table(rows=nrows, cols=ncols)
        t.style = self.out.styles["Table Grid"]
        t.autofit = False
        widths = table_widths(table, self.fonts, cells, ncols)
        _fix_table_grid(t, widths)
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row.cells):
                cell.width = Pt(widths[c])
            if r < table.header_rows:
                tr_pr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                tr_pr.append(header)
            if table.min_row_height_mm:
                row.height = Mm(table.min_row_height_mm)
        for cl in cells:
            rs, cs = min(cl.rowspan, nrows - cl.row), min(cl.colspan, ncols - cl.col)
            target = t.cell(cl.row, cl.col)
            if rs > 1 or cs > 1:
                target = target.merge(t.cell(cl.row + rs - 1, cl.col + cs - 1))
            header = cl.plain and cl.row < table.header_rows
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = target.paragraphs[0]
            _break_like_the_pdf(p._p.get_or_add_pPr())
            _no_grid_snap(p)
            p.alignment = ALIGN["center" if header else cl.cell.align]
            span_width = sum(widths[cl.col:cl.col + cs])
            text_size = cell_size(cl.cell.text, self.fonts, size, span_width - 2 * PAD_X)  # as in the PDF
            p.paragraph_format.line_spacing = Pt(round(text_size * LEADING, 2))
            run = p.add_run()
            add_text(run, cl.cell.text)
            run.font.size = Pt(text_size)
            spacing = OxmlElement("w:spacing")  # table text is not condensed to the body's grid
            spacing.set(qn("w:val"), "0")
            run._element.get_or_add_rPr().append(spacing)
            run.font.bold = cl.cell.bold or header
            _set_fonts(run._element, self.names["song"])

    def letterhead(self, heading: str, number: str | None) -> None:
        """10.1 信函格式, as in the PDF: the mark, the double rule and the 发文字号 in the first page's header (so the mark
        can stand 30 mm below the page's top, above the text block); the lower double rule in the first page's footer,
        which has no page number."""
        section = self.out.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        size = min(BLOCK_WIDTH / max(len(heading), 1), LETTER_MARK_SIZE)
        mark = header.paragraphs[0]
        mark.alignment = ALIGN["center"]
        fmt = mark.paragraph_format
        # an exact line as high as the mark sets the glyphs 2.2 mm high in it (measured in LibreOffice)
        fmt.space_before = Pt(LETTER_MARK_TOP - section.header_distance.pt + 2.2 * MM)
        fmt.line_spacing = Pt(size)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.first_line_indent = Pt(0)
        overhang = Mm((LETTER_RULE / MM - 156) / 2)  # the rules are 170 mm long, the block 156 mm wide
        fmt.left_indent = fmt.right_indent = -overhang
        self._rule(mark, "bottom", "thickThinSmallGap", space_pt=1.5 * MM)  # 4 mm under the glyphs in LibreOffice
        run = mark.add_run(heading)
        run.font.size = Pt(size)
        run.font.color.rgb = RED
        run.font.bold = self.title_bold
        _set_fonts(run._element, self.names["title"])
        p = self.para(number or "", "body", align="right", container=header)
        p.paragraph_format.space_before = Pt(SIZE_3 * 7 / 8)
        p.paragraph_format.first_line_indent = Pt(0)
        footer = section.first_page_footer.paragraphs[0]
        footer.paragraph_format.left_indent = footer.paragraph_format.right_indent = -overhang
        # an empty line 1 pt high, its lower border the rule: as low as a footer reaches (the footer's distance from
        # the page's edge, 25.4 mm — the PDF draws it at the standard's 20 mm)
        footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        footer.paragraph_format.line_spacing = Pt(1)
        self._rule(footer, "bottom", "thinThickSmallGap", space_pt=0)
        self.blank(1)  # the title 二行 below the 发文字号

    def _rule(self, p, side: str, kind: str, space_pt: float) -> None:
        ppr = p._p.get_or_add_pPr()
        borders = ppr.find(qn("w:pBdr"))
        if borders is None:
            borders = OxmlElement("w:pBdr")
            ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                      "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                                      *_PPR_AFTER_BREAKING)
        line = OxmlElement(f"w:{side}")
        for k, v in (("w:val", kind), ("w:sz", "18"), ("w:space", str(round(space_pt))), ("w:color", "E60012")):
            line.set(qn(k), v)
        borders.append(line)

    def status_mark(self, mark: str) -> None:
        """“草稿” at the top right of every page, as in the PDF."""
        section = self.out.sections[0]
        headers = [section.header, section.even_page_header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            p = header.add_paragraph() if header.paragraphs[0].text else header.paragraphs[0]
            if p is not header.paragraphs[0]:
                header._element.insert(0, p._p)  # above a letterhead
            p.alignment = ALIGN["right"]
            p.paragraph_format.first_line_indent = Pt(0)
            run = p.add_run(mark)
            run.font.size = Pt(SIZE_3)
            _set_fonts(run._element, self.names["heading1"])
            rpr = run._element.get_or_add_rPr()
            border = OxmlElement("w:bdr")
            for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
                border.set(qn(k), v)
            rpr.append(border)

    def metadata(self) -> None:
        """The file's properties: this document, this office, now — none of python-docx's template (its 2013 dates,
        “python-docx”, “Microsoft Macintosh Word”, its thumbnail)."""
        d = self.doc
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        props = self.out.core_properties
        props.title = d.title or d.kind
        props.subject = d.kind
        props.author = props.last_modified_by = author_of(d, CREATOR)
        props.comments = f"由{CREATOR}生成"
        props.keywords = props.category = ""
        props.created = props.modified = now
        props.revision = 1
        package = self.out.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del package.rels[rel_id]
        for part in package.iter_parts():
            if str(part.partname) == "/docProps/app.xml":
                part._blob = APP_XML.format(app=CREATOR).encode("utf-8")

    def _red_rule(self, p) -> None:
        """7.2.5: a red rule the width of the text block 4 mm below the 发文字号."""
        ppr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "11"), ("w:color", "E60012")):
            bottom.set(qn(k), v)
        borders.append(bottom)
        ppr.append(borders)

    def page_numbers(self) -> None:
        """7.5: “— 1 —” in 4号宋体; odd pages right, even pages left, one character in from the block's edge."""
        self.out.settings.odd_and_even_pages_header_footer = True
        section = self.out.sections[0]
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            p.alignment = ALIGN[align]
            fmt = p.paragraph_format
            fmt.first_line_indent = Pt(0)
            if align == "right":
                fmt.right_indent = Pt(SIZE_4)
            else:
                fmt.left_indent = Pt(SIZE_4)
            self._field_runs(p, size=SIZE_4)

    def _field_runs(self, p, size: float) -> None:
        def run(text: str = ""):
            r = p.add_run(text)
            r.font.size = Pt(size)
            _set_fonts(r._element, self.names["song"])
            return r

        run("— ")
        for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            r = run()
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                r._r.append(fld)
            elif instr.strip() == "PAGE":
                text = OxmlElement("w:instrText")
                text.set(qn("xml:space"), "preserve")
                text.text = instr
                r._r.append(text)
            else:
                r.text = instr
        run(" —")


def _break_like_the_pdf(ppr) -> None:
    for tag, value in LINE_BREAKING:
        el = ppr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            ppr.insert_element_before(el, *_PPR_AFTER_BREAKING)
        el.set(qn("w:val"), value)


def add_text(run, text: str) -> None:
    """``text`` into ``run``, a hyphen inside a number as Word's non-breaking hyphen (``w:noBreakHyphen``) so that
    the number is never split across lines, as in the PDF."""
    pos = 0
    hyphens = [m.start() + k for m in HYPHENATED.finditer(text) for k, ch in enumerate(m.group()) if ch in "-‐‑–"]
    for at in hyphens:
        _RunContentAppender.append_to_run_from_text(run._r, text[pos:at])
        run._r.append(OxmlElement("w:noBreakHyphen"))
        pos = at + 1
    _RunContentAppender.append_to_run_from_text(run._r, text[pos:])


_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _set_tbl_pr(tbl_pr, tag: str, **attrs):
    """Replace the ``tag`` child of ``w:tblPr``, kept in the schema's order (Word refuses a file otherwise)."""
    old = tbl_pr.find(qn(tag))
    if old is not None:
        tbl_pr.remove(old)
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    tbl_pr.insert_element_before(el, *_TBLPR_ORDER[_TBLPR_ORDER.index(tag) + 1:])
    return el


def _fix_table_grid(t, widths: list[float]) -> None:
    """Fixed layout with the column widths in the table grid itself: Word reads the cells' widths, LibreOffice and
    WPS read ``w:tblGrid`` — without this they share the width out equally. The cells' padding is the PDF's, and the
    table's left edge lies on the text block's: Word (compatibility mode 14) and LibreOffice measure ``w:tblInd`` to
    the first cell's text, so the indent is that cell's left padding."""
    tbl_pr = t._tbl.tblPr
    pad = str(round(PAD_X * 20))
    _set_tbl_pr(tbl_pr, "w:tblW", w=str(round(sum(widths) * 20)), type="dxa")
    _set_tbl_pr(tbl_pr, "w:tblInd", w=pad, type="dxa")
    _set_tbl_pr(tbl_pr, "w:tblLayout", type="fixed")
    margins = _set_tbl_pr(tbl_pr, "w:tblCellMar")
    for side, value in (("top", "0"), ("left", pad), ("bottom", "0"), ("right", pad)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), value)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(round(w * 20)))


def _no_grid_snap(p) -> None:
    """Table text keeps its own size: it must not snap to the body's 28-character document grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(snap)


def render_docx(doc: Document) -> bytes:
    """The document as .docx bytes (python-docx), laid out like the PDF."""
    return DocxWriter(doc).write()
