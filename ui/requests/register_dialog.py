"""登记申请: the registration form (条例第二十九条), the receipt rule of the chosen channel (第三十一条), and — while the
clerk types — the same applicant's earlier requests with similar content and their count this month. A new
registration may be filled from a scanned application (从扫描件识别…, ``ui.ocr.scan_fill``); the scan is then attached
as its 申请材料 when the request is registered."""
from __future__ import annotations

from app import clock, settings, users
import datetime as dt

from app.errors import ServiceError, ValidationError
from app.requests import attachments, catalog, register
from app.requests.register import LABELS
from ui import messages
from ui.forms import REQUIRED_MARK, FieldErrors, field_label, on_edit
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.ocr import scan_fill
from ui import file_dialogs
from ui.qt import QtCore, QtWidgets
from ui.widgets import DateEdit, chain_focus, dialog_buttons, error_label, fit_to_screen, make_table_view, scrolling

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
        self.error = error_label()
        self.errors = FieldErrors(self.error)
        wrap = self.errors.wrap
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
        self.name_label = field_label("", required=True)
        form.addRow(self.tr("类型"), wrap(self.applicant_type, LABELS["applicant_type"]))
        form.addRow(self.name_label, wrap(self.applicant_name, LABELS["applicant_name"]))
        self.person_rows = [(self.tr("证件类型"), self.id_type, "id_type", False),
                            (self.tr("证件号码"), self.id_number, "id_number", True)]
        self.org_rows = [(self.tr("统一社会信用代码"), self.uscc, "uscc", True),
                         (self.tr("法定代表人或负责人"), self.legal_rep, "legal_rep", True),
                         (self.tr("联系人"), self.contact_person, "contact_person", False)]
        self.row_labels = {}
        self.row_boxes = {}
        for label, widget, key, required in self.person_rows + self.org_rows:
            lab = field_label(label, required)
            self.row_labels[widget] = lab
            self.row_boxes[widget] = wrap(widget, LABELS[key])
            form.addRow(lab, self.row_boxes[widget])
        form.addRow(self.tr("联系电话"), wrap(self.phone, LABELS["phone"]))
        form.addRow(self.tr("通信地址"), wrap(self.address, LABELS["address"]))
        form.addRow(self.tr("邮政编码"), wrap(self.postcode, LABELS["postcode"]))
        form.addRow(self.tr("电子邮箱"), wrap(self.email, LABELS["email"]))
        contact_hint = QtWidgets.QLabel(self.tr("联系电话、通信地址、电子邮箱至少填写一项"))
        contact_hint.setStyleSheet("color: #666;")
        form.addRow("", contact_hint)
        if existing is None:
            self.scan_read_button = QtWidgets.QPushButton(self.tr("从扫描件识别…"))
            self.scan_read_button.setAutoDefault(False)
            self.scan_read_button.setToolTip(self.tr("选择申请书的扫描件（PDF、JPEG、PNG、TIFF），识别后填入下列各项，逐项核对后登记"))
            self.scan_read_button.clicked.connect(self._read_scan)
            self.scan_note = QtWidgets.QLabel()
            self.scan_note.setWordWrap(True)
            self.scan_note.setStyleSheet("color: #e66100;")
            self.scan_note.hide()
            row = QtWidgets.QHBoxLayout()
            row.addWidget(self.scan_read_button)
            row.addWidget(self.scan_note, 1)
            left.addLayout(row)
        self.marks = scan_fill.RecognisedMarks()
        self._crop_folder = None  # the crops shown on hover, made on the first reading
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
        self.description.setFixedHeight(80)  # keeps its size when errors appear around it
        self.description.setTabChangesFocus(True)
        self.doc_title = QtWidgets.QLineEdit(e.get("doc_title", ""))
        self.doc_ref = QtWidgets.QLineEdit(e.get("doc_ref", ""))
        self.purpose = QtWidgets.QLineEdit(e.get("purpose", ""))
        self.form_wanted = _combo(list(catalog.FORMS.items()), e.get("form_wanted") or "paper")
        self.delivery_wanted = _combo(list(catalog.DELIVERY_WANTED.items()), e.get("delivery_wanted") or "post")
        self.officer = _combo([(None, self.tr("（本人）"))] + [(u["id"], u["display_name"]) for u in users.directory(may="request.handle")],
                              e.get("officer_id"))
        # 承办科室 (the assessment counts each unit's requests): the office's unit list, the first by default
        self.unit = _combo([(u, u) for u in settings.units()], e.get("unit") or register.default_unit())
        self.notes = QtWidgets.QLineEdit(e.get("notes", ""))
        self.scan = QtWidgets.QLineEdit()
        self.scan.setPlaceholderText(self.tr("申请书扫描件（可选）"))
        self.scan_button = QtWidgets.QPushButton(self.tr("选择…"))
        self.scan_button.setAutoDefault(False)  # Enter registers; it does not open the file dialog
        scan_row = QtWidgets.QHBoxLayout()
        scan_row.addWidget(self.scan)
        scan_row.addWidget(self.scan_button)
        form.addRow(field_label(self.tr("申请方式"), True), wrap(self.channel, LABELS["channel"]))
        form.addRow("", self.channel_rule)
        form.addRow(field_label(self.tr("收到申请日期"), True), wrap(self.received, LABELS["received_date"]))
        form.addRow(field_label(self.tr("所需信息"), True), wrap(self.description, LABELS["description"]))
        form.addRow(self.tr("文件名称"), wrap(self.doc_title, LABELS["doc_title"]))
        form.addRow(self.tr("文号"), wrap(self.doc_ref, LABELS["doc_ref"]))
        form.addRow(self.tr("用途"), wrap(self.purpose, LABELS["purpose"]))
        form.addRow(field_label(self.tr("载体形式"), True), wrap(self.form_wanted, LABELS["form_wanted"]))
        form.addRow(field_label(self.tr("获取方式"), True), wrap(self.delivery_wanted, LABELS["delivery_wanted"]))
        form.addRow(self.tr("承办人"), wrap(self.officer, LABELS["officer_id"]))
        form.addRow(self.tr("承办科室"), wrap(self.unit, LABELS["unit"]))
        form.addRow(self.tr("备注"), wrap(self.notes, LABELS["notes"]))
        if existing is None:
            form.addRow(self.tr("申请材料"), scan_row)
        else:
            self.scan_button.hide()
            self.scan.hide()
        left.addWidget(box)
        required = QtWidgets.QLabel(self.tr("带") + REQUIRED_MARK + self.tr("的为必填项。"))
        required.setStyleSheet("color: #666;")
        left.addWidget(required)
        left.addStretch(1)
        fields = QtWidgets.QWidget()
        fields.setLayout(left)
        column = QtWidgets.QVBoxLayout()
        column.addWidget(scrolling(fields), 1)
        column.addWidget(self.error)
        buttons = dialog_buttons(self, self.tr("保存") if existing else self.tr("登记"))
        self.save_button = buttons.button(QtWidgets.QDialogButtonBox.Save)
        self.save_button.setDefault(True)  # Enter in a one-line field registers
        column.addWidget(buttons)
        outer.addLayout(column, 3)
        chain_focus([self.applicant_type, self.applicant_name, self.id_type, self.id_number, self.uscc, self.legal_rep,
                     self.contact_person, self.phone, self.address, self.postcode, self.email, self.channel,
                     self.received, self.description, self.doc_title, self.doc_ref, self.purpose, self.form_wanted,
                     self.delivery_wanted, self.officer, self.unit, self.notes, self.scan, self.scan_button, self.save_button])
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
        self.scan_button.clicked.connect(self._choose_scan)
        for key, editor in self._editors().items():
            on_edit(editor, lambda k=key: self.marks.edited(k))
        self._type_changed()
        self._channel_changed()
        self.check_repeats()
        fit_to_screen(self, 1100, 720)

    def _type_changed(self) -> None:
        natural = self.applicant_type.currentData() == "natural"
        self.name_label.setText((self.tr("姓名") if natural else self.tr("名称")) + REQUIRED_MARK)
        for rows, shown in ((self.person_rows, natural), (self.org_rows, not natural)):
            for _label, w, _key, _required in rows:
                self.row_boxes[w].setVisible(shown)
                self.row_labels[w].setVisible(shown)

    def _channel_changed(self) -> None:
        self.channel_rule.setText(catalog.CHANNELS[self.channel.currentData()][1])

    def _choose_scan(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("选择申请书扫描件"), "",
                                                        self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)"))
        if path:
            self.scan.setText(path)

    def _editors(self) -> dict:
        """The editors a scan may fill, by the service's field names."""
        return {"applicant_type": self.applicant_type, "applicant_name": self.applicant_name, "id_type": self.id_type,
                "id_number": self.id_number, "uscc": self.uscc, "legal_rep": self.legal_rep,
                "contact_person": self.contact_person, "phone": self.phone, "address": self.address,
                "postcode": self.postcode, "email": self.email, "received_date": self.received,
                "description": self.description, "doc_title": self.doc_title, "doc_ref": self.doc_ref,
                "purpose": self.purpose, "form_wanted": self.form_wanted, "delivery_wanted": self.delivery_wanted}

    def _read_scan(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("选择申请书扫描件"), "",
                                                  self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        if not path:
            return
        self._crop_folder = self._crop_folder or scan_fill.crop_folder()
        scan_fill.recognise_in_background(self, path, self._crop_folder.name, self._fill_from_scan,
                                          lambda err: messages.show_error(self, err, self.tr("无法识别扫描件")))

    def _fill_from_scan(self, reading: scan_fill.ScanReading) -> None:
        """Put what was read into the form (nothing is saved) and mark each filled field for the clerk to confirm."""
        self.marks.clear_all()
        editors = self._editors()
        for key in editors:  # the applicant's type first: it shows the rows the other fields are in
            field = reading.fields.get(key)
            if field is None:
                continue
            editor = editors[key]
            if isinstance(editor, QtWidgets.QComboBox):
                index = editor.findData(field.value)
                if index < 0:
                    continue
                editor.setCurrentIndex(index)
            elif isinstance(editor, DateEdit):
                editor.set_value(dt.date.fromisoformat(field.value))
            elif isinstance(editor, QtWidgets.QPlainTextEdit):
                editor.setPlainText(field.value)
            else:
                editor.setText(field.value)
            self.marks.mark(key, editor, LABELS[key], field, reading.crops.get(key))
        self.scan.setText(reading.path)
        found = len(self.marks.keys())
        self.errors.clear()
        if found:
            self.scan_note.setText(self.tr("已识别 ") + str(found) + self.tr(" 项：橙色框内各项请与原件核对后勾选“已核对识别结果”"
                                                                       "（修改即视为已核对）；登记时扫描件作为申请材料附在申请中。"))
        else:
            self.scan_note.setText(self.tr("未能从扫描件中识别出申请表的内容，请手工填写；登记时扫描件仍作为申请材料附在申请中。"))
        self.scan_note.show()

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
            "officer_id": self.officer.currentData(), "unit": self.unit.currentData(), "notes": self.notes.text(),
        }

    def check_repeats(self) -> None:
        result = register.check_repeats(self.actor, self.values(), exclude_id=(self.existing or {}).get("id"))
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
            waiting = self.marks.unconfirmed()
            if waiting:
                raise ValidationError(None, problems=[(label, "由扫描件识别，尚未核对")
                                                      for label in waiting])
            if self.existing:
                register.update_registration(self.actor, self.existing["id"], self.values(), seen=self.existing)
            else:
                self.created = register.register(self.actor, self.values())
        except ServiceError as err:
            self.errors.show(err)
            return
        if self.created and self.scan.text().strip():
            try:
                attachments.add(self.actor, self.created["id"], self.scan.text().strip(), note="申请书扫描件")
            except ServiceError as err:  # the request is registered; only the scan is missing
                messages.warning(self, self.tr("申请材料"), f"申请已登记，但扫描件未能保存：{err}\n可在“附件”中重新添加。")
        self.accept()
