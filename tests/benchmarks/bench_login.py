"""Logging in at the production scrypt cost: the time of one hash, of a wrong password for a known user and for an
unknown user name (they must be alike, so the answer time does not tell which names exist), and the cost of the
permission check that reads the user's current roles and active flag at every service call."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import best_time, result

LOGINS = 9
CHECKS = 5_000


def _median_logins(*usernames: str) -> list[float]:
    """The median time of a wrong-password login for each name, the names taking turns (so that a change in the
    machine's load falls on all of them alike)."""
    from app import users
    from db.models import User
    times: dict[str, list[float]] = {u: [] for u in usernames}
    for _ in range(LOGINS):
        for username in usernames:
            User.update(failed_logins=0, locked_until=None).execute()  # stay below the lock
            started = time.perf_counter()
            try:
                users.authenticate(username, "wrong-password")
            except users.AuthenticationFailed:
                pass
            times[username].append(time.perf_counter() - started)
    return [statistics.median(times[u]) for u in usernames]


def run() -> list[dict]:
    from app import passwords, users
    from app.actor import system_actor
    from app.permissions import require
    from db import migrations
    from db.connection import close_database, open_database, sqlite_url
    from db.models import User

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        migrations.migrate(open_database(sqlite_url(Path(tmp) / "bench.db")))
        try:
            hash_s = best_time(lambda: passwords.hash_password("Passw0rd-2026"), repeat=5)
            out.append(result(f"scrypt 散列一次（当前参数 N=2^{passwords.COST.n.bit_length() - 1}，r={passwords.COST.r}，"
                              f"{passwords.COST.memory // 2 ** 20} MiB）", hash_s * 1000, "ms", 250))
            # The costs the choice was made between, timed in the same run: the machine's load shows in all of them.
            for exponent in (14, 15, 16):
                cost = passwords.Cost(2 ** exponent, 8, 1)
                took = best_time(lambda: passwords._scrypt("Passw0rd-2026", b"\0" * 16, cost, passwords.DKLEN),
                                 repeat=5)
                out.append(result(f"scrypt N=2^{exponent}（{cost.memory // 2 ** 20} MiB）", took * 1000, "ms"))
            users.create_user(system_actor(), "zhang", "张三", "Passw0rd-2026", ["clerk"])
            known, unknown = _median_logins("zhang", "no-such-user")
            out.append(result("登录：已有用户、密码错误（中位数）", known * 1000, "ms"))
            out.append(result("登录：不存在的用户名（中位数）", unknown * 1000, "ms"))
            out.append(result("两者用时之差", abs(unknown - known) / known * 100, "%", 10))
            actor = users.actor_for(User.get(username="zhang"))
            per = best_time(lambda: [require(actor, "request.view") for _ in range(CHECKS)]) / CHECKS
            out.append(result("权限检查一次（读取当前角色和启用状态）", per * 1e6, "µs", 500))
        finally:
            close_database()
    return out
