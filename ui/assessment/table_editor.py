"""指标表和等次: the indicator tree edited node by node (points, scoring rule, a measure and how it scores, deduction
items, bonus items), saved through the service, which refuses a table whose points do not add up (the difference
shown) or one a finished round has used; and the grade bands (whole-number ranges over 0-100, the boundary rule)."""
from __future__ import annotations

import copy

from app.assessment import presets, rules, tables
from app.errors import ServiceError
from ui import messages
from ui.forms import FieldErrors
from ui.qt import QtWidgets, Qt
from ui.widgets import error_label

MANUAL = ""


class TableEditorDialog(QtWidgets.QDialog):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.may_edit = actor.can("assessment.configure")
        self.setWindowTitle(self.tr("考核指标表和等次"))
        self.measures = tables.known_measures()
        self.nodes: list[dict] = []
        self.current: dict | None = None
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.table_pick = QtWidgets.QComboBox()
        self.table_pick.currentIndexChanged.connect(lambda *_: self._load_table())
        self.preset_pick = QtWidgets.QComboBox()
        for key, spec in presets.TABLES.items():
            self.preset_pick.addItem(spec["name"], key)
        new = QtWidgets.QPushButton(self.tr("从预设新建"))
        new.clicked.connect(self.from_preset)
        copy_button = QtWidgets.QPushButton(self.tr("复制为新表…"))
        copy_button.clicked.connect(self.copy_table)
        for w in (QtWidgets.QLabel(self.tr("指标表")), self.table_pick, copy_button, self.preset_pick, new):
            bar.addWidget(w)
        for b in (new, copy_button):
            b.setEnabled(self.may_edit)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.state = QtWidgets.QLabel()
        self.state.setWordWrap(True)
        layout.addWidget(self.state)

        body = QtWidgets.QHBoxLayout()
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels([self.tr("指标"), self.tr("分值"), self.tr("数据项")])
        self.tree.setColumnWidth(0, 300)
        self.tree.currentItemChanged.connect(lambda *_: self._node_selected())
        body.addWidget(self.tree, 3)
        form_box = QtWidgets.QWidget()
        form = QtWidgets.QFormLayout(form_box)
        self.title = QtWidgets.QLineEdit()
        self.points = QtWidgets.QDoubleSpinBox()
        self.points.setRange(0, 1000)
        self.points.setDecimals(1)
        self.rule = QtWidgets.QPlainTextEdit()
        self.rule.setMaximumHeight(70)
        self.bonus = QtWidgets.QCheckBox(self.tr("加分项（不计入总分，加分后不超过满分）"))
        self.measure = QtWidgets.QComboBox()
        self.measure.addItem(self.tr("（人工评分）"), MANUAL)
        for key, m in self.measures.items():  # only the measures of installed modules are offered
            self.measure.addItem(f"{m.module}：{m.title}（{m.unit_label}）", key)
        self.method = QtWidgets.QComboBox()
        for key, label in rules.METHODS.items():
            self.method.addItem(label, key)
        self.each = QtWidgets.QDoubleSpinBox()
        self.each.setRange(0, 100)
        self.full_at = QtWidgets.QDoubleSpinBox()
        self.full_at.setRange(1, 100)
        self.full_at.setValue(100)
        self.deductions = QtWidgets.QPlainTextEdit()
        self.deductions.setPlaceholderText(self.tr("每行一项：名称 每次扣分，如：目录未更新 1"))
        self.deductions.setMaximumHeight(70)
        for label, w in (("名称", self.title), ("分值", self.points), ("评分标准", self.rule), ("", self.bonus),
                         ("数据项", self.measure), ("计分方法", self.method), ("每件扣分", self.each),
                         ("满分所需比例（%）", self.full_at), ("扣分项", self.deductions)):
            form.addRow(self.tr(label), w)
        apply = QtWidgets.QPushButton(self.tr("应用到本项"))
        apply.clicked.connect(self.apply_node)
        nodes_bar = QtWidgets.QHBoxLayout()
        self.node_buttons = [apply]
        for label, fn in (("添加同级", self.add_sibling), ("添加下级", self.add_child), ("删除", self.remove_node)):
            b = QtWidgets.QPushButton(self.tr(label))
            b.clicked.connect(fn)
            nodes_bar.addWidget(b)
            self.node_buttons.append(b)
        form.addRow(apply)
        form.addRow(nodes_bar)
        body.addWidget(form_box, 2)
        layout.addLayout(body, 1)

        total_bar = QtWidgets.QHBoxLayout()
        self.total = QtWidgets.QDoubleSpinBox()
        self.total.setRange(1, 1000)
        self.save_button = QtWidgets.QPushButton(self.tr("保存指标表"))
        self.save_button.clicked.connect(self.save_table)
        total_bar.addWidget(QtWidgets.QLabel(self.tr("总分")))
        total_bar.addWidget(self.total)
        total_bar.addStretch(1)
        total_bar.addWidget(self.save_button)
        layout.addLayout(total_bar)
        self.error = error_label()
        self.errors = FieldErrors(self.error)
        layout.addWidget(self.error)

        bands_box = QtWidgets.QGroupBox(self.tr("考核等次"))
        b = QtWidgets.QGridLayout(bands_box)
        self.bands_pick = QtWidgets.QComboBox()
        self.bands_pick.currentIndexChanged.connect(lambda *_: self._load_bands())
        self.bands_text = QtWidgets.QPlainTextEdit()
        self.bands_text.setPlaceholderText(self.tr("每行一个等次：名称 下限 上限（整数，合起来覆盖0-100分），如：优秀 90 100"))
        self.bands_text.setMaximumHeight(90)
        self.boundary = QtWidgets.QComboBox()
        for key, label in rules.BOUNDARIES.items():
            self.boundary.addItem(label, key)
        self.band_preset = QtWidgets.QComboBox()
        for key, spec in presets.BANDS.items():
            self.band_preset.addItem(spec["name"], key)
        new_bands = QtWidgets.QPushButton(self.tr("从预设新建"))
        new_bands.clicked.connect(self.bands_from_preset)
        self.save_bands_button = QtWidgets.QPushButton(self.tr("保存等次"))
        self.save_bands_button.clicked.connect(self.save_bands)
        b.addWidget(self.bands_pick, 0, 0)
        b.addWidget(self.band_preset, 0, 1)
        b.addWidget(new_bands, 0, 2)
        b.addWidget(self.bands_text, 1, 0, 1, 3)
        b.addWidget(self.boundary, 2, 0, 1, 2)
        b.addWidget(self.save_bands_button, 2, 2)
        new_bands.setEnabled(self.may_edit)
        layout.addWidget(bands_box)
        close = QtWidgets.QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, alignment=Qt.AlignRight)
        self.resize(1100, 700)
        self._fill_tables()
        self._fill_bands()

    # ---- tables ---------------------------------------------------------------------------------------------------
    def _fill(self, combo: QtWidgets.QComboBox, rows: list[dict], frozen_note: str, select: int | None) -> None:
        """The stored tables (or band sets) in ``combo``, the frozen ones marked, ``select`` chosen."""
        combo.blockSignals(True)
        combo.clear()
        for r in rows:
            combo.addItem(r["name"] + (frozen_note if r["frozen"] else ""), r["id"])
        if select is not None:
            combo.setCurrentIndex(max(0, combo.findData(select)))
        combo.blockSignals(False)

    def _fill_tables(self, select: int | None = None) -> None:
        self._fill(self.table_pick, tables.list_tables(self.actor), self.tr("（已用于审定的考核，只读）"), select)
        self._load_table()

    def _load_table(self) -> None:
        table_id = self.table_pick.currentData()
        self.table = tables.get_table(self.actor, table_id) if table_id is not None else None
        self.nodes = copy.deepcopy(self.table["indicators"]) if self.table else []
        self.total.setValue(self.table["total"] if self.table else 100)
        editable = bool(self.table) and self.may_edit and not self.table["frozen"]
        for w in self.node_buttons + [self.save_button]:
            w.setEnabled(editable)
        self.state.setText("" if not self.table else self.tr("此表已用于结果已审定的考核，不能修改；请复制为新表后修改。")
                           if self.table["frozen"] else self.tr("修改后点“保存指标表”；各项分值应合计为总分。"))
        self._fill_tree()

    def _fill_tree(self, select: dict | None = None) -> None:
        self.tree.clear()

        def add(parent, node):
            m = self.measures.get(node.get("measure") or "")
            item = QtWidgets.QTreeWidgetItem([node.get("title", ""), rules.fmt(node.get("points")),
                                              m.title if m else ("人工评分" if not node.get("children") else "")])
            item.setData(0, Qt.UserRole, id(node))
            self._by_id[id(node)] = node
            (parent.addChild if parent else self.tree.addTopLevelItem)(item)
            for child in node.get("children") or []:
                add(item, child)
            if node is select:
                self.tree.setCurrentItem(item)

        self._by_id: dict[int, dict] = {}
        for node in self.nodes:
            add(None, node)
        self.tree.expandAll()

    def _node_selected(self) -> None:
        item = self.tree.currentItem()
        self.current = self._by_id.get(item.data(0, Qt.UserRole)) if item else None
        n = self.current or {}
        self.title.setText(n.get("title", ""))
        self.points.setValue(float(n.get("points") or 0))
        self.rule.setPlainText(n.get("rule", ""))
        self.bonus.setChecked(rules.is_bonus(n))
        self.measure.setCurrentIndex(max(0, self.measure.findData(n.get("measure") or MANUAL)))
        self.method.setCurrentIndex(max(0, self.method.findData(n.get("method") or "ratio")))
        self.each.setValue(float(n.get("each") or 0))
        self.full_at.setValue(float(n.get("full_at") or 100))
        self.deductions.setPlainText("\n".join(f"{d['title']} {rules.fmt(d['each'])}" for d in n.get("deductions") or []))

    def apply_node(self) -> None:
        n = self.current
        if n is None:
            return
        n["title"], n["points"], n["rule"] = self.title.text().strip(), self.points.value(), self.rule.toPlainText()
        if self.bonus.isChecked():
            n["kind"] = "bonus"
        else:
            n.pop("kind", None)
        for key in ("measure", "method", "each", "full_at"):
            n.pop(key, None)
        if self.measure.currentData():
            n["measure"], n["method"] = self.measure.currentData(), self.method.currentData()
            if n["method"] == "per_item":
                n["each"] = self.each.value()
            else:
                n["full_at"] = self.full_at.value()
        old = {d["title"]: d.get("code") for d in n.get("deductions") or []}
        items = []
        for line in self.deductions.toPlainText().splitlines():
            parts = line.rsplit(maxsplit=1)
            if len(parts) == 2:
                try:
                    items.append({"title": parts[0], "each": float(parts[1]), "code": old.get(parts[0])})
                except ValueError:
                    items.append({"title": line, "each": 0, "code": old.get(line)})
            elif line.strip():
                items.append({"title": line.strip(), "each": 0})
        n["deductions"] = [{k: v for k, v in d.items() if v is not None} for d in items]
        self._fill_tree(select=n)

    def _siblings(self, node: dict) -> list[dict]:
        def find(nodes):
            if any(x is node for x in nodes):
                return nodes
            for x in nodes:
                found = find(x.get("children") or [])
                if found is not None:
                    return found
            return None
        return find(self.nodes) if node else self.nodes

    def add_sibling(self) -> None:
        new = {"title": self.tr("新指标"), "points": 0, "rule": ""}
        self._siblings(self.current).append(new) if self.current else self.nodes.append(new)
        self._fill_tree(select=new)

    def add_child(self) -> None:
        if self.current is None:
            return self.add_sibling()
        new = {"title": self.tr("新指标"), "points": self.current.get("points", 0), "rule": ""}
        self.current.setdefault("children", []).append(new)
        self._fill_tree(select=new)

    def remove_node(self) -> None:
        if self.current is not None:
            siblings = self._siblings(self.current)
            siblings[:] = [x for x in siblings if x is not self.current]
            self.current = None
            self._fill_tree()

    def save_table(self) -> None:
        self.errors.clear()
        try:
            saved = tables.save_table(self.actor, self.table["id"], self.table["name"], self.total.value(), self.nodes,
                                      self.table["note"])
        except ServiceError as err:
            self.errors.show(err)
            return
        self._fill_tables(select=saved["id"])
        messages.info(self, self.tr("考核指标表"), self.tr("已保存。"))

    def from_preset(self) -> None:
        self._create(lambda: tables.create_from_preset(self.actor, self.preset_pick.currentData()))

    def copy_table(self) -> None:
        if not self.table:
            return
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("复制指标表"), self.tr("新表名称"),
                                                  text=self.table["name"] + self.tr("（副本）"))
        if ok:
            self._create(lambda: tables.copy_table(self.actor, self.table["id"], name))

    def _create(self, make) -> None:
        try:
            made = make()
        except ServiceError as err:
            messages.show_error(self, err)
            return
        self._fill_tables(select=made["id"])

    # ---- bands ----------------------------------------------------------------------------------------------------
    def _fill_bands(self, select: int | None = None) -> None:
        self._fill(self.bands_pick, tables.list_bands(self.actor), self.tr("（只读）"), select)
        self._load_bands()

    def _load_bands(self) -> None:
        bands_id = self.bands_pick.currentData()
        self.bands = next((b for b in tables.list_bands(self.actor) if b["id"] == bands_id), None)
        b = self.bands
        self.bands_text.setPlainText("\n".join(f"{x['name']} {x['low']} {x['high']}" for x in b["bands"]) if b else "")
        self.boundary.setCurrentIndex(max(0, self.boundary.findData(b["boundary"] if b else "half_up")))
        self.save_bands_button.setEnabled(bool(b) and self.may_edit and not b["frozen"])

    def save_bands(self) -> None:
        rows = []
        for line in self.bands_text.toPlainText().splitlines():
            parts = line.split()
            if parts:
                rows.append({"name": parts[0], "low": parts[1] if len(parts) > 1 else None,
                             "high": parts[2] if len(parts) > 2 else None})
        try:
            saved = tables.save_bands(self.actor, self.bands["id"], self.bands["name"], rows, self.boundary.currentData())
        except ServiceError as err:
            messages.show_error(self, err)
            return
        self._fill_bands(select=saved["id"])

    def bands_from_preset(self) -> None:
        try:
            made = tables.create_bands_from_preset(self.actor, self.band_preset.currentData())
        except ServiceError as err:
            messages.show_error(self, err)
            return
        self._fill_bands(select=made["id"])
