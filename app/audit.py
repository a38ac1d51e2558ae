"""审计日志: who changed what, when, with the values before and after.

Every change a service makes writes one row here in the same transaction. Rows are hash-chained: each stores
SHA-256 over its own content and the previous row's hash, and ``audit_head`` holds the newest link, so an edited,
inserted or deleted row (the newest included) breaks the chain and ``verify_chain`` names the first bad row.

Someone who can edit the database can also recompute every hash after an edit, cut the tail or empty the log. So the
chain's head (sequence number and hash) is also kept outside the database — the 审计凭证: a small file beside it,
rewritten after every commit, copied into every backup, and printed as one line on exported and printed reports —
and ``compare_anchor`` tells where the history no longer agrees with one of them.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import hashlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from app import clock, files, tabular
from app.actor import Actor
from app.permissions import ROLES, require
from db.connection import (after_commit, before_commit, database, insert_rows, is_sqlite, sqlite_path,
                           stream, write_transaction)
from db.models import AuditHead, AuditLog

GENESIS = "0" * 64

# Chinese names of actions and entities for the viewer; modules add theirs with ``register_labels``.
ACTION_LABELS: dict[str, str] = {
    "office.create": "建立机关信息",
    "office.update": "修改机关信息",
    "user.create": "新增用户",
    "user.update": "修改用户",
    "user.reset_password": "重置密码",
    "user.change_password": "修改本人密码",
    "user.disable": "停用用户",
    "user.enable": "启用用户",
    "login.success": "登录",
    "login.failure": "登录失败",
    "login.locked": "账户锁定",
    "setting.update": "修改设置",
    "audit.export": "导出审计日志",
    "database.upgrade": "升级数据库",
}
ENTITY_LABELS: dict[str, str] = {
    "office": "机关信息",
    "user": "用户",
    "setting": "设置",
    "audit": "审计日志",
    "database": "数据库",
}


# Per entity: the Chinese names of the fields of its before/after values, and how a value reads in the window
# (an outcome code as its label, a user id as the user's name). Modules register theirs with ``register_labels``;
# the name tables are kept as given and read when shown, so that names a module adds to its table later count too.
_FIELD_NAMES: dict[str, list[Mapping[str, str]]] = {
    "user": [{"username": "用户名", "display_name": "姓名", "roles": "角色", "is_active": "在用",
              "must_change_password": "下次登录须修改密码", "reason": "原因", "failures": "连续失败次数",
              "locked_until": "锁定至"}],
    "setting": [{"value": "设置值"}],
    "audit": [{"rows": "导出条数", "filter": "筛选条件", "file": "文件"}],
}
VALUE_FORMATS: dict[str, dict[str, Callable[[Any], str]]] = {
    "user": {"roles": lambda v: ROLES[v], "reason": lambda v: {"unknown user": "用户名不存在", "disabled": "账户已停用",
                                  "locked": "账户已锁定"}.get(v, str(v))},
}
SYSTEM_USER = "system"  # the username of the program's own actor (set-up, migrations, command line)


def register_labels(actions: dict[str, str] | None = None, entities: dict[str, str] | None = None,
                    fields: dict[str, dict[str, str]] | None = None,
                    values: dict[str, dict[str, Callable[[Any], str]]] | None = None) -> None:
    """Add Chinese names: ``actions`` and ``entities`` by code; ``fields`` and ``values`` by entity, then field."""
    ACTION_LABELS.update(actions or {})
    ENTITY_LABELS.update(entities or {})
    for entity, names in (fields or {}).items():
        _FIELD_NAMES.setdefault(entity, []).append(names)
    for entity, formats in (values or {}).items():
        VALUE_FORMATS.setdefault(entity, {}).update(formats)


# Other modules' secrets in the recorded values: (permission, mask) — ``mask(json_text) -> json_text`` is applied to
# the before/after values shown to a user without ``permission`` (a complainant's identity, seed 000 第八条).
_MASKERS: list[tuple[str, Callable[[str | None], str | None]]] = []


def register_masker(permission: str, mask: Callable[[str | None], str | None]) -> None:
    _MASKERS.append((permission, mask))


def _maskers_for(actor: Actor) -> list[Callable[[str | None], str | None]]:
    return [mask for permission, mask in _MASKERS if not actor.can(permission)]


# ---- seals: a record's dependent rows (a request's history, fees, documents…) bound into each of its audit rows ----
# ``fn(entity_ids) -> {entity_id: digest}`` over the rows that belong to each record, as stored now (in this
# transaction). Every audit row of a sealed entity carries the digest under SEAL_KEY, so ``check`` can tell a dependent
# row changed, added or deleted outside the program although no audit row names it.
SEAL_KEY = "_rows"
_SEALS: dict[str, Callable[[list[str]], dict[str, str]]] = {}


def register_seal(entity: str, fn: Callable[[list[str]], dict[str, str]]) -> None:
    _SEALS[entity] = fn


def seal_of(entity: str) -> Callable[[list[str]], dict[str, str]] | None:
    return _SEALS.get(entity)


def _sealed(entity: str, items: list[tuple]) -> list[tuple]:
    """``(entity_id, before, after)`` with the seal added to ``after`` for records of a sealed entity."""
    fn = _SEALS.get(entity)
    ids = [str(i) for i, _, _ in items if i is not None]
    if fn is None or not ids:
        return items
    digests = fn(ids)
    out = []
    for entity_id, before, after in items:
        digest = digests.get(str(entity_id)) if entity_id is not None else None
        if digest is not None:
            after = {**(after if isinstance(after, dict) else {}), SEAL_KEY: digest}
        out.append((entity_id, before, after))
    return out


SEAL_CHUNK = 5_000  # records whose dependent rows are read per query


def dependents_seal(parent, key, children) -> Callable[[list[str]], dict[str, str]]:
    """A seal over the rows of ``children`` (``(model, foreign key field)`` pairs) that belong to records of ``parent``
    named in the audit trail by ``key`` (a field of ``parent``, e.g. the request's number).

    A recomputation seals 100,000 requests at once: the rows are read a chunk of records per query, in plain SQL with
    one placeholder per id, and each value converted by its field exactly as a peewee row dict would have it (the
    same keys and values, so the same digests) — building the queries through peewee and its row dicts took most of
    the time."""
    def seal(entity_ids: list[str]) -> dict[str, str]:
        db = parent._meta.database
        out: dict[str, str] = {}
        for i in range(0, len(entity_ids), SEAL_CHUNK):
            chunk = entity_ids[i:i + SEAL_CHUNK]
            ids = dict(_rows_where_in(db, (parent.id, key), key, chunk))
            rows: dict[int, list] = {pid: [] for pid in ids}
            for model, fk in children:
                table, fields = model._meta.table_name, model._meta.sorted_fields
                names = [f.name for f in fields]
                at = names.index(fk.name)
                for found in _rows_where_in(db, fields, fk, list(ids), order=model.id):
                    rows[found[at]].append((table, dict(zip(names, found))))
            out.update({str(ids[pid]): seal_digest(found) for pid, found in rows.items()})
        return out
    return seal


def _rows_where_in(db, fields, field, values, order=None):
    """The rows (``fields``' values, each converted as peewee converts it) of the table of ``field`` whose ``field`` is
    one of ``values``, in the order of ``order``."""
    if not values:
        return []
    sql, params = field.model.select(*fields).sql()
    column = f'"t1"."{field.column_name}"'
    sql += f" WHERE {column} IN ({', '.join([db.param] * len(values))})"
    if order is not None:
        sql += f' ORDER BY "t1"."{order.column_name}"'
    convert = [f.python_value if f._coerce else None for f in fields]
    cursor = db.execute_sql(sql, list(params) + [field.db_value(v) for v in values])
    return [tuple(v if c is None else c(v) for c, v in zip(convert, row)) for row in cursor]


_SEAL_ENCODER = None


def seal_digest(rows) -> str:
    """The digest of one record's dependent rows: ``rows`` are (table, row dict) in any order. Values read the same on
    every engine (an amount 12.0 from SQLite and 12.00 from PostgreSQL alike), so a database moved to a server keeps
    its seals."""
    global _SEAL_ENCODER
    if _SEAL_ENCODER is None:  # json.dumps with these arguments, without making an encoder for every row
        _SEAL_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_json_default)
    encode = _SEAL_ENCODER.encode
    canonical = sorted(encode([table, {k: _seal_value(v) for k, v in row.items()}]) for table, row in rows)
    return hashlib.sha256("\n".join(canonical).encode("utf-8")).hexdigest()


def _seal_value(value):
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, float):
        return format(decimal.Decimal(repr(value)).normalize(), "f")
    if isinstance(value, bytes):
        return value.hex()
    return value


def _dumps(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def row_hash(seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash) -> str:
    payload = json.dumps(
        [seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(actor: Actor, action: str, entity: str, entity_id=None, before=None, after=None) -> int:
    """Append one audit row. Must run inside the service's transaction; returns the row's sequence number."""
    db = database.obj
    if db.transaction_depth() == 0:
        raise RuntimeError("audit.record must run inside the change's transaction")
    query = AuditHead.select().where(AuditHead.id == 1)
    if not is_sqlite(db):
        query = query.for_update()  # serialise writers on server engines; SQLite holds the write lock already
    head = query.first()
    prev_seq, prev_hash = (head.seq, head.hash) if head else (0, GENESIS)
    seq = prev_seq + 1
    ts = clock.now().isoformat(sep=" ", timespec="seconds")
    user_id = actor.user_id
    entity_id = None if entity_id is None else str(entity_id)
    ((_, before, after),) = _sealed(entity, [(entity_id, before, after)])
    before_json, after_json = _dumps(before), _dumps(after)
    digest = row_hash(seq, ts, user_id, actor.username, action, entity, entity_id, before_json, after_json, prev_hash)
    AuditLog.insert(seq=seq, ts=ts, user_id=user_id, username=actor.username, action=action, entity=entity,
                    entity_id=entity_id, before_json=before_json, after_json=after_json, prev_hash=prev_hash,
                    hash=digest).execute()
    if head:
        AuditHead.update(seq=seq, hash=digest).where(AuditHead.id == 1).execute()
    else:
        AuditHead.insert(id=1, seq=seq, hash=digest).execute()
    before_commit(_write_pending_anchor)
    after_commit(write_anchor)
    return seq


def record_many(actor: Actor, action: str, entity: str, items, seal: bool = True) -> int:
    """Append one audit row per ``(entity_id, before, after)`` of ``items`` at once (a recomputation touching many
    records): the same rows ``record`` would write one by one, inserted in batches with one update of the head.
    ``seal=False`` when the change leaves every record's dependent rows as they were (the seal of its previous audit
    row still holds). Returns how many were written."""
    db = database.obj
    if db.transaction_depth() == 0:
        raise RuntimeError("audit.record_many must run inside the change's transaction")
    query = AuditHead.select().where(AuditHead.id == 1)
    if not is_sqlite(db):
        query = query.for_update()
    head = query.first()
    seq, prev_hash = (head.seq, head.hash) if head else (0, GENESIS)
    ts = clock.now().isoformat(sep=" ", timespec="seconds")
    rows = []
    items = list(items)
    for entity_id, before, after in (_sealed(entity, items) if seal else items):
        seq += 1
        entity_id = None if entity_id is None else str(entity_id)
        before_json, after_json = _dumps(before), _dumps(after)
        digest = row_hash(seq, ts, actor.user_id, actor.username, action, entity, entity_id, before_json, after_json,
                          prev_hash)
        rows.append((seq, ts, actor.user_id, actor.username, action, entity, entity_id, before_json, after_json,
                     prev_hash, digest))
        prev_hash = digest
    if not rows:
        return 0
    insert_rows(AuditLog, ("seq", "ts", "user_id", "username", "action", "entity", "entity_id", "before_json",
                           "after_json", "prev_hash", "hash"), rows)
    if head:
        AuditHead.update(seq=seq, hash=prev_hash).where(AuditHead.id == 1).execute()
    else:
        AuditHead.insert(id=1, seq=seq, hash=prev_hash).execute()
    before_commit(_write_pending_anchor)
    after_commit(write_anchor)
    return len(rows)


# ---- the anchor outside the database (审计凭证) ------------------------------------------------------------------

ANCHOR_SUFFIX = ".anchor"
ANCHOR_FILE_SIZE = 1024  # JSON padded with spaces: the head, the first hash and the pending head fit in ~400 bytes
log = logging.getLogger(__name__)
_anchor_file: Path | None = None  # set by the workspace for server databases; SQLite's sits beside its file


def configure_anchor(path: str | os.PathLike | None) -> None:
    global _anchor_file
    _anchor_file = Path(path) if path else None


def anchor_path() -> Path | None:
    path = sqlite_path()
    if path and path != ":memory:" and not path.startswith("file:"):
        return Path(path + ANCHOR_SUFFIX)
    return _anchor_file


@dataclass(frozen=True)
class Anchor:
    """The chain's head at one moment: how many rows, the newest hash, and the first hash (which database)."""
    seq: int
    hash: str
    first_hash: str = ""
    written: str = ""
    # Written just before a commit: the head the log had before it. A program killed between that write and the
    # commit (or between the commit and the anchor's rewrite) leaves the log at one of the two heads, not elsewhere.
    prev_seq: int | None = None
    prev_hash: str = ""

    def to_dict(self) -> dict:
        out = {"seq": self.seq, "hash": self.hash, "first_hash": self.first_hash, "written": self.written}
        if self.prev_seq is not None:
            out.update(pending=True, prev_seq=self.prev_seq, prev_hash=self.prev_hash)
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Anchor":
        seq, digest = d.get("seq"), d.get("hash")
        if not isinstance(seq, int) or seq < 0 or not isinstance(digest, str):
            raise ValueError("not an audit anchor")
        prev = d.get("prev_seq") if d.get("pending") else None
        return cls(seq, digest, str(d.get("first_hash") or ""), str(d.get("written") or ""),
                   prev if isinstance(prev, int) else None, str(d.get("prev_hash") or ""))

    def line(self) -> str:
        """The short line printed on reports, enough to compare with the log by eye or with ``check --anchor``."""
        return f"审计凭证：第{self.seq}条 {self.hash[:16]}"


def current_anchor() -> Anchor:
    head = AuditHead.get_or_none(AuditHead.id == 1)
    if head is None:
        return Anchor(0, GENESIS)
    first = AuditLog.select(AuditLog.hash).where(AuditLog.seq == 1).scalar() or ""
    return Anchor(head.seq, head.hash, first, clock.now().isoformat(sep=" ", timespec="seconds"))


def voucher_line() -> str:
    """The 审计凭证 line for an exported or printed report: the audit head at the moment it is produced, so that the
    paper copy is one more anchor (``check --anchor``). Empty when no database is open (a document rendered alone)."""
    if database.obj is None:
        return ""
    return current_anchor().line()


def parse_voucher(text: str) -> Anchor | None:
    """An anchor read back from a report's 审计凭证 line (the hash is the first 16 hex digits)."""
    m = re.search(r"第\s*(\d+)\s*条\s*([0-9a-f]{8,64})", text or "")
    return Anchor(int(m.group(1)), m.group(2)) if m else None


def write_anchor() -> None:
    """Rewrite the anchor file with the head as committed now (read back, so a slower writer never leaves an older
    head behind). A failure here cannot undo the committed change: it is logged and ``check`` reports the lag.
    Not fsynced (that doubled the time of every save): after a power cut the file may be one save behind, which
    ``check`` reports as rows without an anchor, never as a rewritten history."""
    _rewrite_anchor(lambda previous: current_anchor())


def _write_pending_anchor() -> None:
    """Just before the commit, inside the transaction: the head about to be committed, with the one before it."""
    def pending(previous: Anchor | None) -> Anchor:
        new = current_anchor()
        if previous is None or previous.seq < 0:
            return new
        return Anchor(new.seq, new.hash, new.first_hash, new.written, previous.seq, previous.hash)
    _rewrite_anchor(pending)


def _rewrite_anchor(make) -> None:
    path = anchor_path()
    if path is None:
        return
    try:
        with _exclusive(path.with_name(path.name + ".lock")):
            anchor = make(read_anchor(path))  # under the lock: the last writer to get it writes the newest head
            # Rewritten in place (a rename over the old file made ext4 flush it: 3 ms a save), always the same size
            # and in one write, so that a program killed meanwhile never leaves the JSON torn.
            text = json.dumps(anchor.to_dict()).encode("utf-8").ljust(ANCHOR_FILE_SIZE)
            with open(path, "r+b" if path.exists() else "wb") as fh:
                fh.write(text)
    except Exception as exc:  # noqa: BLE001 - the change is committed; the lag is reported by ``check``
        log.warning("审计凭证文件未能更新：%s", exc)


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """An OS lock between the program's processes (two windows saving at once)."""
    with open(lock_path, "a+b") as fh:
        if os.name == "nt":
            import msvcrt
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def read_anchor(path: str | os.PathLike | None = None) -> Anchor | None:
    """The anchor stored in ``path`` (default: beside the database); ``None`` when there is none."""
    path = Path(path) if path else anchor_path()
    if path is None or not path.exists():
        return None
    for _ in range(3):  # another window may be rewriting it this very moment
        try:
            return Anchor.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, AttributeError):
            time.sleep(0.05)
    return Anchor(-1, "")  # present but unreadable: reported by ``check``


