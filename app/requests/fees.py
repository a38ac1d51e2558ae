"""信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

Charged only when the quantity or frequency of requests clearly exceeds a reasonable range; per application the office
uses ONE method:
- 按件计收 (per item): per applicant per calendar month, requests 1-10 are free, the 11th-30th cost
  100 元 each, and above 30 every further block of 10 costs 100 元 more per request (31-40: 200, 41-50: 300, …);
- 按量计收 (per volume): up to 30 pages free; the pages from 31 to 100 cost 10 元 each, from 101
  to 200 20 元 each, above 200 40 元 each (each band charged only for the pages inside it).
"""
from __future__ import annotations

from dataclasses import dataclass

FREE_ITEMS_PER_MONTH = 10
FREE_PAGES = 30


def per_item_fee(position_in_month: int) -> int:
    """Fee in 元 for the applicant's n-th request of the calendar month."""
    n = position_in_month
    if n <= FREE_ITEMS_PER_MONTH:
        return 0
    if n <= 30:
        return 100
    return 100 * (2 + (n - 31) // 10)


def per_volume_fee(pages: int) -> int:
    """Fee in 元 for ``pages`` pages, charged band by band."""
    fee = 0
    for low, high, price in ((31, 100, 10), (101, 200, 20), (201, None, 40)):
        if pages >= low:
            top = pages if high is None else min(pages, high)
            fee += (top - low + 1) * price
    return fee


@dataclass(frozen=True)
class FeeProposal:
    method: str | None  # "per_item" | "per_volume" | None (no fee applies)
    amount: int
    per_item_amount: int
    per_volume_amount: int
    reason: str


def propose_fee(position_in_month: int, pages: int | None) -> FeeProposal:
    """Which method applies and what it comes to; when both apply the higher one is proposed (the office decides).

    The fee exists to curb requests beyond a reasonable range (109号), so the proposal follows the measure that
    shows the excess more strongly; the clerk may choose the other.
    """
    item = per_item_fee(position_in_month)
    volume = per_volume_fee(pages or 0)
    if item == 0 and volume == 0:
        return FeeProposal(None, 0, 0, 0,
                           f"本月第{position_in_month}件申请、{pages or 0}页，未超过免费范围（10件/月、30页），不收费")
    if item >= volume:
        return FeeProposal("per_item", item, item, volume,
                           f"该申请人本自然月第{position_in_month}件申请，按件计收{item}元")
    return FeeProposal("per_volume", volume, item, volume, f"共{pages}页，超过30页的部分按量计收{volume}元")


def fee_amount(method: str, position_in_month: int, pages: int | None) -> int:
    if method == "per_item":
        return per_item_fee(position_in_month)
    if method == "per_volume":
        return per_volume_fee(pages or 0)
    raise ValueError(method)
