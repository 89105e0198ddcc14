"""add import provenance (content hash, row counts, column letters, undo) and respondent keys

Responses remember the import batch and the other tool's response id they came from, so a
file or a row imported twice is refused and a whole batch can be undone; `respondent_key`
holds a keyed hash of the respondent id a lead mapped, so rows with one id count as one
person. Written by hand.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:55:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("row_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("letters", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("response_count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_import_batch_content_hash"), ["content_hash"], unique=False
        )

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("respondent_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("source_response_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_response_respondent_key"), ["respondent_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_response_source_response_id"), ["source_response_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_response_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_response_import_batch_id_import_batch"),
            "import_batch",
            ["import_batch_id"],
            ["id"],
            ondelete="SET NULL",
        )

    # Uploads already imported keep no rows: only what undoing and refusing a repeat need.
    op.execute("UPDATE import_batch SET rows = '[]' WHERE imported_at IS NOT NULL")


def downgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_response_import_batch_id_import_batch"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_response_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_response_source_response_id"))
        batch_op.drop_index(batch_op.f("ix_response_respondent_key"))
        batch_op.drop_column("import_batch_id")
        batch_op.drop_column("source_response_id")
        batch_op.drop_column("respondent_key")

    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_content_hash"))
        batch_op.drop_column("undone_at")
        batch_op.drop_column("response_count")
        batch_op.drop_column("letters")
        batch_op.drop_column("row_count")
        batch_op.drop_column("content_hash")
