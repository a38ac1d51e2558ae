"""The 发布审核 tab: 待我审核 (the items waiting for this user's signature, with the count) and the item register
(filters, full-text search, sorting, paging, xlsx export), each with the detail pane of the selected item."""
from __future__ import annotations

from app import clock
from app.publication import catalog, query, stages
from app.publication.query import ItemFilter
from ui.events import announce, on_change
from ui.models.paging import Column, PagingTableModel
from ui.publication.detail_pane import ItemDetailPane
from ui.qt import QtCore, QtGui, QtWidgets
from ui import record_pane
from ui.record_pane import (debounce_search, legend, list_beside_detail, load_register, on_current_record,
                            register_table, select_record)
from ui.widgets import remember_splitter

URGENT = {"overdue": QtGui.QColor("#f8d7da"), "soon": QtGui.QColor("#fff3cd")}

COLUMNS = [
    Column("number", "编号", "number", 120),
    Column("title", "标题", "title", 260, tooltip=lambda r: r["title"]),
    Column("unit", "制作科室", "unit", 90),
    Column("kind_label", "类型", "kind", 80),
    Column("stage_label", "环节", "stage", 80),
    Column("due_text", "期限", "publish_due", 200),
    Column("drafter_name", "起草人", None, 70),
    Column("formed_date", "成文日期", "formed_date", 95),
    Column("index_number", "索引号", "index_number", 150),
    Column("published_date", "发布日期", "published_date", 95),
]


# Shown from the header's menu (right click); the detail pane shows them for the selected item.
HIDDEN_AT_FIRST = ("drafter_name", "formed_date", "index_number", "published_date")

CATALOGUE_COLUMNS = [
    Column("index_number", "索引号", "index_number", 150),
    Column("number", "编号", "number", 120),
    Column("title", "标题", "title", 260, tooltip=lambda r: r["title"]),
    Column("category", "公开目录类别", "category", 100),
    Column("unit", "制作科室", "unit", 90),
    Column("published_date", "发布日期", "published_date", 95),
    Column("channel", "发布渠道", None, 80),
]


def item_model(parent=None, columns=None) -> PagingTableModel:
    model = PagingTableModel(columns or COLUMNS, parent=parent)
    model.set_default_sort(None)
    model.row_background = lambda r: URGENT.get(r.get("urgency"))
    return model


class ItemFilterBar(QtWidgets.QWidget):
    changed = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索标题、正文、文号、编号或索引号"))
        self.search.setClearButtonEnabled(True)
        self.stage = QtWidgets.QComboBox()
        self.stage.addItem(self.tr("全部环节"), ())
        self.stage.addItem(self.tr("审核中"), tuple(s.code for c in stages.CHAINS.values() for s in c)
                           + (stages.PARKED.code,))
        for s in (stages.DRAFT, stages.RETURNED, *stages.CHAINS["default"], *stages.FIXED[2:]):
            self.stage.addItem(s.label, (s.code,))
        self.kind = QtWidgets.QComboBox()
        self.kind.addItem(self.tr("全部类型"), None)
        for code, label in catalog.KINDS.items():
            self.kind.addItem(label, code)
        self.due = QtWidgets.QComboBox()
        self.due.addItem(self.tr("不限期限"), None)
        self.due.addItem(self.tr("主动公开临近期限"), "soon")
        self.due.addItem(self.tr("主动公开已逾期"), "overdue")
        # the 公开目录's own filters: year of publication and category
        self.year = QtWidgets.QComboBox()
        for y in range(clock.today().year, 2007, -1):
            self.year.addItem(f"{y}年", y)
        self.category = QtWidgets.QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for c in catalog.categories():
            self.category.addItem(c, c)
        for w in (self.search, self.stage, self.kind, self.due, self.year, self.category):
            row.addWidget(w, 3 if w is self.search else 1)
        self.set_catalogue(False)
        debounce_search(self, self.search, self.changed, (self.stage, self.kind, self.due, self.year, self.category))

    def set_catalogue(self, catalogue: bool) -> None:
        self.catalogue = catalogue
        for w in (self.stage, self.due):
            w.setVisible(not catalogue)
        for w in (self.year, self.category):
            w.setVisible(catalogue)

    def value(self, queue_of=None) -> ItemFilter:
        if self.catalogue:
            return query.catalogue_filter(self.year.currentData(), self.category.currentData(),
                                          self.search.text().strip())
        return ItemFilter(stages=tuple(self.stage.currentData() or ()), kind=self.kind.currentData(),
                          due=self.due.currentData(), text=self.search.text().strip(), queue_of=queue_of)


