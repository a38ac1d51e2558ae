"""审计日志: who changed what, when, with the values before and after.

Every change a service makes writes one row here in the same transaction. Rows are hash-chained: each stores
SHA-256 over its own content and the previous row's hash, and ``audit_head`` holds the newest link, so an edited,
inserted or deleted row (the newest included) breaks the chain and ``verify_chain`` names the first bad row.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from app import clock, files, tabular
from app.actor import Actor
from app.permissions import ROLES, require
from db.connection import database, insert_rows, is_sqlite, stream, write_transaction
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
    before_json, after_json = _dumps(before), _dumps(after)
    digest = row_hash(seq, ts, user_id, actor.username, action, entity, entity_id, before_json, after_json, prev_hash)
    AuditLog.insert(seq=seq, ts=ts, user_id=user_id, username=actor.username, action=action, entity=entity,
                    entity_id=entity_id, before_json=before_json, after_json=after_json, prev_hash=prev_hash,
                    hash=digest).execute()
    if head:
        AuditHead.update(seq=seq, hash=digest).where(AuditHead.id == 1).execute()
    else:
        AuditHead.insert(id=1, seq=seq, hash=digest).execute()
    return seq


def record_many(actor: Actor, action: str, entity: str, items) -> int:
    """Append one audit row per ``(entity_id, before, after)`` of ``items`` at once (a recomputation touching many
    records): the same rows ``record`` would write one by one, inserted in batches with one update of the head.
    Returns how many were written."""
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
    for entity_id, before, after in items:
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
    return len(rows)


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
    return [_as_dict(r, names) for r in rows]


def _as_dict(r: dict, names: dict[str, str] | None = None) -> dict:
    return {
        "seq": r["seq"], "ts": r["ts"], "username": r["username"],
        "user_label": user_label(r["username"], names), "action": r["action"],
        "action_label": ACTION_LABELS.get(r["action"], r["action"]), "entity": r["entity"],
        "entity_label": ENTITY_LABELS.get(r["entity"], r["entity"]), "entity_id": r["entity_id"],
        "before": r["before_json"], "after": r["after_json"],
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
    n = 0

    def rows():
        nonlocal n
        yield CSV_HEADER
        query = _where(AuditLog.select(), f).order_by(AuditLog.seq).dicts()
        for r in query.iterator():
            d = _as_dict(r, {})
            n += 1
            yield [d["seq"], d["ts"], d["username"], d["action_label"], d["action"], d["entity_label"],
                   d["entity_id"] or "", d["before"] or "", d["after"] or ""]

    def write(tmp: str) -> None:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
            tabular.write_csv_rows(fh, rows())

    def commit() -> None:
        with write_transaction():
            record(actor, "audit.export", "audit", None, after={"rows": n, "filter": f.__dict__, "file": path})

    files.deliver(path, write, commit)
    return n
