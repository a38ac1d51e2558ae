"""备份与恢复: the database and the stored files in one dated archive, verified as soon as it is written.

The database is copied with SQLite's online backup API (a consistent snapshot even while other windows write; a file
copy of a live WAL database can miss or tear pages). The archive is a zip: ``zhengwu.db``, ``files/…`` (the stored
attachments and printed documents) and ``manifest.json`` (schema version, rows per table, the audit head — which is
also one of the audit anchors ``check`` compares the log with). Restoring first backs up the current database and
refuses, with the reason and without changing anything, an archive that is truncated, damaged or not one of ours.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app import APP_NAME, __version__, audit, clock, settings
from app.actor import Actor
from app.errors import Cancelled, ServiceError
from app.paths import DB_FILE, DataDir
from app.permissions import require
from app.program import command_line
from app.settings import Option, declare
from db import migrations
from db.connection import (close_database, open_database, open_sqlite_readonly, snapshot_database,
                           sqlite_integrity, sqlite_path, sqlite_table_counts, sqlite_url, sqlite_user_version,
                           write_transaction, writes_refused)

PREFIX = "zhengwu-backup-"
SUFFIX = ".zip"
MANIFEST = "manifest.json"
FORMAT = "zhengwu-gongkai-backup/1"

SECTION = "备份"
declare(Option("backup.folder", "str", "", "备份保存位置", SECTION,
               help="留空表示数据目录中的 backups 文件夹；最好选另一块硬盘或 U 盘上的文件夹"))
declare(Option("backup.keep", "int", 10, "保留的备份份数", SECTION, minimum=1, maximum=365,
               help="超过份数时删除最旧的备份（只删除本程序生成的备份文件）"))
declare(Option("backup.at_exit", "bool", True, "退出程序时备份", SECTION))
declare(Option("backup.daily", "bool", True, "每天自动备份一次", SECTION,
               help="打开程序时，如果当天还没有备份，就在后台备份一次"))

Progress = Callable[[int, int, str], None]  # done, total (0: no measure of how far), what is being done
CHUNK = 1024 * 1024  # bytes read or written between two reports of progress
CANCELLED = "已取消备份，没有留下备份文件"
REPLACING = "备份当前数据库"  # the first step of a restore that is not cancelled any more


def _steps(progress: Progress | None, cancelled: Callable[[], bool] | None, message: str):
    """``step(done, total, phase, unit)``: tells ``progress`` how far a phase has got, in pages (``unit`` "页") or
    bytes ("字节", shown in MB), and raises ``Cancelled(message)`` once ``cancelled()`` says the user stopped."""
    def step(done: int, total: int, phase: str, unit: str = "") -> None:
        if progress is not None:
            if not total:
                text = phase
            elif unit == "字节":
                text = f"{phase}：{done / 1e6:,.1f} / {total / 1e6:,.1f} MB"
            else:
                text = f"{phase}：{done:,} / {total:,} {unit}"
            progress(done, total, text)
        if cancelled is not None and cancelled():
            raise Cancelled(message)
    return step


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    schema_version: int
    counts: dict[str, int]
    anchor: audit.Anchor
    files: int
    size: int = 0
    restored_from: str = ""

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass
class BackupResult:
    info: BackupInfo
    seconds: float
    removed: list[Path] = field(default_factory=list)


# ---- where ---------------------------------------------------------------------------------------------------------

def folder(data_dir: DataDir) -> Path:
    chosen = (settings.get("backup.folder") or "").strip()
    return Path(chosen) if chosen else data_dir.backups


def archive_name(now: dt.datetime) -> str:
    return f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"


def list_backups(where: Path) -> list[Path]:
    """The program's archives in ``where``, newest first (their names sort by date)."""
    try:
        found = [p for p in where.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def latest_backup(data_dir: DataDir, configured: bool = True) -> Path | None:
    """The newest archive that exists, in the configured folder and the data directory's own (for messages).
    ``configured=False`` when the database is missing or unreadable: reading the setting would open (and so
    create) the very file being reported on."""
    places = [data_dir.backups]
    if configured:
        try:
            places.insert(0, folder(data_dir))
        except Exception:  # noqa: BLE001 - settings unreadable: the data directory's own backups still count
            pass
    found = [p for place in places for p in list_backups(place)]
    return max(found, key=lambda p: p.name) if found else None


def made_today(data_dir: DataDir, today: dt.date | None = None) -> bool:
    """Whether the backup folder already holds an archive dated today (for the daily backup)."""
    stamp = f"{PREFIX}{(today or clock.today()):%Y%m%d}-"
    return any(p.name.startswith(stamp) for p in list_backups(folder(data_dir)))


@dataclass(frozen=True)
class ListedBackup:
    """One archive as the window lists it: readable (with its manifest) or not (with the reason)."""
    path: Path
    created: str
    rows: int
    files: int
    size: int
    audit_seq: int | None
    problem: str = ""


def listing(data_dir: DataDir) -> list[ListedBackup]:
    """The archives in the backup folder, newest first, from their manifests (the full check is ``verify``)."""
    out = []
    for path in list_backups(folder(data_dir)):
        try:
            info = info_of(path, read_manifest(path))
            out.append(ListedBackup(path, info.created.replace("T", " "), info.rows, info.files, info.size,
                                    info.anchor.seq))
        except ServiceError as err:
            out.append(ListedBackup(path, "", 0, 0, path.stat().st_size if path.exists() else 0, None, str(err)))
    return out


# ---- making one ----------------------------------------------------------------------------------------------------

def create(actor: Actor, data_dir: DataDir, out: str | os.PathLike | None = None,
           progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> BackupResult:
    """Write one archive (to ``out`` or the backup folder), verify it, prune old ones, record it in the audit log.

    ``progress`` is told the database's pages copied, then the bytes written into the archive, then the bytes
    verified; ``cancelled()`` is asked at each step until the verification has passed, and a cancelled backup leaves
    no file behind (not even a complete but unverified one)."""
    require(actor, "database.backup")
    if sqlite_path() is None:
        raise ServiceError("服务器数据库（PostgreSQL）请由服务器管理员用 pg_dump 备份；本程序只备份本机的 SQLite 数据库")
    t0 = time.perf_counter()
    now = clock.now()
    target = Path(out) if out else folder(data_dir) / archive_name(now)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServiceError(f"无法使用备份位置 {target.parent}：{_os_reason(exc)}") from None
    step = _steps(progress, cancelled, CANCELLED)
    stored = _stored_files(data_dir.files)
    part = target.with_name(target.name + ".part")
    try:
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as tmp:
            copy = Path(tmp) / DB_FILE
            step(0, 0, "复制数据库")
            snapshot_database(str(copy), lambda done, total: step(done, total, "复制数据库", "页"))
            step(0, 0, "检查数据库副本的完整性")
            manifest = _manifest_of(copy, now, len(stored))
            members = [(copy, DB_FILE, zipfile.ZIP_DEFLATED)] + [
                (path, "files/" + rel, zipfile.ZIP_STORED) for rel, path in stored]
            total = sum(path.stat().st_size for path, _, _ in members)
            written = 0
            with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                for path, name, compression in members:
                    zinfo = zipfile.ZipInfo.from_file(path, name)
                    zinfo.compress_type = compression
                    with open(path, "rb") as src, zf.open(zinfo, "w") as dst:
                        while chunk := src.read(CHUNK):
                            dst.write(chunk)
                            written += len(chunk)
                            step(written, total, "写入数据库和存档文件", "字节")
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            with open(part, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(part, target)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise ServiceError(f"备份没有完成：{_os_reason(exc)}（{target.parent}）；已有的备份和数据库都不受影响") from None
    except BaseException:  # cancelled, or anything else: no partial file stays
        part.unlink(missing_ok=True)
        raise
    try:
        info = verify(target, progress=progress, cancelled=cancelled)
        _agrees_with_live(info)
    except Cancelled:
        target.unlink(missing_ok=True)
        raise Cancelled(CANCELLED) from None
    except ServiceError as err:
        target.unlink(missing_ok=True)
        raise ServiceError(f"备份写入后核验不通过，已删除这份备份：{err}") from None
    # Only the backup folder is pruned: a file given with --out may sit among the user's own copies.
    removed = prune(target.parent, settings.get("backup.keep"), keep=target) if out is None else []
    if not writes_refused():  # a damaged database opened read-only: the backup is still worth having
        with write_transaction():
            audit.record(actor, "database.backup", "database", None,
                         after={"file": str(target), "audit_seq": info.anchor.seq, "rows": info.rows,
                                "files": info.files, "removed": [p.name for p in removed]})
    if progress is not None:
        progress(1, 1, "完成")
    return BackupResult(info, time.perf_counter() - t0, removed)


def _os_reason(exc: BaseException) -> str:
    """Why writing or reading a backup failed, in the words of that place (not of saving a form)."""
    text = str(exc).lower()
    errno = getattr(exc, "errno", None)
    if errno == 28 or "disk is full" in text:
        return "备份位置的磁盘已满，请换一个位置或删除其中不需要的文件"
    if errno == 30 or "readonly" in text or "read-only" in text:
        return "备份位置是只读的（U 盘或存储卡的写保护开关？）"
    if errno == 13:
        return "没有写入备份位置的权限"
    return getattr(exc, "strerror", None) or str(exc)


def _stored_files(root: Path) -> list[tuple[str, Path]]:
    if not root.exists():
        return []
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.endswith(".part"):
            out.append((path.relative_to(root).as_posix(), path))
    return out


def _manifest_of(copy: Path, now: dt.datetime, files: int) -> dict:
    con = open_sqlite_readonly(copy)
    try:
        problems = sqlite_integrity(con)
        if problems != ["ok"]:
            raise ServiceError("数据库复制出的副本未通过完整性检查：" + "；".join(problems[:3]) +
                               f"。当前数据库可能已损坏，请运行 {command_line('check')}")
        counts = sqlite_table_counts(con)
        version = sqlite_user_version(con)
        anchor = _anchor_of(con)
    finally:
        con.close()
    return {"format": FORMAT, "program": f"{APP_NAME} {__version__}", "created": now.isoformat(timespec="seconds"),
            "schema_version": version, "counts": counts, "files": files, "anchor": anchor.to_dict()}


def _anchor_of(con) -> audit.Anchor:
    head = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    if head is None:
        return audit.Anchor(0, audit.GENESIS)
    first = con.execute("SELECT hash FROM audit_log WHERE seq = 1").fetchone()
    return audit.Anchor(head[0], head[1], first[0] if first else "")


def _agrees_with_live(info: BackupInfo) -> None:
    """The archive's audit head is a point the live history passed through (the live log may have grown since)."""
    problems = audit.compare_anchor(info.anchor, "这份备份")
    if problems:
        raise ServiceError(problems[0])


def prune(where: Path, keep_count: int, keep: Path | None = None) -> list[Path]:
    """Delete the oldest of the program's archives in ``where`` beyond ``keep_count`` (never ``keep``)."""
    removed = []
    for path in list_backups(where)[max(1, keep_count):]:
        if keep is not None and path == keep:
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


# ---- checking one --------------------------------------------------------------------------------------------------

def read_manifest(path: str | os.PathLike) -> dict:
    """The manifest of an archive, or ``ServiceError`` saying why the file is not a usable backup of ours."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ServiceError(f"找不到备份文件 {path}")
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
            except KeyError:
                raise ServiceError(f"{name} 不是本程序的备份（其中没有备份说明 {MANIFEST}）") from None
    except zipfile.BadZipFile:
        raise ServiceError(f"{name} 不是本程序的备份，或文件不完整（可能复制时被截短）") from None
    except (ValueError, UnicodeDecodeError, zipfile.LargeZipFile, EOFError, zlib.error):
        raise ServiceError(f"{name} 的备份说明无法读取，文件已损坏") from None
    except OSError as exc:
        raise ServiceError(f"无法读取备份文件 {name}：{_os_reason(exc)}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ServiceError(f"{name} 不是本程序的备份（备份格式不符）")
    return manifest


def info_of(path: Path, manifest: dict) -> BackupInfo:
    try:
        return BackupInfo(path, str(manifest["created"]), int(manifest["schema_version"]),
                          {str(k): int(v) for k, v in manifest["counts"].items()},
                          audit.Anchor.from_dict(manifest["anchor"]), int(manifest.get("files", 0)),
                          path.stat().st_size)
    except (KeyError, TypeError, ValueError, AttributeError, OSError):
        raise ServiceError(f"{path.name} 的备份说明不完整，文件已损坏") from None


def verify(path: str | os.PathLike, extract_to: Path | None = None, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> BackupInfo:
    """Open the archive, check every member's checksum, the database's integrity, its rows per table and its audit
    head against the manifest. With ``extract_to`` the verified database and files are left there. ``progress`` is
    told the bytes read; ``cancelled()`` is asked at each step (``Cancelled``: nothing is left in ``extract_to``'s
    staging folder beyond what the caller cleans up)."""
    path = Path(path)
    step = _steps(progress, cancelled, "已取消核验备份，没有作任何改动")
    manifest = read_manifest(path)
    info = info_of(path, manifest)
    if info.schema_version > migrations.LATEST:
        raise ServiceError(f"{path.name} 由更新版本的程序生成（数据库版本 {info.schema_version}，本程序支持到 "
                           f"{migrations.LATEST}）；请安装新版程序后再恢复")
    with tempfile.TemporaryDirectory(prefix=".verify-", dir=extract_to) as tmp:
        where = extract_to or Path(tmp)
        try:
            with zipfile.ZipFile(path) as zf:
                entries = [e for e in zf.infolist() if not e.is_dir()]
                members = [e.filename for e in entries]
                if DB_FILE not in members:
                    raise ServiceError(f"{path.name} 中没有数据库文件，不是完整的备份")
                stored = {m for m in members if m.startswith("files/")}
                if len(stored) != info.files:
                    raise ServiceError(f"{path.name} 中的存档文件为 {len(stored)} 个，备份说明记载 {info.files} 个")
                for member in [DB_FILE, *stored]:
                    parts = Path(member)
                    if ".." in parts.parts or parts.is_absolute() or parts.drive:
                        raise ServiceError(f"{path.name} 中有不安全的文件名 {member}，拒绝使用")
                total, done = sum(e.file_size for e in entries), 0
                step(0, total, "核验备份", "字节")
                # every member is read to its end, which checks its checksum; the database and the files are kept
                for entry in entries:
                    keep = entry.filename == DB_FILE or entry.filename in stored
                    dest = where / entry.filename if keep else None
                    if dest is not None:
                        dest.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        with zf.open(entry) as src, (open(dest, "wb") if dest else contextlib.nullcontext()) as out:
                            while chunk := src.read(CHUNK):
                                if out is not None:
                                    out.write(chunk)
                                done += len(chunk)
                                step(done, total, "核验备份", "字节")
                    except zipfile.BadZipFile:
                        raise ServiceError(f"{path.name} 已损坏：其中的 {entry.filename} 校验不符") from None
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error):
            raise ServiceError(f"{path.name} 已损坏或不完整（可能复制时被截短）") from None
        except OSError as exc:
            raise ServiceError(f"无法读取备份 {path.name}：{_os_reason(exc)}") from None
        step(0, 0, "检查备份中数据库的完整性")
        _check_database_copy(where / DB_FILE, info)
    return info


def _check_database_copy(copy: Path, info: BackupInfo) -> None:
    try:
        con = open_sqlite_readonly(copy)
        try:
            problems = sqlite_integrity(con)
            if problems != ["ok"]:
                raise ServiceError(f"{info.path.name} 中的数据库未通过完整性检查：{problems[0]}")
            if sqlite_user_version(con) != info.schema_version:
                raise ServiceError(f"{info.path.name} 中的数据库版本与备份说明不符")
            counts = sqlite_table_counts(con)
            if counts != info.counts:
                diff = [f"{t}：{counts.get(t, 0)}/{n}" for t, n in info.counts.items() if counts.get(t, 0) != n]
                raise ServiceError(f"{info.path.name} 中的数据行数与备份说明不符（实有/应有 " + "，".join(diff[:5]) + "）")
            if _anchor_of(con).to_dict() | {"written": ""} != info.anchor.to_dict() | {"written": ""}:
                raise ServiceError(f"{info.path.name} 中的审计日志链尾与备份说明不符")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ServiceError(f"{info.path.name} 中的数据库无法读取（{exc}），备份已损坏") from None


# ---- restoring -----------------------------------------------------------------------------------------------------

@dataclass
class RestoreResult:
    info: BackupInfo
    safety_copy: Path | None
    replaced_anchor: audit.Anchor | None


def restore(actor: Actor, data_dir: DataDir, archive: str | os.PathLike, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> RestoreResult:
    """Replace the database and add the stored files from a verified archive; the current database is backed up
    first. The database must be closed by every other window. Leaves the proxy bound to the restored database.
    ``progress`` as for ``create``; ``cancelled()`` is asked while the archive is verified, before anything changes
    (``Cancelled``), and no longer once the replacing has begun."""
    require(actor, "database.backup")
    report = progress or (lambda done, total, what: None)
    db_file = data_dir.database_file
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir.root))
    try:
        info = verify(archive, extract_to=staging, progress=progress, cancelled=cancelled)
        report(0, 0, REPLACING)
        safety, replaced = _safety_copy(actor, data_dir, progress)
        report(0, 0, "恢复数据库")
        _release(db_file, damaged=safety is not None and safety.suffix == ".db")
        os.replace(staging / DB_FILE, db_file)
        files_root = staging / "files"
        if files_root.exists():
            for path in files_root.rglob("*"):
                if path.is_file():
                    dest = data_dir.files / path.relative_to(files_root)
                    if not dest.exists():
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(path, dest)
    except OSError as exc:
        raise ServiceError(f"恢复没有完成：{_os_reason(exc)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report(0, 0, "记录恢复")
    from app.workspace import open_workspace
    open_workspace(str(data_dir.root))
    with write_transaction():
        audit.record(actor, "database.restore", "database", None,
                     before={"anchor": replaced.to_dict() if replaced else None,
                             "safety_copy": str(safety) if safety else None},
                     after={"file": str(info.path), "created": info.created, "anchor": info.anchor.to_dict()})
    report(1, 1, "完成")
    return RestoreResult(info, safety, replaced)


def _release(db_file: Path, damaged: bool) -> None:
    """Close this program's connection and fold the write-ahead log into the file; a log that stays means another
    window or program still has the database open, and replacing the file under it would lose its work."""
    close_database()
    wal = Path(str(db_file) + "-wal")
    if wal.exists() and not damaged:
        try:
            con = sqlite3.connect(db_file)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()
        except sqlite3.Error:
            pass
    if wal.exists() and not damaged:
        raise ServiceError("数据库正被本程序的其他窗口或其他程序使用，不能恢复；请关闭其他窗口后再试。当前数据没有任何改动"
                           "（恢复前的备份已保存）")
    for suffix in ("-wal", "-shm"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)


def _safety_copy(actor: Actor, data_dir: DataDir, progress: Progress | None = None
                 ) -> tuple[Path | None, audit.Anchor | None]:
    """Back up the database about to be replaced: a verified archive when it is sound, else its raw file."""
    db_file = data_dir.database_file
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None, None
    where = data_dir.backups
    where.mkdir(parents=True, exist_ok=True)
    try:
        if os.path.abspath(sqlite_path() or "") != os.path.abspath(db_file):
            open_database(sqlite_url(db_file))
        replaced = audit.current_anchor()
        result = create(actor, data_dir, out=where / f"{PREFIX}{clock.now():%Y%m%d-%H%M%S}-恢复前{SUFFIX}",
                        progress=progress)
        return result.info.path, replaced
    except Exception:  # noqa: BLE001 - a damaged database: keep its bytes as they are
        close_database()
        raw = where / f"zhengwu-damaged-{clock.now():%Y%m%d-%H%M%S}.db"
        shutil.copyfile(db_file, raw)
        wal = Path(str(db_file) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, str(raw) + "-wal")
        return raw, audit.read_anchor(Path(str(db_file) + audit.ANCHOR_SUFFIX))
