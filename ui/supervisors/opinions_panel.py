"""监督意见 in the 监督员 tab: the register (search, stage, paging), the selected opinion with the steps the service's
table offers this user, the handling sheet, the xlsx export."""
from __future__ import annotations

from app import clock, settings
from app.errors import ServiceError
from app.supervisors import catalog, documents, opinions, query, roster
from ui import file_dialogs, messages
from ui.events import on_change
from ui.forms import Field
from ui.messages import show_error
from ui.models.paging import Column, FunctionSource, PagingTableModel
from ui.qt import QtCore, QtWidgets, Qt
from ui.supervisors.common import ENTITY, URGENT, choices, run_form
from ui.tasks import run_task
from ui.widgets import make_table_view

OPINION_COLUMNS = [
    Column("number", "编号", "number", 110), Column("received_date", "收到日期", "received_date", 90),
    Column("supervisor_name", "监督员", None, 60), Column("channel_label", "渠道", None, 70),
    Column("priority_label", "重点", "priority", 40),
    Column("content", "意见内容", None, 240, tooltip=lambda r: r["content"]),
    Column("stage_label", "环节", "stage", 90), Column("unit", "承办科室", "unit", 80),
    Column("due_text", "办理期限", "due_date", 170), Column("subject_label", "所涉记录", None, 160),
]

class OpinionsPanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(self.tr("登记意见…"))
        self.new_button.setVisible(actor.can("supervisor.opinion"))
        self.new_button.clicked.connect(self.register)
        bar.addWidget(self.new_button)
        self.export_button = QtWidgets.QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索编号、意见内容、反馈、承办科室或所涉记录"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.stage = QtWidgets.QComboBox()
        self.stage.addItem(self.tr("全部环节"), ())
        self.stage.addItem(self.tr("办理中"), opinions.OPEN)
        for code, label in opinions.STAGES.items():
            self.stage.addItem(label, (code,))
        bar.addWidget(self.stage, 1)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        self.model = PagingTableModel(OPINION_COLUMNS, parent=self)
        self.model.set_default_sort(None)
        self.model.row_background = lambda r: URGENT.get(r.get("urgency"))
        self.view = make_table_view(self.model)
        split.addWidget(self.view)
        right = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.detail = QtWidgets.QTextBrowser()
        column.addWidget(self.detail, 1)
        self.steps = QtWidgets.QHBoxLayout()
        column.addLayout(self.steps)
        self.sheet_button = QtWidgets.QPushButton(self.tr("打印办理单…"))
        self.sheet_button.clicked.connect(self.print_sheet)
        self.sheet_button.setEnabled(False)
        column.addWidget(self.sheet_button)
        split.addWidget(right)
        split.setSizes([760, 420])
        layout.addWidget(split, 1)
        self.current: dict | None = None
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.stage.currentIndexChanged.connect(lambda _: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 件"))
        on_change(self, (ENTITY, "calendar"), self.refresh)
        self.refresh()

    def filter(self) -> query.OpinionFilter:
        return query.OpinionFilter(stages=tuple(self.stage.currentData() or ()), text=self.search.text().strip())

    def refresh(self) -> None:
        f, actor = self.filter(), self.actor
        keep = self.current["id"] if self.current else None
        try:
            self.model.set_source(FunctionSource(lambda: query.count(actor, f),
                                                 lambda o, n, s, d: query.fetch(actor, f, o, n, s, d)))
        except ServiceError as err:
            show_error(self, err)
            return
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.show_opinion(keep if row is not None else None)

    def _selected(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        self.show_opinion(row["id"] if row else None)

    def show_opinion(self, opinion_id: int | None) -> None:
        while self.steps.count():
            item = self.steps.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.current = query.detail(self.actor, opinion_id) if opinion_id else None
        self.sheet_button.setEnabled(self.current is not None)
        if self.current is None:
            self.detail.setPlainText(self.tr("选择一件监督意见查看办理情况"))
            return
        d = self.current
        lines = [f"{d['number']}　{d['stage_label']}", f"监督员：{d['supervisor_name']}　渠道：{d['channel_label']}　"
                 f"收到：{d['received_date']}", f"类别：{d['category'] or '—'}　{d['priority_label']}",
                 f"所涉记录：{d['subject_label'] or '—'}", "", d["content"], ""]
        if d["transferred_date"]:
            lines.append(f"转办：{d['transferred_date']} 转{d['unit']}，期限 {d['due_text']}")
        if d["answered_date"]:
            lines.append(f"反馈：{d['answered_date']} {d['answer']}")
        if d["cannot_reason"]:
            lines.append(f"暂不能落实：{d['cannot_reason']}")
        if d["reported_date"]:
            lines.append(f"通报：{d['report_text']}")
        lines += ["", "办理记录："] + [f"  {e['date']} {opinions.ACTIONS.get(e['action'], e['action'])} {e['user']} "
                                       f"{e['note']}" for e in d["events"]]
        self.detail.setPlainText("\n".join(lines))
        for action, label in d["actions"]:
            b = QtWidgets.QPushButton(label)
            b.clicked.connect(lambda _=False, a=action: self.take(a))
            self.steps.addWidget(b)

    def register(self) -> None:
        sups = [(r["id"], r["name"]) for r in roster.roster(self.actor)]
        result = run_form(self, self.tr("登记监督意见"), [
            Field("supervisor_id", "监督员", "choice", None, sups, required=True),
            Field("received_date", "收到日期", "date", clock.today(), required=True),
            Field("channel", "渠道", "choice", "email", [c for c in catalog.CHANNELS.items() if c[0] != "program"]),
            Field("category", "类别", "choice", "", [("", "（未分类）")] + [(c, c) for c in catalog.CATEGORIES]),
            Field("priority", "重点", "choice", "normal", choices(catalog.PRIORITIES)),
            Field("content", "意见内容", "multiline", required=True)],
            lambda v: opinions.register(self.actor, v), "制度四（二）：对监督建议和意见做好登记、转办和反馈，分类整理，明确重点。")
        if result:
            self.current = {"id": result["id"]}
            self.refresh()  # selects the new opinion

    def take(self, action: str) -> None:
        d, today = self.current, clock.today()
        units = [(u, u) for u in settings.units()]
        forms = {
            "transfer": ("转办", [Field("unit", "承办科室", "choice", None, units, required=True),
                                 Field("date", "转办日期", "date", today, required=True),
                                 Field("days", "办理期限（工作日）", "int", settings.get("supervisors.opinion_days"),
                                       minimum=1, maximum=60)],
                         lambda v: opinions.transfer(self.actor, d["id"], v["unit"], v["date"], v["days"])),
            "answer": ("登记反馈", [Field("text", "承办科室反馈", "multiline", required=True),
                                  Field("date", "反馈日期", "date", today, required=True)],
                       lambda v: opinions.answer(self.actor, d["id"], v["text"], v["date"])),
            "report": ("通报监督员", [Field("method", "通报方式", "choice", "书面",
                                           [(m, m) for m in catalog.REPORT_METHODS]),
                                     Field("date", "通报日期", "date", today, required=True),
                                     Field("note", "监督员的意见", "multiline")],
                       lambda v: opinions.report(self.actor, d["id"], v["method"], v["date"], v["note"])),
            "cannot": ("暂不能落实", [Field("reason", "原因（告知监督员的具体情况）", "multiline", required=True),
                                      Field("method", "告知方式", "choice", "书面", [(m, m) for m in catalog.REPORT_METHODS]),
                                      Field("date", "告知日期", "date", today, required=True)],
                       lambda v: opinions.cannot(self.actor, d["id"], v["reason"], v["method"], v["date"])),
        }
        title, fields, submit = forms[action]
        run_form(self, f"{d['number']} {title}", fields, submit)

    def print_sheet(self) -> None:
        from ui.printing.preview import PreviewDialog
        try:
            pdf = documents.handling_sheet_pdf(self.actor, self.current["id"])
        except ServiceError as err:
            show_error(self, err)
            return
        self.preview = PreviewDialog(pdf, self.tr("监督意见办理单"), f"监督意见办理单-{self.current['number']}.pdf",
                                     parent=self)
        self.preview.exec()

    def export(self) -> None:
        path, _ = file_dialogs.get_save_file_name(self, self.tr("导出监督意见登记簿"),
                                                  f"监督意见登记簿-{clock.today():%Y%m%d}.xlsx",
                                                  self.tr("Excel 文件 (*.xlsx)"))
        if path:
            f, actor = self.filter(), self.actor
            run_task(self, self.tr("正在导出…"), lambda handle: documents.export_opinions(actor, f, path),
                     lambda n: messages.info(self, self.tr("导出监督意见登记簿"), f"已导出 {n} 件监督意见到\n{path}"),
                     lambda exc: show_error(self, exc, "导出失败"))
