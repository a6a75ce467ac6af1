"""Segment-group grammars, one module per message type."""
