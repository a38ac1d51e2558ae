"""年度报告 tab: choose the year, check and complete the report in the official format, preview, print and export it.

The report is built by ``app.report.service.build`` and shown by four panels (sections 一、五、六; tables 二、三、四).
Until the office marks it final (“定稿”, ``service.set_final``) the report is a draft and every output says 草稿.
It is rebuilt when the year changes and when requests, 复议诉讼 cases or report entries change; what the user is still
typing is kept. ``open_request(int)`` asks for one request to be shown in the request register."""
from __future__ import annotations

import os

from app import clock
from app.errors import ServiceError
from app.report import labels, output, service
from app.report.service import AnnualReport
from ui import messages
from ui.events import announce, bus
from ui.messages import show_error
from ui import file_dialogs
from ui.qt import QtWidgets, Signal
from ui.report.table2_form import Table2Form
from ui.report.table3_panel import Table3Panel
from ui.report.table4_panel import Table4Panel
from ui.report.texts_panel import TextsPanel
from ui.tasks import run_task
from ui.widgets import add_shortcut

FIRST_YEAR = 2019  # the trial format's first year (国办公开办函〔2019〕60号)
REFRESH_ON = ("request", "review_case", "report", "setting", "office")


def report_years(today=None) -> list[int]:
    today = today or clock.today()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def default_year(today=None) -> int:
    """The year whose report the 工作台 reminds about: the next one to be published (in December, the current
    year's; after the publication date has passed, the year under way)."""
    from ui.report.reminder import next_publication
    return next_publication(today or clock.today())[0]


