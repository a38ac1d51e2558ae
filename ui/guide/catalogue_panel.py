"""The 公开事项标准目录 page: the register of 公开事项 (filters, search, sorting, paging, xlsx export and import), the
adjustments with their review, each item's history, what changed between two dates, and the items whose period
passed with nothing published."""
from __future__ import annotations

import datetime as dt
from html import escape

from app import clock, settings
from app.errors import ServiceError
from app.guide import standard_query, workbook
from app.guide.elements import STATUSES
from app.guide.standard_query import AdjustmentFilter, CatalogueFilter
from app.publication import catalog as publication_catalog
from ui import file_dialogs, messages
from ui.events import announce, on_change
from ui.messages import show_error
from ui.models.paging import Column, FunctionSource, PagingTableModel
from ui.qt import QtCore, QtGui, QtWidgets, Qt
from ui.tasks import run_task
from ui.widgets import DateEdit, make_table_view, selected_row

ITEM_COLUMNS = [
    Column("name", "事项名称", "name", 150, tooltip=lambda r: r["content"]),
    Column("unit", "责任科室", "unit", 90),
    Column("category", "公开目录类别", "category", 90),
    Column("time_limit", "公开时限", "time_limit", 130),
    Column("channel", "公开渠道", "channel", 110),
    Column("manner", "公开方式", "manner", 70),
    Column("basis", "公开依据", "basis", 180, tooltip=lambda r: r["basis"]),
    Column("subject", "公开主体", "subject", 90),
    Column("phone", "咨询/投诉电话", "phone", 100),
    Column("version", "版本", None, 40),
]
ADJUSTMENT_COLUMNS = [
    Column("status_label", "状态", "status", 60),
    Column("kind_label", "调整", "kind", 45),
    Column("name", "事项名称", None, 140),
    Column("reason_label", "原因", None, 90, tooltip=lambda r: r["reason_note"]),
    Column("summary", "内容", None, 260, tooltip=lambda r: r["summary"]),
    Column("unit", "科室", "unit", 80),
    Column("proposed_by", "提出人", None, 60),
    Column("proposed_at", "提出时间", None, 120),
    Column("reviewed_by", "审核人", None, 60),
    Column("review_note", "审核意见", None, 120),
]
PENDING = QtGui.QColor("#fff3cd")


class CataloguePanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        self.missing_label = QtWidgets.QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.missing_label)
        bar = QtWidgets.QHBoxLayout()
        self.buttons = {}
        for key, text, permission in (("add", "新增事项…", "catalogue.propose"), ("change", "变更…", "catalogue.propose"),
                                      ("remove", "删除…", "catalogue.propose"), ("history", "历次版本…", "guide.view"),
                                      ("compare", "变化对比…", "guide.view"), ("export", "导出 Excel…", "guide.view"),
                                      ("import", "导入 Excel…", "catalogue.review")):
            b = QtWidgets.QPushButton(self.tr(text))
            b.setVisible(actor.can(permission))
            bar.addWidget(b)
            self.buttons[key] = b
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索事项名称、内容、依据或主体"))
        self.search.setClearButtonEnabled(True)
        self.unit = QtWidgets.QComboBox()
        self.unit.addItem(self.tr("全部科室"), None)
        for u in settings.units():
            self.unit.addItem(u, u)
        self.category = QtWidgets.QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for c in publication_catalog.categories():
            self.category.addItem(c, c)
        self.removed = QtWidgets.QCheckBox(self.tr("已删除的"))
        for w in (self.search, self.unit, self.category, self.removed):
            bar.addWidget(w, 2 if w is self.search else 0)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        split = QtWidgets.QSplitter(Qt.Vertical)
        self.model = PagingTableModel(ITEM_COLUMNS, parent=self)
        self.model.set_default_sort("name")
        self.model.row_background = lambda r: PENDING if r.get("pending") else None
        self.view = make_table_view(self.model)
        split.addWidget(self.view)
        lower = QtWidgets.QWidget()
        ll = QtWidgets.QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        abar = QtWidgets.QHBoxLayout()
        abar.addWidget(QtWidgets.QLabel(self.tr("目录调整：")))
        self.status = QtWidgets.QComboBox()
        self.status.addItem(self.tr("全部"), None)
        for code, label in STATUSES.items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(1)
        abar.addWidget(self.status)
        self.review_button = QtWidgets.QPushButton(self.tr("审核…"))
        self.review_button.setVisible(actor.can("catalogue.review"))
        abar.addWidget(self.review_button)
        self.adjustment_count = QtWidgets.QLabel()
        abar.addWidget(self.adjustment_count)
        abar.addStretch(1)
        ll.addLayout(abar)
        self.adjustments = PagingTableModel(ADJUSTMENT_COLUMNS, parent=self)
        self.adjustments_view = make_table_view(self.adjustments)
        ll.addWidget(self.adjustments_view)
        split.addWidget(lower)
        split.setSizes([380, 220])
        layout.addWidget(split, 1)
        legend = QtWidgets.QLabel(self.tr("黄色：有一项调整等待领导小组办公室审核。公开时限为每月、每季度、每半年或每年的事项，"
                                          "与公开目录中该类别发布的信息比对。"))
        legend.setStyleSheet("color: #555;")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._timer.start())
        for box in (self.unit, self.category, self.status):
            box.currentIndexChanged.connect(lambda _: self.refresh())
        self.removed.toggled.connect(lambda _: self.refresh())
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 项"))
        self.adjustments.totalChanged.connect(lambda n: self.adjustment_count.setText(f"共 {n} 项"))
        for kind in ("add", "change", "remove"):
            self.buttons[kind].clicked.connect(lambda _=False, k=kind: self.propose(k))
        self.buttons["history"].clicked.connect(self.history)
        self.buttons["compare"].clicked.connect(self.compare)
        self.buttons["export"].clicked.connect(self.export)
        self.buttons["import"].clicked.connect(self.import_file)
        self.review_button.clicked.connect(self.review)
        self.adjustments_view.doubleClicked.connect(lambda _: self.review())
        self.view.doubleClicked.connect(lambda _: self.history())
        on_change(self, ("standard_item", "info_item", "setting"), self.refresh)
        self.refresh()

    def filter(self) -> CatalogueFilter:
        return CatalogueFilter(unit=self.unit.currentData(), category=self.category.currentData(),
                               text=self.search.text().strip(), removed=self.removed.isChecked())

    def refresh(self) -> None:
        actor, f = self.actor, self.filter()
        af = AdjustmentFilter(status=self.status.currentData())
        try:
            self.model.set_source(FunctionSource(lambda: standard_query.count(actor, f),
                                                 lambda o, n, s, d: standard_query.fetch(actor, f, o, n, s, d)))
            self.adjustments.set_source(FunctionSource(
                lambda: standard_query.count_adjustments(actor, af),
                lambda o, n, s, d: standard_query.fetch_adjustments(actor, af, o, n, s, True if s is None else d)))
            missing = standard_query.overdue(actor)
        except ServiceError as err:
            show_error(self, err)
            return
        self.missing_label.setText(
            f"公开时限已过而公开目录中没有发布的事项 {len(missing)} 项：" + "；".join(
                f"{m['name']}（{m['period']}，{m['start']:%Y-%m-%d}至{m['end']:%Y-%m-%d}，{m['category']}）"
                for m in missing[:6]) if missing else "")
        self.missing_label.setVisible(bool(missing))

    def _current(self) -> dict | None:
        row = selected_row(self.view)
        if row is None:
            messages.info(self, self.tr("公开事项标准目录"), self.tr("请先在列表中选择一个公开事项。"))
        return row

    def propose(self, kind: str) -> None:
        from ui.guide.dialogs import AdjustmentDialog
        row = None
        if kind != "add":
            row = self._current()
            if row is None:
                return
        dialog = AdjustmentDialog(self.actor, kind, row, self)
        self.dialog = dialog
        if dialog.exec() and dialog.result_value:
            announce("standard_item")

    def review(self) -> None:
        from ui.guide.dialogs import ReviewDialog
        row = selected_row(self.adjustments_view)
        if row is None or row["status"] != "proposed" or not self.actor.can("catalogue.review"):
            return
        dialog = ReviewDialog(self.actor, row, self)
        self.dialog = dialog
        if dialog.exec() and dialog.result_value:
            announce("standard_item")

    def history(self) -> None:
        from ui.guide.dialogs import show_history
        row = self._current()
        if row is None:
            return
        try:
            self.dialog = show_history(self.actor, row, self)
        except ServiceError as err:
            show_error(self, err)
            return
        self.dialog.exec()

    def compare(self) -> None:
        dialog = CompareDialog(self.actor, self)
        self.dialog = dialog
        dialog.exec()

    def export(self) -> None:
        path, _ = file_dialogs.get_save_file_name(self, self.tr("导出公开事项标准目录"),
                                                  f"公开事项标准目录-{clock.today():%Y%m%d}.xlsx",
                                                  self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return
        actor = self.actor
        run_task(self, self.tr("正在导出…"), lambda handle: workbook.export(actor, path),
                 lambda n: messages.info(self, self.tr("导出标准目录"), f"已导出 {n} 个公开事项到\n{path}"),
                 lambda exc: show_error(self, exc, "导出失败"))

    def import_file(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("导入公开事项标准目录"), "",
                                                  self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return
        try:
            checked = workbook.check_file(self.actor, path)
        except ServiceError as err:
            show_error(self, err, "无法导入")
            return
        lines = [f"新增 {sum(1 for r in checked.good if r.item_id is None)} 项，"
                 f"变更 {sum(1 for r in checked.good if r.item_id)} 项，未变 {len(checked.unchanged)} 项。"]
        lines += [f"第{r}行：{reason}" for r, reason in checked.problems[:15]]
        lines += [f"提示：第{r}行：{note}" for r, note in checked.notes[:10]]
        skip = bool(checked.problems)
        question = (f"有 {len({r for r, _ in checked.problems})} 行有问题。跳过这些行，导入其余各行吗？" if skip
                    else "导入这些公开事项吗？（记为已批准的调整）")
        if not messages.confirm(self, self.tr("导入公开事项标准目录"), "\n".join(lines + ["", question])):
            return
        try:
            result = workbook.import_checked(self.actor, checked, skip_bad=skip)
        except ServiceError as err:
            show_error(self, err, "无法导入")
            return
        announce("standard_item")
        messages.info(self, self.tr("导入公开事项标准目录"),
                      f"新增 {result['added']} 项，变更 {result['changed']} 项，未变 {result['unchanged']} 项。")


class CompareDialog(QtWidgets.QDialog):
    """What changed in the catalogue between two dates."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("标准目录变化对比"))
        layout = QtWidgets.QVBoxLayout(self)
        row = QtWidgets.QHBoxLayout()
        today = clock.today()
        self.start = DateEdit(dt.date(today.year, 1, 1))
        self.end = DateEdit(today)
        for w in (QtWidgets.QLabel(self.tr("自")), self.start, QtWidgets.QLabel(self.tr("至")), self.end):
            row.addWidget(w)
        show = QtWidgets.QPushButton(self.tr("对比"))
        row.addWidget(show)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QtWidgets.QTextBrowser()
        layout.addWidget(self.result, 1)
        show.clicked.connect(self.show_changes)
        self.resize(620, 420)
        self.show_changes()

    def show_changes(self) -> None:
        try:
            rows = standard_query.changes_between(self.actor, self.start.value(), self.end.value())
        except ServiceError as err:
            show_error(self, err)
            return
        if not rows:
            self.result.setHtml(self.tr("这段时间内标准目录没有变化。"))
            return
        parts = []
        for r in rows:
            detail = "<br>".join(f"　{escape(w)}：{escape(a or '（空）')} → {escape(b or '（空）')}" for w, a, b in r["changes"])
            parts.append(f"<b>{escape(r['kind'])}</b>　{escape(r['name'])}" + (f"<br>{detail}" if detail else ""))
        self.result.setHtml("<br>".join(parts))
