"""使用指南: the user guide shown by 帮助 → 使用指南, as HTML sections.

What can be read from the program is read from it, so that the guide cannot drift: the roles and what each may do
come from ``app.permissions``, the office's deadlines from its settings, the ledger headings from
``app.requests.ledger``. The prose cites the article of the Regulation each step rests on.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from app import settings
from app.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES
from app.requests import ledger_template

REG = "《条例》"  # 《中华人民共和国政府信息公开条例》, named in full in the first section


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    html: str


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>"


def _setting(key: str, default):
    try:
        return settings.get(key)
    except Exception:  # noqa: BLE001 - the guide is also shown before a database is open (tests, first run)
        return default


def first_run() -> Section:
    return Section("first_run", "第一次使用", _p(
        "第一次打开程序时显示初始化向导，共三步，每一步按“下一步”时都会检查填写的内容，有误时在本页指出：") + _ol(
        "<b>机关信息</b>：机关名称（必填）、统一社会信用代码、办公地址、咨询电话、办公时间等。这些信息印在告知书的落款和"
        "《政府信息公开指南》中，以后可在“系统管理 → 机关信息”中修改。",
        "<b>管理员账户</b>：用户名、姓名和密码（至少8个字符）。只有一个人负责政府信息公开工作时，勾选“管理员同时担任经办人”，"
        "这样管理员也能登记和办理申请。",
        "<b>确认</b>：核对后按“完成”，程序保存机关信息、建立管理员账户，并以管理员身份直接进入主窗口。") + _p(
        "接着，管理员在“系统管理”中：",
        "· “用户和角色”——为每位工作人员建立账户并分配角色（见“角色和权限”一节）；<br>"
        "· “系统设置”——编号格式、答复期限、救济途径（行政复议机关、人民法院）、年度报告公布期限；<br>"
        "· “节假日”——核对当年和下一年的节假日安排；<br>"
        "· “打印字体”——查看告知书使用的字体，必要时指定仿宋、黑体等字体文件。",
        "已有纸质或 Excel 台账的，可用“依申请公开 → 导入台账…”导入；“帮助 → 台账模板…”保存一份空白模板。"))


def request_lifecycle() -> Section:
    reply = _setting("requests.reply_days", 20)
    extension = _setting("requests.extension_max_days", 20)
    correction = _setting("requests.correction_notice_days", 7)
    consultation = _setting("requests.consultation_days", 15)
    return Section("request", "一件申请：从窗口登记到归档", _p(
        f"依据《中华人民共和国政府信息公开条例》（下称{REG}）。本机关现在的设置：答复期限 {reply} 个工作日，"
        f"最长延期 {extension} 个工作日，补正告知 {correction} 个工作日内发出（“系统管理 → 系统设置”中可以改得更严格）。") + _ol(
        "<b>登记</b>（“依申请公开 → 登记…”）：申请人、证件、联系方式、申请方式、收到日期、所需信息、用途、载体和获取方式，"
        f"可附申请书扫描件。收到日期按申请方式认定（{REG}第三十一条：当面提交的为提交之日，挂号信为签收之日，"
        "平常信函、传真、电子邮件、网络平台为双方确认之日）。保存时程序编号、计算答复期限并说明计算过程，可立即出具登记回执。"
        "右侧列出同一申请人此前内容相似的申请和本月的申请件数。",
        f"<b>答复期限</b>：自收到申请之日的次日起算 {reply} 个工作日（{REG}第三十三条第二款）。登记簿中临近期限的显示黄色，"
        "逾期的显示红色；“工作台”列出最紧迫的申请。",
        f"<b>补正</b>：申请内容不明确的，应在收到申请之日起 {correction} 个工作日内一次性告知申请人需要补正的事项和合理期限"
        f"（{REG}第三十条）。答复期限自收到补正后的申请之日起重新计算；逾期不补正的，按“其他处理 1”办结。",
        f"<b>征求意见</b>：涉及第三方合法权益的，书面征求第三方意见，第三方自收到征求意见书之日起 {consultation} 个工作日内"
        f"提出意见（{REG}第三十二条）；由两个以上机关共同制作的，征求共同制作机关意见（{REG}第三十四条）。"
        f"征求意见所需时间不计算在答复期限内（{REG}第三十三条第三款）。",
        "<b>收费</b>：申请数量、频次明显超过合理范围的，可以收取信息处理费（国办函〔2020〕109号），出具收费通知书；"
        "申请人逾期未缴费的，按“其他处理 2”办结。等待缴费期间是否停止计时，是本机关的设置。",
        f"<b>延期</b>：需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长不超过 {extension} 个工作日"
        f"（{REG}第三十三条第二款），登记批准人和批准日期，出具延期答复告知书。",
        "<b>作出答复</b>：选择办理结果（与年度报告的分类一致），程序出具相应的答复告知书，写明法律依据和救济途径。"
        "不予公开和部分公开须选择理由类别；非本机关负责公开的，写明负责公开的机关及其联系方式。",
        "<b>送达</b>：登记送达方式和日期，可打印送达回证。",
        "<b>归档</b>：答复和送达完成后归档；归档后的申请只能查看。申请人撤回申请的，登记撤回（计入“其他处理 3”）。") + _p(
        "每一步都记入办理记录和审计日志：谁、何时、做了什么、对期限有什么影响。"))


def annual_report() -> Section:
    deadline = _setting("report.deadline", "01-31")
    month, day = (int(x) for x in str(deadline).split("-"))
    return Section("report", "年度报告", _p(
        f"每年的政府信息公开工作年度报告按国办公开办函〔2021〕30号格式编制（2019、2020年度用试行格式），"
        f"本机关的公布期限是次年{month}月{day}日（“系统设置 → 年度报告公布期限”；{REG}第四十九条："
        "县级以上人民政府部门1月31日前，县级以上地方人民政府3月31日前，乡镇按县里规定）。"
        "每年12月1日起，“工作台”提醒下一份报告的公布期限；“年度报告”选项卡打开时就是提醒的那一年。") + _ol(
        "<b>三、依申请公开</b>：由登记簿自动计算。顶部显示勾稽关系（每一列 一 + 二 = （七）总计 + 四）是否通过，"
        "不通过时列出需要核对的申请；双击任一数字列出计入该格的申请。程序不会为通过校验而调整数字。",
        "<b>二、主动公开</b>：填写规章、规范性文件件数，行政许可、处罚、强制决定数和收费金额，保存时逐项校验。",
        "<b>四、复议诉讼</b>：来自“复议诉讼案件登记…”，按立案日期计入年度，当年未审结的计为“尚未审结”。",
        "<b>一、五、六 文字部分</b>：“生成草稿”根据登记数据拟写，修改后保存。",
        "<b>输出</b>：“预览和打印…”生成 PDF 并可打印或另存；“导出 Word…”供网站发布时使用；“导出 Excel…”保存三张表。"))


def holidays() -> Section:
    return Section("holidays", "节假日与工作日", _p(
        f"{REG}规定的期限都按工作日计算。哪一天是工作日，依次采用：",
        "1. 本机关录入或导入的年份（“系统管理 → 节假日”，管理员）；<br>"
        "2. 程序内置的国务院办公厅历年节假日安排；<br>"
        "3. 其余年份按<b>暂定</b>规则：周六、周日和法定节假日休息，不知道调休。",
        "国务院办公厅通常在每年秋季发布下一年的《关于××年部分节假日安排的通知》。在此之前，落到下一年的期限都标为“暂定”。"
        "通知发布后，管理员在“节假日”页面“录入本年安排…”或“从文件导入…”，所有未办结申请的期限自动重新计算，"
        "并列出哪些期限改变了。"))


def roles() -> Section:
    rows = []
    for code, name in ROLES.items():
        allowed = [PERMISSIONS[p] for p in PERMISSIONS if p in ROLE_PERMISSIONS.get(code, frozenset())]
        rows.append(f"<tr><td><b>{escape(name)}</b></td><td>{escape('、'.join(allowed)) or '（暂无，供以后的模块使用）'}"
                    "</td></tr>")
    return Section("roles", "角色和权限", _p(
        "一人可以兼任多个角色，拥有各角色权限的总和。角色由管理员在“系统管理 → 用户和角色”中分配；"
        "每一项操作由程序在执行时检查权限，不只是隐藏按钮。") +
        "<table border='1' cellspacing='0' cellpadding='4'><tr><th>角色</th><th>可以做的事</th></tr>"
        + "".join(rows) + "</table>")


def ledger_import() -> Section:
    rows = "".join(f"<tr><td>{escape(h)}</td><td>{escape(need)}</td><td>{escape(what)}</td><td>{escape(other)}</td></tr>"
                   for h, need, what, other in ledger_template.explanation_rows())
    return Section("ledger", "导入原有台账", _p(
        "“依申请公开 → 导入台账…”导入 .xlsx 或 .csv（UTF-8 或 GBK）文件，在对话框中把文件的列对应到本程序的项目。"
        "导入前逐行检查，任何一行有问题都列出行号和原因，不导入任何数据，除非明确选择跳过有问题的行。"
        "“帮助 → 台账模板…”保存一份带以下表头的空白模板：") +
        "<table border='1' cellspacing='0' cellpadding='4'><tr><th>表头</th><th>必填</th><th>填写内容</th>"
        "<th>也认得的表头</th></tr>" + rows + "</table>")


def troubleshooting(log_file: str | None) -> Section:
    where = f"<br>本机的运行日志：{escape(log_file)}" if log_file else ""
    return Section("problems", "出现问题时", _p(
        "程序出现意外错误时，会显示一个<b>参考编号</b>（如 20261201-093015-K7QX），错误经过记入数据目录下的运行日志 "
        "logs/zhengwu.log（不含申请人的证件号码、电话等个人信息）。请把参考编号和日志文件交给技术支持。" + where,
        "数据保存在数据目录的 zhengwu.db 中，是唯一的一份：请定期把整个数据目录复制到其他介质保存。"))


def sections(log_file: str | None = None) -> list[Section]:
    return [first_run(), request_lifecycle(), annual_report(), holidays(), roles(), ledger_import(),
            troubleshooting(log_file)]
