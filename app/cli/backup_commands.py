"""``backup [--out FILE]`` and ``restore FILE``: the database and stored files in one verified archive, and back."""
from __future__ import annotations

from app import backup
from app.actor import system_actor
from app.errors import ServiceError
from app.paths import DataDir
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库和存档文件（写入后立即核验）",
                       description="用 SQLite 在线备份接口复制数据库（其他窗口可继续工作），连同存档文件写入一个带日期的 .zip，"
                                   "写入后立即打开核验（完整性、各表行数、审计日志链尾），并按设置删除多余的旧备份。")
    p.add_argument("--out", metavar="FILE", help="备份文件（默认为“系统管理 → 备份与恢复”设置的位置中带日期的文件名）")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（先备份当前数据库）",
                       description="先核验备份文件，不完整、已损坏或不是本程序的备份时拒绝并说明原因，不作任何修改；"
                                   "核验通过后先备份当前数据库，再用备份中的数据库替换它并补回存档文件。"
                                   "恢复前请关闭所有程序窗口。")
    p.add_argument("file", metavar="FILE", help="备份文件（zhengwu-backup-日期.zip）")
    p.set_defaults(handler=cmd_restore)


def _progress(done: int, total: int, what: str) -> None:
    print(f"  {what}（{done}/{total}）", flush=True)


def cmd_backup(args) -> int:
    ws = open_workspace(args.data_dir, args.database)
    result = backup.create(system_actor("命令行"), ws.data_dir, args.out)
    info = result.info
    print(f"已备份到 {info.path}（{info.size / 1e6:.1f} MB，{info.rows} 行数据、{info.files} 个存档文件，"
          f"{result.seconds:.1f} 秒）")
    print(f"核验通过：完整性正常，各表行数与审计日志链尾一致；{info.anchor.line()}")
    for path in result.removed:
        print(f"已删除旧备份 {path.name}")
    return 0


def cmd_restore(args) -> int:
    if args.database and not args.database.startswith("sqlite:"):
        raise ServiceError("服务器数据库（PostgreSQL）请由服务器管理员用 pg_restore 恢复；本程序只恢复本机的 SQLite 数据库")
    dd = DataDir(args.data_dir).ensure()
    info = backup.verify(args.file)  # refuse a bad file before anything is opened or changed
    print(f"备份核验通过：{info.created} 生成，{info.rows} 行数据、{info.files} 个存档文件，{info.anchor.line()}")
    if dd.database_file.exists() and dd.database_file.stat().st_size > 0:
        try:
            open_workspace(args.data_dir, args.database)
        except Exception:  # noqa: BLE001 - a damaged or missing database is what restore is for
            pass
    result = backup.restore(system_actor("命令行"), dd, args.file)
    if result.safety_copy:
        print(f"恢复前的数据库已保存到 {result.safety_copy}")
    print(f"已从 {info.path.name} 恢复数据库")
    return 0
