"""Check digits and formats of Chinese identifiers. Each function returns ``None`` when the value is valid, or the
reason (in Chinese) it is not, so that forms can name the field and the reason together."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# GB 11643-1999 公民身份号码: weights of the 17 body digits and the check character for (sum mod 11).
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
              61, 62, 63, 64, 65, 71, 81, 82, 83, 91}


def id_card_check_char(body17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(body17, _ID_WEIGHTS)) % 11]


def id_card_problem(value: str, today: dt.date | None = None) -> str | None:
    """居民身份证号码 (GB 11643): 18 characters, a valid region, birth date and check character."""
    v = (value or "").strip().upper()
    if len(v) != 18:
        return f"应为18位，现为{len(v)}位"
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return "前17位应为数字，最后一位为数字或X"
    if int(v[:2]) not in _PROVINCES:
        return f"前两位“{v[:2]}”不是有效的省级行政区划代码"
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return f"出生日期“{v[6:14]}”不是有效日期"
    if born > (today or dt.date.today()) or born.year < 1900:
        return f"出生日期“{v[6:14]}”不合理"
    if v[17] != id_card_check_char(v[:17]):
        return "校验位与前17位不符（GB 11643），请核对号码"
    return None


# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, Z, S, V), weights of the 17 body positions.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check_char(body17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """统一社会信用代码 (GB 32100)."""
    v = (value or "").strip().upper()
    if len(v) != 18:
        return f"应为18位，现为{len(v)}位"
    bad = sorted({c for c in v if c not in _USCC_CHARS})
    if bad:
        return "含有不允许的字符：" + "".join(bad) + "（不使用 I、O、Z、S、V）"
    if v[17] != uscc_check_char(v[:17]):
        return "校验码与前17位不符（GB 32100），请核对代码"
    return None


# GB 11714-1997 组织机构代码: 8 body characters and a check character.
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_code_check_char(body8: str) -> str:
    def val(c):
        return int(c) if c.isdigit() else ord(c) - 55
    r = 11 - sum(val(c) * w for c, w in zip(body8, _ORG_WEIGHTS)) % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def org_code_problem(value: str) -> str | None:
    """组织机构代码 (GB 11714), written with or without the hyphen before the check character."""
    v = (value or "").strip().upper().replace("-", "")
    if len(v) != 9 or not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", v):
        return "应为8位数字或大写字母加1位校验码"
    if v[8] != org_code_check_char(v[:8]):
        return "校验码与前8位不符（GB 11714），请核对代码"
    return None


def office_code_problem(value: str) -> str | None:
    """The office's own code: a 统一社会信用代码 (18 characters) or an older 组织机构代码 (9)."""
    v = (value or "").strip().upper().replace("-", "")
    if not v:
        return None
    return uscc_problem(v) if len(v) != 9 else org_code_problem(v)


_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
_LOCAL = re.compile(r"[2-9]\d{6,7}")
_SERVICE = re.compile(r"[48]00-?\d{3}-?\d{4}")


def normalise_phone(value: str) -> str:
    v = re.sub(r"[\s（）()]", "", (value or "").strip()).replace("－", "-").replace("—", "-")
    if v.startswith("+86"):
        v = v[3:].lstrip("-")
    return v


def phone_problem(value: str) -> str | None:
    """手机号（11位）、带区号的固定电话（如 0871-12345678）、本地号码或 400/800 服务号码。"""
    v = normalise_phone(value)
    if not v:
        return "不能为空"
    for pattern in (_MOBILE, _LANDLINE, _LOCAL, _SERVICE):
        if pattern.fullmatch(v):
            return None
    if v.isdigit() and v.startswith("1"):
        return "手机号应为以1开头的11位数字"
    return "格式不正确，应为11位手机号或带区号的固定电话（如 0871-12345678）"


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}")


def email_problem(value: str) -> str | None:
    v = (value or "").strip()
    if not _EMAIL.fullmatch(v):
        return "格式不正确，应如 name@example.com"
    return None


_POSTCODE = re.compile(r"\d{6}")


def postcode_problem(value: str) -> str | None:
    return None if _POSTCODE.fullmatch((value or "").strip()) else "应为6位数字"


# ---- text a clerk types ------------------------------------------------------------------------------------------
# What a form field may hold: printable text of a sensible length. Control characters (Word's Shift+Enter pastes
# \x0b, other programs \x00-\x1f) broke every export and print; emoji and other pictographs are not in the 公文 fonts
# (仿宋, 小标宋) and print as boxes or 〓; a 1,000-character name printed three pages. Tab and line breaks are allowed
# only where a field may span lines.

_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF"  # emoji, pictographs, playing cards, mahjong, symbols and pictographs
    "\u2600-\u26FF\u2700-\u27BF"  # miscellaneous symbols and dingbats, mostly emoji in today's fonts
    "\uFE00-\uFE0F\u200D\u20E3"  # variation selectors, zero-width joiner, keycap: parts of emoji sequences
    "\U000E0000-\U000E007F]"  # tag characters (flag sequences)
)
_KEEP_SYMBOLS = set("★☆○●◎□■△▲※√")  # symbols office documents use, present in the 公文 fonts
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"


