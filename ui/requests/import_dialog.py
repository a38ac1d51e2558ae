"""导入台账: choose the file, map its columns to ours, see every bad row with its reason before anything is written,
and import all rows — or, explicitly, only the good ones."""
from __future__ import annotations

from pathlib import Path

from app.errors import ServiceError
from app.requests import ledger
from ui import messages
from ui.models.paging import Column, ListSource, PagingTableModel
from ui import file_dialogs
from ui.qt import QtWidgets
from ui.widgets import error_label, fit_to_screen, make_table_view, show_inline_error

PROBLEMS = [Column("row", "行号", None, 60), Column("reason", "问题", None, 520)]


class ImportDialog(QtWidgets.QDialog):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.sheet: ledger.Sheet | None = None
        self.checked: ledger.Checked | None = None
        self.path = ""
        self.setWindowTitle(self.tr("导入原有台账"))
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(self.tr(
            "支持 .xlsx、.csv 和 .txt（UTF-8 或 GBK；逗号、制表符或分号分隔）。第一行为表头；默认表头：申请编号、"
            "收到日期、申请人类型、申请人、申请内容、"
            "办理结果、答复日期、备注（另可有证件号码、统一社会信用代码、联系电话、通信地址、电子邮箱、申请方式）。"
            "办理结果请使用年度报告中的名称或常用简称（如 逾期不缴费、撤回）。"
            "任何一行有问题时不导入任何数据，除非明确选择跳过有问题的行。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QtWidgets.QHBoxLayout()
        self.file_label = QtWidgets.QLabel(self.tr("（未选择文件）"))
        choose = QtWidgets.QPushButton(self.tr("选择文件…"))
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.mapping_box = QtWidgets.QGroupBox(self.tr("列的对应关系"))
        self.mapping_form = QtWidgets.QFormLayout(self.mapping_box)
        self.combos: dict[str, QtWidgets.QComboBox] = {}
        layout.addWidget(self.mapping_box)
        self.summary = QtWidgets.QLabel()
        layout.addWidget(self.summary)
        self.problem_model = PagingTableModel(PROBLEMS, parent=self)
        self.problem_view = make_table_view(self.problem_model)
        layout.addWidget(self.problem_view, 1)
        self.skip_bad = QtWidgets.QCheckBox(self.tr("跳过有问题的行，只导入其余各行"))
        layout.addWidget(self.skip_bad)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QtWidgets.QHBoxLayout()
        self.check_button = QtWidgets.QPushButton(self.tr("检查"))
        self.import_button = QtWidgets.QPushButton(self.tr("导入"))
        cancel = QtWidgets.QPushButton(self.tr("取消"))
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, cancel):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        choose.clicked.connect(self.choose)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.do_import)
        cancel.clicked.connect(self.reject)
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        fit_to_screen(self, 820, 680)

    def choose(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("选择台账文件"), "",
                                                  self.tr("台账 (*.xlsx *.csv *.txt)"))
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        try:
            self.sheet = ledger.read_file(path)
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        self.path = path
        self.file_label.setText(f"{Path(path).name}（{len(self.sheet.rows)} 行数据）")
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos = {}
        guess = ledger.default_mapping(self.sheet.headers)
        for key, (heading, _) in ledger.FIELDS.items():
            box = QtWidgets.QComboBox()
            box.addItem(self.tr("（无）"), None)
            for i, h in enumerate(self.sheet.headers):
                box.addItem(h or f"第{i + 1}列", i)
            box.setCurrentIndex(max(0, box.findData(guess.get(key))))
            box.currentIndexChanged.connect(lambda _: self._invalidate())
            self.combos[key] = box
            self.mapping_form.addRow(heading + ("（必需）" if key in ledger.REQUIRED else ""), box)
        self.check_button.setEnabled(True)
        self.check()

    def mapping(self) -> dict[str, int]:
        return {k: box.currentData() for k, box in self.combos.items() if box.currentData() is not None}

    def _invalidate(self) -> None:
        self.checked = None
        self.import_button.setEnabled(False)

    def check(self) -> None:
        show_inline_error(self.error, None)
        try:
            self.checked = ledger.check(self.sheet, self.mapping())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            self._invalidate()
            return
        good, bad = len(self.checked.good), len(self.checked.bad_rows)
        self.summary.setText(f"可以导入 {good} 行；有问题 {bad} 行" + ("（见下表）" if bad else "。"))
        self.problem_model.set_source(ListSource([{"row": p.row, "reason": p.reason} for p in self.checked.problems]))
        self.import_button.setEnabled(good > 0)

    def do_import(self) -> None:
        if self.checked is None:
            return
        try:
            n = ledger.import_rows(self.actor, self.checked, Path(self.path).name, self.skip_bad.isChecked())
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        messages.info(self, self.tr("导入台账"), f"已导入 {n} 件申请。")
        self.accept()
