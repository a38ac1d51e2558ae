"""Password hashing with scrypt (memory-hard). Only the hash is stored; the password is never logged."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

# scrypt cost: n=2**14, r=8 uses 16 MiB and ~50 ms per check on the office PCs we target.
N, R, P, DKLEN = 2 ** 14, 8, 1, 32
MIN_LENGTH = 8


def password_problem(password: str) -> str | None:
    if password is None or len(password) < MIN_LENGTH:
        return f"至少{MIN_LENGTH}个字符"
    if password.strip() != password:
        return "首尾不能有空格"
    return None


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=DKLEN, maxmem=64 * 1024 * 1024)
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
