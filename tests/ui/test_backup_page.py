"""系统管理 → 备份与恢复, the read-only banner, the waiting notice, and a full disk while saving a form."""
import datetime as dt

import pytest

from app import backup, settings
from app.actor import system_actor
from app.workspace import open_workspace
from db.connection import close_database, refuse_writes
from db.connection import writes_refused as writes_refused_text
from db.models import Request
from tests.db.test_storage_faults import fill_until_full
from ui.qt import QtWidgets

SYSTEM = system_actor("测试")


@pytest.fixture
def workspace(tmp_path):
    ws = open_workspace(str(tmp_path / "data"))
    yield ws
    close_database()
    refuse_writes(None)


@pytest.fixture
def admin(workspace):
    from app import users
    from db.models import User
    row = users.create_user(SYSTEM, "admin", "管理员", "Passw0rd-2026", ["admin"])
    return users.actor_for(User.get_by_id(row["id"]))


def test_backup_now_lists_the_verified_archive(qtbot, qtmodeltester, admin, workspace, recorded_messages):
    from ui.admin.backup_page import BackupListModel, BackupPage
    page = BackupPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    page.backup_now()
    assert recorded_messages.last()[1] == "备份完成"
    assert "核验通过" in recorded_messages.last()[2]
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 5)).startswith("zhengwu-backup-")
    model = BackupListModel()
    model.reload(workspace.data_dir)
    qtmodeltester.check(model, force_py=True)


def test_settings_are_saved_from_the_page(qtbot, admin, workspace, tmp_path):
    from ui.admin.backup_page import BackupPage
    page = BackupPage(admin)
    qtbot.addWidget(page)
    page.folder.setText(str(tmp_path / "usb"))
    page.keep.setValue(3)
    page.at_exit.setChecked(False)
    page.save_settings()
    assert settings.get("backup.folder") == str(tmp_path / "usb")
    assert settings.get("backup.keep") == 3 and settings.get("backup.at_exit") is False
    page.backup_now()
    assert any((tmp_path / "usb").glob("zhengwu-backup-*.zip"))


def test_a_bad_file_is_refused_in_the_window(qtbot, admin, workspace, tmp_path, recorded_messages):
    from ui.admin.backup_page import BackupPage
    page = BackupPage(admin)
    qtbot.addWidget(page)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a backup")
    before = workspace.data_dir.database_file.read_bytes()
    page.restore(bad)
    kind, title, text = recorded_messages.last()
    assert (kind, title) == ("warning", "不能恢复") and "不是本程序的备份" in text and "没有任何改动" in text
    assert workspace.data_dir.database_file.read_bytes() == before


def test_restore_from_the_window(qtbot, admin, workspace, recorded_messages):
    from app.requests import register
    from tests.db.factories import person
    from ui.admin.backup_page import BackupPage
    good = backup.create(admin, workspace.data_dir).info.path
    register.register(SYSTEM, person())
    window = QtWidgets.QMainWindow()
    page = BackupPage(admin)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    page.refresh()
    page.view.selectRow(page.model.rows.index(next(r for r in page.model.rows if r.path == good)))
    page.restore_selected()
    assert recorded_messages.log[-2][0] == "confirm"
    assert recorded_messages.last()[1] == "恢复完成"
    assert Request.select().count() == 0
    assert not window.isVisible()  # the program closes; it is opened again on the restored database


def test_daily_backup_runs_once_a_day(qtbot, admin, workspace, frozen_clock):
    from ui.admin.backup_page import backup_if_due
    frozen_clock.set(dt.datetime(2026, 6, 30, 9, 0))
    backup_if_due(None)
    backup_if_due(None)
    assert len(backup.list_backups(workspace.data_dir.backups)) == 1
    frozen_clock.set(dt.datetime(2026, 7, 1, 9, 0))
    backup_if_due(None)
    assert len(backup.list_backups(workspace.data_dir.backups)) == 2


def test_backup_at_exit_follows_the_setting(admin, workspace):
    from ui.admin.backup_page import backup_at_exit
    assert backup_at_exit() is None
    assert len(backup.list_backups(workspace.data_dir.backups)) == 1
    settings.set_many(admin, {"backup.at_exit": False})
    backup_at_exit()
    assert len(backup.list_backups(workspace.data_dir.backups)) == 1


