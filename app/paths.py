"""Where the office's data lives: the platform's user data directory unless ``--data-dir`` says otherwise.

On Windows that is ``%LOCALAPPDATA%``, never the roaming ``%APPDATA%``: on government domain PCs the roaming profile
is often redirected to a file server, which would put the SQLite database and its WAL on SMB (not safe: SQLite's
locking over network file systems is unreliable). Earlier versions used ``%APPDATA%``; ``move_roaming_data_dir``
moves such a folder to the local one on the first start of this version.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path
from typing import NamedTuple

DB_FILE = "zhengwu.db"
ENV_DATA_DIR = "ZWGK_DATA_DIR"
FOLDER_NAME = "ZhengwuGongkai"
# The roaming folder is renamed to this before it is copied: a folder whose files are open cannot be renamed on
# Windows, so a program still using it stops the move before anything is copied.
MOVING_SUFFIX = ".moving"


def default_data_dir() -> Path:
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR])
    if sys.platform.startswith("win"):
        local, roaming = _windows_folders()
        if not local.exists():
            # not moved yet (or the move failed): the data stays where it is until it has been moved whole
            for old in (roaming.with_name(roaming.name + MOVING_SUFFIX), roaming):
                if old.exists():
                    return old
        return local
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / FOLDER_NAME
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "zhengwu-gongkai"


def _windows_folders() -> tuple[Path, Path]:
    """(local, roaming) data folders of this Windows user."""
    home = Path.home()
    local = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
    roaming = os.environ.get("APPDATA") or os.path.join(home, "AppData", "Roaming")
    return Path(local) / FOLDER_NAME, Path(roaming) / FOLDER_NAME


class Move(NamedTuple):
    done: bool
    message: str  # what happened, in a sentence for the log


def move_roaming_data_dir() -> Move | None:
    """Move a data folder of an earlier version from ``%APPDATA%`` to ``%LOCALAPPDATA%`` (Windows only, and only
    when no ``--data-dir``/``ZWGK_DATA_DIR`` is given). Returns what happened, or None when there was nothing to
    move.

    The move never leaves the data in neither place: the roaming folder is renamed aside, copied into a temporary
    folder beside the local one, every file compared with its original (size and SHA-256), and only then is the
    copy renamed into place and the roaming folder removed. A failure before that puts the roaming folder back (and
    ``default_data_dir`` keeps using it, under either name, until a later start moves it)."""
    if os.environ.get(ENV_DATA_DIR) or not sys.platform.startswith("win"):
        return None
    local, roaming = _windows_folders()
    staging = roaming.with_name(roaming.name + MOVING_SUFFIX)
    if local.exists():
        if staging.exists():  # an earlier move got as far as the local folder: the copy there was verified
            shutil.rmtree(staging, ignore_errors=True)
        return None
    if not staging.exists():
        if not roaming.exists():
            return None
        try:
            os.rename(roaming, staging)
        except OSError as exc:
            return Move(False, f"数据目录 {roaming} 正在使用或无法改名（{exc.strerror or exc}），暂不移动，本次仍使用它")
    part = local.with_name(local.name + ".part")
    try:
        shutil.rmtree(part, ignore_errors=True)
        shutil.copytree(staging, part, copy_function=shutil.copy2)
        differing = _differences(staging, part)
        if differing:
            raise OSError(f"复制后内容不一致：{differing[0]}")
        os.rename(part, local)
    except OSError as exc:
        shutil.rmtree(part, ignore_errors=True)
        try:
            os.rename(staging, roaming)
        except OSError:
            pass  # default_data_dir still finds the data under the staging name
        return Move(False, f"未能把数据目录从 {roaming} 移到 {local}（{exc.strerror or exc}），本次仍使用原目录")
    shutil.rmtree(staging, ignore_errors=True)
    return Move(True, f"数据目录已从 {roaming}（漫游配置文件，可能位于文件服务器上）移到本机的 {local}")


def _differences(source: Path, copy: Path) -> list[str]:
    """Files of ``source`` whose copy is missing or not byte-identical (relative paths)."""
    out = []
    for path in sorted(source.rglob("*")):
        if path.is_file():
            rel = path.relative_to(source)
            target = copy / rel
            if not target.is_file() or target.stat().st_size != path.stat().st_size or _sha256(target) != _sha256(path):
                out.append(str(rel))
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class DataDir:
    """The folder holding the database, stored attachments, printed documents and backups."""

    def __init__(self, root: str | os.PathLike | None = None):
        self.root = Path(root) if root else default_data_dir()

    @property
    def database_file(self) -> Path:
        return self.root / DB_FILE

    @property
    def files(self) -> Path:
        """Stored attachments and printed documents, content-addressed."""
        return self.root / "files"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def ensure(self) -> "DataDir":
        self.root.mkdir(parents=True, exist_ok=True)
        return self
