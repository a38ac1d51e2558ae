"""The migration ladder: from schema 1 to the latest, a backup first, a newer database refused."""
import shutil
import sqlite3
from pathlib import Path

import peewee
import pytest

from db import migrations
from db.connection import close_database, open_database, sqlite_url

FIXTURE = Path(__file__).parent / "fixtures" / "schema_v1.db"


def _open(path):
    return open_database(sqlite_url(path))


def test_fresh_database_reaches_latest(tmp_path):
    db = _open(tmp_path / "a.db")
    try:
        result = migrations.migrate(db)
        assert (result.from_version, result.to_version) == (0, migrations.LATEST)
        assert migrations.current_version(db) == migrations.LATEST
        assert result.backup_path is None  # nothing to back up on a new file
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        close_database()


def test_upgrade_from_a_database_made_by_schema_1(tmp_path):
    """The committed fixture was written by schema 1 with an office, a user and audit rows in it."""
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()
    db = _open(path)
    try:
        result = migrations.migrate(db)
        assert result.from_version == 1 and result.to_version == migrations.LATEST
        if migrations.LATEST > 1:
            assert result.backup_path and Path(result.backup_path).exists()
            backup = sqlite3.connect(result.backup_path)
            assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
            backup.close()
        from app import audit
        from db.models import Office, User
        assert Office.get_by_id(1).name == "迁移测试办公室"
        assert User.get(User.username == "admin").display_name == "管理员"
        assert audit.verify_chain().ok
    finally:
        close_database()


def test_upgrade_step_by_step_from_version_1(tmp_path):
    db = _open(tmp_path / "b.db")
    try:
        migrations.migrate(db, target=1)
        assert migrations.current_version(db) == 1
        db.execute_sql("INSERT INTO office (id, name, org_code, address, postcode, phone, fax, email, office_hours, "
                       "website, updated_at) VALUES (1, '某办公室', '', '', '', '', '', '', '', '', '2026-01-01')")
        result = migrations.migrate(db)
        assert result.to_version == migrations.LATEST
        assert db.execute_sql("SELECT name FROM office").fetchone()[0] == "某办公室"
    finally:
        close_database()


def test_newer_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "new.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    con.close()
    before = path.read_bytes()
    from app.workspace import open_workspace
    with pytest.raises(migrations.DatabaseTooNew) as err:
        open_workspace(str(tmp_path / "unused"), sqlite_url(path))
    assert "高于本程序支持的版本" in str(err.value)
    assert path.read_bytes() == before
    db = _open(path)  # a connection that slipped past the first check still refuses to migrate
    try:
        with pytest.raises(migrations.DatabaseTooNew):
            migrations.migrate(db)
    finally:
        close_database()


def test_a_failing_step_changes_nothing(tmp_path, monkeypatch):
    db = _open(tmp_path / "c.db")
    try:
        def broken(database):
            database.execute_sql("CREATE TABLE half_done (x INTEGER)")
            raise peewee.OperationalError("boom")

        real = migrations.steps

        def patched():
            out = real()
            out[0] = migrations.Step(1, "broken", broken)
            return out

        monkeypatch.setattr(migrations, "steps", patched)
        with pytest.raises(peewee.OperationalError):
            migrations.migrate(db)
        assert migrations.current_version(db) == 0
        assert not db.table_exists("half_done")
    finally:
        close_database()


def test_backup_is_taken_before_upgrading_an_existing_file(tmp_path):
    path = tmp_path / "d.db"
    db = _open(path)
    try:
        migrations.migrate(db, target=1)
        if migrations.LATEST == 1:
            pytest.skip("only one schema version so far")
        result = migrations.migrate(db)
        assert Path(result.backup_path).parent.name == "backups"
        assert not result.backup_path.endswith(".db")  # never mistaken for the live database
    finally:
        close_database()
