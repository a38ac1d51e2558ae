"""What a recognised text is taken to mean, field by field: the engine's usual confusions are undone by rules that know
what the field may hold. An ID number holds only digits and X and is accepted only with a valid check character
(GB 11643); a phone number, a postcode, an e-mail address, a date are read as what they are. Each rule is a pure
function returning the field's value, or ``None`` when the text cannot be that field (the clerk then types it)."""
from __future__ import annotations

import datetime as dt
import re

from app import validators
from app.requests import catalog

# Full-width ASCII (digits, Latin letters, ＠ ．－ ：) as the half-width characters the fields store.
_FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
# In a field that holds only digits: what the engine reads for a digit (O and 〇 for 0; l, I, | for 1 …).
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "〇": "0", "○": "0", "Q": "0", "D": "0", "l": "1", "I": "1",
                                   "|": "1", "i": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "b": "6",
                                   "g": "9"})
# In running Chinese text: the pause mark read as 丶, the full stop as ° or a Latin period after a Chinese character.
_TEXT_FIXES = str.maketrans({"丶": "、", "°": "。", "﹒": "。"})
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "一": "-", "_": "-", "~": "-"})


def half_width(text: str) -> str:
    """Full-width digits, letters and ASCII signs as half-width; the ideographic space as a space."""
    return "".join(_FULL_WIDTH.get(c, c) for c in (text or "")).replace("\u3000", " ")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def digits(text: str) -> str:
    """A field of digits: full-width and look-alike letters made digits; spaces dropped."""
    return _squeeze(half_width(text)).translate(_DIGIT_LOOKALIKES)


def text(raw: str) -> str:
    """Running Chinese text (a name, an address, a description): 丶→、, °→。, a colon or comma typed in ASCII between
    Chinese characters made Chinese, spaces between Chinese characters (the engine's gaps) dropped."""
    t = (raw or "").translate(_TEXT_FIXES).replace("\u3000", " ").strip()
    cjk = r"[\u3400-\u9fff〔〕（）《》“”、，。；：]"
    t = re.sub(rf"(?<={cjk})\s+|\s+(?={cjk})", "", t)
    t = re.sub(rf"(?<={cjk}):|:(?={cjk})", "：", t)
    t = re.sub(rf"(?<={cjk}),|,(?={cjk})", "，", t)
    t = re.sub(rf"(?<={cjk});|;(?={cjk})", "；", t)
    t = re.sub(rf"(?<={cjk})\.$", "。", t)
    return "".join(_FULL_WIDTH[c] if c in _FULL_WIDTH and _FULL_WIDTH[c].isalnum() else c for c in t)


def id_number(raw: str) -> str | None:
    """居民身份证号码: 17 digits and a check digit or X, accepted only when the check character is right (GB 11643)."""
    v = _squeeze(half_width(raw)).replace("×", "X")
    v = (v[:17].translate(_DIGIT_LOOKALIKES) + v[17:].upper()) if len(v) >= 17 else v
    v = re.sub(r"[^0-9X]", "", v)
    return v if validators.id_card_problem(v) is None else None


