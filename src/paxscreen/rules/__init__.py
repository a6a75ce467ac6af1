"""Targeting rules: analyst-written criteria (CEL expressions) over an allowlisted context."""
