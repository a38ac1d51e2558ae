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


def test_kinsoku_pushes_a_character_out_rather_than_squeezing_marks(fs):
    """DOMAIN §8: a comma that would start a line takes the character before it along (推出), and the line is spaced
    out; the two earlier commas are not squeezed to let a 29th character in."""
    text = "公" * 5 + "，" + "公" * 5 + "，" + "公" * 16 + "。" + "开" * 10
    lines = break_text(text, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)
    assert _texts(lines)[0] == "公" * 5 + "，" + "公" * 5 + "，" + "公" * 15
    assert lines[0].squeezed == 0 and lines[0].full
    assert lines[0].width == pytest.approx(BLOCK_WIDTH)
    assert _texts(lines)[1].startswith("公。")


def _word_that_overflows_by_less_than_half_a_character(fs, prefix):
    """A Latin word that, after ``prefix``, overflows the line by less than half a character."""
    start = text_width(prefix, fs, "body", 16, PITCH)
    for n in range(1, 80):
        over = start + text_width("x" * n, fs, "body", 16, PITCH) - BLOCK_WIDTH
        if 0 < over < PITCH / 2:
            return "x" * n
    pytest.skip("this font's Latin widths give no such word")


def test_squeezing_one_mark_is_the_last_resort(fs):
    """Pushing a long word out would leave the line with wide gaps: one closing mark is squeezed instead — never
    more than one, and never on a paragraph's last line."""
    prefix = "公" * 9 + "，" + "公" * 9
    word = _word_that_overflows_by_less_than_half_a_character(fs, prefix)
    lines = break_text(prefix + word + "开" * 10, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)
    assert _texts(lines)[0] == prefix + word and lines[0].squeezed == 1
    assert lines[0].width <= BLOCK_WIDTH + 0.01
    last = break_text(prefix + word, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)  # the word ends the paragraph
    assert _texts(last) == [prefix, word] and all(line.squeezed == 0 for line in last)
    no_mark = "公" * 19  # nothing to squeeze: the word is pushed out
    lines = break_text(no_mark + word + "开" * 10, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)
    assert _texts(lines)[0] == no_mark and lines[0].squeezed == 0


def test_squeezed_mark_keeps_its_full_width_glyph(fs):
    """The squeezed mark is the full-width character itself, its ink inside the half box — not a Latin ','."""
    prefix = "公" * 9 + "，" + "公" * 9
    word = _word_that_overflows_by_less_than_half_a_character(fs, prefix)
    line = break_text(prefix + word + "开" * 10, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH)[0]
    text = "".join(r.text for r in line.runs)
    assert "，" in text and "," not in text
    font = fs.resolve("body", "，")[0]
    assert font.ink_right("，") <= 0.5


@pytest.mark.parametrize("number", ["2026-依申请-0076", "0878-3123456", "2026-03-06"])
def test_numbers_joined_by_hyphens_are_never_split(fs, number):
    for k in range(18, 28):
        texts = _texts(break_text("公" * k + number + "开" * 30, fs, "body", 16, BLOCK_WIDTH, pitch=PITCH))
        assert any(number in t for t in texts), (k, texts)
