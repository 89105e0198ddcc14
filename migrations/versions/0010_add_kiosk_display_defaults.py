"""add kiosk display defaults and the time each kiosk last moved on to the next person

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 01:55:00

Each kiosk gets the display choices every new person starts with (set by staff), and
`moved_on_at`: pages of a visit that ended before it are never shown again on that kiosk.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DEFAULTS = (
    ("display_lang", 8, "en"),
    ("display_words", 16, "easy"),
    ("display_pictures", 8, "on"),
    ("display_size", 8, "0"),
    ("display_contrast", 16, "normal"),
)


def upgrade():
    with op.batch_alter_table("kiosk", schema=None) as batch_op:
        for name, length, default in DEFAULTS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default=default)
            )
        batch_op.add_column(sa.Column("moved_on_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("kiosk", schema=None) as batch_op:
        batch_op.drop_column("moved_on_at")
        for name, _, _ in reversed(DEFAULTS):
            batch_op.drop_column(name)
