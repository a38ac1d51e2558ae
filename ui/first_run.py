"""初始化向导: the first start on an empty database — the office's profile and the first administrator."""
from __future__ import annotations

from app import office
from app.errors import ServiceError
from ui.qt import QtWidgets
from ui.widgets import error_label, show_inline_error


class OfficePage(QtWidgets.QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("机关信息"))
        self.setSubTitle(self.tr("这些信息用于告知书的落款和《政府信息公开指南》，以后可在“系统管理 → 机关信息”中修改。"))
        form = QtWidgets.QFormLayout(self)
        self.fields: dict[str, QtWidgets.QLineEdit] = {}
        hints = {"name": "例如：某某县人民政府办公室", "org_code": "18位统一社会信用代码",
                 "address": "信息公开受理场所地址", "phone": "例如：0871-12345678", "office_hours": "例如：工作日 9:00-12:00，14:00-17:30"}
        for key, label in office.FIELDS.items():
            edit = QtWidgets.QLineEdit()
            edit.setPlaceholderText(hints.get(key, ""))
            self.fields[key] = edit
            form.addRow(label + ("（必填）" if key == "name" else ""), edit)
        self.registerField("office_name*", self.fields["name"])

    def values(self) -> dict:
        return {k: e.text() for k, e in self.fields.items()}


class AdminPage(QtWidgets.QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("管理员账户"))
        self.setSubTitle(self.tr("管理员负责用户、角色和系统设置。密码至少8个字符，请妥善保管。"))
        form = QtWidgets.QFormLayout(self)
        self.username = QtWidgets.QLineEdit("admin")
        self.display_name = QtWidgets.QLineEdit()
        self.display_name.setPlaceholderText(self.tr("管理员的姓名"))
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.Password)
        self.confirm = QtWidgets.QLineEdit()
        self.confirm.setEchoMode(QtWidgets.QLineEdit.Password)
        self.error = error_label()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.confirm)
        form.addRow(self.error)


class FirstRunWizard(QtWidgets.QWizard):
    """Creates the office and the administrator in one service call when the user presses 完成."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("政务公开工作台 — 初始化"))
        self.setWizardStyle(QtWidgets.QWizard.ModernStyle)
        self.setButtonText(QtWidgets.QWizard.NextButton, self.tr("下一步 >"))
        self.setButtonText(QtWidgets.QWizard.BackButton, self.tr("< 上一步"))
        self.setButtonText(QtWidgets.QWizard.FinishButton, self.tr("完成"))
        self.setButtonText(QtWidgets.QWizard.CancelButton, self.tr("取消"))
        self.office_page = OfficePage()
        self.admin_page = AdminPage()
        self.addPage(self.office_page)
        self.addPage(self.admin_page)
        self.actor = None
        self.resize(640, 480)

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is not self.admin_page:
            return True
        page = self.admin_page
        if page.password.text() != page.confirm.text():
            show_inline_error(page.error, self.tr("两次输入的密码不一致"))
            return False
        try:
            self.actor = office.first_run_setup(self.office_page.values(), page.username.text(),
                                                page.display_name.text(), page.password.text())
        except ServiceError as err:
            show_inline_error(page.error, str(err))
            return False
        return True
