"""Putting laid-out lines onto a ReportLab canvas."""
from __future__ import annotations

from app.printing.linebreak import TextLine

FAKE_BOLD_STROKE = 0.035  # of the font size: the outline stroke that makes a regular face look bold


def draw_line(canvas, line: TextLine, x: float, baseline: float, size: float, color=None,
              fake_bold: bool = False) -> None:
    """Draw one line; ``x`` is the left edge of its text area. Fake bold strokes the glyph outlines too (PDF text
    render mode 2) — used where the bold face of a Chinese font does not exist."""
    if not line.runs:
        return
    styled = color is not None or fake_bold
    if styled:  # colour and line width are graphics state: keep them from leaking into what follows
        canvas.saveState()
        if color is not None:
            canvas.setFillColorRGB(*color)
            canvas.setStrokeColorRGB(*color)
        if fake_bold:
            canvas.setLineWidth(size * FAKE_BOLD_STROKE)
    text = canvas.beginText()
    if fake_bold:
        text.setTextRenderMode(2)
    for run in line.runs:
        text.setTextOrigin(x + run.x, baseline)
        text.setFont(run.font.name, size)
        text.setCharSpace(run.charspace)
        text.textOut(run.text)
    canvas.drawText(text)
    if styled:
        canvas.restoreState()
