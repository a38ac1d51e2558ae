"""导入原有台账: an office's existing Excel/CSV register of requests, mapped column by column onto ours.

Every row is checked before anything is written; a bad row is reported with its row number and the reason, and
nothing is imported while any row is bad — unless the user explicitly leaves the bad rows out. Outcome names in the
file are the annual report's labels (国办公开办函〔2021〕30号), with or without their numbering.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from app import audit, clock, files, numbering, settings
from app.actor import Actor
from app.errors import ServiceError, ValidationError
from app.permissions import require
from app.requests import catalog, records
from app.requests.register import MAX_CHARS, MULTILINE
from app.validators import clean_text, id_card_problem, text_problem, uscc_problem
from app.workdays.schedule import MAX_YEAR, MIN_YEAR
from db.connection import database, is_sqlite, write_transaction
from app.workdays import calendar as workdays_calendar
from app.workdays.deadlines import due_dates
from db.models import Request, RequestEvent

audit.register_labels(actions={"request.import": "从台账导入"})

# target field -> (heading in our documented default header set, other headings offices use)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("申请编号", ("编号", "受理编号", "登记编号", "申请号")),
    "received_date": ("收到日期", ("收到申请日期", "受理日期", "申请日期", "登记日期", "收件日期")),
    "applicant_type": ("申请人类型", ("申请人类别", "类型", "申请人性质")),
    "applicant_name": ("申请人", ("申请人姓名", "申请人名称", "姓名", "名称", "申请单位")),
    "description": ("申请内容", ("申请公开内容", "所需信息", "内容描述", "申请事项", "申请公开的信息")),
    "outcome": ("办理结果", ("答复结果", "处理结果", "答复类型", "办理结果类型")),
    "decided_date": ("答复日期", ("办结日期", "答复时间", "办结时间")),
    "notes": ("备注", ("说明",)),
    "id_number": ("证件号码", ("身份证号码", "身份证号", "证件号")),
    "uscc": ("统一社会信用代码", ("信用代码",)),
    "phone": ("联系电话", ("电话", "手机", "联系方式")),
    "address": ("通信地址", ("联系地址", "地址")),
    "email": ("电子邮箱", ("邮箱", "电子邮件")),
    "channel": ("申请方式", ("提交方式", "申请渠道")),
}
REQUIRED = ("received_date", "applicant_type", "applicant_name", "description")
MAX_NUMBER_CHARS = 50
BATCH = 500  # rows per insert statement
# Imported texts -> the registration field whose rules they follow.
TEXT_TARGETS = {"applicant_name": "applicant_name", "description": "description", "notes": "notes", "phone": "phone",
                "address": "address", "email": "email", "id_number": "id_number", "uscc": "uscc"}

_TYPE_WORDS = {
    "natural": ("自然人", "公民", "个人"),
    "commercial": ("商业企业", "企业", "公司"),
    "research": ("科研机构",),
    "public_interest": ("社会公益组织", "公益组织"),
    "legal_service": ("法律服务机构", "律师事务所", "律所"),
    "other_org": ("其他", "其他组织", "法人或其他组织"),
}
_CHANNEL_WORDS = {"in_person": ("当面", "现场", "当面提交"), "registered_mail": ("挂号", "挂号信", "挂号信函", "邮寄"),
                  "ordinary_mail": ("平信", "平常信函", "信函"), "fax": ("传真",), "email": ("电子邮件", "邮件"),
                  "online": ("网络", "网上", "网络平台", "互联网"), "other": ("其他",)}
_LEAF_TO_OUTCOME = {"disclose": "disclose", "partial": "partial", "unable_1": "unable_not_exist"}
# The shorthand offices write in their registers for each outcome, besides the annual report's labels (with or
# without their numbering and group) and the program's own labels. Matched after ``_norm`` (spaces and quotes
# dropped, brackets made full-width) and with a trailing 。；, dropped.
OUTCOME_ALIASES: dict[str, tuple[str, ...]] = {
    "disclose": ("公开", "予以公开", "同意公开", "全部公开", "准予公开", "依申请公开"),
    "disclose_proactive": ("已主动公开", "属于已主动公开信息", "已主动公开的信息", "告知已主动公开", "主动公开"),
    "partial": ("部分公开", "部分予以公开", "部分公开部分不公开", "区分处理"),
    "refuse_1": ("国家秘密", "涉密", "涉及国家秘密", "属于国家秘密"),
    "refuse_2": ("法律行政法规禁止公开", "法律法规禁止公开", "法律、行政法规禁止公开", "其他法律法规禁止公开"),
    "refuse_3": ("三安全一稳定", "危及三安全一稳定", "危及国家安全、公共安全、经济安全、社会稳定"),
    "refuse_4": ("第三方合法权益", "涉及第三方合法权益", "保护第三方合法权益", "商业秘密", "涉及商业秘密", "个人隐私",
                 "涉及个人隐私", "第三方不同意公开"),
    "refuse_5": ("内部事务信息", "三类内部事务信息", "内部事务", "内部管理信息", "属于内部事务信息"),
    "refuse_6": ("过程性信息", "四类过程性信息", "属于过程性信息"),
    "refuse_7": ("行政执法案卷", "执法案卷", "属于行政执法案卷信息"),
    "refuse_8": ("行政查询事项", "查询事项", "属于行政查询事项"),
    "unable_not_exist": ("不掌握", "本机关不掌握", "信息不存在", "政府信息不存在", "经检索不存在", "经检索没有",
                         "未制作或获取", "该信息不存在"),
    "unable_not_ours": ("非本机关", "非本机关信息", "不属于本机关", "非本机关负责公开", "不属于本机关负责公开",
                        "不属于本机关公开职责", "告知向有关机关申请"),
    "unable_2": ("需另行制作", "需要另行制作", "没有现成信息", "需加工分析", "需要加工分析"),
    "unable_3": ("补正后仍不明确", "补正后申请内容仍不明确", "申请内容不明确", "内容不明确"),
    "reject_1": ("信访举报投诉", "信访举报投诉类", "信访", "信访件", "举报投诉", "投诉举报", "属于信访事项"),
    "reject_2": ("重复申请", "重复", "属于重复申请"),
    "reject_3": ("公开出版物", "要求提供公开出版物", "属于公开出版物"),
    "reject_4": ("大量反复申请", "无正当理由大量反复申请", "大量反复"),
    "reject_5": ("确认或重新出具已获取信息", "要求确认或重新出具已获取信息", "要求确认或重新出具", "重新出具"),
    "other_1": ("逾期不补正", "逾期未补正", "未补正", "申请人逾期不补正", "申请人逾期未补正", "申请人无正当理由逾期不补正",
                "不补正", "视为放弃申请"),
    "other_2": ("逾期不缴费", "逾期未缴费", "未缴费", "不缴费", "逾期未缴纳费用", "申请人逾期未缴费",
                "申请人逾期未按收费通知要求缴纳费用", "逾期未按收费通知要求缴纳费用"),
    "other_3": ("撤回", "申请人撤回", "撤回申请", "申请人撤回申请", "主动撤回", "其他处理", "其他"),
    "special_registry": ("工商登记资料", "不动产登记资料", "按特别规定办理", "依照特别规定办理"),
}


def _shown(value, limit: int = 40) -> str:
    """A cell's value quoted in a message: at most ``limit`` characters."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"…（共{len(text)}字）"


