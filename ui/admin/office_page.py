"""机关信息: the office's name, code and the 信息公开指南 contact data."""
from __future__ import annotations

from app import office
from app.errors import ServiceError
from ui.events import announce
from ui import messages
from ui.qt import QtWidgets
from ui.widgets import error_label, show_inline_error


class OfficePage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.fields: dict[str, QtWidgets.QLineEdit] = {}
        for key, label in office.FIELDS.items():
            self.fields[key] = QtWidgets.QLineEdit()
            self.fields[key].returnPressed.connect(self.save)  # Enter saves, as in a dialog
            form.addRow(label, self.fields[key])
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        bar = QtWidgets.QHBoxLayout()
        self.save_button = QtWidgets.QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        profile = office.get_profile() or {}
        for key, edit in self.fields.items():
            edit.setText(profile.get(key, ""))

    def save(self) -> None:
        try:
            office.save_profile(self.actor, {k: e.text() for k, e in self.fields.items()})
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        show_inline_error(self.error, None)
        messages.info(self, self.tr("机关信息"), self.tr("已保存。"))
        announce("office")
