"""帮助 → 使用指南 (a window with the guide's sections) and 帮助 → 台账模板… (save the empty import template)."""
from __future__ import annotations

from app import logs
from ui import file_dialogs, messages
from ui.help.content import sections
from ui.qt import QtCore, QtWidgets

STYLE = "body { font-size: 11pt; line-height: 150%; } td, th { vertical-align: top; } th { background: #eee; }"


class GuideDialog(QtWidgets.QDialog):
    """The sections listed on the left, the chosen one on the right; fits a 1366×768 screen."""

    def __init__(self, parent=None, start: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用指南 — 政务公开工作台"))
        self.sections = sections(str(logs.current_log_file()) if logs.current_log_file() else None)
        layout = QtWidgets.QHBoxLayout(self)
        self.index = QtWidgets.QListWidget()
        self.index.setMaximumWidth(220)
        for s in self.sections:
            item = QtWidgets.QListWidgetItem(s.title)
            item.setData(QtCore.Qt.UserRole, s.key)
            self.index.addItem(item)
        self.text = QtWidgets.QTextBrowser()
        self.text.document().setDefaultStyleSheet(STYLE)
        self.text.setOpenExternalLinks(False)
        right = QtWidgets.QVBoxLayout()
        right.addWidget(self.text, 1)
        buttons = QtWidgets.QDialogButtonBox()
        buttons.addButton(self.tr("关闭"), QtWidgets.QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        layout.addWidget(self.index)
        layout.addLayout(right, 1)
        self.index.currentRowChanged.connect(self.show_section)
        keys = [s.key for s in self.sections]
        self.index.setCurrentRow(keys.index(start) if start in keys else 0)
        self.resize(960, 640)

    def show_section(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            s = self.sections[row]
            self.text.setHtml(f"<h2>{s.title}</h2>{s.html}")

    def current_key(self) -> str:
        return self.sections[self.index.currentRow()].key


def save_ledger_template(parent) -> str:
    """Ask where to save the empty 台账 template and write it; returns the path ('' when cancelled)."""
    from app.requests.ledger_template import write_template
    path, _ = file_dialogs.get_save_file_name(parent, "保存台账模板", "依申请公开台账模板.xlsx", "Excel 文件 (*.xlsx)")
    if not path:
        return ""
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    try:
        write_template(path)
    except OSError as err:
        messages.error(parent, "保存台账模板", f"无法保存到 {path}：{err.strerror or err}")
        return ""
    messages.info(parent, "保存台账模板", f"已保存空白台账模板：{path}\n填好后用“依申请公开 → 导入台账…”导入。")
    return path
