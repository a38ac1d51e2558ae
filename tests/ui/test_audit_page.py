from app import audit, settings
from ui.audit_page import AuditPage


def test_audit_page_filters_shows_detail_and_exports(qtbot, qtmodeltester, make_user, tmp_path, monkeypatch,
                                                     recorded_messages):
    admin = make_user("admin")
    settings.set_many(admin, {"office.abbreviation": "X"})
    page = AuditPage(admin)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.total == 2  # the admin's creation and the setting
    page.action_box.setCurrentIndex(page.action_box.findData("setting.update"))
    page.refresh()
    assert page.model.total == 1
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert '"X"' in page.after.toPlainText()
    out = tmp_path / "log.csv"
    from ui.qt import QtWidgets
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.export()
    assert out.exists() and "修改设置" in out.read_text(encoding="utf-8-sig")
    page.verify()
    assert recorded_messages.log[-1][0] == "info" and "哈希链连续" in recorded_messages.log[-1][2]


def test_clerk_cannot_export(qtbot, make_user):
    leader = make_user("leader")
    page = AuditPage(leader)
    qtbot.addWidget(page)
    assert not page.export_button.isEnabled()


def test_audit_page_speaks_chinese_field_by_field(qtbot, staff, today):
    import datetime as dt
    from app.requests import decision, register
    from tests.db.factories import person
    clerk = staff["clerk"]
    a = register.register(clerk, person(received_date=dt.date(2026, 6, 22)))
    decision.decide(clerk, a["id"], "partial", dt.date(2026, 6, 29),
                    {"provided": "名单（隐去身份证号码）", "withheld": "身份证号码", "grounds": ["refuse_4"],
                     "reason": "涉及个人隐私"})
    page = AuditPage(staff["admin"])
    qtbot.addWidget(page)
    actions = [page.action_box.itemText(i) for i in range(page.action_box.count())]
    assert "作出答复决定" in actions and "登记申请" in actions and "request.decide" not in actions
    users = [page.user_box.itemText(i) for i in range(page.user_box.count())]
    assert "张明（zhangming）" in users and "system" not in users and "系统" in users  # the test users' creator
    page.action_box.setCurrentIndex(page.action_box.findData("request.decide"))
    page.refresh()
    row = page.model.row_at(0)
    texts = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert "作出答复决定" in texts and "政府信息公开申请" in texts and "张明（zhangming）" in texts
    page.view.setCurrentIndex(page.model.index(0, 0))
    lines = page.changes.toPlainText().splitlines()
    assert "状态：办理中 → 已答复" in lines or "状态：已登记 → 已答复" in lines
    assert "办理结果：（空） → 部分公开" in lines and "答复日期：（空） → 2026-06-29" in lines
    detail = next(line for line in lines if line.startswith("答复内容"))
    assert "不予公开部分的理由类别：保护第三方合法权益" in detail and "理由：涉及个人隐私" in detail
    assert '"outcome": "partial"' in page.after.toPlainText()  # the raw record stays available
    assert "refuse_4" not in page.changes.toPlainText() and "refuse_4" in row["after"]
