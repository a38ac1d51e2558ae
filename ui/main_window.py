"""The main window: one tab per area of work, shown to the users whose roles need it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app import APP_NAME, __version__, office
from app.actor import Actor
from ui.events import bus, on_change
from ui.login import ChangePasswordDialog
from ui import messages
from ui.qt import QtCore, QtGui, QtWidgets
from ui import widgets
from ui.widgets import FRAME_ALLOWANCE, fit_to_screen, fitted_size, remember_tab


@dataclass(frozen=True)
class TabSpec:
    title: str
    factory: Callable[[Actor], QtWidgets.QWidget]
    visible: Callable[[Actor], bool]
    count: Callable[[Actor], int] | None = None  # shown on the tab before its page is built (“发布审核（3）”)


class LazyTab(QtWidgets.QWidget):
    """Builds its page the first time the tab is shown, so that start-up does not load every page."""

    def __init__(self, factory: Callable[[], QtWidgets.QWidget], parent=None):
        super().__init__(parent)
        self._factory = factory
        self.page: QtWidgets.QWidget | None = None
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QtWidgets.QWidget:
        if self.page is None:
            self.page = self._factory()
            self._layout.addWidget(self.page)
        return self.page


class TabbedArea(QtWidgets.QTabWidget):
    """A tab widget whose pages are built lazily and only for the users allowed to see them."""

    def __init__(self, actor: Actor, specs: list[TabSpec], parent=None):
        super().__init__(parent)
        self.actor = actor
        for spec in specs:
            if spec.visible(actor):
                n = spec.count(actor) if spec.count else 0
                self.addTab(LazyTab(lambda s=spec: s.factory(actor)), f"{spec.title}（{n}）" if n else spec.title)
        self.currentChanged.connect(self._build)
        self._build(self.currentIndex())

    def _build(self, index: int) -> None:
        tab = self.widget(index)
        if isinstance(tab, LazyTab):
            tab.ensure_built()


def _admin_area(actor: Actor) -> QtWidgets.QWidget:
    from ui.admin.calendar_page import CalendarPage
    from ui.admin.fonts_page import FontsPage
    from ui.admin.office_page import OfficePage
    from ui.admin.settings_page import SettingsPage
    from ui.admin.users_page import UsersPage
    from ui.admin.backup_page import BackupPage
    return TabbedArea(actor, [
        TabSpec("用户和角色", UsersPage, lambda a: a.can("user.manage")),
        TabSpec("机关信息", OfficePage, lambda a: a.can("office.edit")),
        TabSpec("系统设置", SettingsPage, lambda a: a.can("settings.manage")),
        TabSpec("节假日", CalendarPage, lambda a: a.can("calendar.manage")),
        TabSpec("打印字体", FontsPage, lambda a: a.can("settings.manage")),
        TabSpec("备份与恢复", BackupPage, lambda a: a.can("database.backup")),
        TabSpec("公开指南", _guide_area, lambda a: a.can("guide.view")),
    ])


def _guide_area(actor: Actor) -> QtWidgets.QWidget:
    from ui.guide import GuideArea
    return GuideArea(actor)


def _dashboard(actor: Actor) -> QtWidgets.QWidget:
    from ui.dashboard import DashboardPage
    return DashboardPage(actor)


def _annual_report(actor: Actor) -> QtWidgets.QWidget:
    from ui.events import open_request
    from ui.report.annual_page import AnnualReportPage
    page = AnnualReportPage(actor)
    page.open_request.connect(open_request)  # a report cell's request opens in the register
    return page



def _audit_page(actor: Actor) -> QtWidgets.QWidget:
    from ui.audit_page import AuditPage
    return AuditPage(actor)


def _requests_area(actor: Actor) -> QtWidgets.QWidget:
    from ui.requests.area import RequestsArea
    return RequestsArea(actor)


def _publication(actor: Actor) -> QtWidgets.QWidget:
    from ui.publication.page import PublicationPage
    return PublicationPage(actor)


def _publication_count(actor: Actor) -> int:
    from app.publication.query import queue_count
    return queue_count(actor)


def _supervisors(actor: Actor) -> QtWidgets.QWidget:
    from ui.supervisors.page import SupervisorsPage
    return SupervisorsPage(actor)


def _archive(actor: Actor) -> QtWidgets.QWidget:
    from ui.supervisors.archive_page import ArchivePage
    return ArchivePage(actor)


def _staff(actor: Actor) -> bool:
    """A 监督员 reads the closed records in 档案查阅, not the registers the office works in."""
    return not actor.current_roles <= {"supervisor"}


def _reads_the_archive(actor: Actor) -> bool:
    """档案查阅 is the supervisors' view (the staff work in their registers); a user who may read none of it has none."""
    from app.modules import archive_views
    return actor.can("supervisor.submit") and bool(archive_views(actor))


