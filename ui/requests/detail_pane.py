"""One request in full: what was asked, the clock explained, the history, consultations, fees, deliveries,
attachments and issued documents — and the steps the user may take now."""
from __future__ import annotations

from pathlib import Path

from app.errors import ServiceError
from app.ocr.layers import may_recognise
from app.requests import attachments, detail as detail_service
from ui import messages
from ui.events import announce, on_change
from ui.messages import show_error
from ui.models.paging import Column, ListSource
from ui import file_dialogs
from ui.qt import QtCore, QtWidgets, Qt
from ui.record_pane import RecordPane, detail_table
from ui.text_layer import open_text_layer, recognise_in_background
from ui.widgets import remember_tab, scrolling, selected_row

# The width the pane asks for beside the register (the register takes the rest of the window).
PANE_WIDTH = 480
ACTION_COLUMNS = 3

HISTORY = [Column("event_date", "日期", "event_date", 90), Column("action_label", "事项", "action", 100),
           Column("to_state", "状态", None, 80), Column("user", "经办人", "user", 70),
           Column("note", "说明", None, 220, tooltip=lambda r: r["note"]),
           Column("clock_effect", "对期限的影响", None, 260, tooltip=lambda r: r["clock_effect"])]
CONSULTATIONS = [Column("kind_label", "对象类别", None, 80), Column("party", "征求对象", None, 140),
                 Column("sent_date", "发出日期", None, 90), Column("delivered_date", "送达日期", None, 90),
                 Column("reply_due_label", "答复期限", None, 90),
                 Column("reply_label", "答复", None, 80), Column("decision_label", "决定", None, 160)]
FEES = [Column("method_label", "方式", None, 80), Column("amount", "金额（元）", None, 80),
        Column("status_label", "状态", None, 70), Column("notice_date", "通知日期", None, 90),
        Column("delivered_date", "送达日期", None, 90), Column("pay_by_label", "缴费期限", None, 90), Column("paid_date", "缴费日期", None, 90),
        Column("waiver_label", "减免情形", None, 160)]
DELIVERIES = [Column("letter", "文书", None, 150), Column("method_label", "送达方式", None, 100), Column("date", "送达日期", None, 90),
              Column("tracking_number", "邮件单号", None, 140), Column("recipient", "收件人", None, 100)]
ATTACHMENTS = [Column("name", "文件名", "name", 220), Column("version", "版本", None, 50),
               Column("size", "大小（字节）", None, 90), Column("added_at", "添加时间", "added_at", 130),
               Column("added_by", "添加人", None, 70), Column("note", "说明", None, 160),
               Column("sha256", "SHA-256", None, 120, text=lambda r: (r["sha256"] or "")[:16] + "…")]
DOCUMENTS = [Column("kind", "文书", "kind", 160), Column("doc_number", "文号", None, 150),
             Column("version", "版本", None, 50), Column("issued_at", "出具时间", "issued_at", 130),
             Column("issued_by", "出具人", None, 70), Column("last_output", "最近打印/导出", None, 170)]

INFO_FIELDS = [
    ("number", "申请编号"), ("applicant_type_label", "申请人类型"), ("applicant_name", "申请人"),
    ("id_type_label", "证件类型"), ("id_number", "证件号码"), ("uscc", "统一社会信用代码"), ("legal_rep", "法定代表人"),
    ("contact_person", "联系人"), ("phone", "联系电话"), ("address", "通信地址"), ("email", "电子邮箱"),
    ("channel_label", "申请方式"), ("received_date", "收到日期"), ("description", "所需信息"), ("doc_title", "文件名称"),
    ("doc_ref", "文号"), ("purpose", "用途"), ("form_label", "载体形式"), ("delivery_wanted_label", "获取方式"),
    ("officer_name", "承办人"), ("unit", "承办科室"), ("outcome_label", "办理结果"), ("decided_date", "答复日期"), ("notes", "备注"),
]


