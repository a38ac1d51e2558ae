"""The dialog of each handling step: the form, and the one service call it makes on 确定 — together with the notices
the step issues (workflow table), which are issued in the same step or recorded by their 文号 when issued outside."""
from __future__ import annotations

from app import clock, settings
from app.errors import NeedsConfirmation, ServiceError
from app.requests import catalog, consultation, fees_service, handling, step_notices, workflow
from ui import messages
from ui.forms import Field, FormDialog
from ui.messages import show_error


def _today():
    return clock.today()


def confirmed_call(parent, run):
    """``run(confirmed)``; a warning the service asks about (a date on a rest day) is put to the user first. Declined,
    the warning stays in the dialog as its message."""
    try:
        return run(False)
    except NeedsConfirmation as question:
        if not messages.confirm(parent, "请确认日期", str(question)):
            raise
        return run(True)


def notice_fields(code: str) -> list[Field]:
    """The fields a step's dialog adds for the notices the step issues."""
    step = workflow.BY_CODE[code]
    out = []
    if step.notices:
        kinds = "或".join("答复告知书" if k == workflow.REPLY_NOTICE else k for k in step.notices)
        out.append(Field("external_number", "系统外出具的文号",
                         help=f"留空：保存时由本系统出具{kinds}（编定文号、存档并打开预览）；已在系统外出具的，填写其文号"))
    out += [Field(f"also:{k}", f"同时出具{k}", "check", True) for k in step.optional_notices]
    return out


def perform_with_notices(parent, actor, d: dict, code: str, call, values: dict) -> dict:
    """Take the step and issue its notices in one service call (asking about a rest day when the service does)."""
    step = workflow.BY_CODE[code]
    optional = tuple(k for k in step.optional_notices if values.get(f"also:{k}"))
    return confirmed_call(parent, lambda confirmed: step_notices.perform(
        actor, d["id"], code, lambda: call(values), external_number=values.get("external_number") or "",
        optional=optional, confirmed=confirmed))


def preview_issued_notices(parent, actor, d: dict, performed: dict | None) -> None:
    from ui.requests.notice_dialog import show_preview
    for doc in (performed or {}).get("issued", []):
        if doc.get("pdf"):
            show_preview(parent, actor, doc["id"], doc["pdf"], doc["kind"], d["number"])


def step_dialog(parent, actor, d: dict, code: str, title: str, fields, call, intro="", accept_text="确定"
                ) -> FormDialog:
    return FormDialog(title, list(fields) + notice_fields(code),
                      lambda v: perform_with_notices(parent, actor, d, code, call, v), parent, intro=intro,
                      accept_text=accept_text)


def _run(parent, actor, d: dict, dialog: FormDialog) -> bool:
    if not dialog.exec():
        return False
    preview_issued_notices(parent, actor, d, dialog.result_value)
    return True


def _form(parent, actor, d, code, title, fields, call, intro="", accept_text="确定") -> bool:
    return _run(parent, actor, d, step_dialog(parent, actor, d, code, title, fields, call, intro, accept_text))


