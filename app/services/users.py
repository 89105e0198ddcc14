"""Staff accounts: admins add, change and deactivate them; everyone signs in and out.

Services layer. Users are deactivated, never deleted, so the audit log keeps their name.
A new user gets a one-time link to choose a password (`sign_in_links`); the password rules
and hashing live in `passwords`, the slowing down of guessing in `sign_in_throttle`, the
server-side sessions in `staff_sessions`. A failed sign-in never says whether the e-mail
address has an account, and costs the same work either way. Each public function that
writes is one transaction (`@transactional`) with its audit row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from app.extensions import db
from app.models import LinkPurpose, Partner, Role, User
from app.services import audit, mail, passwords, sign_in_links, sign_in_throttle, staff_sessions
from app.services.errors import NotFound, ServiceError
from app.services.form_input import NotAWholeNumber, whole_number
from app.services.transactions import commit_now, flush_or_refuse, transactional

SIGN_IN_FAILED = "Enter a correct email address and password"
NO_SELF_SERVICE_RESET = (
    "Heard cannot send e-mails here. Ask an admin to send you a link to choose a new password"
)
EMAIL_TAKEN = "A user with this email address already exists"
PARTNER_NEEDED = "Choose the partner this user works for"
LAST_ADMIN = "Heard must keep at least one active admin"
PASSWORD_MAX_LENGTH = passwords.MAX_LENGTH
# The users table keeps this many characters of a name.
NAME_LENGTH = 200
check_password_strength = passwords.check_strength


def _email_address(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ServiceError(
            "Enter an email address like name@example.gov.uk", field="email"
        ) from error


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError as error:
        raise ServiceError("Choose a role", field="role") from error


def _partner_for(role: Role, partner_id: int | None) -> int | None:
    """Return the partner a user of this role belongs to: partner users need one, others none."""
    if role != Role.PARTNER:
        return None
    if partner_id is None or db.session.get(Partner, partner_id) is None:
        raise ServiceError(PARTNER_NEEDED, field="partner_id")
    return partner_id


@transactional
def create_user(
    *,
    email: str,
    name: str,
    role: Role | str,
    password: str | None = None,
    partner_id: int | None = None,
) -> User:
    """Create a user; the address must be new, and partner users need a partner.

    Without a password the user cannot sign in until they choose one through their link.
    """
    address = _email_address(email)
    name = _name(name)
    if password is not None:
        passwords.check_strength(password)
    role = _role(role)
    if role != Role.PARTNER and partner_id is not None:
        raise ServiceError("Only partner users belong to a partner", field="partner_id")
    partner_id = _partner_for(role, partner_id)
    if find_user_by_email(address):
        raise ServiceError(EMAIL_TAKEN, field="email")
    user = User(
        email=address,
        name=name or address,
        role=role,
        partner_id=partner_id,
        password_hash=passwords.hash_password(password) if password else "",
    )
    db.session.add(user)
    flush_or_refuse(EMAIL_TAKEN, field="email")  # the same value added at the same moment
    audit.record(
        audit.current_actor(), "user.create", subject="user", subject_id=user.id,
        email=user.email, role=role.value, partner_id=partner_id,
    )  # fmt: skip
    return user


@transactional
def invite_user(
    *,
    email: str,
    name: str,
    role: Role | str,
    partner_id: int | None,
    address_for: Callable[[str], str],
) -> tuple[User, str | None]:
    """Add a user and send their one-time link; return the link too when it is not e-mailed."""
    if not " ".join(name.split()):
        raise ServiceError("Enter the person's name", field="name")
    user = create_user(email=email, name=name, role=role, partner_id=partner_id)
    return user, sign_in_links.send(user, LinkPurpose.NEW_USER, address_for)


@transactional
def send_reset_link(user_id: int, address_for: Callable[[str], str]) -> tuple[User, str | None]:
    """Send a user a link to choose a new password; return it too when it is not e-mailed."""
    user = _get(user_id)
    if not user.active:
        raise ServiceError("Reactivate this user first", field="user")
    return user, sign_in_links.send(user, LinkPurpose.RESET, address_for)


@transactional
def send_forgotten_password_link(
    email: str, address_for: Callable[[str], str], *, address: str = ""
) -> None:
    """E-mail a link to choose a new password to the active user with this address, if any.

    For "Forgotten your password?": the link only ever goes by e-mail (shown on the page,
    anyone could take over an account), and the caller says the same whether or not an
    account has the address. Refused (TooManyTries) when asked too often.
    """
    if not mail.is_configured():
        raise ServiceError(NO_SELF_SERVICE_RESET, field="email")
    sign_in_throttle.before_sending_a_reset(email, address)
    user = find_user_by_email(email) if len(email) <= 320 else None
    if user is None or not user.active:
        audit.record(
            audit.current_actor(), "link.not_sent", subject="user", email=email.strip()[:320]
        )
        return
    sign_in_links.send(user, LinkPurpose.RESET, address_for)


def find_user_by_email(email: str) -> User | None:
    """Return the user with this e-mail address, ignoring case."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


@dataclass(frozen=True)
class SignedIn:
    """A successful sign-in: the user, and the token of their new server-side session."""

    user: User
    session_token: str


