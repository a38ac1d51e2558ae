"""Maintenance commands: ``init`` (create or upgrade the database, optionally the first administrator),
``check`` (integrity and the audit chain) and ``smoke`` (open the window offscreen; run by the start-up module)."""
from __future__ import annotations

import sys

from app import audit, files, integrity, office
from app.errors import ServiceError
from app.paths import DB_FILE
from app.workspace import open_workspace
from db.connection import is_sqlite


def register(sub) -> None:
    p = sub.add_parser("init", help="创建或升级数据库（不打开窗口）",
                       description="创建或升级数据库；给出 --admin、--password-file 和 --office 时同时建立机关信息和第一个管理员账户。")
    p.add_argument("--admin", metavar="USER", help="第一个管理员的用户名")
    p.add_argument("--password-file", metavar="FILE", help="存放管理员密码的文件（读取第一行；密码不出现在命令行上）")
    p.add_argument("--office", metavar="NAME", help="机关名称")
    p.add_argument("--admin-name", metavar="NAME", help="管理员姓名（默认“管理员”）")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("check", help="检查数据库完整性、审计日志和审计凭证（只读，不修改任何数据）",
                       description="只读地检查：数据库文件是否完好（PRAGMA integrity_check），审计日志哈希链是否连续，"
                                   "链尾是否与数据库旁的审计凭证、每份备份和给出的报告凭证一致，每条业务记录是否与审计日志"
                                   "最后记录的内容一致。完好时退出码为 0；发现问题为 1；数据库或数据目录无法读取为 2；数据库由更新版本的程序生成为 3。")
    p.add_argument("--anchor", metavar="TEXT", action="append", default=[],
                   help="报告或打印件上的一行“审计凭证：第N条 哈希”，与审计日志比对（可重复）")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("smoke", help="在后台打开主窗口，逐个访问各选项卡后关闭（自检）",
                       description="在不显示的屏幕上打开主窗口，依次访问每个选项卡，关闭后输出“smoke ok 毫秒数”。")
    p.set_defaults(handler=None)  # handled by app/__main__.py, the only module that may import ui


def _read_password(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return fh.readline().rstrip("\r\n")
    except OSError as exc:
        raise ServiceError(f"无法读取密码文件 {path}：{files.os_reason(exc)}") from None
    except UnicodeDecodeError:
        raise ServiceError(f"无法读取密码文件 {path}：不是 UTF-8 编码的文本文件") from None


def cmd_init(args) -> int:
    wanted = [args.admin, args.password_file, args.office]
    if any(wanted) and not all(wanted):
        raise ServiceError("--admin、--password-file 和 --office 须同时给出")
    # read the password first: an unreadable file must not leave a half-set-up database behind
    password = _read_password(args.password_file) if args.admin else None
    ws = open_workspace(args.data_dir, args.database)
    m = ws.migration
    where = ws.data_dir.database_file if is_sqlite() else ws.url.split("@")[-1]
    if m.from_version == 0:
        print(f"已创建数据库 {where}（版本 {m.to_version}）")
    elif ws.upgraded:
        print(f"已将数据库 {where} 从版本 {m.from_version} 升级到 {m.to_version}；升级前的备份：{m.backup_path}")
    else:
        print(f"数据库 {where} 已是最新版本 {m.to_version}")
    for notice in ws.notices:
        print(notice, file=sys.stderr)
    if args.admin:
        if office.is_set_up():
            print("系统已有机关信息和管理员，未新建管理员")
            return 0
        had_profile = office.get_profile() is not None
        actor = office.first_run_setup({**(office.get_profile() or {}), "name": args.office}, args.admin,
                                       args.admin_name or "管理员", password)
        print(f"已{'更新' if had_profile else '建立'}机关“{args.office}”并建立管理员账户 {actor.username}")
    return 0


def cmd_check(args) -> int:
    given = []
    for text in args.anchor:
        anchor = audit.parse_voucher(text)
        if anchor is None:
            raise ServiceError(f"无法识别审计凭证“{text}”（应如：审计凭证：第120条 3f5a9c0d1e2b4a67）")
        given.append(anchor)
    data_dir = args.data_dir
    if args.database and not args.database.startswith("sqlite:"):
        report = integrity.run_server_check(data_dir, args.database, given)
    else:
        report = None
    if report is None and args.database:
        from pathlib import Path
        from db.connection import parse_url
        path = Path(parse_url(args.database).path)
        if path.name != DB_FILE:
            raise ServiceError(f"check 检查数据目录中的 {DB_FILE}；请用 --data-dir 指定它所在的目录")
        data_dir = str(path.parent)
    if report is None:
        report = integrity.run_check(data_dir, given)
    for line in report.notes:
        print(line)
    for line in report.problems:
        print(line, file=sys.stderr)
    print("检查结果：" + ("正常" if report.ok else f"发现 {sum(not p.startswith('  ') for p in report.problems)} 项问题"),
          file=sys.stdout if report.ok else sys.stderr)
    return report.exit_code
