"""The grounds a mark carries (条例第十四、十五、十六条) and the 区分处理记录 printed through the document engine."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from app.errors import ValidationError
from app.redaction import grounds, log
from app.redaction.release import Mark
from app.redaction.source import Rect


@pytest.mark.parametrize("typed, code", [
    ("第十五条", "refuse_4"), ("个人隐私", "refuse_4"), ("商业秘密", "refuse_4"), ("国家秘密", "refuse_1"),
    ("refuse_7", "refuse_7"), ("第十六条第一款", "refuse_5"), ("属于四类过程性信息", "refuse_6"),
    ("条例第十五条", "refuse_4"), (" 第十五条 ", "refuse_4"),
])
def test_parse(typed, code):
    assert grounds.parse(typed).code == code


@pytest.mark.parametrize("typed, reason", [
    ("第十四条", "有几种情形"), ("第十六条", "有几种情形"), ("第十六条第二款", "有几种情形"), ("随便", "不是不予公开的理由"),
    ("", "请选择"),
])
def test_parse_refuses(typed, reason):
    with pytest.raises(ValidationError, match=reason):
        grounds.parse(typed)


def test_every_ground_is_a_withholding_ground_of_the_outcome_taxonomy():
    from app.requests import catalog
    assert set(grounds.GROUNDS) == set(catalog.WITHHOLDING_GROUNDS)
    assert {g.article for g in grounds.GROUNDS.values()} == {"第十四条", "第十五条", "第十六条第一款", "第十六条第二款"}


def test_log_lists_every_mark_with_page_position_ground_who_and_when(tmp_path):
    from app.printing.fonts import font_report  # noqa: F401 - the engine's fonts must be available
    from pdfminer.high_level import extract_text
    marks = (Mark(Rect(2, 72, 100, 300, 116), "refuse_4", "申请人以外的个人", "110101199003074514", "search"),
             Mark(Rect(3, 72, 130, 200, 160), "refuse_6", "手写签名"),
             Mark(Rect(2, 72, 300, 140, 320), "refuse_1"))
    data = log.LogData("审批表.pdf", "a" * 64, "审批表（公开版本）.pdf", "b" * 64, 5, marks, "张明",
                       dt.datetime(2026, 6, 30, 10, 5), ("检查通过",), office="某县人民政府办公室")
    pdf = log.render(data)
    text = "".join(extract_text(io.BytesIO(pdf)).split())
    for expected in ("区分处理记录", "审批表.pdf", "第2页", "第3页", "条例第十五条（保护第三方合法权益）",
                     "条例第十六条第二款（属于四类过程性信息）", "条例第十四条（属于国家秘密）", "手写签名", "张明",
                     "2026-06-3010:05", "距左25毫米、距上35毫米"):
        assert expected in text
    table = next(b for b in log.document(data).blocks if hasattr(b, "rows"))
    assert [(row[1].text, row[2].split("，")[0]) for row in table.rows[1:]] == [  # by page, then top to bottom
        ("第2页", "距左25毫米、距上35毫米"), ("第2页", "距左25毫米、距上106毫米"), ("第3页", "距左25毫米、距上46毫米")]
    assert b"/FontFile" in pdf  # fonts embedded