def compare_anchor(anchor: Anchor, source: str, strict: bool = False) -> list[str]:
    """Where the log disagrees with ``anchor`` (empty: it agrees). ``strict``: the anchor must be the head itself
    (the file beside the database is rewritten after every commit), not only a point the history passed through."""
    if anchor.seq < 0:
        return [f"{source}无法读取（文件被改动或损坏）"]
    head = AuditHead.get_or_none(AuditHead.id == 1)
    head_seq = head.seq if head else 0
    rows = AuditLog.select().count()
    if strict and head and anchor.prev_seq is not None and (head.seq, head.hash) in (
            (anchor.seq, anchor.hash), (anchor.prev_seq, anchor.prev_hash)):
        return []  # the program stopped around a commit: the log is at the head before or after it
    if anchor.seq == 0:
        return []
    if rows == 0:
        return [f"审计日志是空的，但{source}记载已有 {anchor.seq} 条记录：日志被清空（或数据库被换成了空库）"]
    row = AuditLog.get_or_none(AuditLog.seq == anchor.seq)
    if row is None:
        last = AuditLog.select(AuditLog.seq).order_by(AuditLog.seq.desc()).scalar()
        return [f"审计日志只到第 {last} 条，{source}记载已有 {anchor.seq} 条：末尾的记录被删除"]
    problems = []
    if not row.hash.startswith(anchor.hash) or not anchor.hash:
        problems.append(f"第 {anchor.seq} 条记录的哈希与{source}记载的不同：此前的日志被改写并重新计算了哈希链，"
                        "或数据库被换成了别的副本")
    elif anchor.first_hash:
        first = AuditLog.select(AuditLog.hash).where(AuditLog.seq == 1).scalar()
        if first != anchor.first_hash:
            problems.append(f"第 1 条记录与{source}记载的不同：日志被整体改写")
    if strict and not problems and head_seq > anchor.seq:
        problems.append(f"第 {anchor.seq + 1}—{head_seq} 条记录没有{source}：可能是在程序之外追加的记录"
                        "（程序在保存后的一瞬间被强行关闭也会如此，下一次保存后即恢复一致）")
    return problems


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    bad_seq: int | None = None
    bad_id: int | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"审计日志完整：共 {self.rows} 条，哈希链连续"
        where = f"第 {self.bad_seq} 条（id={self.bad_id}）" if self.bad_seq is not None else "日志末尾"
        return f"审计日志被改动：{where}{self.reason}"


