"""Table 三 (收到和处理政府信息公开申请情况) as a fixed grid in the official arrangement.

Columns: the row heading in three levels (三、本年度办理结果 / the result group / the item), then the seven official
columns 自然人, the five 法人或其他组织 sub-types and 总计. ``spans()`` lists the merged cells of the printed form,
which the view applies, so that 一、二、四 read across the heading columns and each group stands beside its items."""
from __future__ import annotations

from app.report import labels
from app.report.table3 import Table3
from ui.qt import QtCore, QtGui, Qt

SECTION_COL, GROUP_COL, ITEM_COL = 0, 1, 2
FIRST_NUMBER_COL = 3
HEADING_ROWS = ("new", "carried_in", "carried_out")  # read across all three heading columns
CHECK_ROWS = ("new", "carried_in", "total", "carried_out")  # the rows of the 勾稽 check
FAILING = QtGui.QColor("#f8d7da")
TOTALS = QtGui.QColor("#f1f3f5")


def column_heading(code: str, name: str) -> str:
    if code in ("natural", "total"):
        return name
    return f"{labels.ORG_HEAD}\n{name}"


class Table3Model(QtCore.QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: Table3 | None = None
        self._rows: list[tuple[str, str, str | None]] = []
        self._failing: set[str] = set()  # column codes where 一 + 二 ≠ （七）总计 + 四

    def set_table(self, table: Table3 | None) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = list(table.rows) if table else []
        failing = set(table.check()) if table else set()
        self._failing = {code for code, name in zip(labels.COLUMN_CODES, labels.COLUMNS) if name in failing}
        self.endResetModel()

    # ---- the official layout --------------------------------------------------------------------------------------
    def row_key(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def _result_rows(self) -> range:
        keys = [k for k, _, _ in self._rows]
        if "disclose" not in keys:
            return range(0)
        return range(keys.index("disclose"), keys.index("total") + 1)

    def _heading(self, row: int, column: int) -> str | None:
        key, label, group = self._rows[row]
        results = self._result_rows()
        if row not in results:
            return label if column == SECTION_COL else None
        if column == SECTION_COL:
            return labels.ROW_RESULTS if row == results.start else None
        if group is None:
            return label if column == GROUP_COL else None
        if column == GROUP_COL:
            first = next(i for i, (_, _, g) in enumerate(self._rows) if g == group)
            return group if row == first else None
        return label

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, column, rows, columns) of every merged cell."""
        out = []
        results = self._result_rows()
        if results:
            out.append((results.start, SECTION_COL, len(results), 1))
        seen: set[str] = set()
        for row, (key, _, group) in enumerate(self._rows):
            if row not in results:
                out.append((row, SECTION_COL, 1, FIRST_NUMBER_COL))
            elif group is None:
                out.append((row, GROUP_COL, 1, 2))
            elif group not in seen:
                seen.add(group)
                size = sum(1 for _, _, g in self._rows if g == group)
                if size > 1:
                    out.append((row, GROUP_COL, size, 1))
        return out

    def cell_at(self, index: QtCore.QModelIndex) -> tuple[str, str] | None:
        """(row key, column code) of a number cell, else None."""
        if not index.isValid() or index.column() < FIRST_NUMBER_COL or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()][0], labels.COLUMN_CODES[index.column() - FIRST_NUMBER_COL]

    # ---- Qt's model interface -------------------------------------------------------------------------------------
    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else FIRST_NUMBER_COL + len(labels.COLUMN_CODES)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.table is None or index.row() >= len(self._rows) \
                or index.column() >= self.columnCount():
            return None
        row, column = index.row(), index.column()
        cell = self.cell_at(index)
        if role == Qt.DisplayRole:
            if cell is None:
                return self._heading(row, column)
            return str(self.table.value(*cell))
        if role == Qt.TextAlignmentRole:
            if cell is not None or column == SECTION_COL and row in self._result_rows():
                return int(Qt.AlignCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.BackgroundRole:
            key = self._rows[row][0]
            if cell is not None and key in CHECK_ROWS and cell[1] in self._failing:
                return FAILING
            if key in CHECK_ROWS or cell is not None and cell[1] == "total":
                return TOTALS
            return None
        if role == Qt.FontRole and self._rows[row][0] in CHECK_ROWS:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole and cell is None:
            return self._heading(row, column)
        if role == Qt.ToolTipRole:
            count = self.table.value(*cell)
            text = f"{count} 件，双击列出计入此格的申请" if count else "没有申请计入此格"
            if self._rows[row][0] in CHECK_ROWS and cell[1] in self._failing:
                text += "\n此列勾稽关系不成立：一 + 二 ≠ （七）总计 + 四"
            return text
        if role == Qt.UserRole:
            return cell
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            if section < FIRST_NUMBER_COL:
                return ""  # the heading columns: their note stands above the table
            index = section - FIRST_NUMBER_COL
            if 0 <= index < len(labels.COLUMN_CODES):
                return column_heading(labels.COLUMN_CODES[index], labels.COLUMNS[index])
            return None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        if self.cell_at(index) is not None:
            return Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return Qt.ItemIsEnabled
