"""作出答复: choose the one outcome (the annual report's taxonomy) and fill in what its notice needs."""
from __future__ import annotations

from app import clock
from app.errors import ServiceError
from app.requests import catalog, decision, register
from ui import messages
from ui.forms import REQUIRED_MARK, FieldErrors, field_label
from ui.qt import QtWidgets, Qt
from ui.widgets import DateEdit, chain_focus, dialog_buttons, error_label, fit_to_screen, scrolling

# Which detail fields each outcome asks for (the services say which are required).
NEEDS = {
    "disclose": ("provided",), "disclose_proactive": ("provided",),
    "partial": ("provided", "withheld", "grounds", "reason"),
    "unable_not_ours": ("agency", "agency_contact", "reason"), "reject_2": ("duplicate_of",),
    "special_registry": ("guidance",),
}
# Which of them the service requires (decision.check_detail); the others are asked for where known.
REQUIRED = {**NEEDS, "unable_not_ours": ()}
HINTS = {
    "provided": "例如：相关文件复印件共3页，随本告知书邮寄；或：县人民政府门户网站“政府信息公开”栏目",
    "withheld": "例如：名单中个人的身份证号码和银行账号",
    "reason": "不予公开、不予处理等应当说明理由",
    "guidance": "例如：持身份证明到县不动产登记中心申请查询",
}