def _norm(text: str) -> str:
    t = re.sub(r"[\s　]", "", str(text or ""))
    t = t.replace("(", "（").replace(")", "）").replace("\"", "").replace("“", "").replace("”", "")
    return t


def _strip_numbering(label: str) -> str:
    return re.sub(r"^(（[一二三四五六七八九十]+）|[0-9]+[.．、])", "", label)


def _outcome_index() -> dict[str, str]:
    index = {}
    for code, group, label in catalog.REPORT_LEAVES:
        outcome = _LEAF_TO_OUTCOME.get(code, code)
        bare = _strip_numbering(_norm(label)).split("（区分处理")[0]
        group_name = _strip_numbering(_norm(catalog.GROUPS[group])).split("（")[0]
        for key in (_norm(label), bare, f"{group_name}{bare}", f"{group_name}-{bare}", f"{group_name}：{bare}",
                    f"{group_name}:{bare}", _norm(catalog.GROUPS[group]) + _norm(label)):
            index[key] = outcome
    for o in catalog.OUTCOMES.values():
        index[_norm(o.label)] = o.code
    for key in list(index):  # the report's labels of （六） without their tail "、行政机关不再处理其政府信息公开申请"
        head = key.split("、行政机关不再处理")[0]
        index.setdefault(head, index[key])
    for code, aliases in OUTCOME_ALIASES.items():
        for alias in aliases:
            index[_norm(alias)] = code
    return index


