"""Roles and the named actions each may perform — the one place this mapping lives.

Services call ``require(actor, "request.register")``; hiding a button in the window is a convenience, not the check.
"""
from __future__ import annotations

from app.errors import PermissionDenied

# Role codes and their names, in the order the window lists them.
ROLES: dict[str, str] = {
    "clerk": "经办人",
    "section_head": "科室负责人",
    "secrecy_reviewer": "保密审查员",
    "leader": "分管领导",
    "principal": "主要领导",
    "supervisor": "监督员",
    "admin": "管理员",
}

# Every protected action, with the words the refusal message uses.
PERMISSIONS: dict[str, str] = {
    "user.manage": "管理用户和角色",
    "office.edit": "修改机关信息",
    "settings.manage": "修改系统设置",
    "audit.view": "查看审计日志",
    "audit.export": "导出审计日志",
    "calendar.manage": "维护节假日安排",
    "request.view": "查看依申请公开登记簿",
    "request.view_identity": "查看申请人证件号码和联系方式",
    "request.register": "登记政府信息公开申请",
    "request.handle": "办理政府信息公开申请",
    "request.decide": "作出答复决定",
    "request.extend": "登记延长答复期限",
    "request.void": "作废误登记的申请",
    "request.export": "导出依申请公开登记簿",
    "request.import": "导入原有台账",
    "request.review_case": "登记行政复议和行政诉讼案件",
    "report.view": "查看政府信息公开工作年度报告",
    "report.edit": "填写政府信息公开工作年度报告",
    "database.backup": "备份和恢复数据",
    # 发布审核 (DOMAIN.md §3): each stage of the chain has its own permission; the stage table in
    # app/publication/stages.py names which one a stage needs.
    "publication.view": "查看发布审核登记簿",
    "publication.draft": "起草待发布信息",
    "publication.first_review": "初审待发布信息",
    "publication.second_review": "复审待发布信息",
    "publication.secrecy": "保密审查",
    "publication.final_review": "终审待发布信息",
    "publication.final_review_major": "终审重大或敏感信息",
    "publication.publish": "登记信息发布",
    "publication.export": "导出发布审核登记簿和公开目录",
    # 监督员 (DOMAIN.md §5, seed 001): the roster, the opinions and their handling, briefings and meetings.
    "supervisor.view": "查看监督员名册、监督意见和通报",
    "supervisor.manage": "管理监督员名册（聘任、续聘、解聘、备案）",
    "supervisor.opinion": "登记和办理监督意见",
    "supervisor.submit": "提交监督意见",
    "supervisor.briefing": "登记季度通报和工作会议",
    "archive.access_log": "查看和导出档案查阅记录",
    # 举报投诉 and 政民互动 (DOMAIN.md §4): the step table in app/complaints/steps.py names what each step needs.
    "complaint.view": "查看举报投诉登记簿",
    "complaint.view_identity": "查看举报投诉人的姓名和联系方式",
    "complaint.register": "受理登记举报投诉",
    "complaint.handle": "调查、转办和答复举报投诉",
    "complaint.supervise": "督办举报投诉",
    "complaint.instruct": "登记领导对举报投诉的批示",
    "complaint.export": "导出举报投诉登记簿",
    # 考核评议 (DOMAIN.md §6): the leading group's office organises the round, the group scores, the leading group
    # approves the results (seeds 000 第九条, 002 第八条).
    "assessment.view": "查看考核评议",
    "assessment.configure": "维护考核指标表和等次",
    "assessment.manage": "组织考核评议",
    "assessment.score": "考核评分",
    "assessment.approve": "审定考核结果",
    "assessment.export": "导出考核评分表",
    # 政府信息公开指南 and 公开事项标准目录 (条例第十二条; seed 001): the disclosure office keeps the guide and proposes
    # adjustments to the standard catalogue; the leading group's office (its head) approves them.
    "guide.view": "查看政府信息公开指南和公开事项标准目录",
    "guide.manage": "编写和印发政府信息公开指南",
    "catalogue.propose": "提出公开事项标准目录调整",
    "catalogue.review": "审核公开事项标准目录调整",
    # 区分处理 / 非密处理 (条例第三十七条; seed 002 第十二条, seed 004 第十三条)
    "redaction.apply": "区分处理（遮盖不予公开的内容，生成公开版本）",
}

# Handling a request: the clerk does the work; the section head may do all of it and imports old ledgers.
_REQUEST_WORK = {"request.view", "request.view_identity", "request.register", "request.handle", "request.decide",
                 "request.extend", "request.export", "request.review_case", "report.view", "report.edit"}
# Leaders read the register (accountability: who decided what) and export it; they do not handle requests.
_LEADERS = {"audit.view", "request.view", "request.view_identity", "request.export", "report.view"}

