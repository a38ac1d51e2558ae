"""The line breaker on its own: grid pitch, Latin words kept whole, 避头尾, punctuation squeezing."""
import pytest

from app.printing.fonts import fontset
from app.printing.geometry import BLOCK_WIDTH, PITCH
from app.printing.linebreak import NO_END, NO_START, break_text, clean, text_width


@pytest.fixture(scope="module")
def fs():
    return fontset({})


def _texts(lines):
    return ["".join(r.text for r in line.runs) for line in lines]


def test_28_han_characters_fill_one_line(fs):
    lines = break_text("公" * 56, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)
    assert _texts(lines) == ["公" * 28] * 2
    assert lines[0].width == pytest.approx(BLOCK_WIDTH)


def test_latin_words_and_numbers_are_not_split(fs):
    text = "公" * 25 + "http://www.example.gov.cn 网站"
    texts = _texts(break_text(text, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH))
    assert any(t.startswith("http://www.example.gov.cn") for t in texts)


@pytest.mark.parametrize("text", [
    "公" * 27 + "（二）" + "开" * 5,
    "公" * 28 + "。" + "开" * 5,
    "公" * 27 + "“引号”" + "开" * 5,
    "公" * 26 + "——破折号" + "开" * 30,
    "公" * 26 + "《条例》第三十六条，" * 5,
])
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(fs, text):
    texts = _texts(break_text(text, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH))
    assert "".join(texts) == text
    for t in texts:
        assert t[0] not in NO_START and t[-1] not in NO_END, texts
    assert not any(t.endswith("—") and nxt.startswith("—") for t, nxt in zip(texts, texts[1:]))


def test_hard_breaks_and_invisible_characters(fs):
    assert clean("a\u200bb\tc\ufe00") == "ab c"
    assert _texts(break_text("第一行\n第二行", fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)) == ["第一行", "第二行"]


def test_widths(fs):
    assert text_width("公开", fs, "body", 16, PITCH) == pytest.approx(2 * PITCH)
    assert text_width("12", fs, "body", 16, PITCH) < PITCH * 1.5
