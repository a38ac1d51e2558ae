"""核验 (``python -m app check``): is the database sound, and does it still say what the audit trail says?

Read-only from the first byte: the file is probed before SQLite opens it (empty, not a database, cut short), then
``integrity_check``, the audit hash chain, the chain's head against every anchor outside the database (the file beside
it, every backup's manifest, report lines given with ``--anchor``), and every business record against the values the
audit trail last recorded for it. Never raises for a broken file or folder: each finding is a plain sentence.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from app import audit
from app.paths import DataDir
from app.program import command_line
from db import migrations
from db.connection import bind_readonly, close_database, database, is_sqlite, open_database, sqlite_integrity
from db.errors import READ_ONLY

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cannot_check: bool = False  # the folder or file could not be read at all
    too_new: bool = False  # made by a newer program: not read further

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 3 if self.too_new else 2 if self.cannot_check else 1


# ---- business records against their last audited values -------------------------------------------------------------

@dataclass(frozen=True)
class Register:
    """A kind of record that may run to a million: compared a chunk at a time. ``key`` is the text field the audit
    trail names a record by (a request's number), ``snapshot(row)`` what its services write into the audit rows."""
    key: Any
    snapshot: Callable[[Any], dict]

    def chunks(self, size: int):
        """Every record's key, ``size`` at a time in the key's index order (each chunk read after the last key of
        the one before, so that no engine holds them all)."""
        last = None
        while True:
            query = self.key.model.select(self.key).order_by(self.key).limit(size)
            if last is not None:
                query = query.where(self.key > last)
            chunk = [k for (k,) in query.tuples()]
            if not chunk:
                return
            yield chunk
            last = chunk[-1]

    def rows(self, keys: list[str]) -> dict[str, dict]:
        model = self.key.model
        return {getattr(r, self.key.name): self.snapshot(r) for r in model.select().where(self.key.in_(keys))}


@dataclass(frozen=True)
class Tracked:
    """One kind of record whose audited values are compared: its audit entity name and ``rows()`` giving
    ``{entity_id: snapshot}`` as stored now — the same snapshot its services write into the audit rows, so the fields
    compared are the snapshot's (other keys an audit row carries, such as a document number, are not fields).
    A large register gives ``register`` instead, and is read a chunk at a time."""
    entity: str
    label: str
    rows: Callable[[], dict[str, dict]] | None = None
    removed_by: frozenset[str] = frozenset()  # actions after which the record is meant to be gone
    dependents: str = ""  # what its sealed dependent rows are (audit.register_seal), as a reader names them
    register: Register | None = None


_REGISTERED: dict[str, Tracked] = {}


def register_tracked(kind: Tracked) -> None:
    """A work module's records, compared like the built-in ones (its hooks call this)."""
    _REGISTERED[kind.entity] = kind


def _requests() -> Register:
    from app.requests import records
    from db.models import Request
    return Register(Request.number, records.snapshot)


def _users() -> dict[str, dict]:
    from app import users
    from db.models import User
    return {str(u.id): users.snapshot(u) for u in User.select()}


def _office() -> dict[str, dict]:
    from db.models import Office
    from app.office import FIELDS
    return {str(o.id): {k: getattr(o, k) for k in FIELDS} for o in Office.select()}


def _settings() -> dict[str, dict]:
    from db.models import Setting
    out = {}
    for s in Setting.select():
        try:
            out[s.key] = {"value": json.loads(s.value)}
        except ValueError:
            out[s.key] = {"value": s.value}
    return out


def _review_cases() -> dict[str, dict]:
    from app.requests.review_cases import _snapshot
    from db.models import ReviewCase
    return {str(c.id): _snapshot(c) for c in ReviewCase.select()}


def tracked() -> list[Tracked]:
    from app import modules
    modules.load()
    return [
        Tracked("request", "申请", register=_requests(),
                dependents="办理记录、期限中止、征求意见、收费、送达、文书或附件"),
        Tracked("user", "用户", _users),
        Tracked("office", "机关信息", _office),
        Tracked("setting", "设置", _settings),
        Tracked("review_case", "复议诉讼案件", _review_cases),
        *_REGISTERED.values(),
    ]


def _normal(value):
    """Values as the audit trail stores them (JSON: dates as ISO text)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return json.loads(audit._dumps(value))  # noqa: SLF001


COMPARE_CHUNK = 2_000  # records of a large register compared at a time


def compare_records(limit: int = 50) -> list[str]:
    """Every tracked record whose stored values differ from the values its audit rows last recorded; records with no
    audit row at all; records the audit trail created that are gone. A large register is read a chunk of records at
    a time, with the audit rows of those records (by the audit log's record index), so that memory stays the same
    whatever its size."""
    problems: list[str] = []
    for kind in tracked():
        if kind.register is None:
            stored = kind.rows()
            audited, last_action = _audited(kind.entity)
            problems += _compare(kind, stored, audited)
            problems += [_gone(kind, entity_id) for entity_id, action in last_action.items()
                         if entity_id not in stored and action not in kind.removed_by]
        else:
            for chunk in kind.register.chunks(COMPARE_CHUNK):
                audited, _ = _audited(kind.entity, chunk)
                problems += _compare(kind, kind.register.rows(chunk), audited)
                if len(problems) > limit:
                    break
            problems += [_gone(kind, entity_id) for entity_id in _gone_from_register(kind)]
        if len(problems) > limit:
            break
    if len(problems) > limit:
        problems = problems[:limit] + [f"……另有 {len(problems) - limit} 处不一致"]
    return problems


def _audited(entity: str, ids: list[str] | None = None) -> tuple[dict[str, dict], dict[str, str]]:
    """The values the audit rows of ``entity`` (of the records ``ids``) last recorded, and each record's last action."""
    db = database.obj
    sql = "SELECT entity_id, action, after_json FROM audit_log WHERE entity = {p} AND entity_id IS NOT NULL"
    params: list = [entity]
    if ids is not None:
        sql += f" AND entity_id IN ({', '.join(['{p}'] * len(ids))})"
        params += ids
    audited: dict[str, dict] = {}
    last_action: dict[str, str] = {}
    for entity_id, action, after_json in db.execute_sql(sql.format(p=db.param) + " ORDER BY seq", params):
        state = audited.setdefault(entity_id, {})
        last_action[entity_id] = action
        if after_json:
            try:
                after = json.loads(after_json)
            except ValueError:
                continue
            if isinstance(after, dict):
                state.update(after)
    return audited, last_action


def _compare(kind: Tracked, stored: dict[str, dict], audited: dict[str, dict]) -> list[str]:
    problems: list[str] = []
    seal = audit.seal_of(kind.entity)
    if seal is not None:
        for entity_id, digest in seal(list(stored)).items():
            stored[entity_id] = {**stored[entity_id], audit.SEAL_KEY: digest}
    for entity_id, values in stored.items():
        if entity_id not in audited:
            problems.append(f"{kind.label} {entity_id}：审计日志中没有它的任何记录（在程序之外插入）")
            continue
        for name, expected in audited[entity_id].items():
            if name not in values:
                continue
            actual = _normal(values[name])
            if actual != expected and name == audit.SEAL_KEY:
                problems.append(f"{kind.label} {entity_id} 的{kind.dependents or '关联记录'}与审计日志最后记录的不符"
                                "（在程序之外被修改、添加或删除）")
            elif actual != expected:
                label = audit.field_label(kind.entity, name)
                problems.append(f"{kind.label} {entity_id} 的“{label}”：数据库中为 {_show(actual)}，"
                                f"审计日志最后记录的是 {_show(expected)}（在程序之外被修改）")
    return problems


def _gone(kind: Tracked, entity_id: str) -> str:
    return f"{kind.label} {entity_id}：审计日志中有它，数据库中却没有（在程序之外被删除）"


def _gone_from_register(kind: Tracked) -> list[str]:
    """Records of a large register that the audit trail names and the register no longer holds, unless their last
    audit row removed them: found in SQL (each name looked up in the register's key index)."""
    db = database.obj
    key = kind.register.key
    table, column = key.model._meta.table_name, key.column_name
    sql = (f'SELECT a.entity_id, a.action FROM audit_log a WHERE a.entity = {db.param} AND a.entity_id IS NOT NULL '
           f'AND NOT EXISTS (SELECT 1 FROM "{table}" t WHERE t."{column}" = a.entity_id) ORDER BY a.seq')
    last: dict[str, str] = {}
    for entity_id, action in db.execute_sql(sql, [kind.entity]):
        last[entity_id] = action
    return [entity_id for entity_id, action in last.items() if action not in kind.removed_by]


def _show(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


# ---- anchors ----------------------------------------------------------------------------------------------------------

def backup_anchors(dd: DataDir) -> list[tuple[str, audit.Anchor, str]]:
    """(label, anchor, created) of every archive in the backup folders."""
    from app.backup import MANIFEST, list_backups
    import zipfile
    places = [dd.backups]
    try:
        from app import settings
        chosen = (settings.get("backup.folder") or "").strip()
        if chosen:
            places.append(Path(chosen))
    except Exception:  # noqa: BLE001 - settings unreadable in a damaged file: the data folder's backups still count
        pass
    out = []
    for place in places:
        for path in list_backups(place):
            try:
                with zipfile.ZipFile(path) as zf:
                    manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
                out.append((f"备份 {path.name} 的审计凭证", audit.Anchor.from_dict(manifest["anchor"]),
                            str(manifest.get("created", ""))))
            except Exception:  # noqa: BLE001 - a broken archive is not an anchor; ``restore`` says why
                continue
    return out


def _restores() -> list[tuple[str, int]]:
    """(time, seq of the restored head) of every restore in the log, oldest first."""
    out = []
    for ts, after_json in database.obj.execute_sql(
            "SELECT ts, after_json FROM audit_log WHERE action = 'database.restore' ORDER BY seq"):
        try:
            out.append((ts, int(json.loads(after_json)["anchor"]["seq"])))
        except (ValueError, KeyError, TypeError):
            continue
    return out


def compare_anchors(dd: DataDir, given: list[audit.Anchor]) -> tuple[list[str], list[str]]:
    problems, notes = [], []
    side = audit.read_anchor()
    if side is None:
        if audit.AuditLog.select().exists():
            problems.append(f"数据库旁的审计凭证文件 {audit.anchor_path()} 不见了：可能被删除（刚换用本版本程序、"
                            "还没有保存过任何修改时也会如此，保存一次后即建立）")
    else:
        problems += audit.compare_anchor(side, "数据库旁的审计凭证", strict=True)
    restores = _restores()
    used = skipped = 0
    for label, anchor, created in backup_anchors(dd):
        # A backup made before a restore may hold history the restore replaced: only the part up to the restored
        # head is still expected to agree (the restore itself is in the log).
        later_restore = [seq for ts, seq in restores if created and ts >= created.replace("T", " ")]
        if later_restore and anchor.seq > min(later_restore):
            skipped += 1
            continue
        used += 1
        problems += audit.compare_anchor(anchor, label)
    for anchor in given:
        problems += audit.compare_anchor(anchor, f"报告上的审计凭证（第{anchor.seq}条）")
    if used:
        notes.append(f"已与 {used} 份备份中的审计凭证比对")
    if skipped:
        notes.append(f"{skipped} 份备份早于最近一次恢复且含被恢复替换的记录，未用于比对")
    return problems, notes


# ---- the whole check --------------------------------------------------------------------------------------------------

def probe_file(path: Path) -> str | None:
    """What is wrong with the file before SQLite reads it, or ``None``."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except PermissionError:
        return f"无法读取数据库文件 {path}：没有读取权限"
    except OSError as exc:
        return f"无法读取数据库文件 {path}：{exc.strerror}"
    if size == 0:
        return f"数据库文件 {path} 是空的（0 字节）"
    if not header.startswith(SQLITE_HEADER):
        return f"{path} 不是 SQLite 数据库文件（文件头不符），可能被别的文件覆盖或已损坏"
    if len(header) < 100:
        return f"数据库文件 {path} 被截短，只剩 {size} 字节"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size and size % page_size:
        return f"数据库文件 {path} 被截短或损坏：{size} 字节不是页大小 {page_size} 的整数倍"
    if pages and size < pages * page_size:
        return f"数据库文件 {path} 被截短：文件头记载 {pages} 页（{pages * page_size} 字节），实际只有 {size} 字节"
    return None


def run_check(data_dir: str | None, given: list[audit.Anchor] | None = None) -> CheckReport:
    dd = DataDir(data_dir)
    report = CheckReport()
    path = dd.database_file
    try:
        exists = path.exists()
        os.listdir(dd.root) if dd.root.exists() else None
    except PermissionError:
        report.cannot_check = True
        report.problems.append(f"无法读取数据目录 {dd.root}：没有读取权限；请以有权限的用户运行，或请管理员检查文件夹权限")
        return report
    except OSError as exc:
        report.cannot_check = True
        report.problems.append(f"无法读取数据目录 {dd.root}：{exc.strerror}")
        return report
    if dd.root.exists() and not os.access(dd.root, os.W_OK):
        report.problems.append(f"{READ_ONLY}（{dd.root}）。检查照常进行，但程序不能在这里保存")
    anchor_file = Path(str(path) + audit.ANCHOR_SUFFIX)
    if not exists or path.stat().st_size == 0:
        side = audit.read_anchor(anchor_file)
        report.cannot_check = True
        if side is not None and side.seq > 0:
            report.problems.append(f"数据库文件 {path} {'不存在' if not exists else '是空的'}，但审计凭证表明其中已有 "
                                   f"{side.seq} 条审计记录：数据库被删除、移走或清空。{_hint(dd)}")
        else:
            report.problems.append(f"数据库文件 {path} {'不存在' if not exists else '是空的'}"
                                   f"（尚未初始化？运行 {command_line('init')}）")
        return report
    bad = probe_file(path)
    if bad:
        report.cannot_check = True
        report.problems.append(f"{bad}。{_hint(dd)}")
        return report
    try:
        bind_readonly(path)
        try:
            _check_open(dd, report, given or [])
        finally:
            close_database()
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"数据库文件 {path} 无法读取（{exc}）：文件已损坏。{_hint(dd)}")
    except Exception as exc:  # noqa: BLE001 - peewee wraps sqlite3's errors; a check must never end in a traceback
        from db.errors import explain
        report.problems.append(f"数据库文件 {path} 无法读取（{explain(exc) or exc}）。{_hint(dd)}")
    return report


def run_server_check(data_dir: str | None, url: str, given: list[audit.Anchor] | None = None) -> CheckReport:
    """``check`` of a server database: the same audit chain, anchors and record comparison; the pages themselves are
    the server's to keep (its own checksums and the server administrator's ``pg_dump``). Reads only."""
    dd = DataDir(data_dir)
    report = CheckReport()
    try:
        open_database(url)
    except Exception as exc:  # noqa: BLE001 - the driver's connection errors have no common base to name
        report.cannot_check = True
        report.problems.append(f"无法连接服务器数据库：{str(exc).strip().splitlines()[0] if str(exc).strip() else exc}")
        return report
    audit.configure_anchor(dd.root / "audit.anchor")  # the seat's anchor, as the workspace keeps it
    try:
        _check_open(dd, report, given or [])
    except Exception as exc:  # noqa: BLE001 - a check must never end in a traceback
        from db.errors import explain
        report.problems.append(f"服务器数据库无法读取（{explain(exc) or exc}）")
    finally:
        close_database()
    return report


def _check_open(dd: DataDir, report: CheckReport, given: list[audit.Anchor]) -> None:
    db = database.obj
    if is_sqlite(db):
        try:
            rows = sqlite_integrity(db.connection())
        except sqlite3.DatabaseError as exc:
            rows = [f"文件已损坏，检查中途无法继续读取（{exc}）"]
        if rows == ["ok"]:
            report.notes.append("数据库完整性：正常")
        else:
            report.problems.append("数据库完整性检查不通过：" + "；".join(rows[:5]) + f"。{_hint(dd)}")
            return
    else:
        report.notes.append("服务器数据库：数据页的完整性由 PostgreSQL 服务器自行维护")
    version = migrations.current_version(db)
    if version > migrations.LATEST:
        report.too_new = True
        report.problems.append(str(migrations.DatabaseTooNew(version, migrations.LATEST)))
        return
    if version < migrations.LATEST:
        report.notes.append(f"数据库版本 {version}，低于本程序的 {migrations.LATEST}（运行 {command_line('init')} 升级）")
    chain = audit.verify_chain()
    (report.notes if chain.ok else report.problems).append(chain.describe())
    problems, notes = compare_anchors(dd, given)
    report.problems += problems
    report.notes += notes
    if not problems:
        report.notes.append(f"审计凭证一致：{audit.current_anchor().line()}")
    if version == migrations.LATEST:
        records = compare_records()
        if records:
            report.problems.append("以下记录与审计日志最后记录的内容不一致：")
            report.problems += ["  " + p for p in records]
        else:
            report.notes.append("每条业务记录都与审计日志最后记录的内容一致")


def _hint(dd: DataDir) -> str:
    from app.workspace import _backup_hint
    return _backup_hint(dd, configured=False)
