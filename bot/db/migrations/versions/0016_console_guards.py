"""console guards: login counters, first-login password change, flagged access rows, known networks

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_login_counters",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_console_login_counters"),
    )
    op.create_table(
        "console_known_networks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("network_key", sa.String(64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["console_users.id"], ondelete="CASCADE",
                                name="fk_console_known_networks_user_id_console_users"),
        sa.PrimaryKeyConstraint("user_id", "network_key", name="pk_console_known_networks"),
    )
    with op.batch_alter_table("console_users") as batch:
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("console_access_log") as batch:
        batch.add_column(sa.Column("flagged", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.drop_table("console_login_failures")


def downgrade() -> None:
    op.create_table(
        "console_login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_key", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_login_failures"),
    )
    op.create_index("ix_console_login_failures_account_key", "console_login_failures", ["account_key"])
    op.create_index("ix_console_login_failures_at", "console_login_failures", ["at"])
    with op.batch_alter_table("console_access_log") as batch:
        batch.drop_column("flagged")
    with op.batch_alter_table("console_users") as batch:
        batch.drop_column("must_change_password")
    op.drop_table("console_known_networks")
    op.drop_table("console_login_counters")
