"""The 考核评议 tab: the rounds, the selected round's arrangements and steps (方案 → 通知 → 自查 → 现场考核 → 审定 →
通报, then 整改/验收 and 表彰/通报批评), scoring each unit with the points the records propose, the ranked summary,
the grade sheets previewed and exported (PDF, Excel, Word), and the indicator tables and bands."""
from __future__ import annotations

from app.assessment import export, rounds, rules, scoring
from app.errors import ServiceError
from ui import file_dialogs, messages
from ui.assessment.dialogs import ScoreDialog, new_round_dialog, step_dialog, unit_dialog
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtWidgets, Qt
from ui.widgets import make_table_view, selected_row

ROUND_COLUMNS = [Column("year", "年度", "year", 60), Column("state_label", "状态", "state", 100),
                 Column("table", "指标表", None, 150)]
UNIT_COLUMNS = [Column("unit", "科室", None, 110), Column("self_check_date", "自查材料", None, 95),
                Column("material_count", "材料文件", None, 70), Column("total", "得分", None, 70),
                Column("grade", "等次", None, 70), Column("rectify_due", "整改期限", None, 95),
                Column("recheck_label", "验收", None, 80), Column("followup_label", "表彰/通报批评", None, 100)]
SCORE_COLUMNS = [Column("path", "指标", None, 250, tooltip=lambda r: r["rule"]), Column("points_text", "分值", None, 50),
                 Column("figure_text", "数据", None, 90), Column("proposed_text", "建议分", None, 60),
                 Column("given", "各评分人", None, 170), Column("average_text", "平均", None, 55),
                 Column("agreed_text", "商定", None, 55), Column("used_text", "采用", None, 55)]
SUMMARY_COLUMNS = [Column("rank", "名次", "rank", 50), Column("unit", "科室", "unit", 120),
                   Column("total_text", "得分", None, 70), Column("grade", "等次", None, 80)]


def _model(columns, parent) -> PagingTableModel:
    model = PagingTableModel(columns, parent=parent)
    model.set_default_sort(None)
    return model


class AssessmentPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.round_id: int | None = None
        self.detail: dict | None = None
        self.rounds_model = _model(ROUND_COLUMNS, self)
        self.rounds_view = make_table_view(self.rounds_model)
        self.rounds_view.setMaximumWidth(380)
        self.rounds_view.verticalHeader().hide()
        self.rounds_view.selectionModel().currentRowChanged.connect(lambda *_: self._round_selected())

        left = QtWidgets.QVBoxLayout()
        bar = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(self.tr("新建考核…"))
        self.new_button.clicked.connect(self.new_round)
        self.new_button.setEnabled(actor.can("assessment.manage"))
        self.tables_button = QtWidgets.QPushButton(self.tr("指标表和等次…"))
        self.tables_button.clicked.connect(self.edit_tables)
        bar.addWidget(self.new_button)
        bar.addWidget(self.tables_button)
        left.addLayout(bar)
        left.addWidget(self.rounds_view)

        self.info = QtWidgets.QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.steps_bar = QtWidgets.QHBoxLayout()
        self.preview_button = QtWidgets.QPushButton(self.tr("预览评分表…"))
        self.preview_button.clicked.connect(self.preview)
        self.export_button = QtWidgets.QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(actor.can("assessment.export"))

        self.units_model = _model(UNIT_COLUMNS, self)
        self.units_view = make_table_view(self.units_model)
        unit_bar = QtWidgets.QHBoxLayout()
        self.unit_buttons = {}
        for key, label in (("self_check", "登记自查材料…"), ("material", "添加材料文件…"), ("rectify", "限期整改…"),
                           ("recheck", "整改验收…"), ("followup", "表彰/通报批评…")):
            b = QtWidgets.QPushButton(self.tr(label))
            b.clicked.connect(lambda _=False, k=key: self.unit_action(k))
            b.setEnabled(actor.can("assessment.manage"))
            unit_bar.addWidget(b)
            self.unit_buttons[key] = b
        unit_bar.addStretch(1)
        arrangement = QtWidgets.QWidget()
        a = QtWidgets.QVBoxLayout(arrangement)
        a.addWidget(self.units_view)
        a.addLayout(unit_bar)

        scoring_tab = QtWidgets.QWidget()
        s = QtWidgets.QVBoxLayout(scoring_tab)
        pick = QtWidgets.QHBoxLayout()
        self.unit_pick = QtWidgets.QComboBox()
        self.unit_pick.currentIndexChanged.connect(lambda *_: self._load_scores())
        self.score_total = QtWidgets.QLabel()
        self.score_button = QtWidgets.QPushButton(self.tr("评分…"))
        self.score_button.clicked.connect(self.score_selected)
        self.score_button.setEnabled(actor.can("assessment.score"))
        pick.addWidget(QtWidgets.QLabel(self.tr("被考核科室")))
        pick.addWidget(self.unit_pick)
        pick.addWidget(self.score_total, 1)
        pick.addWidget(self.score_button)
        s.addLayout(pick)
        self.scores_model = _model(SCORE_COLUMNS, self)
        self.scores_view = make_table_view(self.scores_model)
        self.scores_view.doubleClicked.connect(lambda *_: self.score_selected())
        s.addWidget(self.scores_view)

        self.summary_model = _model(SUMMARY_COLUMNS, self)
        self.summary_view = make_table_view(self.summary_model)

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(arrangement, self.tr("考核安排"))
        self.tabs.addTab(scoring_tab, self.tr("评分"))
        self.tabs.addTab(self.summary_view, self.tr("结果汇总"))

        right = QtWidgets.QVBoxLayout()
        right.addWidget(self.info)
        top = QtWidgets.QHBoxLayout()
        top.addLayout(self.steps_bar)
        top.addStretch(1)
        top.addWidget(self.preview_button)
        top.addWidget(self.export_button)
        right.addLayout(top)
        right.addWidget(self.tabs, 1)

        layout = QtWidgets.QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.reload()

    # ---- loading --------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.rounds_model.set_source(ListSource(rounds.list_rounds(self.actor)))
        row = self.rounds_model.row_of(self.round_id) if self.round_id else None
        self.rounds_view.selectRow(row if row is not None else 0)
        self._round_selected()

    def _round_selected(self) -> None:
        row = selected_row(self.rounds_view)
        self.round_id = row["id"] if row else None
        self._show_round()

    def _show_round(self) -> None:
        while self.steps_bar.count():
            w = self.steps_bar.takeAt(0).widget()
            if w:
                w.hide()  # out of the layout it would float over the page until it is deleted
                w.setParent(None)
                w.deleteLater()
        if self.round_id is None:
            self.detail = None
            self.info.setText(self.tr("还没有考核。"))
            for m in (self.units_model, self.scores_model, self.summary_model):
                m.set_source(ListSource([]))
            return
        d = self.detail = rounds.round_detail(self.actor, self.round_id)
        members = "、".join(f"{m['name']}（{m['role']}）" if m["role"] else m["name"] for m in d["members"]) or "未确定"
        dates = "；".join(f"{rounds.DATE_LABELS[f]}：{d[f]}" for f in rounds.ORDER if d[f])
        lines = [f"<b>{d['year']}年度考核评议</b>　{d['state_label']}",
                 f"指标表：{d['table_name']}　等次：{d['bands_name']}　得分采用：{rules.COMBINE[d['combine']]}",
                 f"考核小组：{members}", dates or "考核方案尚未审定"]
        if d["onsite_methods"]:
            lines.append("考核方式：" + "、".join(d["onsite_methods"]))
        if d["notified_form"]:
            lines.append(f"通报：{d['notified_form']} {d['notified_ref']}")
        if d["warning"]:
            lines.append(f"<span style='color:#b00020'>{d['warning']}</span>")
        self.info.setText("<br>".join(lines))
        for code in d["steps"]:
            step = rounds.STEPS[code]
            b = QtWidgets.QPushButton(step.label + "…")
            b.setObjectName(f"step_{code}")
            b.setEnabled(self.actor.can(step.permission))
            b.clicked.connect(lambda _=False, c=code: self.take_step(c))
            self.steps_bar.addWidget(b)
        units = [{**u, "material_count": len(u["materials"]) or "", "total": rules.fmt(u["total"]) if u["total"]
                  is not None else ""} for u in d["units"]]
        self.units_model.set_source(ListSource(units))
        current = self.unit_pick.currentData()
        self.unit_pick.blockSignals(True)
        self.unit_pick.clear()
        for u in d["units"]:
            self.unit_pick.addItem(u["unit"], u["id"])
        index = self.unit_pick.findData(current)
        self.unit_pick.setCurrentIndex(index if index >= 0 else 0)
        self.unit_pick.blockSignals(False)
        self._load_scores()
        summary = [{**r, "total_text": rules.fmt(r["total"])} for r in scoring.summary(self.actor, self.round_id)]
        self.summary_model.set_source(ListSource(summary))

    def _load_scores(self) -> None:
        unit_id = self.unit_pick.currentData()
        if unit_id is None:
            self.scores_model.set_source(ListSource([]))
            return
        sheet = self.sheet = scoring.score_sheet(self.actor, unit_id)
        rows = []
        for i, r in enumerate(sheet["rows"]):
            given = "；".join(f"{s['assessor'] or '商定'} {rules.fmt(s['score'])}" + ("*" if s["override_reason"] else "")
                             for s in r["scores"])
            figure = "" if not r["measure"] else ("不可用" if not r["available"] else
                                                  f"{rules.fmt(r['figure'])}{r['unit_label']}" if r["figure"] is not None
                                                  else "无记录")
            rows.append({**r, "id": i, "points_text": rules.fmt(r["points"]), "figure_text": figure,
                         "proposed_text": rules.fmt(r["proposed"]) if r["proposed"] is not None else "",
                         "given": given, "average_text": rules.fmt(r["average"]) if r["average"] is not None else "",
                         "agreed_text": rules.fmt(r["agreed"]) if r["agreed"] is not None else "",
                         "used_text": rules.fmt(r["used"]) if r["used"] is not None else ""})
        self.scores_model.set_source(ListSource(rows))
        self.score_total.setText(self.tr("合计：") + rules.fmt(sheet["total"]) + self.tr("（*：调整了建议分，理由已记录）"))

    # ---- actions --------------------------------------------------------------------------------------------------
    def new_round(self) -> None:
        dialog = new_round_dialog(self.actor, self)
        if dialog.exec():
            self.round_id = dialog.result_value["id"]
            self.reload()

    def take_step(self, code: str) -> None:
        if step_dialog(self.actor, self.round_id, code, self).exec():
            self._show_round()
            self.rounds_model.set_source(ListSource(rounds.list_rounds(self.actor)))

    def unit_action(self, what: str) -> None:
        row = selected_row(self.units_view)
        if row is None:
            messages.info(self, self.tr("考核评议"), self.tr("请先选择一个科室"))
            return
        if what == "material":
            path, _ = file_dialogs.get_open_file_name(self, self.tr("选择自查材料文件"))
            if path:
                try:
                    rounds.add_material(self.actor, row["id"], path)
                except ServiceError as err:
                    messages.show_error(self, err)
        elif not unit_dialog(self.actor, row["id"], what, self).exec():
            return
        self._show_round()

    def score_selected(self) -> None:
        row = selected_row(self.scores_view)
        if row is None:
            messages.info(self, self.tr("评分"), self.tr("请先选择一项指标"))
            return
        dialog = ScoreDialog(self.actor, self.unit_pick.currentData(), row, self.sheet["members"], self)
        if dialog.exec():
            self._show_round()

    def edit_tables(self) -> None:
        from ui.assessment.table_editor import TableEditorDialog
        TableEditorDialog(self.actor, self).exec()
        self._show_round()

    def preview(self) -> None:
        if self.round_id is None:
            return
        from ui.printing.preview import PreviewDialog
        try:
            pdf = export.preview_pdf(self.actor, self.round_id)
        except ServiceError as err:
            messages.show_error(self, err)
            return
        PreviewDialog(pdf, f"{self.detail['year']}年度考核评分表", f"{self.detail['year']}年度考核评分表.pdf",
                      parent=self).exec()

    def export(self) -> None:
        if self.detail is None:
            return
        path, chosen = file_dialogs.get_save_file_name(
            self, self.tr("导出考核评分表"), f"{self.detail['year']}年度考核评分表.xlsx",
            self.tr("Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf);;Word 文档（汇总表） (*.docx)"))
        if not path:
            return
        fmt = path.rsplit(".", 1)[-1].lower()
        if fmt not in export.FORMATS:
            fmt = "docx" if "docx" in chosen else "pdf" if "pdf" in chosen else "xlsx"
            path += "." + fmt
        try:
            export.export_grades(self.actor, self.detail["year"], fmt, path)
        except ServiceError as err:
            messages.show_error(self, err)
            return
        messages.info(self, self.tr("导出"), self.tr("已导出：") + path)
