"""Frameworks and their principles: the commitments a council reports against.

A framework is data (a YAML file in `app/frameworks/` loaded into these rows), never code.
"""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Framework(Base):
    """A set of principles, such as Gateshead's Working Together for Change."""

    __tablename__ = "framework"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    easy_read_title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    principles: Mapped[list["Principle"]] = relationship(
        back_populates="framework", order_by="Principle.position", cascade="all, delete-orphan"
    )


class Principle(Base):
    """One principle of a framework, in the framework's own order."""

    __tablename__ = "principle"
    __table_args__ = (UniqueConstraint("framework_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    easy_read_title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    picture_key: Mapped[str] = mapped_column(String(80), default="")
    framework: Mapped[Framework] = relationship(back_populates="principles")
