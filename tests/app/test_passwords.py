import pytest

from app.passwords import hash_password, password_problem, verify_password


def test_hash_and_verify():
    stored = hash_password("正确的密码-2026")
    assert stored.startswith("scrypt$")
    assert "正确的密码" not in stored
    assert verify_password("正确的密码-2026", stored)
    assert not verify_password("错误的密码-2026", stored)


def test_same_password_gets_different_salts():
    assert hash_password("Passw0rd-2026") != hash_password("Passw0rd-2026")


def test_password_rules():
    assert password_problem("short") == "至少8个字符"
    assert password_problem("12345678") is None
    assert password_problem(" 12345678") is not None


def test_garbage_hash_never_verifies():
    assert not verify_password("x", "not-a-hash")
    assert not verify_password("x", "bcrypt$1$2$3$4$5")


def test_production_cost_is_stored_in_the_hash(monkeypatch):
    from app import passwords
    monkeypatch.setattr(passwords, "COST", passwords.DEFAULT_COST)
    assert passwords.DEFAULT_COST.n >= 2 ** 15 and passwords.DEFAULT_COST.r >= 8
    stored = hash_password("Passw0rd-2026")
    assert stored.startswith(f"scrypt${2 ** 15}$8$1$")
    assert verify_password("Passw0rd-2026", stored)
    assert not passwords.needs_rehash(stored)


# A cheaper hash is weaker; a dearer one makes that user's login slower than an unknown name's (verify_nothing).
@pytest.mark.parametrize("stored_n, current_n", [(2 ** 10, 2 ** 11), (2 ** 11, 2 ** 10)])
def test_another_cost_still_verifies_and_asks_for_a_rehash(monkeypatch, stored_n, current_n):
    from app import passwords
    monkeypatch.setattr(passwords, "COST", passwords.Cost(stored_n, 8, 1))
    old = hash_password("Passw0rd-2026")
    monkeypatch.setattr(passwords, "COST", passwords.Cost(current_n, 8, 1))
    assert verify_password("Passw0rd-2026", old)
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(hash_password("Passw0rd-2026"))


def test_a_hash_asking_for_absurd_memory_is_refused_not_computed():
    # 2**30 × 8 × 128 bytes = 1 TiB: a damaged or hostile row must not make the login allocate it.
    assert not verify_password("x", "scrypt$1073741824$8$1$AAAA$AAAA")
    assert not verify_password("x", "scrypt$0$8$1$AAAA$AAAA")
