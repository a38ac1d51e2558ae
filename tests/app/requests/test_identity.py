"""Masking the applicant's identity in fields, stored texts and recorded values."""
import json

from app.requests.identity import HIDDEN, mask_json, mask_text, masked_fields

VALUES = {"id_number": "11010519491231002X", "phone": "13812345678", "address": "某某县城关镇人民路12号",
          "postcode": "675000", "email": "chen@example.com"}


def test_fields():
    shown = masked_fields({**VALUES, "applicant_name": "陈小红"})
    assert shown == {"id_number": "110***********002X", "phone": "138****5678", "address": HIDDEN,
                     "postcode": "******", "email": HIDDEN, "applicant_name": "陈小红"}
    assert masked_fields({"address": ""})["address"] == ""


def test_text_hides_current_values_and_anything_shaped_like_them():
    text = ("陈小红，身份证 11010519491231002X，电话 13812345678，住某某县城关镇人民路12号（675000），"
            "原电话 13900001111、0871-6543210，旧身份证 53010219800101123x，邮箱 old@mail.cn。"
            "本机关电话 0878-3123456。文号 某政公开〔2026〕12号，校验值 ab13812345678cd0123456789012345678ef")
    out = mask_text(text, VALUES, keep=("0878-3123456",))
    for secret in ("11010519491231002X", "13812345678", "人民路12号", "675000", "13900001111", "0871-6543210",
                   "53010219800101123x", "old@mail.cn"):
        assert secret not in out.replace("ab13812345678cd", ""), secret
    assert "陈小红" in out and "0878-3123456" in out and "〔2026〕12号" in out
    assert "0123456789012345678ef" in out  # hex digests are not identity numbers


def test_text_stays_valid_json():
    data = {"rows": [["证件号码", VALUES["id_number"]], ["通信地址", VALUES["address"] + "（675000）"]]}
    out = json.loads(mask_text(json.dumps(data, ensure_ascii=False), VALUES))
    assert out["rows"][0][1] == "110***********002X" and VALUES["address"] not in repr(out)


def test_recorded_values():
    recorded = json.dumps({"number": "2026-依申请-0001", **VALUES, "nested": [{"phone": "13900001111"}]},
                          ensure_ascii=False)
    out = json.loads(mask_json(recorded))
    assert out["id_number"] == "110***********002X" and out["nested"][0]["phone"] == "139****1111"
    assert out["number"] == "2026-依申请-0001"
    assert mask_json(None) is None and mask_json("not json") == "not json"
