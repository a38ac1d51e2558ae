"""The five font roles of a GB/T 9704-2012 document (标准 7.1/7.2/7.3) and the setting keys that override them.

Kept apart from ``fonts`` so that ``app.settings`` can declare the options without importing ReportLab.
"""
from __future__ import annotations

ROLES = ("body", "title", "heading1", "heading2", "song")

ROLE_NAMES = {
    "body": "正文（仿宋）",
    "title": "标题（小标宋）",
    "heading1": "一级标题（黑体）",
    "heading2": "二级标题（楷体）",
    "song": "表格和页码（宋体）",
}

SETTING_PREFIX = "printing.font."
SETTINGS_SECTION = "打印字体"


def setting_key(role: str) -> str:
    return SETTING_PREFIX + role
