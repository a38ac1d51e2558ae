"""Filled application forms made for the tests, and their scans: made-up applicants from a seeded random generator,
printed by the document engine on the program's own 申请登记表 or on the usual 政府信息公开申请表 template (公民 or
法人或者其他组织), rasterised, with noise, a small rotation and JPEG compression, as an office scanner returns them."""
from __future__ import annotations

import datetime as dt
import io
import random

from app import validators
from app.printing.document import Cell, Document, Table
from app.requests import catalog

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志文海燕春晓东丹凤云飞鹏辉雪琳俊"
REGIONS = ("110105", "310104", "320106", "330106", "420102", "440106", "510107", "530102", "530111", "610113")
CITIES = (("云南省", "昆明市", "五华区"), ("四川省", "成都市", "武侯区"), ("湖北省", "武汉市", "江岸区"),
          ("江苏省", "南京市", "鼓楼区"), ("浙江省", "杭州市", "西湖区"), ("陕西省", "西安市", "雁塔区"))
STREETS = ("人民中路", "解放大道", "建设路", "和平街", "文化巷", "中山北路", "新华路", "东风西路")
TOPICS = ("农村危房改造补助资金的发放名单及标准", "城镇老旧小区改造项目的招标文件和中标结果",
          "本镇2025年度财政预算执行情况", "某某村土地征收的批准文件和补偿安置方案", "道路拓宽工程的环境影响评价文件",
          "2024年最低生活保障对象的审批名单", "河道整治工程的立项批复及资金来源", "集体土地上房屋拆迁的补偿标准")
PURPOSES = ("核实本户补助情况", "了解补偿标准", "用于学术研究", "维护自身合法权益", "了解项目进展", "核对土地权属")
ORG_WORDS = ("宏达", "春晖", "远景", "同心", "兴业", "明德", "瑞丰", "长青")
ORG_KINDS = ("科技有限公司", "律师事务所", "环保公益促进会", "建筑工程有限公司", "农业发展研究院")
AGENCIES = ("五政发", "云政办发", "昆建发", "武政规", "川府发", "宁政发")
FORMS = ("paper", "electronic", "disc")
DELIVERIES = ("post", "email", "pickup", "fax")
TEMPLATE_FORM_WORDS = {"paper": "纸质", "electronic": "电子文档", "disc": "光盘"}
TEMPLATE_DELIVERY_WORDS = {"post": "邮寄", "email": "电子邮件", "pickup": "自行领取", "fax": "传真"}
BOX = "□"
TICKS = ("√", "■")  # a pen's tick over the box, or the box filled in


def _id_number(rng: random.Random) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    body = rng.choice(REGIONS) + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return body + validators.id_card_check_char(body)


def _uscc(rng: random.Random) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + rng.choice(REGIONS) + "".join(rng.choice(chars) for _ in range(9))
    return body + validators.uscc_check_char(body)


def _person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def applicant(rng: random.Random, org: bool) -> dict:
    """A made-up application, by the registration dialog's field names."""
    province, city, district = rng.choice(CITIES)
    if rng.random() < 0.7:  # a mobile number, else a landline with its area code
        phone = "1" + rng.choice("3578") + "".join(str(rng.randrange(10)) for _ in range(9))
    else:
        phone = f"0{rng.choice(('871', '28', '27', '25', '571'))}-{rng.randrange(2, 10)}" + "".join(
            str(rng.randrange(10)) for _ in range(6 if rng.random() < 0.5 else 7))
    year = rng.choice((2023, 2024, 2025))
    data = {
        "applicant_type": "other_org" if org else "natural", "phone": phone,
        "address": f"{province}{city}{district}{rng.choice(STREETS)}{rng.randrange(1, 300)}号",
        "postcode": f"{rng.randrange(100000, 860000)}",
        "email": f"{''.join(rng.choice('abcdefghkmnpqrstuvwxyz') for _ in range(rng.randrange(4, 9)))}"
                 f"{rng.randrange(10, 99)}@{rng.choice(('example.com', 'mail.example.cn', 'test.org.cn'))}",
        "description": f"{year}年" + rng.choice(TOPICS), "doc_title": "关于" + rng.choice(TOPICS) + "的通知",
        "doc_ref": f"{rng.choice(AGENCIES)}〔{year}〕{rng.randrange(1, 150)}号", "purpose": rng.choice(PURPOSES),
        "form_wanted": rng.choice(FORMS), "delivery_wanted": rng.choice(DELIVERIES),
        "received_date": (dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(300))).isoformat(),
    }
    if org:
        data.update(applicant_name=f"{city[:-1]}{rng.choice(ORG_WORDS)}{rng.choice(ORG_KINDS)}", uscc=_uscc(rng),
                    legal_rep=_person_name(rng), contact_person=_person_name(rng))
    else:
        data.update(applicant_name=_person_name(rng), id_type="resident_id", id_number=_id_number(rng))
    return data


