"""A realistic register of N requests for the benchmarks, written in bulk (a benchmark set-up, not a service path).

Applicants, descriptions and outcomes are drawn as the demo draws them (``app.requests.demo``); each request gets its
history (registration, start, decision, delivery, archive), a notice, a delivery and one audit row (the chain is
valid, so ``check`` runs on it). Ten years of receipts end at the benchmark's today; ``open_share`` of the requests,
the newest, are still open (a district's backlog), so that deadline recomputation has work of that size.

SQLite: one transaction through the sqlite3 module, the FTS index rebuilt once at the end. PostgreSQL: ``COPY``, the
foreign keys and secondary indexes made again once at the end. The rate counts the writing; the index time is
``index_seconds``.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import random
import time
from dataclasses import dataclass

TODAY = dt.date(2026, 11, 20)
YEARS = 10
RARE_NAME = "欧阳春晓"  # the applicant of a handful of requests: the benchmarks' rare search term


@dataclass
class Built:
    rows: int
    seconds: float
    request_seconds: float
    index_seconds: float
    counts: dict


@functools.lru_cache(maxsize=None)
def _workday_after(day: dt.date, n: int) -> dt.date:
    # The benchmark does not need the official calendar for its stored dates: weekends only. Ten years hold some
    # 3,650 receipt days: each (day, n) is computed once.
    weeks, rest = divmod(n, 5)
    day += dt.timedelta(days=7 * weeks)
    while rest:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day


POOL = 4_096  # applicants, descriptions and decision details are drawn from pools this size (as the demo draws them)


class _Writer:
    """Collects rows per table and writes them in large batches."""

    def __init__(self, db, sqlite: bool):
        self.db, self.sqlite = db, sqlite
        self.buffers: dict[str, list[tuple]] = {}
        self.columns: dict[str, tuple[str, ...]] = {}
        self.counts: dict[str, int] = {}
        self.defaults: dict[str, tuple] = {}

    def add(self, model, cols: tuple[str, ...], row: tuple) -> None:
        """One row of ``model`` with the values of ``cols``; every other column gets the model's default."""
        table = model._meta.table_name
        defaults = self.defaults.get(table)
        if defaults is None:
            fields = [f for f in model._meta.sorted_fields if f.column_name not in cols and f.column_name != "id"]
            self.columns[table] = tuple(cols) + tuple(f.column_name for f in fields)
            defaults = self.defaults[table] = tuple(_default(f) for f in fields)
            self.buffers[table] = []
        buf = self.buffers[table]
        buf.append(row + defaults)
        if len(buf) >= 20_000:
            self.flush()  # every table, in the order first seen: referenced rows before their references

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.buffers):
            rows = self.buffers.get(name) or []
            if not rows:
                continue
            cols = self.columns[name]
            if self.sqlite:
                marks = ", ".join("?" * len(cols))
                self.db.executemany(f'INSERT INTO "{name}" ({", ".join(cols)}) VALUES ({marks})', rows)
            else:  # CSV through the csv module's C writer; \N (which no value here is) stands for NULL
                text = io.StringIO()
                null = "\\N"
                csv.writer(text, lineterminator="\n").writerows(
                    [null if v is None else v for v in r] for r in rows)
                text.seek(0)
                with self.db.cursor() as cur:
                    cur.copy_expert(f'COPY "{name}" ({", ".join(cols)}) FROM STDIN WITH (FORMAT csv, NULL \'\\N\')',
                                    text)
            self.counts[name] = self.counts.get(name, 0) + len(rows)
            self.buffers[name] = []


def _default(field):
    value = field.default() if callable(field.default) else field.default
    if value is None and not field.null:
        raise ValueError(f"{field.model._meta.table_name}.{field.column_name} needs a value in the benchmark data")
    return value


REQ_COLS = ("id", "number", "received_date", "channel", "applicant_type", "applicant_name", "id_type", "id_number",
            "uscc", "legal_rep", "contact_person", "phone", "address", "postcode", "email", "description", "doc_title",
            "doc_ref", "purpose", "form_wanted", "delivery_wanted", "notes", "officer_id", "state", "reply_days",
            "clock_start", "extension_days", "extension_approver", "extension_reason", "due_date", "original_due",
            "due_provisional", "outcome", "outcome_detail", "decided_date", "delivered_date", "archived_date",
            "source", "created_at", "updated_at")
EVENT_COLS = ("request_id", "ts", "event_date", "user_id", "username", "action", "from_state", "to_state", "note",
              "clock_effect", "data")
DOC_COLS = ("request_id", "kind", "doc_number", "version", "content", "stored_path", "sha256", "issued_at",
            "issued_by", "outputs")