def uscc(raw: str) -> str | None:
    """统一社会信用代码 (GB 32100): the code never uses I, O, Z, S, V, so those are read as 1, 0, 2, 5, U."""
    v = re.sub(r"[^0-9A-Z]", "", _squeeze(half_width(raw)).upper())
    v = v.translate(str.maketrans({"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}))
    return v if validators.uscc_problem(v) is None else None


def phone(raw: str) -> str | None:
    """A mobile number (11 digits from 1) or a landline with its area code (0871-12345678), as
    ``validators.phone_problem`` accepts them."""
    v = _squeeze(half_width(raw)).translate(_DASHES)
    v = re.sub(r"[()（）]", "-", v).strip("-")
    v = "-".join(part.translate(_DIGIT_LOOKALIKES) for part in v.split("-") if part)
    v = validators.normalise_phone(v)
    if re.fullmatch(r"0\d{9,11}", v):  # a landline read without its dash: the area code is 3 or 4 digits
        area = 3 if v[1] in "12" else 4
        v = f"{v[:area]}-{v[area:]}"
    return v if validators.phone_problem(v) is None else None


def postcode(raw: str) -> str | None:
    v = digits(raw)
    return v if validators.postcode_problem(v) is None else None


def email(raw: str) -> str | None:
    """An e-mail address; a lone 1 or 0 between letters is the engine's reading of l or o (examp1e.com)."""
    v = _squeeze(half_width(raw)).replace("。", ".").replace("，", ".").replace(",", ".")
    v = v.strip(".;；")
    if "@" in v:  # in the domain a 1 or 0 touching a letter (mai1.example.cn); in the name only between letters
        local, domain = v.rsplit("@", 1)
        local = re.sub(r"(?<=[A-Za-z])1(?=[A-Za-z])", "l", re.sub(r"(?<=[A-Za-z])0(?=[A-Za-z])", "o", local))
        domain = re.sub(r"(?<=[A-Za-z])1|1(?=[A-Za-z])", "l", re.sub(r"(?<=[A-Za-z])0|0(?=[A-Za-z])", "o", domain))
        v = f"{local}@{domain}"
    return v if validators.email_problem(v) is None else None


_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")


def date(raw: str) -> dt.date | None:
    """A date written 2025年3月5日, 2025.3.5, 2025/3/5 or 2025-03-05."""
    v = half_width(raw or "").translate(_DASHES)
    v = re.sub(r"[O〇○oQD]", "0", v)
    v = re.sub(r"(?<=\d)[lI|]|[lI|](?=\d)", "1", v)
    match = _DATE.search(v)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


_BRACKETS = re.compile(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]")


def doc_ref(raw: str) -> str:
    """A 文号 such as 五政发〔2025〕12号 (GB/T 9704: the year in 六角括号), whatever brackets the engine read."""
    return _BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", text(raw).replace(" ", ""))


_DOC_REF = re.compile(r"[\u3400-\u9fff]{1,12}〔\d{4}〕\d{1,5}号")


def split_title_and_ref(raw: str) -> tuple[str, str]:
    """The program's own form prints 文件名称 and 文号 in one cell (“名称；文号”): the two apart."""
    v = doc_ref(raw)
    match = _DOC_REF.search(v)
    if not match:
        return v.strip("；;，, "), ""
    title = (v[:match.start()] + v[match.end():]).strip("；;，, ")
    return title, match.group(0)


def split_postcode(raw: str) -> tuple[str, str | None]:
    """The program's own form prints the postcode after the address in brackets: “…18号（650031）”."""
    v = text(raw)
    match = re.search(r"[（(]\s*([0-9OoIl]{6})\s*[）)]\s*$", half_width(v))
    if not match:
        return v, None
    return v[:match.start()].rstrip(), postcode(match.group(1))


# ---- choices: the printed word as the dialog's value ------------------------------------------------------------
# Order matters: the first word found wins (电子邮件 is a delivery, 电子 a form).
FORM_WORDS = (("纸质", "paper"), ("纸面", "paper"), ("电子", "electronic"), ("光盘", "disc"), ("磁盘", "disc"),
              ("查阅", "inspection"), ("阅读", "inspection"), ("其他", "other"))
DELIVERY_WORDS = (("邮寄", "post"), ("快递", "post"), ("电子邮件", "email"), ("邮件", "email"), ("传真", "fax"),
                  ("自行领取", "pickup"), ("当面领取", "pickup"), ("领取", "pickup"), ("当场", "pickup"),
                  ("其他", "other"))
ID_WORDS = tuple((label, code) for code, label in catalog.ID_TYPES.items()) + (
    ("身份证", "resident_id"), ("港澳", "hk_macao"), ("台湾", "taiwan"), ("永久居留", "foreign_pr"))
# An empty box as printed and as the engine reads it (口 is the usual reading of □).
_EMPTY_BOXES = "□口〇○◻☐"
_TICKS = "√✓✔☑☒■▣●"


def _options(v: str, words) -> list[tuple[int, int, str]]:
    """Where each option word begins and ends in ``v``, and its code; the longest word at a place wins (电子邮件,
    not 邮件)."""
    found, i = [], 0
    by_length = sorted(words, key=lambda w: len(w[0]), reverse=True)
    while i < len(v):
        match = next(((word, code) for word, code in by_length if v.startswith(word, i)), None)
        if match:
            found.append((i, i + len(match[0]), match[1]))
            i += len(match[0])
        else:
            i += 1
    return found


def choice(raw: str, words: tuple[tuple[str, str], ...]) -> str | None:
    """The option a form's cell names. When the cell prints them all with a box each (□纸质 √电子 □光盘), the ticked
    one: marked by a tick (√, ■, ☑ …), else the one whose box is not read as an empty box (the engine drops a filled
    box or reads it as another character, and often drops the first box of a line, so the first option counts only
    when no other is marked). A cell with one option written is that option. Otherwise none: the clerk chooses."""
    v = text(raw).replace(" ", "")
    options = _options(v, words)
    ticked = list(dict.fromkeys(code for at, _end, code in options if at > 0 and v[at - 1] in _TICKS))
    if ticked:
        return ticked[0] if len(ticked) == 1 else None
    if any(c in _EMPTY_BOXES for c in v):
        unboxed = list(dict.fromkeys(code for at, _end, code in options if at > 0 and v[at - 1] not in _EMPTY_BOXES))
        if len(unboxed) == 1:
            return unboxed[0]
        if not unboxed and options and options[0][0] == 0:
            return options[0][2]
        return None
    codes = list(dict.fromkeys(code for _at, _end, code in options))
    return codes[0] if len(codes) == 1 else None


def applicant_kind(raw: str) -> str | None:
    """公民 (自然人) or 法人或者其他组织, by the section or label the value sits under."""
    v = text(raw)
    if any(w in v for w in ("法人", "其他组织", "单位名称", "名称")) and "姓名" not in v:
        return "other_org"
    if any(w in v for w in ("公民", "自然人", "姓名")):
        return "natural"
    return None
