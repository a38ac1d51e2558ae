"""The 政府信息公开指南 page: the guide as it would be issued now (or the latest version, when nothing changed), what
changed since that version, the paragraphs the office writes, the issued versions, and printing through the preview."""
from __future__ import annotations

from html import escape

from app.errors import ServiceError
from app.guide import service
from app.guide.text import FREE_PARTS
from app.printing.document import Heading, Paragraph, Table
from ui import messages
from ui.events import announce, on_change
from ui.messages import show_error
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtWidgets, Qt
from ui.widgets import make_table_view, selected_row

VERSION_COLUMNS = [
    Column("version", "版本", "version", 50),
    Column("issued_at", "印发时间", "issued_at", 130),
    Column("issued_by", "印发人", None, 70),
    Column("note", "修订说明", None, 200),
    Column("posted_item", "发布审核编号", None, 110),
]


def document_html(doc) -> str:
    """The document's text for the on-screen preview (the printed layout is the PDF's)."""
    out = [f"<h2 style='text-align:center'>{escape(doc.title)}</h2>"]
    if doc.status_mark:
        out.append(f"<p style='color:#b00020;text-align:right'>{escape(doc.status_mark)}</p>")
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level + 2}>{escape(b.text)}</h{b.level + 2}>")
        elif isinstance(b, Paragraph):
            out.append(f"<p style='text-indent:2em'>{escape(b.text)}</p>")
        elif isinstance(b, Table):
            rows = "".join("<tr>" + "".join(f"<td>{escape(str(getattr(c, 'text', c)))}</td>" for c in row) + "</tr>"
                           for row in b.rows)
            out.append(f"<table border='1' cellspacing='0' cellpadding='4'>{rows}</table>")
    if doc.signature:
        out.append("<p style='text-align:right'>" + "<br>".join(escape(x) for x in doc.signature.lines)
                   + f"<br>{doc.signature.date.year}年{doc.signature.date.month}月{doc.signature.date.day}日</p>")
    out += [f"<p style='text-align:right'>{escape(n)}</p>" for n in doc.notes]
    return "".join(out)


class GuidePanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        self.status_label = QtWidgets.QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        bar = QtWidgets.QHBoxLayout()
        self.issue_button = QtWidgets.QPushButton(self.tr("印发新版本…"))
        self.print_button = QtWidgets.QPushButton(self.tr("打印预览和导出…"))
        self.issue_button.setVisible(actor.can("guide.manage"))
        for b in (self.issue_button, self.print_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        self.preview = QtWidgets.QTextBrowser()
        split.addWidget(self.preview)
        side = QtWidgets.QTabWidget()
        editor = QtWidgets.QWidget()
        form = QtWidgets.QVBoxLayout(editor)
        form.addWidget(QtWidgets.QLabel(self.tr("以下各部分由本机关编写；其余内容取自机关信息、公开目录类别、科室和依申请公开的设置。")))
        self.edits: dict[str, QtWidgets.QPlainTextEdit] = {}
        for key, label in FREE_PARTS.items():
            form.addWidget(QtWidgets.QLabel(label))
            edit = QtWidgets.QPlainTextEdit()
            edit.setReadOnly(not actor.can("guide.manage"))
            edit.setMinimumHeight(60)
            self.edits[key] = edit
            form.addWidget(edit, 1)
        self.save_button = QtWidgets.QPushButton(self.tr("保存编写的内容"))
        self.save_button.setVisible(actor.can("guide.manage"))
        form.addWidget(self.save_button)
        side.addTab(editor, self.tr("编写"))
        versions = QtWidgets.QWidget()
        vl = QtWidgets.QVBoxLayout(versions)
        self.versions_model = PagingTableModel(VERSION_COLUMNS, parent=self)
        self.versions_view = make_table_view(self.versions_model)
        vl.addWidget(self.versions_view, 2)
        self.version_changes = QtWidgets.QTextBrowser()
        vl.addWidget(self.version_changes, 1)
        vbar = QtWidgets.QHBoxLayout()
        self.version_print = QtWidgets.QPushButton(self.tr("打印这一版…"))
        self.version_post = QtWidgets.QPushButton(self.tr("送发布审核…"))
        self.version_post.setVisible(actor.can("guide.manage") and actor.can("publication.draft"))
        self.version_post.setToolTip(self.tr("作为一条待发布信息（公开目录类别“信息公开指南”）起草，经审核后公开"))
        vbar.addWidget(self.version_print)
        vbar.addWidget(self.version_post)
        vl.addLayout(vbar)
        side.addTab(versions, self.tr("历次版本"))
        self.side = side
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(lambda: self.print_guide(None))
        self.version_print.clicked.connect(self._print_selected)
        self.version_post.clicked.connect(self.post_selected)
        self.save_button.clicked.connect(self.save_texts)
        self.versions_view.selectionModel().currentRowChanged.connect(self._version_selected)
        on_change(self, ("office", "setting", "guide"), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            st = service.status(self.actor)
            doc = service.preview(self.actor)
            texts = service.texts(self.actor)
            versions = service.versions(self.actor)
        except ServiceError as err:
            show_error(self, err)
            return
        if st.version is None:
            text, colour = self.tr("尚未印发政府信息公开指南（条例第十二条）。下面是按现在的信息生成的草稿。"), "#b00020"
        elif st.changes:
            lines = "；".join(f"{w}：{a} → {b}" for w, a, b in st.changes[:8])
            text = f"第{st.version}版印发后有 {len(st.changes)} 项变化，指南需要更新：{lines}"
            colour = "#b00020"
        else:
            text, colour = f"现行第{st.version}版（{st.issued_at:%Y-%m-%d}印发），与现在的信息和设置一致。", "#1b5e20"
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};")
        self.preview.setHtml(document_html(doc))
        for key, edit in self.edits.items():
            if edit.toPlainText() != texts.get(key, ""):
                edit.setPlainText(texts.get(key, ""))
        self.versions_model.set_source(ListSource(versions))
        self.version_print.setEnabled(False)
        self.version_post.setEnabled(False)

    def _version_selected(self, current, _previous) -> None:
        row = self.versions_model.row_at(current.row())
        self.version_print.setEnabled(row is not None)
        self.version_post.setEnabled(row is not None and not row["posted_item"])
        if row is None:
            self.version_changes.clear()
            return
        lines = [f"{escape(w)}：{escape(a)} → {escape(b)}" for w, a, b in row["changes"]] or ["（首次印发）"]
        self.version_changes.setHtml("<b>与上一版相比：</b><br>" + "<br>".join(lines))

    def save_texts(self) -> None:
        try:
            changed = service.save_texts(self.actor, {k: e.toPlainText() for k, e in self.edits.items()})
        except ServiceError as err:
            show_error(self, err)
            return
        announce("guide")
        messages.info(self, self.tr("公开指南"), self.tr("已保存。") if changed else self.tr("内容没有变化。"))

    def issue(self) -> None:
        note, ok = QtWidgets.QInputDialog.getText(self, self.tr("印发新版本"), self.tr("修订说明（如：答复期限改为15个工作日）："))
        if not ok:
            return
        try:
            out = service.issue(self.actor, note)
        except ServiceError as err:
            show_error(self, err)
            return
        announce("guide")
        messages.info(self, self.tr("印发新版本"), f"已印发第{out['version']}版政府信息公开指南。")

    def post_selected(self) -> None:
        from app import settings
        row = selected_row(self.versions_view)
        if row is None:
            return
        unit, ok = QtWidgets.QInputDialog.getItem(self, self.tr("送发布审核"), self.tr("制作科室："), settings.units(), 0,
                                                  False)
        if not ok:
            return
        try:
            made = service.post(self.actor, row["version"], unit)
        except ServiceError as err:
            show_error(self, err)
            return
        announce("guide")
        announce("info_item")
        messages.info(self, self.tr("送发布审核"), f"已起草待发布信息 {made['number']}，请在“发布审核”中提交审核。")

    def _print_selected(self) -> None:
        row = selected_row(self.versions_view)
        if row:
            self.print_guide(row["version"])

    def print_guide(self, version: int | None) -> None:
        from ui.printing.preview import PreviewDialog
        try:
            doc = service.version_document(self.actor, version) if version else service.preview(self.actor)
            pdf = service.render(doc, "pdf")
            dialog = PreviewDialog(pdf, doc.title, f"{doc.title}.pdf", docx_factory=lambda: service.render(doc, "docx"),
                                   parent=self)
        except ServiceError as err:
            show_error(self, err)
            return
        actor = self.actor
        dialog.record_save = lambda how: service.record_output(actor, how, version)
        dialog.printed.connect(lambda how: self._printed(how, version))
        self.preview_dialog = dialog
        dialog.exec()

    def _printed(self, how: str, version: int | None) -> None:
        if how != "打印":
            return  # a saved copy was recorded before the file appeared (record_save)
        try:
            service.record_output(self.actor, "打印", version)
        except ServiceError as err:
            show_error(self, err)
