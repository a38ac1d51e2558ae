"""Opening the program: Qt application, translations and style, database, first-run wizard, login, main window."""
from __future__ import annotations

import gc
import logging
import sys
from importlib.resources import as_file
from typing import Callable

from app import APP_ID, APP_NAME, __version__, logs, office, users
from app.actor import Actor
from app.errors import ServiceError, storage_message
from app.paths import default_data_dir
from app.resources import resource
from app.workspace import DatabaseTooNew, open_workspace

from ui import messages, tasks
from ui.qt import QtCore, QtGui, QtWidgets


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance()
    if app is None:
        app = QtWidgets.QApplication(argv if argv is not None else sys.argv[:1])
    QtCore.qInstallMessageHandler(_qt_message)
    set_identity(app)
    install_translations(app)
    app.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))
    with as_file(resource("icons/app.svg")) as icon:
        app.setWindowIcon(QtGui.QIcon(QtGui.QIcon(str(icon)).pixmap(256)))
    return app


def set_identity(app: QtCore.QCoreApplication) -> None:
    """Who the program is to the system: a stable ASCII name (the QSettings file, the log's folder on other
    platforms), the Chinese name in window titles, and the desktop entry (packaging/…/zhengwu-gongkai.desktop) that
    gives the window its icon and task-bar group on Linux desktops."""
    app.setOrganizationName("ZhengwuGongkai")
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    if isinstance(app, QtGui.QGuiApplication):
        app.setApplicationDisplayName(APP_NAME)
        app.setDesktopFileName(APP_ID)


# Messages of Qt's platform plugins that say nothing to the office (the offscreen plugin used by tests and smoke).
_QUIET = ("propagateSizeHints",)
_qt_log = logging.getLogger("qt")


def _qt_message(mode, context, message) -> None:
    """Qt's own warnings go to the program's log (the windowed build has no console to print them on)."""
    if any(q in message for q in _QUIET):
        return
    level = {QtCore.QtMsgType.QtDebugMsg: logging.DEBUG, QtCore.QtMsgType.QtInfoMsg: logging.INFO,
             QtCore.QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    _qt_log.log(level, "%s%s", message, where)


class GarbageCollector(QtCore.QObject):
    """Python's cyclic garbage collector runs in the GUI thread only.

    Left to itself the collector runs in whichever thread happens to allocate, often a worker building a report; if
    the garbage then holds Qt objects (a closed window's widgets), they are destroyed in that worker and the program
    crashes. So automatic collection is switched off and this timer collects in the GUI thread instead (the same
    approach as Anki's ``aqt.mw.GarbageCollector``)."""

    INTERVAL_MS = 1000

    def __init__(self, parent: QtCore.QObject):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                return

    def collect_all(self) -> None:
        gc.collect()


def install_garbage_collector(app: QtWidgets.QApplication) -> GarbageCollector:
    collector = getattr(app, "_garbage_collector", None)
    if collector is None:
        collector = app._garbage_collector = GarbageCollector(app)
    return collector


def install_translations(app: QtWidgets.QApplication) -> None:
    """Qt's own zh_CN translations, so that standard dialogs and buttons speak Chinese too."""
    if getattr(app, "_zh_translators", None):
        return
    QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Chinese, QtCore.QLocale.China))
    path = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.TranslationsPath)
    translators = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        tr = QtCore.QTranslator(app)
        if tr.load(name, path):
            app.installTranslator(tr)
            translators.append(tr)
    app._zh_translators = translators


def unexpected_error_text(reference: str) -> str:
    where = logs.current_log_file()
    return ("程序出现了意外错误，刚才的操作可能没有完成（已保存的数据不受影响）。\n\n"
            f"参考编号：{reference}\n"
            + (f"错误经过已记入运行日志：{where}\n" if where else "")
            + "如需技术支持，请告知上面的参考编号并提供该日志文件。")


