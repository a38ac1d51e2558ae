"""The row under an editable part of the report: its buttons (shown only to those who may edit), a status line, and
for readers a line naming the roles that may fill it in."""
from __future__ import annotations

from ui.qt import QtWidgets
from ui.widgets import roles_needed


class SaveBar(QtWidgets.QWidget):
    def __init__(self, can_edit: bool, titles: list[str], parent=None):
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons = [QtWidgets.QPushButton(title) for title in titles]
        for button in self.buttons:
            button.setVisible(can_edit)
            layout.addWidget(button)
        self.status = QtWidgets.QLabel()
        self.status.setStyleSheet("color: #1e7e34;")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.readonly_hint = QtWidgets.QLabel(self.tr("您可以查看；填写需要") + roles_needed("report.edit")
                                              + self.tr("角色。"))
        self.readonly_hint.setStyleSheet("color: #555;")
        self.readonly_hint.setVisible(not can_edit)
        layout.addWidget(self.readonly_hint)
