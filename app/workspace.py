"""Opening the office's workspace: the data directory, the database connection, the schema upgrade."""
from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from app import audit, files, modules, settings, sqlite_check
from app.errors import StorageError
from app.actor import system_actor
from app.paths import DataDir
from app.program import command_line
from db import migrations
from db.migrations import DatabaseTooNew  # noqa: F401  (re-exported for the window)
from db.connection import (close_database, hold_writes_until, on_lock_wait, open_database, open_sqlite_readonly,
                           parse_url, refuse_writes, sqlite_integrity, sqlite_url, write_transaction, writes_refused)
from db.errors import READ_ONLY


@dataclass
class Workspace:
    data_dir: DataDir
    url: str
    migration: migrations.MigrationResult
    notices: list[str] = field(default_factory=list)  # what the user should know about this workspace
    damaged: str | None = None  # why the database is open read-only (its integrity check failed)
    check: "BackgroundCheck | None" = None  # a large file's integrity check, running after the window opens

    def check_done(self, timeout: float | None = None) -> bool:
        """Whether the start-up integrity check has ended (at once when it ran before opening)."""
        return self.check is None or self.check.done.wait(timeout)

    @property
    def upgraded(self) -> bool:
        return 0 < self.migration.from_version < self.migration.to_version


_current: Workspace | None = None


def current_workspace() -> Workspace | None:
    """The workspace opened last in this process (the window's pages need its data directory)."""
    return _current


def open_workspace(data_dir: str | None = None, url: str | None = None) -> Workspace:
    """Open (creating when new) and upgrade the database. Raises ``DatabaseTooNew`` for a newer schema and
    ``StorageError`` for a data folder that cannot be written, a database that is missing although its audit anchor
    says it held records, or one too damaged to open. A damaged database that still opens is opened read-only."""
    dd = DataDir(data_dir)
    try:
        dd.ensure()
    except OSError as exc:
        raise StorageError(f"无法使用数据目录 {dd.root}：{exc.strerror}") from None
    url = url or sqlite_url(dd.database_file)
    target = parse_url(url)
    damaged = None
    background = None
    refuse_writes(None)
    hold_writes_until(None)
    if target.engine == "sqlite":
        if missing := sqlite_check.problem():
            raise StorageError(missing)
        if not os.access(os.path.dirname(os.path.abspath(target.path)), os.W_OK):
            raise StorageError(f"{READ_ONLY}（{os.path.dirname(os.path.abspath(target.path))}）")
        path = Path(target.path)
        refuse_missing_database(path, dd)
        if _check_later(path):
            background = BackgroundCheck(path, dd)
        else:
            damaged = startup_check(path, dd)
        migrations.refuse_newer_file(target.path)
    else:
        audit.configure_anchor(dd.root / "audit.anchor")
    db = open_database(url)
    if damaged:
        refuse_writes(damaged)
        if migrations.current_version(db) < migrations.LATEST:
            close_database()
            raise StorageError(f"{damaged}；这个版本较旧的数据库需要升级，损坏时不能升级")
        result = migrations.MigrationResult(migrations.LATEST, migrations.LATEST, None)
    else:
        result = migrations.migrate(db)
    global _current
    ws = _current = Workspace(dd, url, result, damaged=damaged, check=background)
    if background is not None:
        background.start(ws)
    files.configure(shared_files_folder(ws) or dd.files)
    modules.load()
    if ws.upgraded:
        with write_transaction():
            audit.record(system_actor("数据库升级"), "database.upgrade", "database", None,
                         before={"version": result.from_version},
                         after={"version": result.to_version, "backup": result.backup_path})
    return ws


def _backup_hint(dd: DataDir, configured: bool = False) -> str:
    """Where the newest backup is and how to restore it. The backup-folder setting is read only when the database
    is open and sound (``configured``)."""
    from app.backup import latest_backup
    found = latest_backup(dd, configured)
    if found is None:
        return ("数据目录中没有找到本程序的备份；请找出备份文件（zhengwu-backup-日期.zip）后运行 "
                f"{command_line('restore', '备份文件')}")
    return f"最近的备份是 {found}，恢复：{command_line('restore', str(found))}（或在“系统管理 → 备份与恢复”中恢复）"


def refuse_missing_database(path: Path, dd: DataDir) -> None:
    """Never create a new, empty database where the audit anchor says one with records was (deleted or emptied)."""
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        return
    anchor = audit.read_anchor(Path(str(path) + audit.ANCHOR_SUFFIX))
    if anchor is None or anchor.seq == 0:
        return
    what = "是空的（0 字节）" if path.exists() else "不存在"
    raise StorageError(
        f"数据库文件 {path} {what}，但它旁边的审计凭证表明其中已有 {anchor.seq} 条审计记录"
        + (f"（最后一次写入 {anchor.written}）" if anchor.written else "")
        + "：数据库可能被删除、移走或清空。程序不会新建一个空数据库覆盖它。" + _backup_hint(dd)
        + f"。如确实要重新开始，请先把凭证文件 {path.name}{audit.ANCHOR_SUFFIX} 移走")


