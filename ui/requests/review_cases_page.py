"""行政复议、行政诉讼案件登记: the cases applicants brought against the office's handling of their requests, the source
of table 四 of the annual report. A list with a year filter, and 新增/修改 through a form dialog."""
from __future__ import annotations

from app import clock
from app.requests import review_cases
from app.requests.review_cases import FIELDS, KINDS, RESULTS, ROUTES
from ui.events import announce, bus
from ui.forms import Field, FormDialog
from ui.models.paging import Column, FunctionSource, PagingTableModel
from ui.qt import QtWidgets, Qt
from ui.widgets import make_table_view, roles_needed, selected_row

FIRST_YEAR = 2019  # the first year of the current annual report formats

COLUMNS = [
    Column("filed_date", FIELDS["filed_date"], None, 120),
    Column("kind_label", FIELDS["kind"], None, 80),
    Column("route_label", FIELDS["route"], None, 130, text=lambda r: r["route_label"] or "—"),
    Column("case_number", FIELDS["case_number"], None, 200),
    Column("body", FIELDS["body"], None, 180),
    Column("result_label", FIELDS["result"], None, 80),
    Column("concluded_date", FIELDS["concluded_date"], None, 95),
    Column("request_number", FIELDS["request_number"], None, 150),
    Column("note", FIELDS["note"], None, 160, tooltip=lambda r: r["note"]),
]
NOT_APPLICABLE = "（行政复议不适用）"


def case_fields(case: dict | None = None) -> list[Field]:
    case = case or {}
    return [
        Field("kind", FIELDS["kind"], "choice", case.get("kind", "reconsideration"), list(KINDS.items())),
        Field("route", FIELDS["route"], "choice", case.get("route") or "",
              [("", NOT_APPLICABLE)] + list(ROUTES.items())),
        Field("case_number", FIELDS["case_number"], default=case.get("case_number", "")),
        Field("body", FIELDS["body"], default=case.get("body", "")),
        Field("filed_date", FIELDS["filed_date"], "date", case.get("filed_date") or clock.today()),
        Field("result", FIELDS["result"], "choice", case.get("result", "pending"), list(RESULTS.items())),
        Field("concluded_date", FIELDS["concluded_date"], "date", case.get("concluded_date") or clock.today(),
              help="尚未审结的案件不填审结日期。"),
        Field("request_number", FIELDS["request_number"], default=case.get("request_number", ""),
              help="申请人就哪一件申请提起复议或诉讼（可不填）。"),
        Field("note", FIELDS["note"], "multiline", case.get("note", "")),
    ]


def case_dialog(actor, case: dict | None = None, parent=None) -> FormDialog:
    """新增 (``case`` None) or 修改 one case; 起诉方式 only for litigation, 审结日期 only once the case is decided."""

    def submit(values: dict):
        data = dict(values)
        if data["kind"] != "litigation":
            data["route"] = ""
        if data["result"] == "pending":
            data["concluded_date"] = None  # a pending case has no date of decision, whatever the field shows
        if case is None:
            result = review_cases.create(actor, data)
        else:
            result = review_cases.update(actor, case["id"], data)
        announce("review_case")
        return result

    title = "修改复议诉讼案件" if case else "登记复议诉讼案件"
    dialog = FormDialog(title, case_fields(case), submit, parent, accept_text="保存")
    kind, route = dialog.editors["kind"], dialog.editors["route"]
    result, concluded = dialog.editors["result"], dialog.editors["concluded_date"]

    def follow_kind() -> None:
        litigation = kind.currentData() == "litigation"
        route.setEnabled(litigation)
        if not litigation:
            route.setCurrentIndex(route.findData(""))
        elif route.currentData() == "":
            route.setCurrentIndex(route.findData("direct"))

    def follow_result() -> None:
        concluded.setEnabled(result.currentData() != "pending")

    kind.currentIndexChanged.connect(lambda _i: follow_kind())
    result.currentIndexChanged.connect(lambda _i: follow_result())
    follow_kind()
    follow_result()
    return dialog


class ReviewCasesPage(QtWidgets.QWidget):
    """The case list; ``year`` None shows every year."""

    def __init__(self, actor, year: int | None = None, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.can_edit = actor.can("request.review_case")
        self.case_dialog: FormDialog | None = None
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(QtWidgets.QLabel(self.tr("立案年度")))
        self.year_box = QtWidgets.QComboBox()
        self.year_box.addItem(self.tr("全部"), None)
        for y in range(clock.today().year, FIRST_YEAR - 1, -1):
            self.year_box.addItem(f"{y}年", y)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(year)))
        bar.addWidget(self.year_box)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.add_button = QtWidgets.QPushButton(self.tr("新增…"))
        self.edit_button = QtWidgets.QPushButton(self.tr("修改…"))
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        layout.addLayout(bar)
        self.model = PagingTableModel(COLUMNS, parent=self)
        self.view = make_table_view(self.model)
        self.view.setSortingEnabled(False)
        layout.addWidget(self.view)
        if not self.can_edit:
            hint = QtWidgets.QLabel(self.tr("登记和修改案件需要") + roles_needed("request.review_case") + self.tr("角色。"))
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)

        self.add_button.setEnabled(self.can_edit)
        self.add_button.clicked.connect(self.add_case)
        self.edit_button.clicked.connect(self.edit_case)
        self.view.doubleClicked.connect(lambda _index: self.edit_case())
        self.year_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model.totalChanged.connect(lambda n: self.count_label.setText(f"共 {n} 件"))
        self.model.modelReset.connect(self._update_buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        bus.changed.connect(self._on_change)
        self.refresh()

    def year(self) -> int | None:
        return self.year_box.currentData()

    def refresh(self) -> None:
        actor, year = self.actor, self.year()
        self.model.set_source(FunctionSource(lambda: review_cases.count(actor, year),
                                             lambda o, n, _s, _d: review_cases.fetch(actor, o, n, year=year)))

    def _on_change(self, entity: str) -> None:
        if entity in ("review_case", "request"):
            self.refresh()

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.can_edit and selected_row(self.view) is not None)

    def _open(self, case: dict | None) -> None:
        dialog = case_dialog(self.actor, case, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.case_dialog = dialog
        dialog.open()

    def add_case(self) -> None:
        if self.can_edit:
            self._open(None)

    def edit_case(self) -> None:
        case = selected_row(self.view)
        if self.can_edit and case is not None:
            self._open(case)
