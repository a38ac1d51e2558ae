"""申请表: the fields of a filled application form read from its recognised pages, by the printed labels and where the
written values lie (on the label's row to its right, or below it; a cell may hold several lines). It reads the
program's own 政府信息公开申请登记表 and the usual 政府信息公开申请表 templates, whose 申请人信息 has a 公民 and a
法人或者其他组织 part. Every value goes through its field's rule (``app.ocr.fields``) and is named by the registration
dialog's field (``app.requests.register.LABELS``)."""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from app.ocr import fields
from app.ocr.engine import Box, Line
from app.ocr.pages import Page, recognise_file


@dataclass(frozen=True)
class RecognisedField:
    """One field read from the form: ``value`` as the dialog takes it (text, a choice's code, an ISO date), ``raw``
    the text as recognised, ``confidence`` the lowest of its lines', ``page`` (1-based) and ``box`` (points from the
    page's top-left) where it was written."""
    value: str
    raw: str
    confidence: float
    page: int
    box: Box

    def as_dict(self) -> dict:
        return {"value": self.value, "raw": self.raw, "confidence": round(self.confidence, 3), "page": self.page,
                "box": [round(x, 1) for x in self.box]}


# Printed labels (spaces and colons dropped) -> what the value under them is. Longer labels are tried first, so that
# 联系人电话 is not taken for 联系人.
LABELS: dict[str, str] = {
    "姓名": "applicant_name", "申请人姓名": "applicant_name", "名称": "org_name", "申请人名称": "org_name",
    "单位名称": "org_name", "法人或者其他组织名称": "org_name",
    "证件类型": "id_type", "证件名称": "id_type", "证件号码": "id_number", "身份证号码": "id_number",
    "统一社会信用代码": "uscc", "组织机构代码": "uscc",
    "法定代表人或负责人": "legal_rep", "法定代表人": "legal_rep", "法人代表": "legal_rep", "负责人": "legal_rep",
    "联系人": "contact_person", "联系人姓名": "contact_person",
    "联系电话": "phone", "电话": "phone", "联系人电话": "phone", "手机": "phone",
    "通信地址": "address", "联系地址": "address", "通讯地址": "address", "地址": "address",
    "邮政编码": "postcode", "邮编": "postcode", "电子邮箱": "email", "电子邮件": "email", "邮箱": "email",
    "所需信息的内容描述": "description", "所需政府信息的内容描述": "description", "内容描述": "description",
    "所需信息的名称或文号": "doc_both", "文件名称、文号": "doc_both", "所需信息的名称、文号": "doc_both",
    "文件名称": "doc_title", "所需信息的名称": "doc_title", "文号": "doc_ref", "所需信息的文号": "doc_ref",
    "用途": "purpose", "所需信息的用途": "purpose",
    "载体形式": "form_wanted", "所需信息的载体形式": "form_wanted", "所需信息的指定提供载体形式": "form_wanted",
    "信息的载体形式": "form_wanted",
    "获取方式": "delivery_wanted", "获取信息的方式": "delivery_wanted", "获取信息方式": "delivery_wanted",
    "收到日期": "received_date", "收到申请日期": "received_date", "申请时间": "received_date",
    "申请日期": "received_date",
}
# Printed words that are not values: section titles and labels whose cell the program does not read.
OTHER_LABELS = ("申请人信息", "申请人", "公民", "法人或者其他组织", "法人或其他组织", "所需信息情况", "所需信息",
                "申请编号", "申请方式", "承办人", "答复期限", "备注", "登记人（签字）", "登记人(签字)", "登记日期",
                "工作单位", "申请人签名或者盖章", "申请人签名或盖章", "是否申请减免费用", "登记机关",
                "政府信息公开申请表", "政府信息公开申请登记表")
ORG_SECTIONS = ("法人或者其他组织", "法人或其他组织")
PERSON_SECTIONS = ("公民",)
# Titles spanning several rows (a cell merged down the table's left side): they own no written value.
SECTION_TITLES = ("申请人信息", "申请人", "所需信息情况", "所需信息") + ORG_SECTIONS + PERSON_SECTIONS
CHOICE_FIELDS = ("form_wanted", "delivery_wanted", "id_type")
OPTION_WORDS = {word for word, _code in fields.FORM_WORDS + fields.DELIVERY_WORDS + fields.ID_WORDS}

