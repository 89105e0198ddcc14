"""add staff's redaction choices to quotes and a kept-names list to surveys

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 01:58:00

A quote remembers the words staff wrote instead of the answer (if any), the words they chose
to keep that the redactor had removed, and the words they removed by hand; a survey keeps the
staff or team names a council chooses to publish. Lists are stored as JSON arrays of strings.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edited_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("kept_words", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("removed_words", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kept_names", sa.JSON(), nullable=False, server_default="[]"))


def downgrade():
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_column("kept_names")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_column("removed_words")
        batch_op.drop_column("kept_words")
        batch_op.drop_column("edited_text")
