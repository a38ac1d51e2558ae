"""Small forms as data: a dialog built from a list of fields that calls one service function on 确定 and shows the
service's refusal (field and reason, in Chinese) inline, keeping the dialog open with what the user typed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from app.errors import ServiceError
from ui.qt import QtWidgets
from ui.widgets import DateEdit, error_label, show_inline_error


@dataclass
class Field:
    key: str
    label: str
    kind: str = "text"  # text | multiline | date | int | choice | check | readonly
    default: Any = None
    choices: list[tuple[Any, str]] = field(default_factory=list)
    help: str = ""
    minimum: int = 0
    maximum: int = 100000


def make_editor(f: Field) -> QtWidgets.QWidget:
    if f.kind == "multiline":
        w = QtWidgets.QPlainTextEdit()
        w.setPlainText(str(f.default or ""))
        w.setMinimumHeight(80)
        return w
    if f.kind == "date":
        return DateEdit(f.default if isinstance(f.default, dt.date) else None)
    if f.kind == "int":
        w = QtWidgets.QSpinBox()
        w.setRange(f.minimum, f.maximum)
        w.setValue(int(f.default or 0))
        return w
    if f.kind == "choice":
        w = QtWidgets.QComboBox()
        for value, label in f.choices:
            w.addItem(label, value)
        if f.default is not None:
            w.setCurrentIndex(max(0, w.findData(f.default)))
        return w
    if f.kind == "check":
        w = QtWidgets.QCheckBox()
        w.setChecked(bool(f.default))
        return w
    if f.kind == "readonly":
        w = QtWidgets.QLabel(str(f.default or ""))
        w.setWordWrap(True)
        return w
    w = QtWidgets.QLineEdit(str(f.default or ""))
    return w


def read_editor(f: Field, w: QtWidgets.QWidget):
    if f.kind == "multiline":
        return w.toPlainText()
    if f.kind == "date":
        return w.value()
    if f.kind == "int":
        return w.value()
    if f.kind == "choice":
        return w.currentData()
    if f.kind == "check":
        return w.isChecked()
    if f.kind == "readonly":
        return f.default
    return w.text()


class FormDialog(QtWidgets.QDialog):
    """``submit(values)`` runs the service call; a ``ServiceError`` keeps the dialog open with the message shown."""

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict], Any], parent=None, intro: str = "",
                 accept_text: str = "确定"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = fields
        self.submit_fn = submit
        self.result_value = None
        layout = QtWidgets.QVBoxLayout(self)
        if intro:
            label = QtWidgets.QLabel(intro)
            label.setWordWrap(True)
            label.setStyleSheet("color: #333;")
            layout.addWidget(label)
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.editors: dict[str, QtWidgets.QWidget] = {}
        for f in fields:
            editor = make_editor(f)
            if f.help:
                editor.setToolTip(f.help)
            self.editors[f.key] = editor
            form.addRow(f.label, editor)
            if f.help:
                hint = QtWidgets.QLabel(f.help)
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #666;")
                form.addRow("", hint)
        layout.addLayout(form)
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #1a5fb4;")
        self.note.hide()
        layout.addWidget(self.note)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
        buttons.button(QtWidgets.QDialogButtonBox.Ok).setText(accept_text)
        buttons.button(QtWidgets.QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def values(self) -> dict:
        return {f.key: read_editor(f, self.editors[f.key]) for f in self.fields}

    def set_value(self, key: str, value) -> None:
        f = next(x for x in self.fields if x.key == key)
        w = self.editors[key]
        if f.kind == "multiline":
            w.setPlainText(str(value))
        elif f.kind == "date":
            w.set_value(value)
        elif f.kind == "int":
            w.setValue(int(value))
        elif f.kind == "choice":
            w.setCurrentIndex(max(0, w.findData(value)))
        elif f.kind == "check":
            w.setChecked(bool(value))
        else:
            w.setText(str(value))

    def set_note(self, text: str) -> None:
        """A hint computed from what the user typed (e.g. the fee it comes to)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def submit(self) -> None:
        try:
            self.result_value = self.submit_fn(self.values())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        self.accept()
