"""发布审核 outside its tab: the 工作台's entries with the records they open, the search box's hits, the monthly
chart of published items."""
import datetime as dt

from app import clock, modules
from app.publication import hooks, items, review
from tests.db.publication.conftest import item_data
from tests.db.publication.test_chain import through_second_review


def test_entries_open_their_items(crew, drafted, frozen_clock):
    through_second_review(crew, drafted)  # at 保密审查 since 2026-03-09: due 03-16 (5 working days)
    assert not [e for e in hooks.dashboard(crew["leader"]) if e.title.startswith("保密审查期限")]
    frozen_clock.set(dt.datetime(2026, 3, 13, 9, 0))
    queue = hooks.dashboard(crew["secrecy"])[0]
    assert queue.mine and queue.tab == "发布审核" and queue.record_ids == (drafted,)
    secrecy = [e for e in hooks.dashboard(crew["leader"]) if e.title.startswith("保密审查期限")]
    assert secrecy[0].title == "保密审查期限临近或已过 1 条" and not secrecy[0].urgent and not secrecy[0].mine
    assert secrecy[0].record_ids == (drafted,) and "保密审查 2026-03-16" in secrecy[0].lines[0]
    frozen_clock.set(dt.datetime(2026, 3, 17, 9, 0))
    secrecy = [e for e in hooks.dashboard(crew["leader"]) if e.title.startswith("保密审查期限")]
    assert secrecy[0].title == "保密审查期限临近或已过 1 条（1 条已超过期限）" and secrecy[0].urgent
    frozen_clock.set(dt.datetime(2026, 3, 27, 9, 0))  # 主动公开 by 03-30 (条例第二十六条)
    proactive = [e for e in hooks.dashboard(crew["leader"]) if e.title.startswith("主动公开")]
    assert proactive[0].record_ids == (drafted,) and proactive[0].tab == "发布审核"


def test_search_finds_items_by_title_content_and_number(crew, drafted):
    other = items.create(crew["drafter"], item_data(title="春耕生产调研", kind="work_news", doc_number="",
                                                   content="走访十个村的春耕备耕情况"))["id"]
    hits = hooks.search(crew["supervisor"], "最低生活保障", 10)
    assert [h.record_id for h in hits] == [drafted] and hits[0].kind == "待发布信息"
    assert hits[0].number == "2026-信息-0001" and "某政发〔2026〕12号" in hits[0].detail
    assert "备耕" in hooks.search(crew["supervisor"], "备耕", 10)[0].detail  # a quote of the content
    assert [h.record_id for h in hooks.search(crew["leader"], "2026-信息-0002", 10)] == [other]
    groups = {name: hits for name, _, hits in modules.search_all(crew["leader"], "春耕")}
    assert [h.record_id for h in groups["publication"]] == [other]


def test_monthly_published_chart(crew, frozen_clock):
    from tests.db.publication.test_screen_and_publication import _to_ready
    ids = [items.create(crew["drafter"], item_data(doc_number=f"某政发〔2026〕{k}号"))["id"] for k in (1, 2)]
    for item_id in ids:
        _to_ready(crew, item_id)
        review.publish(crew["drafter"], item_id, clock.today(), "门户网站", f"http://x/{item_id}")
    data = hooks.monthly_published(crew["leader"], 2026)
    assert dict(data.series) == {"公文": (0, 0, 2) + (0,) * 9} and data.value_label == "条"
    assert hooks.monthly_published(crew["leader"], 2025) is None
    assert modules.chart("publication.monthly").compute(crew["leader"], 2026) == data
