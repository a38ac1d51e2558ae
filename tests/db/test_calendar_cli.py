"""``deadline``, ``calendar import`` and ``calendar show`` as an administrator would type them."""
import json

import pytest

from app.resources import resource
from tests.db.test_cli import run

YEAR_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（测试用）
年份: 2027
元旦: 2027-01-01 至 2027-01-07; 上班 2027-01-09
春节: 2027-02-05 至 2027-02-11; 上班 2027-02-20
"""


@pytest.fixture
def data(tmp_path):
    return str(tmp_path / "data")


def deadline_json(data, *args):
    r = run("--data-dir", data, "deadline", *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_done_when_official_provisional_then_imported(data, tmp_path):
    out = deadline_json(data, "--received", "2026-03-07")
    assert out["due"] == "2026-04-03" and out["provisional"] is False and out["provisional_years"] == []
    assert out["steps"][0] == "收到申请 2026-03-07（星期六，休息日）"

    out = deadline_json(data, "--received", "2026-12-15")
    assert out["due"] == "2027-01-13" and out["provisional"] is True and out["provisional_years"] == [2027]
    assert any("2027年" in s and "暂定" in s for s in out["steps"])

    path = tmp_path / "2027.txt"
    path.write_text(YEAR_2027, encoding="utf-8")
    r = run("--data-dir", data, "calendar", "import", str(path))
    assert r.returncode == 0, r.stderr
    assert "2027年节假日安排已保存（导入，共16天）" in r.stdout

    out = deadline_json(data, "--received", "2026-12-15")
    assert out["provisional"] is False and out["due"] == "2027-01-18"  # follows the imported 元旦 01-01..07
    assert "跳过 元旦 2027-01-01至01-07" in out["steps"]


def test_text_output_stops_and_extension(data):
    r = run("--data-dir", data, "deadline", "--received", "2026-03-06", "--days", "20",
            "--stop", "2026-03-09:2026-03-13", "--stop", "2026-03-12:2026-03-13", "--extension", "20")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("期限：2026-05-13（星期三）　官方日历")
    assert "中止计时 2026-03-09至03-13（5个工作日不计入）" in r.stdout
    assert "延长20个工作日" in r.stdout


@pytest.mark.parametrize("args,message", [
    (["--received", "2026-02-30"], "日期“2026-02-30”无效"),
    (["--received", "2026-03-07", "--stop", "2026-03-10"], "应写作 开始日期:结束日期"),
    (["--received", "2026-03-07", "--stop", "2026-03-10:2026-03-01"], "开始日期 2026-03-10 晚于结束日期 2026-03-01"),
    (["--received", "2026-03-07", "--days", "-3"], "不能为负数"),
])
def test_deadline_input_errors_are_chinese(data, args, message):
    r = run("--data-dir", data, "deadline", *args)
    assert r.returncode != 0
    assert message in r.stderr and "Traceback" not in r.stderr


def test_bad_import_names_the_line_and_changes_nothing(data, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("年份: 2027\n元旦: 2027-01-01\n春节: 2027-02-05 至 2027-02-11; 上班 2027-02-03\n",
                    encoding="utf-8")
    r = run("--data-dir", data, "calendar", "import", str(path))
    assert r.returncode == 1
    assert "第3行：调休上班日 2027-02-03 是星期三，调休上班日应为周六或周日" in r.stderr
    assert "未导入任何内容" in r.stderr
    r = run("--data-dir", data, "calendar", "show", "2027")
    assert r.returncode == 0 and "2027年：暂定日历" in r.stdout
    r = run("--data-dir", data, "calendar", "import", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "无法读取节假日安排文件" in r.stderr


def test_show_lists_rest_days_makeup_days_and_source(data):
    r = run("--data-dir", data, "calendar", "show", "2026")
    assert r.returncode == 0, r.stderr
    assert "2026年：官方日历，来源：程序内置" in r.stdout
    assert "春节　2026-02-15至02-23（9天）" in r.stdout
    assert "2026-02-28（星期六，春节）" in r.stdout
    r = run("--data-dir", data, "calendar", "import", str(resource("calendars/2026.txt")))
    assert r.returncode == 0, r.stderr
    r = run("--data-dir", data, "calendar", "show", "2026")
    assert "来源：导入" in r.stdout and "《国务院办公厅关于2026年部分节假日安排的通知》" in r.stdout
    r = run("--data-dir", data, "calendar", "show", "2031")
    assert "2031年：暂定日历" in r.stdout and "调休上班日：无" in r.stdout
    r = run("--data-dir", data, "calendar", "show", "31")
    assert r.returncode != 0 and "不是四位数的年份" in r.stderr


@pytest.mark.parametrize("command", [["deadline"], ["calendar"], ["calendar", "import"], ["calendar", "show"]])
def test_help(command):
    r = run(*command, "--help")
    assert r.returncode == 0 and "用法" in r.stdout


def test_show_provisional_year_lists_in_lieu_days_and_says_why(data):
    r = run("--data-dir", data, "calendar", "show", "2027")
    assert r.returncode == 0, r.stderr
    assert "2027年：暂定日历，来源：暂定" in r.stdout
    assert "补假（《全国年节及纪念日放假办法》第六条）" in r.stdout
    assert "春节（补假）　2027-02-09至02-10（2天）" in r.stdout
    assert "国庆节（补假）　2027-10-04至10-05（2天）" in r.stdout


@pytest.mark.parametrize("args", [
    ["deadline", "--received", "1999-12-31"],
    ["deadline", "--received", "2100-12-20"],
    ["calendar", "show", "1999"],
    ["calendar", "show", "2101"],
])
def test_one_year_range_everywhere(data, args):
    r = run("--data-dir", data, *args)
    assert r.returncode == 1
    assert "2000—2100年" in r.stderr and "Traceback" not in r.stderr


def test_schedule_file_outside_the_range_is_refused_with_the_same_range(data, tmp_path):
    path = tmp_path / "2101.txt"
    path.write_text("年份: 2101\n元旦: 2101-01-01\n", encoding="utf-8")
    r = run("--data-dir", data, "calendar", "import", str(path))
    assert r.returncode == 1 and "2000至2100" in r.stderr and "Traceback" not in r.stderr
