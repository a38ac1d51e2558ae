"""告知书的文字, from plain values: every notice kind, every outcome, with what the clerk typed ending in 。；， and
spaces; the legal citations each notice must carry (条例第三十三条第三款, 行政复议前置, 行政查询事项), the fee waivers as
the office's own rule and only for natural persons, the channel of receipt (条例第三十一条)."""
import datetime as dt
import re

import pytest

from app import settings
from app.requests import catalog, notice_texts as texts

D = dt.date
DIRTY = ("。", "；", "，", "  ", "。 ", "\u3000")
BAD_JOIN = re.compile(r"[。；，、：][。；，、：]|。）|，）|；）|\s")


def remedy_defaults() -> dict:
    return {g: settings.OPTIONS[f"remedy.{g}"].default for g in catalog.REMEDY_GROUPS}


def context(end: str = "", outcome: str = "disclose", applicant_type: str = "natural", channel: str = "in_person",
            **over) -> texts.NoticeContext:
    """A request whose every clerk-typed fragment ends in ``end``."""
    t = lambda s: s + end  # noqa: E731
    detail = {"provided": t("名单复印件3页"), "withheld": t("个人身份证号码"), "grounds": ["refuse_4"],
              "reason": t("公开会造成损害"), "agency": t("某某县住房和城乡建设局"), "agency_contact": t("0878-3100000"),
              "duplicate_of": "2026-依申请-0001", "guidance": t("持身份证明到县不动产登记中心申请查询")}
    request = {"number": "2026-依申请-0002", "applicant_name": t("陈小红"), "applicant_type": applicant_type,
               "channel": channel, "received_date": D(2026, 3, 6), "description": t("危房改造补助名单"),
               "outcome": outcome, "detail": detail, "correction_sent": D(2026, 3, 9),
               "correction_period_end": D(2026, 3, 30), "correction_items": t("1.所需名单的村别") + "\n" + t("2.年度"),
               "extension_reason": t("需要调取历年档案"), "extension_days": 20, "due_date": D(2026, 5, 6),
               "reply_days": 20, "receipt_due": D(2026, 4, 3), "decided_date": D(2026, 3, 20)}
    consult = {"kind": "third_party", "party": "某某公司", "content": t("中标报价明细"), "sent_date": D(2026, 3, 10),
               "reply_due": None, "reply": "disagree", "decision_note": t("工程质量关系公共安全")}
    fee = {"method": "per_volume", "pages": 45, "amount": 150, "notice_date": D(2026, 3, 9), "pay_by": None,
           "month_position": 1}
    values = dict(request=request, office={"name": "某某县人民政府办公室", "phone": "0878-3123456"},
                  review_body="某某县人民政府", court="某某县人民法院", remedy=remedy_defaults(), officer_name="张明",
                  consultation=consult, fee=fee, earlier={"received_date": D(2026, 2, 2),
                                                          "decided_date": D(2026, 2, 10)},
                  waivers=tuple(catalog.FEE_WAIVERS.values()), waiver_rule="《某某县依申请公开制度》第八条")
    values.update(over)
    return texts.NoticeContext(**values)


BUILDERS = {"登记回执": texts.receipt_parts, "补正告知书": texts.correction_parts, "延期答复告知书": texts.extension_parts,
            "第三方征求意见书": texts.third_party_parts, "共同制作机关征求意见书": texts.agency_parts,
            "征求意见告知书": texts.consultation_notice_parts, "第三方公开决定告知书": texts.public_interest_parts,
            "收费通知书": texts.fee_parts}


def all_texts(ctx) -> dict[str, str]:
    out = {kind: "".join(p.text for p in build(ctx)) for kind, build in BUILDERS.items()}
    for outcome in catalog.OUTCOMES:
        ctx.request["outcome"] = outcome
        out[outcome] = "".join(p.text for p in texts.reply_parts(ctx))
    return out


@pytest.mark.parametrize("end", DIRTY)
def test_typed_fragments_join_cleanly_in_every_notice(end):
    for kind, text in all_texts(context(end)).items():
        assert not BAD_JOIN.search(text), (kind, BAD_JOIN.search(text).group(), text)
        assert text.count("特此告知") <= 1, kind
        assert "按按" not in text and "收收" not in text, kind


def test_fragment_helper():
    assert texts.fragment("  造成损害。 ") == "造成损害"
    assert texts.fragment("，属于；") == "属于"
    assert texts.fragment("1.村别；\n\n2.年度。\n") == "1.村别；2.年度"
    assert texts.fragment(None) == ""


def test_correction_items_have_their_label_and_a_full_stop():
    part = next(p for p in texts.correction_parts(context("。")) if p.key == "items")
    assert part.text == "需要补正的事项：1.所需名单的村别；2.年度。"


def test_fee_notice_names_the_method_once():
    text = "".join(p.text for p in texts.fee_parts(context()))
    assert "本机关按量计收信息处理费，计人民币150元" in text


