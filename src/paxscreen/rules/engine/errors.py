"""The one error a rule author sees: what is wrong, and where (1-based line and column)."""

from __future__ import annotations

from typing import Literal

CompileErrorKind = Literal[
    "syntax",  # CEL does not parse
    "too_long",  # over MAX_EXPRESSION_CHARS
    "unknown_field",  # a field path outside the allowlisted context
    "sensitive_field",  # ... that names sensitive data
    "unknown_function",  # a function or method the engine does not offer
    "type",  # a type the engine can tell is wrong (result not bool, int + double, ...)
    "unsupported",  # valid CEL the checker cannot verify, so it is refused
]


class RuleCompileError(ValueError):
    """A rule expression was refused. Columns count characters, as CEL's parser does."""

    def __init__(
        self, message: str, line: int, column: int, kind: CompileErrorKind = "syntax"
    ) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column
        self.kind: CompileErrorKind = kind
