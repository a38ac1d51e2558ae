"""打印文书: choose a notice of the request, review and edit its free-text parts, issue it (文号, stored PDF) and
preview, print or save it; every print or save is recorded with the issued document."""
from __future__ import annotations

from app.errors import ServiceError
from app.requests import documents
from ui.messages import show_error
from ui.qt import QtWidgets, Qt
from ui.widgets import error_label, fit_to_screen, show_inline_error

CONSULTATION_KINDS = {"第三方征求意见书": "third_party", "共同制作机关征求意见书": "agency",
                      "第三方公开决定告知书": "public_interest"}


def _docx_factory(document_id: int):
    def make() -> bytes:
        from app.printing import render_docx
        return render_docx(documents.stored_document(document_id))
    return make


def show_preview(parent, actor, document_id: int, pdf: bytes, kind: str, number: str) -> None:
    from ui.printing.preview import PreviewDialog
    dialog = PreviewDialog(pdf, f"{kind} — {number}", f"{number}-{kind}", docx_factory=_docx_factory(document_id),
                           parent=parent)
    # a saved copy is recorded before the file appears (record_save); a print once the printer has it
    dialog.record_save = lambda how: documents.record_output(actor, document_id, how)
    dialog.printed.connect(lambda how: _record_print(actor, document_id, how))
    dialog.exec()


def _record_print(actor, document_id: int, how: str) -> None:
    if how == "打印":
        documents.record_output(actor, document_id, how)


def issue_and_preview(parent, actor, request_id: int, kind: str, edits: dict, consultation_id: int | None = None
                      ) -> dict | None:
    try:
        out = documents.issue(actor, request_id, kind, edits, consultation_id)
    except ServiceError as err:
        show_error(parent, err)
        return None
    from app.requests import records
    show_preview(parent, actor, out["id"], out["pdf"], kind, records.get(request_id).number)
    return out


def preview_issued(parent, actor, document_id: int, kind: str, number: str) -> None:
    try:
        pdf = documents.stored_pdf(document_id)
    except ServiceError as err:
        show_error(parent, err)
        return
    show_preview(parent, actor, document_id, pdf, kind, number)


