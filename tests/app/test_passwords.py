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
