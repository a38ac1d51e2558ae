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


# N=2**16, r=8 uses 64 MiB and takes about 200 ms on the office PCs we target (the README gives the measured figure);
# N=2**14 (the cost before) is below current guidance for an offline attacker with a copied database.
DEFAULT_COST = Cost(2 ** 16, 8, 1)
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
    """True when ``stored`` was made with a cost below the current one (or cannot be read)."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    cost = parsed[0]
    return cost.n < COST.n or cost.r < COST.r or cost.p < COST.p


def verify_nothing(password: str) -> None:
    """Spend the time of one verification at the current cost, for a user name that does not exist: a wrong user
    name and a wrong password then take equally long, so the answer time does not tell which names exist."""
    _scrypt(password or "", b"\0" * 16, COST, DKLEN)
