"""The assessment's rules as pure functions (DOMAIN.md §6): an indicator table's points add up, grade bands cover 0-100,
the grade of a score (with the boundary rule for a score such as 89.5 stated, never implied), the points the records
propose, and a unit's total from its assessors' scores.

An indicator table is a list of nodes (plain dicts, stored as JSON)::

    {"code": "1", "title": "主动公开情况", "points": 30, "rule": "评分标准（文字）", "children": [...]}

A leaf may be bound to a measure (``measure``: a key of ``app.modules.measures()``) with a ``method``: ``ratio`` (the
points times the measure's percentage, full points at ``full_at`` %) or ``per_item`` (the points less ``each`` per
counted record). A leaf may list deduction items (``deductions``: ``{"code", "title", "each"}``, e.g. 目录未更新 −1 each),
counted by the assessor with a reason. A top-level node of ``kind`` ``bonus`` is a 加分项: up to ``points``, not part
of the table's total, and a unit's total never exceeds the table's total.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from statistics import fmean
from typing import Iterable

METHODS = {"ratio": "按比例得分", "per_item": "按件扣分"}
BOUNDARIES = {"half_up": "四舍五入到整数后评定（89.5分评为90分所在等次）",
              "down": "去掉小数后评定（89.5分评为89分所在等次）"}
COMBINE = {"average": "各评分人的平均分", "agreed": "考核小组商定分"}
EPS = 1e-6


def _num(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def fmt(value: float | None) -> str:
    """A score as the sheets print it: 28, 27.5, 27.25 (at most two decimals, no trailing zeros)."""
    if value is None:
        return "—"
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def walk(nodes: Iterable[dict], parents: tuple[str, ...] = ()):
    """Every node with the titles of its parents, depth first."""
    for node in nodes:
        yield node, parents
        yield from walk(node.get("children") or (), parents + (node.get("title", ""),))


def leaves(nodes: Iterable[dict]) -> list[dict]:
    """The nodes that are scored: leaves of the scored tree, and the bonus items."""
    return [n for n, _ in walk(nodes) if not n.get("children")]


def is_bonus(node: dict) -> bool:
    return node.get("kind") == "bonus"


# ---- the table ---------------------------------------------------------------------------------------------------
def table_problems(total, nodes: list[dict], known_measures: Iterable[str] = ()) -> list[tuple[str, str]]:
    """What is wrong with a table, as (field, reason) pairs; empty when it may be saved. Points that do not add up are
    reported with the difference, so that the administrator sees how much is missing or too much."""
    known = set(known_measures)
    out: list[tuple[str, str]] = []
    total_value = _num(total)
    if total_value is None or total_value <= 0:
        out.append(("总分", "应为大于0的数"))
    if not nodes:
        out.append(("指标", "至少要有一项指标"))
    codes: set[str] = set()

    def check(node: dict, where: str) -> None:
        title = str(node.get("title") or "").strip()
        label = f"{where}“{title}”" if title else where
        if not title:
            out.append((where, "指标名称不能为空"))
        code = str(node.get("code") or "")
        if not code:
            out.append((label, "缺少指标编号"))
        elif code in codes:
            out.append((label, f"指标编号“{code}”重复"))
        codes.add(code)
        points = _num(node.get("points"))
        if points is None or points <= 0:
            out.append((label, "分值应为大于0的数"))
        children = node.get("children") or []
        if children:
            if is_bonus(node):
                out.append((label, "加分项不能再分下级指标"))
            if node.get("measure"):
                out.append((label, "有下级指标的项不能绑定数据项，请绑定到下级指标"))
            for i, child in enumerate(children, 1):
                check(child, f"{where}第{i}项")
            sub = sum(_num(c.get("points")) or 0 for c in children)
            if points is not None and abs(sub - points) > EPS:
                out.append((label, f"下级指标合计 {fmt(sub)} 分，与本项分值 {fmt(points)} 分相差 {fmt(sub - points)} 分"))
        measure = node.get("measure") or ""
        if measure:
            if measure not in known:
                out.append((label, f"绑定的数据项“{measure}”不可用（相应模块未安装）"))
            method = node.get("method")
            if method not in METHODS:
                out.append((label, "绑定数据项的指标应选择计分方法（按比例得分或按件扣分）"))
            elif method == "ratio":
                full_at = _num(node.get("full_at", 100))
                if full_at is None or not 0 < full_at <= 100:
                    out.append((label, "满分所需比例应在0到100之间"))
            elif method == "per_item":
                each = _num(node.get("each"))
                if each is None or each <= 0:
                    out.append((label, "每件扣分应为大于0的数"))
        for d in node.get("deductions") or []:
            name = str(d.get("title") or "").strip()
            if not name:
                out.append((label, "扣分项名称不能为空"))
            each = _num(d.get("each"))
            if each is None or each <= 0:
                out.append((label, f"扣分项“{name}”每次扣分应为大于0的数"))
            code = str(d.get("code") or "")
            if not code or code in codes:
                out.append((label, f"扣分项“{name}”的编号缺少或重复"))
            codes.add(code)

    for i, node in enumerate(nodes, 1):
        check(node, f"第{i}项")
    scored = sum(_num(n.get("points")) or 0 for n in nodes if not is_bonus(n))
    if total_value is not None and nodes and abs(scored - total_value) > EPS:
        out.append(("总分", f"各项指标合计 {fmt(scored)} 分，与总分 {fmt(total_value)} 分相差 {fmt(scored - total_value)} 分"))
    return out


def number_nodes(nodes: list[dict]) -> list[dict]:
    """Give every node and deduction item without a code one (1, 1.2, 1.2-扣1; 加1 for a bonus item), keeping the codes
    already given: the scores of a round refer to them."""
    taken = {str(n.get("code")) for n, _ in walk(nodes) if n.get("code")}
    taken |= {str(d.get("code")) for n, _ in walk(nodes) for d in n.get("deductions") or [] if d.get("code")}

    def fresh(base: str) -> str:
        code, k = base, 1
        while code in taken:
            k += 1
            code = f"{base}_{k}"
        taken.add(code)
        return code

    def go(items: list[dict], prefix: str) -> list[dict]:
        out, scored, bonus = [], 0, 0
        for node in items:
            node = dict(node)
            if is_bonus(node) and not prefix:
                bonus += 1
                base = f"加{bonus}"
            else:
                scored += 1
                base = f"{prefix}{scored}"
            if not node.get("code"):
                node["code"] = fresh(base)
            node["deductions"] = [dict(d, code=d.get("code") or fresh(f"{node['code']}-扣{i}"))
                                  for i, d in enumerate(node.get("deductions") or [], 1)]
            node["children"] = go(node.get("children") or [], f"{node['code']}.")
            out.append(node)
        return out

    return go(nodes, "")


# ---- the bands ---------------------------------------------------------------------------------------------------
def band_problems(bands: list[dict], boundary: str) -> list[tuple[str, str]]:
    """Bands are whole-number ranges that together cover 0-100 once: no gap, no overlap, each named once."""
    out: list[tuple[str, str]] = []
    if boundary not in BOUNDARIES:
        out.append(("小数分数的评定", "请选择四舍五入或去掉小数"))
    if not bands:
        return out + [("等次", "至少要有一个等次")]
    parsed = []
    for i, b in enumerate(bands, 1):
        name = str(b.get("name") or "").strip()
        if not name:
            out.append((f"第{i}个等次", "名称不能为空"))
        try:
            low, high = int(b.get("low")), int(b.get("high"))
        except (TypeError, ValueError):
            out.append((f"等次“{name}”", "分数范围应为整数"))
            continue
        if low != _num(b.get("low")) or high != _num(b.get("high")):
            out.append((f"等次“{name}”", "分数范围应为整数"))
        if not 0 <= low <= high <= 100:
            out.append((f"等次“{name}”", f"分数范围 {low}-{high} 应在0到100之间且下限不大于上限"))
        parsed.append((low, high, name))
    names = [n for _, _, n in parsed]
    for name in sorted({n for n in names if names.count(n) > 1}):
        out.append((f"等次“{name}”", "名称重复"))
    parsed.sort()
    if parsed and not out:
        if parsed[0][0] != 0:
            out.append(("等次", f"0-{parsed[0][0] - 1} 分没有对应的等次"))
        if parsed[-1][1] != 100:
            out.append(("等次", f"{parsed[-1][1] + 1}-100 分没有对应的等次"))
        for (l1, h1, n1), (l2, h2, n2) in zip(parsed, parsed[1:]):
            if l2 > h1 + 1:
                out.append(("等次", f"“{n1}”与“{n2}”之间的 {h1 + 1}-{l2 - 1} 分没有对应的等次"))
            elif l2 <= h1:
                out.append(("等次", f"“{n1}”与“{n2}”重叠（{l2}-{min(h1, h2)} 分）"))
    return out


def graded_integer(score: float, boundary: str) -> int:
    """The whole number a score is graded as. Decimal arithmetic: 89.5 is exactly 89.5, never 89.4999…"""
    value = Decimal(str(round(float(score), 4)))
    rounding = ROUND_HALF_UP if boundary == "half_up" else ROUND_DOWN
    return max(0, min(100, int(value.quantize(Decimal(1), rounding=rounding))))


def grade_for(score: float, bands: list[dict], boundary: str) -> str:
    n = graded_integer(score, boundary)
    for b in bands:
        if int(b["low"]) <= n <= int(b["high"]):
            return b["name"]
    raise ValueError(f"no band for {n}")  # band_problems() refuses such bands before they are stored


def is_failing(grade: str) -> bool:
    return grade == "不合格"


# ---- proposals from the records ----------------------------------------------------------------------------------
def proposed_points(node: dict, figure: float | None) -> float | None:
    """The points a measure's figure proposes for a bound leaf; ``None`` when nothing was recorded."""
    if figure is None or not node.get("measure"):
        return None
    points = float(node["points"])
    if node.get("method") == "ratio":
        full_at = float(node.get("full_at", 100) or 100)
        return round(points * min(max(float(figure), 0.0), full_at) / full_at, 2)
    if node.get("method") == "per_item":
        return round(max(0.0, points - float(node.get("each") or 0) * float(figure)), 2)
    return None


