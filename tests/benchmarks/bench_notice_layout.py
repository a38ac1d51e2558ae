"""How the notices lie on paper (issue 8, items 11 and 12), over every notice of 60 demo requests.

Not timings: counts of the line breaker's and the page breaker's results. ``squeezed`` — full lines (not a
paragraph's last) that set a punctuation mark at half width; ``loosest`` — the widest extra space between two
characters of a justified line, in characters; ``masthead`` — notices that fit one page without the office's
masthead but take two with it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile

from tests.benchmarks.common import result

REQUESTS = 60


def _notices():
    from app.requests import documents
    from db.models import Request
    for req in Request.select():
        for name, why in documents.available_kinds(req.id):
            if why or documents.KINDS[name].addressee == "none":  # the forms are tables
                continue
            number = "某政公开〔2026〕12号" if documents.KINDS[name].uses_number else None
            yield documents.compose(name, documents.context(req, name), number)


def run() -> list[dict]:
    from app import clock, demo, files
    from app.printing.compose import Composer, TextBox, paginated
    from app.printing.fonts import fontset
    from app.printing.geometry import PITCH, SIZE_3
    from db import migrations
    from db.connection import close_database, open_database, sqlite_url

    clock.freeze(dt.datetime(2026, 11, 20, 10))
    fonts = fontset({})
    full = squeezed = notices = masthead = 0
    loosest = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(sqlite_url(os.path.join(tmp, "bench.db")))
        migrations.migrate(db, backup=False)
        files.configure(os.path.join(tmp, "files"))
        demo.fill(REQUESTS)
        for doc in _notices():
            notices += 1
            for box in Composer(fonts).compose(dataclasses.replace(doc, heading=None)):
                line = getattr(box, "line", None)
                if isinstance(box, TextBox) and line.full:
                    full += 1
                    squeezed += line.squeezed > 0
                    # a run of Chinese characters: each advances by its glyph plus Tc, one grid pitch when set solid
                    gaps = [r.charspace + r.font.advance(r.text[0]) * SIZE_3 - PITCH for r in line.runs
                            if len(r.text) > 1 and ord(r.text[0]) > 0x2E80]
                    loosest = max([loosest] + [g / PITCH for g in gaps])
            plain = len(paginated(dataclasses.replace(doc, heading=None), fonts))
            masthead += plain == 1 and len(paginated(dataclasses.replace(doc, heading="青山县人民政府办公室"), fonts)) > 1
        close_database()
    clock.freeze(None)
    return [
        result(f"排版：标点挤压的整行（{notices} 份告知书的 {full} 个整行中）", squeezed, "行", 0),
        result("排版：两端对齐时字间最大加宽", round(loosest, 3), "字", 0.25),
        result(f"排版：加版头后由一页变两页的告知书（{notices} 份中）", masthead, "份", None),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
