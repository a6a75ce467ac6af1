"""Message trees into canonical Pydantic models. Pure: no I/O, no web, no SQL."""