class ItemRegister(QtWidgets.QWidget):
    """A list of items (all, or 待我审核 with ``queue``) with the detail pane of the selected one."""
    totalChanged = QtCore.Signal(int)

    def __init__(self, actor, queue: bool = False, catalogue: bool = False, parent=None):
        super().__init__(parent)
        self.actor, self.queue, self.catalogue = actor, queue, catalogue
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(self.tr("起草信息…"))
        self.new_button.setVisible(actor.can("publication.draft") and not (queue or catalogue))
        self.export_button = QtWidgets.QPushButton(self.tr("导出 Excel…"))
        self.export_button.setVisible(actor.can("publication.export") and not (queue or catalogue))
        self.catalogue_button = QtWidgets.QPushButton(self.tr("导出公开目录…"))
        self.catalogue_button.setVisible(actor.can("publication.export") and catalogue)
        for b in (self.new_button, self.export_button, self.catalogue_button):
            bar.addWidget(b)
        self.filters = ItemFilterBar()
        self.filters.set_catalogue(catalogue)
        bar.addWidget(self.filters, 1)
        self.count_label = QtWidgets.QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        columns = CATALOGUE_COLUMNS if catalogue else COLUMNS
        self.model = item_model(self, columns)
        key = "catalogue" if catalogue else "item_queue" if queue else "items"
        keys = [c.key for c in columns]
        self.view = register_table(self.model, keys.index("title"),
                                   [keys.index(k) for k in HIDDEN_AT_FIRST if k in keys and not catalogue], key)
        self.detail = ItemDetailPane(actor)
        self.split = list_beside_detail(self.view, self.detail)
        self.split.setSizes([700, 560])
        layout.addWidget(self.split, 1)
        remember_splitter(self.split, key)
        layout.addWidget(legend(self.tr("黄色：临近期限；红色：已逾期（保密审查5个工作日；主动公开自形成之日起20个工作日，"
                                        "条例第二十六条）。")))
        self.filters.changed.connect(self.refresh)
        on_current_record(self.view, self.model, self.detail.show_item)
        self.new_button.clicked.connect(self.new_item)
        self.export_button.clicked.connect(self.export)
        self.catalogue_button.clicked.connect(self.export_catalogue)
        self.model.totalChanged.connect(self._total)
        self.model.totalPending.connect(lambda: self.count_label.setText(self.tr("正在计数…")))
        on_change(self, ("info_item", "calendar", "setting"), lambda: self.refresh(keep=self.detail.item_id))
        self.refresh()

    def _total(self, n: int) -> None:
        self.count_label.setText(f"共 {n} 条")
        self.totalChanged.emit(n)

    def refresh(self, keep: int | None = None) -> None:
        f, actor = self.filters.value(self.actor if self.queue else None), self.actor
        if not load_register(self, self.model, lambda: query.count(actor, f),
                             lambda o, n, s, d: query.fetch(actor, f, o, n, s, d)):
            return
        if keep and self._find(keep):
            return
        self.detail.show_item(keep if keep and not self.queue else None)

    def select_item(self, item_id: int) -> bool:
        """Select an item in the list (loading pages as needed); the detail pane shows it either way."""
        if not self._find(item_id):
            self.detail.show_item(item_id)
            return False
        return True

    def _find(self, item_id: int) -> bool:
        return select_record(self.view, self.model, item_id)

    def new_item(self) -> None:
        from ui.publication.dialogs import new_item_dialog
        dialog = new_item_dialog(self.actor, self)
        if dialog.exec() and dialog.result_value:
            announce("info_item")
            self.select_item(dialog.result_value["id"])

    def export(self) -> None:
        from app.publication.export import export_items
        f, actor = self.filters.value(), self.actor
        record_pane.export_xlsx(self, self.tr("导出登记簿"), f"发布审核登记簿-{clock.today():%Y%m%d}.xlsx",
                                lambda path: export_items(actor, f, path),
                                lambda n, path: f"已导出 {n} 条信息到\n{path}")

    def export_catalogue(self) -> None:
        from app.publication.export import export_catalogue
        year, actor = self.filters.year.currentData(), self.actor
        record_pane.export_xlsx(self, self.tr("导出公开目录"), f"{year}年公开目录.xlsx",
                                lambda path: export_catalogue(actor, year, path),
                                lambda n, path: f"已导出 {year} 年公开目录 {n} 条到\n{path}")


class PublicationPage(QtWidgets.QWidget):
    """待我审核 first (the count on its tab and on the main tab), then the whole register."""

    TITLE = "发布审核"

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QtWidgets.QTabWidget()
        self.queue = ItemRegister(actor, queue=True)
        self.register = ItemRegister(actor)
        self.catalogue = ItemRegister(actor, catalogue=True)
        self.tabs.addTab(self.queue, "")
        self.tabs.addTab(self.register, self.tr("信息登记簿"))
        self.tabs.addTab(self.catalogue, self.tr("公开目录"))
        layout.addWidget(self.tabs)
        self.queue.totalChanged.connect(self._count)
        self._count(self.queue.model.total)

    def _count(self, n: int) -> None:
        self.tabs.setTabText(0, f"待我审核（{n}）")
        outer = self._main_tabs()
        if outer is not None:
            tabs, index = outer
            tabs.setTabText(index, f"{self.TITLE}（{n}）" if n else self.TITLE)

    def _main_tabs(self):
        """The main window's tab that holds this page, to show the count on it."""
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QtWidgets.QTabWidget):
                for i in range(parent.count()):
                    if parent.widget(i).isAncestorOf(self):
                        return parent, i
            parent = parent.parentWidget()
        return None

    def show_record(self, item_id: int) -> None:
        """Show the item in the register (from the dashboard or the search box)."""
        self.tabs.setCurrentWidget(self.register)
        self.register.select_item(item_id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._count(self.queue.model.total)
