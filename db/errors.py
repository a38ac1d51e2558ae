"""Known storage failures, told to the user plainly; anything else is a bug and is logged with its traceback."""
from __future__ import annotations

import peewee

_KNOWN = [
    ("database is locked", "数据库正被另一个窗口或程序占用，请稍后再试"),
    ("database table is locked", "数据库正被另一个窗口或程序占用，请稍后再试"),
    ("readonly", "数据库文件是只读的，无法保存；请检查文件权限或磁盘写保护"),
    ("read-only", "数据库文件是只读的，无法保存；请检查文件权限或磁盘写保护"),
    ("disk is full", "磁盘已满，无法保存；请清理磁盘空间后再试"),
    ("database or disk is full", "磁盘已满，无法保存；请清理磁盘空间后再试"),
    ("disk i/o error", "读写磁盘出错；请检查磁盘或 U 盘是否已拔出"),
    ("malformed", "数据库文件已损坏；请用最近的备份恢复，并联系技术支持"),
    ("not a database", "该文件不是本程序的数据库，或已损坏"),
    ("unable to open database", "无法打开数据库文件；请检查路径和权限"),
    ("could not connect", "无法连接数据库服务器；请检查网络和服务器地址"),
    ("connection refused", "无法连接数据库服务器；请检查网络和服务器地址"),
]


def explain(exc: BaseException) -> str | None:
    """The plain Chinese explanation of a known storage error, or ``None`` when ``exc`` is not one."""
    if not isinstance(exc, (peewee.OperationalError, peewee.DatabaseError, peewee.InterfaceError)):
        return None
    text = str(exc).lower()
    for needle, message in _KNOWN:
        if needle in text:
            return message
    return None
