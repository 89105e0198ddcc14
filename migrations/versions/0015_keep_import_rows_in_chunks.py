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
    _drop_rows_column()


def _drop_rows_column():
    """Drop `import_batch.rows` in place, never by copying the table (SQLite's batch mode).

    Copying drops the old `import_batch`, and with foreign keys on that deletes every chunk
    just written (ON DELETE CASCADE) and empties every imported response's `import_batch_id`
    (ON DELETE SET NULL), which would leave no import to undo. SQLite drops a plain column
    in place since 3.35.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute('ALTER TABLE import_batch DROP COLUMN "rows"')
    else:
        op.drop_column("import_batch", "rows")


def downgrade():
    op.add_column("import_batch", sa.Column("rows", sa.JSON(), nullable=True))
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
    # NOT NULL again only where it can be set in place: on SQLite it would copy the table,
    # with the losses `_drop_rows_column` describes.
    if connection.dialect.name != "sqlite":
        op.alter_column("import_batch", "rows", existing_type=sa.JSON(), nullable=False)
    op.drop_table("import_batch_chunk")
