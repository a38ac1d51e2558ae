"""The review chain as a table: stage × action × role → next stage or refusal (DOMAIN.md §3)."""
import pytest

from app.errors import InvalidState, PermissionDenied
from app.permissions import ROLES, permissions_of
from app.publication import stages

P = {role: permissions_of([role]) for role in ROLES}

# (stage, action, role, drafter?, major?, expected next stage or the refusal)
CASES = [
    ("draft", "submit", "clerk", True, False, "first_review"),
    ("returned", "submit", "clerk", True, False, "first_review"),
    ("draft", "submit", "secrecy_reviewer", False, False, PermissionDenied),
    ("first_review", "approve", "clerk", False, False, "second_review"),
    ("first_review", "approve", "clerk", True, False, PermissionDenied),  # the drafter signing their own item
    ("first_review", "approve", "leader", False, False, PermissionDenied),
    ("first_review", "return", "clerk", False, False, "returned"),
    ("second_review", "approve", "clerk", False, False, PermissionDenied),  # 复审 is the section head's
    ("second_review", "approve", "section_head", False, False, "secrecy"),
    ("second_review", "approve", "section_head", True, False, PermissionDenied),
    ("secrecy", "approve", "secrecy_reviewer", False, False, "final_review"),
    ("secrecy", "approve", "section_head", False, False, PermissionDenied),
    ("secrecy", "refer", "secrecy_reviewer", False, False, "parked"),
    ("secrecy", "withhold", "secrecy_reviewer", False, False, "withheld"),
    ("secrecy", "return", "secrecy_reviewer", False, False, "returned"),
    ("parked", "answer_disclose", "secrecy_reviewer", False, False, "final_review"),
    ("parked", "answer_withhold", "secrecy_reviewer", False, False, "withheld"),
    ("parked", "approve", "secrecy_reviewer", False, False, InvalidState),  # parked until the answer is recorded
    ("final_review", "approve", "leader", False, False, "ready"),
    ("final_review", "approve", "principal", False, False, "ready"),
    ("final_review", "approve", "leader", False, True, PermissionDenied),  # major: the principal leader
    ("final_review", "approve", "principal", False, True, "ready"),
    ("final_review", "approve", "secrecy_reviewer", False, False, PermissionDenied),
    ("ready", "publish", "clerk", True, False, "published"),
    ("ready", "publish", "leader", False, False, PermissionDenied),
    ("published", "withdraw", "clerk", False, False, "withdrawn"),
    # never skipped
    ("draft", "approve", "clerk", False, False, InvalidState),
    ("first_review", "publish", "clerk", False, False, InvalidState),
    ("second_review", "refer", "section_head", False, False, InvalidState),
    ("first_review", "submit", "clerk", True, False, InvalidState),
    ("published", "approve", "leader", False, False, InvalidState),
    ("withheld", "publish", "clerk", False, False, InvalidState),
]


@pytest.mark.parametrize("stage,action,role,drafter,major,expected", CASES)
def test_stage_table(stage, action, role, drafter, major, expected):
    if isinstance(expected, str):
        t = stages.next_stage("default", stage, action, P[role], is_drafter=drafter, major=major)
        assert t.to == expected
    else:
        with pytest.raises(expected):
            stages.next_stage("default", stage, action, P[role], is_drafter=drafter, major=major)


def test_walking_the_table_reaches_publication_only_through_every_stage():
    """From 起草, approving in order passes 初审, 复审, 保密审查 and 终审 exactly once each before 待发布."""
    for chain, chain_stages in stages.CHAINS.items():
        table = stages.table(chain)
        path, stage = [], "draft"
        stage = table[(stage, "submit")].to
        while stage != "ready":
            path.append(stage)
            stage = table[(stage, "approve")].to
        assert path == [s.code for s in chain_stages]
        assert [s.kind for s in chain_stages][-1] == "final" and "secrecy" in [s.kind for s in chain_stages]
        assert table[("ready", "publish")].to == "published"
        # no transition jumps ahead: each approval goes to the next stage of the chain
        order = ["draft"] + path + ["ready", "published"]
        for (frm, action), t in table.items():
            if action == "approve":
                assert order.index(t.to) == order.index(frm) + 1


def test_actions_offered_are_the_ones_the_check_allows():
    for chain in stages.CHAINS:
        for (stage, _), _t in stages.table(chain).items():
            for role in ROLES:
                for drafter in (False, True):
                    for major in (False, True):
                        for t in stages.actions_for(chain, stage, P[role], is_drafter=drafter, major=major):
                            stages.next_stage(chain, stage, t.action, P[role], is_drafter=drafter, major=major)


def test_seed004_chain_has_the_four_step_secrecy_review():
    labels = [s.label for s in stages.CHAINS["seed004"]]
    assert labels == ["科室初审", "科室负责人复审", "领导小组办公室保密审查", "分管领导终审"]
