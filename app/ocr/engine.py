"""The one interface to the recognition engine, so that it can be replaced.

Today's engine is RapidOCR (``rapidocr-onnxruntime``: PP-OCRv4 Chinese detection and recognition models shipped inside
the wheel, run by onnxruntime on the CPU; nothing is downloaded at run time). Everything else in the program sees only
``recognise`` and its ``Line`` results. Positions are in points (1/72 inch) from the page's top-left corner, the same
space as ``app.redaction.source``, so that a recognised word can be marked for redaction where it lies.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from app.errors import ServiceError

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the page's top-left corner


@dataclass(frozen=True)
class Line:
    """One recognised line of text: its box, its text, the engine's confidence (0-1) and one box per character of
    ``text`` (``len(char_boxes) == len(text)``; empty when the engine gave none)."""
    box: Box
    text: str
    confidence: float
    char_boxes: tuple[Box, ...] = ()


ENGINE_NAME = "RapidOCR"


def engine_version() -> str:
    """The engine's version, kept with every stored text layer (a later engine may read a scan better)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("rapidocr-onnxruntime")
    except PackageNotFoundError:
        return ""


_lock = threading.Lock()
_engine = None


def _load():
    global _engine
    with _lock:
        if _engine is None:
            # OpenCV's wheel points Qt at its own plug-ins when imported (QT_QPA_PLATFORM_PLUGIN_PATH, QT_QPA_FONTDIR);
            # the window's Qt must keep its own, so the environment is put back as it was.
            saved = {k: v for k, v in os.environ.items() if k.startswith("QT_")}
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # the wheel is a dependency; a broken install is told plainly
                raise ServiceError(f"文字识别组件未安装或已损坏（rapidocr-onnxruntime）：{exc}") from exc
            finally:
                for key in [k for k in os.environ if k.startswith("QT_")]:
                    if key not in saved:
                        del os.environ[key]
                os.environ.update(saved)
            _engine = RapidOCR()
        return _engine


def _quad_box(quad, scale: float) -> Box:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return (min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale)


def recognise(image, dpi: float) -> list[Line]:
    """The lines of text on one page picture (a PIL image scanned or rendered at ``dpi``), top to bottom."""
    import numpy as np

    engine = _load()
    picture = np.asarray(image.convert("RGB"))
    with _lock:  # one recognition at a time: the engine's sessions are not shared between threads
        result, _ = engine(picture, return_word_box=True)
    scale = 72.0 / float(dpi)
    lines = []
    for item in result or ():
        quad, text, confidence = item[0], str(item[1]), float(item[2])
        chars = tuple(_quad_box(q, scale) for q in item[3]) if len(item) > 3 and item[3] else ()
        if len(chars) != len(text):
            chars = ()
        lines.append(Line(_quad_box(quad, scale), text, confidence, chars))
    lines.sort(key=lambda l: (round(l.box[1] / 4), l.box[0]))
    return lines
