"""One information item in full — its fields and 公开属性, the review history with every signer, the screen's
findings, files, coordination letters and 政策解读 links — and the steps this user may take now (from the stage table
through the detail service)."""
from __future__ import annotations

import html

from app.errors import ServiceError
from app.publication import corrections, detail as detail_service, form, items
from ui import file_dialogs, messages
from ui.events import announce
from ui.messages import show_error
from ui.models.paging import Column, ListSource
from ui.publication import dialogs
from ui.qt import QtWidgets
from ui.record_pane import ButtonGrid, RecordPane, detail_table
from ui.widgets import selected_row

HISTORY = [Column("date", "日期", "date", 90), Column("action_label", "事项", "action", 110),
           Column("from", "环节", None, 80), Column("user", "签署人", "user", 70), Column("opinion", "意见", None, 160,
                                                                                    tooltip=lambda r: r["opinion"]),
           Column("note", "理由或说明", None, 220, tooltip=lambda r: r["note"])]
FINDINGS = [Column("kind_label", "类别", "kind", 110), Column("source", "位置", None, 90,
                                                           text=lambda r: f"{r['source']}{r['location']}"),
            Column("text", "内容", None, 180), Column("resolution_label", "处理", None, 110),
            Column("note", "说明", None, 160, tooltip=lambda r: r["note"]),
            Column("submission", "第几次提交", None, 70)]
FILES = [Column("name", "文件名", "name", 220), Column("version", "版本", None, 50),
         Column("added_at", "添加时间", None, 130), Column("added_by", "添加人", None, 70),
         Column("note", "说明", None, 160)]
LETTERS = [Column("unit", "协调单位", None, 140), Column("sent_date", "发函日期", None, 90),
           Column("answer_label", "答复", None, 70), Column("negotiation", "协商", None, 160),
           Column("decision_note", "分管领导决定", None, 160)]

FIELDS = [("number", "编号"), ("kind_label", "类型"), ("unit", "制作科室"), ("doc_number", "文号"),
          ("formed_date", "成文日期"), ("attribute_label", "公开属性"), ("attribute_reason", "理由"),
          ("category", "公开目录类别"), ("disclosure_manner", "公开方式"), ("disclosure_scope", "公开范围"),
          ("forwarded_from", "转发的源文件"), ("drafter_name", "起草人"), ("stage_label", "环节"), ("due_text", "期限"),
          ("secrecy_opinion_label", "保密审查意见"), ("index_number", "索引号"), ("published_date", "发布日期"),
          ("channel", "发布渠道"), ("location", "网址或位置")]


# The pane's steps (审核通过, 退回 …) and its tools (修改, 附件, 协调, 校对, 打印 …) in rows of this many buttons.
ACTION_COLUMNS = 4


