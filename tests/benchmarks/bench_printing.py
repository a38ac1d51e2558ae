"""Printing speed (issue 3): one one-page notice in ≤ 50 ms after the first, 1,000 one-page notices in ≤ 20 s.

``run()`` returns one dict per figure: ``name``, ``value``, ``unit``, ``target`` (the most allowed), ``reference``
(what the figure is compared with: the first, cold render — font files read and registered — for the single notice;
1,000 × the single notice's median for the batch), ``ratio`` (reference / value) and ``meets`` (value ≤ target).
"""
from __future__ import annotations

import dataclasses
import statistics
import time

SINGLE_RUNS = 50
BATCH = 1000


def _notices(count: int):
    from app.printing.samples import sample_letter
    base = sample_letter()
    for k in range(count):
        yield dataclasses.replace(base, doc_number=f"青政办公开〔2026〕{k + 1}号", addressee=f"申请人{k + 1}号：")


def run() -> list[dict]:
    from app.printing import render_pdf
    from app.printing.samples import sample_letter

    letter = sample_letter()
    start = time.perf_counter()
    render_pdf(letter)
    cold_ms = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(SINGLE_RUNS):
        start = time.perf_counter()
        render_pdf(letter)
        times.append((time.perf_counter() - start) * 1000)
    median_ms = statistics.median(times)

    start = time.perf_counter()
    pages = 0
    for notice in _notices(BATCH):
        pages += render_pdf(notice).count(b"/Type /Page\n")
    batch_s = time.perf_counter() - start
    expected_s = median_ms * BATCH / 1000

    return [
        {"name": "打印：单页告知书（首次之后，50次中位数）", "value": round(median_ms, 2), "unit": "ms", "target": 50,
         "reference": round(cold_ms, 1), "ratio": round(cold_ms / median_ms, 1), "meets": median_ms <= 50,
         "better": "lower"},
        {"name": f"打印：{BATCH}份单页告知书", "value": round(batch_s, 2), "unit": "s", "target": 20,
         "reference": round(expected_s, 2), "ratio": round(expected_s / batch_s, 2),
         "meets": batch_s <= 20 and pages == BATCH, "better": "lower"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
