"""guardian invitations: the keys that may not answer (the child's own), and an untold refusal

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("guardian_invitations") as batch:
        # Space-separated keyed hashes (consent pseudonyms) of the child's addresses and account; never addresses.
        batch.add_column(sa.Column("excluded_keys", sa.Text(), nullable=True))
        batch.add_column(sa.Column("refusal_untold", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("guardian_invitations") as batch:
        batch.drop_column("refusal_untold")
        batch.drop_column("excluded_keys")
