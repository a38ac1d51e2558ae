"""First-run wizard, login and the main window."""
from ui.qt import QtWidgets
from app import office, users
from ui.first_run import FirstRunWizard
from ui.login import ChangePasswordDialog, LoginDialog
from ui.main_window import MainWindow


def test_wizard_checks_each_page_confirms_and_logs_the_administrator_in(qtbot, db):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.office_page.fields["name"].setText("某某县人民政府办公室")
    wizard.office_page.fields["phone"].setText("0878-3123456")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    page = wizard.admin_page
    page.display_name.setText("李管理")
    page.password.setText("Passw0rd-2026")
    page.confirm.setText("Passw0rd-2026x")
    wizard.next()
    assert wizard.currentPage() is page and "不一致" in page.error.text()
    assert page.confirm.property("fieldError") and page.confirm.toolTip() == "两次输入的密码不一致"
    page.confirm.setText("Passw0rd-2026")
    page.also_clerk.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.confirm_page
    summary = wizard.confirm_page.summary.text()
    assert "某某县人民政府办公室" in summary and "0878-3123456" in summary and "管理员、经办人" in summary
    assert office.get_profile() is None  # nothing saved before 完成
    assert wizard.validateCurrentPage()
    assert office.get_profile()["name"] == "某某县人民政府办公室"
    assert wizard.actor.username == "admin" and wizard.actor.roles == {"admin", "clerk"}
    assert users.authenticate("admin", "Passw0rd-2026").roles == {"admin", "clerk"}


def test_wizard_reports_bad_office_data_on_its_own_page(qtbot, db):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.office_page.fields["name"].setText("某乡")
    wizard.office_page.fields["org_code"].setText("123")
    wizard.next()
    assert wizard.currentPage() is wizard.office_page
    assert "统一社会信用代码" in wizard.office_page.error.text()
    fields = wizard.office_page.fields
    height = fields["name"].height()
    assert fields["org_code"].property("fieldError") and not fields["name"].property("fieldError")
    assert fields["org_code"].palette().base().color() != fields["name"].palette().base().color()
    assert fields["org_code"].height() == height  # the page does not move
    wizard.office_page.fields["org_code"].setText("")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page and not fields["org_code"].property("fieldError")
    wizard.admin_page.password.setText("short")
    wizard.admin_page.confirm.setText("short")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page and "管理员密码" in wizard.admin_page.error.text()
    assert office.get_profile() is None


def test_login_dialog(qtbot, make_user):
    make_user("clerk", username="zhang", password="Passw0rd-2026")
    dialog = LoginDialog("某乡人民政府")
    qtbot.addWidget(dialog)
    dialog.username.setText("zhang")
    dialog.password.setText("bad-password")
    dialog.try_login()
    assert dialog.actor is None and "再错4次" in dialog.error.text()
    assert dialog.password.text() == ""
    dialog.password.setText("Passw0rd-2026")
    dialog.try_login()
    assert dialog.actor.username == "zhang"


def test_change_password_dialog(qtbot, make_user):
    actor = make_user("clerk", password="Passw0rd-2026")
    dialog = ChangePasswordDialog(actor, forced=True)
    qtbot.addWidget(dialog)
    dialog.old.setText("Passw0rd-2026")
    dialog.new.setText("Another-Pass-1")
    dialog.confirm.setText("Another-Pass-1")
    dialog.save()
    assert dialog.result() == QtWidgets.QDialog.Accepted
    assert users.authenticate(actor.username, "Another-Pass-1")


def test_main_window_shows_tabs_by_role(qtbot, make_user):
    admin_window = MainWindow(make_user("admin"))
    qtbot.addWidget(admin_window)
    titles = [admin_window.tabs.tabText(i) for i in range(admin_window.tabs.count())]
    assert "系统管理" in titles and "审计日志" in titles
    clerk_window = MainWindow(make_user("clerk"))
    qtbot.addWidget(clerk_window)
    clerk_titles = [clerk_window.tabs.tabText(i) for i in range(clerk_window.tabs.count())]
    assert "审计日志" not in clerk_titles
    # a clerk's 系统管理 holds only the 公开指南 they keep (条例第十二条), none of the administrator's pages
    admin_area = clerk_window.tabs.widget(clerk_titles.index("系统管理")).ensure_built()
    assert [admin_area.tabText(i) for i in range(admin_area.count())] == ["公开指南"]


def test_visit_all_tabs(qtbot, system, tmp_path):
    from app.workspace import open_workspace
    from db.connection import close_database
    open_workspace(str(tmp_path / "data"))  # the administration pages read the data folder (backups) too
    window = MainWindow(system)
    qtbot.addWidget(window)
    window.show()
    from ui.qt import QtWidgets
    assert window.visit_all_tabs(QtWidgets.QApplication.processEvents) >= 5
    window.close()
    close_database()


def test_unexpected_errors_are_logged_and_told(tmp_path, recorded_messages, monkeypatch):
    import re
    import sys

    from app import logs
    from ui.application import install_error_hook
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logs.configure(tmp_path, console=False)
    install_error_hook()
    try:
        raise KeyError("没有这一项")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    logs.close()
    kind, _, text = recorded_messages.last()
    reference = re.search(r"参考编号：(\S+)", text).group(1)
    logged = (tmp_path / "logs" / "zhengwu.log").read_text(encoding="utf-8")
    assert kind == "error" and "意外错误" in text and "zhengwu.log" in text
    assert f"意外错误 {reference}" in logged and "KeyError: '没有这一项'" in logged


def test_qt_messages_go_to_the_log_and_nothing_needs_a_console(tmp_path, qapp, recorded_messages, monkeypatch):
    """The windowed build has no stderr: Qt's warnings, a log line and an unexpected error must all still work."""
    import sys

    from app import logs
    from ui.application import create_application, install_error_hook
    from ui.qt import QtCore
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "stderr", None)
    create_application()
    logs.configure(tmp_path)  # asks for a console, but there is none
    install_error_hook()
    QtCore.qWarning("测试警告 13912345678")
    try:
        raise ValueError("bad")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    logs.close()
    logged = (tmp_path / "logs" / "zhengwu.log").read_text(encoding="utf-8")
    assert "WARNING qt" in logged and "测试警告 [电话]" in logged and "13912345678" not in logged
    assert "ValueError: bad" in logged
    assert recorded_messages.last()[0] == "error"


def test_the_main_window_fits_the_screen(qtbot, make_user):
    from ui.qt import QtCore
    QtCore.QSettings().remove("main_window/geometry")
    window = MainWindow(make_user("clerk"))
    qtbot.addWidget(window)
    window.show()
    room = window.available()
    assert window.width() <= room.width() - MainWindow.FRAME_MARGIN.width() + 1
    assert window.height() <= room.height() - MainWindow.FRAME_MARGIN.height() + 1
    # a placement saved on a larger screen is brought back onto this one
    window.setGeometry(0, 0, room.width() + 400, room.height() + 300)
    QtCore.QSettings().setValue("main_window/geometry", window.saveGeometry())
    again = MainWindow(make_user("clerk"))
    qtbot.addWidget(again)
    assert room.contains(again.frameGeometry())
