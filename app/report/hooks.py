"""What the annual report hands to the 工作台: its publication deadline from 1 December until the date passes
(条例第四十九条: by 31 January, or the office's own date)."""
from __future__ import annotations

from app import clock, modules
from app.actor import Actor
from app.report import service

TAB = "年度报告"


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    if not actor.can("report.view"):
        return []
    text = service.reminder(clock.today())
    if not text:
        return []
    return [modules.DashboardEntry(text, 1, (), True, TAB, (), actor.can("report.edit"))]


modules.register_dashboard("report", "年度报告", dashboard)
