"""consent records: the (hashed) chat a consent was given in

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consent_records") as batch:
        batch.add_column(sa.Column("conversation_key", sa.String(64), nullable=True))
        batch.create_index("ix_consent_records_conversation_key", ["conversation_key"])


def downgrade() -> None:
    with op.batch_alter_table("consent_records") as batch:
        batch.drop_index("ix_consent_records_conversation_key")
        batch.drop_column("conversation_key")
