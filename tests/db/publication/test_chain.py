"""The review chain through the services, on both engines: every stage signed by its own role, never by the drafter,
never skipped; 退回 and resubmission keep the history; 需报审 parks the item; the clocks."""
import datetime as dt

import pytest

from app import audit
from app.errors import InvalidState, PermissionDenied, ValidationError
from app.publication import items, review
from db.models import AuditLog, InfoItem, ItemEvent

from tests.db.publication.conftest import item_data


def stage(item_id):
    return InfoItem.get_by_id(item_id).stage


def through_second_review(crew, item_id):
    review.submit(crew["drafter"], item_id, confirm_content=True)
    review.act(crew["editor"], item_id, "approve", opinion="文字无误")
    review.act(crew["head"], item_id, "approve", opinion="依据充分")


def test_from_draft_to_published_by_four_people(crew, drafted, frozen_clock):
    item = InfoItem.get_by_id(drafted)
    assert item.number == "2026-信息-0001" and item.stage == "draft"
    assert item.publish_due == dt.date(2026, 3, 30)  # 条例第二十六条: 20 working days from 2026-03-02
    through_second_review(crew, drafted)
    assert stage(drafted) == "secrecy"
    # 5 working days for the secrecy review, from the day it arrived (Monday 2026-03-09)
    assert InfoItem.get_by_id(drafted).secrecy_due == dt.date(2026, 3, 16)
    review.act(crew["secrecy"], drafted, "approve", opinion="不涉密，同意公开")
    review.act(crew["leader"], drafted, "approve", opinion="同意发布")
    assert stage(drafted) == "ready" and InfoItem.get_by_id(drafted).index_number is None
    out = review.publish(crew["drafter"], drafted, dt.date(2026, 3, 9), "门户网站", "http://www.example.gov.cn/1")
    item = InfoItem.get_by_id(drafted)
    assert item.stage == "published" and item.index_number == out["index_number"] == "/2026-00001"
    signers = [(e.action, e.from_stage, e.display_name) for e in
               ItemEvent.select().where(ItemEvent.item == drafted).order_by(ItemEvent.id)]
    assert signers == [("create", None, "张明"), ("submit", "draft", "张明"), ("approve", "first_review", "刘洋"),
                       ("approve", "second_review", "李华"), ("approve", "secrecy", "孙丽"),
                       ("approve", "final_review", "王强"), ("publish", "ready", "张明")]
    actions = [a for (a,) in AuditLog.select(AuditLog.action).where(AuditLog.entity == "info_item").tuples()]
    assert actions == ["publication.create", "publication.submit"] + ["publication.approve"] * 4 + \
        ["publication.publish"]
    assert audit.verify_chain().ok


def test_drafter_cannot_sign_and_stages_cannot_be_skipped(crew, make_user, drafted):
    both = make_user("clerk", "section_head", username="both", display_name="两职")
    own = items.create(both, item_data(title="两职起草"))["id"]
    review.submit(both, own, confirm_content=True)
    with pytest.raises(PermissionDenied, match="起草人不能审核"):
        review.act(both, own, "approve")
    review.submit(crew["drafter"], drafted, confirm_content=True)
    with pytest.raises(PermissionDenied):
        review.act(crew["secrecy"], drafted, "approve")  # 保密审查 before 初审 and 复审
    with pytest.raises(InvalidState):
        review.publish(crew["drafter"], drafted, dt.date(2026, 3, 9), "门户网站", "x")
    assert stage(drafted) == "first_review"


def test_major_item_needs_the_principal_leader(crew):
    item_id = items.create(crew["drafter"], item_data(major=True))["id"]
    through_second_review(crew, item_id)
    review.act(crew["secrecy"], item_id, "approve")
    with pytest.raises(PermissionDenied, match="终审重大或敏感信息"):
        review.act(crew["leader"], item_id, "approve")
    review.act(crew["principal"], item_id, "approve")
    assert stage(item_id) == "ready"


def test_return_and_resubmit_keep_the_whole_history(crew, drafted):
    review.submit(crew["drafter"], drafted, confirm_content=True)
    with pytest.raises(ValidationError, match="理由"):
        review.act(crew["editor"], drafted, "return")
    review.act(crew["editor"], drafted, "return", reason="标题有误")
    assert stage(drafted) == "returned"
    with pytest.raises(PermissionDenied):
        items.update(crew["editor"], drafted, {"title": "别人改"})
    items.update(crew["drafter"], drafted, {"title": "关于调整最低生活保障标准的通知"})
    review.submit(crew["drafter"], drafted, confirm_content=True)
    assert stage(drafted) == "first_review" and InfoItem.get_by_id(drafted).submissions == 2
    history = [(e.action, e.note) for e in ItemEvent.select().where(ItemEvent.item == drafted).order_by(ItemEvent.id)]
    assert ("return", "标题有误") in history and [a for a, _ in history].count("submit") == 2


def test_secrecy_review_may_park_the_item_until_the_authority_answers(crew, drafted):
    through_second_review(crew, drafted)
    with pytest.raises(ValidationError, match="报审机关"):
        review.act(crew["secrecy"], drafted, "refer")
    review.act(crew["secrecy"], drafted, "refer", data={"authority": "某某县保密局"})
    assert stage(drafted) == "parked"
    with pytest.raises(ValidationError, match="审查机关"):
        review.act(crew["secrecy"], drafted, "answer_disclose", data={"authority": "某某县保密局"})
    review.act(crew["secrecy"], drafted, "answer_disclose",
               data={"authority": "某某县保密局", "document": "某保函〔2026〕3号", "date": "2026-03-09"})
    assert stage(drafted) == "final_review"
    ev = ItemEvent.select().where(ItemEvent.action == "answer_disclose").get()
    assert "某保函〔2026〕3号" in ev.data and "某某县保密局" in ev.opinion