def _complaints(actor: Actor) -> QtWidgets.QWidget:
    from ui.complaints.page import ComplaintsPage
    return ComplaintsPage(actor)


def _assessment(actor: Actor) -> QtWidgets.QWidget:
    from ui.assessment.page import AssessmentPage
    return AssessmentPage(actor)


def main_tabs() -> list[TabSpec]:
    """The main window's tabs, in order. Modules add theirs here when their issue lands."""
    return [
        TabSpec("工作台", _dashboard, lambda a: True),
        TabSpec("依申请公开", _requests_area, lambda a: a.can("request.view") and _staff(a)),
        TabSpec("年度报告", _annual_report, lambda a: a.can("report.view") and _staff(a)),
        TabSpec("发布审核", _publication, lambda a: a.can("publication.view") and _staff(a), _publication_count),
        TabSpec("举报投诉", _complaints, lambda a: a.can("complaint.view") and _staff(a)),
        TabSpec("档案查阅", _archive, _reads_the_archive),
        TabSpec("监督员", _supervisors, lambda a: a.can("supervisor.view") or a.can("archive.access_log")),
        TabSpec("考核评议", _assessment, lambda a: a.can("assessment.view")),
        TabSpec("系统管理", _admin_area,
                lambda a: a.can("user.manage") or a.can("office.edit") or a.can("settings.manage")
                or a.can("calendar.manage") or a.can("database.backup") or a.can("guide.view")),
        TabSpec("审计日志", _audit_page, lambda a: a.can("audit.view")),
    ]


