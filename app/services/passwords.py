"""Staff passwords: the rules a new one must meet, and how it is hashed and checked.

Services layer, Flask-free. The rules follow the NCSC's password guidance: length over
complexity (12 characters or more), no expiry, and a deny-list of common passwords shipped
beside this module (`common_passwords.txt.gz`, see docs/staff-accounts.md). Hashes are
scrypt (memory-hard) through Werkzeug; a hash made with older parameters is replaced at the
next successful sign-in (`needs_rehash`).
"""

import gzip
import re
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from app.services.errors import ServiceError

MIN_LENGTH = 12
MAX_LENGTH = 1024
# scrypt with N=2**15, r=8, p=1: about 32 MB and a tenth of a second a check.
HASH_METHOD = "scrypt:32768:8:1"
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt.gz")
# A common password with digits or marks added at either end is still a common password.
_PADDING = re.compile(r"^[\d\W_]+|[\d\W_]+$")
# Checked when there is no real hash to check, so every failure costs the same work.
_UNUSABLE = generate_password_hash("heard-no-password-here", method=HASH_METHOD)


@cache
def common_passwords() -> frozenset[str]:
    """Return the shipped deny-list, lower case."""
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def is_common(password: str) -> bool:
    """Say whether a password is on the deny-list, with or without digits added at its ends."""
    lowered = password.strip().lower()
    core = _PADDING.sub("", lowered)
    return lowered in common_passwords() or (len(core) >= 4 and core in common_passwords())


def check_strength(password: str) -> None:
    """Raise ServiceError with the reason when a password may not be used."""
    if len(password) < MIN_LENGTH:
        raise ServiceError(f"Password must be {MIN_LENGTH} characters or more", field="password")
    if len(password) > MAX_LENGTH:
        raise ServiceError(f"Password must be {MAX_LENGTH:,} characters or fewer", field="password")
    if len(set(password)) < 4 or is_common(password):
        raise ServiceError(
            "This password is too easy to guess. Try three random words", field="password"
        )


def hash_password(password: str) -> str:
    """Return the scrypt hash to store for a password."""
    return generate_password_hash(password, method=HASH_METHOD)


def verify(stored_hash: str, password: str) -> bool:
    """Say whether a password matches a stored hash, doing the same work when there is none."""
    password = password[:MAX_LENGTH]
    if not stored_hash:
        check_password_hash(_UNUSABLE, password)
        return False
    return check_password_hash(stored_hash, password)


def waste_a_check(password: str) -> None:
    """Do the work of one check for a sign-in that has no account behind it."""
    verify("", password)


def needs_rehash(stored_hash: str) -> bool:
    """Say whether a hash was made with other parameters than today's."""
    return not stored_hash.startswith(HASH_METHOD + "$")
