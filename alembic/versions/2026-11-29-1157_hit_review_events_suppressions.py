"""hit review events suppressions

Revision ID: 4ba016f596e7
Revises: 4b739a3159b2
Create Date: 2026-11-29 11:57:53.802786+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import paxscreen.storage.base

revision: str = "4ba016f596e7"
down_revision: str | None = "4b739a3159b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _limit_lock_wait() -> None:
    # A migration that waits on a busy table must fail fast instead of queueing every request.
    if op.get_context().dialect.name == "postgresql":
        op.execute("SET LOCAL lock_timeout = '5s'")


def upgrade() -> None:
    _limit_lock_wait()
    op.create_table(
        "hit_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("hit_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        sa.Column("text", sa.String(length=4000), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_key_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_key_id"], ["api_keys.id"], name=op.f("fk_hit_events_actor_key_id_api_keys")
        ),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["screening_hits.id"], name=op.f("fk_hit_events_hit_id_screening_hits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_events")),
    )
    with op.batch_alter_table("hit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hit_events_hit_id"), ["hit_id"], unique=False)

    op.create_table(
        "hit_suppressions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("entry_version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("watchlist_id", sa.Uuid(), nullable=False),
        sa.Column("hit_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=4000), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("lifted_by", sa.String(length=200), nullable=True),
        sa.Column("lifted_reason", sa.String(length=4000), nullable=True),
        sa.Column("lifted_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("times_applied", sa.Integer(), nullable=False),
        sa.Column(
            "last_applied_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["watchlist_entries.id"],
            name=op.f("fk_hit_suppressions_entry_id_watchlist_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["hit_id"],
            ["screening_hits.id"],
            name=op.f("fk_hit_suppressions_hit_id_screening_hits"),
        ),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_hit_suppressions_watchlist_id_watchlists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_suppressions")),
        sa.UniqueConstraint(
            "entry_id",
            "entry_version",
            "fingerprint",
            name=op.f("uq_hit_suppressions_entry_id_entry_version_fingerprint"),
        ),
    )
    with op.batch_alter_table("hit_suppressions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hit_suppressions_entry_id"), ["entry_id"], unique=False
        )

    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fingerprint", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("assignee", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column(
                "updated_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.drop_constraint(batch_op.f("uq_screening_hits_subject_entry_id"), type_="unique")
        batch_op.create_index(batch_op.f("ix_screening_hits_assignee"), ["assignee"], unique=False)
        batch_op.create_index(batch_op.f("ix_screening_hits_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_screening_hits_subject_entry", ["subject", "entry_id"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_screening_hits_subject_entry_id_entry_version_fingerprint"),
            ["subject", "entry_id", "entry_version", "fingerprint"],
        )


def downgrade() -> None:
    _limit_lock_wait()
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_screening_hits_subject_entry_id_entry_version_fingerprint"),
            type_="unique",
        )
        batch_op.drop_index("ix_screening_hits_subject_entry")
        batch_op.drop_index(batch_op.f("ix_screening_hits_status"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_assignee"))
        batch_op.create_unique_constraint(
            batch_op.f("uq_screening_hits_subject_entry_id"), ["subject", "entry_id"]
        )
        batch_op.drop_column("updated_at")
        batch_op.drop_column("assignee")
        batch_op.drop_column("fingerprint")

    with op.batch_alter_table("hit_suppressions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hit_suppressions_entry_id"))

    op.drop_table("hit_suppressions")
    with op.batch_alter_table("hit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hit_events_hit_id"))

    op.drop_table("hit_events")
