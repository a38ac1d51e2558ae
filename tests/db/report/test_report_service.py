"""The annual report built from the register and the office's entries."""
import datetime as dt
import json

import pytest

from app import settings
from app.errors import PermissionDenied, ValidationError
from app.report import labels, output, service
from app.requests import decision, register, review_cases
from tests.db.factories import company, person

D = dt.date


def test_tables_from_the_register(staff, year_2025):
    r = service.build(staff["leader"], 2025)
    t = r.table3
    assert t.values("new") == [2, 1, 0, 0, 0, 0, 3]
    assert t.values("carried_in") == [1, 0, 0, 0, 0, 0, 1]
    assert t.values("disclose") == [1, 0, 0, 0, 0, 0, 1]
    assert t.values("refuse_4") == [0, 1, 0, 0, 0, 0, 1]
    assert t.values("other_3") == [1, 0, 0, 0, 0, 0, 1]
    assert t.values("carried_out") == [1, 0, 0, 0, 0, 0, 1]
    assert t.check() == []
    assert r.table4[("reconsideration", "upheld")] == 1
    assert r.table4[("direct", "pending")] == 1  # its result came in 2026
    assert r.table4[("after_reconsideration", "pending")] == 1
    assert r.table4[("direct", "total")] == 1


def test_cell_lists_its_requests(staff, year_2025):
    rows = service.cell_requests(staff["leader"], 2025, "refuse_4", "total")
    assert [x["number"] for x in rows] == [year_2025["b"]["number"]]
    assert rows[0]["outcome_label"] == "不予公开：保护第三方合法权益"


def test_entries_validated_and_saved_per_year(staff, year_2025):
    head = staff["head"]
    with pytest.raises(ValidationError) as err:
        service.save_entries(head, 2025, {"rules.issued": "-1", "fees.amount": "1.234567", "licensing.decisions": "三"})
    fields = [f for f, _ in err.value.problems]
    assert fields == ["规章（本年制发件数）", "行政事业性收费（本年收费金额（单位：万元））", "行政许可（本年处理决定数量）"]
    service.save_entries(head, 2025, {"rules.issued": "2", "fees.amount": "12.5", "text.overview": "总体良好"})
    r = service.build(head, 2025)
    assert r.table2["rules.issued"].value == 2 and str(r.table2["fees.amount"].value) == "12.5"
    assert r.texts["overview"] == "总体良好"
    assert service.build(head, 2024).texts["overview"] == ""
    with pytest.raises(ValidationError, match="不是本年度报告格式"):
        service.save_entries(head, 2020, {"rules.issued": 1})  # 2020 uses the trial format's items
    service.save_entries(head, 2020, {"trial.licensing.change": "-3"})
    with pytest.raises(PermissionDenied):
        service.save_entries(staff["leader"], 2025, {"rules.issued": 1})


def test_a_module_can_provide_a_figure(staff, year_2025):
    service.register_provider("normative.issued", lambda year: 7)
    try:
        r = service.build(staff["head"], 2025)
        assert r.table2["normative.issued"].value == 7 and r.table2["normative.issued"].computed
        with pytest.raises(ValidationError, match="由系统根据登记数据计算"):
            service.save_entries(staff["head"], 2025, {"normative.issued": 3})
    finally:
        service.unregister_provider("normative.issued")


def test_json_has_the_official_labels_and_balances(staff, year_2025):
    data = output.to_json(service.build(staff["leader"], 2025))
    text = json.dumps(data, ensure_ascii=False)
    for label in ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理", "（七）总计",
                  "第二十条第（一）项", "本年收费金额（单位：万元）", "行政规范性文件", "未经复议直接起诉", "复议后起诉", "尚未审结",
                  "三、收到和处理政府信息公开申请情况", labels.TABLE3_NOTE]:
        assert label in text, label
    rows = {r["label"]: r["values"] for r in data["table3"]["rows"]}
    for col in range(7):
        assert rows["一、本年新收政府信息公开申请数量"][col] + rows["二、上年结转政府信息公开申请数量"][col] == \
            rows["（七）总计"][col] + rows["四、结转下年度继续办理"][col]
    assert data["table3"]["check"]["ok"]


def test_drafts_use_the_data(staff, year_2025, frozen_clock):
    from app.requests import fees_service
    d = service.drafts(staff["head"], 2025)
    assert "新收政府信息公开申请3件" in d["overview"] and "上年结转1件" in d["overview"]
    assert "未收取信息处理费" in d["other"]
    assert "复议" in d["other"]
    assert fees_service.collected(2025) == 0


def test_reminder_from_december(db, system):
    assert service.reminder(D(2026, 11, 30)) is None
    assert "2026年政府信息公开工作年度报告应于 2027-01-31 前" in service.reminder(D(2026, 12, 1))
    assert "还有30天" in service.reminder(D(2027, 1, 1))
    assert service.reminder(D(2027, 2, 1)) is None
    settings.set_many(system, {"report.deadline": "03-31"})
    assert "2027-03-31" in service.reminder(D(2027, 2, 1))
    with pytest.raises(ValidationError, match="月-日"):
        settings.set_many(system, {"report.deadline": "31/01"})


