"""retention: when a chat was masked/deleted, and a record of each worker run

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot ALTER TABLE ... ADD an indexed column otherwise.
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("masked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch.create_index("ix_conversations_masked_at", ["masked_at"])
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("masked", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("deleted", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("rule_counts", sa.Text(), nullable=False, server_default="{}"),
        sa.PrimaryKeyConstraint("id", name="pk_retention_runs"),
    )
    op.create_index("ix_retention_runs_finished_at", "retention_runs", ["finished_at"])


def downgrade() -> None:
    op.drop_index("ix_retention_runs_finished_at", table_name="retention_runs")
    op.drop_table("retention_runs")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_index("ix_conversations_masked_at")
        batch.drop_column("deleted_at")
        batch.drop_column("masked_at")
