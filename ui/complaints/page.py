"""The 举报投诉 tab: the case register (filters, full-text search, sorting, paging, xlsx export through the shared
machinery) with the detail pane of the selected case, and the 月督查/季通报 summary's preview."""
from __future__ import annotations

from app import clock, settings
from app.complaints import catalog, letters, query, steps
from app.complaints.query import CaseFilter
from app.errors import ServiceError
from ui.complaints.detail_pane import CaseDetailPane
from ui.events import announce, on_change
from ui.messages import show_error
from ui.models.paging import Column, PagingTableModel
from ui.qt import QtCore, QtGui, QtWidgets
from ui.record_pane import (debounce_search, export_xlsx, legend, list_beside_detail, load_register,
                            on_current_record, select_record)
from ui.widgets import make_table_view

URGENT = {"overdue": QtGui.QColor("#f8d7da"), "soon": QtGui.QColor("#fff3cd")}

COLUMNS = [
    Column("number", "编号", "number", 130),
    Column("received_at", "收到时间", "received_at", 115),
    Column("channel", "渠道", "channel", 60),
    Column("category_label", "类别", "category", 70),
    Column("title", "事由", "title", 220, tooltip=lambda r: r["title"]),
    Column("complainant_label", "举报投诉人", None, 80),
    Column("handling_unit", "承办科室", "handling_unit", 80),
    Column("state_label", "状态", "state", 70),
    Column("due_text", "办理期限", "due_date", 170),
    Column("reply_date", "答复日期", "reply_date", 90),
]


def case_model(parent=None) -> PagingTableModel:
    model = PagingTableModel(COLUMNS, parent=parent)
    model.set_default_sort(None)
    model.row_background = lambda r: URGENT.get(r.get("urgency"))
    return model


class CaseFilterBar(QtWidgets.QWidget):
    changed = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索编号、事由、内容或被举报投诉的单位和人员"))
        self.search.setClearButtonEnabled(True)
        self.state = QtWidgets.QComboBox()
        self.state.addItem(self.tr("全部状态"), ())
        self.state.addItem(self.tr("未办结"), steps.OPEN)
        for code, label in steps.STATES.items():
            self.state.addItem(label, (code,))
        self.category = QtWidgets.QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for code, c in catalog.CATEGORIES.items():
            self.category.addItem(c.label, code)
        self.unit = QtWidgets.QComboBox()
        self.unit.addItem(self.tr("全部科室"), None)
        for u in settings.units():
            self.unit.addItem(u, u)
        self.due = QtWidgets.QComboBox()
        self.due.addItem(self.tr("不限期限"), None)
        self.due.addItem(self.tr("临近期限"), "soon")
        self.due.addItem(self.tr("已逾期"), "overdue")
        self.due.addItem(self.tr("督办超期"), "supervision")
        self.year = QtWidgets.QComboBox()
        self.year.addItem(self.tr("全部年度"), None)
        for y in range(clock.today().year, 2007, -1):
            self.year.addItem(f"{y}年", y)
        for w in (self.search, self.state, self.category, self.unit, self.due, self.year):
            row.addWidget(w, 3 if w is self.search else 1)
        debounce_search(self, self.search, self.changed, (self.state, self.category, self.unit, self.due, self.year))

    def value(self) -> CaseFilter:
        due = self.due.currentData()
        return CaseFilter(states=tuple(self.state.currentData() or ()), category=self.category.currentData(),
                          unit=self.unit.currentData(), year=self.year.currentData(),
                          due=due if due in ("soon", "overdue") else None, supervision_overdue=due == "supervision",
                          text=self.search.text().strip())


class ComplaintsPage(QtWidgets.QWidget):
    """The register beside the detail pane of the selected case."""

    TITLE = "举报投诉"

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("complaints")
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(self.tr("受理…"))
        self.new_button.setVisible(actor.can("complaint.register"))
        self.export_button = QtWidgets.QPushButton(self.tr("导出 Excel…"))
        self.export_button.setVisible(actor.can("complaint.export"))
        self.summary_button = QtWidgets.QPushButton(self.tr("督查通报…"))
        for b in (self.new_button, self.export_button, self.summary_button):
            bar.addWidget(b)
        self.filters = CaseFilterBar()
        bar.addWidget(self.filters, 1)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self.model = case_model(self)
        self.view = make_table_view(self.model)
        self.detail = CaseDetailPane(actor)
        split = list_beside_detail(self.view, self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 560])
        layout.addWidget(split, 1)
        layout.addWidget(legend(self.tr("黄色：临近期限；红色：已逾期（政民互动管理制度第四条：政策咨询3个工作日，投诉、求助5—7个，"
                                        "需调查处理10个，重难件15或30个）。举报投诉人的身份不在登记簿中显示。")))
        self.filters.changed.connect(self.refresh)
        on_current_record(self.view, self.model, self.detail.show_case)
        self.new_button.clicked.connect(self.new_case)
        self.export_button.clicked.connect(self.export)
        self.summary_button.clicked.connect(self.summary)
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 件"))
        on_change(self, ("complaint_case", "calendar", "setting"), lambda: self.refresh(keep=self.detail.case_id))
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        f, actor = self.filters.value(), self.actor
        if not load_register(self, self.model, lambda: query.count(actor, f),
                             lambda o, n, s, d: query.fetch(actor, f, o, n, s, d)):
            return
        if keep and self.select_case(keep):
            return
        self.detail.show_case(keep)

    def show_record(self, case_id: int) -> None:
        """Show the case (from the dashboard or the search box)."""
        self.select_case(case_id)

    def select_case(self, case_id: int) -> bool:
        """Select the case's row; a case outside the filter is shown in the pane all the same."""
        if select_record(self.view, self.model, case_id):
            return True
        self.detail.show_case(case_id)
        return False

    def new_case(self) -> None:
        from ui.complaints.dialogs import new_case_dialog
        dialog = new_case_dialog(self.actor, self)
        if dialog.exec() and dialog.result_value:
            announce("complaint_case")
            self.select_case(dialog.result_value["id"])

    def export(self) -> None:
        from app.complaints.export import export_cases
        f, actor = self.filters.value(), self.actor
        export_xlsx(self, self.tr("导出登记簿"), f"举报投诉登记簿-{clock.today():%Y%m%d}.xlsx",
                    lambda path: export_cases(actor, f, path), lambda n, path: f"已导出 {n} 件举报投诉到\n{path}")

    def summary(self):
        """The summary of the month before, or of the quarter when the user picks it."""
        from ui.printing.preview import PreviewDialog
        today = clock.today()
        choices = [f"{today.year}年{today.month}月", f"{today.year}年第{(today.month - 1) // 3 + 1}季度"]
        choice, ok = QtWidgets.QInputDialog.getItem(self, self.tr("督查通报"), self.tr("期间"), choices, 0, False)
        if not ok:
            return None
        kind, n = ("month", today.month) if choice == choices[0] else ("quarter", (today.month - 1) // 3 + 1)
        try:
            pdf = letters.summary_pdf(self.actor, kind, today.year, n)
        except ServiceError as err:
            show_error(self, err)
            return None
        dialog = PreviewDialog(pdf, "举报投诉办理情况通报", f"举报投诉办理情况通报-{choice}.pdf", parent=self)
        dialog.open()
        return dialog
