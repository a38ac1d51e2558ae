"""Tamper probes: each changes a data directory the way a dishonest user with a SQLite tool would, and ``check`` must
report it (and a pristine directory must pass). The workspace is built once through the services, then copied."""
import json
import sqlite3
from pathlib import Path

import pytest

from app import audit, integrity
from app.errors import StorageError
from app.workspace import open_workspace
from db.connection import close_database

from tests.db.datadir import copy_of, make_data_dir

DB = "zhengwu.db"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_data_dir(tmp_path_factory.mktemp("pristine"), 12, 3)


@pytest.fixture
def data(pristine, tmp_path):
    return copy_of(pristine, tmp_path)


def _sql(root: Path, *statements):
    con = sqlite3.connect(root / DB)
    for s in statements:
        con.execute(s)
    con.commit()
    con.close()


def _hash_row(r: dict) -> str:
    return audit.row_hash(r["seq"], r["ts"], r["user_id"], r["username"], r["action"], r["entity"], r["entity_id"],
                          r["before_json"], r["after_json"], r["prev_hash"])


def rechain(root: Path, from_seq: int = 1):
    """Recompute every hash from ``from_seq`` on and the head, as someone who read ``app/audit.py`` could."""
    con = sqlite3.connect(root / DB)
    con.row_factory = sqlite3.Row
    rows = [dict(r) for r in con.execute("SELECT * FROM audit_log ORDER BY seq")]
    prev = audit.GENESIS
    for i, r in enumerate(rows, start=1):
        if r["seq"] >= from_seq or r["seq"] != i:
            r["seq"], r["prev_hash"] = i, prev
            r["hash"] = _hash_row(r)
            con.execute("UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
                        (r["seq"], r["prev_hash"], r["hash"], r["id"]))
        prev = r["hash"]
    con.execute("UPDATE audit_head SET seq = ?, hash = ?", (len(rows), prev))
    con.commit()
    con.close()


def append_forged(root: Path, action: str, entity: str, entity_id: str, after: dict):
    """Append a correctly hashed audit row claiming a change, and move the head to it."""
    con = sqlite3.connect(root / DB)
    seq, prev = con.execute("SELECT seq, hash FROM audit_head").fetchone()
    r = {"seq": seq + 1, "ts": "2026-06-30 10:00:00", "user_id": 1, "username": "admin", "action": action,
         "entity": entity, "entity_id": entity_id, "before_json": None,
         "after_json": json.dumps(after, ensure_ascii=False, sort_keys=True), "prev_hash": prev}
    r["hash"] = _hash_row(r)
    con.execute("INSERT INTO audit_log (seq, ts, user_id, username, action, entity, entity_id, before_json, "
                "after_json, prev_hash, hash) VALUES (:seq, :ts, :user_id, :username, :action, :entity, :entity_id, "
                ":before_json, :after_json, :prev_hash, :hash)", r)
    con.execute("UPDATE audit_head SET seq = ?, hash = ?", (r["seq"], r["hash"]))
    con.commit()
    con.close()


