"""Opening the office's workspace: the data directory, the database connection, the schema upgrade."""
from __future__ import annotations

from dataclasses import dataclass

from app import audit, files, modules
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
    files.configure(dd.files)
    modules.load()
    ws = Workspace(dd, url, result)
    if ws.upgraded:
        with write_transaction():
            audit.record(system_actor("数据库升级"), "database.upgrade", "database", None,
                         before={"version": result.from_version},
                         after={"version": result.to_version, "backup": result.backup_path})
    return ws


def release_thread_connection() -> None:
    """Close the calling thread's database connection (peewee keeps one per thread); for worker threads."""
    close_database()
