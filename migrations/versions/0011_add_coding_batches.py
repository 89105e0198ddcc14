"""add coding batches: many answers given one theme at once, so it can be undone

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 02:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "coding_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("phrase", sa.String(length=120), nullable=False),
        sa.Column("created_theme", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_coding_batch_created_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
            name=op.f("fk_coding_batch_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_coding_batch_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coding_batch")),
    )
    with op.batch_alter_table("coding_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coding_batch_survey_id"), ["survey_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_coding_batch_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "coding_batch_answer",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answer.id"],
            name=op.f("fk_coding_batch_answer_answer_id_answer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["coding_batch.id"],
            name=op.f("fk_coding_batch_answer_batch_id_coding_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "answer_id", name=op.f("pk_coding_batch_answer")),
    )


def downgrade():
    op.drop_table("coding_batch_answer")
    with op.batch_alter_table("coding_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coding_batch_theme_id"))
        batch_op.drop_index(batch_op.f("ix_coding_batch_survey_id"))
    op.drop_table("coding_batch")
