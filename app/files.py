"""Stored files (scanned applications, printed notices) under the data directory's ``files/``, content-addressed:
the same bytes are stored once, a stored file is never rewritten, and its SHA-256 is kept with the record."""
from __future__ import annotations

import errno
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

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


_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序使用",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese (``strerror`` is English on most systems)."""
    return _OS_REASONS.get(exc.errno, exc.strerror or type(exc).__name__)


def deliver(path: str | os.PathLike, write: Callable[[str], None], commit: Callable[[], None] | None = None) -> None:
    """Produce an output file the user asked for (an export, a printed notice) whole or not at all.

    ``write(tmp)`` writes the content to a temporary name beside ``path``; then ``commit()`` — the transaction that
    records the output in the audit log — runs; only after it succeeded is the file moved into place. A full disk,
    an unwritable folder or a locked database therefore leave neither a 0-byte file nor a file without its audit
    row; a file already at ``path`` stays as it was."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        try:
            write(str(tmp))
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        except OSError as exc:
            raise ServiceError(_write_failure(target, tmp, exc)) from None
        if target.is_dir():
            raise ServiceError(f"无法写入 {target}：{_OS_REASONS[errno.EISDIR]}")
        if commit is not None:
            commit()
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise ServiceError(f"无法写入 {target}：{os_reason(exc)}（已记录的输出未能保存，请换一个位置重试）") from None
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def _write_failure(target: Path, tmp: Path, exc: OSError) -> str:
    """Why producing ``target`` failed: writing it, or reading a file the content is made from (a python-docx
    template missing from an incomplete installation was once reported as “无法写入” the output)."""
    name = exc.filename
    if name is None or os.path.abspath(name) == os.path.abspath(tmp):
        return f"无法写入 {target}：{os_reason(exc)}"
    name = os.path.normpath(os.path.abspath(name))
    program = {os.path.abspath(p) for p in (sys.prefix, sys.base_prefix, getattr(sys, "_MEIPASS", sys.prefix))}
    if any(name.startswith(folder + os.sep) for folder in program):
        return (f"无法生成 {target.name}：缺少程序文件 {name}（{os_reason(exc)}），程序安装不完整，"
                "请重新安装本程序")
    return f"无法生成 {target.name}：无法读取 {name}（{os_reason(exc)}）"


def put_file(source: str | os.PathLike, folder: str) -> StoredFile:
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取文件 {source}：{os_reason(exc)}") from None
    return put(data, folder, Path(source).suffix)


def put_upload(source: str | os.PathLike, folder: str, max_mb: int = 200) -> StoredFile:
    """A file the user chose to attach: refused plainly when it is missing or larger than ``max_mb``."""
    from app.errors import ValidationError
    src = Path(source)
    if not src.is_file():
        raise ValidationError("附件文件", f"找不到文件 {source}")
    if src.stat().st_size > max_mb * 1024 * 1024:
        raise ValidationError("附件文件", f"超过{max_mb}MB，请压缩或分拆后再添加")
    return put_file(src, folder)


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
        raise ServiceError(f"无法读取{what} {path}：{os_reason(exc)}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).removeprefix("\ufeff")  # GB18030's byte-order mark decodes to U+FEFF
        except UnicodeDecodeError:
            continue
    raise ServiceError(f"无法识别{what} {Path(path).name} 的文字编码（应为 UTF-8 或 GBK）")