_LABEL_ORDER = sorted(LABELS, key=len, reverse=True)
_PUNCT = re.compile(r"[\s:：*＊()（）]")


def _key(text: str) -> str:
    return _PUNCT.sub("", fields.text(text).replace("丶", "、"))


@dataclass
class _Item:
    line: Line
    page: int
    cx: float  # the line's centre, the page's skew taken off
    cy: float
    height: float
    x0: float
    x1: float
    label: str | None = None  # the field key when the line is (or starts with) a label
    other: bool = False  # a section title or a label whose cell is not read
    rest: str = ""  # the text after a label on the same line (姓名：张三)
    section: str = ""  # "person" or "org": the 申请人信息 part the line lies in


def _skew(lines) -> float:
    """The page's rotation (radians), from the slope of the characters' centres along each longer line."""
    slopes = []
    for line in lines:
        boxes = line.char_boxes
        if len(boxes) < 5:
            continue
        xs = [(b[0] + b[2]) / 2 for b in boxes]
        ys = [(b[1] + b[3]) / 2 for b in boxes]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        den = sum((x - mx) ** 2 for x in xs)
        if den > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den)
    return math.atan(statistics.median(slopes)) if slopes else 0.0


_KNOWN = set(LABELS) | set(OTHER_LABELS)


def _unwrap_labels(lines) -> list[Line]:
    """A label printed on two lines in a narrow cell (统一社会信用代 / 码, 法人或其他组 / 织) as one line."""
    lines = sorted(lines, key=lambda l: l.box[1])
    used: set[int] = set()
    out = []
    for i, a in enumerate(lines):
        if i in used:
            continue
        if _key(a.text) not in _KNOWN:
            height = a.box[3] - a.box[1]
            for j in range(i + 1, len(lines)):
                b = lines[j]
                if b.box[1] - a.box[3] > 0.8 * height:
                    break
                # the rest of the label under it: left-aligned or centred, within the first line's width
                inside = a.box[0] - 0.8 * height <= b.box[0] and b.box[2] <= a.box[2] + 0.8 * height
                if j in used or not inside or b.box[1] <= a.box[1]:
                    continue
                if _key(a.text + b.text) in _KNOWN and _key(b.text) not in _KNOWN:
                    a = Line(_union((a.box, b.box)), a.text + b.text, min(a.confidence, b.confidence),
                             a.char_boxes + b.char_boxes if a.char_boxes and b.char_boxes else ())
                    used.add(j)
                    break
        out.append(a)
    return out


def _items(page: Page) -> list[_Item]:
    angle = _skew(page.lines)
    cos, sin = math.cos(angle), math.sin(angle)
    out = []
    for line in _unwrap_labels(page.lines):
        x0, y0, x1, y1 = line.box
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        rx, ry = cx * cos + cy * sin, -cx * sin + cy * cos
        half = (x1 - x0) / 2
        item = _Item(line, page.number, rx, ry, y1 - y0, rx - half, rx + half)
        key = _key(line.text)
        if key in OTHER_LABELS:
            item.other = True
        else:
            for label in _LABEL_ORDER:
                if key == label:
                    item.label = LABELS[label]
                    break
                # a value run into its label: after a colon, or without one after a label too long to begin a value
                rest = _after_label(line.text, label) or (key[len(label):] if len(label) >= 4 else "")
                if key.startswith(label) and rest:
                    item.label, item.rest = LABELS[label], rest
                    break
        out.append(item)
    return out


def _after_label(text: str, label: str) -> str:
    """The value written after a label on its own line: “姓名：张三” (a colon marks it; without one nothing is
    taken, so that 名称 is not read out of 名称不详的文件)."""
    match = re.match(r"\s*" + r"\s*".join(map(re.escape, label)) + r"\s*[:：]\s*(.*)$", fields.text(text))
    return match.group(1).strip() if match else ""


