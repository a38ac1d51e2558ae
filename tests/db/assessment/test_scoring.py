"""Scoring from the records: the requests' and items' measures computed per unit from a known dataset, the points
proposed with the records behind them, an override kept with its reason, average and agreed figures."""
import pytest

from app.actor import system_actor
from app.assessment import rounds, scoring
from app.errors import ValidationError
from app.publication import review
from app.requests import decision, documents, measures, register
from app.publication import measures as item_measures
from db.models import Score
from tests.db.assessment.conftest import D, fill_scores
from tests.db.factories import person
from tests.db.publication.conftest import item_data
from tests.db.requests.test_notices import office_set  # noqa: F401  (a fixture)


@pytest.fixture
def dataset(staff, today, office_set):
    """办公室: one reply on time (its notice issued), one late; 财政所: one on time without its notice, one still
    open past its period (due 2026-06-01, today 2026-06-30)."""
    clerk = staff["clerk"]
    rid = {}
    for key, unit, received, text in (("a", "办公室", D(2026, 3, 6), "2025年农村危房改造补助资金发放名单"),
                                      ("b", "办公室", D(2026, 3, 6), "城关镇2025年度财政预算执行情况报告"),
                                      ("c", "财政所", D(2026, 3, 6), "2026年城乡居民医疗保险缴费标准文件"),
                                      ("d", "财政所", D(2026, 5, 4), "某某路道路拓宽工程征收补偿方案")):
        rid[key] = register.register(clerk, person(unit=unit, received_date=received, description=text))
    decision.decide(clerk, rid["a"]["id"], "disclose", D(2026, 3, 20), {"provided": "名单复印件"})
    decision.decide(clerk, rid["b"]["id"], "disclose", D(2026, 4, 20), {"provided": "报告"})
    decision.decide(clerk, rid["c"]["id"], "disclose", D(2026, 3, 25), {"provided": "文件"})
    documents.issue(clerk, rid["a"]["id"], "政府信息公开告知书")
    return rid


def test_request_measures_per_unit(dataset):
    assert (measures.on_time_pct(2026, "办公室"), measures.on_time_pct(2026, "财政所")) == (50.0, 100.0)
    assert measures.on_time_pct(2026, None) == 66.7
    assert measures.on_time_pct(2025, "办公室") is None  # nothing recorded: no proposal
    assert (measures.overdue(2026, "办公室"), measures.overdue(2026, "财政所")) == (1, 1)
    assert (measures.notice_missing(2026, "办公室"), measures.notice_missing(2026, "财政所")) == (1, 1)
    assert [n for n, _ in measures.overdue_records(2026, "办公室")] == [dataset["b"]["number"]]
    assert "尚未答复" in measures.overdue_records(2026, "财政所")[0][1]
    assert [n for n, _ in measures.notice_missing_records(2026, None)] == sorted(
        [dataset["b"]["number"], dataset["c"]["number"]])


def test_item_measures_per_unit(staff, today, tmp_path):
    from tests.db.publication.matrix import _item
    ctx = {"tmp": tmp_path}
    on_time = _item(ctx, "ready")  # 办公室, formed 2026-03-02: due within 20 working days
    review.publish(system_actor(), on_time, D(2026, 3, 20), "门户网站", "http://www.example.gov.cn/1")
    late = _item(ctx, "ready")
    review.publish(system_actor(), late, D(2026, 6, 1), "门户网站", "http://www.example.gov.cn/2")
    returned = _item(ctx, "secrecy")
    review.act(system_actor(), returned, "return", reason="含有个人身份证号码")
    assert item_measures.on_time_pct(2026, "办公室") == 50.0
    assert item_measures.on_time_pct(2026, "财政所") is None
    assert item_measures.secrecy_returns(2026, "办公室") == 1 and item_measures.secrecy_returns(2026, "财政所") == 0
    assert "保密审查退回" in item_measures.secrecy_return_records(2026, "办公室")[0][1]