@transactional
def sign_in(email: str, password: str, *, address: str = "") -> SignedIn:
    """Check the credentials and start a session, or raise with one generic message."""
    user = authenticate(email, password, address=address)
    return SignedIn(user, staff_sessions.start(user, address=address))


@transactional
def authenticate(email: str, password: str, *, address: str = "") -> User:
    """Return the user these credentials belong to, or raise with one generic message.

    Every attempt does the same work (one scrypt check) whether or not the address has an
    account, the account is deactivated or it is being slowed down.
    """
    sign_in_throttle.before_checking(email, address)
    user = find_user_by_email(email) if len(email) <= 320 else None
    matches = passwords.verify(user.password_hash if user else "", password)
    if user is None or not user.active or not matches or len(password) > PASSWORD_MAX_LENGTH:
        _refuse_sign_in(email, address, user)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    audit.record(
        audit.Actor(user.id, user.name, address), "sign-in", subject="user", subject_id=user.id
    )
    return user


def _refuse_sign_in(email: str, address: str, user: User | None) -> NoReturn:
    sign_in_throttle.failed(email, address)
    actor = audit.Actor(user.id, user.name, address) if user else audit.Actor(None, "", address)
    audit.record(
        actor, "sign-in.failed", subject="user", subject_id=actor.user_id, email=email.strip()[:320]
    )
    commit_now()  # the failed sign-in stays in the audit log although it is refused
    raise ServiceError(SIGN_IN_FAILED, field="email")


@transactional
def sign_out(user: User, session_token: str | None) -> None:
    """End this browser's session."""
    staff_sessions.end(session_token)
    audit.record(audit.current_actor(), "sign-out", subject="user", subject_id=user.id)


@transactional
def sign_out_everywhere(user: User) -> int:
    """End every session of this user, on every device; return how many there were."""
    ended = staff_sessions.end_all(user.id)
    audit.record(
        audit.current_actor(), "sign-out.everywhere", subject="user", subject_id=user.id,
        sessions=ended,
    )  # fmt: skip
    return ended


@transactional
def change_password(user: User, current: str, new: str, *, address: str = "") -> str:
    """Give a signed-in user a new password, end all their sessions and start this one again.

    Returns the token of the new session for this browser; every other device is signed out.
    """
    if not passwords.verify(user.password_hash, current):
        raise ServiceError("Enter your current password", field="current")
    passwords.check_strength(new)
    if new == current:
        raise ServiceError("Choose a password you have not used here before", field="password")
    user.password_hash = passwords.hash_password(new)
    ended = staff_sessions.end_all(user.id)
    audit.record(
        audit.current_actor(), "password.change", subject="user", subject_id=user.id,
        sessions_ended=ended,
    )  # fmt: skip
    return staff_sessions.start(user, address=address)


def get_user(user_id: str) -> User | None:
    """Return the user with this id as a session stores it, or None if there is none."""
    try:
        number = whole_number(user_id)
    except NotAWholeNumber:
        return None
    return db.session.get(User, number) if number is not None else None


def _get(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("We cannot find this user")
    return user


def list_users() -> list[User]:
    """Return every staff user: active ones first, each group by name."""
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.name)))


def _refuse_losing_the_last_admin(user: User) -> None:
    if user.role != Role.ADMIN or not user.active:
        return
    admins = db.session.scalar(
        select(func.count()).where(User.role == Role.ADMIN, User.active.is_(True))
    )
    if admins <= 1:
        raise ServiceError(LAST_ADMIN, field="role")


@transactional
def change_role(user_id: int, role: str, partner_id: int | None = None) -> User:
    """Give a user a new role; a partner user must be given a partner."""
    user = _get(user_id)
    new_role = _role(role)
    new_partner = _partner_for(new_role, partner_id)
    if new_role != Role.ADMIN:
        _refuse_losing_the_last_admin(user)
    old_role = user.role
    user.role, user.partner_id = new_role, new_partner
    audit.record(
        audit.current_actor(), "user.role", subject="user", subject_id=user.id,
        old=old_role.value, new=new_role.value, partner_id=new_partner,
    )  # fmt: skip
    return user


@transactional
def deactivate(user_id: int) -> User:
    """Stop a user signing in and end their sessions; they stay in the audit log by name."""
    user = _get(user_id)
    if user.id == audit.current_actor().user_id:
        raise ServiceError("You cannot deactivate yourself", field="user")
    _refuse_losing_the_last_admin(user)
    user.active = False
    ended = staff_sessions.end_all(user.id)
    audit.record(
        audit.current_actor(), "user.deactivate", subject="user", subject_id=user.id,
        sessions_ended=ended,
    )  # fmt: skip
    return user


@transactional
def reactivate(user_id: int) -> User:
    """Let a deactivated user sign in again (with the password they had)."""
    user = _get(user_id)
    user.active = True
    audit.record(audit.current_actor(), "user.reactivate", subject="user", subject_id=user.id)
    return user


def _name(name: str) -> str:
    """Return the name with its spaces tidied, or refuse one too long to keep whole."""
    name = " ".join(name.split())
    if len(name) > NAME_LENGTH:
        raise ServiceError(f"The name must be {NAME_LENGTH} characters or fewer", field="name")
    return name
