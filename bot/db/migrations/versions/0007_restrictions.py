"""restrictions: subjects whose data is kept but not used (Art. 18)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subject_restrictions",
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("case_reference", sa.String(16), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("subject_key", name="pk_subject_restrictions"),
    )


def downgrade() -> None:
    op.drop_table("subject_restrictions")