def test_time_not_counted_is_article_33_paragraph_3():
    """条例第三十三条第三款: consultation time does not count; the fee stop is the office's own rule."""
    ctx = context()
    for kind in ("征求意见告知书", "登记回执"):
        text = "".join(p.text for p in BUILDERS[kind](ctx))
        assert "第三十三条第三款" in text or "该条第三款" in text, kind
        assert "第三十二条的规定，征求意见所需时间" not in text
    receipt = "".join(p.text for p in texts.receipt_parts(ctx))
    assert "按照本机关的规定，等待缴纳信息处理费的期间也不计算在内" in receipt
    assert "等待缴纳信息处理费" not in "".join(p.text for p in texts.receipt_parts(context(fee_stops_clock=False)))
    for kind in ("征求意见告知书", "登记回执", "第三方征求意见书", "共同制作机关征求意见书"):
        text = "".join(p.text for p in BUILDERS[kind](ctx))
        assert "第三十二条第二款" not in text and "第三十二条第三款" not in text and "第三十四条第" not in text


@pytest.mark.parametrize("outcome", list(catalog.OUTCOMES))
def test_review_first_exactly_for_refusals_under_articles_14_to_16(outcome):
    """行政复议法第二十三条第一款第（四）项、第二款; 法释〔2025〕8号 第一条."""
    ctx = context(outcome=outcome)
    text = "".join(p.text for p in texts.reply_parts(ctx))
    if outcome == "other_3":
        return
    first = outcome == "partial" or outcome in {f"refuse_{i}" for i in range(1, 8)}
    assert catalog.OUTCOMES[outcome].review_first == first
    if first:
        assert "应当先向某某县人民政府申请行政复议" in text and "对行政复议决定不服的，可以依法向人民法院提起行政诉讼" in text
        assert "也可以" not in text and "六个月" not in text
    else:
        assert "应当先" not in text
        assert "可以自收到本告知书之日起六十日内向某某县人民政府申请行政复议" in text
        assert "也可以自收到本告知书之日起六个月内向某某县人民法院提起行政诉讼" in text


def test_administrative_query_cites_article_36_3_alone_with_the_clerks_ground():
    ctx = context(outcome="refuse_8")
    decision = texts.decision_text(ctx, "refuse_8")
    assert "第三十六条第（三）项的规定" in decision
    assert not re.search("第十[四五六]条", decision)
    assert "属于行政查询事项：公开会造成损害" in decision
    assert "refuse_8" not in catalog.WITHHOLDING_GROUNDS  # 部分公开 rests on 第十四、十五、十六条 only


def test_waiver_is_the_offices_rule_and_only_for_natural_persons():
    person = "".join(p.text for p in texts.fee_parts(context()))
    assert "依照《某某县依申请公开制度》第八条的规定，您如确有经济困难" in person
    assert "领取最低生活保障金；社会福利机构中由政府供养；农村五保户" in person
    waiver = person[person.index("依照"):]
    assert "109号" not in waiver
    org = "".join(p.text for p in texts.fee_parts(context(applicant_type="public_interest")))
    assert "减免" not in org and "最低生活保障" not in org and "贵单位" in org
    none = "".join(p.text for p in texts.fee_parts(context(waivers=())))
    assert "减免" not in none
    plain = "".join(p.text for p in texts.fee_parts(context(waiver_rule="")))
    assert "按照本机关的规定，您如确有经济困难" in plain


def test_periods_run_from_receipt_of_the_letter():
    """Before the delivery is recorded a letter gives the period from its receipt, never a date counted from sending."""
    ctx = context()
    third = "".join(p.text for p in texts.third_party_parts(ctx))
    assert "请自收到本意见书之日起15个工作日内书面答复" in third and "即" not in third
    fee = "".join(p.text for p in texts.fee_parts(ctx))
    assert "请自收到本通知书的次日起20个工作日内缴纳" in fee
    ctx.consultation["reply_due"] = D(2026, 4, 3)
    ctx.fee["pay_by"] = D(2026, 4, 8)
    assert "（即2026年4月3日前）" in "".join(p.text for p in texts.agency_parts(ctx))
    assert "（即2026年4月8日前）" in "".join(p.text for p in texts.fee_parts(ctx))


@pytest.mark.parametrize("channel,phrase", [
    ("in_person", "本机关于2026年3月6日收到您当面提交的政府信息公开申请"),
    ("registered_mail", "本机关于2026年3月6日收到您以挂号信函方式提交的政府信息公开申请"),
    ("ordinary_mail", "本机关于2026年3月6日（经与您确认）收到您以平常信函方式提交的政府信息公开申请"),
    ("online", "本机关于2026年3月6日（经与您确认）收到您通过互联网渠道提交的政府信息公开申请"),
])
def test_receipt_follows_article_31_for_the_channel(channel, phrase):
    text = "".join(p.text for p in texts.receipt_parts(context(channel=channel)))
    assert text.startswith(phrase) and "您于" not in text


def test_receipt_gives_the_request_number_a_line_of_its_own():
    """The applicant quotes the number to ask about the request: it stands in a short paragraph that never wraps."""
    parts = {p.key: p.text for p in texts.receipt_parts(context())}
    assert parts["number"] == "您的申请编号为2026-依申请-0002。"
    assert "2026-依申请-0002" not in parts["opening"]
