"""On a server database the stored files live in the shared folder of the settings; a seat that cannot reach it is
told so at start-up."""
import os

import pytest

from app import files, settings, workspace
from app.errors import StorageError
from app.paths import DataDir
from db import migrations

from tests import pg

pytestmark = [pytest.mark.sqlite_only]


def _ws(tmp_path, url):
    return workspace.Workspace(DataDir(tmp_path / "data"), url, migrations.MigrationResult(4, 4, None))


def test_sqlite_keeps_files_in_the_data_folder(db, system, tmp_path):
    settings.set_many(system, {"storage.shared_folder": str(tmp_path / "nowhere")})
    assert workspace.shared_files_folder(_ws(tmp_path, "sqlite:///x.db")) is None


def test_server_database_uses_the_shared_folder(db, system, tmp_path):
    url = "postgresql://u@h/zw"
    ws = _ws(tmp_path, url)
    assert workspace.shared_files_folder(ws) is None and "共享文件夹" in ws.notices[0]
    share = tmp_path / "share"
    share.mkdir()
    settings.set_many(system, {"storage.shared_folder": str(share)})
    assert workspace.shared_files_folder(_ws(tmp_path, url)) == str(share)
    assert os.listdir(share) == []  # the write probe leaves nothing behind
    settings.set_many(system, {"storage.shared_folder": str(tmp_path / "unplugged")})
    with pytest.raises(StorageError, match="无法访问附件共享文件夹"):
        workspace.shared_files_folder(_ws(tmp_path, url))
    if os.geteuid() != 0:  # root writes anywhere
        share.chmod(0o500)
        settings.set_many(system, {"storage.shared_folder": str(share)})
        with pytest.raises(StorageError, match="不能写入"):
            workspace.shared_files_folder(_ws(tmp_path, url))


@pytest.mark.skipif(not pg.ADMIN_URL, reason="needs a PostgreSQL server (ZWGK_TEST_POSTGRES)")
def test_workspace_on_a_server_stores_files_in_the_share(system, tmp_path):
    url = pg.empty_url()
    ws = workspace.open_workspace(str(tmp_path / "data"), url)
    share = tmp_path / "share"
    share.mkdir()
    settings.set_many(system, {"storage.shared_folder": str(share)})
    workspace.open_workspace(str(tmp_path / "data"), url)
    assert files.root() == share and ws.notices
    from db.connection import close_database
    close_database()