def test_read_only_banner(qtbot, workspace):
    from ui.storage_notice import add_read_only_banner
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    assert add_read_only_banner(window) is None
    refuse_writes("数据库文件已损坏（测试），已以只读方式打开，不能保存任何修改。")
    banner = add_read_only_banner(window)
    assert banner.text() == writes_refused_text()


def test_a_background_check_that_finds_damage_puts_up_the_banner(qtbot, workspace, monkeypatch):
    """A large database is checked after the window opens: when the check ends with damage, the window shows the
    banner and says why."""
    import threading
    from app import workspace as ws_module
    from ui import messages
    from ui.storage_notice import watch_background_check
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    assert watch_background_check(window) is None  # checked before opening: nothing to wait for

    class Check:
        done = threading.Event()
    ws = ws_module.current_workspace()
    monkeypatch.setattr(ws, "check", Check())
    said = []
    monkeypatch.setattr(messages, "warning", lambda parent, title, text: said.append(text))
    timer = watch_background_check(window)
    assert timer is not None and timer.isActive()
    reason = "数据库文件已损坏（测试），已以只读方式打开，不能保存任何修改。"
    refuse_writes(reason)
    ws.damaged = reason
    Check.done.set()
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=3000)
    assert window.findChild(QtWidgets.QLabel, "readOnlyBanner").text() == reason
    assert said == [reason]


def test_waiting_notice_in_the_status_bar(qtbot):
    from ui.storage_notice import WAITING, LockWaitNotice
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    notice = LockWaitNotice()
    notice(True)
    assert window.statusBar().currentMessage() == WAITING
    notice(False)
    assert window.statusBar().currentMessage() == ""
    notice(True, "正在检查数据库文件的完整性…")  # a save waiting for something else names it
    assert window.statusBar().currentMessage() == "正在检查数据库文件的完整性…"
    notice(False)


def test_a_full_disk_keeps_the_form_and_says_so(qtbot, staff, today, db):
    """The register dialog shows 磁盘已满 inline and keeps every field; nothing is half-written."""
    from ui.requests.register_dialog import RegisterDialog
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    dialog.applicant_name.setText("陈小红")
    dialog.id_number.setText("11010519491231002X")
    dialog.phone.setText("13812345678")
    dialog.address.setText("某某县城关镇人民路12号")
    dialog.received.set_value(dt.date(2026, 6, 29))
    dialog.description.setPlainText("城关镇2025年农村危房改造补助资金的发放名单")
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + 2}")
    fill_until_full(SYSTEM, payload_size=100)
    dialog.save()
    assert dialog.result() != QtWidgets.QDialog.Accepted
    assert "磁盘已满" in dialog.error.text()
    assert dialog.applicant_name.text() == "陈小红"
    assert "危房改造" in dialog.description.toPlainText()
    db.execute_sql(f"PRAGMA max_page_count = {pages * 10}")
    assert Request.select().count() == 0
    dialog.save()  # space freed: the same input saves
    assert Request.select().count() == 1



@pytest.mark.parametrize("content,expect", [
    (b"this is a letter, saved over the database by mistake" * 50, "无法打开"),
    (b"", "不会新建一个空数据库"),
])
def test_start_up_on_a_broken_or_emptied_database_tells_plainly(tmp_path, recorded_messages, content, expect):
    from ui.application import run_gui
    data = tmp_path / "data"
    open_workspace(str(data))
    settings.set_many(SYSTEM, {"office.abbreviation": "某"})  # the anchor now says the database held records
    close_database()
    (data / "zhengwu.db").write_bytes(content)
    assert run_gui(str(data), None) == 4
    kind, _, text = recorded_messages.last()
    assert kind == "error" and expect in text
    assert (data / "zhengwu.db").read_bytes() == content


