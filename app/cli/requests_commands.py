"""依申请公开 on the command line: ``demo``, ``requests export``, ``import ledger``, ``notice``."""
from __future__ import annotations

import sys
from pathlib import Path

from app import files
from app.actor import system_actor
from app.errors import ServiceError
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("demo", help="填入演示数据（各模块的真实样例）",
                       description="通过程序的正常办理流程，生成跨越数年的依申请公开演示数据（各种状态和办理结果），"
                                   "并建立演示用户（密码见输出）。空的数据目录中同时建立演示机关和管理员；"
                                   "已有非演示数据（申请、案件、年度报告、其他用户）的数据库不会写入。")
    p.add_argument("--requests", type=int, default=200, metavar="N", help="生成的申请数量（默认200）")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（相同种子生成相同数据，默认1）")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("requests", help="依申请公开登记簿", description="依申请公开登记簿的命令。")
    rsub = p.add_subparsers(dest="requests_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    e = rsub.add_parser("export", help="将登记簿导出为 Excel（.xlsx）", description="将依申请公开登记簿（全部申请）导出为 .xlsx 文件，"
                                                                            "列与程序窗口中的登记簿相同。")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.add_argument("--year", type=int, metavar="YEAR", help="只导出该年收到的申请")
    e.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="导入原有台账", description="导入数据的命令。")
    isub = p.add_subparsers(dest="import_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    i = isub.add_parser("ledger", help="导入原有的依申请公开台账（.xlsx 或 .csv）",
                        description="按默认表头（申请编号、收到日期、申请人类型、申请人、申请内容、办理结果、答复日期、备注 等）"
                                    "导入原有台账。任何一行有问题时列出行号和原因，不导入任何数据；加 --skip-bad 则跳过有问题的行。")
    i.add_argument("file", metavar="FILE", help="台账文件（.xlsx 或 .csv）")
    i.add_argument("--skip-bad", action="store_true", help="跳过有问题的行，只导入其余各行")
    i.set_defaults(handler=cmd_import_ledger)

    from app.requests.documents import kind_names
    p = sub.add_parser("notice", help="打印某件申请的文书（PDF）",
                       description="为指定申请出具文书并保存为 PDF。已出具过的文书直接输出存档的版本（文号不变）。"
                                   "可用的文书种类：" + "、".join(kind_names()))
    p.add_argument("--request", required=True, metavar="NUMBER", help="申请编号")
    p.add_argument("--kind", required=True, metavar="KIND", choices=kind_names(),
                   help="文书种类（中文名称，如 登记回执、不予公开告知书）")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.add_argument("--reissue", action="store_true", help="重新出具（生成新版本，文号不变）")
    p.set_defaults(handler=cmd_notice)


def cmd_demo(args) -> int:
    from app import demo
    open_workspace(args.data_dir, args.database)
    if args.requests < 0:
        raise ServiceError("--requests 不能为负数")
    result = demo.fill(args.requests, args.seed)
    if result.office_created:
        print(f"已建立演示机关“{result.office_created}”和管理员账户 {result.admin_username}")
        print(f"管理员密码：{result.admin_password}　（请记下，不会再次显示）")
    print(f"已生成 {result.requests} 件依申请公开演示数据、{result.review_cases} 件行政复议诉讼案件"
          + (f"，填写了{'、'.join(str(y) for y in result.report_years)}年度报告" if result.report_years else ""))
    for line in result.modules:
        print(f"已生成 {line}")
    if result.users_created:
        from app.requests.demo import PASSWORD
        print(f"已建立演示用户：{'、'.join(result.users_created)}（密码均为 {PASSWORD}）")
    return 0


def cmd_export(args) -> int:
    import datetime as dt

    from app.requests.export import export_xlsx
    from app.requests.query import RegisterFilter
    from app.workdays.schedule import MAX_YEAR, MIN_YEAR
    if args.year is not None and not MIN_YEAR <= args.year <= MAX_YEAR:
        raise ServiceError(f"--year 应为{MIN_YEAR}至{MAX_YEAR}之间的年份")
    open_workspace(args.data_dir, args.database)
    f = RegisterFilter() if args.year is None else RegisterFilter(received_from=dt.date(args.year, 1, 1),
                                                                  received_to=dt.date(args.year, 12, 31))
    n = export_xlsx(system_actor("命令行"), f, args.out, sort="number")
    print(f"已导出 {n} 件申请到 {args.out}")
    return 0


def cmd_import_ledger(args) -> int:
    from app.requests import ledger
    open_workspace(args.data_dir, args.database)
    sheet = ledger.read_file(args.file)
    checked = ledger.check(sheet, ledger.default_mapping(sheet.headers))
    for p in checked.problems:
        print(f"第{p.row}行：{p.reason}", file=sys.stderr)
    if checked.problems and not args.skip_bad:
        raise ServiceError(f"有 {len(checked.bad_rows)} 行有问题，未导入任何数据（修改文件后重试，或加 --skip-bad 跳过这些行）")
    n = ledger.import_rows(system_actor("命令行"), checked, Path(args.file).name, skip_bad=args.skip_bad)
    print(f"已导入 {n} 件申请" + (f"，跳过 {len(checked.bad_rows)} 行" if checked.problems else ""))
    return 0


def cmd_notice(args) -> int:
    from app.requests import documents, records
    open_workspace(args.data_dir, args.database)
    req = records.by_number(args.request)
    existing = documents.latest_issued(req.id, args.kind)
    if existing and not args.reissue:
        pdf = documents.stored_pdf(system_actor("命令行"), existing["id"])
        doc_id, number = existing["id"], existing["doc_number"]
    else:
        out = documents.issue(system_actor("命令行"), req.id, args.kind)
        pdf, doc_id, number = out["pdf"], out["id"], out["doc_number"]
    # the file appears only once its output is recorded (files.deliver)
    files.deliver(args.out, lambda tmp: Path(tmp).write_bytes(pdf),
                  lambda: documents.record_output(system_actor("命令行"), doc_id, "PDF"))
    print(f"已输出 {args.kind}" + (f"（{number}）" if number else "") + f" 到 {args.out}")
    return 0