def verify_chain() -> ChainReport:
    """Walk the whole chain in order; report the first row whose content, order or link does not hold."""
    prev_hash, expected_seq, rows = GENESIS, 1, 0
    cursor = stream(
        "SELECT id, seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, prev_hash, hash "
        "FROM audit_log ORDER BY seq")
    for (rid, seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, link,
         digest) in cursor:
        rows += 1
        if seq != expected_seq:
            return ChainReport(False, rows, seq, rid, f"：序号应为 {expected_seq}，实为 {seq}（有记录被删除或插入）")
        if link != prev_hash:
            return ChainReport(False, rows, seq, rid, "：与上一条记录的哈希链接不符（前面有记录被删除、插入或修改）")
        if row_hash(seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, link) != digest:
            return ChainReport(False, rows, seq, rid, "：内容与哈希不符（该记录被修改）")
        prev_hash, expected_seq = digest, seq + 1
    head = AuditHead.get_or_none(AuditHead.id == 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != expected_seq - 1 or head_hash != prev_hash:
        return ChainReport(False, rows, None, None,
                           f"：链尾应为第 {head_seq} 条，实际只到第 {expected_seq - 1} 条（最新的记录被删除或改动）")
    return ChainReport(True, rows)


# ---- the viewer's queries -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive


SORT_KEYS = {
    "seq": AuditLog.seq,
    "ts": AuditLog.ts,
    "username": AuditLog.username,
    "action": AuditLog.action,
    "entity": AuditLog.entity,
    "entity_id": AuditLog.entity_id,
}


def _where(query, f: AuditFilter):
    if f.username:
        query = query.where(AuditLog.username == f.username)
    if f.action:
        query = query.where(AuditLog.action == f.action)
    if f.entity:
        query = query.where(AuditLog.entity == f.entity)
    if f.entity_id:
        query = query.where(AuditLog.entity_id == str(f.entity_id))
    if f.date_from:
        query = query.where(AuditLog.ts >= f.date_from.isoformat())
    if f.date_to:
        query = query.where(AuditLog.ts < (f.date_to + dt.timedelta(days=1)).isoformat())
    return query


def count(actor: Actor, f: AuditFilter) -> int:
    require(actor, "audit.view")
    return _where(AuditLog.select(), f).count()


def fetch(actor: Actor, f: AuditFilter, offset: int, limit: int, sort: str = "seq", descending: bool = True
          ) -> list[dict]:
    require(actor, "audit.view")
    col = SORT_KEYS.get(sort, AuditLog.seq)
    order = [col.desc() if descending else col.asc(), AuditLog.seq.desc() if descending else AuditLog.seq.asc()]
    rows = list(_where(AuditLog.select(), f).order_by(*order).offset(offset).limit(limit).dicts())
    names = user_names(r["username"] for r in rows)
    masked = not actor.can("request.view_identity")
    maskers = _maskers_for(actor)
    return [_as_dict(r, names, masked, maskers) for r in rows]


def _as_dict(r: dict, names: dict[str, str] | None = None, masked: bool = False, maskers=()) -> dict:
    """One row for the viewer; ``masked``: the applicant's identity number and contact details in the recorded
    values are hidden (for users who may not see them, such as the administrator); ``maskers`` hide what other
    modules keep secret from this user."""
    before, after = r["before_json"], r["after_json"]
    if masked:
        from app.requests.identity import mask_json
        before, after = mask_json(before), mask_json(after)
    for mask in maskers:
        before, after = mask(before), mask(after)
    return {
        "seq": r["seq"], "ts": r["ts"], "username": r["username"],
        "user_label": user_label(r["username"], names), "action": r["action"],
        "action_label": ACTION_LABELS.get(r["action"], r["action"]), "entity": r["entity"],
        "entity_label": ENTITY_LABELS.get(r["entity"], r["entity"]), "entity_id": r["entity_id"],
        "before": before, "after": after,
    }


def user_names(usernames=None) -> dict[str, str]:
    """username → display name, for the users in the log."""
    from db.models import User
    query = User.select(User.username, User.display_name)
    if usernames is not None:
        query = query.where(User.username.in_(list(set(usernames))))
    return {u.username: u.display_name for u in query}


def user_names_by_id(ids) -> dict[int, str]:
    from db.models import User
    return {u.id: u.display_name for u in User.select(User.id, User.display_name).where(User.id.in_(list(ids)))}


def user_label(username: str | None, names: dict[str, str] | None = None) -> str:
    """“张明（zhangming）”; the program's own entries read “系统”."""
    if username == SYSTEM_USER:
        return "系统"
    if not username:
        return "（未登录）"
    name = (names if names is not None else user_names([username])).get(username)
    return f"{name}（{username}）" if name and name != username else username


_ISO_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(:\d{2})?)(\.\d+)?")


