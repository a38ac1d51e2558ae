"""Writes tests/db/fixtures/schema_v1.db: a database as schema 1 left it (run once, committed)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import audit, clock  # noqa: E402
from app.actor import system_actor  # noqa: E402
from app.passwords import hash_password  # noqa: E402
from db import migrations  # noqa: E402
from db.connection import close_database, open_database, sqlite_url, write_transaction  # noqa: E402

out = Path(__file__).parent / "fixtures" / "schema_v1.db"
out.unlink(missing_ok=True)
db = open_database(sqlite_url(out))
migrations.migrate(db, target=1)
with write_transaction():
    now = clock.now()
    db.execute_sql("INSERT INTO office (id, name, org_code, address, postcode, phone, fax, email, office_hours, "
                   "website, updated_at) VALUES (1, '迁移测试办公室', '', '', '', '', '', '', '', '', ?)", (now,))
    db.execute_sql("INSERT INTO app_user (username, display_name, password_hash, is_active, failed_logins, "
                   "must_change_password, created_at) VALUES ('admin', '管理员', ?, 1, 0, 0, ?)",
                   (hash_password("Passw0rd-2026"), now))
    db.execute_sql("INSERT INTO user_role (user_id, role_code) VALUES (1, 'admin')")
    audit.record(system_actor(), "office.create", "office", 1, after={"name": "迁移测试办公室"})
    audit.record(system_actor(), "user.create", "user", 1, after={"username": "admin"})
db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute_sql("PRAGMA journal_mode=delete")
close_database()
print("wrote", out)
