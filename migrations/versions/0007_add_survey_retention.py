"""add survey retention: how long answers are kept, and what removing them means

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_months", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "removal",
                sa.String(length=20),
                nullable=False,
                server_default="personal_data",
            )
        )
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("kept_figures", sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_column("kept_figures")
        batch_op.drop_column("purged_at")
        batch_op.drop_column("removal")
        batch_op.drop_column("retention_months")
