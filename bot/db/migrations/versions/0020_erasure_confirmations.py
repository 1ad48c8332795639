"""erasure confirmations: the awaited «Yes, erase», shared by the action server and the chat channel

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_confirmations",
        sa.Column("chat_key", sa.String(64), nullable=False),
        sa.Column("awaited", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_key", name="pk_erasure_confirmations"),
    )
    op.create_index("ix_erasure_confirmations_expires_at", "erasure_confirmations", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_erasure_confirmations_expires_at", "erasure_confirmations")
    op.drop_table("erasure_confirmations")
