"""工作台: the first tab every user sees (deadline calculator now; due lists and reminders join it later)."""
from ui.dashboard.calculator import DeadlineCalculator
from ui.dashboard.page import DashboardPage

__all__ = ["DashboardPage", "DeadlineCalculator"]