OUTCOME_INDEX = _outcome_index()


def parse_outcome(text: str) -> str | None:
    t = _norm(text).rstrip("。；;，,.")
    if t in OUTCOME_INDEX:
        return OUTCOME_INDEX[t]
    t2 = _strip_numbering(re.sub(r"^（[一二三四五六七八九十]+）[^0-9]*", "", t))
    return OUTCOME_INDEX.get(t2)


def parse_applicant_type(text: str) -> str | None:
    t = _norm(text)
    m = re.fullmatch(r"法人或其他组织（(.+)）", t)
    if m:
        t = m.group(1)
    for code, words in _TYPE_WORDS.items():
        if t in words:
            return code
    return None


def parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:  # an Excel serial date
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?", text)
    if not m:
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


# ---- reading the file -------------------------------------------------------------------------------------------

@dataclass
class Sheet:
    headers: list[str]
    rows: list[list]  # raw cell values
    first_row_number: int = 2  # the spreadsheet row number of rows[0]


def read_file(path: str) -> Sheet:
    p = Path(path)
    if not p.is_file():
        raise ServiceError(f"找不到文件 {path}")
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl
        try:
            wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file problem
            raise ServiceError(f"无法读取 Excel 文件 {p.name}：{exc}") from None
        ws = wb.active
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    elif p.suffix.lower() in (".csv", ".txt"):
        values = _read_delimited(files.read_text(p, "台账文件"), p.name)
    else:
        raise ServiceError("只能导入 .xlsx 或 .csv 文件（.xls 请先在 Excel/WPS 中另存为 .xlsx）")
    values = [r for r in values if any(v not in (None, "") for v in r)]
    if not values:
        raise ServiceError(f"{p.name} 是空的")
    headers = [str(h or "").strip() for h in values[0]]
    return Sheet(headers, values[1:])


DELIMITERS = (",", "\t", ";", "|", "，")
# A cell of a text file may be long (a pasted description); the length rules report it with its row, so the csv
# module's own limit (131,072 characters) must not stop the reading first.
MAX_FIELD_CHARS = 16 * 1024 * 1024


