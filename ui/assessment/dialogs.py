"""The 考核评议 dialogs: a new round, a step of the round (with the 15-day notice question), a unit's 自查/整改/验收/
表彰 records, one indicator's score (the proposal, the records behind it, deductions with reasons, the reason for
other points than proposed)."""
from __future__ import annotations

from typing import Callable

from app import clock, settings
from app.assessment import rounds, rules, scoring, tables
from app.errors import NeedsConfirmation, ServiceError
from ui import messages
from ui.forms import Field, FieldErrors, FormDialog
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtWidgets
from ui.widgets import dialog_buttons, error_label, make_table_view


def confirming(parent, call: Callable[[bool], object]):
    """Run ``call(confirmed)``; a question the service asks (a notice less than 15 days ahead) is put to the user."""
    try:
        return call(False)
    except NeedsConfirmation as question:
        if messages.confirm(parent, "请确认", question.message):
            return call(True)
        raise ServiceError("已取消") from None


def new_round_dialog(actor, parent=None) -> FormDialog:
    table_choices = [(t["id"], t["name"]) for t in tables.list_tables(actor)]
    band_choices = [(b["id"], b["name"]) for b in tables.list_bands(actor)]
    fields = [Field("year", "考核年度", "int", clock.today().year, minimum=2000, maximum=2100, required=True),
              Field("table_id", "考核指标表", "choice", choices=table_choices, required=True),
              Field("bands_id", "考核等次", "choice", choices=band_choices, required=True),
              Field("combine", "得分采用", "choice", "average", choices=list(rules.COMBINE.items())),
              Field("units", "被考核科室（每行一个）", "multiline", "\n".join(settings.units())),
              Field("members", "考核小组成员（每行：姓名 职务）", "multiline", "")]

    def submit(v):
        members = [{"name": parts[0], "role": " ".join(parts[1:])}
                   for line in v["members"].splitlines() if (parts := line.split())]
        return rounds.create_round(actor, {**v, "units": v["units"].splitlines(), "members": members})

    intro = "" if table_choices and band_choices else "请先在“指标表和等次”中建立考核指标表和考核等次。"
    return FormDialog("新建考核", fields, submit, parent, intro=intro, accept_text="新建")


def step_dialog(actor, round_id: int, code: str, parent=None) -> FormDialog:
    step = rounds.STEPS[code]
    fields = [Field("date", rounds.DATE_LABELS[step.date_field], "date", clock.today(), required=True)]
    if code == "announce":
        fields.append(Field("onsite_date", "计划现场考核日期", "date", clock.today(),
                            help=f"考核通知应提前 {rounds.NOTICE_DAYS} 天发出（考核评议制度）"))
    elif code == "check":
        fields += [Field(f"method{i}", m, "check", True) for i, m in enumerate(rounds.METHODS)]
    elif code == "approve":
        fields.append(Field("note", "审定意见", "multiline", "同意考核小组意见"))
    elif code == "notify":
        fields += [Field("form", "通报形式", "choice", "文件", choices=[(f, f) for f in rounds.NOTIFY_FORMS]),
                   Field("ref", "文号或会议名称")]

    def submit(v):
        data = dict(v)
        if code == "check":
            data["methods"] = [m for i, m in enumerate(rounds.METHODS) if v.get(f"method{i}")]
        return confirming(dialog, lambda ok: rounds.advance(actor, round_id, code, data, confirmed=ok))

    dialog = FormDialog(step.label, fields, submit, parent, accept_text=step.label)
    return dialog


UNIT_FORMS = {
    "self_check": ("登记自查材料", [Field("day", "自查材料日期", "date", None, required=True),
                               Field("note", "自查情况", "multiline")], rounds.record_self_check),
    "rectify": ("限期整改", [Field("due", "整改期限", "date", None, required=True),
                         Field("opinion", "整改意见", "multiline", required=True)], rounds.set_rectification),
    "recheck": ("整改验收", [Field("day", "验收日期", "date", None, required=True),
                         Field("result", "验收结果", "choice", "passed", choices=list(rounds.RECHECK.items())),
                         Field("note", "验收情况", "multiline")], rounds.record_recheck),
    "followup": ("表彰或通报批评", [Field("kind", "类别", "choice", "commend", choices=list(rounds.FOLLOWUPS.items())),
                              Field("day", "日期", "date", None, required=True),
                              Field("note", "内容", "multiline")], rounds.record_followup),
}


def unit_dialog(actor, round_unit_id: int, what: str, parent=None) -> FormDialog:
    title, fields, service = UNIT_FORMS[what]
    fields = [Field(f.key, f.label, f.kind, clock.today() if f.kind == "date" else f.default, f.choices,
                    required=f.required) for f in fields]
    return FormDialog(title, fields, lambda v: service(actor, round_unit_id, **v), parent)


