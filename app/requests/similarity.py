"""Similar Chinese texts: spotting a repeated request (条例第三十六条第（六）项 重复申请) even when worded differently.

Chinese has no spaces, so the texts are compared as sets of character bigrams (punctuation and spaces removed): the
Dice coefficient is 1.0 for the same text and stays high for reordered or lightly edited wording.
"""
from __future__ import annotations

import re
import unicodedata

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
# Words that appear in almost every request and say nothing about what is asked for.
_STOP = ("申请公开", "请求公开", "要求公开", "申请", "公开", "提供", "关于", "相关", "有关", "信息", "政府", "文件",
         "的", "了", "和", "及", "与")


def normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "").lower()
    for w in _STOP:
        t = t.replace(w, " ")
    return _NOISE.sub("", t)


def bigrams(text: str) -> set[str]:
    t = normalise(text)
    if len(t) < 2:
        return {t} if t else set()
    return {t[i:i + 2] for i in range(len(t) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of ``a`` and ``b`` (0..1)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


SIMILAR = 0.5  # at or above: shown to the clerk as a possible repeat