def _sections(items: list[_Item]) -> None:
    """Each line's 申请人信息 part: below the 法人或者其他组织 title (and above the next part) is the organisation's."""
    titles = sorted((it for it in items if it.other and _key(it.line.text) in ORG_SECTIONS + PERSON_SECTIONS),
                    key=lambda it: it.cy)
    if not titles:
        return
    for item in items:
        section = ""
        for title in titles:
            top = title.cy - _span_above(title, titles, items)
            if item.cy >= top:
                section = "org" if _key(title.line.text) in ORG_SECTIONS else "person"
        item.section = section


def _span_above(title: _Item, titles: list[_Item], items: list[_Item]) -> float:
    """How far above its (vertically centred) title a part begins: halfway back to the previous part's title, or the
    first labelled line near it."""
    before = [t for t in titles if t.cy < title.cy]
    if before:
        return (title.cy - before[-1].cy) / 2
    labelled = [it.cy for it in items if it.label and it.x0 > title.x1 - 2]
    return title.cy - min(labelled) + 2 if labelled else 0.0


def _owner(value: _Item, labels: list[_Item]) -> _Item | None:
    """The label a written line belongs to: among the labels to its left, the one nearest in height (a label is
    centred on its cell, so a cell's several lines lie around it), then the nearest across."""
    best, best_key = None, None
    for label in labels:
        # a value lies right of its label: the boxes of neighbouring cells may overlap by a few points, so the
        # label's middle is left of the value's start and its end left of the value's middle
        if label.page != value.page or label.cx >= value.x0 or label.x1 >= value.cx:
            continue
        top, bottom = label.cy - label.height / 2, label.cy + label.height / 2
        dy = max(0.0, top - value.cy, value.cy - bottom)
        if dy > 2.5 * max(label.height, value.height):
            continue
        key = (round(dy / 3), -label.x1)
        if best_key is None or key < best_key:
            best, best_key = label, key
    return best


def _below(label: _Item, items: list[_Item], labels: list[_Item]) -> list[_Item]:
    """The lines written under a label that has nothing to its right (a large cell with its label at the top)."""
    out = []
    for it in sorted(items, key=lambda i: i.cy):
        if it.page != label.page or it.cy <= label.cy or it.x0 < label.x0 - 8:
            continue
        if any(o is not label and label.cy < o.cy <= it.cy + 2 and o.x0 < it.x1 for o in labels):
            break
        if out and it.cy - out[-1].cy > 2.2 * it.height:
            break
        if not out and it.cy - label.cy > 2.5 * label.height:
            break
        out.append(it)
    return out


def _reading_order(items: list[_Item]) -> list[_Item]:
    """Top to bottom by rows (lines whose centres are within half a line of the row's first), each left to right."""
    rows: list[list[_Item]] = []
    for it in sorted(items, key=lambda i: i.cy):
        if rows and abs(it.cy - rows[-1][0].cy) < 0.5 * max(it.height, rows[-1][0].height):
            rows[-1].append(it)
        else:
            rows.append([it])
    return [it for row in rows for it in sorted(row, key=lambda i: i.x0)]


def _union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass(frozen=True)
class _Raw:
    text: str
    confidence: float
    page: int
    box: Box
    section: str


def _raw_values(pages: list[Page]) -> dict[str, list[_Raw]]:
    """Every labelled cell's written text, by field key, in reading order."""
    found: dict[str, list[_Raw]] = {}
    for page in pages:
        items = _items(page)
        _sections(items)
        labels = [it for it in items if (it.label or it.other) and _key(it.line.text) not in SECTION_TITLES]
        for it in items:  # an option written in a choice's cell (电子邮件 after 获取方式) is a value, not a label
            if it.label and not it.rest and _key(it.line.text) in OPTION_WORDS:
                owner = _owner(it, [o for o in labels if o is not it])
                if owner is not None and owner.label in CHOICE_FIELDS and owner.cy - owner.height < it.cy:
                    it.label = None
        labels = [it for it in labels if it.label or it.other]
        owned: dict[int, list[_Item]] = {}
        for it in items:
            if it.label or it.other:
                continue
            owner = _owner(it, labels)
            if owner is not None:
                owned.setdefault(id(owner), []).append(it)
        for label in (it for it in items if it.label):
            parts = owned.get(id(label)) or ([] if label.rest else _below(label, [
                it for it in items if not (it.label or it.other)], labels))
            parts = _reading_order(parts)
            text = "".join([label.rest] + [p.line.text for p in parts]).strip()
            if not text:
                continue
            lines = [label.line] if label.rest else []
            lines += [p.line for p in parts]
            found.setdefault(label.label, []).append(_Raw(
                text, min(line.confidence for line in lines), page.number, _union(line.box for line in lines),
                label.section))
    return found


