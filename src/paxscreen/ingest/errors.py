"""Why a stored body was rejected, as the 422 answer and as the record kept on the message."""

from __future__ import annotations

from typing import Any

from paxscreen.edifact.errors import (
    EdifactError,
    EdifactSyntaxError,
    MessageStructureError,
    UnsupportedMessageError,
)
from paxscreen.errors import Unprocessable
from paxscreen.normalise import xml_errors
from paxscreen.normalise.xml_errors import PnrXmlError


class MessageRejected(Unprocessable):
    """A stored body that could not be understood; the body says where and why."""

    error = "message_rejected"


class EdifactSyntaxRejected(MessageRejected):
    error = "edifact_syntax"


class MessageStructureRejected(MessageRejected):
    error = "message_structure"


class UnsupportedMessageRejected(MessageRejected):
    error = "unsupported_message"


class XmlSyntaxRejected(MessageRejected):
    error = xml_errors.XML_SYNTAX


class XmlForbiddenRejected(MessageRejected):
    error = xml_errors.XML_FORBIDDEN


class XmlStructureRejected(MessageRejected):
    error = xml_errors.XML_STRUCTURE


class XmlTooLargeRejected(MessageRejected):
    error = xml_errors.XML_TOO_LARGE


EDIFACT_REJECTIONS: dict[type[EdifactError], type[MessageRejected]] = {
    EdifactSyntaxError: EdifactSyntaxRejected,
    MessageStructureError: MessageStructureRejected,
    UnsupportedMessageError: UnsupportedMessageRejected,
}
XML_REJECTIONS: dict[str, type[MessageRejected]] = {
    rejection.error: rejection
    for rejection in (
        XmlSyntaxRejected,
        XmlForbiddenRejected,
        XmlStructureRejected,
        XmlTooLargeRejected,
    )
}
ALL_REJECTIONS = (*EDIFACT_REJECTIONS.values(), *XML_REJECTIONS.values())


def rejection_of(exc: EdifactError | PnrXmlError) -> type[MessageRejected]:
    if isinstance(exc, PnrXmlError):
        return XML_REJECTIONS.get(exc.code, MessageRejected)
    return EDIFACT_REJECTIONS.get(type(exc), MessageRejected)


def error_record(exc: EdifactError | PnrXmlError) -> dict[str, Any]:
    """How a parse failure is stored on the message and shown in the 422 body: what and where
    (EDIFACT: segment number and tag; XML: line, column and element)."""
    if isinstance(exc, PnrXmlError):
        location: dict[str, Any] = {"line": exc.line, "column": exc.column, "element": exc.element}
        expected = None
    else:
        location = {"segment": exc.segment, "tag": exc.tag}
        expected = exc.expected
    return {
        "error": rejection_of(exc).error,
        "detail": exc.describe(),
        "location": location,
        "expected": expected,
    }
