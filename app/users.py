"""用户与登录: accounts, roles, password rules, login with lockout.

Users are never deleted (the audit trail refers to them); the administrator disables them instead.
"""
from __future__ import annotations

import datetime as dt
import re

from app import audit, clock
from app.actor import Actor
from app.errors import AuthenticationFailed, NotFound, Problems, ServiceError, ValidationError
from app.passwords import hash_password, needs_rehash, password_problem, verify_nothing, verify_password
from app.permissions import ROLES, permissions_of, require, require_active
from app.validators import RULES, clean_text
from db.connection import write_transaction, writes_refused
from db.models import User, UserRole

MAX_FAILURES = 5
LOCK_MINUTES = 15
# What the audit trail records for a login under a name that does not exist.
UNKNOWN_USERNAME = "（未知用户名）"
USERNAME_RE = re.compile(r"[A-Za-z0-9_.\-\u4e00-\u9fff]{2,32}")


def _roles_of(user_id: int) -> list[str]:
    codes = {code for (code,) in UserRole.select(UserRole.role).where(UserRole.user == user_id).tuples()}
    return [c for c in ROLES if c in codes]


def snapshot(user: User) -> dict:
    """What the audit trail records of a user: never the password hash."""
    return {"username": user.username, "display_name": user.display_name, "is_active": user.is_active,
            "roles": _roles_of(user.id), "must_change_password": user.must_change_password}


def _as_dict(user: User) -> dict:
    locked = user.locked_until is not None and user.locked_until > clock.now()
    return {"id": user.id, "username": user.username, "display_name": user.display_name,
            "is_active": user.is_active, "roles": _roles_of(user.id), "locked_until": user.locked_until if locked else None,
            "last_login_at": user.last_login_at, "created_at": user.created_at,
            "must_change_password": user.must_change_password}


def actor_for(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, frozenset(_roles_of(user.id)))


def _check_roles(roles, problems: Problems) -> list[str]:
    roles = [r for r in ROLES if r in set(roles or ())]
    unknown = set(roles or ()) - set(ROLES)
    if unknown:
        problems.add("角色", "不认识的角色 " + "、".join(sorted(unknown)))
    if not roles:
        problems.add("角色", "至少选择一个角色")
    return roles


def _get(user_id: int) -> User:
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(f"找不到编号为 {user_id} 的用户")
    return user


def list_users(actor: Actor) -> list[dict]:
    require(actor, "user.manage")
    return [_as_dict(u) for u in User.select().order_by(User.id)]


def directory(may: str | None = None) -> list[dict]:
    """Names of active users, for choosing a handling officer; no personal data beyond the name. With ``may``, only
    the users whose roles allow that action (e.g. "request.handle" for the 承办人 list)."""
    out = []
    for u in User.select().where(User.is_active == True).order_by(User.id):  # noqa: E712
        roles = _roles_of(u.id)
        if may is None or may in permissions_of(roles):
            out.append({"id": u.id, "display_name": u.display_name, "roles": roles})
    return out


def _display_name(value) -> tuple[str, str | None]:
    """The name shown and printed for a user (validators.RULES["user.display_name"]) and why it is refused."""
    rule = RULES["user.display_name"]
    text = clean_text(value)
    return text, rule.problem(text)


def create_user(actor: Actor, username: str, display_name: str, password: str, roles) -> dict:
    require(actor, "user.manage")
    problems = Problems()
    username = (username or "").strip()
    display_name, name_problem = _display_name(display_name)
    if not USERNAME_RE.fullmatch(username):
        problems.add("用户名", "应为2-32个字母、数字、汉字或 _ . -")
    elif User.select().where(User.username == username).exists():
        problems.add("用户名", f"“{username}”已被使用")
    if name_problem:
        problems.add("姓名", name_problem)
    reason = password_problem(password)
    if reason:
        problems.add("密码", reason)
    roles = _check_roles(roles, problems)
    problems.raise_if_any()
    with write_transaction():
        user = User.create(username=username, display_name=display_name, password_hash=hash_password(password),
                           created_at=clock.now())
        for r in roles:
            UserRole.create(user=user, role=r)
        audit.record(actor, "user.create", "user", user.id, after=snapshot(user))
    return _as_dict(user)