def test_review_case_validation(staff, year_2025):
    c = staff["clerk"]
    with pytest.raises(ValidationError) as err:
        review_cases.create(c, {"kind": "litigation", "filed_date": "2025-02-30", "result": "upheld"})
    fields = [f for f, _ in err.value.problems]
    assert "起诉方式" in fields and "立案（受理）日期" in fields and "审结日期" in fields
    with pytest.raises(ValidationError, match="找不到申请"):
        review_cases.create(c, {"kind": "reconsideration", "filed_date": D(2025, 1, 1), "request_number": "X"})
    with pytest.raises(PermissionDenied):
        review_cases.create(staff["leader"], {"kind": "reconsideration", "filed_date": D(2025, 1, 1)})


def test_review_case_texts_follow_the_text_rules(staff, year_2025):
    from db.models import ReviewCase
    c = staff["clerk"]
    before = ReviewCase.select().count()
    with pytest.raises(ValidationError) as err:
        review_cases.create(c, {"kind": "reconsideration", "filed_date": D(2025, 1, 1), "body": "县人民政府\x0b办公室",
                                "case_number": "某复〔2025〕" + "1" * 100, "note": "已答辩😀"})
    assert [f for f, _ in err.value.problems] == ["案号", "复议机关或人民法院", "备注"]
    assert ReviewCase.select().count() == before
    case_id = review_cases.create(c, {"kind": "reconsideration", "filed_date": D(2025, 1, 1),
                                      "body": " 县人民政府 ", "note": "已答辩\r\n待审理"})
    case = ReviewCase.get_by_id(case_id)
    assert (case.body, case.note) == ("县人民政府", "已答辩\n待审理")


def test_pdf_docx_and_xlsx_read_back(staff, year_2025, tmp_path):
    import docx
    import openpyxl

    from tests.app.printing.helpers import pdffonts, pdftotext, squeeze
    service.save_entries(staff["head"], 2025, {"text.overview": "2025年本机关依法做好政府信息公开工作。",
                                               "rules.issued": 2})
    report = service.build(staff["leader"], 2025)
    pdf = output.to_pdf(report)
    text = squeeze(pdftotext(pdf))
    for label in ("2025年政府信息公开工作年度报告", "一、总体情况", "2025年本机关依法做好政府信息公开工作。",
                  "三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "（七）总计",
                  "四、结转下年度继续办理", "4.保护第三方合法权益", "未经复议直接起诉", "六、其他需要报告的事项"):
        assert squeeze(label) in text, label
    assert all(f["emb"] == "yes" for f in pdffonts(pdf, tmp_path))
    path = tmp_path / "r.docx"
    path.write_bytes(output.to_docx(report))
    document = docx.Document(str(path))
    words = "".join(p.text for p in document.paragraphs)
    cells = "".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "一、总体情况" in words and "2025年本机关依法做好政府信息公开工作。" in words
    assert "一、本年新收政府信息公开申请数量" in cells and "行政规范性文件" in cells and "复议后起诉" in cells
    out = tmp_path / "r.xlsx"
    output.to_xlsx(report, str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["二、主动公开", "三、申请情况", "四、复议诉讼"]
    rows = list(wb["三、申请情况"].iter_rows(values_only=True))
    new_row = next(r for r in rows if r[0] == "一、本年新收政府信息公开申请数量")
    assert list(new_row[-7:]) == [2, 1, 0, 0, 0, 0, 3]


def test_table3_counted_in_sql_equals_counting_each_request(staff, today):
    """The database counts the clean rows, ``compute`` names the odd ones: the same table, the same ids per cell, as
    counting every request of the register one by one; rows settled before the year are not read."""
    from app.report import labels, service
    from app.report.table3 import compute
    from db.models import Request
    clerk = staff["clerk"]
    old = register.register(clerk, person(received_date=D(2024, 3, 4)))
    decision.decide(clerk, old["id"], "disclose", D(2024, 3, 20), {"provided": "名单"})
    carried = register.register(clerk, person(received_date=D(2024, 12, 20), description="道路硬化工程资金"))
    decision.decide(clerk, carried["id"], "partial", D(2025, 1, 10),
                    {"provided": "明细", "withheld": "个人信息", "grounds": ["refuse_4"], "reason": "涉及个人隐私"})
    this_year = register.register(clerk, company(received_date=D(2025, 5, 6), description="环评报告"))
    decision.decide(clerk, this_year["id"], "disclose", D(2025, 5, 20), {"provided": "报告"})
    register.register(clerk, person(received_date=D(2025, 12, 30), description="预算执行情况"))  # carried out
    later = register.register(clerk, person(received_date=D(2026, 2, 2), description="危房改造名单"))
    odd = register.register(clerk, person(received_date=D(2025, 7, 1), description="招标文件"))
    Request.update(decided_date=D(2025, 6, 1), outcome="disclose").where(Request.id == odd["id"]).execute()
    assert {f.id for f in service._facts(2025)} >= {carried["id"], this_year["id"], odd["id"]}
    assert old["id"] not in {f.id for f in service._facts(2025)} and later["id"] not in {f.id for f in service._facts(2025)}
    every = [service.Facts(r.id, r.number, r.applicant_type, r.received_date, r.decided_date, r.outcome)
             for r in Request.select()]
    expect = compute(every, 2025, "2021")
    got = service._table3(2025, "2021")
    for key, _, _ in expect.rows:
        assert got.values(key) == expect.values(key), key
        for col in labels.COLUMN_CODES:
            assert got.request_ids(key, col) == expect.request_ids(key, col), (key, col)
    assert [p.number for p in got.problems] == [p.number for p in expect.problems] == [odd["number"]]
    assert got.check() == expect.check()