def run_step(parent, actor, d: dict, code: str) -> bool:
    """Open the step's dialog for request ``d`` (detail dict); True when something was saved."""
    rid = d["id"]
    if code == "start":
        if not messages.confirm(parent, "开始办理", f"将申请 {d['number']} 转为“办理中”？"):
            return False
        try:
            handling.start(actor, rid)
        except ServiceError as err:
            show_error(parent, err)
            return False
        return True
    if code == "correction":
        period = settings.get("requests.correction_period_days")
        return _form(parent, actor, d, code, "补正告知", [
            Field("items", "需要补正的事项", "multiline", help="逐项写明申请人应当补正的内容（条例第三十条：一次性告知）"),
            Field("date", "告知日期", "date", _today()),
            Field("period", "补正期限（工作日）", "int", period, minimum=1, maximum=60)],
            lambda v: handling.request_correction(actor, rid, v["items"], v["date"], v["period"]),
            intro=f"收到申请之日起7个工作日内（{d.get('correction_due')} 前）一次性告知。告知后答复期限暂停，"
                  "自收到补正之日起重新计算。保存时出具补正告知书。")
    if code == "correction_received":
        return _form(parent, actor, d, code, "收到补正", [
            Field("date", "收到补正日期", "date", _today()), Field("note", "说明", "multiline")],
            lambda v: handling.correction_received(actor, rid, v["date"], v["note"]),
            intro="答复期限将自收到补正之日起重新计算（条例第三十条）。")
    if code == "correction_lapsed":
        return _form(parent, actor, d, code, "逾期未补正", [
            Field("date", "处理日期", "date", _today()),
            Field("note", "说明", "multiline", "申请人无正当理由逾期未补正")],
            lambda v: handling.correction_lapsed(actor, rid, v["date"], v["note"]),
            intro=f"补正期限至 {d.get('correction_period_end')}。期满无正当理由未补正的，视为放弃申请，"
                  "计入年度报告（六）其他处理 1。保存时出具逾期未补正终止办理告知书。")
    if code == "consult":
        return _form(parent, actor, d, code, "征求意见", [
            Field("kind", "征求对象类别", "choice", "third_party", list(catalog.CONSULTATION_KINDS.items())),
            Field("party", "第三方或机关名称"), Field("contact", "联系方式或地址"),
            Field("content", "征求意见的内容", "multiline", help="拟公开的信息及需要对方表示意见的事项（不写申请人的个人信息）"),
            Field("date", "发出日期", "date", _today())],
            lambda v: consultation.consult(actor, rid, v["kind"], v["party"], v["content"], v["date"], v["contact"]),
            intro="征求意见所需时间不计算在答复期限内（条例第三十三条第三款），自发出之日起停止计时。保存时出具致对方的"
                  "征求意见书（条例第三十二条、第三十四条：书面征求意见）。")
    if code == "consultation_reply":
        pending = [c for c in d["consultations"] if not c["reply"]]
        if not pending:
            messages.info(parent, "征求意见", "没有待答复的征求意见")
            return False
        silence = ("视为不同意公开（本机关规定）" if settings.get("requests.third_party_silence") == "refuse"
                   else "由本机关依照条例规定决定是否公开")
        return _form(parent, actor, d, code, "登记征求意见结果", [
            Field("cid", "征求意见", "choice", pending[0]["id"],
                  [(c["id"], f"{c['party']}（{c['sent_date']} 发出，{c['reply_due']} 到期）") for c in pending]),
            Field("reply", "答复情况", "choice", "agree", list(catalog.CONSULTATION_REPLIES.items())),
            Field("date", "答复（登记）日期", "date", _today()),
            Field("reason", "对方意见或理由", "multiline"),
            Field("decision", "本机关的决定", "choice", "disclose", list(consultation.DECISIONS.items())),
            Field("note", "决定的理由", "multiline",
                  help="因公共利益决定公开的，须写明理由并书面告知第三方：保存时出具“第三方公开决定告知书”")],
            lambda v: consultation.record_reply(actor, v["cid"], v["reply"], v["date"], v["reason"], v["decision"],
                                                v["note"]),
            intro=f"共同制作机关逾期未答复视为同意（条例第三十四条）；第三方逾期未答复的，{silence}。")
    if code == "fee":
        return _fee(parent, actor, d)
    if code == "fee_paid":
        return _form(parent, actor, d, code, "登记缴费", [
            Field("date", "缴费日期", "date", _today()), Field("receipt", "缴款凭证号")],
            lambda v: fees_service.fee_paid(actor, rid, v["date"], v["receipt"]))
    if code == "fee_lapsed":
        return _form(parent, actor, d, code, "逾期未缴费", [Field("date", "处理日期", "date", _today())],
                     lambda v: fees_service.fee_lapsed(actor, rid, v["date"]),
                     intro="逾期未缴纳信息处理费的，不再处理该申请，计入年度报告（六）其他处理 2。"
                           "保存时出具逾期未缴费终止办理告知书。")
    if code == "extend":
        maximum = settings.get("requests.extension_max_days") - (d.get("extension_days") or 0)
        return _form(parent, actor, d, code, "延长答复期限", [
            Field("days", "延长工作日数", "int", maximum, minimum=1, maximum=max(1, maximum)),
            Field("approver", "批准人（政府信息公开工作机构负责人）"), Field("date", "批准日期", "date", _today()),
            Field("reason", "延期理由", "multiline", help="将写入延期答复告知书")],
            lambda v: handling.extend(actor, rid, v["days"], v["approver"], v["date"], v["reason"]),
            intro=f"条例第三十三条：延长期限最长不超过{settings.get('requests.extension_max_days')}个工作日，"
                  "须在原期限届满前经负责人同意，并告知申请人：保存时出具延期答复告知书。")
    if code == "suspend":
        return _form(parent, actor, d, code, "中止计时", [
            Field("date", "中止日期", "date", _today()),
            Field("reason", "中止理由", "multiline", help="不可抗力或其他法定事由")],
            lambda v: handling.suspend(actor, rid, v["date"], v["reason"]))
    if code == "resume":
        return _form(parent, actor, d, code, "恢复计时", [
            Field("date", "障碍消除日期", "date", _today()), Field("note", "说明", "multiline")],
            lambda v: handling.resume(actor, rid, v["date"], v["note"]))
    if code == "decide":
        from ui.requests.decision_dialog import DecisionDialog
        return bool(DecisionDialog(actor, d, parent).exec())
    if code == "deliver":
        return _form(parent, actor, d, code, "送达", [
            Field("method", "送达方式", "choice", "post", list(catalog.DELIVERY_METHODS.items())),
            Field("date", "送达日期", "date", _today()), Field("tracking", "邮件单号（邮寄送达必填）"),
            Field("recipient", "收件人", default=d["applicant_name"]), Field("note", "备注")],
            lambda v: handling.deliver(actor, rid, v["method"], v["date"], v["tracking"], v["recipient"], v["note"]),
            intro="送达的是已出具的答复告知书；送达回证可在“打印文书”中出具。")
    if code == "archive":
        return _form(parent, actor, d, code, "归档", [
            Field("date", "归档日期", "date", _today()), Field("note", "备注")],
            lambda v: handling.archive(actor, rid, v["date"], v["note"]),
            intro="办理中应出具的文书都已出具（或登记了系统外出具的文号）后才能归档。")
    if code == "withdraw":
        return _form(parent, actor, d, code, "申请人撤回", [
            Field("date", "撤回日期", "date", _today()),
            Field("reason", "撤回方式和理由", "multiline", "申请人书面撤回申请")],
            lambda v: handling.withdraw(actor, rid, v["date"], v["reason"]),
            intro="撤回的申请计入年度报告（六）其他处理 3.其他。误登记的申请请用“作废”。")
    if code == "void":
        return _form(parent, actor, d, code, "作废", [
            Field("reason", "作废理由", "multiline", help="例如：与 2026-依申请-0012 重复登记；来信为信访事项，误登记为申请"),
            Field("date", "作废日期", "date", _today())],
            lambda v: handling.void(actor, rid, v["reason"], v["date"]),
            intro=f"作废只用于误登记的申请 {d['number']}。作废后保留编号和办理记录，显示为“已作废”，不计入登记簿件数和"
                  "年度报告，也不能再办理。申请人撤回申请的，请用“申请人撤回”。", accept_text="作废")
    if code == "edit":
        from ui.requests.register_dialog import RegisterDialog
        return bool(RegisterDialog(actor, existing=d, parent=parent).exec())
    if code == "notice":
        from ui.requests.notice_dialog import NoticeDialog
        NoticeDialog(actor, d, parent).exec()
        return True
    raise KeyError(code)


