"""What the 监督员 tab's panels share: the row colours, the change they announce, and the small forms they run."""
from __future__ import annotations

from ui.events import announce
from ui.forms import Field, FormDialog
from ui.qt import QtGui

URGENT = {"overdue": QtGui.QColor("#f8d7da"), "soon": QtGui.QColor("#fff3cd"), "ending": QtGui.QColor("#fff3cd"),
          "expired": QtGui.QColor("#f8d7da"), "ended": QtGui.QColor("#eeeeee")}
ENTITY = "supervisor"  # the change announced after every write of this tab


def choices(mapping: dict) -> list[tuple[str, str]]:
    return list(mapping.items())


def run_form(parent, title: str, fields: list[Field], submit, intro: str = "") -> object | None:
    dialog = FormDialog(title, fields, submit, parent, intro)
    if dialog.exec():
        announce(ENTITY)
        return dialog.result_value
    return None
