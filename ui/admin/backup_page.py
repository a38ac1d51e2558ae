"""系统管理 → 备份与恢复: where, when and how many backups; back up now; restore from an archive.

The work itself is in ``app.backup``; here it runs off the GUI thread (``ui.tasks``) and the page shows the result.
"""
from __future__ import annotations

from pathlib import Path

from app import backup, settings
from app.errors import Cancelled, ServiceError
from app.paths import DataDir
from app.workspace import current_workspace, release_thread_connection
from ui import messages, tasks
from ui.qt import QtCore, QtWidgets
from ui.widgets import error_label, make_table_view, selected_row, show_inline_error


def _data_dir() -> DataDir:
    ws = current_workspace()
    if ws is None:
        raise ServiceError("数据目录尚未打开")
    return ws.data_dir


def progress_to(handle: tasks.TaskHandle):
    """``app.backup``'s progress (pages or bytes, which may pass a C int) as the dialog's per-mille bar and text."""
    def progress(done: int, total: int, what: str) -> None:
        handle.report(min(1000, done * 1000 // total) if total else 0, 1000 if total else 0, what)
        if what == backup.REPLACING:
            handle.beyond_cancel()
    return progress


def size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


class BackupListModel(QtCore.QAbstractTableModel):
    """The archives in the backup folder (a handful of files, read from their manifests at once)."""

    COLUMNS = ("备份时间", "数据行数", "存档文件", "大小", "审计记录", "文件")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[backup.ListedBackup] = []

    def reload(self, data_dir: DataDir) -> None:
        self.beginResetModel()
        self.rows = backup.listing(data_dir)
        self.endResetModel()

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=QtCore.Qt.DisplayRole):
        if role == QtCore.Qt.DisplayRole and orientation == QtCore.Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index, role=QtCore.Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == QtCore.Qt.DisplayRole:
            if r.problem and index.column() < 5:
                return "无法使用" if index.column() == 0 else ""
            return [r.created, str(r.rows), str(r.files), size_text(r.size),
                    f"第{r.audit_seq}条" if r.audit_seq is not None else "", r.path.name][index.column()]
        if role == QtCore.Qt.ToolTipRole and r.problem:
            return r.problem
        if role == QtCore.Qt.UserRole:
            return {"path": str(r.path), "problem": r.problem}
        return None

    def row_dict(self, row: int) -> dict:
        r = self.rows[row]
        return {"path": str(r.path), "problem": r.problem}


class BackupPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)

        box = QtWidgets.QGroupBox(self.tr("备份设置"))
        form = QtWidgets.QFormLayout(box)
        self.folder = QtWidgets.QLineEdit()
        self.folder.setPlaceholderText(self.tr("留空：数据目录中的 backups 文件夹"))
        choose = QtWidgets.QPushButton(self.tr("选择…"))
        choose.clicked.connect(self.choose_folder)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow(self.tr("保存位置"), row)
        self.keep = QtWidgets.QSpinBox()
        self.keep.setMaximumWidth(120)
        self.keep.setRange(settings.OPTIONS["backup.keep"].minimum, settings.OPTIONS["backup.keep"].maximum)
        form.addRow(self.tr("保留份数"), self.keep)
        self.at_exit = QtWidgets.QCheckBox(self.tr("退出程序时备份"))
        self.daily = QtWidgets.QCheckBox(self.tr("每天自动备份一次（打开程序时当天还没有备份就备份）"))
        form.addRow("", self.at_exit)
        form.addRow("", self.daily)
        self.save_button = QtWidgets.QPushButton(self.tr("保存设置"))
        self.save_button.clicked.connect(self.save_settings)
        save_row = QtWidgets.QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form.addRow("", save_row)
        layout.addWidget(box)

        self.error = error_label()
        layout.addWidget(self.error)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        bar = QtWidgets.QHBoxLayout()
        self.backup_button = QtWidgets.QPushButton(self.tr("立即备份"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QtWidgets.QPushButton(self.tr("从所选备份恢复…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QtWidgets.QPushButton(self.tr("从其他备份文件恢复…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        for b in (self.backup_button, self.restore_button, self.restore_file_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.model = BackupListModel(self)
        self.view = make_table_view(self.model)
        layout.addWidget(self.view, 1)
        self.refresh()

    # ---- settings ----
    def refresh(self) -> None:
        self.folder.setText(settings.get("backup.folder"))
        self.keep.setValue(settings.get("backup.keep"))
        self.at_exit.setChecked(settings.get("backup.at_exit"))
        self.daily.setChecked(settings.get("backup.daily"))
        dd = _data_dir()
        self.model.reload(dd)
        self.view.resizeColumnsToContents()
        self.status.setText(self.tr("备份保存在：") + str(backup.folder(dd)))

    def choose_folder(self) -> None:
        chosen = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("选择备份保存位置"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def save_settings(self) -> None:
        try:
            settings.set_many(self.actor, {"backup.folder": self.folder.text(), "backup.keep": self.keep.value(),
                                           "backup.at_exit": self.at_exit.isChecked(),
                                           "backup.daily": self.daily.isChecked()})
        except ServiceError as err:
            show_inline_error(self.error, str(err))
            return
        show_inline_error(self.error, None)
        self.refresh()
        messages.info(self, self.tr("备份设置"), self.tr("已保存。"))

    # ---- backup ----
    def backup_now(self) -> None:
        dd = _data_dir()
        self.backup_button.setEnabled(False)
        actor = self.actor
        tasks.run_task(self, self.tr("正在备份并核验…"),
                       lambda handle: backup.create(actor, dd, progress=progress_to(handle),
                                                    cancelled=lambda: handle.cancelled),
                       self._backed_up, self._failed)

    def _backed_up(self, result: backup.BackupResult) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()
        info = result.info
        text = (f"已备份到 {info.path}\n{info.rows} 行数据、{info.files} 个存档文件，{size_text(info.size)}，"
                f"用时 {result.seconds:.1f} 秒。\n核验通过：完整性正常，各表行数与审计日志链尾一致（{info.anchor.line()}）。")
        if result.removed:
            text += f"\n已删除 {len(result.removed)} 份旧备份。"
        self.status.setText(text)
        messages.info(self, self.tr("备份完成"), text)

    def _failed(self, err: Exception) -> None:
        restoring = not self.restore_button.isEnabled()
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            button.setEnabled(True)
        if isinstance(err, Cancelled):  # the user's own choice: said on the page, not as an error
            self.status.setText(str(err))
            return
        if isinstance(err, ServiceError) and "当前数据没有任何改动" not in str(err) and restoring:
            err = ServiceError(f"{err}\n\n当前数据没有任何改动。")
        messages.show_error(self, err)

    # ---- restore ----
    def restore_selected(self) -> None:
        row = selected_row(self.view)
        if row is None:
            messages.warning(self, self.tr("恢复"), self.tr("请先在列表中选择一份备份。"))
            return
        self.restore(Path(row["path"]))

    def restore_from_file(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), str(backup.folder(_data_dir())),
                                                        self.tr("备份文件 (*.zip)"))
        if path:
            self.restore(Path(path))

    def restore(self, path: Path) -> None:
        dd = _data_dir()
        try:
            info = backup.info_of(path, backup.read_manifest(path))  # the full check runs in the background
        except ServiceError as err:
            messages.warning(self, self.tr("不能恢复"), str(err) + "\n\n当前数据没有任何改动。")
            return
        if not messages.confirm(self, self.tr("从备份恢复"),
                                f"用 {info.created.replace('T', ' ')} 的备份（{info.rows} 行数据、{info.files} 个存档文件）"
                                "替换当前数据库？\n\n当前数据库会先另存一份备份。恢复前请关闭本程序的其他窗口；"
                                "恢复后程序将关闭，请重新打开并登录。"):
            return
        self.restore_button.setEnabled(False)
        self.restore_file_button.setEnabled(False)
        # peewee keeps one connection per thread: this thread's must not stay on the file being replaced
        release_thread_connection()
        actor = self.actor
        tasks.run_task(self, self.tr("正在核验并恢复…"),
                       lambda handle: backup.restore(actor, dd, path, progress=progress_to(handle),
                                                     cancelled=lambda: handle.cancelled),
                       self._restored, self._failed)

    def _restored(self, result: backup.RestoreResult) -> None:
        release_thread_connection()  # reconnect to the restored file, not the one it replaced
        text = f"已从 {result.info.path.name} 恢复。"
        if result.safety_copy:
            text += f"\n恢复前的数据库已保存到：{result.safety_copy}"
        messages.info(self, self.tr("恢复完成"), text + "\n\n程序将关闭，请重新打开并登录。")
        window = self.window()
        if window is not self:
            window.close()


# ---- automatic backups (called by the start-up module) ------------------------------------------------------------

def backup_if_due(parent) -> None:
    """The daily backup, in the background, when the setting asks for it and none was made today."""
    from app.actor import system_actor
    ws = current_workspace()
    if ws is None or ws.damaged or not ws.url.startswith("sqlite") or not settings.get("backup.daily") \
            or backup.made_today(ws.data_dir):
        return
    tasks.run_task(parent, "正在进行每日备份…",
                   lambda handle: backup.create(system_actor("每日备份"), ws.data_dir), lambda result: None,
                   lambda err: messages.warning(parent, "每日备份没有完成", str(err)), cancellable=False)


def backup_at_exit() -> str | None:
    """The backup at exit, when the setting asks for it; returns what went wrong, if anything."""
    from app.actor import system_actor
    ws = current_workspace()
    if ws is None or ws.damaged or not ws.url.startswith("sqlite") or not settings.get("backup.at_exit"):
        return None
    try:
        backup.create(system_actor("退出时备份"), ws.data_dir)
    except Exception as err:  # noqa: BLE001 - told to the user by the caller; the data itself is saved
        from app.errors import storage_message
        return storage_message(err) or str(err)
    return None
