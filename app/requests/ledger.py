"""导入原有台账: an office's existing Excel/CSV register of requests, mapped column by column onto ours.

Every row is checked before anything is written; a bad row is reported with its row number and the reason, and
nothing is imported while any row is bad — unless the user explicitly leaves the bad rows out. What the file's words
mean (headings, applicant types, outcomes and their shorthand, dates) is in ``ledger_words``.
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

import peewee as pw

from app import audit, clock, files, numbering, settings
from app.actor import Actor
from app.errors import ServiceError, ValidationError
from app.permissions import require
from app.requests import records
from app.requests.ledger_words import (  # noqa: F401 - OUTCOME_ALIASES, FIELDS, REQUIRED: this module's interface
    FIELDS, OUTCOME_ALIASES, REQUIRED, norm, parse_applicant_type, parse_channel, parse_date, parse_outcome,
)
from app.requests.recompute import EVENT_COLUMNS
from app.requests.register import MAX_CHARS, MULTILINE, default_unit
from app.validators import clean_text, id_card_problem, text_problem, uscc_problem
from app.workdays import calendar as workdays_calendar
from app.workdays.deadlines import due_dates
from app.workdays.schedule import MAX_YEAR, MIN_YEAR
from db.connection import database, insert_rows, is_sqlite, parameters, write_transaction
from db.models import Request, RequestEvent

audit.register_labels(actions={"request.import": "从台账导入"})

MAX_NUMBER_CHARS = 50
BATCH = 500  # rows per insert statement
# Imported texts -> the registration field whose rules they follow.
TEXT_TARGETS = {"applicant_name": "applicant_name", "description": "description", "notes": "notes", "phone": "phone",
                "address": "address", "email": "email", "id_number": "id_number", "uscc": "uscc"}


def _shown(value, limit: int = 40) -> str:
    """A cell's value quoted in a message: at most ``limit`` characters."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"…（共{len(text)}字）"


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
        raise ServiceError("只能导入 .xlsx、.csv 或 .txt 文件（.xls 请先在 Excel/WPS 中另存为 .xlsx）")
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
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FIELD_CHARS))
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))
    try:
        return [list(r) for r in reader]
    except csv.Error as exc:
        raise ServiceError(f"无法读取台账文件 {name}：第{reader.line_num}行的格式有误（{exc}）") from None
    finally:
        csv.field_size_limit(limit)


def default_mapping(headers: list[str]) -> dict[str, int]:
    """Our field -> the column holding it, guessed from the headings."""
    mapping = {}
    normalised = [norm(h) for h in headers]
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
        values["channel"] = parse_channel(v["channel"] or "")
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


def _as_columns(model, rows: list[dict]) -> tuple[tuple[str, ...], list[tuple]]:
    """``rows`` (field name -> value) as ``insert_rows`` takes them: every column of ``model`` but its key, a field
    missing from a row given its model default, as ``create`` would."""
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, pw.AutoField)]
    plan = [(f.name, f.default, callable(f.default)) for f in fields]
    values = [tuple(row[name] if name in row else (default() if call else default) for name, default, call in plan)
              for row in rows]
    return tuple(f.column_name for f in fields), values


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

    The rows, their history events and their audit rows are written in batches (``insert_rows``, and
    ``audit.record_many``, which chains the audit rows in row order as single ``audit.record`` calls would): 10,000
    rows take well under the 10 s another window waits for the write lock."""
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
    unit = default_unit()  # the ledger does not say which unit handled a request
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
                outcome=v["outcome"], decided_date=v["decided_date"], unit=unit,
                archived_date=v["decided_date"] if concluded else None, source="ledger", created_at=now,
                created_by=actor.user_id, updated_at=now))
        columns, values = _as_columns(Request, rows)
        ids: dict[str, int] = {}
        with _search_index_in_one_pass():
            for i in range(0, len(rows), BATCH):
                insert_rows(Request, columns, values[i:i + BATCH])
                numbers = [r["number"] for r in rows[i:i + BATCH]]
                ids.update(Request.select(Request.number, Request.id).where(Request.number.in_(parameters(numbers)))
                           .tuples())
        events, audits = [], []
        for (row_number, v), row in zip(checked.good, rows):
            events.append((ids[row["number"]], now, row["received_date"], actor.user_id, actor.display_name, "import",
                           None, row["state"], f"从台账“{source_name}”第{row_number}行导入", "{}", ""))
            audits.append((row["number"], None,
                           {**records.snapshot_of(row), "source_file": source_name, "source_row": row_number}))
        insert_rows(RequestEvent, EVENT_COLUMNS, events)
        audit.record_many(actor, "request.import", "request", audits)
    return len(checked.good)


def import_file(actor: Actor, path: str, mapping: dict[str, int] | None = None, skip_bad: bool = False) -> dict:
    """Read, check and import a ledger file; with ``mapping`` None the default header set is recognised."""
    require(actor, "request.import")
    sheet = read_file(path)
    mapping = mapping if mapping is not None else default_mapping(sheet.headers)
    checked = check(sheet, mapping)
    n = import_rows(actor, checked, Path(path).name, skip_bad)
    return {"imported": n, "skipped": len(checked.bad_rows), "problems": checked.problems}
