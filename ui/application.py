"""Opening the program: Qt application, translations and style, database, first-run wizard, login, main window."""
from __future__ import annotations

import sys
from pathlib import Path

from app import APP_NAME, office, users
from app.errors import storage_message
from app.workspace import DatabaseTooNew, open_workspace

from ui import messages
from ui.qt import QtCore, QtGui, QtWidgets

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance()
    if app is None:
        app = QtWidgets.QApplication(argv if argv is not None else sys.argv[:1])
    QtCore.qInstallMessageHandler(_qt_message)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ZhengwuGongkai")
    install_translations(app)
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    icon = RESOURCES / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QtGui.QIcon(str(icon)))
    return app


# Messages of Qt's platform plugins that say nothing to the office (the offscreen plugin used by tests and smoke).
_QUIET = ("propagateSizeHints",)


def _qt_message(mode, context, message) -> None:
    if any(q in message for q in _QUIET):
        return
    sys.stderr.write(message + "\n")


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


def install_error_hook(log_dir: Path) -> None:
    """An error nobody expected: written with its traceback to ``logs/error.log`` in the data directory, and told to
    the user in plain words instead of vanishing into a console nobody reads."""
    import datetime as dt
    import traceback

    def hook(kind, value, tb):
        text = "".join(traceback.format_exception(kind, value, tb))
        log_dir.mkdir(parents=True, exist_ok=True)
        with open(log_dir / "error.log", "a", encoding="utf-8") as fh:
            fh.write(f"---- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n{text}")
        message = storage_message(value)
        if message:
            messages.error(None, APP_NAME, f"数据库错误：{message}\n\n（{value}）")
        else:
            messages.error(None, APP_NAME, f"程序出现了意外错误，刚才的操作可能没有完成（已保存的数据不受影响）。\n"
                                           f"错误记录已写入：{log_dir / 'error.log'}\n请将该文件交给技术支持。\n\n{value}")

    sys.excepthook = hook


def run_gui(data_dir: str | None, url: str | None) -> int:
    app = create_application()
    try:
        ws = open_workspace(data_dir, url)
    except DatabaseTooNew as err:
        messages.error(None, APP_NAME, str(err))
        return 3
    except Exception as err:  # noqa: BLE001 - known storage failures are told plainly; the rest is a bug
        text = storage_message(err)
        if text is None:
            raise
        messages.error(None, APP_NAME, f"无法打开数据库：{text}\n\n（{err}）")
        return 4
    install_error_hook(ws.data_dir.root / "logs")
    from ui.admin.backup_page import backup_at_exit, backup_if_due
    from ui.storage_notice import add_read_only_banner, install_lock_wait_notice
    install_lock_wait_notice()
    if ws.upgraded:
        messages.info(None, APP_NAME, f"数据库已从版本 {ws.migration.from_version} 升级到 {ws.migration.to_version}。\n"
                                      f"升级前的数据库已备份到：\n{ws.migration.backup_path}")
    if not office.is_set_up():
        from ui.first_run import FirstRunWizard
        wizard = FirstRunWizard()
        if not wizard.exec():
            return 0
    from ui.login import ChangePasswordDialog, LoginDialog
    from ui.main_window import MainWindow
    label = str(ws.data_dir.database_file) if ws.url.startswith("sqlite") else ws.url.split("@")[-1]
    while True:
        login = LoginDialog((office.get_profile() or {}).get("name", ""))
        if not login.exec():
            return 0
        actor = login.actor
        if users.must_change_password(actor) and not ChangePasswordDialog(actor, forced=True).exec():
            continue
        window = MainWindow(actor, label)
        add_read_only_banner(window)
        window.show()
        backup_if_due(window)
        app.exec()
        if not window.logout_requested:
            problem = backup_at_exit()
            if problem:
                messages.warning(None, APP_NAME, f"退出时的备份没有完成：{problem}")
            return 0
