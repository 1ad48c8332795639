"""consent: records (ISO/IEC TS 27560 elements) and their status history

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_records",
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("controller", sa.String(200), nullable=False),
        sa.Column("purpose_id", sa.String(64), nullable=False),
        sa.Column("purpose_version", sa.Integer(), nullable=False),
        sa.Column("notice_language", sa.String(8), nullable=False),
        sa.Column("notice_hash", sa.String(64), nullable=False),
        sa.Column("legal_basis", sa.String(64), nullable=False),
        sa.Column("data_categories", sa.Text(), nullable=False),
        sa.Column("processing", sa.Text(), nullable=False),
        sa.Column("retention", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("rule", sa.String(32), nullable=False),
        sa.Column("subject_consented", sa.Boolean(), nullable=False),
        sa.Column("guardian_key", sa.String(64), nullable=True),
        sa.Column("guardian_relation", sa.String(32), nullable=True),
        sa.Column("guardian_informed", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name="pk_consent_records"),
    )
    op.create_index("ix_consent_records_subject_key", "consent_records", ["subject_key"])
    op.create_index("ix_consent_records_purpose_id", "consent_records", ["purpose_id"])
    op.create_table(
        "consent_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(16), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["consent_records.record_id"], ondelete="CASCADE",
                                name="fk_consent_events_record_id_consent_records"),
        sa.PrimaryKeyConstraint("id", name="pk_consent_events"),
    )
    op.create_index("ix_consent_events_record_id", "consent_events", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_consent_events_record_id", table_name="consent_events")
    op.drop_table("consent_events")
    op.drop_index("ix_consent_records_purpose_id", table_name="consent_records")
    op.drop_index("ix_consent_records_subject_key", table_name="consent_records")
    op.drop_table("consent_records")
