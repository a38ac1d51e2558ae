"""发布审核 on the command line: ``items export``, ``catalogue export``, ``review-form``."""
from __future__ import annotations

from pathlib import Path

from app.actor import system_actor
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("items", help="发布审核登记簿", description="发布审核登记簿（待发布信息）的命令。")
    isub = p.add_subparsers(dest="items_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    e = isub.add_parser("export", help="将登记簿导出为 Excel（.xlsx）",
                        description="将发布审核登记簿导出为 .xlsx 文件，列与程序窗口中的登记簿相同。")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.add_argument("--year", type=int, metavar="YEAR", help="只导出成文日期在该年的信息")
    e.set_defaults(handler=cmd_items_export)

    p = sub.add_parser("catalogue", help="公开目录", description="公开目录（已发布的信息及其索引号）的命令。")
    csub = p.add_subparsers(dest="catalogue_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    e = csub.add_parser("export", help="将某一年的公开目录导出为 Excel（.xlsx）",
                        description="导出某一年发布的全部信息（索引号、编号、标题、类别、发布日期、渠道、网址）。")
    e.add_argument("--year", type=int, required=True, metavar="YEAR", help="发布年度")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.set_defaults(handler=cmd_catalogue_export)

    p = sub.add_parser("review-form", help="打印某条信息的《信息发布审核及保密审查表》（PDF）",
                       description="输出一条信息的审核及保密审查表：公开属性、各环节审核意见、签署人和日期、筛查结果及处理、"
                                   "保密审查结论、协调情况。")
    p.add_argument("--item", required=True, metavar="NUMBER", help="信息编号（或索引号）")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_review_form)


def cmd_items_export(args) -> int:
    from app.publication.export import export_items
    from app.publication.query import ItemFilter
    open_workspace(args.data_dir, args.database)
    n = export_items(system_actor("命令行"), ItemFilter(year=args.year), args.out)
    print(f"已导出 {n} 条信息到 {args.out}")
    return 0


def cmd_catalogue_export(args) -> int:
    from app.publication.export import export_catalogue
    open_workspace(args.data_dir, args.database)
    n = export_catalogue(system_actor("命令行"), args.year, args.out)
    print(f"已导出 {args.year} 年公开目录 {n} 条到 {args.out}")
    return 0


def cmd_review_form(args) -> int:
    from app.publication import form, records
    from db.models import InfoItem
    open_workspace(args.data_dir, args.database)
    row = InfoItem.get_or_none(InfoItem.index_number == args.item.strip())
    item = row or records.by_number(args.item)
    Path(args.out).write_bytes(form.review_form_pdf(system_actor("命令行"), item.id))
    print(f"已输出 {item.number} 的信息发布审核及保密审查表到 {args.out}")
    return 0
