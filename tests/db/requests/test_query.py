"""The register's filters, search (FTS5 trigram with a LIKE fallback) and sorting."""
import datetime as dt

import pytest

from app.errors import PermissionDenied
from app.requests import decision, handling, query, register
from app.requests.query import RegisterFilter

from tests.db.factories import company, person

D = dt.date


@pytest.fixture
def register_of_four(staff, today):
    c = staff["clerk"]
    a = register.register(c, person(description="城关镇农村危房改造补助资金发放名单", received_date=D(2026, 6, 22)))
    b = register.register(c, company(received_date=D(2026, 5, 29), description="某某路道路拓宽工程招标文件"))
    x = register.register(c, person(applicant_name="王五", id_number="110101199003077352",
                                    description="县医院环评报告", received_date=D(2026, 5, 1)))
    decision.decide(c, x["id"], "refuse_6", D(2026, 5, 20), {"reason": "属于内部讨论记录"})
    y = register.register(c, person(applicant_name="李四", id_number="110101199003077352",
                                    description="2025年财政预算执行情况", received_date=D(2026, 6, 3), notes="来电催办"))
    return a, b, x, y


def numbers(actor, f, **kw):
    return [r["number"] for r in query.fetch(actor, f, 0, 100, **kw)]


def test_filters(staff, register_of_four):
    a, b, x, y = register_of_four
    clerk = staff["clerk"]
    assert query.count(clerk, RegisterFilter()) == 4
    assert numbers(clerk, RegisterFilter(states=("replied",))) == [x["number"]]
    assert numbers(clerk, RegisterFilter(outcome="refuse")) == [x["number"]]
    assert numbers(clerk, RegisterFilter(outcome="refuse_6")) == [x["number"]]
    assert numbers(clerk, RegisterFilter(applicant_type="commercial")) == [b["number"]]
    assert set(numbers(clerk, RegisterFilter(received_from=D(2026, 5, 29), received_to=D(2026, 6, 3)))) == \
        {b["number"], y["number"]}
    assert numbers(clerk, RegisterFilter(officer_id=clerk.user_id, states=("replied",))) == [x["number"]]


def test_due_soon_and_overdue(staff, register_of_four):
    a, b, x, y = register_of_four
    clerk = staff["clerk"]
    # today 2026-06-30: b (received 05-29) due 06-29 -> overdue; y (06-03) due 07-02 -> soon; a (06-22) later
    assert numbers(clerk, RegisterFilter(due="overdue")) == [b["number"]]
    assert numbers(clerk, RegisterFilter(due="soon")) == [y["number"]]
    rows = {r["number"]: r for r in query.fetch(clerk, RegisterFilter(), 0, 10)}
    assert rows[b["number"]]["urgency"] == "overdue" and rows[b["number"]]["days_left_text"] == "逾期1天"
    assert rows[y["number"]]["urgency"] == "soon" and rows[y["number"]]["days_left"] == 2
    assert rows[x["number"]]["days_left"] is None


@pytest.mark.parametrize("text,expect", [
    ("危房改造", "a"), ("招标", "b"), ("环评", "x"), ("王五", "x"), ("催办", "y"), ("拓宽工程", "b"),
    ("财政 预算执行", "y"), ("某某建设工程", "b"), ("0001", "a"),
])
def test_search_long_and_short_terms(staff, register_of_four, text, expect):
    rows = dict(zip("abxy", register_of_four))
    assert numbers(staff["clerk"], RegisterFilter(text=text)) == [rows[expect]["number"]]


def test_sort_on_every_column(staff, register_of_four):
    clerk = staff["clerk"]
    for key in query.SORT_KEYS:
        asc = numbers(clerk, RegisterFilter(), sort=key)
        desc = numbers(clerk, RegisterFilter(), sort=key, descending=True)
        assert sorted(asc) == sorted(desc) and len(asc) == 4
    by_date = query.fetch(clerk, RegisterFilter(), 0, 10, sort="received_date")
    assert [r["received_date"] for r in by_date] == sorted(r["received_date"] for r in by_date)


def test_paging(staff, register_of_four):
    clerk = staff["clerk"]
    first = query.fetch(clerk, RegisterFilter(), 0, 3, sort="number")
    rest = query.fetch(clerk, RegisterFilter(), 3, 3, sort="number")
    assert len(first) == 3 and len(rest) == 1


