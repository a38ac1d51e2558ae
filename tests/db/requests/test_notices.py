"""Every document of a request: issued through the engine, read back from the PDF with its citation, fonts embedded,
numbered with a 文号 where it carries one, stored and re-issued as a new version with the same 文号."""
import datetime as dt
import json

import pytest

from app import settings
from app.errors import ValidationError
from app.requests import catalog, consultation, decision, documents, fees_service, handling, register
from db.models import IssuedDocument
from tests.app.printing.helpers import pdffonts, pdftotext, squeeze
from tests.db.factories import person
from tests.db.requests.test_decision import GOOD_DETAIL

D = dt.date
REGULATION = "《中华人民共和国政府信息公开条例》"


@pytest.fixture
def office_set(staff):
    from app import office
    office.save_profile(staff["admin"], {"name": "某某县人民政府办公室", "phone": "0878-3123456"})
    settings.set_many(staff["admin"], {"remedy.review_body": "某某县人民政府", "remedy.court": "某某县人民法院",
                                       "office.abbreviation": "某"})


def text_of(pdf: bytes) -> str:
    return squeeze(pdftotext(pdf)).replace("（", "(").replace("）", ")")


def norm(s: str) -> str:
    return squeeze(s).replace("（", "(").replace("）", ")")


@pytest.mark.parametrize("outcome", [o for o in catalog.OUTCOMES])
def test_every_outcome_prints_its_notice_with_its_citation(staff, today, office_set, tmp_path, outcome):
    clerk = staff["clerk"]
    earlier = register.register(clerk, person(received_date=D(2026, 2, 2)))
    decision.decide(clerk, earlier["id"], "disclose", D(2026, 2, 10), {"provided": "名单"})
    out = register.register(clerk, person())
    rid = out["id"]
    if outcome == "other_1":
        handling.request_correction(clerk, rid, "请写明所需名单的村别", D(2026, 3, 9))
        handling.correction_lapsed(clerk, rid, D(2026, 4, 1))
    elif outcome == "other_2":
        for day in range(2, 6):
            register.register(clerk, person(received_date=D(2026, 3, day), description=f"第{day}号文件全文"))
        fees_service.fee_notice(clerk, rid, "per_volume", 60, D(2026, 3, 9))
        fees_service.record_delivery(clerk, rid, "in_person", D(2026, 3, 9))
        fees_service.fee_lapsed(clerk, rid, D(2026, 4, 9))
    else:
        d = dict(GOOD_DETAIL.get(outcome, {"reason": "经查属于该情形"}))
        if outcome == "reject_2":
            d["duplicate_of"] = earlier["number"]
        decision.decide(clerk, rid, outcome, D(2026, 3, 20), d)
    o = catalog.OUTCOMES[outcome]
    issued = documents.issue(clerk, rid, o.notice)
    text = text_of(issued["pdf"])
    assert norm(o.notice) in text
    assert out["number"] in text and "陈小红" in text
    assert issued["doc_number"] and norm(issued["doc_number"]) in text  # 某政公开〔2026〕N号
    if o.basis and outcome != "partial":
        assert norm(catalog.basis_sentence(o)) in text, (outcome, text)
    if outcome == "partial":  # 第三十七条 with the withheld part's ground
        assert norm(f"根据{REGULATION}第三十七条及第十五条的规定") in text
    if o.review_first:
        assert norm("应当先向某某县人民政府申请行政复议") in text and "六个月内" not in text  # 行政复议前置
    elif outcome != "other_3":
        assert "六个月内向某某县人民法院提起行政诉讼" in text
    assert all(f["emb"] == "yes" for f in pdffonts(issued["pdf"], tmp_path))


