"""The 监督员 tab: 监督员名册 (appointment, 续聘, 离任, 备案, the account link; printed for 备案 and exported), 监督意见
(the register, each opinion's steps read from the service's table, the handling sheet), 通报和会议, and for
administrators the archive's 查阅记录."""
from __future__ import annotations

from app import clock, settings
from app.errors import ServiceError
from app.supervisors import archive, briefings, catalog, documents, opinions, query, roster
from ui import file_dialogs, messages
from ui.events import announce, on_change
from ui.forms import Field, FormDialog
from ui.messages import show_error
from ui.models.paging import Column, FunctionSource, ListSource, PagingTableModel
from ui.qt import QtCore, QtGui, QtWidgets, Qt
from ui.tasks import run_task
from ui.widgets import make_table_view, selected_row

URGENT = {"overdue": QtGui.QColor("#f8d7da"), "soon": QtGui.QColor("#fff3cd"), "ending": QtGui.QColor("#fff3cd"),
          "expired": QtGui.QColor("#f8d7da"), "ended": QtGui.QColor("#eeeeee")}
ENTITY = "supervisor"  # the change announced after every write of this tab

ROSTER_COLUMNS = [Column(k, t, None, w) for k, t, w in (
    ("name", "姓名", 70), ("sex", "性别", 40), ("contact", "联系方式", 110), ("constituency_label", "代表性", 70),
    ("unit", "工作单位", 140), ("term_text", "本任期", 170), ("renewals", "续聘", 40), ("state_label", "状态", 130),
    ("filing_text", "备案", 170), ("user_name", "关联账户", 70))]
OPINION_COLUMNS = [
    Column("number", "编号", "number", 110), Column("received_date", "收到日期", "received_date", 90),
    Column("supervisor_name", "监督员", None, 60), Column("channel_label", "渠道", None, 70),
    Column("priority_label", "重点", "priority", 40),
    Column("content", "意见内容", None, 240, tooltip=lambda r: r["content"]),
    Column("stage_label", "环节", "stage", 90), Column("unit", "承办科室", "unit", 80),
    Column("due_text", "办理期限", "due_date", 170), Column("subject_label", "所涉记录", None, 160),
]
BRIEFING_COLUMNS = [Column(k, t, None, w) for k, t, w in (
    ("held_date", "日期", 90), ("kind_label", "类型", 100), ("period", "通报季度", 110), ("title", "标题", 240),
    ("attendance_text", "参加的监督员", 200))]
ACCESS_COLUMNS = [Column(k, t, None, w) for k, t, w in (
    ("ts", "时间", 130), ("display_name", "查阅人", 70), ("view_title", "档案类别", 80), ("record_label", "记录", 260),
    ("action_label", "操作", 70), ("document", "文书", 200))]


def _choices(mapping: dict) -> list[tuple[str, str]]:
    return list(mapping.items())


def _run_form(parent, title: str, fields: list[Field], submit, intro: str = "") -> object | None:
    dialog = FormDialog(title, fields, submit, parent, intro)
    if dialog.exec():
        announce(ENTITY)
        return dialog.result_value
    return None


class RosterPanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        manage = actor.can("supervisor.manage")
        self.buttons = {}
        for key, text in (("appoint", "聘任…"), ("renew", "续聘"), ("end", "离任…"), ("filing", "登记备案…"),
                          ("link", "关联账户…")):
            b = QtWidgets.QPushButton(self.tr(text))
            b.setVisible(manage)
            b.clicked.connect(getattr(self, key))
            bar.addWidget(b)
            self.buttons[key] = b
        bar.addStretch(1)
        for text, slot in (("打印名册（备案）…", self.print_roster), ("导出 Excel…", self.export)):
            b = QtWidgets.QPushButton(self.tr(text))
            b.clicked.connect(slot)
            bar.addWidget(b)
        layout.addLayout(bar)
        self.warning = QtWidgets.QLabel()
        self.warning.setStyleSheet("color: #b00020;")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.model = PagingTableModel(ROSTER_COLUMNS, parent=self)
        self.model.row_background = lambda r: URGENT.get(r["state"])
        self.view = make_table_view(self.model)
        layout.addWidget(self.view, 1)
        note = QtWidgets.QLabel(self.tr("制度一（一）：原则上聘任监督员1-2人，聘任期两年，期满后可以续聘；出现人员变动时应及时另聘；"
                                        "聘任后将基本情况报区政务公开工作领导小组备案。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        on_change(self, (ENTITY, "setting"), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = roster.roster(self.actor)
        except ServiceError as err:
            show_error(self, err)
            return
        self.model.set_source(ListSource(rows))
        self.warning.setText(roster.count_warning() or "")
        self.warning.setVisible(bool(self.warning.text()))

    def _current(self) -> dict | None:
        row = selected_row(self.view)
        if row is None:
            messages.info(self, self.tr("监督员名册"), self.tr("请先在名册中选择一名监督员"))
        return row

    def appoint(self) -> None:
        fields = [Field("name", "姓名", required=True), Field("sex", "性别", "choice", "男", [(s, s) for s in catalog.SEXES]),
                  Field("contact", "联系方式", required=True), Field("constituency", "代表性", "choice", None,
                                                                  _choices(catalog.CONSTITUENCIES), required=True),
                  Field("unit", "工作单位"), Field("appointed_date", "聘任日期", "date", clock.today(), required=True),
                  Field("notes", "备注", "multiline")]
        replaced = [(None, "（不是接替）")] + [(r["id"], r["name"]) for r in roster.roster(self.actor)
                                             if r["status"] == "ended"]
        if len(replaced) > 1:
            fields.append(Field("replaces", "另聘接替", "choice", None, replaced))
        years = settings.get("supervisors.term_years")
        result = _run_form(self, self.tr("聘任监督员"), fields,
                           lambda v: roster.appoint(self.actor, v, replaces=v.pop("replaces", None)),
                           f"聘任期{years}年，自聘任日期起算。")
        if result and result.get("warning"):
            messages.warning(self, self.tr("聘任监督员"), result["warning"])

    def renew(self) -> None:
        row = self._current()
        if row is None:
            return
        if not messages.confirm(self, self.tr("续聘"), f"续聘{row['name']}，新任期自{row['term_end'].isoformat()}次日起？"):
            return
        try:
            result = roster.renew(self.actor, row["id"])
        except ServiceError as err:
            show_error(self, err)
            return
        announce(ENTITY)
        messages.info(self, self.tr("续聘"), f"已续聘，第{result['seq']}任期：{result['start']} 至 {result['end']}。"
                                             "请将续聘情况报区政务公开工作领导小组备案。")

    def end(self) -> None:
        row = self._current()
        if row is None:
            return
        result = _run_form(self, f"{row['name']}离任", [
            Field("ended", "离任日期", "date", clock.today(), required=True),
            Field("reason", "离任原因", "choice", "term_over", _choices(catalog.END_REASONS), required=True),
            Field("note", "说明", "multiline")], lambda v: roster.end_service(self.actor, row["id"], v["ended"],
                                                                                v["reason"], v["note"]))
        if result and result.get("warning"):
            messages.warning(self, self.tr("离任"), result["warning"])

    def filing(self) -> None:
        row = self._current()
        if row is None:
            return
        _run_form(self, f"{row['name']}备案", [
            Field("filed", "备案日期", "date", clock.today(), required=True), Field("number", "备案文号或说明")],
            lambda v: roster.record_filing(self.actor, row["id"], v["filed"], v["number"]),
            f"本任期：{row['term_text']}")

    def link(self) -> None:
        row = self._current()
        if row is None:
            return
        try:
            accounts = roster.supervisor_accounts(self.actor)
        except ServiceError as err:
            show_error(self, err)
            return
        choices = [(None, "（不关联）")] + [(a["id"], f"{a['display_name']}（{a['username']}）") for a in accounts]
        _run_form(self, f"{row['name']}的账户", [Field("user", "关联账户", "choice", row["user_id"], choices)],
                  lambda v: roster.link_user(self.actor, row["id"], v["user"]),
                  "关联后，监督员用该账户登录即可查阅档案、提交意见。账户须有“监督员”角色。")

    def print_roster(self) -> None:
        from ui.printing.preview import PreviewDialog
        try:
            pdf = documents.roster_pdf(self.actor)
        except ServiceError as err:
            show_error(self, err)
            return
        self.preview = PreviewDialog(pdf, self.tr("政务公开监督员名册"), "政务公开监督员名册.pdf", parent=self)
        self.preview.exec()

    def export(self) -> None:
        path, _ = file_dialogs.get_save_file_name(self, self.tr("导出监督员名册"), "监督员名册.xlsx",
                                                  self.tr("Excel 文件 (*.xlsx)"))
        if path:
            actor = self.actor
            run_task(self, self.tr("正在导出…"), lambda handle: documents.roster_xlsx(actor, path),
                     lambda n: messages.info(self, self.tr("导出监督员名册"), f"已导出 {n} 名监督员到\n{path}"),
                     lambda exc: show_error(self, exc, "导出失败"))


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
        result = _run_form(self, self.tr("登记监督意见"), [
            Field("supervisor_id", "监督员", "choice", None, sups, required=True),
            Field("received_date", "收到日期", "date", clock.today(), required=True),
            Field("channel", "渠道", "choice", "email", [c for c in catalog.CHANNELS.items() if c[0] != "program"]),
            Field("category", "类别", "choice", "", [("", "（未分类）")] + [(c, c) for c in catalog.CATEGORIES]),
            Field("priority", "重点", "choice", "normal", _choices(catalog.PRIORITIES)),
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
        _run_form(self, f"{d['number']} {title}", fields, submit)

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


class BriefingsPanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        for text, kind in (("登记季度通报…", "briefing"), ("登记工作会议…", "meeting")):
            b = QtWidgets.QPushButton(self.tr(text))
            b.setVisible(actor.can("supervisor.briefing"))
            b.clicked.connect(lambda _=False, k=kind: self.create(k))
            bar.addWidget(b)
        self.attend_button = QtWidgets.QPushButton(self.tr("登记参会…"))
        self.attend_button.setVisible(actor.can("supervisor.briefing"))
        self.attend_button.clicked.connect(self.attendance)
        bar.addWidget(self.attend_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.missing = QtWidgets.QLabel()
        self.missing.setStyleSheet("color: #b00020;")
        self.missing.setWordWrap(True)
        layout.addWidget(self.missing)
        self.model = PagingTableModel(BRIEFING_COLUMNS, parent=self)
        self.view = make_table_view(self.model)
        layout.addWidget(self.view, 1)
        on_change(self, (ENTITY,), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.model.set_source(ListSource(briefings.list_all(self.actor)))
        except ServiceError as err:
            show_error(self, err)
            return
        gaps = briefings.missing_quarters()
        self.missing.setText("尚未通报的季度：" + "、".join(catalog.quarter_label(y, q) for y, q in gaps) +
                             "（制度四（一）：按季度向监督员通报政务公开工作进度和存在问题）" if gaps else "")
        self.missing.setVisible(bool(gaps))

    def create(self, kind: str) -> None:
        today = clock.today()
        fields = [Field("held_date", "日期", "date", today, required=True), Field("title", "标题", required=True)]
        if kind == "briefing":
            fields += [Field("year", "通报年度", "int", today.year, minimum=2000, maximum=2100),
                       Field("quarter", "通报季度", "choice", catalog.quarter_of(today),
                             [(q, f"第{'一二三四'[q - 1]}季度") for q in (1, 2, 3, 4)])]
        else:
            fields.append(Field("place", "地点"))
        fields.append(Field("content", "内容", "multiline"))
        _run_form(self, catalog.BRIEFING_KINDS[kind], fields,
                  lambda v: briefings.create(self.actor, {**v, "kind": kind}),
                  "在任的监督员均列为邀请对象；会后在“登记参会”中登记出席情况。")

    def attendance(self) -> None:
        row = selected_row(self.view)
        if row is None or not row["invited"]:
            messages.info(self, self.tr("登记参会"), self.tr("请先选择一次有邀请监督员的通报或会议"))
            return
        fields = [Field(str(i["supervisor_id"]), i["name"], "check", i["attended"]) for i in row["invited"]]

        def submit(values):
            for i in row["invited"]:
                briefings.set_attendance(self.actor, row["id"], i["supervisor_id"], values[str(i["supervisor_id"])])
        _run_form(self, f"{row['title']} 参会情况", fields, submit, "勾选实际参加的监督员。")


class AccessLogPanel(QtWidgets.QWidget):
    """档案查阅记录 for administrators: every record opened and every document viewed or printed."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        export = QtWidgets.QPushButton(self.tr("导出 Excel…"))
        export.clicked.connect(self.export)
        bar.addWidget(export)
        bar.addStretch(1)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self.model = PagingTableModel(ACCESS_COLUMNS, parent=self)
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 条"))
        self.view = make_table_view(self.model)
        layout.addWidget(self.view, 1)
        on_change(self, ("archive_access",), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        f, actor = archive.AccessFilter(), self.actor
        self.model.set_source(FunctionSource(lambda: archive.log_count(actor, f),
                                             lambda o, n, s, d: archive.log_fetch(actor, f, o, n)))

    def export(self) -> None:
        path, _ = file_dialogs.get_save_file_name(self, self.tr("导出档案查阅记录"),
                                                  f"档案查阅记录-{clock.today():%Y%m%d}.xlsx",
                                                  self.tr("Excel 文件 (*.xlsx)"))
        if path:
            actor = self.actor
            run_task(self, self.tr("正在导出…"),
                     lambda handle: archive.export_log(actor, archive.AccessFilter(), path),
                     lambda n: messages.info(self, self.tr("导出档案查阅记录"), f"已导出 {n} 条到\n{path}"),
                     lambda exc: show_error(self, exc, "导出失败"))


class SupervisorsPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QtWidgets.QTabWidget()
        self.roster = RosterPanel(actor) if actor.can("supervisor.view") else None
        if self.roster is not None:
            self.opinions = OpinionsPanel(actor)
            self.briefings = BriefingsPanel(actor)
            self.tabs.addTab(self.roster, self.tr("监督员名册"))
            self.tabs.addTab(self.opinions, self.tr("监督意见"))
            self.tabs.addTab(self.briefings, self.tr("通报和会议"))
        if actor.can("archive.access_log"):
            self.access = AccessLogPanel(actor)
            self.tabs.addTab(self.access, self.tr("档案查阅记录"))
        layout.addWidget(self.tabs)
