"""Slow down password guessing without letting anyone lock a colleague out.

Services layer. Counts failed sign-ins in Flask-Limiter's storage (memory, or Redis when
several instances share `RATELIMIT_STORAGE_URI`), keyed by address and by the e-mail address
typed, whether or not an account has it:

- one address that fails too often is refused for a while (`TooManyTries`, 429), for every
  account, and so is one address that fails too often for one account;
- an account that fails too often from anywhere is slowed down, not locked: each try waits
  a little before the password is checked, and the right password still gets in. So ten
  wrong guesses from a stranger cannot keep the admin out.

Nothing here looks at whether the account exists, so the answers and their timing say
nothing about which addresses have accounts.

With the shared storage (Redis) down, failures are counted in this process's memory until
it answers again: sign-in keeps working and guessing is still slowed, per process.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter

from app.extensions import limiter
from app.services.errors import ServiceError

# Failed sign-ins counted in this window; how many, from the settings
# SIGN_IN_FAILURES_PER_ADDRESS and SIGN_IN_FAILURES_PER_ACCOUNT (config.py).
WINDOW = "15 minutes"
# Asking for a link to choose a new password ("Forgotten your password?").
RESETS_PER_ADDRESS = parse("10 per hour")
RESETS_PER_ACCOUNT = parse("3 per hour")
SLOW_DOWN_SECONDS = 2.0
pause = time.sleep  # replaced in tests, which must not wait
log = logging.getLogger(__name__)
_in_memory = FixedWindowRateLimiter(MemoryStorage())
T = TypeVar("T")


class TooManyTries(ServiceError):
    """This address has failed to sign in too often; it must wait."""

    status_code = 429


TOO_MANY_TRIES = "You have tried to sign in too many times. Wait 15 minutes, then try again"
TOO_MANY_RESETS = "You have asked for too many links. Wait an hour, then try again"


def _account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def failures_allowed(setting: str) -> RateLimitItem:
    """Return the limit named by a sign-in setting: that many failures in the window."""
    return parse(f"{current_app.config[setting]} per {WINDOW}")


def _limits(email: str, address: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    account = _account_key(email)
    per_account = failures_allowed("SIGN_IN_FAILURES_PER_ACCOUNT")
    return [
        (failures_allowed("SIGN_IN_FAILURES_PER_ADDRESS"), ("sign-in address", address)),
        (per_account, ("sign-in address and account", address, account)),
        (per_account, ("sign-in account", account)),
    ]


def _counted(operation: Callable[[RateLimiter], T]) -> T:
    """Run `operation` on the shared storage, or on this process's memory if it is down."""
    try:
        return operation(limiter.limiter)
    except StorageError:
        log.warning("Rate limit storage unreachable: sign-in failures counted in memory")
        return operation(_in_memory)


def before_checking(email: str, address: str) -> None:
    """Refuse an address that has failed too often; wait when the account is being guessed."""
    _counted(lambda strategy: _before_checking(strategy, email, address))


def _before_checking(strategy: RateLimiter, email: str, address: str) -> None:
    by_address, by_pair, by_account = _limits(email, address)
    if not strategy.test(by_address[0], *by_address[1]) or not strategy.test(
        by_pair[0], *by_pair[1]
    ):
        raise TooManyTries(TOO_MANY_TRIES, field="email")
    if not strategy.test(by_account[0], *by_account[1]):
        pause(SLOW_DOWN_SECONDS)


def failed(email: str, address: str) -> None:
    """Count one failed sign-in against the address, the pair and the account."""
    for item, identifiers in _limits(email, address):
        _counted(lambda strategy, item=item, ids=identifiers: strategy.hit(item, *ids))


def account_is_slowed(email: str) -> bool:
    """Say whether sign-ins to this e-mail address are being slowed down now."""
    item, identifiers = _limits(email, "")[2]
    return not _counted(lambda strategy: strategy.test(item, *identifiers))


def before_sending_a_reset(email: str, address: str) -> None:
    """Count one request for a reset link; refuse it if the address or the e-mail address
    typed (whether or not it has an account) has asked too often in the last hour."""
    _counted(lambda strategy: _before_sending_a_reset(strategy, email, address))


def _before_sending_a_reset(strategy: RateLimiter, email: str, address: str) -> None:
    by_address = strategy.hit(RESETS_PER_ADDRESS, "reset address", address)
    by_account = strategy.hit(RESETS_PER_ACCOUNT, "reset account", _account_key(email))
    if not (by_address and by_account):
        raise TooManyTries(TOO_MANY_RESETS, field="email")
