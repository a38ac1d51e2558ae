"""A table drawn like the printed form: ruled cells, merged headings, labels or entry fields inside.

Used for tables 二 and 四 of the annual report, whose few cells are fixed by the official format; the lines between
cells are the frame's background showing through one-pixel gaps."""
from __future__ import annotations

from ui.qt import QtWidgets, Qt

RULE = "#8c959f"
HEAD_BACKGROUND = "#f1f3f5"


class OfficialGrid(QtWidgets.QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("officialGrid")
        self.setStyleSheet(f"QFrame#officialGrid {{ background: {RULE}; }}")
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setSpacing(1)
        self.grid.setContentsMargins(1, 1, 1, 1)
        self.setSizePolicy(QtWidgets.QSizePolicy.Maximum, QtWidgets.QSizePolicy.Maximum)

    def add_text(self, row: int, column: int, text: str, rowspan: int = 1, colspan: int = 1, head: bool = False,
                 align: Qt.AlignmentFlag = Qt.AlignCenter, min_width: int = 0) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(align | Qt.AlignVCenter)
        weight = "bold" if head else "normal"
        background = HEAD_BACKGROUND if head else "white"
        label.setStyleSheet(f"background: {background}; padding: 5px 8px; font-weight: {weight};")
        if min_width:
            label.setMinimumWidth(min_width)
        self.grid.addWidget(label, row, column, rowspan, colspan)
        return label

    def add_widget(self, row: int, column: int, widget: QtWidgets.QWidget, rowspan: int = 1,
                   colspan: int = 1, align: Qt.AlignmentFlag = Qt.AlignCenter) -> QtWidgets.QWidget:
        """Place ``widget`` in a white cell with a little room around it."""
        cell = QtWidgets.QWidget()
        cell.setAttribute(Qt.WA_StyledBackground, True)
        cell.setObjectName("gridCell")
        cell.setStyleSheet("QWidget#gridCell { background: white; }")
        box = QtWidgets.QHBoxLayout(cell)
        box.setContentsMargins(6, 3, 6, 3)
        box.addWidget(widget, 0, align)
        self.grid.addWidget(cell, row, column, rowspan, colspan)
        return widget