class DecisionDialog(QtWidgets.QDialog):
    def __init__(self, actor, request: dict, parent=None):
        super().__init__(parent)
        self.actor, self.request = actor, request
        self.setWindowTitle(self.tr("作出答复 — ") + request["number"])
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.error = error_label()
        self.errors = FieldErrors(self.error)
        self.outcome = QtWidgets.QComboBox()
        for group, group_label in catalog.GROUPS.items():
            self.outcome.addItem(group_label.split("（区分")[0], None)
            index = self.outcome.count() - 1
            self.outcome.model().item(index).setEnabled(False)
            for o in catalog.OUTCOMES.values():
                if (o.leaf == group or o.leaf.startswith(group + "_")) and o.code not in decision.VIA_OTHER_STEPS:
                    self.outcome.addItem("    " + o.label, o.code)
        self.outcome.setCurrentIndex(1)
        form.addRow(field_label(self.tr("办理结果"), True), self.errors.wrap(self.outcome, "办理结果"))
        self.basis = QtWidgets.QLabel()
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #1a5fb4;")
        form.addRow(self.tr("法律依据"), self.basis)
        self.date = DateEdit(clock.today())
        form.addRow(field_label(self.tr("答复日期"), True), self.errors.wrap(self.date, "答复日期"))
        self.edits: dict[str, QtWidgets.QWidget] = {}
        self.rows: dict[str, tuple] = {}
        for key in ("provided", "withheld", "reason", "agency", "agency_contact", "guidance"):
            edit = QtWidgets.QPlainTextEdit() if key in ("provided", "withheld", "reason", "guidance") \
                else QtWidgets.QLineEdit()
            if isinstance(edit, QtWidgets.QPlainTextEdit):
                edit.setMaximumHeight(70)
                edit.setPlaceholderText(HINTS.get(key, ""))
            self.edits[key] = edit
            label = field_label(decision.DETAIL_LABELS[key])
            box = self.errors.wrap(edit, decision.DETAIL_LABELS[key])
            form.addRow(label, box)
            self.rows[key] = (label, box)
        grounds_box = QtWidgets.QWidget()
        gl = QtWidgets.QGridLayout(grounds_box)
        gl.setContentsMargins(0, 0, 0, 0)
        self.grounds: dict[str, QtWidgets.QCheckBox] = {}
        for i, (code, label) in enumerate(catalog.WITHHOLDING_GROUNDS.items()):
            check = QtWidgets.QCheckBox(label)
            self.grounds[code] = check
            gl.addWidget(check, i // 2, i % 2)
        glabel = field_label(decision.DETAIL_LABELS["grounds"], True)
        box = self.errors.wrap(grounds_box, decision.DETAIL_LABELS["grounds"])
        form.addRow(glabel, box)
        self.rows["grounds"] = (glabel, box)
        self.duplicate = QtWidgets.QComboBox()
        self.duplicate.setEditable(True)
        earlier = register.check_repeats(request, exclude_id=request["id"]).similar
        for e in earlier:
            if e.outcome:
                self.duplicate.addItem(f"{e.number}（{e.received_date}，{catalog.OUTCOMES[e.outcome].label}）", e.number)
        dlabel = field_label(decision.DETAIL_LABELS["duplicate_of"], True)
        box = self.errors.wrap(self.duplicate, decision.DETAIL_LABELS["duplicate_of"])
        form.addRow(dlabel, box)
        self.rows["duplicate_of"] = (dlabel, box)
        self.external = QtWidgets.QLineEdit()
        self.external.setPlaceholderText(self.tr("留空：保存时由本系统出具答复告知书（编定文号、存档并预览）"))
        form.addRow(self.tr("系统外出具的文号"), self.errors.wrap(self.external, "系统外出具的文号", "文号"))
        fields = QtWidgets.QWidget()
        fields.setLayout(form)
        layout.addWidget(scrolling(fields), 1)
        layout.addWidget(self.error)
        buttons = dialog_buttons(self, self.tr("保存答复决定"))
        self.save_button = buttons.button(QtWidgets.QDialogButtonBox.Save)
        self.save_button.setDefault(True)
        layout.addWidget(buttons)
        for edit in self.edits.values():
            if isinstance(edit, QtWidgets.QPlainTextEdit):
                edit.setTabChangesFocus(True)
        chain_focus([self.outcome, self.date, *self.edits.values(), *self.grounds.values(), self.duplicate,
                     self.external, self.save_button])
        self.outcome.currentIndexChanged.connect(lambda _: self._outcome_changed())
        self._outcome_changed()
        fit_to_screen(self, 640, 560)

    def current_outcome(self) -> str | None:
        return self.outcome.currentData()

    def set_outcome(self, code: str) -> None:
        self.outcome.setCurrentIndex(self.outcome.findData(code))

    def _outcome_changed(self) -> None:
        code = self.current_outcome()
        if code is None:
            return
        o = catalog.OUTCOMES[code]
        wanted = NEEDS.get(code, ("reason",))
        self.errors.clear()  # what the previous outcome lacked no longer applies
        for key, (label, widget) in self.rows.items():
            label.setVisible(key in wanted)
            widget.setVisible(key in wanted)
            required = key in REQUIRED.get(code, ("reason",))
            label.setText(decision.DETAIL_LABELS[key] + (REQUIRED_MARK if required else ""))
            label.setTextFormat(Qt.RichText)
        sentence = catalog.basis_sentence(o) or "（无）"
        remedy = "；不予公开适用行政复议前置（行政复议法第二十三条）" if o.refusal else ""
        self.basis.setText(f"{sentence}。将出具：{o.notice}。计入年度报告：{catalog.LEAF_LABELS[o.leaf]}{remedy}")

    def detail(self) -> dict:
        code = self.current_outcome()
        wanted = NEEDS.get(code, ("reason",))
        out = {}
        for key in wanted:
            if key == "grounds":
                out[key] = [g for g, c in self.grounds.items() if c.isChecked()]
            elif key == "duplicate_of":
                out[key] = self.duplicate.currentData() or self.duplicate.currentText().split("（")[0].strip()
            else:
                w = self.edits[key]
                out[key] = w.toPlainText() if isinstance(w, QtWidgets.QPlainTextEdit) else w.text()
        return out

    def save(self) -> None:
        """The decision and its reply notice in one step (a date on a rest day is asked about first)."""
        from ui.requests.steps import perform_with_notices, preview_issued_notices
        code, rid, on, detail = self.current_outcome(), self.request["id"], self.date.value(), self.detail()
        try:
            performed = perform_with_notices(self, self.actor, self.request, "decide",
                                             lambda v: decision.decide(self.actor, rid, code, on, detail),
                                             {"external_number": self.external.text()})
        except ServiceError as err:
            self.errors.show(err)
            return
        result = performed["result"]
        if result.get("late"):
            messages.warning(self, self.tr("答复逾期"),
                             f"答复日期晚于答复期限 {result['late_by']} 个工作日，已记入办理记录。")
        self.accept()
        preview_issued_notices(self.parent() or self, self.actor, self.request, performed)
