"""举报投诉 on the command line: ``complaints export``, ``complaints print``."""
from __future__ import annotations

from pathlib import Path

from app.actor import system_actor
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("complaints", help="举报投诉登记簿", description="举报投诉和政民互动登记簿的命令。")
    csub = p.add_subparsers(dest="complaints_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    e = csub.add_parser("export", help="将登记簿导出为 Excel（.xlsx）",
                        description="将举报投诉登记簿导出为 .xlsx 文件，列与程序窗口中的登记簿相同；"
                                    "不含举报投诉人的姓名、电话、住址和邮箱。")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.add_argument("--year", type=int, metavar="YEAR", help="只导出该年收到的件")
    e.set_defaults(handler=cmd_export)
    pr = csub.add_parser("print", help="打印一件举报投诉的文书（PDF）",
                         description="输出一件举报投诉的答复函，或某月、某季度的办理情况通报（督查通报）。")
    pr.add_argument("--case", metavar="NUMBER", help="举报投诉编号（答复函）")
    pr.add_argument("--kind", required=True, choices=("答复函", "督查通报"), help="文书种类")
    pr.add_argument("--month", metavar="YYYY-MM", help="督查通报：某月，如 2026-03")
    pr.add_argument("--quarter", metavar="YYYY-Q", help="督查通报：某季度，如 2026-1")
    pr.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    pr.set_defaults(handler=cmd_print)


def cmd_export(args) -> int:
    from app.complaints.export import export_cases
    from app.complaints.query import CaseFilter
    open_workspace(args.data_dir, args.database)
    n = export_cases(system_actor("命令行"), CaseFilter(year=args.year), args.out)
    print(f"已导出 {n} 件举报投诉到 {args.out}")
    return 0


def _period(args) -> tuple[str, int, int]:
    from app.errors import ValidationError
    value, kind = (args.month, "month") if args.month else (args.quarter, "quarter")
    try:
        year, n = (int(x) for x in str(value or "").split("-"))
    except ValueError:
        raise ValidationError("期间", "督查通报应给出 --month YYYY-MM 或 --quarter YYYY-Q") from None
    return kind, year, n


def cmd_print(args) -> int:
    from app import files
    from app.complaints import letters, records
    from app.errors import ValidationError
    open_workspace(args.data_dir, args.database)
    actor = system_actor("命令行")
    if args.kind == "答复函":
        if not args.case:
            raise ValidationError("--case", "打印答复函应给出举报投诉编号")
        case = records.by_number(args.case)
        pdf = letters.reply_letter(actor, case.id)
        what = f"{case.number} 的答复函"
    else:
        kind, year, n = _period(args)
        pdf = letters.summary_pdf(actor, kind, year, n)
        what = "督查通报"
    files.deliver(args.out, lambda tmp: Path(tmp).write_bytes(pdf))
    print(f"已输出{what}到 {args.out}")
    return 0
