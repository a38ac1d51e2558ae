"""用户和角色: the administrator's list of accounts, with add, edit, reset password and disable."""
from __future__ import annotations

from app import users
from app.errors import ServiceError
from app.permissions import ROLES
from ui.events import announce, on_change
from ui import messages
from ui.messages import show_error
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtGui, QtWidgets, Qt
from ui.widgets import dialog_buttons, error_label, make_table_view, selected_row, show_inline_error


COLUMNS = [
    Column("username", "用户名", "username", 120),
    Column("display_name", "姓名", "display_name", 120),
    Column("roles", "角色", None, 260, text=lambda r: "、".join(ROLES[c] for c in r["roles"])),
    Column("is_active", "状态", "is_active", 90,
           text=lambda r: ("已锁定" if r["locked_until"] else "在用") if r["is_active"] else "已停用"),
    Column("last_login_at", "最近登录", "last_login_at", 150),
]


class UserDialog(QtWidgets.QDialog):
    def __init__(self, actor, user: dict | None = None, parent=None):
        super().__init__(parent)
        self.actor, self.user = actor, user
        self.setWindowTitle(self.tr("修改用户") if user else self.tr("新增用户"))
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.username = QtWidgets.QLineEdit(user["username"] if user else "")
        self.username.setReadOnly(user is not None)
        self.display_name = QtWidgets.QLineEdit(user["display_name"] if user else "")
        if user is not None:  # the user name cannot change: Tab skips it and the dialog opens at the name
            self.username.setFocusPolicy(Qt.ClickFocus)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.Password)
        if user is None:
            form.addRow(self.tr("初始密码（至少8个字符）"), self.password)
        layout.addLayout(form)
        box = QtWidgets.QGroupBox(self.tr("角色（可多选）"))
        grid = QtWidgets.QGridLayout(box)
        self.role_checks: dict[str, QtWidgets.QCheckBox] = {}
        for i, (code, name) in enumerate(ROLES.items()):
            check = QtWidgets.QCheckBox(name)
            check.setChecked(bool(user) and code in user["roles"])
            self.role_checks[code] = check
            grid.addWidget(check, i // 3, i % 3)
        layout.addWidget(box)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("保存")))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        (self.display_name if self.user else self.username).setFocus()

    def roles(self) -> list[str]:
        return [c for c, check in self.role_checks.items() if check.isChecked()]

    def save(self) -> None:
        try:
            if self.user is None:
                users.create_user(self.actor, self.username.text(), self.display_name.text(), self.password.text(),
                                  self.roles())
            else:
                users.update_user(self.actor, self.user["id"], self.display_name.text(), self.roles())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        self.accept()


class UsersPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("新增用户"))
        self.edit_button = QtWidgets.QPushButton(self.tr("修改"))
        self.reset_button = QtWidgets.QPushButton(self.tr("重置密码"))
        self.toggle_button = QtWidgets.QPushButton(self.tr("停用"))
        for b in (self.add_button, self.edit_button, self.reset_button, self.toggle_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = PagingTableModel(COLUMNS, parent=self)
        self.model.row_foreground = lambda r: None if r["is_active"] else QtGui.QColor("#888888")
        self.view = make_table_view(self.model)
        layout.addWidget(self.view)
        hint = QtWidgets.QLabel(self.tr("用户不能删除（审计日志引用用户）；不再使用的账户请停用。"))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.view.doubleClicked.connect(lambda _: self.edit_user())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        on_change(self, ("user",), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_source(ListSource(users.list_users(self.actor)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = selected_row(self.view)
        for b in (self.edit_button, self.reset_button, self.toggle_button):
            b.setEnabled(row is not None)
        self.toggle_button.setText(self.tr("启用") if row and not row["is_active"] else self.tr("停用"))

    def add_user(self) -> None:
        if UserDialog(self.actor, None, self).exec():
            announce("user")

    def edit_user(self) -> None:
        row = selected_row(self.view)
        if row and UserDialog(self.actor, row, self).exec():
            announce("user")

    def reset_password(self) -> None:
        row = selected_row(self.view)
        if not row:
            return
        text, ok = QtWidgets.QInputDialog.getText(
            self, self.tr("重置密码"), self.tr(f"为 {row['display_name']}（{row['username']}）设置新密码（至少8个字符）；"
                                            "该用户下次登录时须修改密码："), QtWidgets.QLineEdit.Password)
        if not ok:
            return
        try:
            users.reset_password(self.actor, row["id"], text)
        except ServiceError as err:
            show_error(self, err)
            return
        messages.info(self, self.tr("重置密码"), self.tr("密码已重置，账户锁定已解除。"))
        announce("user")

    def toggle_active(self) -> None:
        row = selected_row(self.view)
        if not row:
            return
        activate = not row["is_active"]
        verb = "启用" if activate else "停用"
        if not messages.confirm(self, verb, f"确定{verb}用户 {row['display_name']}（{row['username']}）？"):
            return
        try:
            users.set_active(self.actor, row["id"], activate)
        except ServiceError as err:
            show_error(self, err)
            return
        announce("user")
