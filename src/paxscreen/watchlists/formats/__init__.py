"""List file formats: the UN Security Council Consolidated List XML, paxscreen's CSV (and the GTAS
CSV shapes), and the difference between two editions of a list. Pure: no I/O, no web, no SQL."""