def _active_admins(excluding: int | None = None) -> int:
    q = (User.select().join(UserRole).where((UserRole.role == "admin") & (User.is_active == True)))  # noqa: E712
    if excluding is not None:
        q = q.where(User.id != excluding)
    return q.count()


def update_user(actor: Actor, user_id: int, display_name: str, roles) -> dict:
    require(actor, "user.manage")
    user = _get(user_id)
    problems = Problems()
    display_name, reason = _display_name(display_name)
    if reason:
        problems.add("姓名", reason)
    roles = _check_roles(roles, problems)
    if "admin" not in roles and "admin" in _roles_of(user.id) and user.is_active and _active_admins(user.id) == 0:
        problems.add("角色", "这是最后一个在用的管理员，不能取消其管理员角色")
    problems.raise_if_any()
    before = snapshot(user)
    with write_transaction():
        User.update(display_name=display_name).where(User.id == user.id).execute()
        UserRole.delete().where(UserRole.user == user.id).execute()
        for r in roles:
            UserRole.create(user=user.id, role=r)
        user = _get(user_id)
        audit.record(actor, "user.update", "user", user.id, before=before, after=snapshot(user))
    return _as_dict(user)


def reset_password(actor: Actor, user_id: int, new_password: str, must_change: bool = True) -> None:
    """The administrator sets a new password (and lifts a lockout); the user is asked to change it at next login."""
    require(actor, "user.manage")
    user = _get(user_id)
    reason = password_problem(new_password)
    if reason:
        raise ValidationError("新密码", reason)
    with write_transaction():
        User.update(password_hash=hash_password(new_password), failed_logins=0, locked_until=None,
                    must_change_password=must_change).where(User.id == user.id).execute()
        audit.record(actor, "user.reset_password", "user", user.id, after={"must_change_password": must_change})


def set_active(actor: Actor, user_id: int, active: bool) -> dict:
    require(actor, "user.manage")
    user = _get(user_id)
    if not active:
        if actor.user_id == user.id:
            raise ServiceError("不能停用自己的账户")
        if "admin" in _roles_of(user.id) and _active_admins(user.id) == 0:
            raise ServiceError("这是最后一个在用的管理员，不能停用")
    if user.is_active == active:
        return _as_dict(user)
    before = snapshot(user)
    with write_transaction():
        User.update(is_active=active).where(User.id == user.id).execute()
        user = _get(user_id)
        audit.record(actor, "user.enable" if active else "user.disable", "user", user.id, before=before,
                     after=snapshot(user))
    return _as_dict(user)


