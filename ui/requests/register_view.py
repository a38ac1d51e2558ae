"""依申请公开登记簿: filters, full-text search, the paging register and the detail of the selected request."""
from __future__ import annotations

from app import clock
from app.requests import catalog, query
from app.requests.query import RegisterFilter
from ui.events import announce, on_change
from ui.models.paging import Column, PagingTableModel
from ui.qt import QtCore, QtGui, QtWidgets, Qt
from ui.requests.detail_pane import DetailPane
from ui import record_pane
from ui.record_pane import (debounce_search, legend, list_beside_detail, load_register, on_current_record,
                            register_table, select_record)
from ui.widgets import OptionalDateEdit, add_shortcut, remember_splitter

URGENT = {"overdue": QtGui.QColor("#f8d7da"), "soon": QtGui.QColor("#fff3cd")}

# The columns a clerk works by come first and keep their width; the description takes what is left and elides.
COLUMNS = [
    Column("number", "申请编号", "number", 128),
    Column("received_date", "收到日期", "received_date", 84),
    Column("applicant_name", "申请人", "applicant_name", 112),
    Column("state_label", "状态", "state", 76),
    Column("due_text", "答复期限", "due_date", 156,
           tooltip=lambda r: "该日期依据暂定的节假日安排计算" if r.get("due_provisional") else ""),
    Column("days_left_text", "剩余工作日", "days_left", 76, align=Qt.AlignRight | Qt.AlignVCenter),
    Column("description", "申请内容", "description", 200, tooltip=lambda r: r["description"]),
    Column("applicant_type_label", "申请人类型", "applicant_type", 90),
    Column("officer_name", "承办人", "officer", 70),
    Column("outcome_label", "办理结果", "outcome", 180),
]
STRETCH = "description"
# Shown from the header's menu (right click); the detail pane shows them for the selected request.
HIDDEN_AT_FIRST = ("applicant_type_label", "officer_name", "outcome_label")


def column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def register_model(parent=None) -> PagingTableModel:
    model = PagingTableModel(COLUMNS, parent=parent)
    model.set_default_sort(None)
    model.row_background = lambda r: URGENT.get(r.get("urgency"))
    return model


class FilterBar(QtWidgets.QWidget):
    changed = QtCore.Signal()

    MINE = "mine"  # the officer box's entry for the logged-in user's own requests

    def __init__(self, actor=None, parent=None):
        super().__init__(parent)
        self.actor = actor
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索申请人、申请内容、备注或编号（空格分隔多个词）"))
        self.search.setClearButtonEnabled(True)
        self.state = QtWidgets.QComboBox()
        self.state.addItem(self.tr("全部（不含已作废）"), catalog.COUNTED_STATES)
        self.state.addItem(self.tr("办理中的（未办结）"), catalog.OPEN_STATES)
        for code, label in catalog.STATES.items():
            self.state.addItem(label, (code,))
        self.due = QtWidgets.QComboBox()
        self.due.addItem(self.tr("不限期限"), None)
        self.due.addItem(self.tr("今日到期"), "today")
        self.due.addItem(self.tr("临近期限"), "soon")
        self.due.addItem(self.tr("已逾期"), "overdue")
        self.outcome = QtWidgets.QComboBox()
        self.outcome.addItem(self.tr("全部办理结果"), None)
        for code, label in catalog.GROUPS.items():
            self.outcome.addItem(label.split("（区分")[0], code)
            for leaf, group, leaf_label in catalog.REPORT_LEAVES:
                if group == code and leaf not in catalog.GROUPS:
                    self.outcome.addItem("    " + leaf_label, leaf)
        self.applicant_type = QtWidgets.QComboBox()
        self.applicant_type.addItem(self.tr("全部申请人"), None)
        for code in catalog.APPLICANT_TYPES:
            self.applicant_type.addItem(catalog.applicant_type_label(code), code)
        self.officer = QtWidgets.QComboBox()
        self.date_from = OptionalDateEdit(self.tr("收到自"))
        self.date_to = OptionalDateEdit(self.tr("至"))
        grid.addWidget(self.search, 0, 0, 1, 4)
        grid.addWidget(self.state, 0, 4)
        grid.addWidget(self.due, 0, 5)
        grid.addWidget(self.outcome, 1, 0)
        grid.addWidget(self.applicant_type, 1, 1)
        grid.addWidget(self.officer, 1, 2)
        grid.addWidget(self.date_from, 1, 3)
        grid.addWidget(self.date_to, 1, 4)
        self.reset_button = QtWidgets.QPushButton(self.tr("清除条件"))
        grid.addWidget(self.reset_button, 1, 5)
        self.fill_officers()
        debounce_search(self, self.search, self.changed,
                        (self.state, self.due, self.outcome, self.applicant_type, self.officer))
        self.date_from.changed.connect(self.changed)
        self.date_to.changed.connect(self.changed)
        self.reset_button.clicked.connect(self.reset)

    def fill_officers(self) -> None:
        current = self.officer.currentData()
        self.officer.blockSignals(True)
        self.officer.clear()
        self.officer.addItem(self.tr("全部承办人"), None)
        if self.actor is not None and self.actor.user_id is not None:
            self.officer.addItem(self.tr("我承办的"), self.MINE)
        for o in query.officers():
            self.officer.addItem(o["display_name"], o["id"])
        self.officer.setCurrentIndex(max(0, self.officer.findData(current)))
        self.officer.blockSignals(False)

    def reset(self) -> None:
        for w in (self.state, self.due, self.outcome, self.applicant_type, self.officer):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        self.changed.emit()

    def value(self) -> RegisterFilter:
        officer = self.officer.currentData()
        if officer == self.MINE:
            officer = self.actor.user_id
        return RegisterFilter(states=tuple(self.state.currentData() or ()), outcome=self.outcome.currentData(),
                              applicant_type=self.applicant_type.currentData(), officer_id=officer,
                              received_from=self.date_from.value(), received_to=self.date_to.value(),
                              due=self.due.currentData(), text=self.search.text().strip())


