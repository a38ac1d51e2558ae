"""登录 and 修改密码 dialogs."""
from __future__ import annotations

from app import users
from app.errors import ServiceError
from ui.qt import QtWidgets
from ui.widgets import dialog_buttons, error_label, show_inline_error


class LoginDialog(QtWidgets.QDialog):
    def __init__(self, office_name: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("登录 — 政务公开工作台"))
        self.actor = None
        layout = QtWidgets.QVBoxLayout(self)
        title = QtWidgets.QLabel(f"<h2>{office_name or '政务公开工作台'}</h2>")
        layout.addWidget(title)
        form = QtWidgets.QFormLayout()
        self.username = QtWidgets.QLineEdit()
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.Password)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QtWidgets.QDialogButtonBox()
        self.login_button = buttons.addButton(self.tr("登录"), QtWidgets.QDialogButtonBox.AcceptRole)
        buttons.addButton(self.tr("退出"), QtWidgets.QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(380, 220)

    def try_login(self) -> None:
        try:
            self.actor = users.authenticate(self.username.text(), self.password.text())
        except ServiceError as err:
            self.password.clear()
            show_inline_error(self.error, str(err))
            return
        self.accept()


class ChangePasswordDialog(QtWidgets.QDialog):
    def __init__(self, actor, forced: bool = False, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("修改密码"))
        layout = QtWidgets.QVBoxLayout(self)
        if forced:
            layout.addWidget(QtWidgets.QLabel(self.tr("管理员重置了您的密码，请设置新密码后继续。")))
        form = QtWidgets.QFormLayout()
        self.old = QtWidgets.QLineEdit()
        self.new = QtWidgets.QLineEdit()
        self.confirm = QtWidgets.QLineEdit()
        for e in (self.old, self.new, self.confirm):
            e.setEchoMode(QtWidgets.QLineEdit.Password)
        form.addRow(self.tr("原密码"), self.old)
        form.addRow(self.tr("新密码（至少8个字符）"), self.new)
        form.addRow(self.tr("再次输入新密码"), self.confirm)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("确定")))

    def save(self) -> None:
        if self.new.text() != self.confirm.text():
            show_inline_error(self.error, self.tr("两次输入的新密码不一致"))
            return
        try:
            users.change_password(self.actor, self.old.text(), self.new.text())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        self.accept()
