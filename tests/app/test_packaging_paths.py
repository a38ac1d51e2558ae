"""The data folder on Windows: %LOCALAPPDATA%, and an earlier version's %APPDATA% folder moved there whole or not at
all (the environment is faked: these run on any system)."""
import os
import shutil
import sys

import pytest

from app import paths


@pytest.fixture
def windows(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    local, roaming = tmp_path / "Local", tmp_path / "Roaming"
    local.mkdir()
    roaming.mkdir()
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setenv("APPDATA", str(roaming))
    return local / "ZhengwuGongkai", roaming / "ZhengwuGongkai"


def old_folder(roaming):
    (roaming / "files" / "ab").mkdir(parents=True)
    (roaming / "zhengwu.db").write_bytes(b"SQLite format 3\0" + os.urandom(4096))
    (roaming / "zhengwu.db.anchor").write_text("审计凭证：第12条 abc", encoding="utf-8")
    (roaming / "files" / "ab" / "scan.pdf").write_bytes(os.urandom(10000))
    return {p.relative_to(roaming): p.read_bytes() for p in roaming.rglob("*") if p.is_file()}


def contents(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_new_windows_install_uses_the_local_folder(windows):
    local, roaming = windows
    assert paths.default_data_dir() == local
    assert paths.move_roaming_data_dir() is None
    assert not local.exists()


def test_the_roaming_folder_is_moved_on_first_start(windows):
    local, roaming = windows
    before = old_folder(roaming)
    assert paths.default_data_dir() == roaming  # until moved, the data is where it is
    moved = paths.move_roaming_data_dir()
    assert moved.done and str(local) in moved.message
    assert contents(local) == before
    assert not roaming.exists() and not roaming.with_name("ZhengwuGongkai.moving").exists()
    assert not local.with_name("ZhengwuGongkai.part").exists()
    assert paths.default_data_dir() == local
    assert paths.move_roaming_data_dir() is None  # once only


def test_a_folder_in_use_is_not_moved(windows, monkeypatch):
    local, roaming = windows
    before = old_folder(roaming)

    def in_use(src, dst):
        raise PermissionError(13, "另一个程序正在使用此文件")

    monkeypatch.setattr(paths.os, "rename", in_use)
    moved = paths.move_roaming_data_dir()
    assert not moved.done and "暂不移动" in moved.message
    assert contents(roaming) == before and not local.exists()
    assert paths.default_data_dir() == roaming


def test_a_copy_that_differs_is_thrown_away_and_the_old_folder_kept(windows, monkeypatch):
    local, roaming = windows
    before = old_folder(roaming)
    real_copy = shutil.copy2

    def bad_copy(src, dst, **kwargs):
        result = real_copy(src, dst, **kwargs)
        if os.fspath(src).endswith("scan.pdf"):
            with open(dst, "r+b") as fh:
                fh.write(b"X")  # one byte flipped on the way (a failing disk, a network drive)
        return result

    monkeypatch.setattr(shutil, "copy2", bad_copy)
    moved = paths.move_roaming_data_dir()
    assert not moved.done and "scan.pdf" in moved.message
    assert contents(roaming) == before
    assert not local.exists() and not local.with_name("ZhengwuGongkai.part").exists()
    assert paths.default_data_dir() == roaming


def test_a_full_disk_during_the_copy_keeps_the_old_folder(windows, monkeypatch):
    local, roaming = windows
    before = old_folder(roaming)

    def full(src, dst, **kwargs):
        raise OSError(28, "磁盘空间不足")

    monkeypatch.setattr(shutil, "copy2", full)
    moved = paths.move_roaming_data_dir()
    assert not moved.done
    assert contents(roaming) == before and not local.exists()


def test_a_move_interrupted_after_the_rename_is_finished_later(windows):
    local, roaming = windows
    before = old_folder(roaming)
    staging = roaming.with_name("ZhengwuGongkai.moving")
    roaming.rename(staging)  # the program stopped right after renaming the folder aside
    (local.with_name("ZhengwuGongkai.part") / "half").mkdir(parents=True)  # and part-way through the copy
    assert paths.default_data_dir() == staging
    assert paths.move_roaming_data_dir().done
    assert contents(local) == before and not staging.exists()


def test_when_the_old_folder_cannot_be_renamed_back_its_data_is_still_found(windows, monkeypatch):
    local, roaming = windows
    before = old_folder(roaming)
    real_rename = os.rename
    calls = []

    def rename(src, dst):
        calls.append(dst)
        if len(calls) > 1:
            raise PermissionError(13, "拒绝访问")
        return real_rename(src, dst)

    monkeypatch.setattr(paths.os, "rename", rename)
    monkeypatch.setattr(paths, "_differences", lambda a, b: ["zhengwu.db"])
    assert not paths.move_roaming_data_dir().done
    assert contents(paths.default_data_dir()) == before


def test_the_data_dir_option_and_variable_are_never_moved(windows, monkeypatch, tmp_path):
    local, roaming = windows
    old_folder(roaming)
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "elsewhere"))
    assert paths.move_roaming_data_dir() is None
    assert paths.default_data_dir() == tmp_path / "elsewhere"
    assert roaming.exists()


def test_other_systems_are_left_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.move_roaming_data_dir() is None
    assert paths.default_data_dir() == tmp_path / "zhengwu-gongkai"
