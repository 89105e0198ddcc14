"""keep an upload's rows in chunks of a thousand, not in one JSON value

Revision ID: 0015
Revises: 0014

`import_batch.rows` held a whole upload (100,000 rows) in one value, which every preview
and import had to read back at once. The rows move to `import_batch_chunk`, a thousand
to a row, so they can be read one chunk at a time; uploads waiting to be imported keep
their rows.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

CHUNK_ROWS = 1000


def upgrade():
    chunk = op.create_table(
        "import_batch_chunk",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_import_batch_chunk_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "position", name=op.f("pk_import_batch_chunk")),
    )
    batch = sa.table("import_batch", sa.column("id", sa.Integer), sa.column("rows", sa.JSON))
    connection = op.get_bind()
    ids = connection.execute(sa.select(batch.c.id).order_by(batch.c.id)).scalars().all()
    for batch_id in ids:
        rows = connection.execute(sa.select(batch.c.rows).where(batch.c.id == batch_id)).scalar()
        values = [
            {
                "batch_id": batch_id,
                "position": start // CHUNK_ROWS,
                "rows": rows[start : start + CHUNK_ROWS],
            }
            for start in range(0, len(rows or []), CHUNK_ROWS)
        ]
        if values:
            connection.execute(chunk.insert(), values)
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_column("rows")


def downgrade():
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rows", sa.JSON(), nullable=True))
    batch = sa.table("import_batch", sa.column("id", sa.Integer), sa.column("rows", sa.JSON))
    chunk = sa.table(
        "import_batch_chunk",
        sa.column("batch_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("rows", sa.JSON),
    )
    connection = op.get_bind()
    for batch_id in connection.execute(sa.select(batch.c.id)).scalars().all():
        pieces = connection.execute(
            sa.select(chunk.c.rows).where(chunk.c.batch_id == batch_id).order_by(chunk.c.position)
        ).scalars()
        rows = [row for piece in pieces for row in piece]
        connection.execute(batch.update().where(batch.c.id == batch_id).values(rows=rows))
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.alter_column("rows", existing_type=sa.JSON(), nullable=False)
    op.drop_table("import_batch_chunk")
