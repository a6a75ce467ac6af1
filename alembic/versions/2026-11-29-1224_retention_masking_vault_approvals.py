"""retention masking vault exceptions approvals

Revision ID: 6b77e0f08d19
Revises: 12c31732c971
Create Date: 2026-11-29 12:24:04.096531+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import paxscreen.storage.base

revision: str = "6b77e0f08d19"
down_revision: str | None = "12c31732c971"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _limit_lock_wait() -> None:
    # A migration that waits on a busy table must fail fast instead of queueing every request.
    if op.get_context().dialect.name == "postgresql":
        op.execute("SET LOCAL lock_timeout = '5s'")


def upgrade() -> None:
    _limit_lock_wait()
    op.create_table(
        "masked_values",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("masked_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_masked_values")),
        sa.UniqueConstraint(
            "record_type", "record_id", name=op.f("uq_masked_values_record_type_record_id")
        ),
    )
    with op.batch_alter_table("masked_values", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_masked_values_record_id"), ["record_id"], unique=False)

    op.create_table(
        "retention_exceptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("justification", sa.String(length=4000), nullable=False),
        sa.Column("until", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_exceptions")),
    )
    with op.batch_alter_table("retention_exceptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_retention_exceptions_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "unmask_approvals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("grantee_key_id", sa.Uuid(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approver_key_id", sa.Uuid(), nullable=True),
        sa.Column("decision_reference", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=2000), nullable=False),
        sa.Column("valid_until", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approver_key_id"],
            ["api_keys.id"],
            name=op.f("fk_unmask_approvals_approver_key_id_api_keys"),
        ),
        sa.ForeignKeyConstraint(
            ["grantee_key_id"],
            ["api_keys.id"],
            name=op.f("fk_unmask_approvals_grantee_key_id_api_keys"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unmask_approvals")),
    )
    with op.batch_alter_table("unmask_approvals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unmask_approvals_record_id"), ["record_id"], unique=False
        )

    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("masked_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_bookings_masked_at"), ["masked_at"], unique=False)

    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("masked_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("masked_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_travellers_masked_at"), ["masked_at"], unique=False)


def downgrade() -> None:
    _limit_lock_wait()
    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travellers_masked_at"))
        batch_op.drop_column("masked_at")

    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("masked_at")

    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookings_masked_at"))
        batch_op.drop_column("masked_at")

    with op.batch_alter_table("unmask_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unmask_approvals_record_id"))

    op.drop_table("unmask_approvals")
    with op.batch_alter_table("retention_exceptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retention_exceptions_record_id"))

    op.drop_table("retention_exceptions")
    with op.batch_alter_table("masked_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_masked_values_record_id"))

    op.drop_table("masked_values")