class AnnualReportPage(QtWidgets.QWidget):
    open_request = Signal(int)

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.report: AnnualReport | None = None
        self.preview_dialog = None
        self._stale = False
        self._year = default_year()
        layout = QtWidgets.QVBoxLayout(self)

        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(QtWidgets.QLabel(self.tr("报告年度")))
        self.year_box = QtWidgets.QComboBox()
        for y in report_years():
            self.year_box.addItem(f"{y}年", y)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(self._year)))
        bar.addWidget(self.year_box)
        self.format_label = QtWidgets.QLabel()
        self.format_label.setWordWrap(True)
        bar.addWidget(self.format_label, 1)
        self.preview_button = QtWidgets.QPushButton(self.tr("预览和打印…"))
        self.word_button = QtWidgets.QPushButton(self.tr("导出 Word…"))
        self.excel_button = QtWidgets.QPushButton(self.tr("导出 Excel…"))
        for button in (self.preview_button, self.word_button, self.excel_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        status = QtWidgets.QHBoxLayout()
        self.status_label = QtWidgets.QLabel()
        self.status_label.setObjectName("reportStatus")
        status.addWidget(self.status_label, 1)
        self.final_button = QtWidgets.QPushButton()
        self.final_button.setVisible(actor.can("report.edit"))
        status.addWidget(self.final_button)
        layout.addLayout(status)

        self.tabs = QtWidgets.QTabWidget()
        self.texts = TextsPanel(actor)
        self.table2 = Table2Form(actor)
        self.table3 = Table3Panel(actor)
        self.table4 = Table4Panel(actor)
        self.tabs.addTab(self.texts, self.tr("一、五、六 文字部分"))
        self.tabs.addTab(self.table2, self.tr("二、主动公开"))
        self.tabs.addTab(self.table3, self.tr("三、依申请公开"))
        self.tabs.addTab(self.table4, self.tr("四、复议诉讼"))
        layout.addWidget(self.tabs, 1)

        self.year_box.currentIndexChanged.connect(self._year_chosen)
        self.preview_button.clicked.connect(self.preview)
        self.word_button.clicked.connect(self.export_word)
        self.excel_button.clicked.connect(self.export_excel)
        self.final_button.clicked.connect(self.toggle_final)
        add_shortcut(self, "Ctrl+P", self.preview, self.preview_button)
        add_shortcut(self, "Ctrl+E", self.export_word, self.word_button)
        add_shortcut(self, "F5", self.refresh)
        self.table3.open_request.connect(self.open_request)
        bus.changed.connect(self._on_change)
        self.refresh(keep_edits=False)

    # ---- year and refresh -------------------------------------------------------------------------------------------
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        self.year_box.setCurrentIndex(self.year_box.findData(year))

    def has_unsaved(self) -> bool:
        return self.texts.has_unsaved() or self.table2.has_unsaved()

    def _year_chosen(self, _index: int) -> None:
        year = self.year_box.currentData()
        if year == self._year:
            return
        if self.has_unsaved() and not messages.confirm(
                self, self.tr("切换年度"), f"{self._year}年度报告有尚未保存的修改，切换年度将放弃这些修改。继续吗？"):
            self.year_box.blockSignals(True)
            self.year_box.setCurrentIndex(self.year_box.findData(self._year))
            self.year_box.blockSignals(False)
            return
        self._year = year
        self.refresh(keep_edits=False)

    def refresh(self, keep_edits: bool = True) -> None:
        try:
            report = service.build(self.actor, self._year)
        except ServiceError as err:
            show_error(self, err)
            return
        self.report = report
        self._stale = False
        due = service.deadline_for(report.year)
        self.format_label.setText(f"按{labels.FORMAT_NAMES[report.fmt]}编制；应于 {due.isoformat()} 前向社会公布")
        self.texts.set_report(report, keep_edits)
        self.table2.set_report(report, keep_edits)
        self.table3.set_report(report)
        self.table4.set_report(report)
        self._show_status(report)

    # ---- draft or final ----------------------------------------------------------------------------------------------
    def _show_status(self, report: AnnualReport) -> None:
        final = report.final
        if final:
            self.status_label.setText(self.tr("状态：已定稿（%1，%2）。需要修改时先取消定稿。")
                                      .replace("%1", final.get("by", "")).replace("%2", final.get("at", "")))
            self.final_button.setText(self.tr("取消定稿"))
        else:
            self.status_label.setText(self.tr("状态：草稿——预览、打印和导出的文件都标有“草稿”；年度结束、各部分填写完整、"
                                              "表三勾稽关系通过后可以定稿。"))
            self.final_button.setText(self.tr("定稿…"))
        for button in (self.texts.save_button, self.table2.save_button):
            button.setEnabled(not final)

    def toggle_final(self) -> None:
        final = not (self.report and self.report.final)
        if final:
            if not self._settle_unsaved():
                return
            if not messages.confirm(self, self.tr("定稿"), f"将{self._year}年度报告标记为定稿？定稿后打印的报告不再标“草稿”，"
                                                           "报告内容不能再修改（可以取消定稿）。"):
                return
        try:
            service.set_final(self.actor, self._year, final)
        except ServiceError as err:
            messages.error(self, self.tr("定稿"), str(err))
            return
        announce("report")
        self.refresh()

    def _on_change(self, entity: str) -> None:
        if entity not in REFRESH_ON:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # rebuilt when shown again

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ---- output ------------------------------------------------------------------------------------------------------
    def file_name(self, suffix: str) -> str:
        office_name = self.report.office_name if self.report else ""
        return f"{office_name}{self._year}年政府信息公开工作年度报告{suffix}"

    def _ask_path(self, caption: str, suffix: str, filter_: str) -> str:
        path, _ = file_dialogs.get_save_file_name(self, caption, self.file_name(suffix), filter_)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def _failed(self, title: str):
        def show(err: Exception) -> None:
            if isinstance(err, (ServiceError, OSError)):
                messages.error(self, title + self.tr("失败"), str(err))
            else:
                show_error(self, err, title + self.tr("失败"))
        return show

    def _settle_unsaved(self) -> bool:
        """Before output: offer to save what is being edited (output is built from what is saved). False: stop, a
        refused entry is shown on its tab."""
        if not self.has_unsaved() or not messages.confirm(
                self, self.tr("尚未保存"), self.tr("有尚未保存的修改。先保存，再生成报告吗？\n选择“否”则按已保存的内容生成。")):
            return True
        for panel in (self.texts, self.table2):
            if panel.has_unsaved() and not panel.save():
                self.tabs.setCurrentWidget(panel)
                return False
        return True

    def preview(self) -> None:
        if not self._settle_unsaved():
            return
        actor, year = self.actor, self._year

        def work(_handle):
            report = service.build(actor, year)
            return report, output.to_pdf(report)

        run_task(self, self.tr("正在生成年度报告…"), work, self._show_preview, on_error=self._failed(self.tr("预览")))

    def _show_preview(self, result) -> None:
        from ui.printing.preview import PreviewDialog
        report, pdf = result
        try:
            dialog = PreviewDialog(pdf, report.title, self.file_name(".pdf"),
                                   docx_factory=lambda: output.to_docx(report), parent=self)
        except ServiceError as err:
            show_error(self, err)
            return
        self.preview_dialog = dialog
        dialog.exec()

    def _export(self, caption: str, suffix: str, filter_: str, write) -> None:
        if not self._settle_unsaved():
            return
        path = self._ask_path(caption, suffix, filter_)
        if not path:
            return
        actor, year = self.actor, self._year

        def work(_handle):
            write(service.build(actor, year), path)
            return path

        run_task(self, self.tr("正在导出年度报告…"), work,
                 lambda done: messages.info(self, caption, f"已导出到\n{done}"), on_error=self._failed(caption))

    def export_word(self) -> None:
        self._export(self.tr("导出 Word"), ".docx", self.tr("Word 文档 (*.docx)"), _write_docx)

    def export_excel(self) -> None:
        self._export(self.tr("导出 Excel"), ".xlsx", self.tr("Excel 工作簿 (*.xlsx)"), _write_xlsx)


def _write_docx(report: AnnualReport, path: str) -> None:
    from ui.printing.preview import write_file
    write_file(path, output.to_docx(report))


def _write_xlsx(report: AnnualReport, path: str) -> None:
    tmp = path + ".part.xlsx"  # openpyxl writes in place: a broken export must not replace a good file
    output.to_xlsx(report, tmp)
    os.replace(tmp, path)
