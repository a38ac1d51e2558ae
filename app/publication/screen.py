"""保密审查前筛查: what an item's text must not carry when published — personal data and secrecy marks.

A pure function over text: ``screen_text(paragraphs, source)`` returns the findings with where they are. It looks for
resident ID numbers with a valid check character (GB 11643), mobile and landline numbers, bank card numbers passing
the Luhn check, unified credit codes of 个体工商户 (natural-person businesses, GB 32100 category 9, type 2), 密级 marks
(秘密/机密/绝密 with ★, standalone marks, 内部资料, 工作秘密) and lists of personal names with addresses. It must not flag a
文号 (X政发〔2026〕12号) or an 索引号 (11532300015167874P-/2018-1224008, 13562201/2020-00331): digit runs joined to
“/” or “-” and the 〔〕 of a 文号 are left alone. The seeds' rule books ask for this review before publication (seed 002
保密审查工作制度, seed 003 信息发布保密审查制度, seed 004 保密审查制度).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.validators import _PROVINCES, id_card_check_char, uscc_check_char

KINDS = {
    "id_number": "居民身份证号码",
    "mobile": "手机号码",
    "landline": "固定电话号码",
    "bank_card": "银行卡号",
    "uscc_person": "个体工商户统一社会信用代码",
    "secrecy_mark": "密级标志",
    "name_address": "姓名和住址名单",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    source: str  # 正文, or the attached file's name
    location: str  # 第3段 / 第2页第4段
    text: str

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


# A digit run not glued to other digits, letters or the separators of an 索引号/文号.
_EDGE_L = r"(?<![0-9A-Za-z/\-〔])"
_EDGE_R = r"(?![0-9A-Za-z/\-〕])"
_ID = re.compile(_EDGE_L + r"(\d{17}[\dXx])" + _EDGE_R)
_MOBILE = re.compile(_EDGE_L + r"(1[3-9]\d(?:[ -]?\d{4}){2})" + _EDGE_R)
_LANDLINE = re.compile(_EDGE_L + r"(0\d{2,3}-\d{7,8})" + _EDGE_R)
_CARD = re.compile(_EDGE_L + r"(\d{4}(?: ?\d{4}){3}(?: ?\d{1,3})?)" + _EDGE_R)
_USCC = re.compile(_EDGE_L + r"(92[0-9A-HJ-NPQRTUWXY]{16})" + _EDGE_R)
_MARKS = [
    re.compile(r"(绝密|机密|秘密)\s*★\s*[^\s，。；]{0,6}"),
    re.compile(r"★"),
    re.compile(r"^[\s【〔（(]*(绝密|机密|秘密|内部|内部资料|工作秘密)[\s】〕）)]*$"),
    re.compile(r"[【〔（(](绝密|机密|秘密|内部|内部资料|工作秘密)[】〕）)]"),
    re.compile(r"内部资料"),
    re.compile(r"(?<!保守)(?<!守)工作秘密(?!的)"),
]
# A name+address line: a 2-4 character name with a common surname, then an address down to a number or a 组.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
             "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_NAME_ADDRESS = re.compile(
    r"(?:^|[\s,，、;；|｜:：\d.．])([" + _SURNAMES + r"][\u4e00-\u9fff]{1,3})[\s,，、;；|｜:：]+"
    r"([\u4e00-\u9fff\d]{0,20}(?:省|市|县|区|镇|乡|街道|村|社区|小区|路|街)[\u4e00-\u9fff\d\-]{0,20}"
    r"(?:\d+号|\d+栋|\d+室|\d+组|[一二三四五六七八九十]+组|村民小组))")


def _id_ok(s: str) -> bool:
    s = s.upper()
    if int(s[:2]) not in _PROVINCES:
        return False
    try:
        born = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year and id_card_check_char(s[:17]) == s[17]


def luhn_ok(digits: str) -> bool:
    total, alt = 0, False
    for c in reversed(digits):
        d = int(c)
        if alt:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
        alt = not alt
    return total % 10 == 0


def _uscc_ok(s: str) -> bool:
    return uscc_check_char(s[:17]) == s[17]


def screen_paragraph(text: str, source: str, location: str) -> list[Finding]:
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind, m, group=1):
        a, b = m.span(group)
        if any(a < y and x < b for x, y in taken):
            return
        taken.append((a, b))
        out.append(Finding(kind, source, location, m.group(group)))

    for m in _ID.finditer(text):
        if _id_ok(m.group(1)):
            add("id_number", m)
    for m in _USCC.finditer(text):
        if _uscc_ok(m.group(1)):
            add("uscc_person", m)
    for m in _CARD.finditer(text):
        digits = m.group(1).replace(" ", "")
        if 16 <= len(digits) <= 19 and luhn_ok(digits):
            add("bank_card", m)
    for m in _MOBILE.finditer(text):
        add("mobile", m)
    for m in _LANDLINE.finditer(text):
        add("landline", m)
    for pattern in _MARKS:
        for m in pattern.finditer(text):
            add("secrecy_mark", m, 0)
    return out


def _name_address_lines(paragraphs: list[str], source: str, where) -> list[Finding]:
    """Two or more lines each pairing a person's name with an address make a list of residents."""
    hits = []
    for i, para in enumerate(paragraphs):
        for line in para.splitlines() or [para]:
            m = _NAME_ADDRESS.search(line)
            if m:
                hits.append((i, f"{m.group(1)} {m.group(2)}"))
    if len(hits) < 2:
        return []
    return [Finding("name_address", source, where(i), text) for i, text in hits]


def screen_text(paragraphs: list[str], source: str = "正文", page_of=None) -> list[Finding]:
    """Findings over ``paragraphs`` (in order). ``page_of(i)`` gives a page number for paragraph ``i`` when the
    source has pages (a PDF)."""
    def where(i: int) -> str:
        return f"第{page_of(i)}页" if page_of else f"第{i + 1}段"

    out: list[Finding] = []
    for i, para in enumerate(paragraphs):
        out.extend(screen_paragraph(para, source, where(i)))
    out.extend(_name_address_lines(paragraphs, source, where))
    return out


def paragraphs_of(text: str) -> list[str]:
    return [p for p in (text or "").replace("\r\n", "\n").split("\n") if p.strip()]
