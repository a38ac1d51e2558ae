"""One case in full — what was received, from whom (masked unless the user may see it and asks: the view is logged),
its due date explained, the 办理记录, 督办 and files — and the steps this user may take now (from the step table
through the detail service), the reply letter's preview and the case's files."""
from __future__ import annotations

import html

from app.complaints import cases, detail as detail_service, letters
from app.errors import ServiceError
from ui import file_dialogs
from ui.complaints import dialogs
from ui.events import announce
from ui.messages import show_error
from ui.models.paging import Column, ListSource, default_text
from ui.qt import QtWidgets
from ui.record_pane import ButtonGrid, RecordPane, detail_table

HISTORY = [Column("date", "日期", "date", 90), Column("label", "事项", None, 110), Column("state", "状态", None, 70),
           Column("user", "经办人", None, 70), Column("note", "内容", None, 260, tooltip=lambda r: r["note"])]
SUPERVISIONS = [Column("seq", "次", None, 30), Column("sent_date", "督办日期", None, 90),
                Column("unit", "承办科室", None, 90), Column("text", "督办意见", None, 160),
                Column("reply_due", "答复期限", None, 90), Column("reply_date", "答复日期", None, 90),
                Column("reply_text", "答复", None, 160)]
FILES = [Column("kind_label", "类别", None, 50), Column("name", "文件名", None, 220),
         Column("added_at", "添加时间", None, 130), Column("added_by", "添加人", None, 70)]

FIELDS = [("number", "编号"), ("channel", "来源渠道"), ("received_at", "收到时间"), ("category_label", "类别"),
          ("report_type_label", "举报事项"), ("complainant_label", "举报投诉人"), ("complainant_name", "姓名"),
          ("complainant_phone", "联系电话"), ("complainant_address", "住址"), ("complainant_email", "电子邮箱"),
          ("subject_unit", "被举报投诉单位"), ("subject_person", "被举报投诉人员"), ("handling_unit", "承办科室"),
          ("transfer_target", "转往单位"), ("request_number", "关联的申请"), ("item_number", "关联的信息"),
          ("reply_method", "答复方式"), ("reply_date", "答复日期"), ("timeliness", "按时答复"),
          ("archived_date", "归档日期")]


class CaseDetailPane(RecordPane):
    PER_ROW = 4  # the steps wrap: the register keeps its width

    def __init__(self, actor, parent=None):
        super().__init__(self.PER_ROW, parent)
        self.actor = actor
        self.case_id: int | None = None
        self.data: dict | None = None
        self.tools_box = ButtonGrid(self.PER_ROW)
        self.tools = self.tools_box.grid
        self.pane_layout.addWidget(self.tools_box)
        self.add_tabs()
        self.info = QtWidgets.QTextBrowser()
        self.tabs.addTab(self.info, self.tr("案件"))
        self.history_model, self.history_view = detail_table(HISTORY, self, 80)
        self.tabs.addTab(self.history_view, self.tr("办理记录"))
        self.supervision_model, self.supervision_view = detail_table(SUPERVISIONS, self, 80)
        self.tabs.addTab(self.supervision_view, self.tr("督办"))
        self.files_model, self.files_view = detail_table(FILES, self, 80)
        self.tabs.addTab(self.files_view, self.tr("附件和证据"))
        self.show_case(None)

    def show_case(self, case_id: int | None, reveal: bool = False) -> None:
        self.case_id = case_id
        self.data = d = self.load(lambda actor, cid: detail_service.case_detail(actor, cid, reveal=reveal),
                                  self.actor, case_id)
        self.actions_box.clear()
        self.tools_box.clear()
        if d is None:
            self.title.setText(self.tr("请在左侧选择一件举报投诉"))
            self.status.clear()
            self.info.clear()
            for model in (self.history_model, self.supervision_model, self.files_model):
                model.set_source(ListSource([]))
            return
        self.title.setText(f"{d['number']}　{d['title']}")
        due = f"办理期限：{d['due_date'].isoformat()}" + ("（暂定）" if d["due_provisional"] else "") if d["due_date"] else ""
        self.status.setText(f"状态：{d['state_label']}　{due}")
        self.info.setHtml(self._info_html(d))
        self.history_model.set_source(ListSource(d["history"]))
        self.supervision_model.set_source(ListSource(d["supervisions"]))
        self.files_model.set_source(ListSource(d["files"]))
        for action, label in d["actions"]:
            self.actions_box.add(label + "…", lambda a=action: self.take_step(a))
        if d["may_reveal"] and not d["identity_shown"] and not d["anonymous"]:
            self.tools_box.add("查看举报投诉人身份", lambda: self.show_case(self.case_id, reveal=True))
        if self.actor.can("complaint.register") and d["state"] in cases.EDITABLE_STATES:
            self.tools_box.add("修改…", self.edit)
        if self.actor.can("complaint.handle") and d["state"] != "archived":
            self.tools_box.add("添加证据…", self.add_evidence)
        if self.actor.can("complaint.handle") and d["reply_date"] and d["reply_text"]:
            self.tools_box.add("答复函预览…", self.preview_reply)

    def _info_html(self, d: dict) -> str:
        cell = "<tr><td style='color:#555;padding-right:8px'>{}</td><td>{}</td></tr>"
        rows = "".join(cell.format(label, html.escape(default_text(d[k]))) for k, label in FIELDS
                       if d.get(k) not in (None, ""))
        steps = "<br>".join(html.escape(s) for s in d["due_steps"])
        content = html.escape(d["content"]).replace("\n", "<br>")
        reply = (f"<hr><p><b>答复：</b>{html.escape(d['reply_text'])}</p>" if d["reply_text"] else "")
        return (f"<table>{rows}</table><hr><p>{content}</p>{reply}"
                f"<hr><p style='color:#555'>期限计算：<br>{steps}</p>")

    def _run(self, dialog) -> bool:
        if dialog.exec():
            announce("complaint_case")
            self.show_case(self.case_id)
            return True
        return False

    def take_step(self, action: str) -> bool:
        return self._run(dialogs.step_dialog(self.actor, self.case_id, action, self))

    def edit(self) -> None:
        self._run(dialogs.edit_case_dialog(self.actor, self.data, self))

    def add_evidence(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("选择证据文件"), "", self.tr("文件 (*.*)"))
        if not path:
            return
        try:
            cases.add_file(self.actor, self.case_id, path, kind="evidence")
        except ServiceError as err:
            show_error(self, err)
            return
        announce("complaint_case")
        self.show_case(self.case_id)

    def preview_reply(self):
        from ui.printing.preview import PreviewDialog
        try:
            pdf = letters.reply_letter(self.actor, self.case_id)
        except ServiceError as err:
            show_error(self, err)
            return None
        dialog = PreviewDialog(pdf, "举报投诉答复函", f"{self.data['number']}-答复函.pdf", parent=self)
        dialog.open()
        return dialog
