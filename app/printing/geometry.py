"""The GB/T 9704-2012 page: A4, 版心 156 mm × 225 mm, 22 lines × 28 characters of 3号 type (标准 5.2)."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * MM  # 天头 (5.2.1)
LEFT_MARGIN = 28 * MM  # 订口
BLOCK_WIDTH = 156 * MM  # 版心
BLOCK_HEIGHT = 225 * MM
BLOCK_TOP = PAGE_HEIGHT - TOP_MARGIN  # in PDF coordinates (origin bottom left)
BLOCK_BOTTOM = BLOCK_TOP - BLOCK_HEIGHT
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE = BLOCK_HEIGHT / LINES_PER_PAGE  # line pitch, 28.95 pt
PITCH = BLOCK_WIDTH / CHARS_PER_LINE  # character pitch, 15.79 pt

# Chinese type sizes (号) in points
SIZE_2 = 22.0  # 2号: title
SIZE_3 = 16.0  # 3号: body
SIZE_4 = 14.0  # 4号: page numbers, forms

PAGE_NUMBER_GAP = 7 * MM  # 7.5: 一字线上距版心下边缘 7 mm
RED = (0.9, 0.0, 0.07)  # 发文机关标志和分隔线 (7.2.3, 7.2.5)