# ---- a unit's scores ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entered:
    """One assessor's (or the agreed) points for one leaf, with deductions (item code → count)."""
    points: float
    deductions: tuple[tuple[str, float], ...] = ()


def leaf_score(node: dict, entered: Entered) -> float:
    """The points less the deductions counted, between 0 and the leaf's points."""
    each = {d["code"]: float(d.get("each") or 0) for d in node.get("deductions") or []}
    less = sum(each.get(code, 0) * float(count) for code, count in entered.deductions)
    return round(max(0.0, min(float(node["points"]), float(entered.points) - less)), 2)


@dataclass(frozen=True)
class LeafResult:
    code: str
    average: float | None  # of the assessors' scores (None: nobody scored it)
    agreed: float | None  # the group's agreed figure, when entered
    used: float | None  # what the round counts, by its ``combine`` setting
    assessors: int


def combine_leaf(node: dict, by_assessor: list[Entered], agreed: Entered | None, combine: str) -> LeafResult:
    scores = [leaf_score(node, e) for e in by_assessor]
    average = round(fmean(scores), 2) if scores else None
    agreed_score = leaf_score(node, agreed) if agreed is not None else None
    used = agreed_score if combine == "agreed" else average
    return LeafResult(node["code"], average, agreed_score, used, len(scores))


def unit_total(table_total: float, nodes: list[dict], results: dict[str, LeafResult]) -> float | None:
    """The unit's total: its scored leaves and bonus items, never above the table's total; ``None`` while a leaf has
    no score."""
    total = 0.0
    for leaf in leaves(nodes):
        r = results.get(leaf["code"])
        if r is None or r.used is None:
            if is_bonus(leaf):
                continue  # a bonus item nobody gave is 0
            return None
        total += r.used
    return round(min(float(table_total), total), 2)
