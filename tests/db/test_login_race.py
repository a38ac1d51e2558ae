"""The lockout holds when several processes guess at once: 4 processes × 8 wrong passwords check at most five."""
import multiprocessing

from app import users
from app.passwords import Cost
from db import migrations
from db.connection import close_database, open_database, sqlite_url

PROCESSES, ATTEMPTS = 4, 8


def _guess(url: str, barrier, results) -> None:
    """One process: wait for the others, then try eight wrong passwords; report how many were actually checked."""
    from app import passwords
    passwords.COST = Cost(2 ** 12, 8, 1)  # a few ms a check: the processes overlap
    open_database(url)
    checked = 0
    real = users.verify_password

    def counting(password, stored):
        nonlocal checked
        checked += 1
        return real(password, stored)

    users.verify_password = counting
    barrier.wait()
    for i in range(ATTEMPTS):
        try:
            users.authenticate("zhang", f"wrong-password-{i}")
        except users.AuthenticationFailed:
            pass
    results.put(checked)


def test_four_processes_check_at_most_five_passwords(tmp_path, system):
    url = sqlite_url(tmp_path / "race.db")
    migrations.migrate(open_database(url))
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    try:
        _race(url)
    finally:
        close_database()


def _race(url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_guess, args=(url, barrier, results)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    checked = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert sum(checked) <= users.MAX_FAILURES, checked
    from db.models import User
    assert User.get(User.username == "zhang").locked_until is not None
