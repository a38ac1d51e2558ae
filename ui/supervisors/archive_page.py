"""档案查阅: the read-only archive a 监督员 reads — one list per view the modules register (closed requests, published
items, annual reports …), a search, the record's detail and documents (masked by their provider), and 提交意见 from the
record. Nothing here changes a record; every opening and every document viewed or printed is logged."""
from __future__ import annotations

from app.errors import ServiceError
from app.supervisors import archive, catalog, opinions
from ui import messages
from ui.events import announce
from ui.forms import Field, FormDialog
from ui.messages import show_error
from ui.models.paging import Column, FunctionSource, ListSource, PagingTableModel
from ui.qt import QtCore, QtWidgets, Qt
from ui.widgets import make_table_view


WIDTHS = {"number": 150, "index_number": 170, "title": 260, "description": 220, "outcome_label": 150, "applicant": 90}


class ArchiveViewPanel(QtWidgets.QWidget):
    """One registered view: its list (paged, searchable) and the selected record."""

    def __init__(self, actor, name: str, view, parent=None):
        super().__init__(parent)
        self.actor, self.name, self.view_spec = actor, name, view
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索") + view.title)
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        self.model = PagingTableModel([Column(k, t, None, WIDTHS.get(k, 100), tooltip=lambda r, k=k: str(r.get(k) or ""))
                                       for k, t in view.columns], parent=self)
        self.table = make_table_view(self.model)
        split.addWidget(self.table)
        right = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.lines = PagingTableModel([Column("label", "项目", None, 130), Column("value", "内容", None, 360,
                                                                              tooltip=lambda r: r["value"])], parent=self)
        self.detail = make_table_view(self.lines)
        self.detail.setWordWrap(True)
        column.addWidget(self.detail, 3)
        column.addWidget(QtWidgets.QLabel(self.tr("文书（个人信息已隐去）")))
        self.documents = QtWidgets.QListWidget()
        column.addWidget(self.documents, 1)
        buttons = QtWidgets.QHBoxLayout()
        self.open_button = QtWidgets.QPushButton(self.tr("查看文书…"))
        self.open_button.clicked.connect(self.open_document)
        buttons.addWidget(self.open_button)
        self.opinion_button = QtWidgets.QPushButton(self.tr("就此记录提交意见…"))
        self.opinion_button.setVisible(actor.can("supervisor.submit"))
        self.opinion_button.clicked.connect(self.file_opinion)
        buttons.addWidget(self.opinion_button)
        column.addLayout(buttons)
        split.addWidget(right)
        split.setSizes([700, 520])
        layout.addWidget(split, 1)
        self.record: dict | None = None
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 条"))
        self.refresh()

    def refresh(self) -> None:
        text, actor, name = self.search.text().strip(), self.actor, self.name
        try:
            self.model.set_source(FunctionSource(lambda: archive.count(actor, name, text),
                                                 lambda o, n, s, d: archive.fetch(actor, name, text, o, n)))
        except ServiceError as err:
            show_error(self, err)
        self.show_record(None)

    def _selected(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        self.show_record(row["id"] if row else None)

    def show_record(self, record_id) -> None:
        self.record = None
        if record_id is not None:
            try:
                self.record = archive.open_record(self.actor, self.name, record_id)
            except ServiceError as err:
                show_error(self, err)
        lines = self.record["lines"] if self.record else []
        self.lines.set_source(ListSource([{"label": k, "value": v} for k, v in lines]))
        self.detail.resizeRowsToContents()
        self.documents.clear()
        for doc in (self.record or {}).get("documents", []):
            item = QtWidgets.QListWidgetItem(doc["title"])
            item.setData(Qt.UserRole, doc["id"])
            self.documents.addItem(item)
        if self.documents.count():
            self.documents.setCurrentRow(0)
        self.open_button.setEnabled(self.documents.count() > 0)
        self.opinion_button.setEnabled(self.record is not None)

    def open_document(self) -> None:
        from ui.printing.preview import PreviewDialog
        item = self.documents.currentItem()
        if self.record is None or item is None:
            return
        record_id, document_id = self.record["id"], item.data(Qt.UserRole)
        try:
            pdf = archive.document_pdf(self.actor, self.name, record_id, document_id)
        except ServiceError as err:
            show_error(self, err)
            return
        self.preview = PreviewDialog(pdf, item.text(), f"{item.text()}.pdf", parent=self)
        self.preview.printed.connect(lambda _how: archive.note_printed(self.actor, self.name, record_id, document_id))
        self.preview.exec()

    def file_opinion(self) -> None:
        if self.record is None:
            return
        record = self.record
        dialog = FormDialog(self.tr("提交监督意见"), [
            Field("about", "所涉记录", "readonly", record["label"]),
            Field("category", "类别", "choice", "", [("", "（未分类）")] + [(c, c) for c in catalog.CATEGORIES]),
            Field("content", "意见和建议", "multiline", required=True)],
            lambda v: opinions.submit(self.actor, {"content": v["content"], "category": v["category"],
                                                   "subject_view": self.name, "subject_id": record["id"]}),
            self, "意见将进入本机关的监督意见登记簿，办理和落实情况会向您通报（制度四（二））。", accept_text=self.tr("提交"))
        if dialog.exec():
            announce("supervisor")
            messages.info(self, self.tr("提交监督意见"), f"已提交，编号 {dialog.result_value['number']}。")


class ArchivePage(QtWidgets.QWidget):
    """One tab per view the modules register for this user (``app.modules.archive_views``)."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = QtWidgets.QLabel(self.tr("档案查阅为只读：申请人等个人信息已隐去。您打开的记录和查看、打印的文书均有记录。"))
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.tabs = QtWidgets.QTabWidget()
        self.panels: dict[str, ArchiveViewPanel] = {}
        try:
            views = archive.views(actor)
        except ServiceError:
            views = []
        for name, view in views:
            panel = ArchiveViewPanel(actor, name, view)
            self.panels[name] = panel
            self.tabs.addTab(panel, view.title)
        layout.addWidget(self.tabs, 1)
