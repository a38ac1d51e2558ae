"""The guide's text is made from the facts it is given: no figure is written in the code."""
import datetime as dt

from app.guide.facts import LABELS, changes
from app.guide.text import build, plain_text
from app.printing.document import Heading


def facts(**over):
    f = {key: "" for key in LABELS}
    f.update({"office.name": "某某镇人民政府", "office.address": "某某镇人民路1号", "office.phone": "0871-12345678",
              "categories": ["机构职能", "工作动态"], "channels": ["门户网站", "其他"], "units": ["党政办", "财政所"],
              "publish_days": 20, "reply_days": 20, "extension_days": 20, "correction_notice_days": 7,
              "consultation_days": 15, "fee_payment_days": 20, "fee_stops_clock": True, "waivers": [],
              "waiver_rule": "", "review_body": "某某县人民政府", "court": "某某县人民法院",
              "remedy_refuse": "申请人如对本告知不服，应当先向{复议机关}申请行政复议，并自收到本告知书之日起六十日内提出；"
                               "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。",
              "remedy_unable": "申请人如对本告知不服，可以自收到本告知书之日起六十日内向{复议机关}申请行政复议，"
                               "也可以自收到本告知书之日起六个月内向{人民法院}提起行政诉讼。"})
    f.update(over)
    return f


def test_the_guide_states_the_office_and_the_procedure():
    text = plain_text(build(facts(), {}, dt.date(2026, 12, 1)))
    for words in ("某某镇人民政府政府信息公开指南", "某某镇人民路1号", "0871-12345678", "20个工作日内予以答复",
                  "最长不超过20个工作日", "党政办、财政所", "1.机构职能；2.工作动态", "应当先向某某县人民政府申请行政复议",
                  "向某某县人民法院提起行政诉讼", "第三十一条", "国办函〔2020〕109号", "第11件至第30件每件100元"):
        assert words in text, words
    assert "其他等渠道" not in text


def test_the_figures_follow_the_facts():
    text = plain_text(build(facts(reply_days=15, extension_days=15, fee_stops_clock=False), {}, dt.date(2026, 12, 1)))
    assert "自收到申请之日起15个工作日内予以答复" in text and "最长不超过15个工作日" in text
    assert "20个工作日内予以答复" not in text and "不计算在答复期限内（本机关规定）" not in text


def test_waivers_are_the_offices_rule_for_natural_persons():
    text = plain_text(build(facts(waivers=["农村五保户"], waiver_rule="《某某县依申请公开制度》第八条"), {},
                         dt.date(2026, 12, 1)))
    assert "依照《某某县依申请公开制度》第八条，申请人为自然人且属于下列情形之一的" in text


def test_office_paragraphs_and_version_mark():
    doc = build(facts(), {"duties": "党政办负责日常工作。\n\n财政所负责财政信息。", "other": ""}, dt.date(2026, 12, 1),
                version=3)
    text = plain_text(doc)
    assert "党政办负责日常工作。" in text and "财政所负责财政信息。" in text and "其他事项" not in text
    assert doc.notes == ("第3版",) and doc.status_mark == ""
    assert build(facts(), {}, dt.date(2026, 12, 1), draft=True).status_mark == "草稿（未印发）"
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings[:4] == ["一、机构设置和职能", "二、主动公开", "三、依申请公开", "四、监督和救济"]


def test_changes_name_each_fact():
    old = facts()
    assert changes(old, facts()) == []
    assert changes(old, facts(reply_days=15, units=["党政办"])) == [
        ("科室（股室）", "党政办、财政所", "党政办"), ("答复期限（工作日）", "20", "15")]
