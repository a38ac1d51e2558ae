"""Tab moves through the administration forms, the first-run wizard and the holiday dialog in the order they are
laid out (a row added later included), and Enter in a one-line field submits the form — never a row's 删除."""
import datetime as dt

import pytest

from app import office, users
from app.workdays.schedule import HolidayRange, YearSchedule
from ui.qt import QtCore, QtWidgets, Qt


def focus_chain(window: QtWidgets.QWidget, start: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    """The widgets Tab reaches from ``start``, in order, until it comes round again."""
    out, w = [], start
    while True:
        if ((w.focusPolicy() & Qt.TabFocus) and w.focusProxy() is None and w.isVisible() and w.isEnabled()
                and w.window() is window):
            out.append(w)
        w = w.nextInFocusChain()
        if w is start or len(out) > 200:
            return out


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _schedule_dialog(qtbot, admin):
    from ui.admin.calendar_dialog import ScheduleDialog
    initial = YearSchedule(2027, "关于2027年部分节假日安排的通知", (
        HolidayRange("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3)),
        HolidayRange("春节", dt.date(2027, 2, 5), dt.date(2027, 2, 11), (dt.date(2027, 2, 14),))))
    return _shown(qtbot, ScheduleDialog(admin, 2027, initial))


def _row_widgets(row):
    return [row.name, row.first, row.last, row.makeup, row.remove]


def test_schedule_dialog_tabs_through_the_rows_in_order_and_a_new_row_takes_its_place(qtbot, staff):
    dialog = _schedule_dialog(qtbot, staff["admin"])
    buttons = dialog.findChild(QtWidgets.QDialogButtonBox).buttons()
    save = next(b for b in buttons if b.text() == "保存")
    cancel = next(b for b in buttons if b.text() == "取消")
    expected = [dialog.title, *_row_widgets(dialog.rows[0]), *_row_widgets(dialog.rows[1]),
                dialog.stack.add_button, save, cancel]
    assert focus_chain(dialog, dialog.title)[:len(expected)] == expected
    dialog.stack.add_button.click()
    qtbot.wait(10)
    new = dialog.rows[2]
    chain = focus_chain(dialog, dialog.title)
    assert chain.index(new.name) == chain.index(dialog.rows[1].remove) + 1
    assert chain.index(dialog.stack.add_button) == chain.index(new.remove) + 1


def test_enter_in_the_make_up_field_saves_the_schedule_and_deletes_no_row(qtbot, staff, today):
    from app.workdays import service
    dialog = _schedule_dialog(qtbot, staff["admin"])
    dialog.rows[1].makeup.setFocus()
    qtbot.keyClick(dialog.rows[1].makeup, Qt.Key_Return)
    assert len(dialog.rows) == 2
    assert dialog.result() == QtWidgets.QDialog.Accepted and dialog.result_value is not None
    assert [h.name for h in service.get_year(2027).schedule.holidays] == ["元旦", "春节"]


def test_user_dialog_starts_at_the_name_when_editing_and_enter_saves(qtbot, staff):
    from ui.admin.users_page import UserDialog
    row = next(u for u in users.list_users(staff["admin"]) if u["username"] == "zhangming")
    dialog = _shown(qtbot, UserDialog(staff["admin"], row))
    assert dialog.focusWidget() is dialog.display_name
    assert dialog.username not in focus_chain(dialog, dialog.display_name)
    dialog.display_name.setText("张明明")
    qtbot.keyClick(dialog.display_name, Qt.Key_Return)
    assert dialog.result() == QtWidgets.QDialog.Accepted
    assert next(u for u in users.list_users(staff["admin"]) if u["id"] == row["id"])["display_name"] == "张明明"


def test_new_user_dialog_tab_order(qtbot, staff):
    from ui.admin.users_page import UserDialog
    dialog = _shown(qtbot, UserDialog(staff["admin"], None))
    chain = focus_chain(dialog, dialog.username)
    checks = list(dialog.role_checks.values())
    assert chain[:3 + len(checks)] == [dialog.username, dialog.display_name, dialog.password, *checks]


@pytest.mark.parametrize("page_name", ["office", "settings"])
def test_enter_in_a_one_line_field_of_an_admin_page_saves(qtbot, staff, recorded_messages, page_name):
    if page_name == "office":
        from ui.admin.office_page import OfficePage
        page = _shown(qtbot, OfficePage(staff["admin"]))
        field = page.fields["name"]
        field.setText("某某县人民政府办公室")
    else:
        from ui.admin.settings_page import SettingsPage
        page = _shown(qtbot, SettingsPage(staff["admin"]))
        field = next(e for e in page.editors.values() if isinstance(e, QtWidgets.QLineEdit))
    qtbot.keyClick(field, Qt.Key_Return)
    assert recorded_messages.log and recorded_messages.log[-1][1] in ("机关信息", "系统设置")
    if page_name == "office":
        assert office.get_profile()["name"] == "某某县人民政府办公室"


def test_first_run_wizard_tab_order_and_enter_moves_to_the_next_page(qtbot, db):
    from ui.first_run import FirstRunWizard
    wizard = _shown(qtbot, FirstRunWizard())
    page = wizard.office_page
    fields = list(page.fields.values())
    assert focus_chain(wizard, fields[0])[:len(fields)] == fields
    fields[0].setText("某某县人民政府办公室")
    qtbot.keyClick(fields[0], Qt.Key_Return)
    assert wizard.currentPage() is wizard.admin_page
    admin = wizard.admin_page
    order = [admin.username, admin.display_name, admin.password, admin.confirm, admin.also_clerk]
    assert focus_chain(wizard, admin.username)[:len(order)] == order
    admin.display_name.setText("李\x07华")
    admin.password.setText("Passw0rd-2026")
    admin.confirm.setText("Passw0rd-2026")
    qtbot.keyClick(admin.confirm, Qt.Key_Return)
    assert wizard.currentPage() is admin  # the name is refused on its own page
    assert admin.display_name.property("fieldError") and "管理员姓名" in admin.error.text()
    admin.display_name.setText("李华")
    qtbot.keyClick(admin.confirm, Qt.Key_Return)
    assert wizard.currentPage() is wizard.confirm_page
    assert QtCore.QSize(1366, 768).expandedTo(wizard.size()) == QtCore.QSize(1366, 768)