def own_form(data: dict) -> Document:
    """The program's own 申请登记表 as it prints a registered request (``app.requests.documents``; needs a database
    for the office's settings)."""
    from app.requests import documents, notice_texts
    request = dict(data, number="2026-0012", channel="registered_mail", notes="",
                   received_date=dt.date.fromisoformat(data["received_date"]),
                   due_date=dt.date.fromisoformat(data["received_date"]) + dt.timedelta(days=28))
    ctx = notice_texts.NoticeContext(request=request, office={"name": "某某镇人民政府"}, review_body="", court="",
                                     remedy={}, officer_name="李四")
    return documents.compose("申请登记表", ctx, None)


def _options(words: dict, chosen: str, tick: str) -> str:
    return " ".join((tick if code == chosen else BOX) + word for code, word in words.items())


def template_form(data: dict) -> Document:
    """The usual 政府信息公开申请表: 申请人信息 in a 公民 and a 法人或者其他组织 part (the applicant fills one), then
    所需信息情况 with the choices ticked, and the date of the application."""
    org = data["applicant_type"] != "natural"
    p = {} if org else data
    o = data if org else {}
    received = dt.date.fromisoformat(data["received_date"])
    tick = TICKS[len(data["applicant_name"]) % len(TICKS)]  # applicants tick differently
    rows = (
        (Cell("申请人信息", rowspan=11, align="center"), Cell("公民", rowspan=5, align="center"), "姓名",
         p.get("applicant_name", ""), "证件名称", catalog.ID_TYPES[p["id_type"]] if p else ""),
        ("证件号码", Cell(p.get("id_number", ""), colspan=3)),
        ("联系电话", p.get("phone", ""), "邮政编码", p.get("postcode", "")),
        ("联系地址", Cell(p.get("address", ""), colspan=3)),
        ("电子邮箱", Cell(p.get("email", ""), colspan=3)),
        (Cell("法人或其他组织", rowspan=6, align="center"), "名称", Cell(o.get("applicant_name", ""), colspan=3)),
        ("统一社会信用代码", Cell(o.get("uscc", ""), colspan=3)),
        ("法定代表人", o.get("legal_rep", ""), "联系人姓名", o.get("contact_person", "")),
        ("联系电话", o.get("phone", ""), "邮政编码", o.get("postcode", "")),
        ("联系地址", Cell(o.get("address", ""), colspan=3)),
        ("电子邮箱", Cell(o.get("email", ""), colspan=3)),
        (Cell("所需信息情况", rowspan=5, align="center"), Cell("所需信息的内容描述", colspan=2),
         Cell(data["description"], colspan=3)),
        (Cell("所需信息的名称或文号", colspan=2), Cell(data["doc_title"] + "，" + data["doc_ref"], colspan=3)),
        (Cell("所需信息的用途", colspan=2), Cell(data["purpose"], colspan=3)),
        (Cell("所需信息的载体形式", colspan=2), Cell(_options(TEMPLATE_FORM_WORDS, data["form_wanted"], tick), colspan=3)),
        (Cell("获取信息的方式", colspan=2), Cell(_options(TEMPLATE_DELIVERY_WORDS, data["delivery_wanted"], tick), colspan=3)),
        (Cell("申请人签名或者盖章", colspan=2), "", "申请时间",
         Cell(f"{received.year}年{received.month}月{received.day}日", colspan=2)),
    )
    return Document(title="政府信息公开申请表", kind="政府信息公开申请表", page_numbers=False,
                    blocks=[Table(rows, col_widths=(20, 27, 32, 28, 24, 25), font_size=10.5,
                                  min_row_height_mm=9)])


def scan(doc: Document, dpi: int, rng: random.Random, angle: float | None = None) -> bytes:
    """The document's first page as a scanner returns it: greyscale at ``dpi``, sensor noise, turned by 1-2° either
    way, JPEG at quality 70 (the JPEG records the resolution)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    from app.printing import render_pdf
    pdf = pdfium.PdfDocument(render_pdf(doc))
    try:
        picture = pdf[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()
    noise = np.random.default_rng(rng.randrange(2 ** 32)).normal(0, 10, (picture.height, picture.width))
    picture = Image.fromarray(np.clip(np.asarray(picture, dtype=np.float32) + noise, 0, 255).astype(np.uint8))
    turn = angle if angle is not None else rng.choice((-1, 1)) * rng.uniform(1.0, 2.0)
    picture = picture.rotate(turn, resample=Image.BICUBIC, fillcolor=255)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=70, dpi=(dpi, dpi))
    return out.getvalue()


def forms(count: int, seed: int = 18) -> list[tuple[str, dict]]:
    """``count`` made-up applications, alternating the two layouts and, within each, persons and organisations."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        layout = "own" if i % 2 == 0 else "template"
        out.append((layout, applicant(rng, org=(i % 4) in (2, 3))))
    return out


def document(layout: str, data: dict) -> Document:
    return own_form(data) if layout == "own" else template_form(data)
