"""Password hashing with scrypt (memory-hard). Only the hash is stored; the password is never logged.

A stored hash carries its own parameters (``scrypt$N$r$p$salt$digest``), so hashes made with an older, cheaper cost
still verify; ``needs_rehash`` tells the login to store a new hash at the current cost once the password is known.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Cost:
    n: int  # CPU/memory cost, a power of two
    r: int  # block size
    p: int  # parallelism

    @property
    def memory(self) -> int:
        return 128 * self.n * self.r * self.p


# The cost is chosen for a hash to take 100-250 ms on the 2-core machine the program is measured on, idle: N=2**15,
# r=8 (32 MiB) took 113 ms there, N=2**16 263 ms and N=2**14 (the first cost) 48 ms (the README's 密码与登录).
DEFAULT_COST = Cost(2 ** 15, 8, 1)
COST = DEFAULT_COST  # the cost new hashes are made with
# A stored hash asking for more than this is refused rather than computed (a damaged or hostile database).
MAX_MEMORY = 256 * 1024 * 1024
DKLEN = 32
MIN_LENGTH = 8


def password_problem(password: str) -> str | None:
    if password is None or len(password) < MIN_LENGTH:
        return f"至少{MIN_LENGTH}个字符"
    if password.strip() != password:
        return "首尾不能有空格"
    return None


def _scrypt(password: str, salt: bytes, cost: Cost, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=dklen,
                          maxmem=cost.memory + 16 * 1024 * 1024)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, COST, DKLEN)
    b64 = base64.b64encode
    return f"scrypt${COST.n}${COST.r}${COST.p}${b64(salt).decode()}${b64(digest).decode()}"


def _parse(stored: str) -> tuple[Cost, bytes, bytes] | None:
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return None
        cost = Cost(int(n), int(r), int(p))
        if min(cost.n, cost.r, cost.p) < 1 or cost.memory > MAX_MEMORY:
            return None
        return cost, base64.b64decode(salt), base64.b64decode(digest)
    except (ValueError, TypeError):
        return None


def verify_password(password: str, stored: str) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return False
    cost, salt, expected = parsed
    try:
        actual = _scrypt(password, salt, cost, len(expected))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with another cost than the current one (or cannot be read). A cheaper hash is
    weaker; a dearer one makes that user's login slower than an unknown name's (``verify_nothing`` spends the current
    cost), so the answer time would tell the name exists."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    return parsed[0] != COST


def verify_nothing(password: str) -> None:
    """Spend the time of one verification at the current cost, for a user name that does not exist: a wrong user
    name and a wrong password then take equally long, so the answer time does not tell which names exist."""
    _scrypt(password or "", b"\0" * 16, COST, DKLEN)