def install_error_hook() -> None:
    """An error nobody expected: written with its traceback and a reference number to the program's log, and told
    to the user in plain words with that number, instead of vanishing into a console nobody reads."""

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            return
        value = value if value is not None else kind()
        value.__traceback__ = tb
        reference = logs.log_unexpected(value, "窗口")
        message = storage_message(value)
        try:
            if message:
                messages.error(None, APP_NAME, f"数据库错误：{message}\n\n参考编号：{reference}")
            else:
                messages.error(None, APP_NAME, unexpected_error_text(reference))
        except Exception:  # noqa: BLE001 - a dialog that cannot be shown must not raise inside the hook
            logging.getLogger(__name__).exception("无法显示错误对话框")

    sys.excepthook = hook


def dispose_window(window: QtWidgets.QWidget) -> None:
    """Destroy a closed main window now, in the GUI thread: Qt deletes it and its pages, then the garbage left
    behind is collected here, so that nothing of it is left for a worker thread to free later (a crash)."""
    from ui.events import bus
    try:
        bus.open_request.disconnect(window.show_request)
    except (RuntimeError, TypeError, AttributeError):
        pass
    window.hide()
    window.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.DeferredDelete)
    QtCore.QCoreApplication.processEvents()
    gc.collect()


def run_sessions(login: Callable[[], Actor | None], database_label: str) -> int:
    """Log in, show the main window until it is closed; after 注销 log in again. ``login`` returns the actor or
    None when the user gave up."""
    from ui.admin.backup_page import backup_at_exit, backup_if_due
    from ui.main_window import MainWindow
    from ui.storage_notice import add_read_only_banner, watch_background_check
    app = QtWidgets.QApplication.instance()
    install_garbage_collector(app)
    try:
        while True:
            actor = login()
            if actor is None:
                return 0
            window = MainWindow(actor, database_label)
            add_read_only_banner(window)
            watch_background_check(window)
            window.show()
            backup_if_due(window)
            app.exec()
            again = window.logout_requested
            dispose_window(window)
            del window
            if not again:
                problem = backup_at_exit()
                if problem:
                    messages.warning(None, APP_NAME, f"退出时的备份没有完成：{problem}")
                return 0
    finally:
        tasks.shutdown()


def _login_dialog() -> Actor | None:
    from ui.login import ChangePasswordDialog, LoginDialog
    while True:
        login = LoginDialog((office.get_profile() or {}).get("name", ""))
        if not login.exec():
            return None
        actor = login.actor
        if users.must_change_password(actor) and not ChangePasswordDialog(actor, forced=True).exec():
            continue
        return actor


def run_gui(data_dir: str | None, url: str | None) -> int:
    app = create_application()
    logs.configure(data_dir or default_data_dir())
    install_error_hook()
    try:
        ws = open_workspace(data_dir, url)
    except DatabaseTooNew as err:
        messages.error(None, APP_NAME, str(err))
        return 3
    except ServiceError as err:  # e.g. the shared folder of a server database cannot be reached
        messages.error(None, APP_NAME, str(err))
        return 4
    except Exception as err:  # noqa: BLE001 - known storage failures are told plainly; the rest is a bug
        text = storage_message(err)
        if text is None:
            raise
        logging.getLogger(__name__).warning("无法打开数据库：%s", err)
        messages.error(None, APP_NAME, f"无法打开数据库：{text}\n\n（{err}）")
        return 4
    from ui.storage_notice import install_lock_wait_notice
    install_lock_wait_notice()
    if ws.upgraded:
        messages.info(None, APP_NAME, f"数据库已从版本 {ws.migration.from_version} 升级到 {ws.migration.to_version}。\n"
                                      f"升级前的数据库已备份到：\n{ws.migration.backup_path}")
    for notice in ws.notices:
        messages.warning(None, APP_NAME, notice)
    first_actor = None
    if not office.is_set_up():
        from ui.first_run import FirstRunWizard
        wizard = FirstRunWizard()
        if not wizard.exec():
            return 0
        first_actor = wizard.actor  # the new administrator is logged in straight away
    label = str(ws.data_dir.database_file) if ws.url.startswith("sqlite") else ws.url.split("@")[-1]
    logging.getLogger(__name__).info("程序启动，数据库 %s", label)

    def login() -> Actor | None:
        nonlocal first_actor
        actor, first_actor = first_actor, None
        return actor or _login_dialog()

    return run_sessions(login, label)
