"""Breaking Chinese text into justified lines on a character grid.

GB/T 9704-2012 5.2.2 sets 28 characters to a line: every full-width character advances by one grid pitch (156 mm /
28, a little less than the 16 pt em), half-width Latin letters and digits by their own width. Lines break between any
two Chinese characters but never inside a Latin word or number, never split “——” or “……”, and obey 避头尾
(GB/T 15834-2011 4.1.x/4.2.x): no line starts with a closing mark (，。、；：？！）》”〕…), no line ends with an opening
one (（《“〔…). A number joined by hyphens (a request number “2026-依申请-0076”, a date, a telephone number) is
never split either.

When the next cluster does not fit, it moves to the next line — with the character before a closing mark, which
belongs to its cluster (推出, GB/T 9704-2012 and DOMAIN §8) — and the line is spaced out to the full width. Only when
that would space the line out too far (a long number or word pushed out) and setting one closing mark at half width
(标点挤压) makes the cluster fit, is that mark squeezed; never more than one mark, never on a paragraph's last line,
and only a mark whose glyph's ink lies in the left half of its box, so it keeps its full-width shape. Every line but a
paragraph's last is justified by spreading the leftover space over the gaps between characters.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.printing.fontfiles import LoadedFont
from app.printing.fonts import FontSet

NO_START = frozenset("，。、；：？！）］｝」』》〉〕】〗〙”’·・％‰℃,.;:?!)]}%〃々〆ー゛゜")
NO_END = frozenset("（［｛「『《〈〔【〖〘“‘([{")
# closing punctuation that may be squeezed to half width when its glyph's ink ends in the left half of the em box
# (checked per font: fonts differ, e.g. AR PL UMing draws ” on the right)
SQUEEZABLE = frozenset("，。、；：）］｝」』》〉〕】〗〙”’")
PAIRED = frozenset("—…")  # “——” and “……” are never split
INVISIBLE = frozenset("\r\u200b\u200c\u200d\u2060\ufeff")

# a number joined by hyphens, whose parts may be Chinese: 2026-依申请-0076, 2026-03-06, 0878-3123456
HYPHENATED = re.compile(r"[0-9A-Za-z]+(?:[-‐‑–][0-9A-Za-z\u3400-\u9fff]+)*[-‐‑–][0-9A-Za-z]+")
# 推出 spaces the line out; beyond this much extra space per gap (in character pitches) squeezing one mark is better
LOOSE = 0.25
WIDE, WORD, SPACE = 0, 1, 2
EPS = 1e-6


@dataclass(frozen=True)
class Run:
    x: float  # from the left edge of the text area
    font: LoadedFont
    text: str
    charspace: float  # PDF Tc: added after every character of the run


@dataclass(frozen=True)
class TextLine:
    runs: tuple[Run, ...]
    width: float  # the space the line occupies, from its first to its last character
    squeezed: int = 0  # punctuation marks set at half width (0 or 1)
    full: bool = False  # a justified line that does not end its paragraph: it reaches the full width


def clean(text: str) -> str:
    """Drop characters that print nothing (zero-width marks, variation selectors); tabs become spaces."""
    out = []
    for ch in text.replace("\t", " "):
        code = ord(ch)
        if ch in INVISIBLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
            continue
        out.append(ch)
    return "".join(out)


class _Glyphs:
    """The characters of one paragraph segment with their fonts, advances and classes."""

    def __init__(self, text: str, fonts: FontSet, role: str, size: float, pitch: float):
        self.chars, self.fonts, self.adv, self.gadv, self.kind = [], [], [], [], []
        for ch in text:
            font, drawn = fonts.resolve(role, ch)
            natural = font.advance(drawn) * size
            if ch == " ":
                kind, adv = SPACE, natural
            elif _is_wide(drawn, font):
                kind, adv = WIDE, pitch
            else:
                kind, adv = WORD, natural
            self.chars.append(drawn)
            self.fonts.append(font)
            self.adv.append(adv)
            self.gadv.append(natural)
            self.kind.append(kind)
        self.glued = {i for m in HYPHENATED.finditer(text) for i in range(m.start() + 1, m.end())}

    def __len__(self) -> int:
        return len(self.chars)

    def can_break_before(self, i: int) -> bool:
        prev, cur = self.chars[i - 1], self.chars[i]
        if self.kind[i] == SPACE:
            return False  # a space stays at the end of its line
        if i in self.glued:
            return False
        if cur in NO_START or prev in NO_END:
            return False
        if self.kind[i - 1] == WORD and self.kind[i] == WORD:
            return False
        if cur == prev and cur in PAIRED:
            return False
        return True


_width_cache: dict[str, str] = {}


def _is_wide(ch: str, font: LoadedFont) -> bool:
    eaw = _width_cache.get(ch)
    if eaw is None:
        eaw = _width_cache[ch] = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F"):
        return True
    # ambiguous marks (“”…—①×) are full width in a Chinese font
    return eaw == "A" and font.advance(ch) >= 0.75


def break_text(text: str, fonts: FontSet, role: str, size: float, width: float, *, pitch: float | None = None,
               first_indent: float = 0.0, rest_indent: float = 0.0, align: str = "justify") -> list[TextLine]:
    """Lines of ``text`` (hard breaks at "\\n") for a text area ``width`` wide. ``pitch``: the advance of a
    full-width character (default: the font size)."""
    pitch = size if pitch is None else pitch
    lines: list[TextLine] = []
    for n, segment in enumerate(clean(text).split("\n")):
        glyphs = _Glyphs(segment, fonts, role, size, pitch)
        indent = first_indent if n == 0 else rest_indent
        spans = _spans(glyphs, width - indent, width - rest_indent, pitch)
        for k, (s, e, squeezed) in enumerate(spans):
            ind = indent if k == 0 else rest_indent
            last = k == len(spans) - 1
            lines.append(_layout(glyphs, s, e, squeezed, width - ind, ind, align, last, pitch))
    return lines


def _spans(g: _Glyphs, first_avail: float, rest_avail: float, pitch: float):
    """Greedy line filling over unbreakable clusters: [(start, end, squeezed indices)]."""
    n = len(g)
    if n == 0:
        return [(0, 0, frozenset())]
    clusters, start = [], 0
    for i in range(1, n):
        if g.can_break_before(i):
            clusters.append((start, i))
            start = i
    clusters.append((start, n))
    out = []
    avail = first_avail
    line_s, line_w = None, 0.0
    for s, e in clusters:
        if line_s is None:
            while s < e and g.kind[s] == SPACE and out:  # continuation lines do not start with a space
                s += 1
            if s == e:
                continue
        w = sum(g.adv[s:e])
        tail = _trailing_space(g, s, e)
        if line_s is not None and line_w + w - tail <= avail + EPS:
            line_w += w
            continue
        if line_s is not None:
            squeezed = None
            if e < n and _too_loose(g, line_s, s, avail, pitch):  # never on the paragraph's last line
                squeezed = _squeeze_one(g, line_s, e, line_w + w - tail - avail, pitch)
            if squeezed is not None:
                out.append((line_s, e, squeezed))
                line_s, line_w, avail = None, 0.0, rest_avail
                continue
            out.append((line_s, s, frozenset()))
            avail = rest_avail
        # the cluster starts a line; a cluster longer than a whole line is cut by characters
        while w - tail > avail + EPS and e - s > 1:
            cut, acc = s, 0.0
            while cut < e and acc + g.adv[cut] <= avail + EPS:
                acc += g.adv[cut]
                cut += 1
            cut = max(cut, s + 1)
            out.append((s, cut, frozenset()))
            avail = rest_avail
            s = cut
            w, tail = sum(g.adv[s:e]), _trailing_space(g, s, e)
        line_s, line_w = s, w
    if line_s is not None:
        out.append((line_s, n, frozenset()))
    return out


def _trailing_space(g: _Glyphs, s: int, e: int) -> float:
    w = 0.0
    while e > s and g.kind[e - 1] == SPACE:
        e -= 1
        w += g.adv[e]
    return w


def _gaps(g: _Glyphs, s: int, e: int) -> list[int]:
    """The places in s..e where justification may add space: between characters, not inside a Latin word."""
    return [i for i in range(s + 1, e) if not (g.kind[i - 1] == WORD and g.kind[i] == WORD)]


def _too_loose(g: _Glyphs, s: int, e: int, avail: float, pitch: float) -> bool:
    """Whether the line s..e, spaced out to ``avail``, would open its gaps wider than ``LOOSE`` of a character."""
    while e > s and g.kind[e - 1] == SPACE:
        e -= 1
    gaps = len(_gaps(g, s, e))
    extra = avail - sum(g.adv[s:e])
    return gaps == 0 or extra / gaps > LOOSE * pitch


def _squeeze_one(g: _Glyphs, s: int, e: int, overflow: float, pitch: float):
    """The one closing mark in s..e to set at half width so that the line fits, the last one first; None when one is
    not enough or no mark's glyph fits in half its box."""
    if overflow <= EPS:
        return frozenset()
    if overflow > pitch / 2 + EPS:
        return None
    # not the line's last character: its glyph box would reach past the edge of the text block
    for i in range(e - 2, s - 1, -1):
        if g.chars[i] in SQUEEZABLE and g.kind[i] == WIDE and g.fonts[i].ink_right(g.chars[i]) <= 0.5:
            return frozenset((i,))
    return None


