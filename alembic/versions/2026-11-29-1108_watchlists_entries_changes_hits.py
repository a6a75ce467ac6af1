"""watchlists entries changes hits

Revision ID: 4b739a3159b2
Revises: effc149be3a0
Create Date: 2026-11-29 11:08:27.375276+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import paxscreen.storage.base

revision: str = "4b739a3159b2"
down_revision: str | None = "effc149be3a0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _limit_lock_wait() -> None:
    # A migration that waits on a busy table must fail fast instead of queueing every request.
    if op.get_context().dialect.name == "postgresql":
        op.execute("SET LOCAL lock_timeout = '5s'")


def upgrade() -> None:
    _limit_lock_wait()
    op.create_table(
        "watchlists",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlists")),
        sa.UniqueConstraint("name", name=op.f("uq_watchlists_name")),
    )
    op.create_table(
        "watchlist_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("watchlist_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("entity_type", sa.String(length=10), nullable=False),
        sa.Column("primary_name", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_watchlist_entries_watchlist_id_watchlists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_entries")),
        sa.UniqueConstraint(
            "watchlist_id", "reference", name=op.f("uq_watchlist_entries_watchlist_id_reference")
        ),
    )
    with op.batch_alter_table("watchlist_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_watchlist_entries_primary_name"), ["primary_name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_watchlist_entries_watchlist_id"), ["watchlist_id"], unique=False
        )

    op.create_table(
        "watchlist_changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("watchlist_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=True),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.Column("recorded_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["watchlist_entries.id"],
            name=op.f("fk_watchlist_changes_entry_id_watchlist_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_watchlist_changes_watchlist_id_watchlists"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_watchlist_changes")),
    )
    with op.batch_alter_table("watchlist_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_watchlist_changes_watchlist_id"), ["watchlist_id"], unique=False
        )

    op.create_table(
        "watchlist_entry_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("changed_fields", sa.JSON(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["watchlist_entries.id"],
            name=op.f("fk_watchlist_entry_versions_entry_id_watchlist_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_entry_versions")),
        sa.UniqueConstraint(
            "entry_id", "version", name=op.f("uq_watchlist_entry_versions_entry_id_version")
        ),
    )
    op.create_table(
        "screening_hits",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=50), nullable=False),
        sa.Column("traveller_id", sa.Uuid(), nullable=True),
        sa.Column("pnr_traveller_id", sa.Uuid(), nullable=True),
        sa.Column("flight_id", sa.Uuid(), nullable=False),
        sa.Column("watchlist_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.Column("entry_version", sa.Integer(), nullable=False),
        sa.Column("subject_version", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=True),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("matched_name", sa.String(length=500), nullable=False),
        sa.Column("algorithm", sa.String(length=50), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["watchlist_entries.id"],
            name=op.f("fk_screening_hits_entry_id_watchlist_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flights.id"], name=op.f("fk_screening_hits_flight_id_flights")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_screening_hits_message_id_messages")
        ),
        sa.ForeignKeyConstraint(
            ["pnr_traveller_id"],
            ["pnr_travellers.id"],
            name=op.f("fk_screening_hits_pnr_traveller_id_pnr_travellers"),
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["travellers.id"],
            name=op.f("fk_screening_hits_traveller_id_travellers"),
        ),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_screening_hits_watchlist_id_watchlists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hits")),
        sa.UniqueConstraint("subject", "entry_id", name=op.f("uq_screening_hits_subject_entry_id")),
    )
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_hits_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_screening_hits_flight_id"), ["flight_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_screening_hits_pnr_traveller_id"), ["pnr_traveller_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_screening_hits_traveller_id"), ["traveller_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_screening_hits_watchlist_id"), ["watchlist_id"], unique=False
        )


def downgrade() -> None:
    _limit_lock_wait()
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_hits_watchlist_id"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_pnr_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_flight_id"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_entry_id"))

    op.drop_table("screening_hits")
    op.drop_table("watchlist_entry_versions")
    with op.batch_alter_table("watchlist_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watchlist_changes_watchlist_id"))

    op.drop_table("watchlist_changes")
    with op.batch_alter_table("watchlist_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watchlist_entries_watchlist_id"))
        batch_op.drop_index(batch_op.f("ix_watchlist_entries_primary_name"))

    op.drop_table("watchlist_entries")
    op.drop_table("watchlists")
