from __future__ import annotations

from paxscreen.edifact.errors import (
    EdifactError,
    EdifactSyntaxError,
    MessageStructureError,
    UnsupportedMessageError,
)
from paxscreen.errors import Unprocessable


class MessageRejected(Unprocessable):
    """A stored body that could not be understood; the body says where and why."""

    error = "message_rejected"


class EdifactSyntaxRejected(MessageRejected):
    error = "edifact_syntax"


class MessageStructureRejected(MessageRejected):
    error = "message_structure"


class UnsupportedMessageRejected(MessageRejected):
    error = "unsupported_message"


REJECTIONS: dict[type[EdifactError], type[MessageRejected]] = {
    EdifactSyntaxError: EdifactSyntaxRejected,
    MessageStructureError: MessageStructureRejected,
    UnsupportedMessageError: UnsupportedMessageRejected,
}


def error_record(exc: EdifactError) -> dict[str, object]:
    """How a parse failure is stored on the message and shown in the 422 body."""
    return {
        "error": REJECTIONS.get(type(exc), MessageRejected).error,
        "detail": exc.describe(),
        "location": {"segment": exc.segment, "tag": exc.tag},
        "expected": exc.expected,
    }
