"""exports: single-use download links for access and portability exports

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_downloads",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("case_reference", sa.String(16), nullable=False),
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_export_downloads"),
    )
    op.create_index("ix_export_downloads_case_reference", "export_downloads", ["case_reference"])
    op.create_index("ix_export_downloads_subject_key", "export_downloads", ["subject_key"])


def downgrade() -> None:
    op.drop_index("ix_export_downloads_subject_key", table_name="export_downloads")
    op.drop_index("ix_export_downloads_case_reference", table_name="export_downloads")
    op.drop_table("export_downloads")
