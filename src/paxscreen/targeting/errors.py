from __future__ import annotations

from paxscreen.errors import Unprocessable
from paxscreen.rules.engine.errors import RuleCompileError


class RuleRejected(Unprocessable):
    """An expression that does not compile, names a field outside the rule context, or cannot
    yield a bool. The body says what and where (line and column, 1-based)."""

    error = "rule_rejected"

    @classmethod
    def of(cls, error: RuleCompileError) -> RuleRejected:
        return cls(
            f"line {error.line}, column {error.column}: {error.message}",
            line=error.line,
            column=error.column,
            kind=error.kind,
        )
