"""工作台 → 待办期限: the open requests whose reply is due soonest (overdue first) — the logged-in user's own ones
before the others' — and a count of each kind."""
from __future__ import annotations

from app import clock
from app.requests import catalog, query
from app.requests.query import RegisterFilter
from ui.events import on_change, open_request
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtWidgets
from ui.requests.register_view import URGENT
from ui.widgets import make_table_view

COLUMNS = [Column("number", "申请编号", None, 150), Column("applicant_name", "申请人", None, 140),
           Column("state_label", "状态", None, 80), Column("due_text", "答复期限", None, 140),
           Column("days_left_text", "剩余工作日", None, 90), Column("officer_name", "承办人", None, 80),
           Column("description", "申请内容", None, 260)]
SHOWN = 30


class DueSection(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QtWidgets.QLabel()
        layout.addWidget(self.summary)
        self.model = PagingTableModel(COLUMNS, parent=self)
        self.model.row_background = lambda r: URGENT.get(r.get("urgency"))
        self.view = make_table_view(self.model)
        self.view.setSortingEnabled(False)
        self.view.setMinimumHeight(220)
        layout.addWidget(self.view)
        hint = QtWidgets.QLabel(self.tr("双击一行在“依申请公开”中打开。"))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.view.doubleClicked.connect(self._open)
        on_change(self, ("request", "calendar", "setting"), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        actor, me = self.actor, self.actor.user_id
        overdue = query.count(actor, RegisterFilter(due="overdue"))
        soon = query.count(actor, RegisterFilter(due="soon"))
        open_count = query.count(actor, RegisterFilter(states=catalog.OPEN_STATES))
        colour = "#b00020" if overdue else "#333"
        mine_text = ""
        rows = []
        if me is not None:
            mine = RegisterFilter(states=catalog.OPEN_STATES, officer_id=me)
            mine_count = query.count(actor, mine)
            if mine_count:
                mine_overdue = query.count(actor, RegisterFilter(due="overdue", officer_id=me))
                mine_text = f"其中您承办的 <b>{mine_count}</b> 件（已逾期 {mine_overdue} 件，列在前面）；"
            rows = query.fetch(actor, mine, 0, SHOWN, "due_date", False)
        self.summary.setText(f"未办结 {open_count} 件；{mine_text}<span style='color:{colour}'>已逾期 <b>{overdue}</b> 件"
                             f"</span>；临近期限 <b>{soon}</b> 件（截至 {clock.today().isoformat()}）")
        if len(rows) < SHOWN:
            others = query.fetch(actor, RegisterFilter(states=catalog.OPEN_STATES), 0, SHOWN + len(rows), "due_date",
                                 False)
            rows += [r for r in others if me is None or r["officer_id"] != me][:SHOWN - len(rows)]
        self.model.set_source(ListSource(rows))

    def _open(self, index) -> None:
        row = self.model.row_at(index.row())
        if row:
            open_request(row["id"])

