"""从扫描件识别: a form's fields filled from a scanned application, recognised in the background (``ui.tasks``: progress,
cancel), each filled field framed as recognised with the scan's crop on hover until the clerk confirms it (ticks
已核对, or edits it). Nothing here saves anything: the form's own 登记 does, once every recognised field is confirmed."""
from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass

from app.ocr.form import RecognisedField, read_form_file
from ui import tasks
from ui.qt import Qt, QtWidgets

MARK_STYLE = "border: 2px solid #e66100; border-radius: 3px;"
CROP_DPI = 120
CROP_MARGIN = 6.0  # points around the recognised text


@dataclass(frozen=True)
class ScanReading:
    """What the worker hands back: the fields and, per field, a PNG of the scan where it was read."""
    path: str
    fields: dict[str, RecognisedField]
    crops: dict[str, str]


def _crops(path: str, fields: dict[str, RecognisedField], folder: str) -> dict[str, str]:
    """One small picture per field, cut from the scan around its box (Pillow, in the worker)."""
    from app.redaction.source import open_file
    out: dict[str, str] = {}
    scale = CROP_DPI / 72.0
    with open_file(path) as source:
        for number in sorted({f.page for f in fields.values()}):
            picture = source.render(number, CROP_DPI)
            try:
                for key, field in fields.items():
                    if field.page != number:
                        continue
                    x0, y0, x1, y1 = field.box
                    box = (max(0, int((x0 - CROP_MARGIN) * scale)), max(0, int((y0 - CROP_MARGIN) * scale)),
                           min(picture.width, int((x1 + CROP_MARGIN) * scale)),
                           min(picture.height, int((y1 + CROP_MARGIN) * scale)))
                    target = os.path.join(folder, f"{key}.png")
                    picture.crop(box).save(target)
                    out[key] = target
            finally:
                picture.close()
    return out


def read_scan(path: str, folder: str, handle) -> ScanReading:
    """The work run off the GUI thread: recognise the file page by page and read the form's fields."""
    fields = read_form_file(path, progress=handle.report, cancel=lambda: handle.cancelled)
    return ScanReading(path, fields, _crops(path, fields, folder))


class RecognisedMarks:
    """The fields filled from a scan, each framed and with a 已核对 box under it, until the clerk confirms it."""

    def __init__(self):
        self._marks: dict[str, tuple[QtWidgets.QWidget, QtWidgets.QCheckBox, str]] = {}

    def mark(self, key: str, editor: QtWidgets.QWidget, label: str, field: RecognisedField, crop: str | None) -> None:
        """Frame ``editor``'s row (the editor's container, so that the form's own error outline of the editor is left
        to the form), with the recognised text and the scan's crop on hover and a 已核对 box under it."""
        self.clear(key)
        picture = f"<br><img src='{html.escape(crop)}'>" if crop else ""
        editor.setToolTip(f"由扫描件识别（第 {field.page} 页，置信度 {field.confidence:.0%}），请与原件核对：<br>"
                          f"识别原文：{html.escape(field.raw)}{picture}")
        check = QtWidgets.QCheckBox("已核对识别结果")
        check.setStyleSheet("color: #e66100;")
        row = editor.parentWidget()
        row.setObjectName(f"recognised_{key}")
        row.setAttribute(Qt.WA_StyledBackground, True)
        layout = row.layout()
        layout.insertWidget(layout.indexOf(editor) + 1, check)
        check.toggled.connect(lambda on, k=key: self._frame(k, not on))
        self._marks[key] = (editor, check, label)
        self._frame(key, True)

    def _frame(self, key: str, shown: bool) -> None:
        row = self._marks[key][0].parentWidget()
        row.setStyleSheet(f"#{row.objectName()} {{ {MARK_STYLE} }}" if shown else "")
        margin = 3 if shown else 0  # room for the frame inside the row
        row.layout().setContentsMargins(margin, margin, margin, margin)

    def framed(self, key: str) -> bool:
        return key in self._marks and bool(self._marks[key][0].parentWidget().styleSheet())

    def edited(self, key: str) -> None:
        """The clerk changed a recognised field: that confirms it."""
        if key in self._marks:
            self._marks[key][1].setChecked(True)

    def clear(self, key: str) -> None:
        if key in self._marks:
            self._frame(key, False)
            editor, check, _label = self._marks.pop(key)
            editor.setToolTip("")
            check.deleteLater()

    def clear_all(self) -> None:
        for key in list(self._marks):
            self.clear(key)

    def check_box(self, key: str) -> QtWidgets.QCheckBox | None:
        return self._marks[key][1] if key in self._marks else None

    def keys(self) -> list[str]:
        return list(self._marks)

    def unconfirmed(self, visible_only: bool = True) -> list[str]:
        """The labels of the recognised fields not yet confirmed (those hidden with the applicant's type skipped)."""
        return [label for editor, check, label in self._marks.values()
                if not check.isChecked() and (not visible_only or not editor.parentWidget().isHidden())]


def recognise_in_background(parent, path: str, folder: str, on_done, on_error=None) -> tasks.TaskHandle:
    """Read ``path`` off the GUI thread (``ui.tasks.run_task``: a progress dialog with 取消)."""
    return tasks.run_task(parent, "正在识别扫描件…", lambda handle: read_scan(path, folder, handle), on_done,
                          on_error)


def crop_folder() -> tempfile.TemporaryDirectory:
    """Where the crops of one dialog go; removed with the object (when the dialog goes, or at the latest on exit)."""
    return tempfile.TemporaryDirectory(prefix="zwgk-scan-")
