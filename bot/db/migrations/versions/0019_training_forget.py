"""training_forget: pseudonymous chats whose lines must leave the training data and models (AISVS C11)

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_forget",
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_id", name="pk_training_forget"),
    )


def downgrade() -> None:
    op.drop_table("training_forget")
