"""m014 on a database made before it: the registers' full-text index is rebuilt with the scans' column and still
finds what it found, and no row of the tables that point at a request is lost."""
from __future__ import annotations


def test_the_upgrade_keeps_the_index_and_the_rows_that_point_at_a_request(tmp_path):
    from db import migrations
    from db.connection import close_database, open_database, sqlite_url
    db = open_database(sqlite_url(tmp_path / "old.db"))
    try:
        migrations.migrate(db, target=13)
        db.execute_sql("INSERT INTO disclosure_request (id, number, received_date, channel, applicant_type, "
                       "applicant_name, id_type, id_number, uscc, legal_rep, contact_person, phone, address, postcode, "
                       "email, description, doc_title, doc_ref, purpose, form_wanted, delivery_wanted, notes, state, "
                       "reply_days, clock_start, extension_days, extension_approver, extension_reason, "
                       "due_provisional, correction_items, outcome_detail, source, created_at, updated_at) VALUES "
                       "(1, 'N1', '2026-03-06', 'in_person', 'natural', '陈小红', '', '', '', '', '', '', '', '', '', "
                       "'危房改造补助名单', '', '', '', 'paper', 'post', '', 'registered', 20, '2026-03-06', 0, '', "
                       "'', 0, '', '{}', 'registered', '2026-03-06', '2026-03-06')")
        db.execute_sql("INSERT INTO request_attachment (request_id, lineage, version, name, stored_path, sha256, "
                       "size, removed, note, added_at) VALUES (1, 1, 1, '申请书.pdf', '', '', 0, 0, '', '2026-03-06')")
        migrations.migrate(db)
        assert db.execute_sql("SELECT count(*) FROM request_attachment").fetchone() == (1,)
        assert db.execute_sql("SELECT scan_text FROM disclosure_request").fetchall() == [("",)]
        match = "SELECT rowid FROM request_fts WHERE request_fts MATCH ?"
        assert db.execute_sql(match, ('"危房改造"',)).fetchall() == [(1,)]
        db.execute_sql("UPDATE disclosure_request SET scan_text = '身份证复印件 某县某镇' WHERE id = 1")
        assert db.execute_sql(match, ('"身份证复印件"',)).fetchall() == [(1,)]
        assert db.execute_sql(match, ('"危房改造"',)).fetchall() == [(1,)]
    finally:
        close_database()
