"""add draft display choices and per-draft come-back code tries

A draft keeps the display choices (text size, colours, words, pictures) a person had when
they saved it, so coming back with the code restores them. Wrong come-back codes are
counted per draft and address (`resume_attempt.survey_id`, `handle`) instead of locking the
draft for everyone, so the draft's own lock columns go.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 02:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("display_choices", sa.JSON(), nullable=True))
        batch_op.drop_column("resume_failures")
        batch_op.drop_column("resume_locked_until")
    # Old tries were counted per address only: they cannot be given a draft, and last an hour.
    op.execute("DELETE FROM resume_attempt")
    with op.batch_alter_table("resume_attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("survey_id", sa.Integer(), nullable=False))
        batch_op.add_column(sa.Column("handle", sa.String(length=8), nullable=False))
        batch_op.create_index(
            "ix_resume_attempt_survey_id_handle_address_hash",
            ["survey_id", "handle", "address_hash"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("resume_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_resume_attempt_survey_id_handle_address_hash")
        batch_op.drop_column("handle")
        batch_op.drop_column("survey_id")
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("resume_locked_until", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("resume_failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_column("display_choices")
