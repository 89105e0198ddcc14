"""Staff users who sign in to build surveys and read reports, their sessions and their links.

A session is kept on the server (`StaffSession`), so signing out, a new password or a
deactivation ends it even if someone kept the cookie. A one-time link (`SignInLink`) lets a
new user choose a password, or a user whose password was reset choose a new one. Only a
hash of each secret is stored.
"""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, enum_type, utc_now


class Role(enum.StrEnum):
    """What a user may do: admins manage users, leads run surveys, viewers read, and partner
    users see only their own links' counts."""

    ADMIN = "admin"
    LEAD = "lead"
    VIEWER = "viewer"
    PARTNER = "partner"


class User(UserMixin, Base):
    """A member of staff with an e-mail address, a role and a hashed password.

    Users are deactivated, never deleted, so the audit log keeps who did what.
    """

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Empty until a new user has chosen a password through their one-time link.
    password_hash: Mapped[str] = mapped_column(String(400))
    role: Mapped[Role] = mapped_column(
        enum_type(Role, "role"),
        default=Role.VIEWER,
    )
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    partner = relationship("Partner")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users.
        return self.active

    @property
    def is_admin(self) -> bool:
        """Say whether this user may manage other users."""
        return self.role == Role.ADMIN


class StaffSession(Base):
    """One signed-in browser: ended by signing out, a new password or a deactivation."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    address: Mapped[str] = mapped_column(String(45), default="")


class LinkPurpose(enum.StrEnum):
    """Why a one-time link was made."""

    NEW_USER = "new user"
    RESET = "reset"


class SignInLink(Base):
    """A one-time link to choose a password: it works once, for 24 hours."""

    __tablename__ = "sign_in_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    user: Mapped[User] = relationship()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[LinkPurpose] = mapped_column(enum_type(LinkPurpose, "link_purpose"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