class RegisterView(QtWidgets.QWidget):
    """The register with its tools; the detail pane shows and acts on the selected request."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(self.tr("登记申请…"))
        self.new_button.setVisible(actor.can("request.register"))
        self.import_button = QtWidgets.QPushButton(self.tr("导入台账…"))
        self.import_button.setVisible(actor.can("request.import"))
        self.export_button = QtWidgets.QPushButton(self.tr("导出 Excel…"))
        self.export_button.setVisible(actor.can("request.export"))
        for b in (self.new_button, self.import_button, self.export_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self.filters = FilterBar(actor)
        layout.addWidget(self.filters)
        self.model = register_model(self)
        self.view = register_table(self.model, column(STRETCH), [column(k) for k in HIDDEN_AT_FIRST], "register")
        self.detail = DetailPane(actor)
        self.split = split = list_beside_detail(self.view, self.detail)
        layout.addWidget(split, 1)
        remember_splitter(split, "register")
        layout.addWidget(legend(self.tr("黄色：临近答复期限；红色：已逾期；“暂定”：期限所在年份的节假日安排尚未录入。")))
        self.filters.changed.connect(self.refresh)
        on_current_record(self.view, self.model, self.detail.show_request)
        self.new_button.clicked.connect(self.register_request)
        self.import_button.clicked.connect(self.import_ledger)
        self.export_button.clicked.connect(self.export)
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 件"))
        self.model.totalPending.connect(lambda: self.count_label.setText(self.tr("正在计数…")))
        self.search_shortcut = add_shortcut(self, "Ctrl+F", self.find)
        add_shortcut(self, "Ctrl+N", self.register_request, self.new_button)
        add_shortcut(self, "Ctrl+E", self.export, self.export_button)
        add_shortcut(self, "Ctrl+P", self.print_documents)
        add_shortcut(self, "F5", self._on_change)
        self.filters.search.setToolTip(self.tr("查找（Ctrl+F）"))
        on_change(self, ("request", "calendar", "setting"), self._on_change)
        self.refresh()

    def _on_change(self) -> None:
        current = self.detail.request_id
        self.filters.fill_officers()
        self.refresh(keep=current)

    def refresh(self, keep: int | None = None) -> None:
        f, actor = self.filters.value(), self.actor
        if not load_register(self, self.model, lambda: query.count(actor, f),
                             lambda o, n, s, d: query.fetch(actor, f, o, n, s, d)):
            return
        if keep:
            self.select_request(keep)
        elif self.model.rowCount() == 0:
            self.detail.show_request(None)

    def find(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def print_documents(self) -> None:
        """打印文书 for the selected request (Ctrl+P), when the user may issue them."""
        if "notice" in getattr(self.detail, "step_buttons", {}):
            self.detail.run_step("notice")

    def select_request(self, request_id: int) -> bool:
        """Select a request in the register (loading pages as needed); shows it in the detail pane either way."""
        if select_record(self.view, self.model, request_id):
            return True
        self.detail.show_request(request_id)
        return False

    def register_request(self) -> None:
        from ui.requests.register_dialog import RegisterDialog
        dialog = RegisterDialog(self.actor, parent=self)
        if dialog.exec() and dialog.created:
            announce("request")
            self.select_request(dialog.created["id"])
            self.detail.offer_receipt(dialog.created)

    def import_ledger(self) -> None:
        from ui.requests.import_dialog import ImportDialog
        if ImportDialog(self.actor, self).exec():
            announce("request")

    def export(self) -> None:
        from app.requests.export import export_xlsx
        f, actor = self.filters.value(), self.actor
        sort, desc = self.model.sort_key, self.model.descending
        record_pane.export_xlsx(self, self.tr("导出登记簿"), f"依申请公开登记簿-{clock.today():%Y%m%d}.xlsx",
                                lambda path: export_xlsx(actor, f, path, sort, desc),
                                lambda n, path: f"已导出 {n} 件申请到\n{path}")

