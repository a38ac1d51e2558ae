"""系统管理 → 打印字体: which font prints each part of a document, and the administrator's choice of font files.

GB/T 9704-2012 names the fonts (正文仿宋、标题小标宋、一级标题黑体、二级标题楷体); the program finds them on the machine
or uses a free substitute. Here the administrator sees which, picks a font file for a role or returns it to automatic,
and previews a sample notice.
"""
from __future__ import annotations

from app import settings
from app.errors import ServiceError
from app.printing import fonts
from app.printing.roles import setting_key
from ui import messages
from ui.events import announce
from ui.models.paging import Column, ListSource, PagingTableModel
from ui import file_dialogs
from ui.qt import QtWidgets
from ui.tasks import run_task
from ui.widgets import error_label, show_inline_error


def _file_text(row: dict) -> str:
    return row["path"] + (f"#{row['subfont']}" if row["subfont"] else "")


COLUMNS = [
    Column("role_name", "用途"),
    Column("family", "字体"),
    Column("chosen_by", "来源"),
    Column("official", "规范字体", text=lambda r: "是" if r["official"] else "否（替代）"),
    Column("path", "字体文件", text=_file_text, tooltip=_file_text),
    Column("note", "说明", tooltip=lambda r: r["note"]),
]


class FontsPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.rows: list[dict] = []
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(self.tr(
            "公文按 GB/T 9704-2012 排版：正文仿宋、标题小标宋、一级标题黑体、二级标题楷体。程序自动使用本机安装的字体，"
            "没有时用免费字体代替；也可以为某一用途指定字体文件（只能用 TrueType 字体 .ttf/.ttc）。"
            "字体总是嵌入 PDF，缺少的个别字会自动改用其他字体。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = PagingTableModel(COLUMNS)
        self.view = QtWidgets.QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        layout.addWidget(self.view, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        bar = QtWidgets.QHBoxLayout()
        self.choose_button = QtWidgets.QPushButton(self.tr("选择字体文件…"))
        self.reset_button = QtWidgets.QPushButton(self.tr("恢复自动选择"))
        self.preview_button = QtWidgets.QPushButton(self.tr("预览样张"))
        bar.addWidget(self.choose_button)
        bar.addWidget(self.reset_button)
        bar.addStretch(1)
        bar.addWidget(self.preview_button)
        layout.addLayout(bar)
        self.choose_button.clicked.connect(self.choose_file)
        self.reset_button.clicked.connect(self.reset_role)
        self.preview_button.clicked.connect(self.preview)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.preview_dialog = None
        self.refresh()

    def refresh(self) -> None:
        """Read the report in the background: the first look at the fonts loads the font files."""
        run_task(self, self.tr("正在查找字体…"), lambda _h: fonts.font_report(), self._show,
                 on_error=lambda err: show_inline_error(self.error, str(err)), cancellable=False)

    def _show(self, rows: list[dict]) -> None:
        selected = self.selected_role()
        self.rows = rows
        self.model.set_source(ListSource(rows))
        self.view.resizeColumnsToContents()
        for i, row in enumerate(rows):
            if row["role"] == selected:
                self.view.selectRow(i)
        self._update_buttons()

    def selected_role(self) -> str | None:
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row["role"] if row else None

    def _update_buttons(self, *_args) -> None:
        role = self.selected_role()
        row = next((r for r in self.rows if r["role"] == role), None)
        self.choose_button.setEnabled(row is not None)
        self.reset_button.setEnabled(row is not None and bool(row["setting"]))

    def _store(self, role: str, value: str) -> bool:
        try:
            settings.set_many(self.actor, {setting_key(role): value})
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return False
        show_inline_error(self.error, None)
        fonts.reload()
        announce("setting")
        self.refresh()
        return True

    def choose_file(self) -> None:
        role = self.selected_role()
        if role is None:
            return
        path, _ = file_dialogs.get_open_file_name(
            self, self.tr("选择字体文件"), "", self.tr("TrueType 字体 (*.ttf *.ttc *.TTF *.TTC);;所有文件 (*)"))
        if path and self._store(role, path):
            messages.info(self, self.tr("打印字体"), self.tr("已设置字体文件：") + path)

    def reset_role(self) -> None:
        role = self.selected_role()
        if role is not None:
            self._store(role, "")

    def preview(self) -> None:
        from app.printing import render_docx, render_pdf
        from app.printing.samples import sample_letter
        from ui.printing.preview import PreviewDialog
        sample = sample_letter()
        self.preview_dialog = PreviewDialog(render_pdf(sample), self.tr("样张"), "样张.pdf",
                                            docx_factory=lambda: render_docx(sample), parent=self)
        self.preview_dialog.show()
