"""Staff accounts: create them with a strong password, and check sign-ins with a lockout.

Passwords are hashed with scrypt (Werkzeug). A failed sign-in never says whether the
e-mail address exists. The lockout's numbers live here and nowhere else. Each public function
that writes is one transaction (`@transactional`).
"""

from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import Role, User
from app.models.base import utc_now
from app.services.errors import NotFound, ServiceError
from app.services.form_input import NotAWholeNumber, whole_number
from app.services.transactions import commit_now, flush_or_refuse, transactional

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 1024
MAX_FAILED_SIGN_INS = 10
LOCKOUT = timedelta(minutes=15)
SIGN_IN_FAILED = "Enter a correct email address and password"
EMAIL_TAKEN = "A user with this email address already exists"
COMMON_PASSWORDS = frozenset(
    {
        "password", "password1", "passw0rd", "passw0rd!", "password123", "12345678",
        "123456789", "1234567890", "qwerty123", "qwertyuiop", "iloveyou", "letmein1",
        "welcome1", "admin123", "football", "sunshine", "princess", "trustno1",
    }
)  # fmt: skip
# Spent on an unknown address too, so a failure takes as long whether or not it exists.
_DUMMY_HASH = generate_password_hash("heard-timing-equaliser", method="scrypt")


def check_password_strength(password: str) -> None:
    """Raise ServiceError with a reason when a password is too weak or too long."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ServiceError(
            f"Password must be {PASSWORD_MIN_LENGTH} characters or more", field="password"
        )
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ServiceError(
            f"Password must be {PASSWORD_MAX_LENGTH:,} characters or fewer", field="password"
        )
    if password.lower() in COMMON_PASSWORDS:
        raise ServiceError("Choose a password that is harder to guess", field="password")


@transactional
def create_user(
    *, email: str, name: str, role: Role | str, password: str, partner_id: int | None = None
) -> User:
    """Create a user; the address must be new, and partner users need a partner."""
    try:
        address = validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ServiceError("Enter an email address like name@example.gov.uk", field="email") from (
            error
        )
    check_password_strength(password)
    role = Role(role)
    if (role == Role.PARTNER) != (partner_id is not None):
        raise ServiceError("Partner users, and only they, belong to a partner", field="partner")
    if find_user_by_email(address):
        raise ServiceError(EMAIL_TAKEN, field="email")
    user = User(
        email=address,
        name=name.strip() or address,
        role=role,
        partner_id=partner_id,
        password_hash=generate_password_hash(password, method="scrypt"),
    )
    db.session.add(user)
    flush_or_refuse(EMAIL_TAKEN, field="email")  # the same value added at the same moment
    return user


def find_user_by_email(email: str) -> User | None:
    """Return the user with this e-mail address, ignoring case."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


@transactional
def authenticate(email: str, password: str) -> User:
    """Return the user these credentials belong to, or raise with one generic message."""
    user = find_user_by_email(email)
    if user is None or len(password) > PASSWORD_MAX_LENGTH:
        check_password_hash(_DUMMY_HASH, password[:PASSWORD_MAX_LENGTH])
        raise ServiceError(SIGN_IN_FAILED, field="email")
    now = utc_now()
    if user.locked_until and user.locked_until > now:
        raise ServiceError(SIGN_IN_FAILED, field="email")
    if not user.active or not check_password_hash(user.password_hash, password):
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= MAX_FAILED_SIGN_INS:
            user.locked_until = now + LOCKOUT
            user.failed_sign_ins = 0
        commit_now()  # the wrong password must count although the sign-in is then refused
        raise ServiceError(SIGN_IN_FAILED, field="email")
    user.failed_sign_ins = 0
    user.locked_until = None
    return user


def get_user(user_id: str) -> User | None:
    """Return the user with this id as a session stores it, or None if there is none."""
    try:
        number = whole_number(user_id)
    except NotAWholeNumber:
        return None
    return db.session.get(User, number) if number is not None else None


def list_users() -> list[User]:
    """Return every staff user, by name."""
    return list(db.session.scalars(select(User).order_by(User.name)))


@transactional
def change_role(user_id: int, role: str) -> User:
    """Give a user a new role."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("We cannot find this user")
    try:
        user.role = Role(role)
    except ValueError as error:
        raise ServiceError("Choose a role", field="role") from error
    return user
