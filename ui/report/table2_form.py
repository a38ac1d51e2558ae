"""Table 二 (主动公开政府信息情况): the office's figures, entered in a grid laid out like the official table of the year's
format and validated by the service on 保存. Figures a module computes (``Figure.computed``) are shown read-only."""
from __future__ import annotations

from app.errors import ServiceError, ValidationError
from app.report import labels, service
from app.report.service import AnnualReport
from ui.events import announce
from ui.qt import QtWidgets, Qt
from ui.report.grid import OfficialGrid
from ui.report.save_bar import SaveBar
from ui.widgets import error_label, show_inline_error

COMPUTED_STYLE = "QLineEdit { background: #e9ecef; color: #333; }"
BAD_STYLE = "QLineEdit { border: 2px solid #b00020; }"

INTRO = {
    labels.FORMAT_2021: "规章、行政规范性文件的件数，行政许可、行政处罚、行政强制的决定数量和收费金额由本机关填写（来自其他业务"
                        "系统）。数量填整数；金额以万元为单位，最多保留4位小数。",
    labels.FORMAT_TRIAL: "2019、2020年度报告按试行格式填写。数量填整数，“本年增/减”可填负数；采购总金额最多保留4位小数。",
}


def figure_text(value) -> str:
    return "" if value is None else str(value)


class Table2Form(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.can_edit = actor.can("report.edit")
        self.year: int | None = None
        self.fmt: str | None = None
        self.edits: dict[str, QtWidgets.QLineEdit] = {}
        self.computed: set[str] = set()
        self._dirty: set[str] = set()
        self._loading = False

        outer = QtWidgets.QVBoxLayout(self)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        inner = QtWidgets.QWidget()
        self.body = QtWidgets.QVBoxLayout(inner)
        self.intro = QtWidgets.QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        self.body.addWidget(self.intro)
        self.grid_holder = QtWidgets.QVBoxLayout()
        self.body.addLayout(self.grid_holder)
        self.computed_note = QtWidgets.QLabel(self.tr("灰色的数字由系统根据登记数据计算，不能手工填写。"))
        self.computed_note.setStyleSheet("color: #555;")
        self.computed_note.hide()
        self.body.addWidget(self.computed_note)
        self.error = error_label()
        self.body.addWidget(self.error)
        bar = SaveBar(self.can_edit, [self.tr("保存"), self.tr("撤销未保存的修改")])
        self.save_button, self.revert_button = bar.buttons
        self.status = bar.status
        self.body.addWidget(bar)
        self.body.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self._report: AnnualReport | None = None

    # ---- layout -----------------------------------------------------------------------------------------------------
    def _build_grid(self, fmt: str) -> None:
        while self.grid_holder.count():
            item = self.grid_holder.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.edits = {}
        grid = OfficialGrid()
        spec = labels.table2_spec(fmt)
        width = max(len(columns) for _, columns, _ in spec)
        row = 0
        for article, columns, rows in spec:
            grid.add_text(row, 0, article, colspan=width, head=True)
            row += 1
            self._heading_row(grid, row, columns, width)
            row += 1
            for label, keys in rows:
                grid.add_text(row, 0, label, min_width=200)
                for i, key in enumerate(keys):
                    span = width - len(keys) if i == len(keys) - 1 else 1
                    edit = QtWidgets.QLineEdit()
                    edit.setAlignment(Qt.AlignCenter)
                    edit.setFixedWidth(130)
                    edit.setAccessibleName(labels.table2_label(fmt, key))
                    edit.textEdited.connect(lambda _text, k=key: self._edited(k))
                    grid.add_widget(row, 1 + i, edit, colspan=span)
                    self.edits[key] = edit
                row += 1
        self.grid_holder.addWidget(grid, 0, Qt.AlignLeft)
        self.intro.setText(INTRO[fmt])
        self.fmt = fmt

    @staticmethod
    def _heading_row(grid: OfficialGrid, row: int, columns, width: int) -> None:
        for i, title in enumerate(columns):
            span = width - len(columns) + 1 if i == len(columns) - 1 and i > 0 else 1
            grid.add_text(row, i, title, colspan=span, head=True, min_width=150 if i else 200)

    # ---- data -------------------------------------------------------------------------------------------------------
    def set_report(self, report: AnnualReport, keep_edits: bool = False) -> None:
        keep = keep_edits and report.year == self.year and report.fmt == self.fmt
        if report.fmt != self.fmt:
            self._build_grid(report.fmt)
        self.year, self._report = report.year, report
        self.computed = {k for k, f in report.table2.items() if f.computed}
        self._loading = True
        for key, figure in report.table2.items():
            edit = self.edits[key]
            if not (keep and key in self._dirty):
                edit.setText(figure_text(figure.value))
            edit.setReadOnly(figure.computed or not self.can_edit)
            edit.setStyleSheet(COMPUTED_STYLE if figure.computed else "")
            edit.setToolTip(self.tr("由系统根据登记数据计算") if figure.computed else labels.table2_label(report.fmt, key))
        self._loading = False
        if not keep:
            self._dirty.clear()
            show_inline_error(self.error, None)
            self.status.clear()
        self._dirty -= self.computed
        self.computed_note.setVisible(bool(self.computed))

    def _edited(self, key: str) -> None:
        if not self._loading:
            self._dirty.add(key)
            self.status.clear()

    def has_unsaved(self) -> bool:
        return bool(self._dirty)

    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items() if k not in self.computed}

    def revert(self) -> None:
        if self._report is not None:
            self.set_report(self._report)

    def _mark(self, bad: dict[str, str]) -> None:
        for key, edit in self.edits.items():
            if key in self.computed:
                continue
            edit.setStyleSheet(BAD_STYLE if key in bad else "")
            edit.setToolTip(bad.get(key) or labels.table2_label(self.fmt, key))

    def save(self) -> bool:
        if self.year is None:
            return False
        try:
            service.save_entries(self.actor, self.year, self.values())
        except ValidationError as err:
            by_label = {labels.table2_label(self.fmt, k): k for k in self.edits}
            self._mark({by_label[f]: f"{f}：{r}" for f, r in err.problems if f in by_label})
            show_inline_error(self.error, self.tr("未保存，请更正：") + "\n"
                              + "\n".join(f"{f}：{r}" for f, r in err.problems))
            return False
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return False
        self._mark({})
        self._dirty.clear()
        show_inline_error(self.error, None)
        announce("report")
        self.status.setText(self.tr("已保存。"))
        return True
