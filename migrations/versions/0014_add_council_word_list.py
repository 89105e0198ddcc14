"""add the council's own easy-read word list

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "council_word",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("words", sa.String(length=80), nullable=False),
        sa.Column("plainer", sa.String(length=200), server_default="", nullable=False),
        sa.Column("added_by", sa.String(length=200), server_default="", nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_word")),
        sa.UniqueConstraint("kind", "words", name="uq_council_word_kind_words"),
    )


def downgrade():
    op.drop_table("council_word")