def sniff_delimiter(text: str) -> str:
    """The delimiter of a text ledger: the one whose header line splits into the most known headings (then the most
    columns); a comma when nothing splits. Tab-separated files are what "另存为文本" in Excel and WPS gives."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, best_score = ",", (0, 1)
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        score = (len(default_mapping([c.strip() for c in cells])), len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_delimited(text: str, name: str) -> list[list]:
    delimiter = sniff_delimiter(text)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FIELD_CHARS))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [list(r) for r in reader]
    except csv.Error as exc:
        raise ServiceError(f"无法读取台账文件 {name}：第{reader.line_num}行的格式有误（{exc}）") from None
    finally:
        csv.field_size_limit(limit)


def default_mapping(headers: list[str]) -> dict[str, int]:
    """Our field -> the column holding it, guessed from the headings."""
    mapping = {}
    normalised = [_norm(h) for h in headers]
    for key, (main, others) in FIELDS.items():
        for name in (main,) + others:
            if name in normalised and normalised.index(name) not in mapping.values():
                mapping[key] = normalised.index(name)
                break
    return mapping


# ---- checking rows ----------------------------------------------------------------------------------------------

@dataclass
class RowProblem:
    row: int  # spreadsheet row number
    reason: str


@dataclass
class Checked:
    good: list[tuple[int, dict]] = field(default_factory=list)  # (row number, values)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


def _cell(row: list, mapping: dict[str, int], key: str):
    i = mapping.get(key)
    if i is None or i >= len(row):
        return None
    v = row[i]
    return v.strip() if isinstance(v, str) else v


def check(sheet: Sheet, mapping: dict[str, int], today: dt.date | None = None) -> Checked:
    today = today or clock.today()
    missing = [FIELDS[k][0] for k in REQUIRED if k not in mapping]
    if missing:
        raise ValidationError("列对应", "以下必需的项目没有对应的列：" + "、".join(missing))
    out = Checked()
    seen: dict[str, int] = {}
    existing = {n for (n,) in Request.select(Request.number).tuples()}
    for offset, raw in enumerate(sheet.rows):
        n = sheet.first_row_number + offset
        reasons = []
        v = {k: _cell(raw, mapping, k) for k in FIELDS}
        values: dict = {}
        number = str(v["number"] or "").strip()
        if number:
            if number in existing:
                reasons.append(f"申请编号 {_shown(number)} 已存在于本系统")
            elif number in seen:
                reasons.append(f"申请编号 {_shown(number)} 与第{seen[number]}行重复")
            seen.setdefault(number, n)
            reason = text_problem(number, MAX_NUMBER_CHARS)
            if reason:
                reasons.append(f"申请编号{reason}")
        values["number"] = number
        for key in ("received_date", "decided_date"):
            try:
                values[key] = parse_date(v[key])
            except ValueError:
                reasons.append(f"{FIELDS[key][0]}“{_shown(v[key])}”不是有效日期")
                values[key] = None
            else:
                if values[key] and not MIN_YEAR <= values[key].year <= MAX_YEAR:
                    reasons.append(f"{FIELDS[key][0]} {values[key]} 超出可计算的年份范围（{MIN_YEAR}—{MAX_YEAR}年）")
                    values[key] = None
        if values["received_date"] is None and not any(FIELDS["received_date"][0] in r for r in reasons):
            reasons.append("收到日期不能为空")
        elif values["received_date"] and values["received_date"] > today:
            reasons.append(f"收到日期 {values['received_date']} 晚于今天")
        if values["decided_date"] and values["received_date"] and values["decided_date"] < values["received_date"]:
            reasons.append(f"答复日期 {values['decided_date']} 早于收到日期 {values['received_date']}")
        if values["decided_date"] and values["decided_date"] > today:
            reasons.append(f"答复日期 {values['decided_date']} 晚于今天")
        kind = parse_applicant_type(v["applicant_type"] or "")
        if kind is None:
            reasons.append(f"申请人类型“{_shown(v['applicant_type'] or '')}”无法识别（应为自然人、商业企业、科研机构、社会公益组织、"
                           "法律服务机构或其他）")
        values["applicant_type"] = kind
        for key in ("applicant_name", "description"):
            values[key] = str(v[key] or "").strip()
            if not values[key]:
                reasons.append(f"{FIELDS[key][0]}不能为空")
        outcome_text = str(v["outcome"] or "").strip()
        values["outcome"] = None
        if outcome_text:
            values["outcome"] = parse_outcome(outcome_text)
            if values["outcome"] is None:
                reasons.append(f"办理结果“{_shown(outcome_text)}”不是年度报告中的结果名称（如：予以公开、部分公开、"
                               "属于国家秘密、本机关不掌握相关政府信息、重复申请、逾期不补正、撤回）")
        if values["outcome"] and not values["decided_date"]:
            reasons.append("有办理结果但没有答复日期")
        if values["decided_date"] and not outcome_text:
            reasons.append("有答复日期但没有办理结果")
        id_number = str(v["id_number"] or "").strip().upper()
        if id_number and len(id_number) == 18 and id_card_problem(id_number, today):
            reasons.append(f"证件号码 {id_number}：{id_card_problem(id_number, today)}")
        uscc = str(v["uscc"] or "").strip().upper()
        if uscc and uscc_problem(uscc):
            reasons.append(f"统一社会信用代码 {_shown(uscc)}：{uscc_problem(uscc)}")
        values.update(id_number=id_number, uscc=uscc, phone=str(v["phone"] or "").strip(),
                      address=str(v["address"] or "").strip(), email=str(v["email"] or "").strip(),
                      notes=clean_text(v["notes"], multiline=True))
        values["description"] = clean_text(values["description"], multiline=True)
        for key, target in TEXT_TARGETS.items():  # the registration form's length and character rules
            reason = text_problem(values[key], MAX_CHARS[target], target in MULTILINE)
            if reason:
                reasons.append(f"{FIELDS[key][0]}{reason}")
        channel = "other"
        for code, words in _CHANNEL_WORDS.items():
            if _norm(v["channel"] or "") in words:
                channel = code
        values["channel"] = channel
        if reasons:
            out.problems.extend(RowProblem(n, r) for r in reasons)
        else:
            out.good.append((n, values))
    return out


# ---- writing ----------------------------------------------------------------------------------------------------

def _number_pattern() -> re.Pattern | None:
    """A regex that recognises numbers in the office's request-number format, capturing year and sequence."""
    fmt = settings.get("numbering.request")
    pattern = ""
    for literal, name, _spec, _ in string.Formatter().parse(fmt):
        pattern += re.escape(literal)
        if name == "year":
            pattern += r"(?P<year>\d{4})"
        elif name == "seq":
            pattern += r"(?P<seq>\d+)"
        elif name:
            pattern += ".*?"
    return re.compile(pattern + "$") if pattern else None


