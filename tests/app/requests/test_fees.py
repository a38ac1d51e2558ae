"""信息处理费 at every threshold of 国办函〔2020〕109号."""
import pytest

from app.requests.fees import per_item_fee, per_volume_fee, propose_fee


@pytest.mark.parametrize("n,fee", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300),
                                   (51, 400), (61, 500)])
def test_per_item(n, fee):
    assert per_item_fee(n) == fee


@pytest.mark.parametrize("pages,fee", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740),
                                       (250, 4700)])
def test_per_volume_charges_band_by_band(pages, fee):
    assert per_volume_fee(pages) == fee


def test_proposal():
    none = propose_fee(3, 12)
    assert none.method is None and none.amount == 0 and "不收费" in none.reason
    by_item = propose_fee(12, 10)
    assert (by_item.method, by_item.amount) == ("per_item", 100)
    by_volume = propose_fee(2, 120)
    assert (by_volume.method, by_volume.amount) == ("per_volume", 1100)
    both = propose_fee(35, 35)  # 按件 200 元 against 按量 50 元: the larger excess is proposed
    assert (both.method, both.amount, both.per_volume_amount) == ("per_item", 200, 50)