def change_password(actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password (needs the old one)."""
    require_active(actor)
    user = _get(actor.user_id)
    if not verify_password(old_password or "", user.password_hash):
        raise ValidationError("原密码", "不正确")
    reason = password_problem(new_password)
    if reason:
        raise ValidationError("新密码", reason)
    if new_password == old_password:
        raise ValidationError("新密码", "不能与原密码相同")
    with write_transaction():
        User.update(password_hash=hash_password(new_password), must_change_password=False).where(
            User.id == user.id).execute()
        audit.record(actor, "user.change_password", "user", user.id, after={"must_change_password": False})


def _refuse_locked(who: Actor, user_id: int, until: dt.datetime):
    audit.record(who, "login.failure", "user", user_id, after={"reason": "locked"})
    return AuthenticationFailed(f"密码连续错误{MAX_FAILURES}次，账户已锁定，请于 {until:%H:%M} 后再试，或请管理员重置密码")


def _claim_attempt(user_id: int, now: dt.datetime) -> tuple[User, int | None, AuthenticationFailed | None]:
    """Count this attempt as a failure before the password is checked, in one write transaction.

    The count is one ``UPDATE … SET failed_logins = failed_logins + 1``: concurrent logins (several windows or
    processes) each get their own number, so at most ``MAX_FAILURES`` passwords are checked before the lock, however
    many attempts race. A success resets the count afterwards. Returns the user, this attempt's number, and the
    refusal to raise instead of checking the password (locked, or the budget already taken by attempts in flight).
    """
    with write_transaction():
        user = _get(user_id)
        who = Actor(user.id, user.username, user.display_name)
        if user.locked_until is not None and user.locked_until > now:
            return user, None, _refuse_locked(who, user.id, user.locked_until)
        if user.locked_until is not None:  # an expired lock: a fresh count
            User.update(failed_logins=0, locked_until=None).where(User.id == user.id).execute()
        User.update(failed_logins=User.failed_logins + 1).where(User.id == user.id).execute()
        attempt = User.select(User.failed_logins).where(User.id == user.id).scalar()
        if attempt > MAX_FAILURES:
            # Other attempts in flight have used the budget; lock (a crashed attempt must not block for ever).
            until = now + dt.timedelta(minutes=LOCK_MINUTES)
            User.update(locked_until=until).where(User.id == user.id).execute()
            return user, attempt, _refuse_locked(who, user.id, until)
    return user, attempt, None


def authenticate(username: str, password: str) -> Actor:
    """Log in. Five wrong passwords in a row lock the account for fifteen minutes.

    The message does not say whether the user name exists, and an unknown name takes as long as a wrong password (a
    verification is spent on it). Every attempt is in the audit trail; an unknown name is not recorded as typed, since
    it is often a password typed into the wrong box.
    """
    now = clock.now()
    found = User.get_or_none(User.username == (username or "").strip())
    if found is None:
        verify_nothing(password)
        with write_transaction():
            audit.record(Actor(None, UNKNOWN_USERNAME, "未登录用户"), "login.failure", "user", None,
                         after={"reason": "unknown user"})
        raise AuthenticationFailed("用户名或密码不正确")
    if writes_refused():
        # A damaged database opened read-only: one may log in to read it; nothing can be counted or recorded.
        if found.is_active and verify_password(password or "", found.password_hash):
            return actor_for(found)
        raise AuthenticationFailed("用户名或密码不正确（数据库以只读方式打开，本次尝试无法记录）")
    user, attempt, refusal = _claim_attempt(found.id, now)
    if refusal is not None:
        raise refusal
    who = Actor(user.id, user.username, user.display_name)
    correct = verify_password(password or "", user.password_hash)
    if correct and not user.is_active:
        # Said only to someone who knows the password; a wrong one counts towards the lock like any other.
        with write_transaction():
            audit.record(who, "login.failure", "user", user.id, after={"reason": "disabled"})
        raise AuthenticationFailed("该账户已停用，请联系管理员")
    if not correct:
        with write_transaction():
            audit.record(who, "login.failure", "user", user.id, after={"failures": attempt})
            if attempt >= MAX_FAILURES:
                until = now + dt.timedelta(minutes=LOCK_MINUTES)
                User.update(locked_until=until).where(User.id == user.id).execute()
                audit.record(who, "login.locked", "user", user.id, after={"locked_until": until})
        if attempt >= MAX_FAILURES:
            raise AuthenticationFailed(f"密码连续错误{MAX_FAILURES}次，账户已锁定{LOCK_MINUTES}分钟")
        left = MAX_FAILURES - attempt
        raise AuthenticationFailed(f"用户名或密码不正确（再错{left}次账户将被锁定{LOCK_MINUTES}分钟）")
    if writes_refused():  # a damaged database opened read-only: logging in to read it records nothing
        return actor_for(_get(user.id))
    changes = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    if needs_rehash(user.password_hash):  # made at an older, cheaper cost: store it again at the current one
        changes["password_hash"] = hash_password(password)
    with write_transaction():
        User.update(**changes).where(User.id == user.id).execute()
        audit.record(who, "login.success", "user", user.id,
                     after={"rehashed": True} if "password_hash" in changes else None)
    return actor_for(_get(user.id))


def must_change_password(actor: Actor) -> bool:
    return bool(actor.user_id) and _get(actor.user_id).must_change_password
