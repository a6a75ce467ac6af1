"""rules versions assessments rule hits

Revision ID: 339888eb7f4b
Revises: 4ba016f596e7
Create Date: 2026-11-29 12:03:29.293306+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import paxscreen.storage.base

revision: str = "339888eb7f4b"
down_revision: str | None = "4ba016f596e7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _limit_lock_wait() -> None:
    # A migration that waits on a busy table must fail fast instead of queueing every request.
    if op.get_context().dialect.name == "postgresql":
        op.execute("SET LOCAL lock_timeout = '5s'")


def upgrade() -> None:
    _limit_lock_wait()
    op.create_table(
        "rules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rules")),
    )
    with op.batch_alter_table("rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rules_active"), ["active"], unique=False)

    op.create_table(
        "rule_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=4000), nullable=False),
        sa.Column("expression", sa.String(length=4000), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column(
            "effective_from", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("effective_to", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["rules.id"], name=op.f("fk_rule_versions_rule_id_rules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_versions")),
        sa.UniqueConstraint("rule_id", "version", name=op.f("uq_rule_versions_rule_id_version")),
    )
    with op.batch_alter_table("rule_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_versions_rule_id"), ["rule_id"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=50), nullable=False),
        sa.Column("traveller_id", sa.Uuid(), nullable=True),
        sa.Column("pnr_traveller_id", sa.Uuid(), nullable=True),
        sa.Column("flight_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("band", sa.String(length=10), nullable=False),
        sa.Column("contributions", sa.JSON(), nullable=False),
        sa.Column("subject_version", sa.Integer(), nullable=False),
        sa.Column("formula", sa.String(length=50), nullable=False),
        sa.Column("assessed_at", paxscreen.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flights.id"], name=op.f("fk_assessments_flight_id_flights")
        ),
        sa.ForeignKeyConstraint(
            ["pnr_traveller_id"],
            ["pnr_travellers.id"],
            name=op.f("fk_assessments_pnr_traveller_id_pnr_travellers"),
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_assessments_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("subject", name=op.f("uq_assessments_subject")),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_band"), ["band"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessments_flight_id"), ["flight_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assessments_pnr_traveller_id"), ["pnr_traveller_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assessments_score"), ["score"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assessments_traveller_id"), ["traveller_id"], unique=False
        )

    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=10), server_default="watchlist", nullable=False)
        )
        batch_op.add_column(sa.Column("rule_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("rule_version", sa.Integer(), nullable=True))
        batch_op.alter_column("watchlist_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.alter_column("entry_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.alter_column("list_version", existing_type=sa.INTEGER(), nullable=True)
        batch_op.alter_column("entry_version", existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(batch_op.f("ix_screening_hits_rule_id"), ["rule_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_screening_hits_subject_rule_id_rule_version"),
            ["subject", "rule_id", "rule_version"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_screening_hits_rule_id_rules"), "rules", ["rule_id"], ["id"]
        )


def downgrade() -> None:
    _limit_lock_wait()
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_screening_hits_rule_id_rules"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("uq_screening_hits_subject_rule_id_rule_version"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_screening_hits_rule_id"))
        batch_op.alter_column("entry_version", existing_type=sa.INTEGER(), nullable=False)
        batch_op.alter_column("list_version", existing_type=sa.INTEGER(), nullable=False)
        batch_op.alter_column("entry_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.alter_column("watchlist_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("rule_version")
        batch_op.drop_column("rule_id")
        batch_op.drop_column("source")

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_assessments_score"))
        batch_op.drop_index(batch_op.f("ix_assessments_pnr_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_assessments_flight_id"))
        batch_op.drop_index(batch_op.f("ix_assessments_band"))

    op.drop_table("assessments")
    with op.batch_alter_table("rule_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_versions_rule_id"))

    op.drop_table("rule_versions")
    with op.batch_alter_table("rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rules_active"))

    op.drop_table("rules")
