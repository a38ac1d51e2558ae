"""政府信息公开指南 and 公开事项标准目录 on the command line: ``guide``, ``standard-catalogue export|import``."""
from __future__ import annotations

import sys

from app.actor import system_actor
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("guide", help="输出政府信息公开指南（PDF 或 Word）",
                       description="输出本机关的政府信息公开指南：由机关信息、公开目录类别、科室和程序实际执行的依申请公开"
                                   "程序（答复期限、收费、救济途径等设置）生成。最新一版印发后没有变化时输出该版；有变化时"
                                   "输出按现在的信息生成的草稿（标明“草稿（未印发）”）。")
    p.add_argument("--format", choices=("pdf", "docx"), required=True, help="输出格式：pdf 或 docx")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件")
    p.add_argument("--version", type=int, metavar="N", help="输出已印发的第N版")
    p.set_defaults(handler=cmd_guide)

    p = sub.add_parser("standard-catalogue", help="公开事项标准目录",
                       description="公开事项标准目录（每个公开事项及其公开渠道、依据、栏目、主体、内容、方式、时限、电话、"
                                   "责任科室）的命令。")
    ssub = p.add_subparsers(dest="standard_catalogue_command", metavar="SUBCOMMAND", required=True,
                            parser_class=type(p))
    e = ssub.add_parser("export", help="导出为 Excel（.xlsx）",
                        description="导出现行的公开事项标准目录，每个要素一列，第1行为表头；导出的文件可以直接导入。")
    e.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    e.set_defaults(handler=cmd_export)
    i = ssub.add_parser("import", help="从 Excel（.xlsx）导入",
                        description="导入公开事项标准目录（第1行为表头，与导出的文件相同，或县级下发的同样各列）。"
                                    "先检查每一行：有问题的列出行号和原因，不导入任何内容；--skip-bad 跳过有问题的行。"
                                    "新的事项作为“新增”、已有事项的要素变化作为“变更”记入调整记录。")
    i.add_argument("file", metavar="FILE.xlsx", help="要导入的文件")
    i.add_argument("--skip-bad", action="store_true", help="跳过有问题的行，导入其余各行")
    i.set_defaults(handler=cmd_import)


def cmd_guide(args) -> int:
    from app.guide import service
    open_workspace(args.data_dir, args.database)
    doc = service.output(system_actor("命令行"), args.format, args.out, args.version)
    what = f"第{args.version}版" if args.version else ("草稿（未印发）" if doc.status_mark else "最新一版")
    print(f"已输出政府信息公开指南（{what}，{args.format}）：{args.out}")
    return 0


def cmd_export(args) -> int:
    from app.guide import workbook
    open_workspace(args.data_dir, args.database)
    n = workbook.export(system_actor("命令行"), args.out)
    print(f"已导出公开事项标准目录 {n} 项到 {args.out}")
    return 0


def cmd_import(args) -> int:
    from app.guide import workbook
    open_workspace(args.data_dir, args.database)
    actor = system_actor("命令行")
    checked = workbook.check_file(actor, args.file)
    for row, reason in checked.problems:
        print(f"第{row}行：{reason}", file=sys.stderr)
    for row, note in checked.notes:
        print(f"提示：第{row}行：{note}", file=sys.stderr)
    if checked.ignored_headers:
        print("提示：以下各列不是标准目录的要素，未导入：" + "、".join(checked.ignored_headers), file=sys.stderr)
    if checked.problems and not args.skip_bad:
        rows = len({r for r, _ in checked.problems})
        print(f"错误：{args.file} 有 {rows} 行有问题，未导入任何内容（修改后重新导入，或用 --skip-bad 跳过这些行）",
              file=sys.stderr)
        return 1
    result = workbook.import_checked(actor, checked, args.skip_bad)
    print(f"已导入公开事项标准目录：新增 {result['added']} 项，变更 {result['changed']} 项，未变 {result['unchanged']} 项"
          + (f"，跳过 {result['skipped']} 行" if result["skipped"] else ""))
    return 0