def test_all_other_documents(staff, today, office_set, tmp_path):
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    rid = out["id"]
    handling.start(clerk, rid)
    for day in range(2, 6):
        register.register(clerk, person(received_date=D(2026, 3, day), description=f"第{day}号文件全文"))
    handling.extend(clerk, rid, 20, "李华", D(2026, 3, 30), "需要调取历年档案")
    t = consultation.consult(clerk, rid, "third_party", "某某建设工程有限公司", "中标报价明细", D(2026, 3, 31))
    consultation.record_reply(clerk, t["id"], "disagree", D(2026, 4, 8), reason="商业秘密",
                              decision="public_interest", decision_note="工程质量关系公共安全")
    consultation.consult(clerk, rid, "agency", "某某县财政局", "共同印发的资金分配方案", D(2026, 4, 9))
    expected = {
        "申请登记表": ["政府信息公开申请登记表", "11010519491231002X", "2025年城关镇农村危房改造补助资金发放名单"],
        "登记回执": ["第三十三条第二款", "该条第三款", "2026年4月3日", "收到您当面提交的政府信息公开申请"],
        "延期答复告知书": ["第三十三条第二款", "延长20个工作日", "需要调取历年档案"],
        "第三方征求意见书": ["第三十二条", "某某建设工程有限公司", "中标报价明细"],
        "征求意见告知书": ["第三十三条第三款", "不计算在答复期限内"],
        "共同制作机关征求意见书": ["第三十四条", "视为同意公开", "某某县财政局"],
        "第三方公开决定告知书": ["第三十二条", "工程质量关系公共安全"],
    }
    for kind, needles in expected.items():
        chosen = t["id"] if kind == "征求意见告知书" else None  # the third party's, not the later agency's
        issued = documents.issue(clerk, rid, kind, consultation_id=chosen)
        text = text_of(issued["pdf"])
        if kind == "登记回执":  # the number on one printed line
            assert any(out["number"] in line for line in pdftotext(issued["pdf"]).splitlines())
        for n in needles:
            assert norm(n) in text, (kind, n)
        assert bool(issued["doc_number"]) == documents.KINDS[kind].uses_number
        assert "陈小红" not in text or documents.KINDS[kind].addressee != "party"  # third parties never see who asked
    # 补正告知书 and 收费通知书 on a second request
    other = register.register(clerk, person(received_date=D(2026, 3, 6), description="第6号文件全文"))
    handling.request_correction(clerk, other["id"], "请写明文件的年度", D(2026, 3, 9))
    text = text_of(documents.issue(clerk, other["id"], "补正告知书")["pdf"])
    assert norm("第三十条") in text and "请写明文件的年度" in text
    third = register.register(clerk, person(received_date=D(2026, 3, 6), description="第7号文件全文"))
    fees_service.fee_notice(clerk, third["id"], "per_volume", 45, D(2026, 3, 9))
    text = text_of(documents.issue(clerk, third["id"], "收费通知书")["pdf"])
    assert "国办函〔2020〕109号" in squeeze(pdftotext(documents.issue(clerk, third["id"], "收费通知书")["pdf"]))
    assert "150元" in text  # 15 pages over 30, 10 元 each


def test_service_receipt_after_delivery(staff, today, office_set):
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    decision.decide(clerk, out["id"], "disclose", D(2026, 3, 20), {"provided": "名单"})
    reply = documents.issue(clerk, out["id"], "政府信息公开告知书")
    handling.deliver(clerk, out["id"], "post", D(2026, 3, 21), "XA123456789CN", "陈小红")
    text = text_of(documents.issue(clerk, out["id"], "送达回证")["pdf"])
    assert "送达回证" in text and norm(reply["doc_number"]) in text and "XA123456789CN" in text


def test_unavailable_notice_is_refused_with_the_reason(staff, registered):
    with pytest.raises(ValidationError, match="尚未延长答复期限"):
        documents.issue(staff["clerk"], registered["id"], "延期答复告知书")
    with pytest.raises(ValidationError, match="尚未作出答复决定"):
        documents.issue(staff["clerk"], registered["id"], "不予公开告知书")
    with pytest.raises(ValidationError, match="没有“结婚证”这种文书"):
        documents.issue(staff["clerk"], registered["id"], "结婚证")


