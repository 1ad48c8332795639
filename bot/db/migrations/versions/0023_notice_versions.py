"""words for the age: which version of the notice (child, young, adult) each role was shown

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consent_records") as batch:
        # child, young or adult; null on older records, which were shown the adult notice.
        batch.add_column(sa.Column("notice_version", sa.String(8), nullable=True))
        batch.add_column(sa.Column("guardian_notice_version", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consent_records") as batch:
        batch.drop_column("guardian_notice_version")
        batch.drop_column("notice_version")
