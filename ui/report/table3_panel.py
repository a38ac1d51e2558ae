"""Table 三 on screen: the computed numbers in the official arrangement, the 勾稽 check's verdict, the requests that
need looking at, and every cell opened on the requests it counts."""
from __future__ import annotations

from app.errors import ServiceError
from app.report import labels, service
from app.report.service import AnnualReport
from ui.messages import show_error
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtCore, QtWidgets, Qt, Signal
from ui.report.table3_model import FIRST_NUMBER_COL, GROUP_COL, ITEM_COL, SECTION_COL, Table3Model
from ui.widgets import make_table_view, selected_row

REQUEST_COLUMNS = [
    Column("number", "申请编号", None, 150),
    Column("received_date", "收到日期", None, 95),
    Column("applicant_name", "申请人", None, 170),
    Column("applicant_type_label", "申请人类别", None, 90),
    Column("state_label", "状态", None, 80),
    Column("decided_date", "答复日期", None, 95),
    Column("outcome_label", "办理结果", None, 240),
]
PROBLEM_COLUMNS = [
    Column("number", "申请编号", None, 150),
    Column("column", "所在列", None, 90, text=lambda r: r["column"] or "—"),
    Column("reason", "原因", None, 600, tooltip=lambda r: r["reason"]),
]
PASS_STYLE = "color: #1e7e34; font-weight: bold;"
FAIL_STYLE = "color: #b00020; font-weight: bold;"


class CellRequestsDialog(QtWidgets.QDialog):
    """The requests one cell of table 三 counts; 打开申请 hands the chosen one to the request register."""
    open_request = Signal(int)

    def __init__(self, title: str, rows: list[dict], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("计入此格的申请"))
        layout = QtWidgets.QVBoxLayout(self)
        heading = QtWidgets.QLabel(f"{title}：共 {len(rows)} 件")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        self.model = PagingTableModel(REQUEST_COLUMNS, ListSource(rows), self)
        self.view = make_table_view(self.model)
        self.view.setSortingEnabled(False)
        layout.addWidget(self.view)
        buttons = QtWidgets.QDialogButtonBox()
        self.open_button = buttons.addButton(self.tr("打开申请"), QtWidgets.QDialogButtonBox.ActionRole)
        close = buttons.addButton(self.tr("关闭"), QtWidgets.QDialogButtonBox.RejectRole)
        close.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(False)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_button.setEnabled(current.isValid()))
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(buttons)
        if rows:
            self.view.selectRow(0)
        self.resize(1000, 460)

    def open_selected(self) -> None:
        row = selected_row(self.view)
        if row is None:
            return
        self.open_request.emit(row["id"])
        self.accept()


def cell_title(table, row_key: str, column_code: str) -> str:
    _, label, group = next(r for r in table.rows if r[0] == row_key)
    column = labels.COLUMNS[labels.COLUMN_CODES.index(column_code)]
    return f"{table.year}年 {group + ' ' if group else ''}{label} — {column}"


class Table3Panel(QtWidgets.QWidget):
    open_request = Signal(int)

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.report: AnnualReport | None = None
        self.cell_dialog: CellRequestsDialog | None = None
        layout = QtWidgets.QVBoxLayout(self)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("checkStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        note = QtWidgets.QLabel(labels.TABLE3_NOTE + self.tr("　双击数字，列出计入该格的申请。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)

        self.split = split = QtWidgets.QSplitter(Qt.Vertical)
        self.model = Table3Model(self)
        self.view = QtWidgets.QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectItems)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.view.setColumnWidth(SECTION_COL, 48)
        self.view.setColumnWidth(GROUP_COL, 104)
        self.view.setColumnWidth(ITEM_COL, 330)
        for column in range(FIRST_NUMBER_COL, self.model.columnCount()):
            self.view.setColumnWidth(column, 106)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows())
        self.view.doubleClicked.connect(self.open_cell)
        split.addWidget(self.view)

        self.problems_box = QtWidgets.QGroupBox()
        box = QtWidgets.QVBoxLayout(self.problems_box)
        self.no_problems = QtWidgets.QLabel(self.tr("没有需要核对的申请。"))
        box.addWidget(self.no_problems)
        self.problems = PagingTableModel(PROBLEM_COLUMNS, parent=self)
        self.problems_view = make_table_view(self.problems)
        self.problems_view.setSortingEnabled(False)
        self.problems_view.setToolTip(self.tr("双击打开该申请"))
        self.problems_view.doubleClicked.connect(self._open_problem)
        box.addWidget(self.problems_view)
        split.addWidget(self.problems_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

    def _fit_rows(self) -> None:
        """Each row as tall as its one-row heading needs. (Qt's own fitting counts a merged cell's whole text in its
        first row, which would make the first result row as tall as “三、本年度办理结果” written down a narrow column.)"""
        metrics = self.view.fontMetrics()
        spans = {(r, c): (rows, cols) for r, c, rows, cols in self.model.spans()}
        base = metrics.height() + 12
        for row in range(self.model.rowCount()):
            height = base
            for column in range(FIRST_NUMBER_COL):
                text = self.model.data(self.model.index(row, column))
                rows, cols = spans.get((row, column), (1, 1))
                if not text or rows > 1:
                    continue
                width = sum(self.view.columnWidth(column + i) for i in range(cols)) - 12
                box = metrics.boundingRect(QtCore.QRect(0, 0, max(width, 20), 10000), Qt.TextWordWrap, text)
                height = max(height, box.height() + 12)
            self.view.setRowHeight(row, height)

    def set_report(self, report: AnnualReport) -> None:
        self.report = report
        table = report.table3
        self.model.set_table(table)
        self.view.clearSpans()
        for span in self.model.spans():
            self.view.setSpan(*span)
        self._fit_rows()
        failing = table.check()
        if failing:
            self.status.setText(self.tr("勾稽关系：不通过 — 不一致的列：") + "、".join(failing)
                                + self.tr("。请核对下方列出的申请并更正登记；程序不会调整数字。"))
            self.status.setStyleSheet(FAIL_STYLE)
        else:
            self.status.setText(self.tr("勾稽关系：通过（每一列 一 + 二 = （七）总计 + 四）"))
            self.status.setStyleSheet(PASS_STYLE)
        rows = [{"id": p.request_id, "number": p.number, "reason": p.reason, "column": p.column}
                for p in table.problems]
        self.problems.set_source(ListSource(rows))
        self.problems_box.setTitle(self.tr("需要核对的申请") + f"（{len(rows)} 件）")
        self.no_problems.setVisible(not rows)
        self.problems_view.setVisible(bool(rows))
        total = sum(self.split.sizes()) or 600
        below = min(80 + 28 * len(rows), 220) if rows else 60
        self.split.setSizes([max(total - below, 200), below])

    def check_text(self) -> str:
        return self.status.text()

    def open_cell(self, index) -> None:
        cell = self.model.cell_at(index)
        if cell is None or self.report is None:
            return
        try:
            rows = service.cell_requests(self.actor, self.report.year, *cell)
        except ServiceError as err:
            show_error(self, err)
            return
        if self.cell_dialog is not None:
            self.cell_dialog.deleteLater()  # one at a time; kept until the next so that its list can be read
        dialog = CellRequestsDialog(cell_title(self.report.table3, *cell), rows, self)
        dialog.open_request.connect(self.open_request)
        self.cell_dialog = dialog
        dialog.open()

    def _open_problem(self, index) -> None:
        row = self.problems.row_at(index.row())
        if row is not None:
            self.open_request.emit(row["id"])
