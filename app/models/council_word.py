"""A council's own additions to the easy-read word lists the builder checks against.

The shipped lists live in `app/services/easy_read_checks/plain_words.yaml`. A council adds to
them from the staff pages: a hard word with plainer words offered instead, initials its
residents know, or a shipped hard word it does not want flagged (a service's own name, say).
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now


class CouncilWordKind(StrEnum):
    """What a council word does to the checks."""

    HARD_WORD = "hard_word"
    ALLOWED_INITIALS = "allowed_initials"
    NOT_HARD = "not_hard"


class CouncilWord(Base):
    """One entry of the council's word list."""

    __tablename__ = "council_word"
    __table_args__ = (UniqueConstraint("kind", "words", name="uq_council_word_kind_words"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # Hard words and "not hard" words are kept in small letters; initials as written.
    words: Mapped[str] = mapped_column(String(80))
    plainer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    added_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