def test_proposals_override_with_reason_and_the_records_behind(staff, dataset, checked):
    head = staff["head"]
    office_unit = rounds.round_detail(head, checked)["units"][0]
    sheet = scoring.score_sheet(head, office_unit["id"])
    rows = {r["title"]: r for r in sheet["rows"]}
    on_time = rows["按期答复率"]
    assert (on_time["figure"], on_time["proposed"]) == (50.0, 7.5)  # 15 points × 50 %
    overdue = rows["逾期答复"]
    assert (overdue["figure"], overdue["proposed"]) == (1, 8.0)  # 10 points less 2 per late reply
    assert [n for n, _ in scoring.records_behind(head, office_unit["id"], overdue["code"])] == [dataset["b"]["number"]]
    with pytest.raises(ValidationError, match="数据计算建议得分 7.5 分，给出其他分数应写明理由"):
        scoring.save_score(head, office_unit["id"], on_time["code"], "李华", 10)
    scoring.save_score(head, office_unit["id"], on_time["code"], "李华", 10, override_reason="迟复一件系邮寄延误，已核实")
    kept = Score.get((Score.indicator == on_time["code"]) & (Score.assessor == "李华"))
    assert (kept.points, kept.proposed, kept.figure, kept.override_reason) == (10, 7.5, 50.0, "迟复一件系邮寄延误，已核实")
    scoring.save_score(head, office_unit["id"], on_time["code"], "王强", 7.5)
    row = {r["code"]: r for r in scoring.score_sheet(head, office_unit["id"])["rows"]}[on_time["code"]]
    assert (row["average"], row["agreed"], row["used"]) == (8.75, None, 8.75)
    scoring.save_score(head, office_unit["id"], on_time["code"], "", 9, override_reason="小组商定")
    row = {r["code"]: r for r in scoring.score_sheet(head, office_unit["id"])["rows"]}[on_time["code"]]
    assert (row["average"], row["agreed"], row["used"]) == (8.75, 9, 8.75)  # the round counts the average
    rounds.update_plan(head, checked, {"combine": "agreed"})
    row = {r["code"]: r for r in scoring.score_sheet(head, office_unit["id"])["rows"]}[on_time["code"]]
    assert row["used"] == 9


def test_deductions_need_a_reason_and_an_assessor_of_the_group(staff, checked, dataset):
    head = staff["head"]
    unit = rounds.round_detail(head, checked)["units"][0]
    rows = {r["title"]: r for r in scoring.score_sheet(head, unit["id"])["rows"]}
    catalogue = rows["公开目录和指南"]
    item = catalogue["deductions"][0]
    with pytest.raises(ValidationError, match="应写明扣分原因"):
        scoring.save_score(head, unit["id"], catalogue["code"], "李华", 10, [{"code": item["code"], "count": 2}])
    with pytest.raises(ValidationError, match="“张三”不是考核小组成员"):
        scoring.save_score(head, unit["id"], catalogue["code"], "张三", 10)
    out = scoring.save_score(head, unit["id"], catalogue["code"], "李华", 10,
                             [{"code": item["code"], "count": 2, "reason": "3月、5月目录未更新"}])
    assert out["score"] == 8.0


def test_a_complete_unit_has_a_total_and_a_grade(staff, checked, dataset):
    head = staff["head"]
    unit = rounds.round_detail(head, checked)["units"][0]
    fill_scores(head, unit["id"])
    sheet = scoring.score_sheet(head, unit["id"])
    proposed = sum(r["proposed"] if r["proposed"] is not None else r["points"] for r in sheet["rows"] if not r["bonus"])
    assert sheet["total"] == round(proposed, 2)
    ranked = {r["unit"]: r for r in scoring.summary(head, checked)}
    assert ranked["办公室"]["rank"] == 1 and ranked["办公室"]["grade"] in ("优胜", "先进", "合格", "不合格")
    assert ranked["财政所"]["total"] is None and ranked["财政所"]["rank"] is None
