"""答复决定: exactly one outcome from the annual-report taxonomy, with what its notice needs."""
import datetime as dt

import pytest

from app.errors import ValidationError
from app.requests import catalog, decision, register
from db.models import Request

from tests.db.factories import person

D = dt.date

GOOD_DETAIL = {
    "disclose": {"provided": "名单复印件3页，邮寄"},
    "disclose_proactive": {"provided": "县政府门户网站“政府信息公开—财政资金”栏目"},
    "partial": {"provided": "资金总额和分配方案", "withheld": "个人身份证号码和银行账号", "grounds": ["refuse_4"],
                "reason": "涉及个人隐私"},
    "unable_not_ours": {"agency": "某某县住房和城乡建设局", "agency_contact": "0878-3100000"},
    "reject_2": {"duplicate_of": None},  # filled in by the test
    "special_registry": {"guidance": "向县不动产登记中心申请查询"},
}


@pytest.mark.parametrize("outcome", [o for o in catalog.OUTCOMES if o not in ("other_1", "other_2")])
def test_every_outcome_can_be_decided_and_counts_under_its_leaf(staff, today, outcome):
    clerk = staff["clerk"]
    earlier = register.register(clerk, person(received_date=D(2026, 2, 2)))
    decision.decide(clerk, earlier["id"], "disclose", D(2026, 2, 10), {"provided": "名单"})
    out = register.register(clerk, person())
    d = dict(GOOD_DETAIL.get(outcome, {"reason": "经查属于该情形"}))
    if outcome == "reject_2":
        d["duplicate_of"] = earlier["number"]
    decision.decide(clerk, out["id"], outcome, D(2026, 3, 20), d)
    r = Request.get_by_id(out["id"])
    assert r.outcome == outcome and r.state == "replied"
    assert catalog.OUTCOMES[outcome].leaf in catalog.LEAF_LABELS


@pytest.mark.parametrize("outcome,detail,field", [
    ("disclose", {}, "提供的信息及方式"),
    ("partial", {"provided": "a", "withheld": "b", "reason": "c"}, "不予公开部分的理由类别"),
    ("refuse_1", {}, "理由"),
    ("reject_2", {"duplicate_of": "2026-依申请-9999"}, "此前申请的编号"),
    ("special_registry", {}, "办理途径"),
    ("nonsense", {}, "办理结果"),
    ("other_1", {"reason": "x"}, "办理结果"),
])
def test_missing_decision_details_are_named(staff, registered, outcome, detail, field):
    with pytest.raises(ValidationError) as err:
        decision.decide(staff["clerk"], registered["id"], outcome, D(2026, 3, 20), detail)
    assert err.value.problems[0][0] == field
    assert Request.get_by_id(registered["id"]).state == "registered"


def test_repeat_of_an_unanswered_request_is_not_a_repeat(staff, today):
    clerk = staff["clerk"]
    first = register.register(clerk, person(received_date=D(2026, 3, 2)))
    second = register.register(clerk, person())
    with pytest.raises(ValidationError, match="尚未答复"):
        decision.decide(clerk, second["id"], "reject_2", D(2026, 3, 20), {"duplicate_of": first["number"]})


def test_taxonomy_matches_the_annual_report():
    leaves = [label for _, _, label in catalog.REPORT_LEAVES]
    assert len(leaves) == 21
    assert leaves[0] == "（一）予以公开" and leaves[-1] == "3.其他"
    used = {o.leaf for o in catalog.OUTCOMES.values()}
    assert used == {code for code, _, _ in catalog.REPORT_LEAVES}  # every leaf is reachable


def test_refusals_cite_article_36_3_with_the_ground():
    assert catalog.basis_sentence(catalog.OUTCOMES["refuse_4"]) == \
        "根据《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条的规定"
    assert catalog.OUTCOMES["refuse_6"].basis.endswith("第十六条第二款")
    assert catalog.OUTCOMES["unable_not_ours"].basis == "第三十六条第（五）项"
    assert catalog.OUTCOMES["partial"].review_first and catalog.OUTCOMES["refuse_1"].review_first
    assert not catalog.OUTCOMES["disclose"].review_first and not catalog.OUTCOMES["refuse_8"].review_first


@pytest.mark.parametrize("other", [
    {"applicant_name": "李四"},  # another person's name
    {"id_number": "110105194912310038"},  # the same name, another ID card
])
def test_repeat_must_be_the_same_applicants_earlier_request(staff, today, other):
    """条例第三十六条第（六）项: a 重复申请 notice names the earlier request, which must be the applicant's own."""
    clerk = staff["clerk"]
    theirs = register.register(clerk, person(received_date=D(2026, 2, 2), **other))
    decision.decide(clerk, theirs["id"], "disclose", D(2026, 2, 10), {"provided": "名单"})
    mine = register.register(clerk, person())
    with pytest.raises(ValidationError, match="其他申请人"):
        decision.decide(clerk, mine["id"], "reject_2", D(2026, 3, 20), {"duplicate_of": theirs["number"]})
    own = register.register(clerk, person(received_date=D(2026, 2, 3)))
    decision.decide(clerk, own["id"], "disclose", D(2026, 2, 11), {"provided": "名单"})
    decision.decide(clerk, mine["id"], "reject_2", D(2026, 3, 20), {"duplicate_of": own["number"]})


def test_repeat_of_a_later_request_is_refused(staff, today):
    clerk = staff["clerk"]
    first = register.register(clerk, person(received_date=D(2026, 3, 2)))
    later = register.register(clerk, person(received_date=D(2026, 3, 9)))
    decision.decide(clerk, later["id"], "disclose", D(2026, 3, 10), {"provided": "名单"})
    with pytest.raises(ValidationError, match="晚于本申请"):
        decision.decide(clerk, first["id"], "reject_2", D(2026, 3, 20), {"duplicate_of": later["number"]})


def test_administrative_query_needs_its_ground(staff, registered):
    with pytest.raises(ValidationError, match="行政查询事项"):
        decision.decide(staff["clerk"], registered["id"], "refuse_8", D(2026, 3, 20), {"reason": " "})
