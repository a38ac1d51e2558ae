"""期限计算器: receipt date, working days, optional stops and extension → the due date with its explanation,
recomputed on every change."""
from __future__ import annotations

import datetime as dt

from app import clock
from app.errors import ServiceError
from app.workdays.deadlines import Deadline, days_left, due_date
from app.workdays.schedule import weekday_name
from ui.events import bus
from ui.qt import QtCore, QtWidgets, Qt
from ui.widgets import DateEdit, RowStack

BADGE_OFFICIAL = "background: #1b5e20; color: white; border-radius: 3px; padding: 2px 8px; font-weight: bold;"
BADGE_PROVISIONAL = "background: #b35c00; color: white; border-radius: 3px; padding: 2px 8px; font-weight: bold;"


class StopRow(QtWidgets.QWidget):
    """One period during which the clock is stopped (第三方征求意见, 缴费, …): first and last day, inclusive."""

    changed = QtCore.Signal()
    remove_requested = QtCore.Signal(object)

    def __init__(self, first: dt.date, last: dt.date, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.first = DateEdit(first)
        self.last = DateEdit(last)
        self.remove = QtWidgets.QPushButton(self.tr("删除"))
        layout.addWidget(self.first)
        layout.addWidget(QtWidgets.QLabel(self.tr("至")))
        layout.addWidget(self.last)
        layout.addWidget(self.remove)
        layout.addStretch(1)
        self.first.dateChanged.connect(lambda _: self.changed.emit())
        self.last.dateChanged.connect(lambda _: self.changed.emit())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def value(self) -> tuple[dt.date, dt.date]:
        return self.first.value(), self.last.value()


class DeadlineCalculator(QtWidgets.QWidget):
    """Live deadline calculator; ``deadline`` holds the last result (``None`` while the input is refused)."""

    computed = QtCore.Signal(object)  # the Deadline, or None

    def __init__(self, parent=None, received: dt.date | None = None):
        super().__init__(parent)
        self.deadline: Deadline | None = None
        layout = QtWidgets.QHBoxLayout(self)
        form_box = QtWidgets.QGroupBox(self.tr("条件"))
        form = QtWidgets.QFormLayout(form_box)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldsStayAtSizeHint)
        self.received = DateEdit(received or clock.today())
        form.addRow(self.tr("收到申请日期"), self.received)
        self.days = QtWidgets.QSpinBox()
        self.days.setRange(0, 2500)
        self.days.setMinimumWidth(140)
        self.days.setValue(20)
        self.days.setSuffix(self.tr(" 个工作日"))
        self.days.setToolTip(self.tr("条例第三十三条：20个工作日；补正告知7个工作日；第三方答复15个工作日"))
        form.addRow(self.tr("期限"), self.days)
        self.stop_stack = RowStack(self.tr("添加中止计时"), self._make_stop)
        self.stop_stack.add_button.setToolTip(
            self.tr("征求第三方和其他机关意见的期间不计入期限（条例第三十三条第三款），等待缴费按本机关规定；起止日都包含在内"))
        self.stop_stack.changed.connect(self.recompute)
        form.addRow(self.tr("中止计时"), self.stop_stack)
        self.extension = QtWidgets.QSpinBox()
        self.extension.setRange(0, 2500)
        self.extension.setMinimumWidth(140)
        self.extension.setSuffix(self.tr(" 个工作日"))
        self.extension.setToolTip(self.tr("条例第三十三条第二款：经负责人同意可延长，最长不超过20个工作日"))
        form.addRow(self.tr("延长"), self.extension)
        layout.addWidget(form_box, 2)

        result_box = QtWidgets.QGroupBox(self.tr("结果"))
        result = QtWidgets.QVBoxLayout(result_box)
        head = QtWidgets.QHBoxLayout()
        self.due_label = QtWidgets.QLabel()
        self.due_label.setObjectName("dueDate")
        self.due_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.badge = QtWidgets.QLabel()
        head.addWidget(self.due_label)
        head.addWidget(self.badge)
        head.addStretch(1)
        result.addLayout(head)
        self.left_label = QtWidgets.QLabel()
        result.addWidget(self.left_label)
        self.steps_label = QtWidgets.QLabel()
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.steps_label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        result.addWidget(self.steps_label, 1)
        layout.addWidget(result_box, 3)

        self.received.dateChanged.connect(lambda _: self.recompute())
        self.days.valueChanged.connect(lambda _: self.recompute())
        self.extension.valueChanged.connect(lambda _: self.recompute())
        bus.changed.connect(self._on_changed)
        self.recompute()

    def _on_changed(self, entity: str) -> None:
        if entity == "calendar":
            self.recompute()

    @property
    def stops(self) -> list[StopRow]:
        return self.stop_stack.rows

    def _make_stop(self, first: dt.date | None = None, last: dt.date | None = None) -> StopRow:
        start = first or self.received.value() + dt.timedelta(days=1)
        row = StopRow(start, last or start)
        row.changed.connect(self.recompute)
        return row

    def add_stop(self, first: dt.date | None = None, last: dt.date | None = None) -> StopRow:
        return self.stop_stack.add(first, last)

    def remove_stop(self, row: StopRow) -> None:
        self.stop_stack.remove(row)

    def recompute(self) -> None:
        try:
            deadline = due_date(self.received.value(), self.days.value(), [s.value() for s in self.stops],
                                self.extension.value())
        except ServiceError as err:
            self.deadline = None
            self.due_label.setText(self.tr("无法计算"))
            self.badge.hide()
            self.left_label.setText("")
            self.steps_label.setText(str(err))
            self.steps_label.setStyleSheet("color: #b00020;")
            self.computed.emit(None)
            return
        self.deadline = deadline
        self.due_label.setText(f"{deadline.due.isoformat()}（{weekday_name(deadline.due)}）")
        if deadline.provisional:
            years = "、".join(f"{y}年" for y in deadline.provisional_years)
            self.badge.setText(self.tr("暂定"))
            self.badge.setStyleSheet(BADGE_PROVISIONAL)
            self.badge.setToolTip(self.tr("%1节假日安排尚未录入，期限按暂定规则计算；录入后自动重新计算。")
                                  .replace("%1", years))
        else:
            self.badge.setText(self.tr("官方"))
            self.badge.setStyleSheet(BADGE_OFFICIAL)
            self.badge.setToolTip(self.tr("按官方节假日安排计算"))
        self.badge.show()
        today = clock.today()
        left = days_left(deadline.due, today)
        if left > 0:
            text = self.tr("今天（%1）距期限还有 %2 个工作日").replace("%2", str(left))
        elif left == 0:
            text = self.tr("今天（%1）到期")
        else:
            text = self.tr("今天（%1）已超期 %2 个工作日").replace("%2", str(-left))
        self.left_label.setText(text.replace("%1", today.isoformat()))
        self.steps_label.setStyleSheet("")
        self.steps_label.setText("\n".join(f"{i}. {s}" for i, s in enumerate(deadline.steps, start=1)))
        self.computed.emit(deadline)
