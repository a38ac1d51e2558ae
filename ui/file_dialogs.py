"""打开 / 保存 file dialogs, the same everywhere in the program.

They start in the folder the user chose last time (kept in QSettings), else in the user's documents folder — never
in the program's own folder — and speak Chinese throughout. Qt's non-native dialog is used so that this holds on
every desktop: its labels are set here, and its dates are shown as 2026-12-01 09:30 (the platform's own dialog,
and Qt's catalogue, left "Look in:", "Files of type:" and dates such as "1 12 2026" in English on some systems).

The functions take and return what ``QFileDialog.getOpenFileName`` / ``getSaveFileName`` do, so that a call site
changes only its name. Tests replace ``chooser`` to answer without showing a dialog.
"""
from __future__ import annotations

import os
from typing import Callable

from ui.qt import QtCore, QtWidgets

SETTINGS_KEY = "file_dialogs/last_folder"
DATE_FORMAT = "yyyy-MM-dd HH:mm"
_SIZE_COLUMN, _DATE_COLUMN = 1, 3  # QFileSystemModel: name, size, type, date modified

LABELS = {
    QtWidgets.QFileDialog.LookIn: "查找范围：",
    QtWidgets.QFileDialog.FileName: "文件名：",
    QtWidgets.QFileDialog.FileType: "文件类型：",
    QtWidgets.QFileDialog.Reject: "取消",
}


def documents_folder() -> str:
    folder = QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.DocumentsLocation)
    return folder if folder and os.path.isdir(folder) else QtCore.QDir.homePath()


def start_folder() -> str:
    """The last folder the user chose a file in, while it still exists; else the documents folder."""
    last = QtCore.QSettings().value(SETTINGS_KEY)
    return str(last) if last and os.path.isdir(str(last)) else documents_folder()


def remember(path: str) -> None:
    if path:
        QtCore.QSettings().setValue(SETTINGS_KEY, os.path.dirname(os.path.abspath(path)))


def _initial(directory: str) -> str:
    """A bare file name (or nothing) is placed in the start folder; a path with a folder is kept as given."""
    if directory and os.path.dirname(directory):
        return directory
    return os.path.join(start_folder(), directory) if directory else start_folder()


def size_text(size: int) -> str:
    """A file's size as the list shows it: 512 字节, 12.5 KB, 3.2 MB (Qt's catalogue has no Chinese "bytes")."""
    if size < 1024:
        return f"{size} 字节"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"
    return ""


class ChineseDates(QtCore.QIdentityProxyModel):
    """Shows the file list's modification dates as 2026-12-01 09:30 and sizes in Chinese, whatever the system's
    locale."""

    def data(self, index, role=QtCore.Qt.DisplayRole):
        source = self.sourceModel()
        if role == QtCore.Qt.DisplayRole and isinstance(source, QtWidgets.QFileSystemModel):
            where = self.mapToSource(index)
            if index.column() == _DATE_COLUMN:
                stamp = source.lastModified(where)
                return stamp.toString(DATE_FORMAT) if stamp.isValid() else ""
            if index.column() == _SIZE_COLUMN and not source.isDir(where):
                return size_text(source.size(where))
        return super().data(index, role)

    def headerData(self, section, orientation, role=QtCore.Qt.DisplayRole):
        if role == QtCore.Qt.DisplayRole and orientation == QtCore.Qt.Horizontal:
            names = ("名称", "大小", "类型", "修改日期")
            if 0 <= section < len(names):
                return names[section]
        return super().headerData(section, orientation, role)


def make_dialog(parent, caption: str, directory: str, filter_: str, saving: bool) -> QtWidgets.QFileDialog:
    initial = _initial(directory)
    dialog = QtWidgets.QFileDialog(parent, caption, initial, filter_)
    dialog.initial_path, dialog.filter_text = initial, filter_  # what the dialog was asked to show (tests read it)
    dialog.setOption(QtWidgets.QFileDialog.DontUseNativeDialog, True)
    dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptSave if saving else QtWidgets.QFileDialog.AcceptOpen)
    dialog.setFileMode(QtWidgets.QFileDialog.AnyFile if saving else QtWidgets.QFileDialog.ExistingFile)
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(QtWidgets.QFileDialog.Accept, "保存" if saving else "打开")
    dialog.setProxyModel(ChineseDates(dialog))
    return dialog


def _ask(dialog: QtWidgets.QFileDialog) -> tuple[str, str]:
    if not dialog.exec():
        return "", ""
    files = dialog.selectedFiles()
    return (files[0] if files else ""), dialog.selectedNameFilter()


# Tests replace this with a function answering (path, filter) for a dialog without showing it.
chooser: Callable[[QtWidgets.QFileDialog], tuple[str, str]] = _ask


def _choose(parent, caption: str, directory: str, filter_: str, saving: bool) -> tuple[str, str]:
    dialog = make_dialog(parent, caption, directory, filter_, saving)
    try:
        path, chosen = chooser(dialog)
    finally:
        dialog.deleteLater()
    remember(path)
    return path, chosen


def get_open_file_name(parent=None, caption: str = "", directory: str = "", filter: str = "") -> tuple[str, str]:  # noqa: A002
    return _choose(parent, caption, directory, filter, saving=False)


def get_save_file_name(parent=None, caption: str = "", directory: str = "", filter: str = "") -> tuple[str, str]:  # noqa: A002
    return _choose(parent, caption, directory, filter, saving=True)
