"""文字识别 on the command line: ``ocr --in FILE [--json] [--form]`` reads a scanned picture or a scanner's PDF
offline and prints its text (page by page), its lines with their boxes and confidences, or an application form's
fields."""
from __future__ import annotations

import json
import os

DPI_RANGE = (72, 600)


def register(sub) -> None:
    p = sub.add_parser("ocr", help="文字识别：读出扫描图片或扫描 PDF 中的文字",
                       description="识别扫描图片（JPEG、PNG、TIFF）或扫描件 PDF 中没有文字层的页面，按页输出文字；"
                                   "--json 输出每行文字及其位置（单位为点，自页面左上角量起）和可信度；"
                                   "--form 输出从申请表中识别出的各栏内容。全部在本机完成，不联网。")
    p.add_argument("--in", dest="source", required=True, metavar="FILE", help="扫描件（PDF、JPEG、PNG 或 TIFF）")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="以 JSON 输出各页的行、位置和可信度")
    mode.add_argument("--form", action="store_true", help="按申请表识别各栏，以 JSON 输出")
    p.add_argument("--dpi", type=int, default=None, metavar="DPI",
                   help="PDF 页面转为图像识别时的分辨率（默认 200）")
    p.add_argument("--all-pages", action="store_true", help="PDF 中已有文字层的页面也识别")
    p.set_defaults(handler=cmd_ocr)


def page_as_dict(page) -> dict:
    """One recognised page as plain JSON values (boxes in points from the page's top-left corner)."""
    return {"page": page.number, "width": round(page.width, 2), "height": round(page.height, 2),
            "lines": [{"text": line.text, "confidence": round(line.confidence, 4),
                       "box": [round(v, 2) for v in line.box]} for line in page.lines]}


def cmd_ocr(args) -> int:
    from app.errors import ValidationError
    from app.ocr.pages import DEFAULT_DPI, recognise_file
    dpi = args.dpi or DEFAULT_DPI
    if not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise ValidationError("--dpi", f"应在 {DPI_RANGE[0]} 至 {DPI_RANGE[1]} 之间")
    if not os.path.isfile(args.source):
        raise ValidationError("--in", f"文件“{args.source}”不存在")
    pages = recognise_file(args.source, dpi=dpi, all_pages=args.all_pages)
    if args.form:
        from app.ocr.form import read_form  # the form reader is loaded only when asked for
        fields = read_form(pages)
        print(json.dumps({name: field.as_dict() for name, field in fields.items()}, ensure_ascii=False, indent=2))
    elif args.json:
        print(json.dumps({"file": os.path.basename(args.source), "pages": [page_as_dict(p) for p in pages]},
                         ensure_ascii=False, indent=2))
    else:
        if not pages:
            print("（文件各页均已有文字层，无需识别；如需识别请加 --all-pages）")
        for page in pages:
            print(f"—— 第{page.number}页 ——")
            print(page.text)
    return 0
