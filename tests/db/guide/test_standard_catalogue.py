"""公开事项 are added, changed and removed through adjustments the leading group's office approves, with history."""
import datetime as dt

import pytest

from app import clock
from app.errors import InvalidState, PermissionDenied, ValidationError
from app.guide import hooks, standard, standard_query
from app.guide.standard_query import AdjustmentFilter, CatalogueFilter
from db.models import AuditLog, StandardItem
from tests.db.guide.conftest import item_data


def _approved(staff, kind="add", **kw):
    adj = standard.propose(staff["clerk"], kind, **kw)
    return standard.review(staff["head"], adj["id"], True, "同意")


def test_add_change_remove_through_approved_adjustments(staff, frozen_clock):
    frozen_clock.set(dt.datetime(2025, 3, 2, 9, 0))
    adj = standard.propose(staff["clerk"], "add", item_data(), reason="law_new")
    assert standard_query.count(staff["clerk"], CatalogueFilter()) == 0  # nothing until approved
    item_id = standard.review(staff["head"], adj["id"], True, "同意")["item_id"]
    assert standard_query.fetch(staff["clerk"], CatalogueFilter(), 0, 10)[0]["name"] == "财政预决算"

    frozen_clock.set(dt.datetime(2026, 4, 1, 9, 0))
    _approved(staff, "change", data=item_data(basis="《中华人民共和国预算法》第十四条、第二十二条"), item_id=item_id,
              reason="law_revised")
    frozen_clock.set(dt.datetime(2026, 9, 1, 9, 0))
    _approved(staff, "remove", item_id=item_id, reason="law_repealed")
    assert standard_query.count(staff["clerk"], CatalogueFilter()) == 0
    assert standard_query.count(staff["clerk"], CatalogueFilter(removed=True)) == 1

    history = standard_query.history(staff["supervisor"], item_id)
    assert [h["version"] for h in history] == [1, 2, 3]
    assert history[1]["changes"] == [("公开依据", "《中华人民共和国预算法》第十四条",
                                      "《中华人民共和国预算法》第十四条、第二十二条")]
    assert history[1]["adjustment"]["reason_label"] == "法律法规修订"
    assert history[2]["data"]["removed"] and history[2]["adjustment"]["kind_label"] == "删除"
    # what changed between two dates
    assert standard_query.changes_between(staff["clerk"], dt.date(2026, 1, 1), dt.date(2026, 6, 30)) == [
        {"item_id": item_id, "name": "财政预决算", "kind": "变更", "changes": history[1]["changes"]}]
    assert standard_query.changes_between(staff["clerk"], dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]["kind"] == "删除"
    assert standard_query.changes_between(staff["clerk"], dt.date(2025, 1, 1), dt.date(2025, 12, 31))[0]["kind"] == "新增"
    # counted per 科室 and year, for the assessment
    assert standard_query.adjustments_in(2025) == 1 and standard_query.adjustments_in(2026, "财政所") == 2
    assert standard_query.adjustments_in(2026, "党政办") == 0
    assert AuditLog.select().where(AuditLog.action == "catalogue.approve").count() == 6  # adjustment + item, three times


def test_the_proposer_does_not_approve_their_own(staff, make_user):
    both = make_user("clerk", "section_head")
    adj = standard.propose(both, "add", item_data())
    with pytest.raises(PermissionDenied, match="不能审核自己的调整"):
        standard.review(both, adj["id"], True)
    with pytest.raises(PermissionDenied):
        standard.review(staff["clerk"], adj["id"], True)  # a clerk is not the leading group's office


def test_rejection_needs_a_reason_and_changes_nothing(staff):
    adj = standard.propose(staff["clerk"], "add", item_data())
    with pytest.raises(ValidationError, match="审核意见"):
        standard.review(staff["head"], adj["id"], False)
    standard.review(staff["head"], adj["id"], False, "依据不准确")
    assert StandardItem.select().count() == 0
    row = standard_query.fetch_adjustments(staff["clerk"], AdjustmentFilter(), 0, 5)[0]
    assert row["status_label"] == "未批准" and row["review_note"] == "依据不准确"
    with pytest.raises(InvalidState):
        standard.review(staff["head"], adj["id"], True)


def test_proposals_are_checked(staff):
    with pytest.raises(ValidationError, match="事项名称"):
        standard.propose(staff["clerk"], "add", item_data(name=""))
    with pytest.raises(ValidationError, match="说明"):
        standard.propose(staff["clerk"], "add", item_data(), reason="other")
    item_id = _approved(staff, data=item_data())["item_id"]
    with pytest.raises(ValidationError, match="已在标准目录中"):
        standard.propose(staff["clerk"], "add", item_data())
    with pytest.raises(ValidationError, match="没有变化"):
        standard.propose(staff["clerk"], "change", item_data(), item_id=item_id)
    standard.propose(staff["clerk"], "change", item_data(phone="0871-7654321"), item_id=item_id)
    with pytest.raises(InvalidState, match="等待审核"):
        standard.propose(staff["clerk"], "remove", item_id=item_id)
    assert standard_query.pending_count() == 1
    entries = hooks.dashboard(staff["head"])
    assert any(e.title == "标准目录调整待审核 1 项" for e in entries)
    assert not any("待审核" in e.title for e in hooks.dashboard(staff["clerk"]))


