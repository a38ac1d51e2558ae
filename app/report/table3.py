"""Table 三 (收到和处理政府信息公开申请情况), computed from the request register — plain facts in, counts out.

For report year Y, each request counts:
- in 一、本年新收 when it was received in Y;
- in 二、上年结转 when it was received before Y and not yet concluded on 1 January of Y;
- under its outcome's leaf (and so in （七）总计) when it was concluded in Y;
- in 四、结转下年度继续办理 when it was received by 31 December of Y and not concluded by then;
in the column of its applicant type. A voided registration (作废: made by mistake) counts nowhere. In every column 一 + 二 = （七）总计 + 四 (the 勾稽 check). A request that breaks
it — concluded before it was received, concluded without an outcome, an applicant type the report does not know — is
named with the reason; the numbers are never adjusted to pass.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from app.report.labels import COLUMN_CODES, COLUMNS, FORMAT_TRIAL, table3_rows
from app.requests import catalog


@dataclass(frozen=True)
class Facts:
    id: int
    number: str
    applicant_type: str
    received_date: dt.date
    decided_date: dt.date | None
    outcome: str | None
    state: str = ""


@dataclass(frozen=True)
class Problem:
    number: str
    request_id: int
    reason: str
    column: str | None = None  # the applicant column whose 勾稽 it breaks, when it does


@dataclass
class Table3:
    year: int
    fmt: str
    rows: list[tuple[str, str, str | None]]  # (key, label, group label)
    cells: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (row, column code) -> request ids
    problems: list[Problem] = field(default_factory=list)
    # Counts that came aggregated from the database (the register's clean rows) rather than as ids in ``cells``, and
    # how to list the ids behind one of them when a cell is opened: (row, column code) -> ids.
    counted: dict[tuple[str, str], int] = field(default_factory=dict)
    counted_ids: Callable[[str, str], list[int]] | None = None

    def value(self, row: str, column: str) -> int:
        if column == "total":
            return sum(self.value(row, c) for c in COLUMN_CODES[:-1])
        return len(self.cells.get((row, column), ())) + self.counted.get((row, column), 0)

    def values(self, row: str) -> list[int]:
        return [self.value(row, c) for c in COLUMN_CODES]

    def request_ids(self, row: str, column: str) -> list[int]:
        columns = COLUMN_CODES[:-1] if column == "total" else (column,)
        ids = [i for c in columns for i in self.cells.get((row, c), ())]
        if self.counted_ids is not None:
            ids += [i for c in columns if self.counted.get((row, c)) for i in self.counted_ids(row, c)]
        return sorted(ids)

    def check(self) -> list[str]:
        """The columns where 一 + 二 ≠ （七）总计 + 四 (empty when the table is consistent)."""
        bad = []
        for code, name in zip(COLUMN_CODES, COLUMNS):
            if self.value("new", code) + self.value("carried_in", code) != \
                    self.value("total", code) + self.value("carried_out", code):
                bad.append(name)
        return bad


def leaf_row(outcome: str, fmt: str) -> str:
    leaf = catalog.OUTCOMES[outcome].leaf
    return "other" if fmt == FORMAT_TRIAL and leaf.startswith("other_") else leaf


def compute(facts, year: int, fmt: str) -> Table3:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = Table3(year, fmt, table3_rows(fmt))

    def add(row, col, rid):
        table.cells.setdefault((row, col), []).append(rid)
        if row in leaf_rows:
            table.cells.setdefault(("total", col), []).append(rid)

    leaf_rows = {key for key, _, _ in table.rows if key not in ("new", "carried_in", "total", "carried_out")}
    for f in facts:
        if f.state == "voided":
            continue  # not a request: registered by mistake
        col = f.applicant_type
        concluded = f.decided_date is not None and f.outcome is not None
        if f.received_date > last and not (f.decided_date and first <= f.decided_date <= last):
            continue  # received after the year: not this report's business
        if col not in catalog.APPLICANT_TYPES:
            table.problems.append(Problem(f.number, f.id, f"申请人类型“{col}”不是年度报告的申请人类别，未计入任何一列"))
            continue
        if f.outcome is not None and f.outcome not in catalog.OUTCOMES:
            table.problems.append(Problem(f.number, f.id, f"办理结果“{f.outcome}”不是年度报告的办理结果", col))
            continue
        ins = outs = 0
        if first <= f.received_date <= last:
            add("new", col, f.id)
            ins += 1
        elif f.received_date < first and (f.decided_date is None or f.decided_date >= first):
            add("carried_in", col, f.id)
            ins += 1
        if concluded and first <= f.decided_date <= last:
            add(leaf_row(f.outcome, fmt), col, f.id)
            outs += 1
        if f.received_date <= last and (f.decided_date is None or f.decided_date > last):
            add("carried_out", col, f.id)
            outs += 1
        name = catalog.APPLICANT_TYPES[col]
        if f.decided_date is not None and f.decided_date < f.received_date:
            table.problems.append(Problem(f.number, f.id, f"答复日期 {f.decided_date} 早于收到日期 {f.received_date}",
                                          name))
        elif f.decided_date is not None and f.outcome is None:
            table.problems.append(Problem(f.number, f.id, f"有答复日期 {f.decided_date} 但没有办理结果，未计入办理结果",
                                          name))
        elif f.outcome is not None and f.decided_date is None:
            table.problems.append(Problem(f.number, f.id, "有办理结果但没有答复日期，按未办结计入结转"))
        elif ins != outs:
            table.problems.append(Problem(f.number, f.id, f"收到日期 {f.received_date}、答复日期 {f.decided_date} 使"
                                                          f"该申请在“一、二”和“三（七）、四”中计数不一致", name))
    return table
