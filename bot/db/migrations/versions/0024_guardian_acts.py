"""a guardian acts for a child: who made a case, how the guardian was verified, for which child

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("made_by", sa.String(16), nullable=True))
        batch.add_column(sa.Column("guardian_verified", sa.String(16), nullable=True))
        # Keyed hash of the child's reference, and the reference itself encrypted (bot.cases.keys).
        batch.add_column(sa.Column("child_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("encrypted_child_reference", sa.Text(), nullable=True))
        batch.create_index("ix_cases_child_key", ["child_key"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_child_key")
        batch.drop_column("encrypted_child_reference")
        batch.drop_column("child_key")
        batch.drop_column("guardian_verified")
        batch.drop_column("made_by")
