"""Known storage failures, told to the user plainly; anything else is a bug and is logged with its traceback."""
from __future__ import annotations

import sqlite3

import peewee

from db.connection import WritesRefused, hidden_cause

DISK_FULL = ("磁盘已满，刚才的修改没有保存（数据库中没有写入任何一半的内容，窗口中填写的内容仍在）。"
             "请删除或移走数据所在磁盘上不需要的文件，腾出空间后再点保存")
READ_ONLY = ("数据目录或数据库文件是只读的，无法保存：请检查文件夹权限、U 盘或存储卡的写保护开关，"
             "或把数据目录复制到可写的磁盘后用 --data-dir 指定")
LOCKED = "数据库正被另一个窗口或程序占用（例如正在导入台账），等待 10 秒后仍未释放；请稍后再点保存，填写的内容仍在"
DAMAGED = "数据库文件已损坏；请运行“python -m app check”查看详情，并用最近的备份恢复（系统管理 → 备份与恢复）"

_KNOWN = [
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    ("readonly", READ_ONLY),
    ("read-only", READ_ONLY),
    ("disk is full", DISK_FULL),
    ("database or disk is full", DISK_FULL),
    ("disk i/o error", "读写磁盘出错；请检查磁盘或 U 盘是否已拔出，刚才的修改没有保存"),
    ("malformed", DAMAGED),
    ("not a database", "该文件不是本程序的数据库，或已损坏；请用最近的备份恢复"),
    ("unable to open database", "无法打开数据库文件；请检查数据目录是否存在、是否可写"),
    ("could not connect", "无法连接数据库服务器；请检查网络和服务器地址"),
    ("connection refused", "无法连接数据库服务器；请检查网络和服务器地址"),
]

# Errors of the operating system while writing the data directory (exports, backups, stored files).
_OS_ERRNO = {28: DISK_FULL, 30: READ_ONLY, 13: "没有写入该文件夹的权限；请换一个文件夹，或请管理员检查权限"}


def explain(exc: BaseException) -> str | None:
    """The plain Chinese explanation of a known storage error, or ``None`` when ``exc`` is not one."""
    if isinstance(exc, WritesRefused):
        return str(exc)
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return _OS_ERRNO.get(exc.errno)
    if not isinstance(exc, (peewee.OperationalError, peewee.DatabaseError, peewee.InterfaceError, sqlite3.Error)):
        return None
    text = str(hidden_cause(exc)).lower()
    for needle, message in _KNOWN:
        if needle in text:
            return message
    return None