class DetailPane(RecordPane):
    def __init__(self, actor, parent=None):
        super().__init__(ACTION_COLUMNS, parent)
        self.actor = actor
        self.request_id: int | None = None
        self.data: dict | None = None
        self.clock_label = self.status  # the status line tells the clock
        self.add_tabs()
        # 申请信息
        info = QtWidgets.QScrollArea()
        info.setWidgetResizable(True)
        inner = QtWidgets.QWidget()
        self.info_form = QtWidgets.QFormLayout(inner)
        self.info_labels: dict[str, QtWidgets.QLabel] = {}
        for key, label in INFO_FIELDS:
            value = QtWidgets.QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.info_labels[key] = value
            self.info_form.addRow(label, value)
        info.setWidget(inner)
        self.tabs.addTab(info, self.tr("申请信息"))
        # 期限
        self.clock_text = QtWidgets.QPlainTextEdit()
        self.clock_text.setReadOnly(True)
        self.tabs.addTab(self.clock_text, self.tr("期限"))
        # 办理记录
        self.history_model, self.history_view = detail_table(HISTORY, self)
        self.tabs.addTab(self.history_view, self.tr("办理记录"))
        # 征求意见、收费、送达
        more = QtWidgets.QWidget()
        ml = QtWidgets.QVBoxLayout(more)
        self.consult_model, view = detail_table(CONSULTATIONS, self)
        ml.addWidget(QtWidgets.QLabel(self.tr("征求意见")))
        ml.addWidget(view)
        self.fee_model, view = detail_table(FEES, self)
        ml.addWidget(QtWidgets.QLabel(self.tr("信息处理费")))
        ml.addWidget(view)
        self.delivery_model, view = detail_table(DELIVERIES, self)
        ml.addWidget(QtWidgets.QLabel(self.tr("送达")))
        ml.addWidget(view)
        self.tabs.addTab(scrolling(more), self.tr("意见·收费·送达"))
        # 附件
        att = QtWidgets.QWidget()
        al = QtWidgets.QVBoxLayout(att)
        self.attach_model, self.attach_view = detail_table(ATTACHMENTS, self)
        al.addWidget(self.attach_view)
        ab = QtWidgets.QGridLayout()
        self.attach_add = QtWidgets.QPushButton(self.tr("添加附件…"))
        self.attach_save = QtWidgets.QPushButton(self.tr("另存为…"))
        self.attach_replace = QtWidgets.QPushButton(self.tr("更新版本…"))
        self.attach_remove = QtWidgets.QPushButton(self.tr("移除…"))
        self.attach_redact = QtWidgets.QPushButton(self.tr("区分处理…"))
        self.attach_text = QtWidgets.QPushButton(self.tr("识别文字…"))
        self.attach_history = QtWidgets.QCheckBox(self.tr("显示历史版本"))
        for i, w in enumerate((self.attach_add, self.attach_save, self.attach_replace, self.attach_remove)):
            ab.addWidget(w, 0, i)
        ab.addWidget(self.attach_history, 1, 0, 1, 2)
        ab.addWidget(self.attach_text, 1, 2)
        ab.addWidget(self.attach_redact, 1, 3)
        ab.setColumnStretch(4, 1)
        al.addLayout(ab)
        self.tabs.addTab(att, self.tr("附件"))
        # 文书
        docs = QtWidgets.QWidget()
        dl = QtWidgets.QVBoxLayout(docs)
        self.doc_model, self.doc_view = detail_table(DOCUMENTS, self)
        dl.addWidget(self.doc_view)
        db = QtWidgets.QHBoxLayout()
        self.doc_open = QtWidgets.QPushButton(self.tr("查看和打印…"))
        self.doc_new = QtWidgets.QPushButton(self.tr("出具文书…"))
        db.addWidget(self.doc_open)
        db.addWidget(self.doc_new)
        db.addStretch(1)
        dl.addLayout(db)
        self.tabs.addTab(docs, self.tr("文书"))
        self.attach_add.clicked.connect(self.add_attachment)
        self.attach_save.clicked.connect(self.save_attachment)
        self.attach_replace.clicked.connect(lambda: self.change_attachment(remove=False))
        self.attach_remove.clicked.connect(lambda: self.change_attachment(remove=True))
        self.attach_history.toggled.connect(lambda _: self._fill_attachments())
        self.attach_redact.clicked.connect(self.redact_attachment)
        self.attach_text.clicked.connect(self.attachment_text)
        self.doc_open.clicked.connect(self.open_document)
        self.doc_view.doubleClicked.connect(lambda _: self.open_document())
        self.doc_new.clicked.connect(lambda: self.run_step("notice"))
        # Buttons that act on a chosen row are enabled only while a row is chosen.
        for view in (self.attach_view, self.doc_view):
            view.selectionModel().currentRowChanged.connect(lambda *_: self._update_row_buttons())
            view.model().modelReset.connect(self._update_row_buttons)
        remember_tab(self.tabs, "request_detail")
        on_change(self, ("request", "calendar"), self.reload)
        self.show_request(None)

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(PANE_WIDTH, super().sizeHint().height())

    def _update_row_buttons(self) -> None:
        attachment, document = selected_row(self.attach_view), selected_row(self.doc_view)
        can_handle = self.actor.can("request.handle")
        # Scans of the application cannot be masked: only users who may see the applicant's identity open them.
        self.attach_save.setEnabled(bool(attachment) and not attachment.get("removed")
                                    and self.actor.can("request.view_identity"))
        for button in (self.attach_replace, self.attach_remove):
            button.setEnabled(can_handle and bool(attachment) and bool(attachment.get("current")))
        self.attach_redact.setEnabled(bool(attachment) and not attachment.get("removed")
                                      and self.actor.can("redaction.apply"))
        self.attach_text.setEnabled(bool(attachment) and not attachment.get("removed")
                                    and self.actor.can("request.view_identity") and may_recognise(attachment["name"]))
        self.doc_open.setEnabled(document is not None)

    # ---- showing ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        if self.request_id is not None:
            self.show_request(self.request_id)

    def show_request(self, request_id: int | None) -> None:
        self.request_id = request_id
        self.data = self.load(detail_service.detail, self.actor, request_id)
        d = self.data
        self.setEnabled(d is not None)
        self.show_related(self.actor, "request", request_id if d is not None else None)
        if d is None:
            self.title.setText(self.tr("（未选择申请）"))
            self.clock_label.clear()
            self._build_actions([])
            for label in self.info_labels.values():
                label.clear()
            self.clock_text.clear()
            for model in (self.history_model, self.consult_model, self.fee_model, self.delivery_model,
                          self.attach_model, self.doc_model):
                model.set_source(ListSource([]))
            return
        self.title.setText(f"{d['number']}　{d['applicant_name']}　[{d['state_label']}]")
        self.clock_label.setText(self._clock_summary(d))
        for row, (key, label) in enumerate(self.info_labels.items()):
            value = d.get(key)
            label.setText("" if value is None else str(value))
            self.info_form.setRowVisible(row, value not in (None, ""))
        self.clock_text.setPlainText(self._clock_text(d))
        self.history_model.set_source(ListSource(d["history"]))
        self.consult_model.set_source(ListSource(d["consultations"]))
        self.fee_model.set_source(ListSource(d["fees"]))
        self.delivery_model.set_source(ListSource(d["deliveries"]))
        self._fill_attachments()
        self.doc_model.set_source(ListSource(d["documents"]))
        self._build_actions(d["steps"])
        can_handle = self.actor.can("request.handle")
        for w in (self.attach_add, self.doc_new):
            w.setEnabled(can_handle)
        self._update_row_buttons()

    def redact_attachment(self) -> None:
        """区分处理…: the chosen attachment in the redaction window; its released version is added beside it."""
        from ui.redaction.window import open_redaction
        row = selected_row(self.attach_view)
        if row is not None:
            open_redaction(self, self.actor, "request", row["id"])
            self.reload()

    def _fill_attachments(self) -> None:
        rows = attachments.list_for(self.actor, self.request_id, self.attach_history.isChecked()) if self.request_id else []
        self.attach_model.set_source(ListSource(rows))

    @staticmethod
    def _clock_summary(d: dict) -> str:
        if d["state"] not in ("registered", "processing", "awaiting_correction", "consulting", "awaiting_fee"):
            when = d.get("decided_date")
            return f"已办结（{d['outcome_label']}，答复日期 {when}）" if when else d["state_label"]
        if d.get("clock_paused_by"):
            return f"<span style='color:#1a5fb4'>计时暂停：{d['clock_paused_by']}</span>"
        left = d.get("days_left")
        due = d["due_date"].isoformat() if d.get("due_date") else ""
        prov = "（暂定）" if d.get("due_provisional") else ""
        if left is None:
            return f"答复期限 {due}{prov}"
        colour = "#b00020" if left < 0 else "#b35c00" if left <= 3 else "#1b5e20"
        text = f"逾期 {-left} 个工作日" if left < 0 else "今日到期" if left == 0 else f"剩余 {left} 个工作日"
        corr = ""
        if d.get("correction_notice_open") and d.get("correction_due"):
            corr = f"；如需补正，须于 {d['correction_due'].isoformat()} 前告知"
        return f"答复期限 <b>{due}</b>{prov}　<span style='color:{colour}'><b>{text}</b></span>{corr}"

    @staticmethod
    def _clock_text(d: dict) -> str:
        lines = []
        if d.get("clock_paused_by"):
            lines.append("计时暂停：" + d["clock_paused_by"])
        if d.get("deadline_steps"):
            lines.append("答复期限的计算：")
            lines += ["  " + s for s in d["deadline_steps"]]
        if d.get("provisional_years"):
            lines.append("暂定：" + "、".join(f"{y}年" for y in d["provisional_years"])
                         + "的节假日安排尚未录入（系统管理 → 节假日），录入后期限将自动重算。")
        if d.get("correction_due"):
            lines.append(f"补正告知期限：{d['correction_due']}（收到申请之日起7个工作日内，条例第三十条）")
        if d.get("correction_sent"):
            lines.append(f"补正告知：{d['correction_sent']} 发出，申请人补正期限至 {d.get('correction_period_end')}"
                         + (f"，{d['correction_received']} 收到补正" if d.get("correction_received") else ""))
        if d.get("extension_days"):
            lines.append(f"延长答复期限：{d['extension_days']} 个工作日，{d['extension_date']} 经{d['extension_approver']}"
                         f"批准，理由：{d['extension_reason']}")
        for s in d.get("stops", []):
            lines.append(f"停止计时：{s['kind_label']}，{s['first']} 至 {s['last'] or '（进行中）'}")
        if d.get("identity_masked"):
            lines.append("（您的角色不能查看申请人的证件号码和联系方式，已部分隐去。）")
        return "\n".join(lines) or "（已办结的申请保留办结时的答复期限，不再重新计算。）"

    def _build_actions(self, steps) -> None:
        self.actions_box.clear()
        self.step_buttons: dict[str, QtWidgets.QPushButton] = {}
        for code, label in (s for s in steps if s[0] not in ("attach",)):
            self.step_buttons[code] = self.actions_box.add(label, lambda c=code: self.run_step(c))

    # ---- acting -----------------------------------------------------------------------------------------------------
    def run_step(self, code: str) -> None:
        from ui.requests.steps import run_step
        if self.data is None:
            return
        if run_step(self, self.actor, self.data, code):
            announce("request")

    def offer_receipt(self, created: dict) -> None:
        """After registering: offer the 登记回执 at once (issue it and open the preview)."""
        from ui.requests.notice_dialog import issue_and_preview
        if messages.confirm(self, self.tr("登记回执"),
                            f"申请已登记，编号 {created['number']}，答复期限 {created['due_date']}"
                            + ("（暂定）" if created.get("provisional") else "") + "。\n现在出具并打印登记回执吗？"):
            issue_and_preview(self, self.actor, created["id"], "登记回执", {})
            announce("request")

    def add_attachment(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("添加附件"), "",
                                                        self.tr("所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.png *.tif)"))
        if not path:
            return
        try:
            added = attachments.add(self.actor, self.request_id, path)
        except ServiceError as err:
            show_error(self, err)
            return
        announce("request")
        if may_recognise(path):  # a scan's text is read in the background, for search, screening and redaction
            recognise_in_background(self, self.actor, "attachment", added["id"], Path(path).name)

    def attachment_text(self) -> None:
        """识别文字…: the chosen scan with its recognised text beside it (recognised now if it never was)."""
        row = selected_row(self.attach_view)
        if row and not row.get("removed"):
            open_text_layer(self, self.actor, "attachment", row["id"], lambda: attachments.read(self.actor, row["id"]))

    def save_attachment(self) -> None:
        row = selected_row(self.attach_view)
        if not row or row["removed"]:
            return
        path, _ = file_dialogs.get_save_file_name(self, self.tr("附件另存为"), row["name"])
        if not path:
            return
        try:
            attachments.save_copy(self.actor, row["id"], path)
        except ServiceError as err:
            show_error(self, err)

    def change_attachment(self, remove: bool) -> None:
        row = selected_row(self.attach_view)
        if not row or not row["current"]:
            messages.warning(self, self.tr("附件"), self.tr("请先选择一个当前版本的附件"))
            return
        path = None
        if not remove:
            path, _ = file_dialogs.get_open_file_name(self, self.tr("选择新版本文件"))
            if not path:
                return
        note, ok = QtWidgets.QInputDialog.getText(self, self.tr("说明"),
                                                  self.tr("移除的原因：") if remove else self.tr("更新的原因："))
        if not ok:
            return
        try:
            attachments.new_version(self.actor, row["id"], path, note)
        except ServiceError as err:
            show_error(self, err)
            return
        announce("request")

    def open_document(self) -> None:
        from ui.requests.notice_dialog import preview_issued
        row = selected_row(self.doc_view)
        if row:
            preview_issued(self, self.actor, row["id"], row["kind"], self.data["number"])
            announce("request")
