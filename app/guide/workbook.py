"""The 公开事项标准目录 as an .xlsx workbook, a column per element, in the layout offices receive from their county;
and its import: every row checked first (row number and reason for each bad one), then all the good rows written in
one transaction, or nothing (seed 001: the catalogue changes only through adjustments, so each imported row is
recorded as an adjustment — 新增 or 变更 — approved by the importer, who must be allowed to propose and to review)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from app import audit, clock, files, tabular
from app.actor import Actor
from app.errors import ServiceError, ValidationError
from app.guide import elements, standard
from app.guide.elements import ELEMENTS
from app.guide.standard_query import CatalogueFilter, iterate
from app.permissions import require
from app.publication import catalog as publication_catalog
from app.requests.ledger import read_file
from app import settings
from db.connection import write_transaction
from db.models import StandardItem

SHEET_TITLE = "公开事项标准目录"
COLUMNS = list(ELEMENTS.items())
# Headings a county's sheet may use for the same element (the exported heading is always recognised).
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "事项"), "channel": ("渠道",), "basis": ("依据",), "section": ("栏目",), "subject": ("主体",),
    "content": ("内容",), "manner": ("方式",), "time_limit": ("时限",), "phone": ("电话",), "unit": ("科室", "股室"),
    "category": ("目录类别", "类别"),
}


def export(actor: Actor, path: str) -> int:
    """The current catalogue (removed items left out), sorted by name; the file appears with its audit row."""
    require(actor, "guide.view")
    wb, n = tabular.table_workbook(SHEET_TITLE, COLUMNS, iterate(actor, CatalogueFilter()))

    def commit():
        with write_transaction():
            audit.record(actor, "catalogue.export", "standard_item", None,
                         after={"rows": n, "file": str(path), "at": clock.now().isoformat(sep=" ")})

    files.deliver(path, wb.save, commit)
    return n


def mapping_of(headers: list[str]) -> dict[str, int]:
    """element -> column index: the exact heading first, else the first heading holding one of its words."""
    out: dict[str, int] = {}
    for key, label in ELEMENTS.items():
        if label in headers:
            out[key] = headers.index(label)
    for key, words in ALIASES.items():
        if key in out:
            continue
        for i, h in enumerate(headers):
            if i not in out.values() and any(w in h for w in words):
                out[key] = i
                break
    return out


@dataclass
class Row:
    row: int  # the spreadsheet's row number
    data: dict
    item_id: int | None  # an item of that name already in the catalogue: a 变更
    changes: list = field(default_factory=list)


@dataclass
class Checked:
    source: str
    good: list[Row]
    unchanged: list[int]  # rows identical to the item already in the catalogue
    problems: list[tuple[int, str]]  # (row, reason): rows that cannot be imported
    notes: list[tuple[int, str]]  # (row, remark): imported as given, but worth a look
    ignored_headers: list[str]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_file(actor: Actor, path: str) -> Checked:
    """Read and check every row without writing anything."""
    require(actor, "catalogue.propose")
    require(actor, "catalogue.review")
    sheet = read_file(path)
    mapping = mapping_of(sheet.headers)
    if "name" not in mapping:
        raise ValidationError("表头", f"第1行没有“{ELEMENTS['name']}”一列（第1行应为表头，与导出的标准目录相同）")
    ignored = [h for i, h in enumerate(sheet.headers) if h and i not in mapping.values()]
    units, categories = set(settings.units()), set(publication_catalog.categories())
    current = {i.name: i for i in StandardItem.select().where(StandardItem.removed == False)}  # noqa: E712
    good, unchanged, problems, notes, seen = [], [], [], [], {}
    for offset, cells in enumerate(sheet.rows):
        number = sheet.first_row_number + offset
        raw = {key: _text(cells[i]) if i < len(cells) else "" for key, i in mapping.items()}
        try:
            data = elements.clean(raw)
        except ValidationError as err:
            problems.extend((number, f"{f}：{r}") for f, r in err.problems)
            continue
        if data["name"] in seen:
            problems.append((number, f"事项名称“{data['name']}”与第{seen[data['name']]}行重复"))
            continue
        seen[data["name"]] = number
        if data["unit"] and data["unit"] not in units:
            notes.append((number, f"责任科室“{data['unit']}”不在本机关的科室名单中（系统设置 → 本机关）"))
        if data["category"] and data["category"] not in categories:
            notes.append((number, f"公开目录类别“{data['category']}”不是本机关的公开目录类别，不检查其公开情况"))
        existing = current.get(data["name"])
        if existing is None:
            good.append(Row(number, data, None))
        else:
            changes = elements.differences(standard.item_data(existing), data)
            if changes:
                good.append(Row(number, data, existing.id, changes))
            else:
                unchanged.append(number)
    return Checked(Path(path).name, good, unchanged, problems, notes, ignored)


def import_checked(actor: Actor, checked: Checked, skip_bad: bool = False) -> dict:
    """Write the good rows in one transaction; refused while bad rows exist unless ``skip_bad`` (the user's choice)."""
    require(actor, "catalogue.propose")
    require(actor, "catalogue.review")
    if checked.problems and not skip_bad:
        rows = sorted({r for r, _ in checked.problems})
        raise ValidationError("标准目录", f"有 {len(rows)} 行有问题，未导入任何内容："
                              + "；".join(f"第{r}行：{reason}" for r, reason in checked.problems[:20])
                              + ("……" if len(checked.problems) > 20 else ""))
    if not checked.good and not checked.unchanged:
        raise ServiceError("文件中没有可以导入的公开事项")
    note = f"导入：{checked.source}"
    with write_transaction():
        new = [row.data for row in checked.good if row.item_id is None]
        standard.adopt_new(actor, new, "other", note, "imported")
        for row in checked.good:
            if row.item_id is not None:
                standard.adopt(actor, "change", row.data, row.item_id, "other", note, "imported")
        added = len(new)
        audit.record(actor, "catalogue.import", "standard_item", None,
                     after={"file": checked.source, "added": added, "changed": len(checked.good) - added,
                            "unchanged": len(checked.unchanged), "skipped": [r for r, _ in checked.problems]})
    return {"added": added, "changed": len(checked.good) - added, "unchanged": len(checked.unchanged),
            "skipped": len({r for r, _ in checked.problems})}


def import_file(actor: Actor, path: str, skip_bad: bool = False) -> dict:
    return import_checked(actor, check_file(actor, path), skip_bad)