def test_view_permission(staff, register_of_four):
    assert query.count(staff["supervisor"], RegisterFilter()) == 4
    from app.actor import Actor
    nobody = Actor(99, "x", "无角色")
    with pytest.raises(PermissionDenied):
        query.count(nobody, RegisterFilter())


def test_paused_and_correction_display(staff, register_of_four):
    a = register_of_four[0]
    handling.request_correction(staff["clerk"], a["id"], "请写明村别", D(2026, 6, 23))
    row = next(r for r in query.fetch(staff["clerk"], RegisterFilter(), 0, 10) if r["id"] == a["id"])
    assert row["due_text"].startswith("待补正（至") and row["days_left"] is None


def test_sorting_by_due_date_puts_open_requests_first(staff, register_of_four):
    a, b, x, y = register_of_four  # x is answered; its due date (05-29) is the earliest
    clerk = staff["clerk"]
    assert numbers(clerk, RegisterFilter(), sort="due_date") == [b["number"], y["number"], a["number"], x["number"]]
    assert numbers(clerk, RegisterFilter(), sort="due_date", descending=True) == \
        [a["number"], y["number"], b["number"], x["number"]]
    assert numbers(clerk, RegisterFilter(), sort="days_left")[-1] == x["number"]
    page = query.fetch(clerk, RegisterFilter(), 1, 2, "due_date")  # paging keeps the order
    assert [r["number"] for r in page] == [y["number"], a["number"]]
    page = query.fetch(clerk, RegisterFilter(), 2, 5, "due_date")  # a page from the open ones into the closed
    assert [r["number"] for r in page] == [a["number"], x["number"]]
    assert [r["number"] for r in query.fetch(clerk, RegisterFilter(), 3, 5, "due_date")] == [x["number"]]


def test_due_today_and_mine(staff, register_of_four, make_user):
    a, b, x, y = register_of_four
    clerk = staff["clerk"]
    other = make_user("clerk", username="liuyang", display_name="刘洋")
    t = register.register(other, person(received_date=D(2026, 6, 1), description="六月一日收到的申请内容"))
    assert t["due_date"] == D(2026, 6, 30)  # today
    assert numbers(clerk, RegisterFilter(due="today")) == [t["number"]]
    assert query.count(clerk, RegisterFilter(due="today")) == 1
    assert numbers(other, RegisterFilter(officer_id=other.user_id)) == [t["number"]]


def test_search_is_answered_by_the_trigram_index(staff, register_of_four, engine):
    """SQLite answers 3+ character terms from its trigram FTS5 table; PostgreSQL from pg_trgm's GIN indexes."""
    from db.connection import database
    sql, params = query.build_query(RegisterFilter(text="危房改造")).sql()
    if engine == "sqlite":
        assert "request_fts" in sql
        return
    database.obj.execute_sql("SET enable_seqscan = off")  # a four-row table would otherwise be scanned
    plan = "\n".join(r[0] for r in database.obj.execute_sql("EXPLAIN " + sql, params).fetchall())
    assert "_trgm" in plan, plan


def test_a_common_term_gives_the_same_pages_read_along_the_sort_index(staff, today, monkeypatch, engine):
    """A term matching FTS_COMMON records or more is read along the sort column's index (SQLite: ``+id``) instead of
    by id: the same rows in the same order, page by page and for every sort, and the same count."""
    c = staff["clerk"]
    for k in range(7):
        register.register(c, person(description=f"城关镇第{k}批危房改造名单", applicant_name=f"申请人{(k * 3) % 7}",
                                    received_date=D(2026, 6, 1) + dt.timedelta(days=k % 4)))
    register.register(c, person(description="县医院环评报告", received_date=D(2026, 6, 2)))
    f = RegisterFilter(text="危房改造")

    def pages():
        return {(key, desc): [[r["number"] for r in query.fetch(c, f, offset, 3, key, desc)] for offset in (0, 3, 6)]
                for key in (None, "received_date", "applicant_name", "due_date") for desc in (False, True)}
    by_id = pages()
    monkeypatch.setattr(query, "FTS_COMMON", 5)
    if engine == "sqlite":
        sql, _ = query.build_query(f, ordered=True).sql()
        assert '+"t1"."id" IN' in sql
    assert pages() == by_id and query.count(c, f) == 7
    assert sum(len(p) for p in by_id[(None, False)]) == 7


