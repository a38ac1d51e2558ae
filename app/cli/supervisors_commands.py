"""监督员 on the command line: ``supervisors roster``, ``supervisors opinions export``, ``supervisors opinion-sheet``,
``supervisors access-log export``."""
from __future__ import annotations

from pathlib import Path

from app.actor import system_actor
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("supervisors", help="政务公开监督员", description="监督员名册、监督意见和档案查阅记录的命令。")
    ssub = p.add_subparsers(dest="supervisors_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    r = ssub.add_parser("roster", help="输出监督员名册（备案用 PDF 或 Excel）",
                        description="输出监督员名册：PDF 为报区政务公开工作领导小组备案的在任监督员名册（姓名、性别、联系方式等）；"
                                    "xlsx 为全部监督员（含已离任）。")
    r.add_argument("--format", required=True, choices=("pdf", "xlsx"), help="pdf 或 xlsx")
    r.add_argument("--out", required=True, metavar="FILE", help="输出文件")
    r.set_defaults(handler=cmd_roster)

    o = ssub.add_parser("opinions", help="监督意见登记簿", description="监督意见登记簿的命令。")
    osub = o.add_subparsers(dest="opinions_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    e = osub.add_parser("export", help="将监督意见登记簿导出为 Excel（.xlsx）",
                        description="导出全部监督意见：登记、转办、反馈、通报各环节的情况。")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.add_argument("--year", type=int, metavar="YEAR", help="只导出该年收到的意见")
    e.set_defaults(handler=cmd_opinions_export)

    s = ssub.add_parser("opinion-sheet", help="打印某件监督意见的办理单（PDF）",
                        description="输出一件监督意见的《政务公开监督意见办理单》。")
    s.add_argument("--opinion", required=True, metavar="NUMBER", help="监督意见编号")
    s.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    s.set_defaults(handler=cmd_opinion_sheet)

    a = ssub.add_parser("access-log", help="档案查阅记录", description="监督员档案查阅记录的命令。")
    asub = a.add_subparsers(dest="access_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    e = asub.add_parser("export", help="将档案查阅记录导出为 Excel（.xlsx）",
                        description="导出每一次打开记录、查看或打印文书的记录（时间、查阅人、档案类别、记录、文书）。")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.set_defaults(handler=cmd_access_export)


def cmd_roster(args) -> int:
    from app.supervisors import documents
    open_workspace(args.data_dir, args.database)
    actor = system_actor("命令行")
    if args.format == "pdf":
        Path(args.out).write_bytes(documents.roster_pdf(actor))
        print(f"已输出监督员名册到 {args.out}")
    else:
        n = documents.roster_xlsx(actor, args.out)
        print(f"已导出 {n} 名监督员到 {args.out}")
    return 0


def cmd_opinions_export(args) -> int:
    from app.supervisors import documents
    from app.supervisors.query import OpinionFilter
    open_workspace(args.data_dir, args.database)
    n = documents.export_opinions(system_actor("命令行"), OpinionFilter(year=args.year), args.out)
    print(f"已导出 {n} 件监督意见到 {args.out}")
    return 0


def cmd_opinion_sheet(args) -> int:
    from app.errors import NotFound
    from app.supervisors import documents
    from db.models import Opinion
    open_workspace(args.data_dir, args.database)
    row = Opinion.get_or_none(Opinion.number == args.opinion.strip())
    if row is None:
        raise NotFound(f"没有编号为“{args.opinion}”的监督意见")
    Path(args.out).write_bytes(documents.handling_sheet_pdf(system_actor("命令行"), row.id))
    print(f"已输出 {row.number} 的监督意见办理单到 {args.out}")
    return 0


def cmd_access_export(args) -> int:
    from app.supervisors import archive
    open_workspace(args.data_dir, args.database)
    n = archive.export_log(system_actor("命令行"), archive.AccessFilter(), args.out)
    print(f"已导出 {n} 条档案查阅记录到 {args.out}")
    return 0
