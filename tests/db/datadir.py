"""A data directory made once through the services (office, users, requests in every state, one backup), for tests
that break a copy of it the way a user with a file manager or a SQLite tool would."""
import shutil
from pathlib import Path

from app import backup
from app.actor import system_actor
from app.paths import DataDir
from app.workspace import open_workspace
from db.connection import close_database


def make_data_dir(root: Path, requests: int, seed: int) -> Path:
    from app import demo, office
    open_workspace(str(root))
    office.first_run_setup({"name": "测试办公室"}, "admin", "管理员", "Passw0rd-2026")
    demo.fill(requests, seed)
    backup.create(system_actor("测试"), DataDir(root))
    close_database()
    return root


def copy_of(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(pristine, root)
    return root
