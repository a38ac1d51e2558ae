"""Stored files (scanned applications, printed notices) under the data directory's ``files/``, content-addressed:
the same bytes are stored once, a stored file is never rewritten, and its SHA-256 is kept with the record."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from app.errors import ServiceError

_root: Path | None = None


def configure(root: str | os.PathLike) -> None:
    global _root
    _root = Path(root)
    _root.mkdir(parents=True, exist_ok=True)


def root() -> Path:
    if _root is None:
        raise RuntimeError("file store not configured (open the workspace first)")
    return _root


@dataclass(frozen=True)
class StoredFile:
    rel_path: str
    sha256: str
    size: int


def put(data: bytes, folder: str, suffix: str) -> StoredFile:
    digest = hashlib.sha256(data).hexdigest()
    suffix = suffix if suffix.startswith(".") or not suffix else "." + suffix
    rel = f"{folder}/{digest[:2]}/{digest}{suffix.lower()}"
    path = root() / rel
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    return StoredFile(rel, digest, len(data))


def put_file(source: str | os.PathLike, folder: str) -> StoredFile:
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取文件 {source}：{exc.strerror}") from None
    return put(data, folder, Path(source).suffix)


def path_of(rel_path: str) -> Path:
    return root() / rel_path


def read(rel_path: str, expected_sha256: str | None = None) -> bytes:
    """The stored bytes; refuses a file whose content no longer matches its recorded hash."""
    try:
        data = path_of(rel_path).read_bytes()
    except OSError as exc:
        raise ServiceError(f"找不到存档文件 {rel_path}（{exc.strerror}）；请从备份恢复数据目录") from None
    if expected_sha256 and hashlib.sha256(data).hexdigest() != expected_sha256:
        raise ServiceError(f"存档文件 {rel_path} 的内容与登记的校验值不符，可能已被改动")
    return data


def read_text(path: str | os.PathLike, what: str = "文件") -> str:
    """A text file an office PC wrote: UTF-8 (with or without BOM), or GB18030 as Windows editors save it."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取{what} {path}：{exc.strerror}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ServiceError(f"无法识别{what} {Path(path).name} 的文字编码（应为 UTF-8 或 GBK）")
