"""The forms of 举报投诉: 受理 (a new case) and one dialog per handling step (the step table's actions), each calling
one service on 确定 and showing its refusal inline."""
from __future__ import annotations

import datetime as dt

from app import clock, settings
from app.complaints import cases, catalog, handling, steps
from ui.forms import Field, FormDialog


def case_fields(current: dict | None = None) -> list[Field]:
    c = current or {}
    empty = [("", "（暂不选）")]
    now = clock.now()
    return [
        Field("channel", "来源渠道", "choice", c.get("channel", "来访"), [(x, x) for x in catalog.CHANNELS]),
        Field("received_date", "收到日期", "date", (c.get("received_at") or now).date()),
        Field("received_time", "收到时间（时:分）", default=(c.get("received_at") or now).strftime("%H:%M")),
        Field("category", "类别", "choice", c.get("category", "complaint"),
              [(code, f"{x.label}（{catalog.days_for(code)}个工作日）") for code, x in catalog.CATEGORIES.items()]),
        Field("report_type", "举报事项", "choice", c.get("report_type", ""),
              empty + list(catalog.REPORT_TYPES.items())),
        Field("anonymous", "匿名", "check", c.get("anonymous", False)),
        Field("confidential", "举报投诉人要求保密", "check", c.get("confidential", False),
              help="要求保密的，监督员查阅时不显示内容"),
        Field("complainant_name", "举报投诉人姓名", default=c.get("complainant_name", "")),
        Field("complainant_phone", "联系电话", default=c.get("complainant_phone", "")),
        Field("complainant_address", "住址", default=c.get("complainant_address", "")),
        Field("complainant_email", "电子邮箱", default=c.get("complainant_email", "")),
        Field("subject_unit", "被举报投诉单位", default=c.get("subject_unit", ""),
              help="不得将检举、控告类信件转至被检举、控告单位和个人（政民互动管理制度第五条）"),
        Field("subject_person", "被举报投诉人员", default=c.get("subject_person", "")),
        Field("title", "事由", default=c.get("title", "")),
        Field("content", "内容", "multiline", c.get("content", "")),
        Field("handling_unit", "承办科室", "choice", c.get("handling_unit", ""),
              empty + [(u, u) for u in settings.units()]),
        Field("request_number", "关联的申请编号", default=c.get("request_number", "")),
        Field("item_number", "关联的信息编号或索引号", default=c.get("item_number", "")),
    ]


def _clean(values: dict) -> dict:
    v = dict(values)
    day, time = v.pop("received_date"), str(v.pop("received_time") or "").strip()
    try:
        moment = dt.datetime.combine(day, dt.time.fromisoformat(time)) if day else None
    except ValueError:
        moment = f"{day.isoformat()} {time}"  # the service names the bad time
    v["received_at"] = moment
    return v


def new_case_dialog(actor, parent=None) -> FormDialog:
    """受理; a matter answered on the spot is then answered with the detail's 当场答复 (the form fits a 768-pixel
    screen)."""
    return FormDialog("受理举报投诉", case_fields(), lambda v: cases.create(actor, _clean(v)), parent,
                      intro="举报投诉人的姓名和联系方式只对有“查看举报投诉人的姓名和联系方式”权限的人员显示"
                            "（举报调查制度第八条）；能当场答复的，受理后点“当场答复”。", accept_text="受理")


def edit_case_dialog(actor, detail: dict, parent=None) -> FormDialog:
    return FormDialog(f"修改 {detail['number']}", case_fields(detail),
                      lambda v: cases.update(actor, detail["id"], {k: x for k, x in _clean(v).items()
                                                                  if k not in ("request_number", "item_number")}),
                      parent, accept_text="保存")


def step_dialog(actor, case_id: int, action: str, parent=None) -> FormDialog:
    """The dialog of one step of the table (``steps.ACTIONS``)."""
    label = steps.ACTIONS[action]
    text = Field("text", "内容", "multiline", "")
    units = [(u, u) for u in settings.units()]
    extra: list[Field] = []
    if action == "register":
        text = None
        extra = [Field("unit", "承办科室", "choice", None, units)]
    elif action == "transfer":
        text.label = "转办理由"
        extra = [Field("unit", "转办科室", "choice", None, units), Field("person", "承办人（可不填）")]
    elif action == "transfer_out":
        text.label = "转办理由"
        extra = [Field("target", "转往单位"), Field("person", "联系人（可不填）")]
    elif action == "supervise":
        text.label = "督办意见"
        extra = [Field("reply_due", "督办答复期限", "date", None,
                       help=f"不填则为{settings.get('complaints.supervision_days')}个工作日")]
    elif action in ("supervise_reply", "review_done"):
        text.label = "答复内容" if action == "supervise_reply" else "审核意见"
        extra = [Field("date", "日期", "date", clock.today())]
    elif action in ("reply", "on_spot"):
        text.label = "答复内容"
        extra = [Field("method", "答复方式", "choice", "书面答复", [(m, m) for m in catalog.REPLY_METHODS]),
                 Field("date", "答复日期", "date", clock.today())]
    elif action == "archive":
        text = None
        extra = [Field("date", "归档日期", "date", clock.today())]
    elif action == "instruct":
        text.label = "批示内容"
        extra = [Field("leader", "批示领导", default=actor.display_name)]
    elif action == "note":
        text.label = "调查情况"
    elif action == "investigate":
        text = Field("text", "调查安排（可不填）", "multiline", "")
    elif action == "refer_review":
        text.label = "送审材料和说明"
    fields = ([text] if text else []) + extra

    def submit(v):
        v = dict(v)
        return handling.act(actor, case_id, action, v.pop("text", ""), **v)

    return FormDialog(label, fields, submit, parent, accept_text="确定")
