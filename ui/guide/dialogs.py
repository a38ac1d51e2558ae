"""The standard catalogue's dialogs: proposing an adjustment (新增, 变更 with the elements, 删除 with the reason),
reviewing one, and an item's history."""
from __future__ import annotations

from html import escape

from app import settings
from app.errors import ServiceError
from app.guide import standard, standard_query
from app.guide.elements import ADJUSTMENT_KINDS, ELEMENTS, REASONS
from app.publication import catalog as publication_catalog
from ui.qt import QtWidgets
from ui.widgets import dialog_buttons, error_label, show_inline_error

LONG = ("basis", "content")


class AdjustmentDialog(QtWidgets.QDialog):
    """提出调整: ``kind`` add | change | remove; ``row`` is the item's current row for a change or a removal."""

    def __init__(self, actor, kind: str, row: dict | None = None, parent=None):
        super().__init__(parent)
        self.actor, self.kind, self.row = actor, kind, row
        self.result_value = None
        name = f"“{row['name']}”" if row else ""
        self.setWindowTitle(self.tr("提出调整：") + ADJUSTMENT_KINDS[kind] + name)
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.fields: dict[str, QtWidgets.QWidget] = {}
        if kind != "remove":
            for key, label in ELEMENTS.items():
                value = (row or {}).get(key) or ""
                if key in LONG:
                    w = QtWidgets.QPlainTextEdit(value)
                    w.setFixedHeight(56)
                elif key in ("unit", "category"):
                    w = QtWidgets.QComboBox()
                    w.setEditable(True)
                    w.addItems([""] + (settings.units() if key == "unit" else publication_catalog.categories()))
                    w.setCurrentText(value)
                else:
                    w = QtWidgets.QLineEdit(value)
                self.fields[key] = w
                form.addRow(label + ("（必填）" if key == "name" else ""), w)
        self.reason = QtWidgets.QComboBox()
        for code, label in REASONS.items():
            self.reason.addItem(label, code)
        self.reason.setCurrentIndex(list(REASONS).index("elements" if kind == "change" else "other"))
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(self.tr("如：《××条例》2026年修订；原因为“其他”的必须填写"))
        form.addRow(self.tr("调整原因"), self.reason)
        form.addRow(self.tr("说明"), self.note)
        layout.addLayout(form)
        hint = QtWidgets.QLabel(self.tr("调整经领导小组办公室审核批准后生效。"))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("提交审核")))

    def values(self) -> dict:
        out = {}
        for key, w in self.fields.items():
            out[key] = (w.toPlainText() if isinstance(w, QtWidgets.QPlainTextEdit) else
                        w.currentText() if isinstance(w, QtWidgets.QComboBox) else w.text())
        return out

    def save(self) -> None:
        try:
            self.result_value = standard.propose(
                self.actor, self.kind, self.values() if self.kind != "remove" else None,
                self.row["id"] if self.row else None, self.reason.currentData(), self.note.text())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        self.accept()


class ReviewDialog(QtWidgets.QDialog):
    """审核 one adjustment: what it proposes, then 批准 or 不批准 with the opinion."""

    def __init__(self, actor, row: dict, parent=None):
        super().__init__(parent)
        self.actor, self.row = actor, row
        self.result_value = None
        self.setWindowTitle(self.tr("审核标准目录调整"))
        layout = QtWidgets.QVBoxLayout(self)
        info = QtWidgets.QTextBrowser()
        lines = [f"<b>{escape(row['kind_label'])}：{escape(row['name'])}</b>",
                 f"原因：{escape(row['reason_label'])}{('（' + escape(row['reason_note']) + '）') if row['reason_note'] else ''}",
                 f"提出：{escape(row['proposed_by'])} {row['proposed_at']:%Y-%m-%d %H:%M}"]
        if row["kind"] == "change":
            lines.append("变更：" + escape(row["summary"]))
        elif row["kind"] == "add":
            lines += [f"{escape(label)}：{escape(row['proposed'].get(k) or '')}" for k, label in ELEMENTS.items()]
        info.setHtml("<br>".join(lines))
        layout.addWidget(info, 1)
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(self.tr("审核意见（不批准的必须填写理由）"))
        layout.addWidget(self.note)
        self.error = error_label()
        layout.addWidget(self.error)
        box = QtWidgets.QDialogButtonBox()
        self.approve_button = box.addButton(self.tr("批准"), QtWidgets.QDialogButtonBox.AcceptRole)
        self.reject_button = box.addButton(self.tr("不批准"), QtWidgets.QDialogButtonBox.DestructiveRole)
        box.addButton(self.tr("取消"), QtWidgets.QDialogButtonBox.RejectRole)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(560, 420)

    def decide(self, approve: bool) -> None:
        try:
            self.result_value = standard.review(self.actor, self.row["id"], approve, self.note.text())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        self.accept()


def history_html(actor, item_id: int) -> str:
    out = []
    for h in standard_query.history(actor, item_id):
        adj = h["adjustment"] or {}
        head = (f"<b>第{h['version']}版</b>　{h['valid_from']:%Y-%m-%d}　{escape(adj.get('kind_label', ''))}"
                f"（{escape(adj.get('reason_label', ''))}{'：' + escape(adj['reason_note']) if adj.get('reason_note') else ''}）"
                f"　提出：{escape(adj.get('proposed_by', ''))}　批准：{escape(adj.get('reviewed_by', ''))}")
        body = ("<br>".join(f"{escape(w)}：{escape(a or '（空）')} → {escape(b or '（空）')}" for w, a, b in h["changes"])
                if h["version"] > 1 else "")
        out.append(head + ("<br>" + body if body else ""))
    return "<hr>".join(out)


def show_history(actor, row: dict, parent=None) -> QtWidgets.QDialog:
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle(f"“{row['name']}”的历次版本")
    layout = QtWidgets.QVBoxLayout(dialog)
    browser = QtWidgets.QTextBrowser()
    browser.setHtml(history_html(actor, row["id"]))
    layout.addWidget(browser)
    close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
    close.button(QtWidgets.QDialogButtonBox.Close).setText("关闭")
    close.rejected.connect(dialog.reject)
    layout.addWidget(close)
    dialog.resize(620, 420)
    return dialog