# Characters that are always fine in a text (printable ASCII, Latin-1 letters and signs without the soft hyphen, CJK
# punctuation, the ideographs assigned since Unicode 11, full-width forms): a text of only these needs no
# character-by-character look (a 10,000-row ledger import checks 90,000 texts).
_PLAIN = re.compile("[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u3000-\u303F\u4E00-\u9FEF\uFF01-\uFF5E]*")


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def text_problem(value: str, max_chars: int, multiline: bool = False) -> str | None:
    """Why ``value`` cannot be stored as a field's text, or ``None``: too long, a line break in a one-line field, a
    control or invisible formatting character, or a character the 公文 fonts cannot print (emoji)."""
    if len(value) > max_chars:
        return f"不能超过{max_chars}个字（现为{len(value)}个字）"
    if _PLAIN.fullmatch(value):
        return None
    for ch in value:
        if multiline and ch in "\n\t":
            continue
        category = unicodedata.category(ch)
        if ch in _LINE_BREAKS and not multiline:
            return "不能换行，请写在一行内"
        if category == "Cc":
            return f"含有不可见的控制字符（{_describe(ch)}，常见于从 Word 或网页粘贴的文字），请删除后重新输入"
        if category in ("Cs", "Co", "Cn", "Zl", "Zp"):
            return f"含有无法识别的字符（{_describe(ch)}），请删除后重新输入"
        if ch not in _KEEP_SYMBOLS and (_EMOJI.match(ch) or category == "Cf"):
            return f"含有无法打印的字符“{ch}”（{_describe(ch)}，如表情符号），公文字体中没有这个字，请删除"
    return None


def clean_text(value, multiline: bool = False) -> str:
    """A typed text as it is stored: surrounding spaces dropped, Windows line ends made ``\\n``."""
    text = str(value or "").strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return text


def parse_date(value, label: str, problems, required: bool = True) -> dt.date | None:
    """A date typed or chosen in a form (a ``date`` or ISO text); a bad or missing one is added to ``problems``
    (``app.errors.Problems``) under ``label``."""
    if isinstance(value, dt.date):
        return value
    if not value and not required:
        return None
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        problems.add(label, "不能为空" if not value else f"“{value}”不是有效日期，应如 2026-03-07")
        return None

# ---- one rule per field ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TextRule:
    """What one typed field may hold: ``label`` is how the message names it, ``max_chars`` its longest value,
    ``multiline`` whether it may span lines, ``required`` whether it may be left empty (a string: the message that
    says what to write)."""
    label: str
    max_chars: int
    multiline: bool = False
    required: bool | str = False

    def problem(self, text: str) -> str | None:
        """Why the cleaned ``text`` is refused, or ``None``."""
        if not text:
            if self.required:
                return self.required if isinstance(self.required, str) else "不能为空"
            return None
        return text_problem(text, self.max_chars, self.multiline)


# The texts the handling steps, the cases and the accounts take, by service field. The lengths leave room for the
# longest real value (an organisation's full name, a reasoned paragraph), not for a pasted document.
RULES: dict[str, TextRule] = {
    "user.display_name": TextRule("姓名", 50, required=True),
    # 打印文书: a free-text part of a notice edited before it is issued (its own label is used in the message)
    "notice.part": TextRule("文书内容", 3000, multiline=True, required=True),
    "consultation.party": TextRule("征求对象", 100, required="请填写第三方或机关的名称"),
    "consultation.party_contact": TextRule("征求对象的联系方式", 200),
    "consultation.content": TextRule("征求意见的内容", 2000, multiline=True),
    "consultation.reply_reason": TextRule("不同意的理由", 1000, multiline=True),
    "consultation.decision_note": TextRule("公开的理由", 1000, multiline=True),
    "fee.waiver_note": TextRule("减免说明", 500, multiline=True),
    "fee.receipt_number": TextRule("收据号码", 50),
    "delivery.tracking_number": TextRule("邮件单号", 50),
    "delivery.recipient": TextRule("收件人", 100),
    "delivery.note": TextRule("送达说明", 500, multiline=True),
    "review_case.case_number": TextRule("案号", 100),
    "review_case.body": TextRule("复议机关或人民法院", 100),
    "review_case.note": TextRule("备注", 2000, multiline=True),
    # 发布审核: an information item as drafted (the unit and category are chosen from the office's lists)
    "item.title": TextRule("标题", 200, required=True),
    "item.doc_number": TextRule("文号", 100),
    "item.content": TextRule("正文", 200_000, multiline=True),
    "item.attribute_reason": TextRule("不公开或依申请公开的理由", 1000, multiline=True),
    "item.forwarded_from": TextRule("转发的源文件", 200),
    "item.disclosure_manner": TextRule("公开方式", 100),
    "item.disclosure_scope": TextRule("公开范围", 100),
}


def check_texts(values: dict[str, object], labels: dict[str, str] | None = None, problems=None) -> dict[str, str]:
    """Each value cleaned by the rule of its key (``RULES``; ``key#part`` uses the rule of ``key``); every field
    refused is named in one ``ValidationError``, or added to ``problems`` (an ``errors.Problems`` collecting a whole
    form's). ``labels`` name a field otherwise than its rule does (a notice's part by its own title)."""
    from app.errors import ValidationError
    out, found = {}, []
    for key, value in values.items():
        rule = RULES[key.split("#")[0]]
        text = clean_text(value, rule.multiline)
        reason = rule.problem(text)
        if reason:
            found.append(((labels or {}).get(key, rule.label), reason))
        out[key] = text
    if problems is not None:
        for field, reason in found:
            problems.add(field, reason)
    elif found:
        raise ValidationError(None, problems=found)
    return out