def _layout(g: _Glyphs, s: int, e: int, squeezed, avail: float, indent: float, align: str, last: bool,
            pitch: float) -> TextLine:
    while e > s and g.kind[e - 1] == SPACE:
        e -= 1
    if e <= s:
        return TextLine((), 0.0)
    advs = [pitch / 2 if i in squeezed else g.adv[i] for i in range(s, e)]
    natural = sum(advs)
    extra = avail - natural
    x = indent
    per_gap = 0.0
    stretch: set[int] = set()
    if align == "justify" and not last and e - s > 1 and extra > EPS:
        gaps = _gaps(g, s, e)
        if gaps and extra / len(gaps) <= pitch:  # a line left almost empty by a long word stays ragged
            per_gap = extra / len(gaps)
            stretch = set(gaps)
    elif align == "center":
        x += extra / 2
    elif align == "right":
        x += extra
    xs = []
    for k, i in enumerate(range(s, e)):
        if i in stretch:
            x += per_gap
        xs.append(x)
        x += advs[k]
    m = e - s
    runs: list[Run] = []
    k0, run_cs = 0, None
    for k in range(1, m):
        gap = xs[k] - xs[k - 1] - g.gadv[s + k - 1]
        if g.fonts[s + k] is g.fonts[s + k0] and (run_cs is None or abs(gap - run_cs) <= 1e-4):
            run_cs = gap
            continue
        runs.append(Run(xs[k0], g.fonts[s + k0], "".join(g.chars[s + k0:s + k]), run_cs or 0.0))
        k0, run_cs = k, None
    runs.append(Run(xs[k0], g.fonts[s + k0], "".join(g.chars[s + k0:e]), run_cs or 0.0))
    return TextLine(tuple(runs), x - xs[0], len(squeezed), align == "justify" and not last)


def text_width(text: str, fonts: FontSet, role: str, size: float, pitch: float | None = None) -> float:
    """The width ``text`` takes on one line (no justification)."""
    pitch = size if pitch is None else pitch
    g = _Glyphs(clean(text), fonts, role, size, pitch)
    return sum(g.adv)


def widest_word(text: str, fonts: FontSet, role: str, size: float, pitch: float | None = None) -> float:
    """The width of the widest piece of ``text`` that is never broken (a number, an e-mail address, a Latin word,
    a character with the marks it carries)."""
    pitch = size if pitch is None else pitch
    widest = 0.0
    for segment in clean(text).split("\n"):
        g = _Glyphs(segment, fonts, role, size, pitch)
        start = 0
        for i in range(1, len(g) + 1):
            if i == len(g) or g.can_break_before(i):
                widest = max(widest, sum(g.adv[start:i]) - _trailing_space(g, start, i))
                start = i
    return widest


def shifted(line: TextLine, dx: float) -> TextLine:
    return TextLine(tuple(Run(r.x + dx, r.font, r.text, r.charspace) for r in line.runs), line.width)