class RecordsDialog(QtWidgets.QDialog):
    """数据来源: the records a proposal was computed from."""

    def __init__(self, title: str, rows: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据来源 — ") + title)
        self.model = PagingTableModel([Column("number", "编号", "number", 140), Column("line", "情况", None, 520)],
                                      ListSource([{"id": i, "number": n, "line": t} for i, (n, t) in enumerate(rows)]),
                                      parent=self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(QtWidgets.QLabel(self.tr(f"共 {len(rows)} 条记录")))
        layout.addWidget(make_table_view(self.model))
        close = QtWidgets.QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        self.resize(720, 420)


class ScoreDialog(QtWidgets.QDialog):
    """One assessor's (or the agreed) points for one indicator of one unit."""

    def __init__(self, actor, round_unit_id: int, row: dict, members: list[str], parent=None):
        super().__init__(parent)
        self.actor, self.round_unit_id, self.row = actor, round_unit_id, row
        self.setWindowTitle(self.tr("评分 — ") + row["title"])
        layout = QtWidgets.QVBoxLayout(self)
        head = QtWidgets.QLabel(f"{row['path']}（{rules.fmt(row['points'])}分）\n评分标准：{row['rule']}")
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QtWidgets.QFormLayout()
        self.assessor = QtWidgets.QComboBox()
        for name in members:
            self.assessor.addItem(name, name)
        self.assessor.addItem(self.tr("考核小组商定分"), scoring.AGREED)
        form.addRow(self.tr("评分人"), self.assessor)
        self.proposal = QtWidgets.QLabel(self._proposal_text())
        self.proposal.setWordWrap(True)
        form.addRow(self.tr("数据"), self.proposal)
        self.points = QtWidgets.QDoubleSpinBox()
        self.points.setRange(0, float(row["points"]))
        self.points.setDecimals(2)
        self.points.setValue(row["proposed"] if row["proposed"] is not None else float(row["points"]))
        form.addRow(self.tr("得分（扣分前）"), self.points)
        self.deductions = []
        for item in row["deductions"]:
            count = QtWidgets.QDoubleSpinBox()
            count.setRange(0, 100)
            count.setDecimals(0)
            reason = QtWidgets.QLineEdit()
            reason.setPlaceholderText(self.tr("扣分原因"))
            box = QtWidgets.QHBoxLayout()
            box.addWidget(QtWidgets.QLabel(self.tr("次数")))
            box.addWidget(count)
            box.addWidget(reason, 1)
            form.addRow(f"{item['title']}（每次扣{rules.fmt(item['each'])}分）", box)
            self.deductions.append((item["code"], count, reason))
        self.reason = QtWidgets.QLineEdit()
        self.reason.setPlaceholderText(self.tr("给出与建议得分不同的分数时必填"))
        form.addRow(self.tr("调整理由"), self.reason)
        self.note = QtWidgets.QLineEdit()
        form.addRow(self.tr("备注"), self.note)
        layout.addLayout(form)
        self.records_button = QtWidgets.QPushButton(self.tr("查看数据来源…"))
        self.records_button.setEnabled(bool(row["measure"]) and row["available"])
        self.records_button.clicked.connect(self.show_records)
        layout.addWidget(self.records_button)
        self.error = error_label()
        self.errors = FieldErrors(self.error)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.assessor.currentIndexChanged.connect(self._load_existing)
        self._load_existing()
        self.setMinimumWidth(560)

    def _proposal_text(self) -> str:
        r = self.row
        if not r["measure"]:
            return "人工评分"
        if not r["available"]:
            return f"数据项“{r['measure']}”不可用（相应模块未安装），人工评分"
        if r["figure"] is None:
            return f"{r['measure']}：本年度该科室没有记录，人工评分"
        return f"{r['measure']}：{rules.fmt(r['figure'])}{r['unit_label']}，建议得分 {rules.fmt(r['proposed'])} 分"

    def _load_existing(self) -> None:
        name = self.assessor.currentData()
        given = next((s for s in self.row["scores"] if s["assessor"] == name), None)
        if given is None:
            return
        self.points.setValue(given["points"])
        self.reason.setText(given["override_reason"])
        self.note.setText(given["note"])
        counts = {d["code"]: d for d in given["deductions"]}
        for code, count, reason in self.deductions:
            d = counts.get(code)
            count.setValue(d["count"] if d else 0)
            reason.setText(d["reason"] if d else "")

    def show_records(self) -> None:
        try:
            rows = scoring.records_behind(self.actor, self.round_unit_id, self.row["code"])
        except ServiceError as err:
            messages.show_error(self, err)
            return
        RecordsDialog(self.row["title"], rows, self).exec()

    def save(self) -> None:
        deductions = [{"code": code, "count": count.value(), "reason": reason.text()}
                      for code, count, reason in self.deductions if count.value() > 0]
        try:
            scoring.save_score(self.actor, self.round_unit_id, self.row["code"], self.assessor.currentData(),
                               self.points.value(), deductions, self.reason.text(), self.note.text())
        except ServiceError as err:
            self.errors.show(err)
            return
        self.accept()
