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
