"""guardian register: how a guardian was verified, the child's reference, the notice each role saw

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consent_records") as batch:
        # email, telegram or register: how the guardian who answered was verified (null: no guardian yet).
        batch.add_column(sa.Column("guardian_verified", sa.String(16), nullable=True))
        # Keyed hash of the controller's reference for the child (pupil number); never the reference itself.
        batch.add_column(sa.Column("child_reference_key", sa.String(64), nullable=True))
        # The notice the guardian was shown (language and SHA-256), next to the child's.
        batch.add_column(sa.Column("guardian_notice_language", sa.String(8), nullable=True))
        batch.add_column(sa.Column("guardian_notice_hash", sa.String(64), nullable=True))
    with op.batch_alter_table("guardian_invitations") as batch:
        # The child's reference as given in the chat, for the register question; dropped once answered.
        batch.add_column(sa.Column("child_reference", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("guardian_invitations") as batch:
        batch.drop_column("child_reference")
    with op.batch_alter_table("consent_records") as batch:
        batch.drop_column("guardian_notice_hash")
        batch.drop_column("guardian_notice_language")
        batch.drop_column("child_reference_key")
        batch.drop_column("guardian_verified")
