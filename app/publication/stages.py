"""The review chain (审核流程) as data: stage × action → next stage, with the permission each step needs and what it
issues. The services check a step with ``next_stage`` and the window offers the buttons ``actions_for`` lists: both
read the same table, and a test walks it.

DOMAIN.md §3: 起草 → 初审 (editor) → 复审 (科室负责人) → 保密审查 (保密审查员; 公开 / 免予公开 / 依申请公开 / 需报审,
seed 002 第七条) → 终审 (分管领导; 主要领导 for major or sensitive items, seed 000, seed 001 十) → 待发布 → 已发布. No step may
be skipped or signed by someone without its role or by the item's drafter; 退回 returns the item to its drafter with
the reason; 需报审 parks it until the higher authority answers. Seed 004's four-step secrecy review is a preset chain.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import InvalidState, PermissionDenied, ValidationError
from app.permissions import PERMISSIONS


@dataclass(frozen=True)
class Stage:
    code: str
    label: str
    permission: str | None = None  # who signs this stage (review stages only)
    kind: str = "fixed"  # review | secrecy | final | fixed


# The stages every chain shares.
DRAFT = Stage("draft", "起草")
RETURNED = Stage("returned", "已退回")
PARKED = Stage("parked", "需报审")
READY = Stage("ready", "待发布")
PUBLISHED = Stage("published", "已发布")
WITHHELD = Stage("withheld", "不予发布")
WITHDRAWN = Stage("withdrawn", "已撤回")
FIXED = (DRAFT, RETURNED, PARKED, READY, PUBLISHED, WITHHELD, WITHDRAWN)

CHAINS: dict[str, tuple[Stage, ...]] = {
    "default": (
        Stage("first_review", "初审", "publication.first_review", "review"),
        Stage("second_review", "复审", "publication.second_review", "review"),
        Stage("secrecy", "保密审查", "publication.secrecy", "secrecy"),
        Stage("final_review", "终审", "publication.final_review", "final"),
    ),
    # seed 004 保密审查制度: section's opinion → section head → office of the leading group → leader in charge.
    "seed004": (
        Stage("section_opinion", "科室初审", "publication.first_review", "review"),
        Stage("section_head", "科室负责人复审", "publication.second_review", "review"),
        Stage("office_secrecy", "领导小组办公室保密审查", "publication.secrecy", "secrecy"),
        Stage("leader_approval", "分管领导终审", "publication.final_review", "final"),
    ),
}
MAJOR_PERMISSION = "publication.final_review_major"

ACTIONS: dict[str, str] = {
    "submit": "提交审核",
    "approve": "审核通过",
    "return": "退回",
    "refer": "需报审",
    "withhold": "不予发布",
    "answer_disclose": "登记报审结果：同意公开",
    "answer_withhold": "登记报审结果：不予公开",
    "publish": "登记发布",
    "withdraw": "应急撤回",
}
# Steps whose signer gives a reason (退回, a refusal) — checked before anything is written.
NEEDS_REASON = ("return", "withhold", "answer_withhold", "withdraw")


@dataclass(frozen=True)
class Transition:
    stage: str
    action: str
    to: str
    permission: str
    issues: str = ""  # what the step produces: the screen's findings, the 索引号 …
    drafter_may: bool = False  # the item's own drafter may take this step (only submitting and publishing)


def stages_of(chain: str) -> tuple[Stage, ...]:
    if chain not in CHAINS:
        raise ValidationError("审核流程", f"没有名为“{chain}”的审核流程")
    return CHAINS[chain]


def all_stages(chain: str = "default") -> dict[str, Stage]:
    return {s.code: s for s in (DRAFT, RETURNED) + stages_of(chain) + FIXED[2:]}


def stage_label(code: str, chain: str = "default") -> str:
    for name in (chain, *CHAINS):
        s = all_stages(name).get(code)
        if s is not None:
            return s.label
    return code


def table(chain: str = "default") -> dict[tuple[str, str], Transition]:
    """Every allowed step of ``chain``: (stage, action) → Transition. A pair not in it is refused."""
    chain_stages = stages_of(chain)
    out: dict[tuple[str, str], Transition] = {}

    def add(stage, action, to, permission, issues="", drafter_may=False):
        out[(stage, action)] = Transition(stage, action, to, permission, issues, drafter_may)

    first = chain_stages[0].code
    for s in (DRAFT, RETURNED):
        add(s.code, "submit", first, "publication.draft", "保密审查前的隐私和保密筛查", drafter_may=True)
    for i, s in enumerate(chain_stages):
        after = chain_stages[i + 1].code if i + 1 < len(chain_stages) else READY.code
        add(s.code, "approve", after, s.permission, "审核意见" if s.kind != "secrecy" else "保密审查意见（公开）")
        add(s.code, "return", RETURNED.code, s.permission, "退回理由")
        if s.kind == "secrecy":
            add(s.code, "refer", PARKED.code, s.permission, "报审记录")
            add(s.code, "withhold", WITHHELD.code, s.permission, "保密审查意见（免予公开或依申请公开）")
            add(PARKED.code, "answer_disclose", after, s.permission, "上级机关审查意见")
            add(PARKED.code, "answer_withhold", WITHHELD.code, s.permission, "上级机关审查意见")
            add(PARKED.code, "return", RETURNED.code, s.permission, "退回理由")
    add(READY.code, "publish", PUBLISHED.code, "publication.publish", "索引号", drafter_may=True)
    add(PUBLISHED.code, "withdraw", WITHDRAWN.code, "publication.publish", "应急处置记录", drafter_may=True)
    return out


def _final_stage(chain: str) -> str:
    return next(s.code for s in stages_of(chain) if s.kind == "final")


def permission_for(t: Transition, chain: str, major: bool) -> str:
    """终审 of a major or sensitive item needs the principal leader (seed 000; seed 001 十)."""
    if major and t.stage == _final_stage(chain) and t.action in ("approve", "return"):
        return MAJOR_PERMISSION
    return t.permission


def next_stage(chain: str, stage: str, action: str, permissions, *, is_drafter: bool, major: bool = False,
               who: str = "") -> Transition:
    """The step ``action`` from ``stage`` for a user holding ``permissions``; raises ``InvalidState`` for a step the
    chain does not have there (a skipped stage), ``PermissionDenied`` for the wrong role or the drafter signing."""
    t = table(chain).get((stage, action))
    if t is None:
        raise InvalidState(f"处于“{stage_label(stage, chain)}”的信息不能“{ACTIONS.get(action, action)}”"
                           "（审核环节不能跳过）")
    need = permission_for(t, chain, major)
    if need not in permissions:
        raise PermissionDenied(f"{who or '当前用户'}没有「{PERMISSIONS[need]}」的权限，不能在“{stage_label(stage, chain)}”"
                               f"环节{ACTIONS[action]}")
    if is_drafter and not t.drafter_may:
        raise PermissionDenied(f"起草人不能审核自己起草的信息（{stage_label(stage, chain)}环节应由他人签署）")
    return t


def actions_for(chain: str, stage: str, permissions, *, is_drafter: bool, major: bool = False) -> list[Transition]:
    """The steps this user may take on an item now, in the table's order (for the window's buttons)."""
    out = []
    for (s, _a), t in table(chain).items():
        if s != stage:
            continue
        if permission_for(t, chain, major) in permissions and (t.drafter_may or not is_drafter):
            out.append(t)
    return out