def test_clerk_edits_and_reissue_keeps_the_number(staff, today, office_set):
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    decision.decide(clerk, out["id"], "refuse_4", D(2026, 3, 20), {"reason": "涉及第三方个人隐私"})
    parts = documents.editable_parts(clerk, out["id"], "不予公开告知书")
    assert [p.key for p in parts if not p.editable] == ["remedy"]
    first = documents.issue(clerk, out["id"], "不予公开告知书")
    second = documents.issue(clerk, out["id"], "不予公开告知书",
                             {"decision": "经审查，您申请的名单含有他人身份证号码，公开会损害第三方合法权益。根据"
                                          "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条的规定，本机关决定不予公开。"})
    assert second["doc_number"] == first["doc_number"] and second["version"] == 2
    assert "他人身份证号码" in squeeze(pdftotext(second["pdf"]))
    assert documents.stored_pdf(clerk, second["id"]) == second["pdf"]
    with pytest.raises(ValidationError, match="不能为空"):
        documents.issue(clerk, out["id"], "不予公开告知书", {"decision": "  "})
    documents.record_output(clerk, second["id"], "打印")
    assert documents.list_for(out["id"])[-1]["outputs"][0]["how"] == "打印"
    assert IssuedDocument.select().count() == 2
    docx = __import__("app.printing", fromlist=["render_docx"]).render_docx(documents.stored_document(clerk, second["id"]))
    assert docx[:2] == b"PK"


def test_no_notice_without_an_issuer(staff, today):
    """The office's name signs every notice; the 文号 needs the abbreviation its format uses; a reply's remedy names
    the 复议机关 and the court (行政复议法第二十四条). Each is asked for by name, with where to fill it in."""
    from app import office
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    with pytest.raises(ValidationError, match="机关名称") as err:
        documents.issue(clerk, out["id"], "登记回执")
    assert "系统管理 → 机关信息" in str(err.value)
    office.save_profile(staff["admin"], {"name": "某某县人民政府办公室"})
    assert documents.issue(clerk, out["id"], "登记回执")["pdf"]
    decision.decide(clerk, out["id"], "disclose", D(2026, 3, 20), {"provided": "名单"})
    with pytest.raises(ValidationError) as err:
        documents.issue(clerk, out["id"], "政府信息公开告知书")
    assert [f for f, _ in err.value.problems] == ["机关简称（用于文号）", "行政复议机关", "管辖的人民法院"]
    assert "系统管理 → 系统设置 → 救济途径" in str(err.value)
    settings.set_many(staff["admin"], {"office.abbreviation": "某", "remedy.review_body": "某某县人民政府",
                                       "remedy.court": "某某县人民法院"})
    assert documents.issue(clerk, out["id"], "政府信息公开告知书")["doc_number"] == "某政公开〔2026〕1号"


def test_a_stored_remedy_that_is_wrong_in_law_stops_the_notice(staff, today, office_set):
    """A remedy text saved by an earlier version ("可以…申请行政复议") is refused when a refusal is issued."""
    from db.models import Setting
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    decision.decide(clerk, out["id"], "refuse_4", D(2026, 3, 20), {"reason": "涉及第三方个人隐私"})
    old = ("申请人如对本告知不服，可以自收到本告知书之日起六十日内向{复议机关}申请行政复议；"
           "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。")
    with pytest.raises(ValidationError, match="应当先"):
        settings.set_many(staff["admin"], {"remedy.refuse": old})
    Setting.create(key="remedy.refuse", value=json.dumps(old, ensure_ascii=False), updated_at=dt.datetime(2025, 1, 1))
    with pytest.raises(ValidationError, match="救济告知：不予公开"):
        documents.issue(clerk, out["id"], "不予公开告知书")


def test_remedy_settings_enforce_review_first_exactly(staff):
    choice = settings.OPTIONS["remedy.disclose"].default
    first = settings.OPTIONS["remedy.refuse"].default
    for group in ("partial", "refuse"):
        with pytest.raises(ValidationError, match="应当先"):
            settings.set_many(staff["admin"], {f"remedy.{group}": choice})
    for group in ("disclose", "query", "unable", "reject", "other"):
        with pytest.raises(ValidationError, match="不适用行政复议前置"):
            settings.set_many(staff["admin"], {f"remedy.{group}": first})
    settings.set_many(staff["admin"], {"remedy.query": choice, "remedy.refuse": first})
