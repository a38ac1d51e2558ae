"""Opening the office's workspace: the data directory, the database connection, the schema upgrade."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field

from app import audit, files, modules, settings
from app.errors import StorageError
from app.actor import system_actor
from app.paths import DataDir
from db import migrations
from db.migrations import DatabaseTooNew  # noqa: F401  (re-exported for the window)
from db.connection import close_database, open_database, parse_url, sqlite_url, write_transaction


@dataclass
class Workspace:
    data_dir: DataDir
    url: str
    migration: migrations.MigrationResult
    notices: list[str] = field(default_factory=list)  # what the user should know about this workspace

    @property
    def upgraded(self) -> bool:
        return 0 < self.migration.from_version < self.migration.to_version


def open_workspace(data_dir: str | None = None, url: str | None = None) -> Workspace:
    """Open (creating when new) and upgrade the database. Raises ``DatabaseTooNew`` for a newer schema."""
    dd = DataDir(data_dir).ensure()
    url = url or sqlite_url(dd.database_file)
    target = parse_url(url)
    if target.engine == "sqlite":
        migrations.refuse_newer_file(target.path)
    db = open_database(url)
    result = migrations.migrate(db)
    ws = Workspace(dd, url, result)
    files.configure(shared_files_folder(ws) or dd.files)
    modules.load()
    if ws.upgraded:
        with write_transaction():
            audit.record(system_actor("数据库升级"), "database.upgrade", "database", None,
                         before={"version": result.from_version},
                         after={"version": result.to_version, "backup": result.backup_path})
    return ws


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