class NoticeDialog(QtWidgets.QDialog):
    def __init__(self, actor, request: dict, parent=None, kind: str | None = None):
        super().__init__(parent)
        self.actor, self.request = actor, request
        self.setWindowTitle(self.tr("打印文书 — ") + request["number"])
        layout = QtWidgets.QHBoxLayout(self)
        self.kinds = QtWidgets.QListWidget()
        self.kinds.setMaximumWidth(230)
        for name, reason in documents.available_kinds(request["id"]):
            item = QtWidgets.QListWidgetItem(name)
            item.setData(Qt.UserRole, name)
            if reason:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
                item.setToolTip(reason)
            self.kinds.addItem(item)
        layout.addWidget(self.kinds)
        right = QtWidgets.QVBoxLayout()
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        self.consultation = QtWidgets.QComboBox()
        right.addWidget(self.consultation)
        self.parts_area = QtWidgets.QScrollArea()
        self.parts_area.setWidgetResizable(True)
        right.addWidget(self.parts_area, 1)
        self.error = error_label()
        right.addWidget(self.error)
        buttons = QtWidgets.QHBoxLayout()
        self.view_button = QtWidgets.QPushButton(self.tr("查看已出具的…"))
        self.external_button = QtWidgets.QPushButton(self.tr("登记系统外出具的文号…"))
        self.external_button.setToolTip(self.tr("该文书已在本系统之外出具（如手工制作）时，登记其文号和日期"))
        self.issue_button = QtWidgets.QPushButton(self.tr("出具并预览"))
        close = QtWidgets.QPushButton(self.tr("关闭"))
        self.issue_button.setDefault(True)  # Enter issues; the editors take Enter as a new line
        for b in (self.view_button, close):
            b.setAutoDefault(False)
        buttons.addStretch(1)
        for b in (self.view_button, self.external_button, self.issue_button, close):
            buttons.addWidget(b)
        right.addLayout(buttons)
        layout.addLayout(right, 1)
        self.editors: dict[str, QtWidgets.QPlainTextEdit] = {}
        self.kinds.currentItemChanged.connect(lambda *_: self._kind_changed())
        self.consultation.currentIndexChanged.connect(lambda _: self._load_parts())
        self.issue_button.clicked.connect(self.issue)
        self.view_button.clicked.connect(self.view_issued)
        self.external_button.clicked.connect(self.record_external)
        close.clicked.connect(self.accept)
        fit_to_screen(self, 900, 620)
        self.select_kind(kind)

    def select_kind(self, kind: str | None) -> None:
        for i in range(self.kinds.count()):
            item = self.kinds.item(i)
            if item.flags() & Qt.ItemIsEnabled and (kind is None or item.data(Qt.UserRole) == kind):
                self.kinds.setCurrentItem(item)
                return

    def current_kind(self) -> str | None:
        item = self.kinds.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        wanted = CONSULTATION_KINDS.get(kind)
        self.consultation.blockSignals(True)
        self.consultation.clear()
        for c in self.request.get("consultations", []):
            if wanted is None or c["kind"] == wanted or (wanted == "public_interest"
                                                          and c.get("decision") == "public_interest"):
                self.consultation.addItem(f"{c['party']}（{c['sent_date']}）", c["id"])
        self.consultation.setVisible(kind in CONSULTATION_KINDS or kind == "征求意见告知书")
        self.consultation.blockSignals(False)
        self._load_parts()

    def _load_parts(self) -> None:
        kind = self.current_kind()
        show_inline_error(self.error, None)
        self.editors = {}
        inner = QtWidgets.QWidget()
        form = QtWidgets.QFormLayout(inner)
        if kind is None:
            self.parts_area.setWidget(inner)
            return
        latest = documents.latest_issued(self.request["id"], kind)
        self.view_button.setEnabled(latest is not None and not latest["external"])
        if latest is not None and latest["external"]:
            self.status.setText(f"已登记在系统外出具，文号 {latest['doc_number']}（没有存档的 PDF）。")
        else:
            self.status.setText(
                (f"已出具第{latest['version']}版" + (f"，文号 {latest['doc_number']}" if latest["doc_number"] else "")
                 + "。再次出具将生成新版本（文号不变）。") if latest else self.tr("尚未出具。出具时保存 PDF（告知书同时编定文号）。"))
        try:
            parts = documents.editable_parts(self.actor, self.request["id"], kind, self.consultation.currentData())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            parts = []
        if not parts:
            form.addRow(QtWidgets.QLabel(self.tr("该文书为表格，内容取自登记信息，无需编辑。")))
        for p in parts:
            if p.editable:
                edit = QtWidgets.QPlainTextEdit(p.text)
                edit.setMinimumHeight(70)
                self.editors[p.key] = edit
                form.addRow(p.label, edit)
            else:
                label = QtWidgets.QLabel(p.text)
                label.setWordWrap(True)
                label.setStyleSheet("color: #333; background: #f1f3f5; padding: 4px;")
                label.setToolTip(self.tr("法律依据和救济途径由系统按规定生成（救济途径可在系统设置中修改），此处不能编辑"))
                form.addRow(p.label + self.tr("（固定）"), label)
        self.parts_area.setWidget(inner)

    def edits(self) -> dict:
        return {k: e.toPlainText() for k, e in self.editors.items()}

    def issue(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        out = issue_and_preview(self, self.actor, self.request["id"], kind, self.edits(),
                                self.consultation.currentData())
        if out:
            self._load_parts()

    def record_external(self) -> None:
        """A notice the request owes, issued outside the program: its 文号 and date."""
        from app.requests import step_notices
        from ui.forms import Field, FormDialog
        kind = self.current_kind()
        if kind is None:
            return
        cid = self.consultation.currentData() if self.consultation.isVisible() else None
        dialog = FormDialog(self.tr("登记系统外出具的文书"), [
            Field("number", "文号"), Field("date", "文书日期", "date", self.request.get("decided_date") or None)],
            lambda v: step_notices.record_external(self.actor, self.request["id"], kind, v["number"], v["date"], cid),
            self, intro=f"{kind}已在本系统之外出具的，登记其文号和日期（日期不得早于所告知的事项）。")
        if dialog.exec():
            self._load_parts()

    def view_issued(self) -> None:
        latest = documents.latest_issued(self.request["id"], self.current_kind())
        if latest:
            preview_issued(self, self.actor, latest["id"], self.current_kind(), self.request["number"])
