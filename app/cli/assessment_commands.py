"""考核评议 on the command line: ``export grades`` (the ``export`` group, for exports named by what they export)."""
from __future__ import annotations

from app.actor import system_actor
from app.workspace import open_workspace

FORMATS = ("pdf", "xlsx", "docx")  # as app.assessment.export.FORMATS; not imported, so that --help stays light


def register(sub) -> None:
    p = sub.add_parser("export", help="导出", description="导出文件的命令。")
    esub = p.add_subparsers(dest="export_command", metavar="WHAT", required=True, parser_class=type(p))
    g = esub.add_parser("grades", help="导出某一年度的考核评分表（PDF、Excel 或 Word）",
                        description="导出某一年度考核评议的评分表：PDF 含汇总表和各科室评分表，Excel 含汇总和各科室工作表"
                                    "（合计为公式），Word 为考核结果汇总表（用于通报文件）。")
    g.add_argument("--year", type=int, required=True, metavar="YEAR", help="考核年度")
    g.add_argument("--format", choices=FORMATS, required=True, help="文件格式：pdf、xlsx 或 docx")
    g.add_argument("--out", required=True, metavar="FILE", help="输出文件")
    g.set_defaults(handler=cmd_export_grades)


def cmd_export_grades(args) -> int:
    from app.assessment.export import export_grades
    open_workspace(args.data_dir, args.database)
    result = export_grades(system_actor("命令行"), args.year, args.format, args.out)
    state = "（结果尚未审定）" if result["state"] not in ("approved", "notified") else ""
    print(f"已导出 {result['year']} 年度考核评分表（{result['units']} 个科室）{state}：{args.out}")
    return 0