# Where the screen allows; a 1366×768 screen gets its available area less the frame, and the register then has the
# whole width beside the detail pane.
FIRST_SIZE = QtCore.QSize(1440, 900)


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, actor: Actor, database_label: str = "", parent=None):
        super().__init__(parent)
        self.actor = actor
        self.logout_requested = False
        self.tabs = TabbedArea(actor, main_tabs())
        if self.tabs.count() == 0:
            empty = QtWidgets.QLabel(self.tr("您的账户还没有可用的功能，请联系管理员分配角色。"))
            empty.setMargin(40)
            self.setCentralWidget(empty)
        else:
            self.setCentralWidget(self.tabs)
        self._build_menus()
        self._build_search()
        self.user_label = QtWidgets.QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        if database_label:
            self.statusBar().addPermanentWidget(QtWidgets.QLabel(self.tr("数据库：") + database_label))
        on_change(self, ("office",), self._update_title)
        bus.open_request.connect(self.show_request)
        bus.open_record.connect(self.show_record)
        self._update_title()
        fit_to_screen(self, FIRST_SIZE.width(), FIRST_SIZE.height(), self.available())  # sized and placed on it
        remember_tab(self.tabs, "main_window")
        geometry = QtCore.QSettings().value("main_window/geometry")
        if geometry is not None:  # window placement is the only thing kept outside the database
            self.restoreGeometry(geometry)
            if not self.available().contains(self.frameGeometry()):  # saved on a larger screen
                self.resize(self.first_size())
                self.move(self.available().topLeft())

    # Room for the window frame (title bar, borders), which the window manager adds around the size asked for.
    FRAME_MARGIN = FRAME_ALLOWANCE

    def available(self) -> QtCore.QRect:
        return widgets.available_geometry(self)  # looked up when called, so that tests can fake the screen

    def first_size(self) -> QtCore.QSize:
        """``FIRST_SIZE`` where the screen allows, otherwise the available area less the frame."""
        return fitted_size(FIRST_SIZE.width(), FIRST_SIZE.height(), self.available())

    def closeEvent(self, event) -> None:
        QtCore.QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)

    def show_request(self, request_id: int) -> None:
        """Switch to the 依申请公开 tab and select the request there."""
        self.show_record("依申请公开", request_id)

    def show_record(self, tab: str, record_id: int = 0) -> QtWidgets.QWidget | None:
        """Switch to the tab titled ``tab`` (its count in brackets aside) and, when ``record_id``, show that record
        there: the tab's page offers ``show_record(record_id)``. Returns the page (None: no such tab for this user)."""
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).split("（")[0] == tab:
                self.tabs.setCurrentIndex(i)
                page = self.tabs.widget(i).ensure_built()
                if record_id and hasattr(page, "show_record"):
                    page.show_record(record_id)
                return page
        return None

    def _build_search(self) -> None:
        """一站式搜索: a field on the tool bar (Ctrl+K goes there); Enter shows the hits across the modules."""
        bar = self.addToolBar(self.tr("搜索"))
        bar.setObjectName("searchBar")
        bar.setMovable(False)
        self.search_field = QtWidgets.QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(self.tr("搜索申请、信息……（Ctrl+K）"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(420)
        self.search_field.returnPressed.connect(lambda: self.open_search(self.search_field.text()))
        bar.addWidget(self.search_field)
        bar.addAction(self.tr("搜索")).triggered.connect(lambda: self.open_search(self.search_field.text()))
        shortcut = QtGui.QShortcut(QtGui.QKeySequence("Ctrl+K"), self)
        shortcut.activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self.search_field.setFocus(QtCore.Qt.ShortcutFocusReason)
        self.search_field.selectAll()

    def open_search(self, text: str = ""):
        from ui.search import SearchPanel
        panel = SearchPanel(self.actor, text.strip(), self)
        panel.setAttribute(QtCore.Qt.WA_DeleteOnClose)
        self.search_panel = panel
        panel.open()
        return panel

    def _update_title(self) -> None:
        profile = office.get_profile() or {}
        name = profile.get("name", "")
        # the platform appends the display name (政务公开工作台) to a title that does not end with it
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)
        roles = self.actor.role_names or "—"
        self.user_label.setText(f"当前用户：{self.actor.display_name}（{roles}）")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        quit_action = file_menu.addAction(self.tr("退出(&Q)"))
        quit_action.setShortcut(QtGui.QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        account = bar.addMenu(self.tr("账户(&A)"))
        if self.actor.user_id is not None:
            account.addAction(self.tr("修改密码…")).triggered.connect(self.change_password)
        account.addAction(self.tr("注销")).triggered.connect(self.logout)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        guide = help_menu.addAction(self.tr("使用指南(&G)"))
        guide.setShortcut(QtGui.QKeySequence.HelpContents)
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(self.tr("台账模板(&T)…")).triggered.connect(self.save_ledger_template)
        help_menu.addSeparator()
        help_menu.addAction(self.tr("关于")).triggered.connect(self.about)

    def change_password(self) -> None:
        if ChangePasswordDialog(self.actor, parent=self).exec():
            messages.info(self, self.tr("修改密码"), self.tr("密码已修改。"))

    def logout(self) -> None:
        self.logout_requested = True
        self.close()

    def show_guide(self) -> None:
        from ui.help import GuideDialog
        dialog = GuideDialog(self)
        dialog.exec()
        dialog.deleteLater()

    def save_ledger_template(self) -> str:
        from ui.help import save_ledger_template
        return save_ledger_template(self)

    def about(self) -> None:
        messages.info(self, self.tr("关于"), f"{APP_NAME} {__version__}\n政府信息公开工作的桌面程序。")

    def visit_all_tabs(self, process_events: Callable[[], None]) -> int:
        """Show every tab and sub-tab once (used by the smoke test); returns how many pages were shown."""
        shown = 0

        def visit(area: QtWidgets.QTabWidget) -> None:
            nonlocal shown
            for i in range(area.count()):
                area.setCurrentIndex(i)
                process_events()
                shown += 1
                tab = area.widget(i)
                page = tab.page if isinstance(tab, LazyTab) else tab
                for child in ([page] if isinstance(page, QtWidgets.QTabWidget) else
                              page.findChildren(QtWidgets.QTabWidget) if page else []):
                    visit(child)

        visit(self.tabs)
        return shown