def test_filters_and_search(staff):
    _approved(staff, data=item_data())
    _approved(staff, data=item_data(name="统计信息", unit="党政办", category="统计信息", content="统计公报"))
    who = staff["clerk"]
    assert standard_query.count(who, CatalogueFilter(unit="党政办")) == 1
    assert standard_query.count(who, CatalogueFilter(category="财政管理")) == 1
    assert [r["name"] for r in standard_query.fetch(who, CatalogueFilter(text="公报"), 0, 10)] == ["统计信息"]
    names = [r["name"] for r in standard_query.fetch(who, CatalogueFilter(), 0, 10, "name", descending=True)]
    assert names == sorted(names, reverse=True)


def test_an_item_whose_period_passed_with_nothing_published(staff, frozen_clock):
    from app.publication import items, review
    from tests.db.publication.conftest import item_data as info_item
    frozen_clock.set(dt.datetime(2025, 2, 3, 9, 0))
    _approved(staff, data=item_data(name="统计信息", category="统计信息", time_limit="每季度"))
    _approved(staff, data=item_data(name="财政预决算", category="财政管理", time_limit="每年"))
    _approved(staff, data=item_data(name="机构职能", category="机构职能", time_limit="信息形成之日起20个工作日内"))
    frozen_clock.set(dt.datetime(2026, 7, 6, 9, 0))
    names = [m["name"] for m in standard_query.overdue(staff["clerk"])]
    assert names == ["统计信息", "财政预决算"]  # 机构职能 has no recurring period
    # one 统计信息 item published in the last quarter (2026-04-01 … 06-30) answers for it
    from app.actor import system_actor
    from app import files
    frozen_clock.set(dt.datetime(2026, 5, 6, 9, 0))
    item_id = items.create(staff["clerk"], info_item(category="统计信息", formed_date=dt.date(2026, 5, 6)))["id"]
    review.submit(staff["clerk"], item_id, confirm_content=True)
    for _ in range(4):
        review.act(system_actor(), item_id, "approve")
    review.publish(staff["clerk"], item_id, clock.today(), "门户网站", "http://www.example.gov.cn/1.html")
    frozen_clock.set(dt.datetime(2026, 7, 6, 9, 0))
    missing = standard_query.overdue(staff["clerk"])
    assert [m["name"] for m in missing] == ["财政预决算"]
    assert (missing[0]["start"], missing[0]["end"]) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    entry = next(e for e in hooks.dashboard(staff["clerk"]) if "到期未公开" in e.title)
    assert entry.urgent and entry.count == 1 and "财政预决算" in entry.lines[0]


def test_measure_is_offered_to_the_assessment(staff):
    from app import modules
    modules.load()
    measure = modules.measures()["guide.adjustments"]
    _approved(staff, data=item_data())
    assert measure.compute(clock.today().year, "财政所") == 1 and measure.compute(clock.today().year, None) == 1


def test_archive_view_and_search(staff):
    from app import modules
    modules.load()
    item_id = _approved(staff, data=item_data())["item_id"]
    view = dict(modules.archive_views(staff["supervisor"]))["guide"]
    assert view.count(staff["supervisor"], "预算") == 1
    assert view.fetch(staff["supervisor"], "", 0, 10)[0]["name"] == "财政预决算"
    detail = dict(view.detail(staff["supervisor"], item_id))
    assert detail["公开依据"] == "《中华人民共和国预算法》第十四条"
    assert any(label.startswith("第1版（") and "批准：李华" in value for label, value in detail.items())
    hits = dict((n, h) for n, _, h in modules.search_all(staff["supervisor"], "预决算"))["guide"]
    assert [(h.kind, h.title) for h in hits] == [("公开事项", "财政预决算")]


def test_check_finds_items_and_versions_changed_outside_the_program(staff):
    from app import integrity
    from app.guide import service
    item_id = _approved(staff, data=item_data())["item_id"]
    service.issue(staff["clerk"])
    assert not [p for p in integrity.compare_records() if "公开事项" in p or "指南" in p]
    StandardItem.update(phone="1").where(StandardItem.id == item_id).execute()
    from db.models import GuideVersion, StandardItemVersion
    StandardItemVersion.update(data="{}").where(StandardItemVersion.item == item_id).execute()
    GuideVersion.update(note="改过").execute()
    problems = integrity.compare_records()
    assert any(f"公开事项 {item_id} 的“咨询/投诉电话”" in p for p in problems)
    assert any(f"公开事项 {item_id} 的历次版本" in p for p in problems)
    assert any("政府信息公开指南 1 的“修订说明”" in p for p in problems)
