"""系统管理 pages, one widget at a time on a temporary database."""
from ui.qt import QtWidgets
import pytest

from app import audit, office, settings, users
from ui.admin.office_page import OfficePage
from ui.admin.settings_page import SettingsPage
from ui.admin.users_page import UserDialog, UsersPage


@pytest.fixture
def admin(make_user):
    return make_user("admin", username="admin", display_name="管理员")


def test_users_page_lists_and_model_is_sound(qtbot, qtmodeltester, admin, system):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    page = UsersPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    assert page.model.data(page.model.index(1, 2)) == "经办人"
    qtmodeltester.check(page.model, force_py=True)


def test_user_dialog_creates_a_user_with_roles(qtbot, admin):
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.username.setText("wang")
    dialog.display_name.setText("王五")
    dialog.password.setText("Passw0rd-2026")
    dialog.role_checks["clerk"].setChecked(True)
    dialog.role_checks["secrecy_reviewer"].setChecked(True)
    dialog.save()
    assert dialog.result() == QtWidgets.QDialog.Accepted
    created = next(u for u in users.list_users(admin) if u["username"] == "wang")
    assert created["roles"] == ["clerk", "secrecy_reviewer"]


def test_user_dialog_shows_the_reason_and_keeps_nothing(qtbot, admin):
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.username.setText("wang")
    dialog.display_name.setText("王五")
    dialog.password.setText("short")
    dialog.save()
    assert dialog.error.isVisibleTo(dialog)
    assert "密码：至少8个字符" in dialog.error.text() and "角色：至少选择一个角色" in dialog.error.text()
    assert not any(u["username"] == "wang" for u in users.list_users(admin))


def test_disable_asks_and_records(qtbot, admin, system, recorded_messages):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    page = UsersPage(admin)
    qtbot.addWidget(page)
    page.show()  # hidden pages refresh when next shown
    page.view.selectRow(1)
    page.view.setCurrentIndex(page.model.index(1, 0))
    assert page.toggle_button.text() == "停用"
    page.toggle_active()
    assert recorded_messages.log[-1][0] == "confirm"
    assert not next(u for u in users.list_users(admin) if u["username"] == "zhang")["is_active"]
    assert page.model.data(page.model.index(1, 3)) == "已停用"


def test_office_page_saves_and_reports_bad_fields(qtbot, admin):
    office.save_profile(admin, {"name": "某乡人民政府"})
    page = OfficePage(admin)
    qtbot.addWidget(page)
    assert page.fields["name"].text() == "某乡人民政府"
    page.fields["phone"].setText("12")
    page.save()
    assert "咨询电话" in page.error.text()
    page.fields["phone"].setText("0878-3123456")
    page.save()
    assert office.get_profile()["phone"] == "0878-3123456"


def test_settings_page_previews_and_refuses_bad_format(qtbot, admin):
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    editor = page.editors["numbering.request"]
    editor.setText("{year}-申-{seq:03d}")
    assert page.previews["numbering.request"].text() == "2026-申-012"
    editor.setText("申-{seq}")
    assert "格式有误" in page.previews["numbering.request"].text()
    page.save()
    assert "申请编号格式" in page.error.text()
    assert settings.get("numbering.request") == "{year}-依申请-{seq:04d}"
    editor.setText("{year}-申-{seq:03d}")
    page.save()
    assert settings.get("numbering.request") == "{year}-申-{seq:03d}"
    assert audit.count(admin, audit.AuditFilter(action="setting.update")) == 1
