"""File dialogs: start in the documents folder or the last folder used, Chinese labels, dates and sizes."""
import os

from ui import file_dialogs
from ui.qt import QtCore, QtWidgets


def test_they_start_in_the_documents_folder_then_remember_the_last_one(qtbot, tmp_path, monkeypatch):
    QtCore.QSettings().remove(file_dialogs.SETTINGS_KEY)
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: str(tmp_path / "文档"))
    asked = []
    (tmp_path / "文档").mkdir()
    (tmp_path / "别处").mkdir()

    def choose(dialog):
        asked.append((dialog.initial_path, dialog.directory().absolutePath()))
        return str(tmp_path / "别处" / "登记簿.xlsx"), dialog.filter_text

    monkeypatch.setattr(file_dialogs, "chooser", choose)
    path, _ = file_dialogs.get_save_file_name(None, "导出登记簿", "登记簿.xlsx", "Excel 文件 (*.xlsx)")
    assert asked[0][0] == os.path.join(str(tmp_path / "文档"), "登记簿.xlsx")
    assert path.endswith("登记簿.xlsx")
    file_dialogs.get_open_file_name(None, "选择台账文件", "", "台账文件 (*.xlsx *.csv)")
    assert asked[1][0] == str(tmp_path / "别处") == asked[1][1]
    (tmp_path / "别处").rmdir()  # a remembered folder that is gone: back to the documents folder
    assert file_dialogs.start_folder() == str(tmp_path / "文档")


def test_a_cancelled_dialog_changes_nothing(qtbot, tmp_path, monkeypatch):
    QtCore.QSettings().setValue(file_dialogs.SETTINGS_KEY, str(tmp_path))
    monkeypatch.setattr(file_dialogs, "chooser", lambda dialog: ("", ""))
    assert file_dialogs.get_open_file_name(None, "打开") == ("", "")
    assert file_dialogs.start_folder() == str(tmp_path)


def test_the_dialog_speaks_chinese(qtbot, tmp_path):
    (tmp_path / "旧台账.xlsx").write_bytes(b"x" * 3000)
    dialog = file_dialogs.make_dialog(None, "选择台账文件", str(tmp_path / "x.xlsx"), "台账文件 (*.xlsx)", saving=True)
    qtbot.addWidget(dialog)
    assert dialog.testOption(QtWidgets.QFileDialog.DontUseNativeDialog)
    assert [dialog.labelText(k) for k in (QtWidgets.QFileDialog.LookIn, QtWidgets.QFileDialog.FileName,
                                           QtWidgets.QFileDialog.FileType, QtWidgets.QFileDialog.Accept,
                                           QtWidgets.QFileDialog.Reject)] == ["查找范围：", "文件名：", "文件类型：",
                                                                              "保存", "取消"]
    dialog.show()
    proxy = dialog.proxyModel()
    source = proxy.sourceModel()
    qtbot.waitUntil(lambda: source.index(str(tmp_path / "旧台账.xlsx")).isValid()
                    and source.rowCount(source.index(str(tmp_path))) == 1, timeout=5000)
    row = proxy.mapFromSource(source.index(str(tmp_path / "旧台账.xlsx")))
    size = proxy.index(row.row(), 1, row.parent()).data()
    date = proxy.index(row.row(), 3, row.parent()).data()
    assert size == "2.9 KB"
    assert QtCore.QDateTime.fromString(date, file_dialogs.DATE_FORMAT).isValid()
    assert [proxy.headerData(i, QtCore.Qt.Horizontal) for i in range(4)] == ["名称", "大小", "类型", "修改日期"]


def test_sizes_in_chinese():
    assert file_dialogs.size_text(0) == "0 字节"
    assert file_dialogs.size_text(1023) == "1023 字节"
    assert file_dialogs.size_text(5 * 1024 * 1024) == "5.0 MB"
