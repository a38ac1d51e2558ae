"""The forms of 发布审核: drafting an item, and the one dialog per step of the chain (opinion, reason, the higher
authority's answer, publication), each calling one service on 确定 and showing its refusal inline."""
from __future__ import annotations

from app import clock
from app.publication import catalog, items, query, review
from ui.forms import Field, FormDialog


def item_fields(actor, current: dict | None = None) -> list[Field]:
    c = current or {}
    empty = [("", "（不选）")]
    policies = [(p["id"], f"{p['number']} {p['title']}") for p in query.policies(actor)]
    return [
        Field("title", "标题", default=c.get("title", "")),
        Field("kind", "信息类型", "choice", c.get("kind", "official_document"), list(catalog.KINDS.items())),
        Field("unit", "制作科室", "choice", c.get("unit"), [(u, u) for u in catalog.units()]),
        Field("doc_number", "文号", default=c.get("doc_number", ""), help="公文和规范性文件必填，如 某政发〔2026〕12号"),
        Field("formed_date", "成文日期", "date", c.get("formed_date") or clock.today(),
              help="主动公开信息自形成之日起20个工作日内公开（条例第二十六条）"),
        Field("attribute", "公开属性", "choice", c.get("attribute", "proactive"), list(catalog.ATTRIBUTES.items())),
        Field("attribute_reason", "理由", "multiline", c.get("attribute_reason", ""),
              help="认定为依申请公开或不予公开的，应写明理由（源头认定）"),
        Field("category", "公开目录类别", "choice", c.get("category", ""), empty + [(x, x) for x in catalog.categories()]),
        Field("disclosure_manner", "公开方式", default=c.get("disclosure_manner", "网站公开")),
        Field("disclosure_scope", "公开范围", default=c.get("disclosure_scope", "社会公众")),
        Field("forwarded_from", "转发的源文件", default=c.get("forwarded_from", ""), help="转发文件填写源文件名称和文号"),
        Field("forwarded_attribute", "源文件公开属性", "choice", c.get("forwarded_attribute", ""),
              empty + list(catalog.ATTRIBUTES.items())),
        Field("related_item", "解读的政策文件", "choice", c.get("related_item") or "", empty + policies,
              help="政策解读必须关联所解读的文件"),
        Field("major", "重大或敏感（由主要领导终审）", "check", c.get("major", False)),
        Field("content", "正文", "multiline", c.get("content", "")),
    ]


def _clean(values: dict) -> dict:
    values = dict(values)
    values["related_item"] = values.get("related_item") or None
    return values


def new_item_dialog(actor, parent=None) -> FormDialog:
    return FormDialog("起草信息", item_fields(actor), lambda v: items.create(actor, _clean(v)), parent,
                      intro="公开属性在起草时认定（公文类信息公开属性源头认定制度）。", accept_text="保存")


def edit_item_dialog(actor, detail: dict, parent=None) -> FormDialog:
    return FormDialog(f"修改 {detail['number']}", item_fields(actor, detail),
                      lambda v: items.update(actor, detail["id"], _clean(v)), parent, accept_text="保存")


def submit_dialog(actor, item_id: int, parent=None) -> FormDialog:
    return FormDialog("提交审核", [Field("confirm", "本信息不含依申请公开或不予公开的内容", "check", False)],
                      lambda v: review.submit(actor, item_id, confirm_content=v["confirm"]), parent,
                      intro="提交时程序检查正文和附件（.docx、.pdf、.txt）中的身份证号码、电话、银行卡号、密级标志、姓名住址名单；"
                            "发现的内容须在保密审查环节逐条处理。", accept_text="提交")


def step_dialog(actor, item_id: int, action: str, label: str, parent=None) -> FormDialog:
    """The dialog of one signing step of the chain (``stages.ACTIONS``)."""
    def act(fields, fn):
        return FormDialog(label, fields, fn, parent, accept_text="确定")

    if action == "approve":
        return act([Field("opinion", "审核意见", "multiline", "同意")],
                   lambda v: review.act(actor, item_id, "approve", opinion=v["opinion"]))
    if action in ("return", "withdraw"):
        fn = ((lambda v: review.withdraw(actor, item_id, v["reason"])) if action == "withdraw" else
              (lambda v: review.act(actor, item_id, "return", reason=v["reason"])))
        return act([Field("reason", "理由", "multiline", "")], fn)
    if action == "refer":
        return act([Field("authority", "报送审查的机关", default="")],
                   lambda v: review.act(actor, item_id, "refer", data=v))
    if action == "withhold":
        return act([Field("opinion", "审查意见", "choice", "exempt",
                          [("exempt", "免予公开"), ("on_request", "依申请公开")]),
                    Field("reason", "依据和理由", "multiline", "")],
                   lambda v: review.act(actor, item_id, "withhold", reason=v["reason"], data={"opinion": v["opinion"]}))
    if action in ("answer_disclose", "answer_withhold"):
        fields = [Field("authority", "审查机关"), Field("document", "审查文件（文号）"),
                  Field("date", "审查日期", "date", clock.today())]
        if action == "answer_withhold":
            fields.append(Field("reason", "理由", "multiline", ""))
        return act(fields, lambda v: review.act(actor, item_id, action, reason=v.get("reason", ""),
                                                data={k: str(v[k]) for k in ("authority", "document", "date")}))
    if action == "publish":
        return act([Field("date", "发布日期", "date", clock.today()),
                    Field("channel", "发布渠道", "choice", None, [(c, c) for c in catalog.channels()]),
                    Field("location", "网址或位置", default="")],
                   lambda v: review.publish(actor, item_id, v["date"], v["channel"], v["location"]))
    raise ValueError(f"no dialog for {action}")


