"""The annual reports in the supervisors' archive (档案查阅): every year the office has written a report for, as the
report prints (its figures are counts: no one's personal data)."""
from __future__ import annotations

from app import clock, modules
from app.actor import Actor
from app.errors import NotFound
from app.permissions import require
from app.report import labels, output, service
from db.models import AnnualReportEntry

COLUMNS = (("title", "报告"), ("year", "年度"), ("status", "状态"))
PDF = 1


def _years() -> list[int]:
    years = {e.year for e in AnnualReportEntry.select(AnnualReportEntry.year).distinct()}
    return sorted((y for y in years if y < clock.today().year), reverse=True)


def _row(actor: Actor, year: int) -> dict:
    final = service.final_state(year)
    return {"id": year, "year": year, "title": f"{year}年政府信息公开工作年度报告",
            "status": f"已定稿（{final['by']} {final['at'][:10]}）" if final else "草稿"}


def _filtered(text: str) -> list[int]:
    return [y for y in _years() if all(t in f"{y}年政府信息公开工作年度报告" for t in (text or "").split())]


def count(actor: Actor, text: str = "") -> int:
    require(actor, "report.view")
    return len(_filtered(text))


def fetch(actor: Actor, text: str, offset: int, limit: int) -> list[dict]:
    require(actor, "report.view")
    return [_row(actor, y) for y in _filtered(text)[offset:offset + limit]]


def _year(year: int) -> int:
    if year not in _years():
        raise NotFound(f"没有{year}年的年度报告")
    return year


def detail(actor: Actor, year: int) -> list[tuple[str, str]]:
    require(actor, "report.view")
    report = service.build(actor, _year(year))
    row = _row(actor, year)
    lines = [("报告", report.title), ("状态", row["status"])]
    lines += [(title, report.texts.get(key, "")[:200]) for key, title in labels.SECTIONS
              if key in labels.TEXT_SECTIONS and report.texts.get(key)]
    return lines


def documents(actor: Actor, year: int) -> list[dict]:
    require(actor, "report.view")
    _year(year)
    return [{"id": PDF, "title": f"{year}年政府信息公开工作年度报告（PDF）"}]


def document_pdf(actor: Actor, year: int, document_id: int) -> bytes:
    require(actor, "report.view")
    pdf = output.to_pdf(service.build(actor, _year(year)))
    service.record_output(actor, year, "PDF")
    return pdf


modules.register_archive_view("report", modules.ArchiveView("年度报告", "report.view", COLUMNS, count, fetch, detail,
                                                            documents, document_pdf))
