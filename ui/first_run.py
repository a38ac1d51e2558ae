"""初始化向导: the first start on a database without an administrator — the office's profile, the first
administrator, a last look at both, then the administrator is logged in.

Each page is checked when 下一步 is pressed (by the same service checks that saving uses), so that a mistake is
reported on the page where it was made; nothing is saved until 完成.
"""
from __future__ import annotations

from app import office
from app.errors import ServiceError, ValidationError
from app.permissions import ROLES
from ui.qt import QtCore, QtGui, QtWidgets
from ui.widgets import error_label, show_inline_error

_HIGHLIGHT = "#fde8ea"  # a pale red background: changes no size, so the page does not move


def _mark(fields: dict[str, QtWidgets.QLineEdit], labels: dict[str, str], err: ServiceError) -> None:
    """Highlight the fields the error names, with the reason as tooltip (``labels`` maps a field's key to the name
    the error uses)."""
    reasons = dict(getattr(err, "problems", []))
    for key, edit in fields.items():
        reason = reasons.get(labels.get(key))
        palette = QtWidgets.QApplication.palette(edit)
        if reason is not None:
            palette.setColor(QtGui.QPalette.Base, QtGui.QColor(_HIGHLIGHT))
        edit.setPalette(palette)
        edit.setProperty("fieldError", reason is not None)
        edit.setToolTip(reason or "")


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
        self.error = error_label()
        form.addRow(self.error)
        self.clean: dict | None = None

    def values(self) -> dict:
        return {k: e.text() for k, e in self.fields.items()}

    def validatePage(self) -> bool:
        try:
            self.clean = office.check_profile(self.values())
        except ValidationError as err:
            _mark(self.fields, office.FIELDS, err)
            show_inline_error(self.error, str(err))
            return False
        _mark(self.fields, office.FIELDS, ValidationError(None, problems=[]))
        show_inline_error(self.error, None)
        return True


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
        self.also_clerk = QtWidgets.QCheckBox(self.tr("管理员同时担任%s（登记和办理申请）") % ROLES["clerk"])
        self.also_clerk.setToolTip(self.tr("只有一个人负责政府信息公开工作时勾选；以后可在“系统管理 → 用户和角色”中修改。"))
        self.error = error_label()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.confirm)
        form.addRow("", self.also_clerk)
        form.addRow(self.error)

    def _fields(self) -> dict[str, QtWidgets.QLineEdit]:
        return {"username": self.username, "display_name": self.display_name, "password": self.password,
                "confirm": self.confirm}

    def validatePage(self) -> bool:
        labels = {"username": "管理员用户名", "display_name": "管理员姓名", "password": "管理员密码",
                  "confirm": "再次输入密码"}
        try:
            office.check_admin(self.username.text(), self.password.text(), self.display_name.text())
            if self.password.text() != self.confirm.text():
                raise ValidationError("再次输入密码", "两次输入的密码不一致")
        except ValidationError as err:
            _mark(self._fields(), labels, err)
            show_inline_error(self.error, str(err))
            return False
        _mark(self._fields(), labels, ValidationError(None, problems=[]))
        show_inline_error(self.error, None)
        return True


class ConfirmPage(QtWidgets.QWizardPage):
    """确认: what 完成 will save, for a last look."""

    def __init__(self, office_page: OfficePage, admin_page: AdminPage, parent=None):
        super().__init__(parent)
        self.office_page, self.admin_page = office_page, admin_page
        self.setTitle(self.tr("确认"))
        self.setSubTitle(self.tr("请核对以下内容。按“完成”保存并以管理员身份登录；需要修改请按“上一步”。"))
        layout = QtWidgets.QVBoxLayout(self)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(QtCore.Qt.PlainText)
        layout.addWidget(self.summary)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        clean = self.office_page.clean or {}
        lines = [f"{office.FIELDS[k]}：{v}" for k, v in clean.items() if v]
        admin = self.admin_page
        roles = ROLES["admin"] + (f"、{ROLES['clerk']}" if admin.also_clerk.isChecked() else "")
        lines += ["", f"管理员用户名：{admin.username.text().strip()}",
                  f"管理员姓名：{admin.display_name.text().strip() or '管理员'}", f"角色：{roles}"]
        self.summary.setText("\n".join(lines))
        show_inline_error(self.error, None)


class FirstRunWizard(QtWidgets.QWizard):
    """Creates the office and the administrator in one service call when the user presses 完成; ``actor`` is then
    the administrator, logged in."""

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
        self.confirm_page = ConfirmPage(self.office_page, self.admin_page)
        for page in (self.office_page, self.admin_page, self.confirm_page):
            self.addPage(page)
        self.actor = None
        self.resize(640, 520)

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is not self.confirm_page:
            return super().validateCurrentPage()
        page = self.admin_page
        try:
            self.actor = office.first_run_setup(self.office_page.values(), page.username.text(),
                                                page.display_name.text(), page.password.text(),
                                                also_clerk=page.also_clerk.isChecked())
        except ServiceError as err:
            show_inline_error(self.confirm_page.error, str(err))
            return False
        return True
