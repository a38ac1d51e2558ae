"""申请人身份信息: the applicant's identity document number and contact details, and how they are shown to a user
without ``request.view_identity`` (supervisors read the archive without them, DOMAIN.md §5; access to personal
information limited by role: 个人信息保护法第五十一条第（四）项).

Two uses: the fields of a request (``masked_fields``) and a stored text that was printed from them
(``mask_text``), where the current values are hidden and so is anything shaped like an identity number, a phone
number or an e-mail address (an older value the applicant has since corrected is hidden too).
"""
from __future__ import annotations

import json
import re

from app.requests.records import mask

IDENTITY_FIELDS = ("id_number", "phone", "email", "address", "postcode")
HIDDEN = "（已隐去）"

_SHAPES = (
    re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])"),  # 居民身份证号码 (GB 11643)
    re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])"),  # mobile phone
    re.compile(r"(?<![0-9-])0\d{2,3}-?\d{7,8}(?![0-9])"),  # fixed-line phone with area code
    re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"),  # e-mail
)


def masked_value(field: str, value) -> str:
    """What a user without the permission sees of one field: numbers partly (a postcode, printed in brackets after
    the address, as stars), the address and e-mail not at all."""
    value = "" if value is None else str(value)
    if field in ("id_number", "phone", "postcode"):
        return mask(value)
    return HIDDEN if value else ""


def masked_name(applicant_type: str, name: str) -> str:
    """A person's name as the archive lists it (“王某”); an organisation's name is not personal data and stays."""
    name = (name or "").strip()
    if applicant_type != "natural" or not name:
        return name
    return name[0] + "某"


def person_names(req) -> dict:
    """The names of the persons a request names (the applicant when a natural person, an organisation's legal
    representative and contact person), for ``mask_text``."""
    out = {"legal_rep": req.legal_rep, "contact_person": req.contact_person}
    if req.applicant_type == "natural":
        out["applicant_name"] = req.applicant_name
    return {k: v for k, v in out.items() if v}


def hide_names(text: str, names: dict) -> str:
    """``text`` with each of the persons' ``names`` (of two characters or more) hidden, the longest first."""
    for name in sorted({str(v).strip() for v in names.values()}, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, HIDDEN)
    return text


def masked_fields(data: dict) -> dict:
    """``data`` with every identity field present in it masked."""
    return {k: masked_value(k, v) if k in IDENTITY_FIELDS else v for k, v in data.items()}


def mask_text(text: str, values: dict, keep: tuple[str, ...] = ()) -> str:
    """``text`` with the applicant's identity ``values`` (field → stored value) and anything shaped like them hidden.

    ``keep`` lists strings that stay (the office's own public telephone number, printed on every notice)."""
    for field, value in sorted(values.items(), key=lambda kv: -len(str(kv[1] or ""))):
        value = str(value or "").strip()
        if len(value) >= 4 and value not in keep:
            text = text.replace(value, masked_value(field, value))

    def hide(match: re.Match) -> str:
        found = match.group(0)
        return found if found in keep else mask(found)

    for shape in _SHAPES:
        text = shape.sub(hide, text)
    return text


def _masked_tree(value, fields, hide):
    if isinstance(value, dict):
        return {k: hide(k, v) if k in fields and isinstance(v, str) else _masked_tree(v, fields, hide)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_masked_tree(v, fields, hide) for v in value]
    return value


def mask_json(text: str | None, fields=IDENTITY_FIELDS, hide=masked_value) -> str | None:
    """Recorded values (an audit row's JSON) with the identity ``fields`` hidden (``hide(field, value)``) wherever
    they occur in them."""
    if not text:
        return text
    try:
        tree = json.loads(text)
    except ValueError:
        return text
    return json.dumps(_masked_tree(tree, fields, hide), ensure_ascii=False, sort_keys=True)
