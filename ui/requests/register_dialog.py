"""登记申请: the registration form (条例第二十九条), the receipt rule of the chosen channel (第三十一条), and — while the
clerk types — the same applicant's earlier requests with similar content and their count this month."""
from __future__ import annotations

from app import clock, users
from app.errors import ServiceError
from app.requests import attachments, catalog, register
from ui import messages
from ui.models.paging import Column, ListSource, PagingTableModel
from ui import file_dialogs
from ui.qt import QtCore, QtWidgets
from ui.widgets import DateEdit, dialog_buttons, error_label, make_table_view, show_inline_error

SIMILAR = [Column("number", "申请编号", None, 130), Column("received_date", "收到日期", None, 90),
           Column("similarity", "相似度", None, 60, text=lambda r: f"{r['similarity']:.0%}"),
           Column("description", "内容", None, 220, tooltip=lambda r: r["description"]),
           Column("answer", "答复", None, 160)]


def _combo(items, current=None) -> QtWidgets.QComboBox:
    box = QtWidgets.QComboBox()
    for value, label in items:
        box.addItem(label, value)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


class RegisterDialog(QtWidgets.QDialog):
    def __init__(self, actor, existing: dict | None = None, parent=None):
        super().__init__(parent)
        self.actor, self.existing = actor, existing
        self.created: dict | None = None
        self.setWindowTitle(self.tr("修改登记信息 — ") + existing["number"] if existing else self.tr("登记政府信息公开申请"))
        outer = QtWidgets.QHBoxLayout(self)
        left = QtWidgets.QVBoxLayout()
        e = existing or {}
        # applicant
        box = QtWidgets.QGroupBox(self.tr("申请人"))
        form = QtWidgets.QFormLayout(box)
        self.applicant_type = _combo([(c, catalog.applicant_type_label(c)) for c in catalog.APPLICANT_TYPES],
                                     e.get("applicant_type", "natural"))
        self.applicant_name = QtWidgets.QLineEdit(e.get("applicant_name", ""))
        self.id_type = _combo(list(catalog.ID_TYPES.items()), e.get("id_type") or "resident_id")
        self.id_number = QtWidgets.QLineEdit(e.get("id_number", ""))
        self.uscc = QtWidgets.QLineEdit(e.get("uscc", ""))
        self.legal_rep = QtWidgets.QLineEdit(e.get("legal_rep", ""))
        self.contact_person = QtWidgets.QLineEdit(e.get("contact_person", ""))
        self.phone = QtWidgets.QLineEdit(e.get("phone", ""))
        self.address = QtWidgets.QLineEdit(e.get("address", ""))
        self.postcode = QtWidgets.QLineEdit(e.get("postcode", ""))
        self.email = QtWidgets.QLineEdit(e.get("email", ""))
        self.name_label = QtWidgets.QLabel()
        form.addRow(self.tr("类型"), self.applicant_type)
        form.addRow(self.name_label, self.applicant_name)
        self.person_rows = [(self.tr("证件类型"), self.id_type), (self.tr("证件号码"), self.id_number)]
        self.org_rows = [(self.tr("统一社会信用代码"), self.uscc), (self.tr("法定代表人或负责人"), self.legal_rep),
                         (self.tr("联系人"), self.contact_person)]
        self.row_labels = {}
        for label, widget in self.person_rows + self.org_rows:
            lab = QtWidgets.QLabel(label)
            self.row_labels[widget] = lab
            form.addRow(lab, widget)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("通信地址"), self.address)
        form.addRow(self.tr("邮政编码"), self.postcode)
        form.addRow(self.tr("电子邮箱"), self.email)
        left.addWidget(box)
        # the request
        box = QtWidgets.QGroupBox(self.tr("申请内容"))
        form = QtWidgets.QFormLayout(box)
        self.channel = _combo([(c, v[0]) for c, v in catalog.CHANNELS.items()], e.get("channel", "in_person"))
        self.channel_rule = QtWidgets.QLabel()
        self.channel_rule.setWordWrap(True)
        self.channel_rule.setStyleSheet("color: #1a5fb4;")
        self.received = DateEdit(e.get("received_date") or clock.today())
        self.description = QtWidgets.QPlainTextEdit(e.get("description", ""))
        self.description.setPlaceholderText(self.tr("所需政府信息的名称、文号或者便于查询的其他特征性描述"))
        self.description.setMaximumHeight(80)
        self.doc_title = QtWidgets.QLineEdit(e.get("doc_title", ""))
        self.doc_ref = QtWidgets.QLineEdit(e.get("doc_ref", ""))
        self.purpose = QtWidgets.QLineEdit(e.get("purpose", ""))
        self.form_wanted = _combo(list(catalog.FORMS.items()), e.get("form_wanted") or "paper")
        self.delivery_wanted = _combo(list(catalog.DELIVERY_WANTED.items()), e.get("delivery_wanted") or "post")
        self.officer = _combo([(None, self.tr("（本人）"))] + [(u["id"], u["display_name"]) for u in users.directory(may="request.handle")],
                              e.get("officer_id"))
        self.notes = QtWidgets.QLineEdit(e.get("notes", ""))
        self.scan = QtWidgets.QLineEdit()
        self.scan.setPlaceholderText(self.tr("申请书扫描件（可选）"))
        scan_button = QtWidgets.QPushButton(self.tr("选择…"))
        scan_row = QtWidgets.QHBoxLayout()
        scan_row.addWidget(self.scan)
        scan_row.addWidget(scan_button)
        form.addRow(self.tr("申请方式"), self.channel)
        form.addRow("", self.channel_rule)
        form.addRow(self.tr("收到申请日期"), self.received)
        form.addRow(self.tr("所需信息"), self.description)
        form.addRow(self.tr("文件名称"), self.doc_title)
        form.addRow(self.tr("文号"), self.doc_ref)
        form.addRow(self.tr("用途"), self.purpose)
        form.addRow(self.tr("载体形式"), self.form_wanted)
        form.addRow(self.tr("获取方式"), self.delivery_wanted)
        form.addRow(self.tr("承办人"), self.officer)
        form.addRow(self.tr("备注"), self.notes)
        if existing is None:
            form.addRow(self.tr("申请材料"), scan_row)
        else:
            scan_button.hide()
            self.scan.hide()
        left.addWidget(box)
        self.error = error_label()
        left.addWidget(self.error)
        left.addWidget(dialog_buttons(self, self.tr("保存") if existing else self.tr("登记")))
        outer.addLayout(left, 3)
        # repeats panel
        right = QtWidgets.QVBoxLayout()
        title = QtWidgets.QLabel(self.tr("同一申请人此前的相似申请"))
        title.setStyleSheet("font-weight: bold;")
        right.addWidget(title)
        self.month_label = QtWidgets.QLabel()
        self.month_label.setWordWrap(True)
        right.addWidget(self.month_label)
        self.similar_model = PagingTableModel(SIMILAR, parent=self)
        self.similar_view = make_table_view(self.similar_model)
        right.addWidget(self.similar_view, 1)
        hint = QtWidgets.QLabel(self.tr("内容相似的申请可能属于重复申请（条例第三十六条第（六）项）；同一申请人一个自然月内超过10件的，"
                                        "可按规定收取信息处理费（国办函〔2020〕109号）。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        right.addWidget(hint)
        outer.addLayout(right, 2)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.check_repeats)
        for w in (self.applicant_name, self.id_number, self.uscc, self.phone):
            w.textChanged.connect(lambda _: self._timer.start())
        self.description.textChanged.connect(self._timer.start)
        self.received.dateChanged.connect(lambda _: self._timer.start())
        self.applicant_type.currentIndexChanged.connect(lambda _: self._type_changed())
        self.channel.currentIndexChanged.connect(lambda _: self._channel_changed())
        scan_button.clicked.connect(self._choose_scan)
        self._type_changed()
        self._channel_changed()
        self.check_repeats()
        self.resize(1100, 720)

    def _type_changed(self) -> None:
        natural = self.applicant_type.currentData() == "natural"
        self.name_label.setText(self.tr("姓名") if natural else self.tr("名称"))
        for _, w in self.person_rows:
            w.setVisible(natural)
            self.row_labels[w].setVisible(natural)
        for _, w in self.org_rows:
            w.setVisible(not natural)
            self.row_labels[w].setVisible(not natural)

    def _channel_changed(self) -> None:
        self.channel_rule.setText(catalog.CHANNELS[self.channel.currentData()][1])

    def _choose_scan(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("选择申请书扫描件"), "",
                                                        self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)"))
        if path:
            self.scan.setText(path)

    def values(self) -> dict:
        return {
            "applicant_type": self.applicant_type.currentData(), "applicant_name": self.applicant_name.text(),
            "id_type": self.id_type.currentData(), "id_number": self.id_number.text(), "uscc": self.uscc.text(),
            "legal_rep": self.legal_rep.text(), "contact_person": self.contact_person.text(),
            "phone": self.phone.text(), "address": self.address.text(), "postcode": self.postcode.text(),
            "email": self.email.text(), "channel": self.channel.currentData(), "received_date": self.received.value(),
            "description": self.description.toPlainText(), "doc_title": self.doc_title.text(),
            "doc_ref": self.doc_ref.text(), "purpose": self.purpose.text(),
            "form_wanted": self.form_wanted.currentData(), "delivery_wanted": self.delivery_wanted.currentData(),
            "officer_id": self.officer.currentData(), "notes": self.notes.text(),
        }

    def check_repeats(self) -> None:
        result = register.check_repeats(self.values(), exclude_id=(self.existing or {}).get("id"))
        rows = [{"number": e.number, "received_date": e.received_date, "similarity": e.similarity,
                 "description": e.description,
                 "answer": catalog.OUTCOMES[e.outcome].label if e.outcome else catalog.STATES[e.state]}
                for e in result.similar]
        self.similar_model.set_source(ListSource(rows))
        count = result.month_count
        colour = "#b00020" if count > 10 else "#333"
        self.month_label.setText(f"<span style='color:{colour}'>该申请人{result.month}的第 {count} 件申请"
                                 + ("，已超过每月10件的免费范围" if count > 10 else "") + "</span>")

    def save(self) -> None:
        try:
            if self.existing:
                register.update_registration(self.actor, self.existing["id"], self.values(), seen=self.existing)
            else:
                self.created = register.register(self.actor, self.values())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        if self.created and self.scan.text().strip():
            try:
                attachments.add(self.actor, self.created["id"], self.scan.text().strip(), note="申请书扫描件")
            except ServiceError as err:  # the request is registered; only the scan is missing
                messages.warning(self, self.tr("申请材料"), f"申请已登记，但扫描件未能保存：{err}\n可在“附件”中重新添加。")
        self.accept()
