"""Table 四 (政府信息公开行政复议、行政诉讼情况) in the official layout — 行政复议 with five result columns, 行政诉讼
split into 未经复议直接起诉 and 复议后起诉 with five each — and the way into the case register it is counted from."""
from __future__ import annotations

from app.report import labels
from app.report.service import AnnualReport
from ui.qt import QtWidgets, Qt
from ui.report.grid import OfficialGrid

CATEGORIES = ("reconsideration", "direct", "after_reconsideration")


class Table4Panel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.year: int | None = None
        self.cases_dialog: QtWidgets.QDialog | None = None
        layout = QtWidgets.QVBoxLayout(self)
        grid = OfficialGrid()
        results = [title for _, title in labels.RESULT_COLUMNS]
        grid.add_text(0, 0, labels.REVIEW_HEAD, colspan=5, head=True)
        grid.add_text(0, 5, labels.LITIGATION_HEAD, colspan=10, head=True)
        for i, title in enumerate(results):
            grid.add_text(1, i, title, rowspan=2, head=True, min_width=70)
        grid.add_text(1, 5, labels.ROUTE_HEADS["direct"], colspan=5, head=True)
        grid.add_text(1, 10, labels.ROUTE_HEADS["after_reconsideration"], colspan=5, head=True)
        for i, title in enumerate(results * 2):
            grid.add_text(2, 5 + i, title, head=True, min_width=70)
        self.counts: dict[tuple[str, str], QtWidgets.QLabel] = {}
        column = 0
        for category in CATEGORIES:
            for result, _ in labels.RESULT_COLUMNS:
                self.counts[(category, result)] = grid.add_text(3, column, "0")
                column += 1
        layout.addWidget(grid, 0, Qt.AlignLeft)
        note = QtWidgets.QLabel(self.tr(
            "按立案（受理）日期计入年度；当年12月31日以后才审结的案件，在本年度报告中计为“尚未审结”。"
            "数字来自复议诉讼案件登记。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        bar = QtWidgets.QHBoxLayout()
        self.cases_button = QtWidgets.QPushButton(self.tr("复议诉讼案件登记…"))
        self.cases_button.setEnabled(actor.can("request.view"))
        self.cases_button.clicked.connect(self.open_cases)
        bar.addWidget(self.cases_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addStretch(1)

    def set_report(self, report: AnnualReport) -> None:
        self.year = report.year
        for key, label in self.counts.items():
            label.setText(str(report.table4.get(key, 0)))

    def count_texts(self) -> list[str]:
        return [label.text() for label in self.counts.values()]

    def open_cases(self) -> None:
        from ui.requests.review_cases_page import ReviewCasesPage
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle(self.tr("行政复议、行政诉讼案件登记"))
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        layout = QtWidgets.QVBoxLayout(dialog)
        page = ReviewCasesPage(self.actor, year=self.year)
        layout.addWidget(page)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
        buttons.button(QtWidgets.QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.page = page
        dialog.resize(1100, 560)
        self.cases_dialog = dialog
        dialog.open()
