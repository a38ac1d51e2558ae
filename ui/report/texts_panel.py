"""Sections 一、五、六 of the annual report: text the office writes, with a draft the program proposes from the year's
data (counts, on-time rate, 信息处理费 collected), saved per year."""
from __future__ import annotations

from app.errors import ServiceError
from app.report import labels, service
from app.report.service import AnnualReport
from ui import messages
from ui.events import announce
from ui.qt import QtWidgets
from ui.report.save_bar import SaveBar
from ui.widgets import error_label, show_inline_error

HINTS = {
    "overview": "概述本年度政府信息公开工作的总体情况：主动公开、依申请公开、政府信息管理、平台建设、监督保障等。",
    "problems": "说明存在的主要问题和改进情况。",
    "other": "说明收取信息处理费的情况，以及其他需要报告的事项。",
}


class TextsPanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.can_edit = actor.can("report.edit")
        self.year: int | None = None
        self._report: AnnualReport | None = None
        layout = QtWidgets.QVBoxLayout(self)
        titles = dict(labels.SECTIONS)
        self.editors: dict[str, QtWidgets.QPlainTextEdit] = {}
        for key in labels.TEXT_SECTIONS:
            box = QtWidgets.QGroupBox(titles[key])
            inner = QtWidgets.QVBoxLayout(box)
            edit = QtWidgets.QPlainTextEdit()
            edit.setPlaceholderText(HINTS[key] if self.can_edit else self.tr("（尚未填写）"))
            edit.setReadOnly(not self.can_edit)
            edit.setStyleSheet("font-weight: normal;")
            inner.addWidget(edit)
            layout.addWidget(box, 2 if key == "overview" else 1)
            self.editors[key] = edit
        self.error = error_label()
        layout.addWidget(self.error)
        bar = SaveBar(self.can_edit, [self.tr("生成草稿"), self.tr("保存")])
        self.draft_button, self.save_button = bar.buttons
        self.draft_button.setToolTip(self.tr("根据本年度的登记数据拟写三部分文字，填入后可修改"))
        self.status = bar.status
        layout.addWidget(bar)
        self.draft_button.clicked.connect(self.fill_drafts)
        self.save_button.clicked.connect(self.save)

    def set_report(self, report: AnnualReport, keep_edits: bool = False) -> None:
        keep = keep_edits and report.year == self.year
        self.year, self._report = report.year, report
        for key, edit in self.editors.items():
            if keep and edit.document().isModified():
                continue
            edit.setPlainText(report.texts.get(key, ""))
            edit.document().setModified(False)
        if not keep:
            self.status.clear()
            show_inline_error(self.error, None)

    def has_unsaved(self) -> bool:
        return any(e.document().isModified() for e in self.editors.values())

    def texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.editors.items()}

    def fill_drafts(self) -> None:
        if self.year is None or not self.can_edit:
            return
        try:
            drafts = service.drafts(self.actor, self.year)
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        titles = dict(labels.SECTIONS)
        written = [key for key, edit in self.editors.items() if edit.toPlainText().strip()]
        replace = True
        if written:
            replace = messages.confirm(self, self.tr("生成草稿"), "“" + "”“".join(titles[k] for k in written)
                                       + self.tr("”已有文字。\n用草稿替换这些文字吗？选择“否”只填写空白的部分。"))
        for key, edit in self.editors.items():
            if key not in written or replace:
                edit.setPlainText(drafts[key])
                edit.document().setModified(True)
        self.status.setText(self.tr("已填入草稿，请核对修改后保存。"))

    def save(self) -> bool:
        if self.year is None:
            return False
        try:
            service.save_entries(self.actor, self.year, {f"text.{k}": v for k, v in self.texts().items()})
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return False
        for edit in self.editors.values():
            edit.document().setModified(False)
        show_inline_error(self.error, None)
        announce("report")
        self.status.setText(self.tr("已保存。"))
        return True