def _field(raw: _Raw, value) -> RecognisedField:
    return RecognisedField(value if isinstance(value, str) else value.isoformat(), raw.text, raw.confidence,
                           raw.page, raw.box)


def read_form(pages: list[Page]) -> dict[str, RecognisedField]:
    """The fields found on the pages, by the registration dialog's field names (applicant_type, applicant_name,
    id_type, id_number, uscc, legal_rep, contact_person, phone, address, postcode, email, description, doc_title,
    doc_ref, purpose, form_wanted, delivery_wanted, received_date). A field whose text its rule refuses (an ID
    number with a wrong check character, a date that is no date) is left out, for the clerk to type."""
    raw = _raw_values(pages)
    # The applicant is a person or an organisation by the part its name is written in (the templates) or by the
    # label of the name (the program's own form: 姓名 or 名称).
    person = raw.get("applicant_name", [])
    org = raw.get("org_name", [])
    is_org = bool(org) and not person
    wanted = "org" if is_org else "person"

    def pick(key: str) -> _Raw | None:
        options = raw.get(key, [])
        mine = [r for r in options if r.section in (wanted, "")]
        return (mine or options or [None])[0]

    out: dict[str, RecognisedField] = {}
    name = (org if is_org else person)
    if name:
        out["applicant_name"] = _field(name[0], fields.text(name[0].text))
        kind = "other_org" if is_org else "natural"
        out["applicant_type"] = RecognisedField(kind, "法人或者其他组织" if is_org else "公民", name[0].confidence,
                                                name[0].page, name[0].box)
    rules = {
        "id_type": lambda t: fields.choice(t, fields.ID_WORDS), "id_number": fields.id_number, "uscc": fields.uscc,
        "legal_rep": fields.text, "contact_person": fields.text, "phone": fields.phone, "postcode": fields.postcode,
        "email": fields.email, "description": fields.text, "doc_title": fields.text, "doc_ref": fields.doc_ref,
        "purpose": fields.text, "form_wanted": lambda t: fields.choice(t, fields.FORM_WORDS),
        "delivery_wanted": lambda t: fields.choice(t, fields.DELIVERY_WORDS), "received_date": fields.date,
    }
    person_only, org_only = ("id_type", "id_number"), ("uscc", "legal_rep", "contact_person")
    for key, rule in rules.items():
        if (is_org and key in person_only) or (not is_org and key in org_only):
            continue
        found = pick(key)
        if found is None:
            continue
        value = rule(found.text)
        if value:
            out[key] = _field(found, value)
    address = pick("address")
    if address is not None:
        text, postcode = fields.split_postcode(address.text)
        if text:
            out["address"] = _field(address, text)
        if postcode and "postcode" not in out:
            out["postcode"] = _field(address, postcode)
    both = pick("doc_both")
    if both is not None:
        title, ref = fields.split_title_and_ref(both.text)
        if title and "doc_title" not in out:
            out["doc_title"] = _field(both, title)
        if ref and "doc_ref" not in out:
            out["doc_ref"] = _field(both, ref)
    return out


def read_form_file(path: str, progress=None, cancel=None) -> dict[str, RecognisedField]:
    """``read_form`` of a scanned application on disk (a PDF of one or more pages, JPEG, PNG or TIFF), recognised
    page by page with ``progress(done, total)`` and ``cancel()`` as ``app.ocr.pages.recognise_file`` takes them."""
    return read_form(recognise_file(path, progress=progress, cancel=cancel))
