"""Printed documents: plain data (``document``) turned into GB/T 9704-2012 PDFs and .docx files.

``render_pdf(doc) -> bytes``, ``render_docx(doc) -> bytes`` and ``font_report() -> list[dict]`` are the façade the
modules call. They are imported on first use: ``app.printing.document`` (which every module imports) must stay light,
without ReportLab or python-docx.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "render_pdf": "app.printing.pdf",
    "render_docx": "app.printing.docx",
    "font_report": "app.printing.fonts",
    "substitute_notice": "app.printing.fonts",
    "sample_letter": "app.printing.samples",
    "sample_form": "app.printing.samples",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'app.printing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
