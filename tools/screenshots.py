"""Screenshots for the README: the program on a demo database at 1366×768, every tab and main dialog as the roles
that use them, saved as PNG files.

    Xvfb :17 -screen 0 1366x768x24 &
    DISPLAY=:17 PYTHONPATH=. .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--requests 300]

A new demo database is made in a temporary folder (``python -m app demo``); nothing else is touched. The script
refuses a screen that is not 1366×768, so that the pictures show what an office's smallest screen shows.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)
# (role, user, [(tab, picture name)]): a tab is a main tab's title, "main/sub" for a tab inside it, or
# "main#section" for a section further down the 工作台.
ROLES = [
    ("clerk", "zhangming", [("工作台", "dashboard"), ("依申请公开/申请登记簿", "requests"),
                            ("依申请公开/行政复议·诉讼", "review-cases"), ("发布审核/信息登记簿", "items"),
                            ("发布审核/公开目录", "catalogue")]),
    ("head", "lihua", [("发布审核", "review-queue"), ("年度报告", "annual-report")]),
    ("secrecy", "sunli", [("工作台", "dashboard"), ("发布审核", "review-queue")]),
    ("leader", "wangqiang", [("工作台", "dashboard"), ("工作台#统计图表", "charts"), ("年度报告", "annual-report"),
                              ("举报投诉", "complaints"), ("监督员", "supervisors"), ("考核评议", "assessment")]),
    ("supervisor", "zhaomin", [("工作台", "dashboard"), ("档案查阅", "archive")]),
    ("admin", "admin", [("系统管理/用户和角色", "users"), ("系统管理/系统设置", "settings"), ("系统管理/节假日", "calendar"),
                        ("系统管理/备份与恢复", "backup"), ("审计日志", "audit")]),
]


def _names(tabs) -> list[str]:
    return [tabs.tabText(i).split("（")[0] for i in range(tabs.count())]


def _select(window, path: str):
    """Show the tab ``path`` ("main", "main/sub" or "main#section" for a dashboard section); returns its page."""
    from ui.qt import QtWidgets
    main, _, rest = path.partition("/")
    main, _, section = main.partition("#")
    page = window.show_record(main)
    if page is None:
        raise SystemExit(f"{path}: 该用户看不到此选项卡")
    if rest:
        tabs = page if isinstance(page, QtWidgets.QTabWidget) else page.findChild(QtWidgets.QTabWidget)
        tabs.setCurrentIndex(_names(tabs).index(rest))
    if section:
        widget = page.sections[section]
        page.findChild(QtWidgets.QScrollArea).ensureWidgetVisible(widget, 0, 0)
        area = page.findChild(QtWidgets.QScrollArea)
        area.verticalScrollBar().setValue(widget.parentWidget().mapTo(area.widget(), widget.pos()).y() - 30)
    return page


def _shoot(app, out: Path, name: str) -> None:
    from ui.qt import QtCore
    for _ in range(5):
        app.processEvents()
        QtCore.QThread.msleep(40)
    picture = app.primaryScreen().grabWindow(0)
    picture.save(str(out / f"{name}.png"), "PNG")
    print(out / f"{name}.png")


def _dialogs(app, window, actor, out: Path) -> None:
    """The clerk's main dialogs, over the main window."""
    from app.requests import detail, query
    from app.requests.query import RegisterFilter
    from ui.requests.decision_dialog import DecisionDialog
    from ui.requests.notice_dialog import NoticeDialog
    from ui.requests.register_dialog import RegisterDialog
    from ui.publication.dialogs import new_item_dialog
    from ui.help import GuideDialog
    open_row = query.fetch(actor, RegisterFilter(states=("processing",)), 0, 1)[0]
    d = detail.detail(actor, open_row["id"])
    window.show_request(open_row["id"])
    _shoot(app, out, "clerk-request-detail")
    search = window.open_search("危房改造")
    _shoot(app, out, "clerk-search")
    search.close()
    for name, dialog in (("clerk-register-dialog", RegisterDialog(actor, parent=window)),
                         ("clerk-decision-dialog", DecisionDialog(actor, d, parent=window)),
                         ("clerk-notice-dialog", NoticeDialog(actor, d, parent=window)),
                         ("clerk-new-item-dialog", new_item_dialog(actor, window)),
                         ("clerk-guide", GuideDialog(window))):
        dialog.show()
        _shoot(app, out, name)
        dialog.close()
        dialog.deleteLater()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        print("请在 Xvfb 的显示上运行（DISPLAY=:17），不要用 offscreen", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data_dir = tempfile.mkdtemp(prefix="zwgk-screens-")
    from app import demo, users
    from app.workspace import open_workspace
    from db.models import User
    from ui.application import create_application, dispose_window
    from ui.main_window import MainWindow
    from ui.qt import QtCore
    # Window placement goes to the temporary folder, never into the user's own settings; each window starts as on
    # a first start.
    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.IniFormat)
    QtCore.QSettings.setPath(QtCore.QSettings.IniFormat, QtCore.QSettings.UserScope, data_dir)
    app = create_application()
    screen = app.primaryScreen().geometry()
    if (screen.width(), screen.height()) != SIZE:
        print(f"屏幕是 {screen.width()}×{screen.height()}，应为 1366×768", file=sys.stderr)
        return 2
    open_workspace(data_dir, None)
    result = demo.fill(args.requests, 1)
    print(f"演示数据：{result.requests} 件申请", file=sys.stderr)
    for role, username, tabs in ROLES:
        actor = users.actor_for(User.get(User.username == (result.admin_username or username) if role == "admin"
                                         else User.username == username))
        QtCore.QSettings().clear()
        window = MainWindow(actor, "zhengwu.db（演示数据）")
        window.show()
        for path, name in tabs:
            _select(window, path)
            _shoot(app, out, f"{role}-{name}")
        if role == "clerk":
            _dialogs(app, window, actor, out)
        window.close()
        dispose_window(window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