def value_text(entity: str, field: str, value) -> str:
    """A stored value as the window shows it."""
    if value is None or value == "" or value == [] or value == {}:
        return "（空）"
    fmt = VALUE_FORMATS.get(entity, {}).get(field)
    if fmt is not None:
        try:
            return fmt(value)
        except (KeyError, TypeError, ValueError):
            pass  # an old or unknown code: show it as stored
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(value_text(entity, field, v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{field_label(entity, k)}：{value_text(entity, k, v)}" for k, v in value.items())
    if isinstance(value, str):
        return _ISO_MOMENT.sub(lambda m: f"{m.group(1)} {m.group(2)}", value)
    return str(value)


def field_names(entity: str) -> dict[str, str]:
    """Every field name registered for ``entity``, in the order registered."""
    out: dict[str, str] = {}
    for names in _FIELD_NAMES.get(entity, []):
        out.update(names)
    return out


def field_label(entity: str, field: str) -> str:
    return field_names(entity).get(field, field)


def change_lines(entity: str, before_json: str | None, after_json: str | None) -> list[str]:
    """The change of one audit row, field by field in Chinese: “状态：办理中 → 已答复”; a new record lists its
    fields, a removed one what it held."""
    def parse(text):
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return text

    before, after = parse(before_json), parse(after_json)
    if not isinstance(before or {}, dict) or not isinstance(after or {}, dict):
        return [f"修改前：{before_json or '（无）'}", f"修改后：{after_json or '（无）'}"]
    before, after = before or {}, after or {}
    names = field_names(entity)
    order = list(names)
    keys = sorted(set(before) | set(after), key=lambda k: (order.index(k) if k in order else len(order), k))
    lines = []
    for key in keys:
        if key == SEAL_KEY:
            continue  # the dependent rows' check value says nothing to a reader
        if key in before and key in after:
            if before[key] == after[key]:
                continue
            lines.append(f"{names.get(key, key)}：{value_text(entity, key, before[key])} → "
                         f"{value_text(entity, key, after[key])}")
        elif key in after:
            if after[key] in (None, "", [], {}):
                continue  # a new record's empty fields say nothing
            lines.append(f"{names.get(key, key)}：{value_text(entity, key, after[key])}")
        else:
            lines.append(f"{names.get(key, key)}：{value_text(entity, key, before[key])} → （删除）")
    return lines


def choices(actor: Actor) -> dict[str, list[str]]:
    """Distinct users, actions and entities present in the log, for the viewer's filter boxes."""
    require(actor, "audit.view")

    def distinct(col):
        return [v for (v,) in AuditLog.select(col).distinct().order_by(col).tuples()]

    usernames = distinct(AuditLog.username)
    names = user_names(usernames)
    return {"username": usernames, "action": distinct(AuditLog.action), "entity": distinct(AuditLog.entity),
            "user_labels": {u: user_label(u, names) for u in usernames}}


CSV_HEADER = ["序号", "时间", "用户", "操作", "操作代码", "对象", "对象编号", "修改前", "修改后"]


def export_csv(actor: Actor, f: AuditFilter, path: str) -> int:
    """Write the filtered log to a CSV file (UTF-8 with BOM so that Excel/WPS read the Chinese); returns rows.
    Fields go through ``app.tabular`` (no formulas); the file appears only once its audit row is committed."""
    require(actor, "audit.export")
    masked = not actor.can("request.view_identity")
    maskers = _maskers_for(actor)
    n = 0

    def rows():
        nonlocal n
        yield CSV_HEADER
        query = _where(AuditLog.select(), f).order_by(AuditLog.seq).dicts()
        for r in query.iterator():
            d = _as_dict(r, {}, masked, maskers)
            n += 1
            yield [d["seq"], d["ts"], d["username"], d["action_label"], d["action"], d["entity_label"],
                   d["entity_id"] or "", d["before"] or "", d["after"] or ""]
        yield [voucher_line()]

    def write(tmp: str) -> None:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
            tabular.write_csv_rows(fh, rows())

    def commit() -> None:
        with write_transaction():
            record(actor, "audit.export", "audit", None, after={"rows": n, "filter": f.__dict__, "file": path})

    files.deliver(path, write, commit)
    return n
