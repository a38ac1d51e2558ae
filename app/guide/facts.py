"""The facts a 政府信息公开指南 states, read from where the program keeps them: the office profile, the 公开目录
categories and channels, the office's 科室, and the request procedure the program applies (its settings). A guide
keeps the facts it was made from, so that a change of any of them (an address, the reply days, the 复议机关) shows
the guide to be out of date (条例第十二条: the guide is kept current)."""
from __future__ import annotations

from app import office, settings
from app.publication import catalog as publication_catalog
from app.requests import fees_service

# key -> label, in the order a change is listed
LABELS: dict[str, str] = {
    **{f"office.{k}": v for k, v in office.FIELDS.items() if k != "org_code"},
    "categories": "公开目录类别",
    "channels": "主动公开渠道",
    "units": "科室（股室）",
    "publish_days": "主动公开期限（工作日）",
    "reply_days": "答复期限（工作日）",
    "extension_days": "最长延期（工作日）",
    "correction_notice_days": "补正告知期限（工作日）",
    "consultation_days": "征求意见答复期限（工作日）",
    "fee_payment_days": "缴费期限（工作日）",
    "fee_stops_clock": "等待缴费期间停止计算答复期限",
    "waivers": "信息处理费减免情形",
    "waiver_rule": "减免规定的名称",
    "review_body": "行政复议机关",
    "court": "管辖的人民法院",
    "remedy_refuse": "救济告知：不予公开（1至7项）",
    "remedy_unable": "救济告知：无法提供",
}


def current() -> dict:
    """The facts as they stand now (plain JSON values)."""
    profile = office.get_profile() or {}
    out = {f"office.{k}": (profile.get(k) or "") for k in office.FIELDS if k != "org_code"}
    out.update({
        "categories": publication_catalog.categories(),
        "channels": publication_catalog.channels(),
        "units": settings.units(),
        "publish_days": settings.get("publication.publish_days"),
        "reply_days": settings.get("requests.reply_days"),
        "extension_days": settings.get("requests.extension_max_days"),
        "correction_notice_days": settings.get("requests.correction_notice_days"),
        "consultation_days": settings.get("requests.consultation_days"),
        "fee_payment_days": settings.get("requests.fee_payment_days"),
        "fee_stops_clock": settings.get("requests.fee_stops_clock"),
        "waivers": fees_service.waiver_list(),
        "waiver_rule": settings.get("fees.waiver_rule"),
        "review_body": settings.get("remedy.review_body"),
        "court": settings.get("remedy.court"),
        "remedy_refuse": settings.get("remedy.refuse"),
        "remedy_unable": settings.get("remedy.unable"),
    })
    return out


def shown(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    text = str(value if value is not None else "")
    return text or "（空）"


def changes(before: dict, after: dict) -> list[tuple[str, str, str]]:
    """(label, before, after) for every fact that differs; a fact the older guide did not record counts as changed."""
    out = []
    for key, label in LABELS.items():
        if key not in before or before.get(key) != after.get(key):
            out.append((label, shown(before.get(key, "")), shown(after.get(key))))
    return out
