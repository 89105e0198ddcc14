"""The audit log: one append-only row for every change staff make, and every read of answers.

Rows are written inside the change's own transaction (app/services/audit.py), so a change
and its record land together or not at all. Nothing updates or deletes a row.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now


class AuditEvent(Base):
    """Who did what to which thing, and when."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    # Kept when the user is later removed: the log says who it was by name as well.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    user_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    subject: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    survey_id: Mapped[int | None] = mapped_column(index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    # Where the request came from (the client's address as app/proxies.py trusts it).
    address: Mapped[str] = mapped_column(String(45), default="", server_default="")