def _fee(parent, actor, d: dict) -> bool:
    rid = d["id"]
    position, proposal = fees_service.propose(rid, None)
    fields = [
        Field("pages", "页数（按量计收时填写）", "int", 0, minimum=0, maximum=100000),
        Field("method", "收费方式", "choice", proposal.method or "per_item", list(catalog.FEE_METHODS.items())),
        Field("waiver", "减免情形", "choice", None, [(None, "不减免")] + list(catalog.FEE_WAIVERS.items())),
        Field("note", "减免说明", help="减免须经本人申请、负责人同意，并留存证明材料"),
        Field("date", "收费通知日期", "date", _today()),
    ]
    dialog = step_dialog(parent, actor, d, "fee", "信息处理费", fields, lambda v: fees_service.fee_notice(
        actor, rid, v["method"], v["pages"] or None, v["date"], v["waiver"], v["note"]),
        intro=f"国办函〔2020〕109号：按件计收——同一申请人一个自然月内10件以下不收费，11—30件每件100元，此后每10件一档、"
              f"每档加收100元；按量计收——30页以下不收费，31—100页每页10元，101—200页每页20元，200页以上每页40元。\n"
              f"该申请人本月第{position}件申请。发出时出具收费通知书（减免的不出具）。", accept_text="发出收费通知")

    def update_proposal():
        pages = dialog.editors["pages"].value()
        _, p = fees_service.propose(rid, pages)
        dialog.set_note(f"建议：{p.reason}（按件 {p.per_item_amount} 元，按量 {p.per_volume_amount} 元）")
        if p.method:
            dialog.set_value("method", p.method)

    dialog.editors["pages"].valueChanged.connect(lambda _: update_proposal())
    update_proposal()
    return _run(parent, actor, d, dialog)
