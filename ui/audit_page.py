"""审计日志: who changed what and when — filter, read the before/after values, export, verify the chain."""
from __future__ import annotations

import json

from app import audit, modules
from app.errors import ServiceError
from ui.events import on_change
from ui import messages
from ui.messages import show_error
from ui.models.paging import Column, FunctionSource, PagingTableModel
from ui import file_dialogs
from ui.qt import QtWidgets, Qt
from ui.widgets import OptionalDateEdit, add_shortcut, make_table_view, remember_header

COLUMNS = [
    Column("seq", "序号", "seq", 70, align=Qt.AlignRight | Qt.AlignVCenter),
    Column("ts", "时间", "ts", 150),
    Column("user_label", "用户", "username", 150),
    Column("action_label", "操作", "action", 140),
    Column("entity_label", "对象", "entity", 130),
    Column("entity_id", "对象编号", "entity_id", 120),
    Column("summary", "修改内容", None, 400, tooltip=lambda r: "\n".join(r["changes"])),
]


def _with_changes(row: dict) -> dict:
    changes = audit.change_lines(row["entity"], row["before"], row["after"])
    return {**row, "changes": changes, "summary": "；".join(changes)}


def _pretty(text: str | None) -> str:
    if not text:
        return "（无）"
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2)
    except ValueError:
        return text


class AuditPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        modules.load()  # every module's names of actions and fields
        layout = QtWidgets.QVBoxLayout(self)
        filters = QtWidgets.QHBoxLayout()
        self.user_box = QtWidgets.QComboBox()
        self.action_box = QtWidgets.QComboBox()
        self.entity_box = QtWidgets.QComboBox()
        self.date_from = OptionalDateEdit(self.tr("从"))
        self.date_to = OptionalDateEdit(self.tr("到"))
        for label, box in ((self.tr("用户"), self.user_box), (self.tr("操作"), self.action_box),
                           (self.tr("对象"), self.entity_box)):
            filters.addWidget(QtWidgets.QLabel(label))
            filters.addWidget(box)
        filters.addWidget(self.date_from)
        filters.addWidget(self.date_to)
        self.search_button = QtWidgets.QPushButton(self.tr("查询"))
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        layout.addLayout(filters)

        split = QtWidgets.QSplitter(Qt.Vertical)
        self.model = PagingTableModel(COLUMNS, parent=self)
        self.model.set_default_sort("seq", descending=True)
        self.view = make_table_view(self.model)
        split.addWidget(self.view)
        self.detail_tabs = QtWidgets.QTabWidget()
        self.changes = QtWidgets.QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.detail_tabs.addTab(self.changes, self.tr("修改内容"))
        raw = QtWidgets.QWidget()
        dl = QtWidgets.QHBoxLayout(raw)
        self.before = QtWidgets.QPlainTextEdit()
        self.after = QtWidgets.QPlainTextEdit()
        for title, edit in ((self.tr("修改前"), self.before), (self.tr("修改后"), self.after)):
            edit.setReadOnly(True)
            box = QtWidgets.QGroupBox(title)
            QtWidgets.QVBoxLayout(box).addWidget(edit)
            dl.addWidget(box)
        self.detail_tabs.addTab(raw, self.tr("原始记录"))
        split.addWidget(self.detail_tabs)
        split.setSizes([420, 200])
        layout.addWidget(split)

        bar = QtWidgets.QHBoxLayout()
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.verify_button = QtWidgets.QPushButton(self.tr("核验哈希链"))
        self.export_button = QtWidgets.QPushButton(self.tr("导出 CSV…"))
        self.export_button.setEnabled(actor.can("audit.export"))
        bar.addWidget(self.verify_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.search_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 条"))
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        add_shortcut(self, "Ctrl+E", self.export, self.export_button)
        add_shortcut(self, "F5", self.refresh)
        remember_header(self.view, "audit")
        on_change(self, (), self.refresh)
        self._fill_choices()
        self.refresh()

    def _fill_choices(self) -> None:
        choices = audit.choices(self.actor)
        for box, key, labels in ((self.user_box, "username", choices["user_labels"]),
                                 (self.action_box, "action", audit.ACTION_LABELS),
                                 (self.entity_box, "entity", audit.ENTITY_LABELS)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("全部"), None)
            for value in choices[key]:
                box.addItem(labels.get(value, value), value)
            i = box.findData(current)
            box.setCurrentIndex(max(i, 0))
            box.blockSignals(False)

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(username=self.user_box.currentData(), action=self.action_box.currentData(),
                                 entity=self.entity_box.currentData(), date_from=self.date_from.value(),
                                 date_to=self.date_to.value())

    def refresh(self) -> None:
        self._fill_choices()
        f, actor = self.current_filter(), self.actor
        self.model.set_source(FunctionSource(lambda: audit.count(actor, f),
                                             lambda o, n, s, d: [_with_changes(r) for r in
                                                                 audit.fetch(actor, f, o, n, s or "seq", d)]))
        for edit in (self.changes, self.before, self.after):
            edit.clear()

    def _show_detail(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        self.changes.setPlainText("\n".join(row["changes"]) or self.tr("（没有字段变化）") if row else "")
        self.before.setPlainText(_pretty(row["before"]) if row else "")
        self.after.setPlainText(_pretty(row["after"]) if row else "")

    def verify(self) -> None:
        report = audit.verify_chain()
        (messages.info if report.ok else messages.error)(self, self.tr("核验哈希链"), report.describe())

    def export(self) -> None:
        path, _ = file_dialogs.get_save_file_name(self, self.tr("导出审计日志"), "审计日志.csv",
                                                        self.tr("CSV 文件 (*.csv)"))
        if not path:
            return
        try:
            n = audit.export_csv(self.actor, self.current_filter(), path)
        except ServiceError as err:
            show_error(self, err)
            return
        messages.info(self, self.tr("导出审计日志"), f"已导出 {n} 条记录到\n{path}")
