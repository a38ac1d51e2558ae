"""区分处理 on the command line: ``redact --in FILE --find TEXT … --box PAGE:X0,Y0,X1,Y1 … --ground GROUND --out FILE``."""
from __future__ import annotations

from app.actor import system_actor
from app.workspace import open_workspace


def register(sub) -> None:
    p = sub.add_parser("redact", help="区分处理：遮盖 PDF 或扫描图片中不予公开的内容，生成公开版本",
                       description="按文字查找（每处出现都遮盖）或按框选位置遮盖内容，生成公开版本（有标记的页面转为图像，"
                                   "不留文字层、批注和原件的文件属性），生成后检查其中不再含有标记的文字；"
                                   "检查不通过或查找的文字不存在时不写出任何文件。")
    p.add_argument("--in", dest="source", required=True, metavar="FILE", help="原件（PDF、JPEG、PNG 或 TIFF）")
    p.add_argument("--find", action="append", default=[], metavar="TEXT", help="要遮盖的文字，可重复")
    p.add_argument("--box", action="append", default=[], metavar="PAGE:X0,Y0,X1,Y1",
                   help="要遮盖的区域：页码和左、上、右、下（单位为点，1/72 英寸，自页面左上角量起），可重复")
    p.add_argument("--ground", required=True, metavar="GROUND",
                   help="不予公开的理由，如 第十五条、个人隐私、国家秘密、第十六条第一款")
    p.add_argument("--note", default="", metavar="TEXT", help="说明（写入区分处理记录）")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="公开版本（PDF）")
    p.add_argument("--log", metavar="FILE.pdf", help="同时输出区分处理记录（PDF）")
    p.add_argument("--dpi", type=int, default=300, metavar="DPI", help="有标记页面的图像分辨率（默认 300）")
    p.set_defaults(handler=cmd_redact)


def cmd_redact(args) -> int:
    from app.errors import ValidationError
    from app.redaction.standalone import redact_file
    if not args.find and not args.box:
        raise ValidationError("--find / --box", "请至少给出一处要遮盖的文字或区域")
    if not 72 <= args.dpi <= 600:
        raise ValidationError("--dpi", "应在 72 至 600 之间")
    open_workspace(args.data_dir, args.database)
    result = redact_file(system_actor("命令行"), args.source, args.find, args.box, args.ground, args.out,
                         note=args.note, log_path=args.log, dpi=args.dpi)
    pages = "、".join(map(str, result["marked_pages"]))
    print(f"已生成公开版本 {args.out}：共{result['pages']}页，遮盖{result['marks']}处（第{pages}页）")
    for line in result["checks"]:
        print(f"  检查：{line}")
    if args.log:
        print(f"区分处理记录：{args.log}")
    return 0
