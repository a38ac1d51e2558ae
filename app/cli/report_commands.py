"""``report annual``: the year's 政府信息公开工作年度报告 as PDF, .docx, .xlsx or JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from app import files
from app.actor import system_actor
from app.workspace import open_workspace

FORMATS = ("pdf", "docx", "xlsx", "json")


def register(sub) -> None:
    p = sub.add_parser("report", help="报告", description="生成报告的命令。")
    rsub = p.add_subparsers(dest="report_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    a = rsub.add_parser("annual", help="政府信息公开工作年度报告",
                        description="按国办公开办函〔2021〕30号格式（2019、2020年度按试行格式）生成年度报告；表三由依申请公开"
                                    "登记簿计算，并进行勾稽校验（不一致时在标准错误输出中列出原因，但仍输出报告，数字不作调整）。")
    a.add_argument("--year", type=int, required=True, metavar="YEAR", help="报告年度")
    a.add_argument("--format", choices=FORMATS, required=True, help="输出格式：pdf、docx、xlsx 或 json")
    a.add_argument("--out", required=True, metavar="FILE", help="输出文件")
    a.set_defaults(handler=cmd_annual)


def cmd_annual(args) -> int:
    from app.report import output, service
    open_workspace(args.data_dir, args.database)
    report = service.build(system_actor("命令行"), args.year)
    out = Path(args.out)

    def write(tmp: str) -> None:
        if args.format == "json":
            Path(tmp).write_text(json.dumps(output.to_json(report), ensure_ascii=False, indent=2), encoding="utf-8")
        elif args.format == "pdf":
            Path(tmp).write_bytes(output.to_pdf(report))
        elif args.format == "docx":
            Path(tmp).write_bytes(output.to_docx(report))
        else:
            output.to_xlsx(report, tmp)

    files.deliver(out, write)  # whole or not at all: a full disk leaves no half-written report
    failing = report.table3.check()
    for p in report.table3.problems:
        print(f"提示：申请 {p.number}：{p.reason}", file=sys.stderr)
    if failing:
        print("勾稽校验未通过的列：" + "、".join(failing), file=sys.stderr)
    print(f"已生成{report.year}年度报告（{args.format}）：{out}")
    return 0
