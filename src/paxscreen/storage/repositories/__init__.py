"""All SQL lives in this package: one repository class per aggregate, each holding a session."""
