"""Storage failures the services react to, without importing SQLAlchemy themselves."""


class AlreadyExists(Exception):
    """A row with the same unique key was written first (usually by a concurrent request)."""


class DatabaseUnavailable(Exception):
    """The database cannot be reached."""