DELIVERY_COLS = ("request_id", "method", "delivered_date", "tracking_number", "recipient", "note")
LOADED = ("disclosure_request", "request_event", "request_document", "request_delivery", "audit_log")
AUDIT_COLS = ("seq", "ts", "user_id", "username", "action", "entity", "entity_id", "before_json", "after_json",
              "prev_hash", "hash")


def build(url: str, rows: int, seed: int = 7, open_share: float = 0.1) -> Built:
    """Create, migrate and fill the database at ``url`` (which must be new and empty)."""
    from app import audit
    from app.requests import catalog
    from app.requests.demo import WEIGHTS, Demo
    from app.users import create_user
    from app.actor import system_actor
    from db import migrations
    from db.connection import database, is_sqlite, open_database
    from db.models import AuditLog, Delivery, IssuedDocument, Request, RequestEvent
    started = time.perf_counter()
    db = open_database(url)
    migrations.migrate(db)
    clerk = create_user(system_actor("测量"), "bench", "测量员", "Bench-2026-zwgk", ["clerk"])
    sqlite = is_sqlite()
    rng = random.Random(seed)
    demo = Demo(rng, [], None)
    demo.pending_outcomes = []
    outcomes, weights = list(WEIGHTS), list(WEIGHTS.values())
    first = TODAY - dt.timedelta(days=365 * YEARS)
    span = (TODAY - first).days
    n_open = int(rows * open_share)
    head = audit.GENESIS
    seq = 0
    if sqlite:
        raw = db.connection()
        raw.execute("PRAGMA synchronous = OFF")
        triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND name LIKE 'request_fts_%'").fetchall()
        for name, _ in triggers:
            raw.execute(f'DROP TRIGGER "{name}"')  # the index is rebuilt once at the end, the triggers made again
        target = raw
        raw.execute("BEGIN")
    else:
        raw = db.connection()
        raw.autocommit = False
        target = raw
        with raw.cursor() as cur:
            cur.execute("SELECT seq, hash FROM audit_head WHERE id = 1")
            got = cur.fetchone()
            if got:
                seq, head = got
            cur.execute("SET synchronous_commit = off")
            # As a restore loads a dump: the foreign keys and the indexes that back no constraint are dropped and
            # made again once the rows are in (kept while copying, each row's trigrams went into the GIN indexes
            # and each reference was checked one by one: 4,751 rows/s; with only the trigram indexes dropped, 29,000).
            loaded = list(LOADED)
            cur.execute("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE contype = 'f' AND (conrelid::regclass::text = ANY(%s) "
                        "OR confrelid::regclass::text = ANY(%s))", (loaded, loaded))
            foreign_keys = cur.fetchall()
            for table, name, _ in foreign_keys:
                cur.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            cur.execute("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
                        "WHERE indrelid::regclass::text = ANY(%s) "
                        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)", (loaded,))
            indexes = cur.fetchall()
            for name, _ in indexes:
                cur.execute(f"DROP INDEX {name}")
    if sqlite:
        got = raw.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        if got:
            seq, head = got
    w = _Writer(target, sqlite)
    applicants = [demo.applicant(TODAY) for _ in range(POOL)]
    descriptions = [demo.description(first + dt.timedelta(days=span * k // POOL)) for k in range(POOL)]
    # 逾期不补正 / 逾期不缴费 conclude by the lapse of the applicant's period: no reason is typed for them.
    details = {o: [json.dumps({} if o in ("other_1", "other_2") else demo.detail(o) or {}, ensure_ascii=False)
                   for _ in range(8)] for o in outcomes}
    per_year: dict[int, int] = {}
    uid = clerk["id"]
    # Ten years hold some 3,650 days and a dozen outcomes: their texts are made once each.
    iso = functools.lru_cache(maxsize=None)(dt.date.isoformat)
    moment = functools.lru_cache(maxsize=None)(lambda day: dt.datetime.combine(day, dt.time(9, 30)).isoformat(sep=" "))
    outcome_json = functools.lru_cache(maxsize=None)(json.dumps)
    channels = list(catalog.CHANNELS)[:6]
    t_req = time.perf_counter()
    for i in range(rows):
        received = first + dt.timedelta(days=span * i // rows)
        year_seq = per_year[received.year] = per_year.get(received.year, 0) + 1
        number = f"{received.year}-依申请-{year_seq:06d}"
        who = applicants[i % POOL] if i % 7 else demo.applicant(received)  # mostly from the pool, some fresh
        if i % 50_000 == 7:
            who = {"applicant_type": "natural", "applicant_name": RARE_NAME, "id_type": "resident_id",
                   "id_number": who.get("id_number", ""), "phone": who["phone"], "address": who["address"]}
        is_open = i >= rows - n_open
        due = _workday_after(received, 20)
        now = moment(received)
        if is_open:
            state, outcome, decided, delivered, archived, detail = (rng.choice(catalog.OPEN_STATES[:2]), None, None,
                                                                    None, None, "{}")
        else:
            outcome = rng.choices(outcomes, weights=weights)[0]
            decided = min(_workday_after(received, rng.randint(3, 20)), TODAY)
            delivered = min(decided + dt.timedelta(days=rng.randint(0, 3)), TODAY)
            archived = delivered
            state = "archived"
            detail = details[outcome][i % 8]
        row = (i + 1, number, iso(received), rng.choice(channels), who["applicant_type"],
               who["applicant_name"], who.get("id_type", ""), who.get("id_number", ""), who.get("uscc", ""),
               who.get("legal_rep", ""), who.get("contact_person", ""), who["phone"], who["address"], "", 
               who.get("email", ""), descriptions[(i * 31) % POOL], "", "", "", "paper", "post",
               "来电催办" if i % 97 == 0 else "", uid, state, 20, iso(received), 0, "", "",
               iso(due), iso(due), False, outcome, detail,
               decided and iso(decided), delivered and iso(delivered),
               archived and iso(archived), "registered", now, now)
        w.add(Request, REQ_COLS, row)
        rid = i + 1
        w.add(RequestEvent, EVENT_COLS, (rid, now, iso(received), uid, "测量员", "register", None,
                                            "registered", "", "答复期限 20 个工作日", "{}"))
        if not is_open:
            w.add(RequestEvent, EVENT_COLS, (rid, now, iso(received), uid, "测量员", "start", "registered",
                                                "processing", "", "", "{}"))
            w.add(RequestEvent, EVENT_COLS, (rid, now, iso(decided), uid, "测量员", "decide", "processing",
                                                "replied", catalog.OUTCOMES[outcome].label, "", "{}"))
            w.add(RequestEvent, EVENT_COLS, (rid, now, iso(delivered), uid, "测量员", "archive", "replied",
                                                "archived", "", "", "{}"))
            w.add(IssuedDocument, DOC_COLS, (rid, "reply", f"某政公开〔{received.year}〕{year_seq}号", 1,
                                                 detail, f"documents/{rid % 256:02x}/{rid}.pdf", "0" * 64, now, uid,
                                                 "[]"))
            w.add(Delivery, DELIVERY_COLS, (rid, "post", iso(delivered), f"XA{rid:010d}", "", ""))
        seq += 1
        after = f'{{"number":"{number}","state":"{state}","outcome":{outcome_json(outcome)}}}'
        ts = now[:19]
        digest = audit.row_hash(seq, ts, uid, "bench", "request.register", "request", number, None, after, head)
        w.add(AuditLog, AUDIT_COLS, (seq, ts, uid, "bench", "request.register", "request", number, None, after,
                                        head, digest))
        head = digest
    w.flush()
    request_seconds = time.perf_counter() - t_req
    t_idx = time.perf_counter()
    if sqlite:
        raw.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, head))
        for year, value in per_year.items():
            raw.execute("INSERT INTO number_sequence (name, year, value) VALUES ('request', ?, ?) "
                        "ON CONFLICT (name, year) DO UPDATE SET value = excluded.value", (year, value))
        raw.execute("COMMIT")
        raw.execute("INSERT INTO request_fts(request_fts) VALUES ('rebuild')")
        for _, sql in triggers:
            raw.execute(sql)
        raw.execute("ANALYZE")
        raw.execute("PRAGMA synchronous = FULL")
    else:
        with raw.cursor() as cur:
            cur.execute("UPDATE audit_head SET seq = %s, hash = %s WHERE id = 1", (seq, head))
            for year, value in per_year.items():
                cur.execute("INSERT INTO number_sequence (name, year, value) VALUES ('request', %s, %s) "
                            "ON CONFLICT (name, year) DO UPDATE SET value = excluded.value", (year, value))
            for table in ("disclosure_request", "request_event", "request_document", "request_delivery"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        raw.commit()
        with raw.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in indexes:
                cur.execute(definition)
            for table, name, definition in foreign_keys:
                cur.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        raw.commit()
        raw.autocommit = True
        with raw.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
    database.obj.close()
    open_database(url)
    return Built(rows, time.perf_counter() - started, request_seconds, time.perf_counter() - t_idx, w.counts)


if __name__ == "__main__":  # python tests/benchmarks/dataset.py URL N: a database for ``run.py --reuse URL``
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from app import clock
    clock.freeze(dt.datetime.combine(TODAY, dt.time(10)))
    made = build(sys.argv[1], int(sys.argv[2]))
    print(f"{made.rows:,} 件，共 {sum(made.counts.values()):,} 行，{made.seconds:.0f} s"
          f"（写入 {sum(made.counts.values()) / made.request_seconds:,.0f} 行/秒，其后重建全文索引和统计 {made.index_seconds:.0f} s）")
