"""The 监督员 tab: 监督员名册 (appointment, 续聘, 离任, 备案, the account link; printed for 备案 and exported), 监督意见
(the register, each opinion's steps read from the service's table, the handling sheet), 通报和会议, and for
administrators the archive's 查阅记录."""
from __future__ import annotations

from app import clock, settings
from app.errors import ServiceError
from app.supervisors import archive, briefings, catalog, documents, roster
from ui import file_dialogs, messages
from ui.events import announce, on_change
from ui.forms import Field
from ui.messages import show_error
from ui.models.paging import Column, FunctionSource, ListSource, PagingTableModel
from ui.qt import QtWidgets
from ui.supervisors.common import ENTITY, URGENT, choices, run_form
from ui.supervisors.opinions_panel import OpinionsPanel
from ui.tasks import run_task
from ui.widgets import make_table_view, selected_row

ROSTER_COLUMNS = [Column(k, t, None, w) for k, t, w in (
    ("name", "姓名", 70), ("sex", "性别", 40), ("contact", "联系方式", 110), ("constituency_label", "代表性", 70),
    ("unit", "工作单位", 140), ("term_text", "本任期", 170), ("renewals", "续聘", 40), ("state_label", "状态", 130),
    ("filing_text", "备案", 170), ("user_name", "关联账户", 70))]
BRIEFING_COLUMNS = [Column(k, t, None, w) for k, t, w in (
    ("held_date", "日期", 90), ("kind_label", "类型", 100), ("period", "通报季度", 110), ("title", "标题", 240),
    ("attendance_text", "参加的监督员", 200))]
ACCESS_COLUMNS = [Column(k, t, None, w) for k, t, w in (
    ("ts", "时间", 130), ("display_name", "查阅人", 70), ("view_title", "档案类别", 80), ("record_label", "记录", 260),
    ("action_label", "操作", 70), ("document", "文书", 200))]


class RosterPanel(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        manage = actor.can("supervisor.manage")
        self.buttons = {}
        for key, text in (("appoint", "聘任…"), ("edit", "修改…"), ("renew", "续聘"), ("end", "离任…"), ("filing", "登记备案…"),
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

    @staticmethod
    def _fields(row: dict | None = None) -> list[Field]:
        row = row or {}
        return [Field("name", "姓名", default=row.get("name"), required=True),
                Field("sex", "性别", "choice", row.get("sex") or "男", [(s, s) for s in catalog.SEXES]),
                Field("contact", "联系方式", default=row.get("contact"), required=True),
                Field("constituency", "代表性", "choice", row.get("constituency"), choices(catalog.CONSTITUENCIES),
                      required=True),
                Field("unit", "工作单位", default=row.get("unit")),
                Field("appointed_date", "聘任日期", "readonly" if row else "date",
                      row.get("appointed_date") or clock.today(), required=True),
                Field("notes", "备注", "multiline", row.get("notes"))]

    def edit(self) -> None:
        row = self._current()
        if row is not None:
            run_form(self, f"修改{row['name']}的信息", self._fields(row),
                      lambda v: roster.update(self.actor, row["id"], v))

    def appoint(self) -> None:
        fields = self._fields()
        replaced = [(None, "（不是接替）")] + [(r["id"], r["name"]) for r in roster.roster(self.actor)
                                             if r["status"] == "ended"]
        if len(replaced) > 1:
            fields.append(Field("replaces", "另聘接替", "choice", None, replaced))
        years = settings.get("supervisors.term_years")
        result = run_form(self, self.tr("聘任监督员"), fields,
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
        result = run_form(self, f"{row['name']}离任", [
            Field("ended", "离任日期", "date", clock.today(), required=True),
            Field("reason", "离任原因", "choice", "term_over", choices(catalog.END_REASONS), required=True),
            Field("note", "说明", "multiline")], lambda v: roster.end_service(self.actor, row["id"], v["ended"],
                                                                                v["reason"], v["note"]))
        if result and result.get("warning"):
            messages.warning(self, self.tr("离任"), result["warning"])

    def filing(self) -> None:
        row = self._current()
        if row is None:
            return
        run_form(self, f"{row['name']}备案", [
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
        run_form(self, f"{row['name']}的账户", [Field("user", "关联账户", "choice", row["user_id"], choices)],
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
        run_form(self, catalog.BRIEFING_KINDS[kind], fields,
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
        run_form(self, f"{row['title']} 参会情况", fields, submit, "勾选实际参加的监督员。")


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