@pytest.fixture
def slow_backups(monkeypatch, workspace):
    """Backups in a real worker thread, copying one page and 4 KB at a time with a pause at each step, so that the
    dialog can be watched; a few stored files so that there are bytes to write besides the database."""
    import time
    from app import files
    from db import connection
    from ui import tasks
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    monkeypatch.setattr(connection, "BACKUP_STEP_PAGES", 4)
    monkeypatch.setattr(backup, "CHUNK", 4096)
    real = backup._steps

    def slow(progress, cancelled, message):
        step = real(progress, cancelled, message)

        def slowly(*args):
            time.sleep(0.005)
            step(*args)
        return slowly
    monkeypatch.setattr(backup, "_steps", slow)
    for i in range(3):
        files.put(bytes(range(256)) * 200 + bytes([i]), "attachments", ".pdf")


def _watch(qtbot, page, seen: list, act=None):
    """Every 10 ms in the GUI thread, note what the page's progress dialog shows; ``act(dialog, seen)`` may act."""
    from ui.qt import QtCore

    def look():
        for dialog in page.findChildren(QtWidgets.QProgressDialog):
            if dialog.isVisible():
                seen.append((dialog.value(), dialog.maximum(), dialog.labelText()))
                if act is not None:
                    act(dialog, seen)
    timer = QtCore.QTimer(page)
    timer.timeout.connect(look)
    timer.start(10)
    return timer


def _click_cancel(dialog) -> None:
    buttons = [b for b in dialog.findChildren(QtWidgets.QPushButton) if b.text() == "取消" and b.isVisible()]
    if buttons:
        buttons[0].click()


def test_backup_from_the_window_shows_its_progress_without_blocking(qtbot, admin, workspace, slow_backups,
                                                                     recorded_messages):
    from ui.admin.backup_page import BackupPage
    page = BackupPage(admin)
    qtbot.addWidget(page)
    page.show()
    seen = []
    timer = _watch(qtbot, page, seen)
    page.backup_now()
    qtbot.waitUntil(lambda: bool(recorded_messages.log) and recorded_messages.last()[1] == "备份完成", timeout=60_000)
    timer.stop()
    texts = [t for _, _, t in seen]
    # the GUI thread kept running while the worker copied: the dialog was seen many times, moving on
    assert len(seen) > 10
    assert any("复制数据库：" in t and "页" in t for t in texts)
    assert any("写入数据库和存档文件：" in t and "MB" in t for t in texts)
    assert any(t.startswith("核验备份：") for t in texts)
    pages = [v for v, m, t in seen if t.startswith("复制数据库：") and m == 1000]
    assert len(set(pages)) > 2 and pages == sorted(pages)
    assert page.model.rowCount() == 1


def test_cancelling_a_backup_in_the_window_leaves_no_file(qtbot, admin, workspace, slow_backups, recorded_messages):
    from ui.admin.backup_page import BackupPage
    page = BackupPage(admin)
    qtbot.addWidget(page)
    page.show()

    def cancel_while_writing(dialog, seen):
        if seen[-1][2].startswith("写入数据库和存档文件："):
            _click_cancel(dialog)
    seen = []
    timer = _watch(qtbot, page, seen, cancel_while_writing)
    page.backup_now()
    qtbot.waitUntil(lambda: "已取消" in page.status.text(), timeout=60_000)
    timer.stop()
    assert not any(backup.folder(workspace.data_dir).iterdir())
    assert page.backup_button.isEnabled()
    assert not [m for m in recorded_messages.log if m[0] == "error"]


def test_cancelling_a_restore_while_it_verifies_changes_nothing(qtbot, admin, workspace, slow_backups,
                                                                 recorded_messages):
    from app.requests import register
    from tests.db.factories import person
    from ui.admin.backup_page import BackupPage
    from ui.qt import QtCore
    good = backup.create(admin, workspace.data_dir).info.path
    register.register(SYSTEM, person())
    page = BackupPage(admin)
    qtbot.addWidget(page)
    page.show()

    def cancel_while_verifying(dialog, seen):
        if seen[-1][2].startswith("核验备份："):
            _click_cancel(dialog)
    seen = []
    timer = _watch(qtbot, page, seen, cancel_while_verifying)
    page.restore(good)
    qtbot.waitUntil(lambda: "已取消核验备份" in page.status.text(), timeout=60_000)
    timer.stop()
    QtCore.QThreadPool.globalInstance().waitForDone(10_000)
    assert Request.select().count() == 1
    assert [p.name for p in backup.folder(workspace.data_dir).iterdir()] == [good.name]
