"""``migrate-to URL``: move an office from its SQLite file to a PostgreSQL server database (several seats)."""
from __future__ import annotations

import sys

from app import audit, transfer
from app.errors import ServiceError
from app.workspace import open_workspace
from db.connection import close_database, is_sqlite, parse_url


def register(sub) -> None:
    p = sub.add_parser("migrate-to", help="把本机数据库迁移到 PostgreSQL 服务器数据库",
                       description="把数据目录中的 SQLite 数据库逐表复制到一个空的 PostgreSQL 数据库（保留编号和审计哈希链），"
                                   "核对每张表的行数并核验目标上的审计日志，然后说明附件文件夹应放到哪里。"
                                   "本机数据库不作任何修改。")
    p.add_argument("url", metavar="URL", help="目标数据库地址，如 postgresql://用户:密码@主机:5432/库名")
    p.set_defaults(handler=cmd_migrate_to)


def cmd_migrate_to(args) -> int:
    ws = open_workspace(args.data_dir, args.database)  # brings the local file to the latest version first
    if not is_sqlite():
        raise ServiceError("迁移的来源应为本机 SQLite 数据库（不要同时给出 --database 服务器地址）")
    source = parse_url(ws.url).path
    files_dir = ws.data_dir.files
    close_database()

    tty = sys.stderr is not None and sys.stderr.isatty()

    def progress(table: str, rows: int) -> None:
        if tty:
            print(f"\r  {table}：{rows} 行\033[K", end="", file=sys.stderr, flush=True)

    report = transfer.copy_database(str(source), args.url, progress)
    if tty:
        print(file=sys.stderr)
    open_workspace(args.data_dir, args.url)
    chain = audit.verify_chain()
    print(f"已复制 {len(report.counts)} 张表、共 {report.total} 行，每张表的行数已核对一致")
    print(f"目标数据库：{chain.describe()}")
    print(f"附件和已出具文书的文件在 {files_dir}：请把整个文件夹复制到各席位都能访问的共享文件夹，"
          "并在“系统管理 → 系统设置 → 存储”中填写该共享文件夹的路径")
    return 0 if chain.ok else 1
