"""guardian invitations: one-time links and codes bound to one consent record

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guardian_invitations",
        sa.Column("invitation_id", sa.String(36), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("intent", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("conversation_id", sa.String(128), nullable=True),
        sa.Column("opened_by", sa.String(64), nullable=True),
        sa.Column("answer", sa.String(16), nullable=True),
        sa.Column("child_told", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["consent_records.record_id"], ondelete="CASCADE",
                                name="fk_guardian_invitations_record_id_consent_records"),
        sa.PrimaryKeyConstraint("invitation_id", name="pk_guardian_invitations"),
        sa.UniqueConstraint("token_hash", name="uq_guardian_invitations_token_hash"),
        sa.UniqueConstraint("code_hash", name="uq_guardian_invitations_code_hash"),
    )
    op.create_index("ix_guardian_invitations_record_id", "guardian_invitations", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_guardian_invitations_record_id", table_name="guardian_invitations")
    op.drop_table("guardian_invitations")