# 发布审核: the clerk drafts, proofreads (初审) and publishes; the section head also does 复审 (seed 000, 001);
# the secrecy reviewer does 保密审查; the leader in charge 终审, the principal leader also for major items.
_PUBLICATION_CLERK = {"publication.view", "publication.draft", "publication.first_review", "publication.publish",
                      "publication.export", "guide.view", "guide.manage", "catalogue.propose"}
# 监督员: the office (领导小组办公室) registers, transfers and reports back the opinions and briefs the supervisors
# (seed 001 四); the section head also keeps the roster and its 备案 (seed 001 一(一)).
_SUPERVISION = {"supervisor.view", "supervisor.opinion", "supervisor.briefing"}

# 举报投诉: the clerk receives, investigates and answers without learning who complained (seed 000 第八条); the section
# head (the person in charge of the 领导小组办公室) sees the identity, supervises and records instructions; leaders
# supervise and give 批示; supervisors read the register through their archive, identities masked.
_COMPLAINT_CLERK = {"complaint.view", "complaint.register", "complaint.handle", "complaint.export"}
_COMPLAINT_LEADER = {"complaint.view", "complaint.supervise", "complaint.instruct", "complaint.export"}
# 考核评议: the section head (of the office that runs the leading group's office) organises and scores; leaders
# score and approve; the administrator keeps the indicator tables and bands; supervisors read the results.
_ASSESSMENT_READ = {"assessment.view", "assessment.export"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "clerk": frozenset(_REQUEST_WORK | _PUBLICATION_CLERK | _SUPERVISION | _COMPLAINT_CLERK | {"redaction.apply"}),
    # Voiding a mistaken registration takes it out of every count: the section head decides it.
    "section_head": frozenset(_REQUEST_WORK | _PUBLICATION_CLERK | _SUPERVISION
                              | {"audit.view", "request.import", "request.void", "publication.second_review",
                                 "supervisor.manage", "catalogue.review", "redaction.apply"}
                              | _COMPLAINT_CLERK | _COMPLAINT_LEADER | {"complaint.view_identity"}
                              | _ASSESSMENT_READ | {"assessment.manage", "assessment.score"}),
    # 非密处理 is part of the secrecy review (seed 002 第十二条, seed 004 第十三条).
    "secrecy_reviewer": frozenset({"publication.view", "publication.secrecy", "redaction.apply"}),
    "leader": frozenset(_LEADERS | {"publication.view", "publication.final_review", "publication.export",
                                    "supervisor.view", "guide.view", "catalogue.review"}
                        | _COMPLAINT_LEADER | _ASSESSMENT_READ | {"assessment.score", "assessment.approve"}),
    "principal": frozenset(_LEADERS | {"publication.view", "publication.final_review",
                                       "publication.final_review_major", "publication.export", "supervisor.view",
                                       "guide.view", "catalogue.review"}
                           | _COMPLAINT_LEADER | _ASSESSMENT_READ | {"assessment.score", "assessment.approve"}),
    # Supervisors read the disclosure archive, without the applicants' identity documents and contact details, and
    # submit opinions (seed 001 二(五), 三(四)); they change nothing else.
    "supervisor": frozenset({"request.view", "report.view", "publication.view", "complaint.view", "assessment.view",
                             "guide.view", "supervisor.view", "supervisor.submit"}),
    "admin": frozenset({"user.manage", "office.edit", "settings.manage", "audit.view", "audit.export",
                        "request.view", "request.export", "request.import", "calendar.manage", "report.view",
                        "database.backup", "supervisor.view", "archive.access_log", "guide.view"}
                       | _ASSESSMENT_READ | {"assessment.configure"}),
}


def permissions_of(roles) -> frozenset[str]:
    out: set[str] = set()
    for r in roles:
        out |= ROLE_PERMISSIONS.get(r, frozenset())
    return frozenset(out)


def roles_with(permission: str) -> list[str]:
    return [code for code, perms in ROLE_PERMISSIONS.items() if permission in perms]


def require(actor, permission: str) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may perform ``permission`` now: the user's current roles and active
    flag are read at each call, so a disabled or demoted user's open session is refused at its next action."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    require_active(actor)
    if not actor.can(permission):
        need = "、".join(ROLES[r] for r in roles_with(permission)) or "（无）"
        raise PermissionDenied(f"{actor.display_name}没有「{PERMISSIONS[permission]}」的权限（需要角色：{need}）")


def require_active(actor) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` is a logged-in user whose account is still in use (or the program)."""
    if actor is None:
        raise PermissionDenied("未登录用户不能进行此操作，请先登录")
    if not actor.is_active:
        raise PermissionDenied(f"{actor.display_name}的账户已停用，不能再进行任何操作，请联系管理员")
