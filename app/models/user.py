"""Staff users who sign in to build surveys and read reports."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, enum_type, utc_now


class Role(enum.StrEnum):
    """What a user may do: admins manage users, leads run surveys, viewers read, and partner
    users see only their own links' counts."""

    ADMIN = "admin"
    LEAD = "lead"
    VIEWER = "viewer"
    PARTNER = "partner"


class User(UserMixin, Base):
    """A member of staff with an e-mail address, a role and a hashed password."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(400))
    role: Mapped[Role] = mapped_column(
        enum_type(Role, "role"),
        default=Role.VIEWER,
    )
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users.
        return self.active

    @property
    def is_admin(self) -> bool:
        """Say whether this user may manage other users."""
        return self.role == Role.ADMIN
