"""Small forms as data: a dialog built from a list of fields that calls one service function on 确定 and shows the
service's refusal (field and reason, in Chinese) inline, keeping the dialog open with what the user typed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from app.errors import ServiceError
from ui.qt import QtCore, QtWidgets
from ui.widgets import DateEdit, chain_focus, error_label, show_inline_error

REQUIRED_MARK = " <span style='color:#b00020'>*</span>"
INVALID_STYLE = "border: 1px solid #b00020; background: #fff5f5;"


def field_label(text: str, required: bool = False) -> QtWidgets.QLabel:
    """A form row's label; a required field's label ends with a red asterisk."""
    label = QtWidgets.QLabel(text + (REQUIRED_MARK if required else ""))
    label.setTextFormat(QtCore.Qt.RichText if required else QtCore.Qt.PlainText)
    return label


def on_edit(widget: QtWidgets.QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever the user changes what ``widget`` holds (or, for a plain container, any of the
    editors in it)."""
    signals = {QtWidgets.QLineEdit: "textChanged", QtWidgets.QPlainTextEdit: "textChanged",
               QtWidgets.QComboBox: "currentIndexChanged", QtWidgets.QDateEdit: "dateChanged",
               QtWidgets.QSpinBox: "valueChanged", QtWidgets.QDoubleSpinBox: "valueChanged",
               QtWidgets.QAbstractButton: "toggled"}
    for kind, name in signals.items():
        if isinstance(widget, kind):
            getattr(widget, name).connect(lambda *_: callback())
            return
    for child in widget.findChildren(QtWidgets.QWidget, options=QtCore.Qt.FindDirectChildrenOnly):
        on_edit(child, callback)


class FieldErrors:
    """Shows each problem of a refused form under the field it names, with the field outlined, and clears it as soon
    as that field is edited. Problems that name no field of the form go to the ``general`` label."""

    def __init__(self, general: QtWidgets.QLabel):
        self.general = general
        self._fields: list[tuple[tuple[str, ...], QtWidgets.QWidget, QtWidgets.QLabel]] = []
        self._styles: dict[int, str] = {}
        self._full: dict[int, str] = {}  # error label → its problems with the field's name, for error_text

    def wrap(self, editor: QtWidgets.QWidget, *names: str) -> QtWidgets.QWidget:
        """The editor with room for its error beneath; ``names`` are how the service names the field."""
        box = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        label = error_label()
        column.addWidget(label)
        self._fields.append((names, editor, label))
        on_edit(editor, lambda: self._clear_field(editor, label))
        return box

    def error_for(self, editor: QtWidgets.QWidget) -> str:
        """The error shown beside ``editor`` ("" when none)."""
        return next((label.text() for _n, e, label in self._fields if e is editor and not label.isHidden()), "")

    def error_text(self) -> str:
        """Every error shown now, beside the fields and below them, as one text."""
        shown = [self._full.get(id(label), label.text()) for _n, _e, label in self._fields if not label.isHidden()]
        return "；".join(shown + ([self.general.text()] if not self.general.isHidden() else []))

    @staticmethod
    def _matches(names: tuple[str, ...], problem: str) -> bool:
        return any(problem == n or n.startswith(problem + "（") or problem.startswith(n + "（") for n in names)

    def show(self, err: ServiceError) -> None:
        self.clear()
        problems = getattr(err, "problems", None) or [(None, str(err))]
        rest: list[str] = []
        first = None
        for name, reason in problems:
            target = next(((e, lab) for names, e, lab in self._fields if name and self._matches(names, name)
                           and e.isVisibleTo(e.window())), None)
            if target is None:
                rest.append(f"{name}：{reason}" if name else reason)
                continue
            editor, label = target
            again = not label.isHidden()
            label.setText((label.text() + "；" if again else "") + reason)
            self._full[id(label)] = (self._full[id(label)] + "；" if again else "") + f"{name}：{reason}"
            label.show()
            self._mark(editor, True)
            first = first or editor
        show_inline_error(self.general, "；".join(rest))
        if first is not None:
            first.setFocus()

    def clear(self) -> None:
        for _names, editor, label in self._fields:
            self._clear_field(editor, label)
        show_inline_error(self.general, None)

    def _clear_field(self, editor: QtWidgets.QWidget, label: QtWidgets.QLabel) -> None:
        if label.isVisibleTo(label.window()) or label.text():
            show_inline_error(label, None)
            self._mark(editor, False)
        show_inline_error(self.general, None)  # a general refusal is stale once anything changed

    def _mark(self, editor: QtWidgets.QWidget, invalid: bool) -> None:
        key = id(editor)
        if invalid and key not in self._styles:
            self._styles[key] = editor.styleSheet()
            if not editor.objectName():
                editor.setObjectName("formField")
            editor.setAttribute(QtCore.Qt.WA_StyledBackground, True)  # a plain container shows the outline too
            # by name, so that the editors inside a container keep their own look
            editor.setStyleSheet(f"#{editor.objectName()} {{ {INVALID_STYLE} }}")
        elif not invalid and key in self._styles:
            editor.setStyleSheet(self._styles.pop(key))
        editor.setProperty("invalid", invalid)


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
    required: bool = False


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
        self.form = form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.error = error_label()
        self.errors = FieldErrors(self.error)
        self.editors: dict[str, QtWidgets.QWidget] = {}
        for f in fields:
            editor = make_editor(f)
            if f.help:
                editor.setToolTip(f.help)
            self.editors[f.key] = editor
            form.addRow(field_label(f.label, f.required), self.errors.wrap(editor, f.label, f.key))
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
        layout.addWidget(self.error)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
        self.ok_button = buttons.button(QtWidgets.QDialogButtonBox.Ok)
        self.ok_button.setText(accept_text)
        self.ok_button.setDefault(True)  # Enter in a one-line field submits
        buttons.button(QtWidgets.QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        chain_focus([self.editors[f.key] for f in fields] + [self.ok_button])
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

    def error_text(self) -> str:
        return self.errors.error_text()

    def set_note(self, text: str) -> None:
        """A hint computed from what the user typed (e.g. the fee it comes to)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def submit(self) -> None:
        try:
            self.result_value = self.submit_fn(self.values())
        except ServiceError as err:
            self.errors.show(err)
            return
        self.accept()
