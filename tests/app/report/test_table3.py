"""Table 三 from constructed registers: known counts, every leaf and applicant type, year ends, the 勾稽 check."""
import datetime as dt
import itertools

from app.report import labels
from app.report.table3 import Facts, compute
from app.requests import catalog

D = dt.date
TYPES = list(catalog.APPLICANT_TYPES)


def facts_list():
    """For 2025: per outcome code one request per applicant type, received and concluded in 2025; plus requests
    that span year ends."""
    ids = itertools.count(1)
    out = []
    for outcome in catalog.OUTCOMES:
        for t in TYPES:
            i = next(ids)
            out.append(Facts(i, f"N{i}", t, D(2025, 3, 1), D(2025, 3, 20), outcome))
    # carried in from 2024: one concluded in 2025, one still open at the end of 2025
    out.append(Facts(next(ids), "C1", "natural", D(2024, 12, 20), D(2025, 1, 10), "disclose"))
    out.append(Facts(next(ids), "C2", "commercial", D(2024, 12, 28), None, None))
    # received in 2025, concluded in 2026 -> carried out
    out.append(Facts(next(ids), "C3", "research", D(2025, 12, 24), D(2026, 1, 8), "partial"))
    # concluded before 2025: not in the 2025 report at all
    out.append(Facts(next(ids), "C4", "natural", D(2024, 5, 1), D(2024, 5, 20), "disclose"))
    # received in 2026: not in 2025
    out.append(Facts(next(ids), "C5", "natural", D(2026, 1, 5), None, None))
    return out


def test_known_table_2025():
    t = compute(facts_list(), 2025, labels.FORMAT_2021)
    n_out = len(catalog.OUTCOMES)
    assert t.values("new") == [n_out + 0, n_out, n_out + 1, n_out, n_out, n_out, 6 * n_out + 1]
    assert t.values("carried_in") == [1, 1, 0, 0, 0, 0, 2]
    # 予以公开 counts disclose and disclose_proactive (条例第三十六条第（一）（二）项), plus C1
    assert t.values("disclose") == [3, 2, 2, 2, 2, 2, 13]
    assert t.values("unable_1") == [2] * 6 + [12]  # 不存在 and 非本机关 both count as 本机关不掌握
    assert t.values("other_3") == [2] * 6 + [12]  # 其他 and the special registries (条例第三十六条第（七）项)
    for leaf in ("partial", "refuse_1", "refuse_8", "unable_2", "unable_3", "reject_1", "reject_5", "other_1",
                 "other_2"):
        assert t.values(leaf) == [1] * 6 + [6], leaf
    assert t.values("total") == [n_out + 1] + [n_out] * 5 + [6 * n_out + 1]
    assert t.values("carried_out") == [0, 1, 1, 0, 0, 0, 2]
    assert t.check() == [] and t.problems == []
    assert t.request_ids("carried_out", "research") == [next(f.id for f in facts_list() if f.number == "C3")]


def test_year_2026_takes_over_what_2025_carried():
    t = compute(facts_list(), 2026, labels.FORMAT_2021)
    assert t.value("carried_in", "total") == 2  # C2 (still open) and C3
    assert t.value("new", "total") == 1  # C5
    assert t.value("partial", "research") == 1  # C3 concluded in 2026
    assert t.value("carried_out", "total") == 2  # C2 and C5
    assert t.check() == []


def test_every_column_balances_for_every_year():
    facts = facts_list()
    for year in (2024, 2025, 2026):
        assert compute(facts, year, labels.FORMAT_2021).check() == []


def test_inconsistent_register_is_caught_not_fixed():
    facts = facts_list() + [
        Facts(900, "BAD1", "natural", D(2025, 6, 1), D(2025, 5, 1), "disclose"),  # answered before it arrived
        Facts(901, "BAD2", "legal_service", D(2025, 6, 1), D(2025, 6, 9), None),  # answered without an outcome
        Facts(902, "BAD3", "外星", D(2025, 6, 1), None, None),  # unknown applicant type
        Facts(903, "BAD4", "natural", D(2025, 6, 1), D(2024, 12, 1), "disclose"),  # "answered" the year before
    ]
    t = compute(facts, 2025, labels.FORMAT_2021)
    assert set(t.check()) == {"自然人", "法律服务机构", "总计"}  # BAD4 and BAD2
    reasons = {p.number: p.reason for p in t.problems}
    assert "早于收到日期" in reasons["BAD1"]  # balanced in the count, still wrong: named
    assert "早于收到日期" in reasons["BAD4"]
    assert "没有办理结果" in reasons["BAD2"]
    assert "不是年度报告的申请人类别" in reasons["BAD3"]
    good = compute(facts_list(), 2025, labels.FORMAT_2021)
    assert t.value("new", "natural") == good.value("new", "natural") + 2  # counted as recorded, not adjusted


def test_trial_format_has_a_single_other_row():
    t = compute(facts_list(), 2020, labels.FORMAT_TRIAL)
    keys = [k for k, _, _ in t.rows]
    assert "other" in keys and "other_1" not in keys
    t25 = compute(facts_list(), 2025, labels.FORMAT_TRIAL)
    assert t25.values("other") == [4] * 6 + [24]
    assert t25.check() == []


def test_row_labels_are_the_official_ones():
    rows = labels.table3_rows(labels.FORMAT_2021)
    texts = [label for _, label, _ in rows]
    assert texts[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开"]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in texts
    assert "3.危及“三安全一稳定”" in texts
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in texts
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in texts
    assert texts[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    groups = {g for _, _, g in rows if g}
    assert groups == {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}
    assert labels.COLUMNS == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_a_voided_registration_counts_in_no_row_and_no_year():
    """作废: registered by mistake, so neither received nor carried nor concluded in any year."""
    facts = facts_list()
    voided = [Facts(900, "V1", "natural", D(2024, 12, 30), None, None, "voided"),
              Facts(901, "V2", "commercial", D(2025, 6, 2), None, None, "voided")]
    for year in (2024, 2025, 2026):
        plain, with_voided = compute(facts, year, labels.FORMAT_2021), compute(facts + voided, year, labels.FORMAT_2021)
        assert with_voided.cells == plain.cells and with_voided.problems == [] and with_voided.check() == []
