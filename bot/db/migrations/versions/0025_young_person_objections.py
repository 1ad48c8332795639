"""a 16-17-year-old told that a guardian acts for them may object with a single-use link

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "young_person_objections",
        # Keyed hash of the link's token: the token itself is only in the e-mail (bot.guardians.young_notice).
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("case_reference", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_young_person_objections_case_reference", "young_person_objections", ["case_reference"])


def downgrade() -> None:
    op.drop_index("ix_young_person_objections_case_reference", table_name="young_person_objections")
    op.drop_table("young_person_objections")
