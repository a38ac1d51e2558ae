"""The SQLite the program runs on must have FTS5 with the trigram tokenizer (SQLite 3.34 or newer): the registers'
full-text indexes (migrations m003, m008) are built with it. The bundle and the Windows installer carry their own
SQLite; a source install on an older system library (统信UOS 20 has 3.27, 麒麟 V10 3.31) is told so at start-up,
before any migration could fail half-way."""
from __future__ import annotations

import functools
import sqlite3

MINIMUM = (3, 34, 0)


def problem(version: tuple[int, int, int] | None = None, trigram: bool | None = None) -> str | None:
    """What is missing, in a sentence for the office; None when this SQLite will do. The arguments stand for the
    library's own answers (tests)."""
    version = version or sqlite3.sqlite_version_info
    shown = ".".join(map(str, version))
    need = ".".join(map(str, MINIMUM[:2]))
    advice = ("请使用本程序的安装包（自带合适的 SQLite）安装，或把系统的 SQLite（libsqlite3）升级到 "
              f"{need} 或更新的版本后再启动")
    if tuple(version) < MINIMUM:
        return (f"本机的 SQLite 数据库软件版本为 {shown}，低于本程序需要的 {need}（登记簿的全文检索使用 SQLite {need} "
                f"起才有的 FTS5 三元组分词）。{advice}。")
    if trigram is None:
        trigram = _has_trigram()
    if not trigram:
        return f"本机的 SQLite 数据库软件（版本 {shown}）没有全文检索模块 FTS5 的三元组分词。{advice}。"
    return None


@functools.cache
def _has_trigram() -> bool:
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
        return True
    except sqlite3.Error:
        return False
    finally:
        con.close()
