"""The field rules: what the engine reads, and what each field takes it to be."""
import datetime as dt

import pytest

from app.ocr import fields


@pytest.mark.parametrize("raw, expected", [
    ("11010519491231002X", "11010519491231002X"),
    ("11010519491231002x", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),  # full-width digits
    ("110105 19491231 002X", "11010519491231002X"),  # spaces the engine put in
    ("11O1O519491231OO2X", "11010519491231002X"),  # O for 0
    ("11010519491231002l", None),  # the 18th is a check character: l is no X, and 1 would be wrong
    ("1l0105194912310O2X", "11010519491231002X"),  # l for 1 among the digits
    ("110105194912310021", None),  # wrong check character (GB 11643)
    ("11010519491231002", None),  # 17 characters
    ("", None),
])
def test_id_number(raw, expected):
    assert fields.id_number(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("13912345678", "13912345678"),
    ("139 1234 5678", "13912345678"),
    ("１３９１２３４５６７８", "13912345678"),
    ("139l2345678", "13912345678"),
    ("1391234567", None),  # a mobile number has 11 digits
    ("0871-65123456", "0871-65123456"),
    ("087165123456", "0871-65123456"),  # the dash dropped: a 4-digit area code
    ("02887654321", "028-87654321"),  # 3-digit area code (01x, 02x)
    ("(0871)65123456", "0871-65123456"),
    ("0871一65123456", "0871-65123456"),  # the dash read as 一
    ("电话号码", None),
])
def test_phone(raw, expected):
    assert fields.phone(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("650031", "650031"), ("65OO31", "650031"), ("６５００３１", "650031"), ("65003", None), ("6500311", None),
])
def test_postcode(raw, expected):
    assert fields.postcode(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("zhangxm@example.com", "zhangxm@example.com"),
    ("zhangxm＠example。com", "zhangxm@example.com"),
    ("zhang xm@example.com", "zhangxm@example.com"),
    ("nuzf40@examp1e.com", "nuzf40@example.com"),  # a lone 1 between letters is l
    ("wang1987@mail.example.cn", "wang1987@mail.example.cn"),  # digits in a run stay
    ("tqqf59@mai1.examp1e.cn", "tqqf59@mail.example.cn"),  # in the domain a 1 touching a letter is l
    ("user1@example.com", "user1@example.com"),  # a name may end in a digit
    ("li@163.com", "li@163.com"),  # a domain of digits stays
    ("zhangxm.example.com", None),
])
def test_email(raw, expected):
    assert fields.email(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2025年3月5日", dt.date(2025, 3, 5)),
    ("2025 年 3 月 5 日", dt.date(2025, 3, 5)),
    ("2025.3.5", dt.date(2025, 3, 5)),
    ("2025-03-05", dt.date(2025, 3, 5)),
    ("2025/03/05", dt.date(2025, 3, 5)),
    ("２０２５年３月５日", dt.date(2025, 3, 5)),
    ("2O25年3月l5日", dt.date(2025, 3, 15)),
    ("2025年2月30日", None),
    ("年 月 日", None),
])
def test_date(raw, expected):
    assert fields.date(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("名单丶标准和依据", "名单、标准和依据"),
    ("了解补助标准°", "了解补助标准。"),
    ("补助标准:每户", "补助标准：每户"),
    ("张 晓 明", "张晓明"),
    ("ＡＢＣ公司", "ABC公司"),
    ("2025年度", "2025年度"),
])
def test_text(raw, expected):
    assert fields.text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("五政发[2025]12号", "五政发〔2025〕12号"), ("五政发【2025】12号", "五政发〔2025〕12号"),
    ("五政发(2025)12号", "五政发〔2025〕12号"), ("五政发〔2024]132号", "五政发〔2024〕132号"),
])
def test_doc_ref(raw, expected):
    assert fields.doc_ref(raw) == expected


def test_title_and_ref_apart():
    assert fields.split_title_and_ref("关于危房改造的实施方案；五政发[2025]12号") == ("关于危房改造的实施方案", "五政发〔2025〕12号")
    assert fields.split_title_and_ref("关于危房改造的实施方案") == ("关于危房改造的实施方案", "")


def test_postcode_after_the_address():
    assert fields.split_postcode("昆明市五华区人民中路18号（650031）") == ("昆明市五华区人民中路18号", "650031")
    assert fields.split_postcode("昆明市五华区人民中路18号") == ("昆明市五华区人民中路18号", None)


@pytest.mark.parametrize("raw, words, expected", [
    ("纸质", fields.FORM_WORDS, "paper"),
    ("光盘", fields.FORM_WORDS, "disc"),
    ("■纸质 □电子文档 □光盘", fields.FORM_WORDS, "paper"),
    ("口纸质口电子文档当光盘", fields.FORM_WORDS, "disc"),  # □ read as 口, ■ as 当
    ("口纸质口电子文档光盘", fields.FORM_WORDS, "disc"),  # the filled box dropped by the engine
    ("邮寄口电子邮件口自行领取传真", fields.DELIVERY_WORDS, "fax"),  # the first box dropped, and the ticked one
    ("邮寄口电子邮件口自行领取口传真", fields.DELIVERY_WORDS, "post"),  # only the first has no box: ☑ dropped
    ("口邮寄口电子邮件√自行领取口传真", fields.DELIVERY_WORDS, "pickup"),
    ("口纸质口电子文档口光盘", fields.FORM_WORDS, None),  # nothing ticked
    ("■纸质■光盘口电子文档", fields.FORM_WORDS, None),  # two ticked: the clerk chooses
    ("口纸质光盘电子文档", fields.FORM_WORDS, None),  # two without a box: the clerk chooses
    ("电子邮件", fields.DELIVERY_WORDS, "email"),  # not 邮件 and 电子 twice
    ("口邮寄√电子邮件口自行领取", fields.DELIVERY_WORDS, "email"),
    ("自行领取", fields.DELIVERY_WORDS, "pickup"),
    ("居民身份证", fields.ID_WORDS, "resident_id"),
    ("护照", fields.ID_WORDS, "passport"),
    ("", fields.FORM_WORDS, None),
])
def test_choice(raw, words, expected):
    assert fields.choice(raw, words) == expected
