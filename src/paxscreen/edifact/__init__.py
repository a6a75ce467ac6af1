"""EDIFACT syntax: bytes in, segments and message envelopes out. Pure: no I/O, web or SQL."""
