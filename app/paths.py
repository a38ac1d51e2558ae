"""Where the office's data lives: the platform's user data directory unless ``--data-dir`` says otherwise."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DB_FILE = "zhengwu.db"
ENV_DATA_DIR = "ZWGK_DATA_DIR"


def default_data_dir() -> Path:
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR])
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA") or os.path.join(Path.home(), "AppData", "Roaming")
        return Path(base) / "ZhengwuGongkai"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ZhengwuGongkai"
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "zhengwu-gongkai"


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