def finding_dialog(actor, finding: dict, parent=None) -> FormDialog:
    return FormDialog("处理筛查结果",
                      [Field("what", "内容", "readonly", f"{finding['source']}{finding['location']}："
                                                         f"{finding['kind_label']}“{finding['text']}”"),
                       Field("resolution", "处理", "choice", "fixed", list(catalog.RESOLUTIONS.items())),
                       Field("note", "说明或理由", "multiline", "")],
                      lambda v: review.resolve_finding(actor, finding["id"], v["resolution"], v["note"]), parent,
                      intro="已处理：先修改正文或上传删除后的新版本附件；可以公开：写明理由。")


def coordination_dialog(actor, item_id: int, parent=None) -> FormDialog:
    from app.publication import coordination
    return FormDialog("发出信息发布协调函", [Field("unit", "协调单位"), Field("sent", "发函日期", "date", clock.today())],
                      lambda v: coordination.send(actor, item_id, v["unit"], v["sent"]), parent,
                      intro="信息涉及其他单位的，发出协调函；协调完成前不能发布。")


def coordination_answer_dialog(actor, letter: dict, parent=None) -> FormDialog:
    from app.publication import coordination
    return FormDialog(f"登记 {letter['unit']} 的答复",
                      [Field("answer", "答复", "choice", "agree", list(catalog.COORDINATION_ANSWERS.items())),
                       Field("date", "答复日期", "date", clock.today()), Field("note", "答复意见", "multiline", ""),
                       Field("negotiation", "协商情况（不同意时：人员、时间、结果）", "multiline", "")],
                      lambda v: coordination.answer(actor, letter["id"], v["answer"], v["date"], v["note"],
                                                    v["negotiation"]), parent)


def coordination_decision_dialog(actor, letter: dict, parent=None) -> FormDialog:
    from app.publication import coordination
    return FormDialog("协调不一致：分管领导决定",
                      [Field("decision", "决定", "choice", "publish", [("publish", "发布"), ("withhold", "不予发布")]),
                       Field("note", "理由", "multiline", "")],
                      lambda v: coordination.decide(actor, letter["id"], v["decision"], v["note"]), parent)


def record_dialog(actor, item_id: int, what: str, data: dict | None = None, parent=None) -> FormDialog:
    """The forms of what else is recorded on an item: 三校, 全文诵读, 澄清/更正 and its approval, the 应急处置 report,
    the 征求意见 period, a comment received and the response."""
    from app.publication import corrections, participation, proofing
    today = clock.today()
    forms = {
        "proofread": ("登记校对", [Field("corrections", "改正的内容（没有写“无”）", "multiline", "")],
                      lambda v: proofing.proofread(actor, item_id, v["corrections"])),
        "recital": ("登记全文诵读", [Field("participants", "参加人员")],
                    lambda v: proofing.recital(actor, item_id, v["participants"])),
        "correction": ("澄清或更正", [Field("kind", "类别", "choice", "correct", list(corrections.KINDS.items())),
                                   Field("text", "澄清或更正的内容", "multiline", ""),
                                   Field("reason", "原因", "multiline", "")],
                       lambda v: corrections.propose(actor, item_id, v["kind"], v["text"], v["reason"])),
        "correction_approve": ("批准澄清或更正", [Field("what", "内容", "readonly", (data or {}).get("text", "")),
                                              Field("date", "发布日期", "date", today),
                                              Field("channel", "发布渠道", "choice", None,
                                                    [(c, c) for c in catalog.channels()])],
                               lambda v: corrections.approve(actor, (data or {}).get("id"), v["date"], v["channel"])),
        "emergency_report": ("应急处置报告", [Field("report", "报告内容", "multiline", "")],
                             lambda v: corrections.emergency_report(actor, item_id, v["report"])),
        "comment_period": ("征求意见期", [Field("start", "开始日期", "date", today), Field("end", "截止日期", "date", today),
                                      Field("how", "意见提交方式"), Field("contact", "联系人和电话")],
                           lambda v: participation.set_period(actor, item_id, v["start"], v["end"], v["how"],
                                                              v["contact"])),
        "comment": ("登记收到的意见", [Field("date", "收到日期", "date", today),
                                  Field("summary", "意见内容", "multiline", "")],
                    lambda v: participation.add_comment(actor, item_id, v["date"], v["summary"])),
        "response": ("意见采纳情况", [Field("text", "采纳情况（随决策公布）", "multiline", "")],
                     lambda v: participation.respond(actor, item_id, v["text"])),
    }
    title, fields, fn = forms[what]
    return FormDialog(title, fields, fn, parent)