_TRIGGER_INSERT = re.compile(r"BEGIN\s+(INSERT INTO \w+\s*\([^)]*\))\s*VALUES\s*\(([^)]*)\)\s*;\s*END\s*$", re.S)


@contextlib.contextmanager
def _search_index_in_one_pass():
    """While many requests are inserted, fill the full-text index (SQLite FTS5) once at the end instead of row by
    row: the per-row trigger made a 10,000-row import five times slower. The trigger is dropped inside the
    caller's transaction and created again, with the same text, before it commits — if anything fails, the
    rollback restores it. Only a trigger of the form the migrations create is handled; any other is left alone."""
    db = database.obj
    table = Request._meta.table_name
    row = None
    if is_sqlite(db):
        row = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                             "AND sql LIKE '%AFTER INSERT%'", (table,)).fetchone()
    m = _TRIGGER_INSERT.search(row[1]) if row else None
    if m is None:
        yield
        return
    name, create_sql = row
    before = db.execute_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
    db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    columns = m.group(2).replace("new.", "")
    db.execute_sql(f'{m.group(1)} SELECT {columns} FROM "{table}" WHERE id > ?', (before,))
    db.execute_sql(create_sql)


def import_rows(actor: Actor, checked: Checked, source_name: str, skip_bad: bool = False) -> int:
    """Write the good rows in one transaction. Refuses while bad rows exist unless ``skip_bad`` (the user's choice).

    The rows, their history events and their audit rows are written in batches (one statement each per 500 rows,
    the audit rows chained in row order as single ``audit.record`` calls would chain them): 10,000 rows take about
    a second, so the import holds the write lock for no longer than another window's busy timeout."""
    require(actor, "request.import")
    if checked.problems and not skip_bad:
        first = checked.problems[0]
        raise ValidationError("台账", f"有 {len(checked.bad_rows)} 行有问题（如第{first.row}行：{first.reason}），"
                                    "未导入任何数据；请修改文件，或明确选择跳过有问题的行")
    if not checked.good:
        raise ValidationError("台账", "没有可以导入的行")
    pattern = _number_pattern()
    now = clock.now()
    reply_days = settings.get("requests.reply_days")
    correction_days = settings.get("requests.correction_notice_days")
    receipts = [v["received_date"] for _, v in checked.good]
    deadlines = due_dates((r, reply_days, (), 0) for r in receipts)
    corrections = due_dates((r, correction_days, (), 0) for r in receipts)
    cal = workdays_calendar.current()
    official = {y: cal.is_official(y) for y in range(min(receipts).year, max(deadlines).year + 1)}
    with write_transaction():
        # numbers the file brings first, so that the numbers issued for the rows without one come after them
        highest: dict[int, int] = {}
        for _, v in checked.good:
            m = pattern.match(v["number"]) if pattern and v["number"] else None
            if m:
                year = int(m.group("year"))
                highest[year] = max(highest.get(year, 0), int(m.group("seq")))
        for year, seq in sorted(highest.items()):
            numbering.ensure_at_least("request", year, seq)
        rows = []
        for (_, v), due, correction_due in zip(checked.good, deadlines, corrections):
            received = v["received_date"]
            concluded = v["outcome"] is not None
            rows.append(dict(
                number=v["number"] or numbering.issue("request", received.year), received_date=received,
                channel=v["channel"], applicant_type=v["applicant_type"], applicant_name=v["applicant_name"],
                id_type="resident_id" if len(v["id_number"]) == 18 else "", id_number=v["id_number"], uscc=v["uscc"],
                phone=v["phone"], address=v["address"], email=v["email"], description=v["description"],
                notes=v["notes"], state="archived" if concluded else "processing", reply_days=reply_days,
                clock_start=received, due_date=due, original_due=due,
                due_provisional=not concluded and not all(official[y] for y in range(received.year, due.year + 1)),
                correction_due=correction_due,
                outcome=v["outcome"], decided_date=v["decided_date"],
                archived_date=v["decided_date"] if concluded else None, source="ledger", created_at=now,
                created_by=actor.user_id, updated_at=now))
        ids: dict[str, int] = {}
        with _search_index_in_one_pass():
            for i in range(0, len(rows), BATCH):
                chunk = rows[i:i + BATCH]
                Request.bulk_insert(chunk)
                numbers = [r["number"] for r in chunk]
                ids.update(Request.select(Request.number, Request.id).where(Request.number.in_(numbers)).tuples())
        events, audits = [], []
        for (row_number, v), row in zip(checked.good, rows):
            events.append(records.event_row(actor, ids[row["number"]], "import", row["received_date"], None,
                                            row["state"], note=f"从台账“{source_name}”第{row_number}行导入"))
            audits.append((row["number"], None,
                           {**records.snapshot_of(row), "source_file": source_name, "source_row": row_number}))
        for i in range(0, len(rows), BATCH):
            RequestEvent.bulk_insert(events[i:i + BATCH])
            audit.record_many(actor, "request.import", "request", audits[i:i + BATCH])
    return len(checked.good)


def import_file(actor: Actor, path: str, mapping: dict[str, int] | None = None, skip_bad: bool = False) -> dict:
    """Read, check and import a ledger file; with ``mapping`` None the default header set is recognised."""
    require(actor, "request.import")
    sheet = read_file(path)
    mapping = mapping if mapping is not None else default_mapping(sheet.headers)
    checked = check(sheet, mapping)
    n = import_rows(actor, checked, Path(path).name, skip_bad)
    return {"imported": n, "skipped": len(checked.bad_rows), "problems": checked.problems}