def test_withhold_needs_an_opinion_and_a_reason(crew, drafted):
    through_second_review(crew, drafted)
    with pytest.raises(ValidationError, match="理由"):
        review.act(crew["secrecy"], drafted, "withhold", data={"opinion": "exempt"})
    with pytest.raises(ValidationError, match="免予公开"):
        review.act(crew["secrecy"], drafted, "withhold", reason="涉密", data={"opinion": "disclose"})
    review.act(crew["secrecy"], drafted, "withhold", reason="属于过程性信息", data={"opinion": "on_request"})
    item = InfoItem.get_by_id(drafted)
    assert item.stage == "withheld" and item.secrecy_opinion == "on_request"


def test_submission_needs_the_drafters_confirmation_and_a_proactive_attribute(crew, drafted):
    with pytest.raises(ValidationError, match="依申请公开或不予公开的内容"):
        review.submit(crew["drafter"], drafted)
    other = items.create(crew["drafter"], item_data(attribute="withheld", attribute_reason="涉及个人隐私"))["id"]
    with pytest.raises(InvalidState, match="不发布"):
        review.submit(crew["drafter"], other, confirm_content=True)


@pytest.mark.parametrize("over,field,reason", [
    ({"title": ""}, "标题", "不能为空"),
    ({"attribute": "on_request"}, "不公开或依申请公开的理由", "应写明理由"),
    ({"kind": "official_document", "doc_number": ""}, "文号", "应填写文号"),
    ({"formed_date": dt.date(2026, 3, 10)}, "成文日期", "不能晚于今天"),
    ({"unit": "外星科"}, "制作科室", "不在本机关的科室名单中"),
    ({"forwarded_from": "省政府文件", "forwarded_attribute": "withheld", "attribute": "proactive"},
     "不公开或依申请公开的理由", "重新认定"),
    ({"kind": "interpretation"}, "解读的政策文件", "关联"),
])
def test_bad_drafts_name_the_field(crew, over, field, reason):
    with pytest.raises(ValidationError) as err:
        items.create(crew["drafter"], item_data(**over))
    assert any(f == field and reason in r for f, r in err.value.problems), err.value.problems
    assert InfoItem.select().count() == 0


def test_forwarded_document_inherits_the_attribute(crew):
    item_id = items.create(crew["drafter"], item_data(attribute="", forwarded_from="省政府办公厅文件",
                                                      forwarded_attribute="proactive"))["id"]
    assert InfoItem.get_by_id(item_id).attribute == "proactive"


def test_normative_documents_have_the_office_s_shorter_clock(crew):
    item_id = items.create(crew["drafter"], item_data(kind="normative"))["id"]
    assert InfoItem.get_by_id(item_id).publish_due == dt.date(2026, 3, 9)  # 5 working days from 2026-03-02


def test_reads_are_guarded(crew, drafted):
    from app.actor import Actor
    from app.publication import detail, form, query
    nobody = Actor(None, "x", "无角色")
    for call in (lambda: detail.detail(nobody, drafted), lambda: form.review_form_pdf(nobody, drafted),
                 lambda: query.count(nobody, query.ItemFilter())):
        with pytest.raises(PermissionDenied):
            call()
    assert detail.detail(crew["supervisor"], drafted)["number"] == "2026-信息-0001"


def test_item_texts_follow_the_text_rules(crew):
    with pytest.raises(ValidationError) as err:
        items.create(crew["drafter"], item_data(title="关于" * 101, doc_number="某政发\x0b〔2026〕12号",
                                                content="正文😀", disclosure_scope="社会\n公众"))
    assert [f for f, _ in err.value.problems] == ["标题", "文号", "正文", "公开范围"]
    assert InfoItem.select().count() == 0
    item = items.create(crew["drafter"], item_data(title=" 关于调整标准的通知 ", content="第一段\r\n第二段"))
    row = InfoItem.get_by_id(item["id"])
    assert (row.title, row.content) == ("关于调整标准的通知", "第一段\n第二段")


def test_the_audit_viewer_tells_the_chain_s_changes_in_words(crew, drafted):
    from app.publication import corrections
    from tests.db.publication.test_screen_and_publication import _to_ready
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, dt.date(2026, 3, 9), "门户网站", "http://x/1")
    corrections.propose(crew["drafter"], drafted, "correct", "日期有误", "笔误")

    def lines(action):
        row = AuditLog.select().where(AuditLog.action == action).order_by(AuditLog.seq.desc()).get()
        return audit.change_lines("info_item", row.before_json, row.after_json)

    published = lines("publication.publish")
    # what the step set is a change of this row: before it the item had no 索引号 and no channel
    assert {"环节：待发布 → 已发布", "索引号：（空） → /2026-00001", "发布渠道：（空） → 门户网站",
            "发布日期：（空） → 2026-03-09"} <= set(published), published
    assert "保密审查意见：（空） → 公开" in _all_lines("publication.approve")  # the secrecy reviewer's approval
    assert "已确认不含不公开内容：否 → 是" in lines("publication.submit")
    assert "澄清或更正：更正" in lines("publication.correction")


def _all_lines(action):
    return [line for row in AuditLog.select().where(AuditLog.action == action)
            for line in audit.change_lines("info_item", row.before_json, row.after_json)]