def startup_check(path: Path, dd: DataDir) -> str | None:
    """A quick integrity check before anything is written: ``None`` when sound, else why it is damaged. A file that
    cannot be opened as a database at all raises ``StorageError`` naming a backup that exists."""
    if not path.exists():
        return None
    try:
        con = open_sqlite_readonly(path)
        try:
            problems = sqlite_integrity(con, quick=True, limit=3)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"数据库文件 {path} 无法打开（{_sqlite_reason(exc)}）。{_backup_hint(dd)}") from None
    if problems == ["ok"]:
        return None
    detail = " ".join(problems[0].split())
    detail = detail if len(detail) <= 80 else detail[:77] + "…"
    return (f"数据库文件已损坏（完整性检查：{detail}），已以只读方式打开，不能保存任何修改。"
            + _backup_hint(dd))


# quick_check reads the whole file (a district's 2 GB register: 6 s). A file larger than this, whose schema needs no
# upgrade, is opened at once and checked in the background; every save waits until the check has ended
# (db.connection.hold_writes_until), and a damaged file is then refused writes as one found damaged at start-up.
CHECK_LATER_BYTES = 256 * 2**20


def _check_later(path: Path) -> bool:
    try:
        if not path.exists() or path.stat().st_size <= CHECK_LATER_BYTES:
            return False
        con = open_sqlite_readonly(path)
        try:  # the header and the schema must read now: a file that is no database at all is refused at once
            version = con.execute("PRAGMA user_version").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except (OSError, sqlite3.DatabaseError):
        return False  # startup_check says what is wrong
    return version == migrations.LATEST


class BackgroundCheck:
    """The start-up integrity check of a large file, in a thread of its own with its own read-only connection."""

    def __init__(self, path: Path, dd: DataDir):
        self.path, self.dd = path, dd
        self.done = threading.Event()
        self.problem: str | None = None  # why the file is damaged, when it is
        hold_writes_until(self.done)

    def start(self, ws: Workspace) -> None:
        threading.Thread(target=self._run, args=(ws,), name="integrity-check", daemon=True).start()

    def _run(self, ws: Workspace) -> None:
        try:
            try:
                problem = startup_check(self.path, self.dd)
            except StorageError as exc:
                problem = str(exc)
            except Exception as exc:  # noqa: BLE001 - the check itself failed: treat the file as damaged
                problem = f"数据库文件的完整性检查未能完成（{exc}），已以只读方式打开，不能保存任何修改。"
            if problem:
                self.problem = ws.damaged = problem
                if _current is ws:  # not a workspace opened again since (which has its own check)
                    refuse_writes(problem)
        finally:
            self.done.set()


def _sqlite_reason(exc: BaseException) -> str:
    text = str(exc)
    if "not a database" in text:
        return "不是数据库文件，或文件头已损坏"
    if "malformed" in text:
        return "文件已损坏"
    return text


def shared_files_folder(ws: Workspace) -> str | None:
    """On a server database the stored files live in the shared folder of the settings: check that this seat can
    reach it and write to it (a file is created and removed), or say plainly why not."""
    if parse_url(ws.url).engine == "sqlite":
        return None
    folder = settings.get("storage.shared_folder")
    if not folder:
        ws.notices.append("使用服务器数据库时，请在“系统管理 → 系统设置 → 存储”中填写附件共享文件夹；"
                          f"在此之前附件只保存在本机（{ws.data_dir.files}），其他席位看不到。")
        return None
    if not os.path.isdir(folder):
        raise StorageError(f"无法访问附件共享文件夹 {folder}：文件夹不存在或网络共享未连接。"
                           "请检查本机能否打开该文件夹（网络、共享权限），或请管理员在系统设置中改正路径。")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".zwgk-probe-"):
            pass
    except OSError as exc:
        raise StorageError(f"附件共享文件夹 {folder} 不能写入（{exc.strerror}）：请检查本机账户对该共享的写权限。") from None
    return folder


def release_thread_connection() -> None:
    """Close the calling thread's database connection (peewee keeps one per thread); for worker threads."""
    close_database()


def read_only_reason() -> str | None:
    """Why the open database refuses every change (it failed the start-up integrity check), or ``None``."""
    return writes_refused()


def on_save_waiting(listener) -> None:
    """``listener(True)`` while a save waits for another writer's lock, ``listener(False)`` when it goes on."""
    on_lock_wait(listener)