def test_open_requests_by_due_date_merged_per_state_match_one_query(staff, today, monkeypatch):
    """Near the top, a page of open requests by due date is merged from one query per state (query.open_by_due);
    it gives the same rows in the same order as the one query over every open state, both ways, page by page."""
    from db.models import Request
    clerk = staff["clerk"]
    made = [register.register(clerk, person(received_date=D(2026, 6, 1) + dt.timedelta(days=k % 9),
                                            description=f"第{k}件申请的内容")) for k in range(23)]
    states = ["registered", "processing", "consulting", "awaiting_fee", "awaiting_correction"]
    for k, r in enumerate(made):  # several states, equal due dates (the id decides), some without a due date
        due = None if k % 6 == 5 else D(2026, 7, 1) + dt.timedelta(days=k % 4)
        Request.update(state=states[k % 5], due_date=due).where(Request.id == r["id"]).execute()
    for descending in (False, True):
        for f in (RegisterFilter(), RegisterFilter(states=("processing", "consulting", "replied"))):
            merged = [[r["id"] for r in query.fetch(clerk, f, off, lim, "due_date", descending)]
                      for off, lim in ((0, 5), (3, 7), (10, 30), (0, 30))]
            monkeypatch.setattr(query, "MERGED_PAGES", 0)  # the one query
            plain = [[r["id"] for r in query.fetch(clerk, f, off, lim, "due_date", descending)]
                     for off, lim in ((0, 5), (3, 7), (10, 30), (0, 30))]
            monkeypatch.setattr(query, "MERGED_PAGES", 1_000)
            assert merged == plain and merged[3], (descending, f)


def test_a_search_alone_is_counted_in_the_index_with_the_same_result(staff, register_of_four, engine, monkeypatch):
    """A search with no other condition is counted in the FTS5 table alone (query.fts_count); the count is the
    query's, for one term, several, a two-character term (the LIKE fallback) and with another condition."""
    clerk = staff["clerk"]
    asked = []
    real = query.fts_count
    monkeypatch.setattr(query, "fts_count", lambda table, text: asked.append(text) or real(table, text))
    cases = {"危房改造": 1, "城关镇 危房": 1, "危房改造 不存在的词": 0, "申请": None, "催办": 1, "2026": 4}
    for text, expected in cases.items():
        got = query.count(clerk, RegisterFilter(text=text))
        assert got == query.build_query(RegisterFilter(text=text)).count(), text
        if expected is not None:
            assert got == expected, text
    assert query.count(clerk, RegisterFilter(text="危房改造", states=("replied",))) == 0
    assert "危房改造" in asked and all(t in cases for t in asked)  # the filtered count asked the query
    if engine == "sqlite":
        assert real("request_fts", "危房改造") == 1 and real("request_fts", "催办") is None
    else:
        assert real("request_fts", "危房改造") is None


def test_an_export_reads_the_register_batch_after_batch_in_the_order_of_its_pages(staff, today):
    """query.iterate continues each batch from the last row of the one before (keyset): the same rows in the same
    order as the window's pages, ties on the sort column included, with a search and for every sort."""
    clerk = staff["clerk"]
    for k in range(11):
        register.register(clerk, person(received_date=D(2026, 6, 1) + dt.timedelta(days=k % 3),
                                        applicant_name=["张三", "李四", "王五"][k % 3],
                                        description=f"城关镇第{k % 4}号申请内容"))
    for f in (RegisterFilter(), RegisterFilter(text="城关镇"), RegisterFilter(text="城关镇第2号")):
        for sort in (None, "received_date", "number", "applicant_name", "description", "state", "due_date",
                     "outcome"):
            for descending in (False, True):
                whole = [r["id"] for r in query.fetch(clerk, f, 0, 1_000, sort, descending)]
                batches = [r["id"] for r in query.iterate(clerk, f, sort, descending, batch=3)]
                assert batches == whole and whole, (f, sort, descending)