def a_request(root: Path) -> str:
    con = sqlite3.connect(root / DB)
    number = con.execute("SELECT number FROM disclosure_request ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    return number


def _check(root: Path) -> integrity.CheckReport:
    return integrity.run_check(str(root))


def test_a_pristine_directory_passes(data):
    report = _check(data)
    assert report.ok, report.problems
    assert report.exit_code == 0
    assert any("备份" in n for n in report.notes)  # the backup's anchor was compared too


def p01_edit_audit_content(root):
    _sql(root, "UPDATE audit_log SET after_json = replace(after_json, '测试', '伪造') WHERE seq = 1")
    return "第 1 条"


def p02_edit_audit_user(root):
    _sql(root, "UPDATE audit_log SET username = 'nobody' WHERE seq = 5")
    return "第 5 条"


def p03_delete_audit_row(root):
    _sql(root, "DELETE FROM audit_log WHERE seq = 7")
    return "第 8 条"


def p04_insert_audit_row(root):
    _sql(root, "UPDATE audit_log SET seq = seq + 1000000 WHERE seq > 3",
         "INSERT INTO audit_log (seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, "
         "prev_hash, hash) SELECT 4, ts, user_id, username, action, entity, entity_id, before_json, after_json, hash, "
         "hash FROM audit_log WHERE seq = 3",
         "UPDATE audit_log SET seq = seq - 999999 WHERE seq > 1000000")
    return "第 4 条"


def p05_delete_newest_audit_row(root):
    _sql(root, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    return "链尾"


def p06_cut_the_tail(root):
    _sql(root, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 5 FROM audit_log)",
         "UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_log), "
         "hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)")
    return "末尾的记录被删除"


def p07_rechain_after_edit(root):
    _sql(root, "UPDATE audit_log SET username = 'nobody' WHERE seq = 3")
    rechain(root, 3)
    return "重新计算了哈希链"


def p08_rechain_after_deleting_a_row(root):
    _sql(root, "DELETE FROM audit_log WHERE seq = 10")
    rechain(root, 10)
    return "重新计算了哈希链"


def p09_empty_the_log(root):
    _sql(root, "DELETE FROM audit_log", "DELETE FROM audit_head")
    return "日志被清空"


def p10_append_forged_row(root):
    append_forged(root, "setting.update", "setting", "requests.reply_days", {"value": 20})
    return "没有数据库旁的审计凭证"


def p11_edit_business_row(root):
    _sql(root, f"UPDATE disclosure_request SET applicant_name = '某某' WHERE number = '{a_request(root)}'")
    return "“申请人姓名或名称”：数据库中为 “某某”"


def p12_edit_business_row_with_forged_audit(root):
    number = a_request(root)
    _sql(root, f"UPDATE disclosure_request SET outcome = 'refuse_1' WHERE number = '{number}'")
    append_forged(root, "request.update", "request", number, {"outcome": "refuse_1"})
    return "没有数据库旁的审计凭证"


def p13_insert_business_row(root):
    _sql(root, "INSERT INTO disclosure_request SELECT * FROM disclosure_request WHERE id = (SELECT min(id) FROM disclosure_request)"
         .replace("SELECT *", "SELECT " + _columns_with(root, "disclosure_request", id="NULL", number="'2026-依申请-9999'")))
    return "2026-依申请-9999"


def p14_delete_business_row(root):
    number = a_request(root)
    _sql(root, "PRAGMA foreign_keys = OFF", f"DELETE FROM disclosure_request WHERE number = '{number}'")
    return "数据库中却没有"


def p15_grant_a_role(root):
    _sql(root, "INSERT INTO user_role (user_id, role_code) SELECT id, 'admin' FROM app_user "
               "WHERE id NOT IN (SELECT user_id FROM user_role WHERE role_code = 'admin') LIMIT 1")
    return "“角色”"


def p16_edit_a_setting(root):
    _sql(root, "INSERT OR REPLACE INTO setting (key, value, updated_at) VALUES ('requests.reply_days', '30', "
               "'2026-06-30 10:00:00')")
    return "requests.reply_days"


def p17_rechain_and_rewrite_the_anchor_file(root):
    _sql(root, "UPDATE audit_log SET username = 'nobody' WHERE seq = 3")
    rechain(root, 3)
    con = sqlite3.connect(root / DB)
    seq, digest = con.execute("SELECT seq, hash FROM audit_head").fetchone()
    first = con.execute("SELECT hash FROM audit_log WHERE seq = 1").fetchone()[0]
    con.close()
    (root / (DB + ".anchor")).write_text(json.dumps({"seq": seq, "hash": digest, "first_hash": first}))
    return "备份"


def p18_swap_in_an_older_copy(root):
    """The database replaced by an older copy of itself (history shortened, anchor left as it was)."""
    con = sqlite3.connect(root / DB)
    con.execute("DELETE FROM audit_log WHERE seq > 20")
    con.execute("UPDATE audit_head SET seq = 20, hash = (SELECT hash FROM audit_log WHERE seq = 20)")
    con.execute("DELETE FROM disclosure_request")  # an older copy has fewer requests too
    con.commit()
    con.close()
    return "末尾的记录被删除"


def p19_cut_the_tail_and_delete_the_anchor_file(root):
    p06_cut_the_tail(root)
    (root / (DB + ".anchor")).unlink()
    return "不见了"


# ---- a record's dependent rows: no audit row names them, the seal in its audit rows does -------------------------
def _first(root, sql):
    con = sqlite3.connect(root / DB)
    value = con.execute(sql).fetchone()[0]
    con.close()
    return value


def p20_edit_a_fee_amount(root):
    _sql(root, "UPDATE request_fee SET amount = amount + 100 WHERE id = (SELECT min(id) FROM request_fee)")
    return "办理记录、期限中止、征求意见、收费、送达、文书或附件与审计日志最后记录的不符"


def p21_delete_a_history_step(root):
    _sql(root, "DELETE FROM request_event WHERE id = (SELECT max(id) FROM request_event WHERE action = 'decide')")
    return "办理记录"


def p22_move_a_clock_stop(root):
    _sql(root, "UPDATE request_clock_stop SET first_day = date(first_day, '+3 days') "
               "WHERE id = (SELECT min(id) FROM request_clock_stop)")
    return "期限中止"


def p23_swap_an_issued_document(root):
    _sql(root, "UPDATE request_document SET sha256 = 'aa' || substr(sha256, 3) "
               "WHERE id = (SELECT min(id) FROM request_document WHERE sha256 <> '')")
    return "文书"


def p24_insert_a_delivery(root):
    rid = _first(root, "SELECT min(id) FROM disclosure_request")
    _sql(root, "INSERT INTO request_delivery (request_id, method, delivered_date, tracking_number, recipient, note) "
               f"VALUES ({rid}, 'in_person', '2026-06-01', '', '申请人', '')")
    return "送达"


def p25_edit_an_item_title(root):
    _sql(root, "UPDATE info_item SET title = '改过的标题' WHERE id = (SELECT min(id) FROM info_item)")
    return "“改过的标题”"


def p26_delete_a_screen_finding(root):
    _sql(root, "DELETE FROM info_item_finding WHERE id = (SELECT min(id) FROM info_item_finding)")
    return "待发布信息"


def _columns_with(root, table, **override):
    con = sqlite3.connect(root / DB)
    cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    con.close()
    return ", ".join(override.get(c, c) for c in cols)


PROBES = [v for k, v in sorted(globals().items()) if k.startswith("p") and k[1:3].isdigit()]


@pytest.mark.parametrize("probe", PROBES, ids=[p.__name__ for p in PROBES])
def test_check_catches_the_probe(data, probe):
    expect = probe(data)
    report = _check(data)
    assert not report.ok, f"{probe.__name__} passed check"
    assert report.exit_code == 1
    assert any(expect in p for p in report.problems), report.problems


def test_a_deleted_database_is_reported_and_not_recreated(data):
    (data / DB).unlink()
    report = _check(data)
    assert not report.ok
    assert "不存在" in report.problems[0] and "审计凭证" in report.problems[0]
    assert "zhengwu-backup-" in report.problems[0]  # points to a backup that exists
    with pytest.raises(StorageError, match="不会新建一个空数据库"):
        open_workspace(str(data))
    assert not (data / DB).exists()


def test_an_emptied_database_file_is_reported_and_not_overwritten(data):
    (data / DB).write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        (data / (DB + suffix)).unlink(missing_ok=True)
    assert "是空的" in _check(data).problems[0]
    with pytest.raises(StorageError, match="是空的"):
        open_workspace(str(data))
    assert (data / DB).stat().st_size == 0


def test_a_report_voucher_line_is_compared(data):
    from app.workspace import open_workspace as ow
    ow(str(data))
    line = audit.voucher_line()
    close_database()
    given = audit.parse_voucher(line)
    assert integrity.run_check(str(data), [given]).ok
    p07_rechain_after_edit(data)
    (data / (DB + ".anchor")).unlink()
    for b in (data / "backups").iterdir():
        b.unlink()
    report = integrity.run_check(str(data), [given])
    assert any("报告上的审计凭证" in p for p in report.problems), report.problems


@pytest.mark.parametrize("probe", [p11_edit_business_row, p13_insert_business_row, p14_delete_business_row,
                                   p21_delete_a_history_step, p24_insert_a_delivery],
                         ids=lambda p: p.__name__)
def test_a_large_register_compared_chunk_by_chunk_catches_the_probe(data, probe, monkeypatch):
    """The requests are compared COMPARE_CHUNK records at a time: with chunks of two, each probe lands in some
    chunk of many, and the pristine records of the other chunks still pass."""
    monkeypatch.setattr(integrity, "COMPARE_CHUNK", 2)
    expect = probe(data)
    report = _check(data)
    assert any(expect in p for p in report.problems), report.problems
    assert len([p for p in report.problems if p.startswith("  ")]) == 1, report.problems


def test_the_last_chunk_of_a_large_register_is_compared_too(data, monkeypatch):
    monkeypatch.setattr(integrity, "COMPARE_CHUNK", 2)
    last = _first(data, "SELECT max(number) FROM disclosure_request")
    _sql(data, f"UPDATE disclosure_request SET applicant_name = '某某' WHERE number = '{last}'")
    report = _check(data)
    assert any(last in p and "“某某”" in p for p in report.problems), report.problems


def test_a_pristine_register_passes_chunk_by_chunk(data, monkeypatch):
    monkeypatch.setattr(integrity, "COMPARE_CHUNK", 2)
    report = _check(data)
    assert report.ok, report.problems
