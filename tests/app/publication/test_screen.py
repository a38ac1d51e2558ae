"""The privacy and secrecy screen: a table of texts that must be flagged and texts that must not."""
import pytest

from app.publication.screen import luhn_ok, screen_text

FLAG = [
    ("申请人身份证号码11010519491231002X，住址不详。", "id_number", "11010519491231002X"),
    ("联系人手机13812345678。", "mobile", "13812345678"),
    ("手机：138 1234 5678", "mobile", "138 1234 5678"),
    ("办公电话0871-63125678", "landline", "0871-63125678"),
    ("补助发放至银行卡6222021234567890128。", "bank_card", "6222021234567890128"),
    ("卡号 6222 0212 3456 7890 128", "bank_card", "6222 0212 3456 7890 128"),
    ("个体户统一社会信用代码92530100MA6K3XQ43B", "uscc_person", "92530100MA6K3XQ43B"),
    ("秘密★1年", "secrecy_mark", None),
    ("绝密★长期", "secrecy_mark", None),
    ("内部资料 注意保存", "secrecy_mark", "内部资料"),
    ("【内部】会议纪要", "secrecy_mark", "【内部】"),
    ("机密", "secrecy_mark", "机密"),
    ("本文件涉及工作秘密，不得外传。", "secrecy_mark", "工作秘密"),
]
PASS = [
    "某政发〔2026〕12号",  # a 文号
    "索引号：11532300015167874P-/2018-1224008",  # seed 003's 索引号
    "索引号：13562201/2020-00331",  # seed 004's
    "11532300015167874P/2026-00012",
    "依据《中华人民共和国保守国家秘密法》，严格保守国家秘密。",
    "各单位应当建立内部控制制度。",
    "2026年拨付资金1234567890123456元",  # a Luhn-failing digit run
    "身份证号码110105194912310021有误",  # wrong check character
    "统一社会信用代码91350100M000100Y43",  # a company, not a natural-person business
    "会议于2026年3月9日召开，参会人员23人。",
    "严格保守工作秘密的规定",
]


@pytest.mark.parametrize("text,kind,found", FLAG)
def test_flags(text, kind, found):
    hits = screen_text([text])
    assert [h.kind for h in hits] == [kind], hits
    if found:
        assert hits[0].text == found
    assert hits[0].location == "第1段" and hits[0].source == "正文"


@pytest.mark.parametrize("text", PASS)
def test_does_not_flag(text):
    assert screen_text([text]) == []


def test_name_and_address_list_is_flagged_not_a_single_name():
    listing = ["低保对象名单：", "王建国 某某县城关镇人民路12号", "李秀英 某某县城关镇新街村三组"]
    hits = screen_text(listing)
    assert [(h.kind, h.location) for h in hits] == [("name_address", "第2段"), ("name_address", "第3段")]
    assert screen_text(["联系人：王建国，地址：某某县城关镇人民路12号"]) == []


def test_page_locations_for_pdf_sources():
    hits = screen_text(["无", "电话13812345678"], "公示.pdf", page_of=lambda i: i + 1)
    assert [(h.source, h.location) for h in hits] == [("公示.pdf", "第2页")]


def test_luhn():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
