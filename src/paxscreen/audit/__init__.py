"""The audit trail: an append-only, hash-chained log of every processing step on personal data."""
