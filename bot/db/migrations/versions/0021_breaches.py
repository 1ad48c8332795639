"""breaches: the breach register with the processor's notice deadlines

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "breaches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cause", sa.String(40), nullable=True),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("discovered_at", sa.DateTime(), nullable=False),
        sa.Column("subject_categories", sa.Text(), nullable=False),
        sa.Column("subjects_approx", sa.Integer(), nullable=True),
        sa.Column("record_categories", sa.Text(), nullable=False),
        sa.Column("records_approx", sa.Integer(), nullable=True),
        sa.Column("consequences", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("controller_notified_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_breaches"),
        sa.UniqueConstraint("reference", name="uq_breaches_reference"),
    )
    op.create_index("ix_breaches_cause", "breaches", ["cause"])
    op.create_index("ix_breaches_closed_at", "breaches", ["closed_at"])


def downgrade() -> None:
    op.drop_index("ix_breaches_closed_at", "breaches")
    op.drop_index("ix_breaches_cause", "breaches")
    op.drop_table("breaches")
