"""机关信息: the office's profile (name, code, and the 信息公开指南 contact data) and first-run set-up."""
from __future__ import annotations

from app import audit, clock, users
from app.actor import Actor, system_actor
from app.errors import Problems, ServiceError
from app.passwords import hash_password, password_problem
from app.permissions import require
from app.validators import (check_texts, email_problem, office_code_problem, phone_problem, postcode_problem,
                            text_problem)
from db.connection import write_transaction
from db.models import Office, User, UserRole

# field -> label, in the order forms show them
FIELDS = {
    "name": "机关名称",
    "org_code": "统一社会信用代码",
    "address": "办公地址",
    "postcode": "邮政编码",
    "phone": "咨询电话",
    "fax": "传真",
    "email": "电子邮箱",
    "office_hours": "办公时间",
    "website": "政府网站",
}
MAX_CHARS = {"name": 60, "address": 200, "office_hours": 200, "website": 200}
audit.register_labels(fields={"office": FIELDS})  # how the audit viewer names the profile's fields


def get_profile() -> dict | None:
    office = Office.get_or_none(Office.id == 1)
    if office is None:
        return None
    return {k: getattr(office, k) for k in FIELDS}


def issuer_problems() -> list[tuple[str, str]]:
    """What is missing before the office can issue a notice in its own name (the signature and seal of every notice)."""
    profile = get_profile() or {}
    if not (profile.get("name") or "").strip():
        return [(FIELDS["name"], "尚未填写，告知书须以本机关名义落款：请在“系统管理 → 机关信息”中填写")]
    return []


def has_administrator() -> bool:
    """An active account with the 管理员 role exists (someone can manage users and settings)."""
    return users._active_admins() > 0


def is_set_up() -> bool:
    """The office has its profile and an administrator; otherwise the first-run set-up is still to be done."""
    return Office.select().where(Office.id == 1).exists() and has_administrator()


def _clean(values: dict) -> dict:
    problems = Problems()
    clean = {k: (values.get(k) or "").strip() for k in FIELDS}
    clean["org_code"] = clean["org_code"].upper()
    if not clean["name"]:
        problems.add(FIELDS["name"], "不能为空")
    for key, value in clean.items():  # length, line breaks, control characters, emoji (validators.text_problem)
        reason = text_problem(value, MAX_CHARS.get(key, 100))
        if reason:
            problems.add(FIELDS[key], reason)
    checks = {"org_code": office_code_problem, "phone": phone_problem, "fax": phone_problem,
              "email": email_problem, "postcode": postcode_problem}
    for key, check in checks.items():
        if clean[key]:
            reason = check(clean[key])
            if reason:
                problems.add(FIELDS[key], reason)
    problems.raise_if_any()
    return clean


def check_profile(values: dict) -> dict:
    """The profile as it would be saved, or ``ValidationError`` naming each bad field; saves nothing (the first-run
    wizard checks its first page with it)."""
    return _clean(values)


def check_admin(username: str, password: str, name: str = "") -> str:
    """The first administrator's user name, password and name, checked without saving anything; returns the name
    as stored (“管理员” when none is given)."""
    problems = Problems()
    if not users.USERNAME_RE.fullmatch((username or "").strip()):
        problems.add("管理员用户名", "应为2-32个字母、数字、汉字或 _ . -")
    elif User.select().where(User.username == username.strip()).exists():
        problems.add("管理员用户名", f"“{username.strip()}”已被其他账户使用")
    name = check_texts({"user.display_name": (name or "").strip() or "管理员"},
                       {"user.display_name": "管理员姓名"}, problems)["user.display_name"]
    reason = password_problem(password)
    if reason:
        problems.add("管理员密码", reason)
    problems.raise_if_any()
    return name


def save_profile(actor: Actor, values: dict) -> dict:
    require(actor, "office.edit")
    clean = _clean(values)
    before = get_profile()
    with write_transaction():
        if before is None:
            Office.insert(id=1, updated_at=clock.now(), **clean).execute()
        else:
            Office.update(updated_at=clock.now(), **clean).where(Office.id == 1).execute()
        audit.record(actor, "office.create" if before is None else "office.update", "office", 1,
                     before=before, after=clean)
    return clean


def first_run_setup(office_values: dict, admin_username: str, admin_name: str, admin_password: str,
                    also_clerk: bool = False) -> Actor:
    """Create the office profile and the first administrator, in one transaction. Only while no administrator exists
    (a database may already hold other users, e.g. one filled by ``demo`` before it made an administrator).
    ``also_clerk`` gives the administrator the 经办人 role too, for an office of one person."""
    if has_administrator():
        raise ServiceError("系统已有管理员，不能重复初始化；请以管理员身份登录修改")
    clean = _clean(office_values)
    admin_name = check_admin(admin_username, admin_password, admin_name)
    setup = system_actor("初始化向导")
    with write_transaction():
        before = get_profile()
        if before is None:
            Office.insert(id=1, updated_at=clock.now(), **clean).execute()
        else:
            Office.update(updated_at=clock.now(), **clean).where(Office.id == 1).execute()
        audit.record(setup, "office.create" if before is None else "office.update", "office", 1, before=before,
                     after=clean)
        user = User.create(username=admin_username.strip(), display_name=admin_name,
                           password_hash=hash_password(admin_password), created_at=clock.now())
        UserRole.create(user=user, role="admin")
        if also_clerk:
            UserRole.create(user=user, role="clerk")
        audit.record(setup, "user.create", "user", user.id, after=users.snapshot(user))
    return users.actor_for(user)
