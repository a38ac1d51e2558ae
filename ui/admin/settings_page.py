"""系统设置: a form built from the options declared in ``app.settings``, one group per section."""
from __future__ import annotations

from app import numbering, settings
from app.errors import ServiceError
from ui.events import announce
from ui import messages
from ui.qt import QtWidgets
from ui.widgets import error_label, show_inline_error


def editor_for(option: settings.Option) -> QtWidgets.QWidget:
    if option.kind == "int":
        w = QtWidgets.QSpinBox()
        w.setRange(option.minimum if option.minimum is not None else -999999,
                   option.maximum if option.maximum is not None else 999999)
        return w
    if option.kind == "bool":
        return QtWidgets.QCheckBox()
    if option.kind == "choice":
        w = QtWidgets.QComboBox()
        for value, label in option.choices:
            w.addItem(label, value)
        return w
    if option.kind == "text":
        w = QtWidgets.QPlainTextEdit()
        w.setMaximumHeight(90)
        return w
    return QtWidgets.QLineEdit()


def read_editor(option: settings.Option, w):
    if option.kind == "int":
        return w.value()
    if option.kind == "bool":
        return w.isChecked()
    if option.kind == "choice":
        return w.currentData()
    if option.kind == "text":
        return w.toPlainText()
    return w.text()


def write_editor(option: settings.Option, w, value) -> None:
    if option.kind == "int":
        w.setValue(int(value))
    elif option.kind == "bool":
        w.setChecked(bool(value))
    elif option.kind == "choice":
        i = w.findData(value)
        w.setCurrentIndex(max(i, 0))
    elif option.kind == "text":
        w.setPlainText(str(value))
    else:
        w.setText(str(value))


class SettingsPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        outer = QtWidgets.QVBoxLayout(self)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QtWidgets.QWidget()
        self.body = QtWidgets.QVBoxLayout(inner)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        self.editors: dict[str, QtWidgets.QWidget] = {}
        self.previews: dict[str, QtWidgets.QLabel] = {}
        for section in settings.SECTIONS:
            box = QtWidgets.QGroupBox(section)
            form = QtWidgets.QFormLayout(box)
            for key, option in settings.OPTIONS.items():
                if option.section != section:
                    continue
                editor = editor_for(option)
                editor.setToolTip(option.help)
                if isinstance(editor, QtWidgets.QLineEdit):
                    editor.returnPressed.connect(self.save)  # Enter saves, as in a dialog
                self.editors[key] = editor
                form.addRow(option.label, editor)
                if option.help:
                    hint = QtWidgets.QLabel(option.help)
                    hint.setWordWrap(True)
                    hint.setStyleSheet("color: #555;")
                    form.addRow("", hint)
                if key in numbering.KINDS.values():
                    preview = QtWidgets.QLabel()
                    preview.setStyleSheet("color: #1a5fb4;")
                    self.previews[key] = preview
                    form.addRow(self.tr("示例"), preview)
                    editor.textChanged.connect(lambda text, k=key: self._preview(k, text))
            self.body.addWidget(box)
        self.body.addStretch(1)
        self.error = error_label()
        outer.addWidget(self.error)
        bar = QtWidgets.QHBoxLayout()
        bar.addStretch(1)
        self.reload_button = QtWidgets.QPushButton(self.tr("放弃修改"))
        self.save_button = QtWidgets.QPushButton(self.tr("保存设置"))
        bar.addWidget(self.reload_button)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)
        self.reload_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def _preview(self, key: str, fmt: str) -> None:
        problem = numbering.format_problem(fmt)
        label = self.previews[key]
        if problem:
            label.setText(f"格式有误：{problem}")
            label.setStyleSheet("color: #b00020;")
        else:
            label.setText(numbering.render(fmt, **numbering.SAMPLE))
            label.setStyleSheet("color: #1a5fb4;")

    def refresh(self) -> None:
        values = settings.get_all()
        for key, editor in self.editors.items():
            write_editor(settings.OPTIONS[key], editor, values[key])
        show_inline_error(self.error, None)

    def values(self) -> dict:
        return {k: read_editor(settings.OPTIONS[k], e) for k, e in self.editors.items()}

    def save(self) -> None:
        try:
            changed = settings.set_many(self.actor, self.values())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        show_inline_error(self.error, None)
        messages.info(self, self.tr("系统设置"), self.tr(f"已保存 {len(changed)} 项修改。") if changed
                      else self.tr("没有修改。"))
        announce("setting")
