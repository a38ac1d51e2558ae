"""帮助: the guide (its role list generated from the permissions) and the empty ledger template."""
import openpyxl

from app.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES
from app.requests import ledger
from ui.help import GuideDialog
from ui.help.content import sections
from ui.main_window import MainWindow
from ui.qt import QtWidgets


def test_the_guide_covers_what_a_clerk_needs(qtbot, db):
    titles = [s.title for s in sections()]
    assert titles[:6] == ["第一次使用", "一件申请：从窗口登记到归档", "年度报告", "节假日与工作日", "角色和权限",
                          "导入原有台账"]
    text = "".join(s.html for s in sections())
    for citation in ("第三十一条", "第三十三条第二款", "第三十条", "第三十二条", "第三十三条第三款", "第四十九条"):
        assert citation in text


def test_the_role_list_is_generated_from_the_permissions(qtbot, db, monkeypatch):
    html = next(s.html for s in sections() if s.key == "roles")
    for code, name in ROLES.items():
        assert name in html
    assert PERMISSIONS["request.import"] in html
    # a change to the permission table shows in the guide
    monkeypatch.setitem(ROLE_PERMISSIONS, "supervisor", frozenset({"request.view", "report.view", "audit.export"}))
    html = next(s.html for s in sections() if s.key == "roles")
    row = html.split("<b>监督员</b>")[1].split("</tr>")[0]
    assert PERMISSIONS["audit.export"] in row


def test_the_guide_uses_the_office_settings(qtbot, db, system):
    from app import settings
    settings.set_many(system, {"requests.reply_days": 15})
    html = next(s.html for s in sections() if s.key == "request")
    assert "答复期限 15 个工作日" in html


def test_the_guide_window_fits_the_screen_and_switches_sections(qtbot, db):
    dialog = GuideDialog(start="roles")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_key() == "roles" and "保密审查员" in dialog.text.toPlainText()
    dialog.index.setCurrentRow(0)
    assert "初始化向导" in dialog.text.toPlainText()
    assert dialog.frameGeometry().width() <= 1366 and dialog.frameGeometry().height() <= 768 - 40


def test_help_menu_saves_the_ledger_template(qtbot, staff, tmp_path, monkeypatch, recorded_messages):
    window = MainWindow(staff["clerk"])
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert titles[:2] == ["使用指南(&G)", "台账模板(&T)…"]
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "模板"), ""))
    path = window.save_ledger_template()
    assert path == str(tmp_path / "模板.xlsx")
    heads = [c.value for c in openpyxl.load_workbook(path)["台账"][1]]
    assert heads == [main for main, _ in ledger.FIELDS.values()]
    assert recorded_messages.last()[0] == "info"