class ItemDetailPane(RecordPane):
    def __init__(self, actor, parent=None):
        super().__init__(ACTION_COLUMNS, parent)
        self.actor = actor
        self.item_id: int | None = None
        self.data: dict | None = None
        self.tools_box = ButtonGrid(ACTION_COLUMNS)
        self.tools = self.tools_box.grid
        self.pane_layout.addWidget(self.tools_box)
        self.add_tabs()
        self.info = QtWidgets.QTextBrowser()
        self.tabs.addTab(self.info, self.tr("信息"))
        self.history_model, self.history_view = detail_table(HISTORY, self, 80)
        self.tabs.addTab(self.history_view, self.tr("审核记录"))
        self.findings_model, self.findings_view = detail_table(FINDINGS, self, 80)
        self.tabs.addTab(self.findings_view, self.tr("筛查结果"))
        self.files_model, self.files_view = detail_table(FILES, self, 80)
        self.tabs.addTab(self.files_view, self.tr("附件"))
        self.letters_model, self.letters_view = detail_table(LETTERS, self, 80)
        self.tabs.addTab(self.letters_view, self.tr("协调"))
        self.show_item(None)

    # ---- showing -----------------------------------------------------------------------------------------------
    def show_item(self, item_id: int | None) -> None:
        self.item_id = item_id
        self.data = self.load(detail_service.detail, self.actor, item_id)
        d = self.data
        self.actions_box.clear()
        self.tools_box.clear()
        self.show_related(self.actor, "item", item_id if d is not None else None)
        if d is None:
            self.title.setText(self.tr("请在左侧选择一条信息"))
            self.status.clear()
            self.info.clear()
            for model in (self.history_model, self.findings_model, self.files_model, self.letters_model):
                model.set_source(ListSource([]))
            return
        self.title.setText(f"{d['number']}　{d['title']}")
        status = f"环节：{d['stage_label']}"
        if d["due_text"]:
            status += f"　{d['due_text']}"
        if d["open_findings"]:
            status += f"　<span style='color:#b00020'>筛查发现 {d['open_findings']} 处待处理</span>"
        if d["major"]:
            status += "　重大或敏感（主要领导终审）"
        self.status.setText(status)
        self.info.setHtml(self._info_html(d))
        self.history_model.set_source(ListSource(d["events"]))
        self.findings_model.set_source(ListSource(d["findings"]))
        self.files_model.set_source(ListSource(d["files"]))
        self.letters_model.set_source(ListSource(d["coordinations"]))
        self.tabs.setTabText(2, f"筛查结果（{d['open_findings']}）" if d["open_findings"] else "筛查结果")
        for step in d["actions"]:
            self.actions_box.add(step["label"] + "…", lambda s=step: self.take_step(s))
        self._tools(d)

    def _info_html(self, d: dict) -> str:
        cell = "<tr><td style='color:#555;padding-right:8px'>{}</td><td>{}</td></tr>"
        rows = "".join(cell.format(label, html.escape(str(d[k]))) for k, label in FIELDS if d.get(k) not in (None, ""))
        links = ""
        if d.get("explains"):
            links += f"<p>解读：{html.escape(d['explains']['number'])} {html.escape(d['explains']['title'])}</p>"
        for r in d.get("interpretations", []):
            links += f"<p>政策解读：{html.escape(r['number'])} {html.escape(r['title'])}</p>"
        for r in d.get("proofing", []):
            what = f"第{r['seq']}校：{r['corrections']}" if r["kind"] == "proofread" else f"全文诵读：{r['participants']}"
            links += f"<p>{html.escape(what)}（{html.escape(r['user'])} {r['date']}）</p>"
        for c in d.get("corrections", []):
            if c["record"] == "correction":
                state = "已批准" if c["status"] == "approved" else "待批准"
                what = f"{corrections.KINDS[c['kind']]}：{c['text']}（{state}）"
            else:
                what = f"应急处置报告：{c['report']}"
            links += f"<p style='color:#8a4b00'>{html.escape(what)}</p>"
        p = d.get("participation") or {}
        if p.get("period"):
            period = p["period"]
            links += (f"<p>征求意见期：{period['start']} 至 {period['end']}，{html.escape(period['how'])}，"
                      f"{html.escape(period['contact'])}；收到意见 {len(p['comments'])} 条</p>")
        for text in p.get("responses", []):
            links += f"<p>采纳情况：{html.escape(text)}</p>"
        content = html.escape(d.get("content") or "").replace("\n", "<br>")
        return f"<table>{rows}</table>{links}<hr><p>{content}</p>"

    def _tools(self, d: dict) -> None:
        if d["editable"]:
            self.tools_box.add("修改…", self.edit)
        if d["editable"] or (d["open_findings"] and self.actor.can("publication.secrecy")):
            self.tools_box.add("添加附件…", self.add_file)
        if d["open_findings"] and self.actor.can("publication.secrecy") and not d["is_drafter"]:
            self.tools_box.add("处理筛查结果…", self.resolve_finding)
            self.tools_box.add("上传附件新版本…", self.new_version)
        if self.actor.can("publication.draft") and d["stage"] not in ("published", "withheld", "withdrawn"):
            self.tools_box.add("发协调函…", self.send_letter)
        if d["files"] and self.actor.can("redaction.apply") and (d["editable"] or self.actor.can("publication.secrecy")):
            self.tools_box.add("区分处理…", self.redact_file)  # 非密处理 of the chosen file
        if d["files"]:
            self.tools_box.add("识别文字…", self.file_text)
        if d["coordinations"]:
            self.tools_box.add("协调答复…", self.answer_letter)
            self.tools_box.add("打印协调函…", self.print_letter)
        for what, label in self._record_tools(d):
            self.tools_box.add(label, lambda w=what: self.record(w))
        self.tools_box.add("打印审核表…", self.print_form)

    def _record_tools(self, d: dict) -> list[tuple[str, str]]:
        """The records this user may add now (三校, 更正, 征求意见 …); the services check the same rules."""
        a, stage, out = self.actor, d["stage"], []
        reviewing = stage not in ("draft", "returned", "published", "withheld", "withdrawn")
        if reviewing and a.can("publication.first_review") and not d["is_drafter"]:
            if sum(r["kind"] == "proofread" for r in d["proofing"]) < 3:
                out.append(("proofread", "校对…"))
            if d["major"]:
                out.append(("recital", "全文诵读…"))
        if stage == "published" and a.can("publication.publish"):
            out.append(("correction", "澄清或更正…"))
        if a.can("publication.final_review") and any(c.get("status") == "proposed" for c in d["corrections"]):
            out.append(("correction_approve", "批准更正…"))
        if stage == "withdrawn" and a.can("publication.publish"):
            out.append(("emergency_report", "应急处置报告…"))
        if d["kind"] in ("consultation", "major_decision") and a.can("publication.draft"):
            out += [("comment_period", "征求意见期…"), ("comment", "登记意见…"), ("response", "采纳情况…")]
        return out

    def record(self, what: str) -> None:
        data = next((c for c in self.data["corrections"] if c.get("status") == "proposed"), None)
        self._run(dialogs.record_dialog(self.actor, self.item_id, what, data, self))

    # ---- acting ------------------------------------------------------------------------------------------------
    def _run(self, dialog) -> bool:
        if dialog.exec():
            announce("info_item")
            self.show_item(self.item_id)
            return True
        return False

    def take_step(self, step: dict) -> bool:
        if step["action"] == "submit":
            return self._run(dialogs.submit_dialog(self.actor, self.item_id, self))
        return self._run(dialogs.step_dialog(self.actor, self.item_id, step["action"], step["label"], self))

    def edit(self) -> None:
        self._run(dialogs.edit_item_dialog(self.actor, self.data, self))

    def _pick_file(self) -> str:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("选择附件"), "", self.tr("文件 (*.docx *.pdf *.txt *.*)"))
        return path

    def add_file(self) -> None:
        path = self._pick_file()
        if path:
            added = {}
            self._call(lambda: added.update(items.add_file(self.actor, self.item_id, path)))
            self._recognise(added, path)

    def _recognise(self, added: dict, path: str) -> None:
        """A scan just stored is read in the background, so that the screen at 提交审核 and the search see its text."""
        from pathlib import Path

        from app.ocr.layers import may_recognise
        from ui.text_layer import recognise_in_background
        if added.get("id") and may_recognise(path):
            recognise_in_background(self, self.actor, "item_file", added["id"], Path(path).name,
                                    on_done=lambda _: self.show_item(self.item_id))

    def file_text(self) -> None:
        """识别文字…: the chosen scan with its recognised text beside it."""
        from ui.text_layer import open_text_layer
        row = selected_row(self.files_view)
        if row is None:
            messages.info(self, self.tr("识别文字"), self.tr("请先在“附件”中选择扫描件。"))
            return
        open_text_layer(self, self.actor, "item_file", row["id"], lambda: items.read_file(self.actor, row["id"]))

    def new_version(self) -> None:
        row = selected_row(self.files_view)
        if row is None:
            messages.info(self, self.tr("上传新版本"), self.tr("请先在“附件”中选择要替换的文件。"))
            return
        path = self._pick_file()
        if path:
            added = {}
            self._call(lambda: added.update(items.new_file_version(self.actor, row["id"], path, "删除筛查发现的内容")))
            self._recognise(added, path)

    def redact_file(self) -> None:
        """非密处理 (seed 002 第十二条): the chosen file in the redaction window; its released version becomes the
        file's new version, the one published."""
        from ui.redaction.window import open_redaction
        row = selected_row(self.files_view)
        if row is None:
            messages.info(self, self.tr("区分处理"), self.tr("请先在“附件”中选择要处理的文件。"))
            return
        open_redaction(self, self.actor, "item", row["id"])
        self.show_item(self.item_id)

    def resolve_finding(self) -> None:
        row = selected_row(self.findings_view)
        if row is None or row["resolution"] or not row["current"]:
            self.tabs.setCurrentIndex(2)
            messages.info(self, self.tr("处理筛查结果"), self.tr("请先在“筛查结果”中选择一条待处理的内容。"))
            return
        self._run(dialogs.finding_dialog(self.actor, row, self))

    def send_letter(self) -> None:
        self._run(dialogs.coordination_dialog(self.actor, self.item_id, self))

    def answer_letter(self) -> None:
        row = selected_row(self.letters_view) or self.data["coordinations"][0]
        if row["answer"] is None:
            self._run(dialogs.coordination_answer_dialog(self.actor, row, self))
        elif row["answer"] == "disagree" and row["decision"] is None:
            self._run(dialogs.coordination_decision_dialog(self.actor, row, self))
        else:
            messages.info(self, self.tr("协调"), self.tr("该协调函已办结。"))

    def _call(self, fn) -> None:
        try:
            fn()
        except ServiceError as err:
            show_error(self, err)
            return
        announce("info_item")
        self.show_item(self.item_id)

    def print_form(self) -> None:
        self._save_pdf(f"信息发布审核及保密审查表-{self.data['number']}.pdf",
                       lambda: form.review_form_pdf(self.actor, self.item_id))

    def print_letter(self) -> None:
        row = selected_row(self.letters_view) or self.data["coordinations"][0]
        self._save_pdf(f"信息发布协调函-{self.data['number']}-{row['unit']}.pdf",
                       lambda: form.coordination_letter(self.actor, row["id"]))

    def _save_pdf(self, name: str, make) -> None:
        path, _ = file_dialogs.get_save_file_name(self, self.tr("保存 PDF"), name, self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        try:
            pdf = make()
            with open(path, "wb") as fh:
                fh.write(pdf)
        except (ServiceError, OSError) as err:
            show_error(self, err)
            return
        messages.info(self, self.tr("审核表"), f"已保存到\n{path}")
