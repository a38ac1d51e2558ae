"""Working days and deadlines on the command line: ``deadline`` (compute a due date with its explanation),
``calendar import FILE`` and ``calendar show YEAR``."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from app.actor import system_actor
from app.workdays import calendar as workcal
from app.workdays import service
from app.workdays.calendar import SOURCE_DETAILS, SOURCES, check_year
from app.workdays.deadlines import due_date
from app.workdays.schedule import ScheduleError, weekday_name
from app.workspace import open_workspace


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”无效，应写作 2026-03-07") from None


def _stop(text: str) -> tuple[dt.date, dt.date]:
    first, sep, last = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"中止计时“{text}”应写作 开始日期:结束日期，如 2026-03-10:2026-03-20")
    return _date(first), _date(last)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 0:
        raise argparse.ArgumentTypeError("工作日数不能为负数")
    return value


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"“{text}”不是四位数的年份")
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("deadline", help="计算法定期限（工作日），并说明计算过程",
                       description="按工作日计算期限：自收到申请的次日起计算（条例第三十三条），中止计时期间的工作日"
                                   "不计入（条例第三十二条等），延长的工作日接在原期限之后。")
    p.add_argument("--received", required=True, type=_date, metavar="DATE", help="收到申请的日期，如 2026-03-07")
    p.add_argument("--days", type=_count, default=20, metavar="N", help="期限的工作日数（默认 20）")
    p.add_argument("--stop", type=_stop, action="append", default=[], metavar="FIRST:LAST",
                   help="中止计时的起止日期（含首尾两天），可重复给出，如 2026-03-10:2026-03-20")
    p.add_argument("--extension", type=_count, default=0, metavar="N", help="延长的工作日数（默认 0）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（含 due、provisional、provisional_years、steps）")
    p.set_defaults(handler=cmd_deadline)

    p = sub.add_parser("calendar", help="节假日安排：导入、查看",
                       description="维护工作日历：导入国务院办公厅节假日安排通知（文本或 JSON 文件），或查看某一年的安排。")
    cal_sub = p.add_subparsers(dest="calendar_command", metavar="ACTION", parser_class=type(p))
    cal_sub.required = True
    q = cal_sub.add_parser("import", help="从文本或 JSON 文件导入一年的节假日安排",
                           description="导入一年的节假日安排（格式见 README“节假日安排文件”），并重新计算所有未办结的期限。"
                                       "文件有误时指出行号和原因，不做任何修改。")
    q.add_argument("file", metavar="FILE", help="节假日安排文件")
    q.set_defaults(handler=cmd_import)
    q = cal_sub.add_parser("show", help="显示某一年的休息日、调休上班日及其来源",
                           description="列出某一年的节假日和调休上班日、数据来源，以及这一年的日历是官方的还是暂定的。")
    q.add_argument("year", type=_year, metavar="YEAR", help="年份，如 2026")
    q.set_defaults(handler=cmd_show)


def cmd_deadline(args) -> int:
    open_workspace(args.data_dir, args.database)
    deadline = due_date(args.received, args.days, args.stop, args.extension)
    if args.json:
        print(json.dumps(deadline.to_dict(), ensure_ascii=False, indent=2))
        return 0
    status = ("暂定（" + "、".join(f"{y}年" for y in deadline.provisional_years) + "节假日安排尚未录入）"
              if deadline.provisional else "官方日历")
    print(f"期限：{deadline.due.isoformat()}（{weekday_name(deadline.due)}）　{status}")
    print("计算过程：")
    for i, step in enumerate(deadline.steps, start=1):
        print(f"  {i}. {step}")
    return 0


def cmd_import(args) -> int:
    open_workspace(args.data_dir, args.database)
    try:
        result = service.import_file(system_actor("命令行"), args.file)
    except ScheduleError as err:
        print(f"错误：文件 {args.file} 有{len(err.problems)}处问题，未导入任何内容：", file=sys.stderr)
        for where, reason in err.problems:
            print(f"  {where}：{reason}" if where else f"  {reason}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def cmd_show(args) -> int:
    open_workspace(args.data_dir, args.database)
    year = args.year
    check_year(year)
    cal = workcal.current()
    source = cal.source_of(year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    official = "官方" if cal.is_official(year) else "暂定"
    print(f"{year}年：{official}日历，来源：{SOURCES[source]}")
    stored = service.get_year(year)
    if stored is not None:
        who = stored.entered_by or "系统"
        print(f"  《{stored.schedule.title}》，{who}于 {stored.entered_at:%Y-%m-%d %H:%M} {SOURCES[source]}")
    else:
        print("  " + SOURCE_DETAILS[source])
    print(f"  全年工作日：{cal.count_between(first.toordinal() - 1, last.toordinal())}天")
    print("节假日（休息）：")
    for name, a, b in cal.holiday_runs(first, last):
        days = b.toordinal() - a.toordinal() + 1
        span = a.isoformat() if a == b else f"{a.isoformat()}至{b:%m-%d}"
        print(f"  {name}　{span}（{days}天）")
    makeup = cal.makeup_days(first, last)
    print("调休上班日：" + ("" if makeup else "无"))
    for day, name in makeup:
        print(f"  {day.isoformat()}（{weekday_name(day)}，{name}）")
    return 0
