"""The pure rule engine: context schema, compiler (checks) and evaluator.

No FastAPI, no SQLAlchemy: the service layer fills a `RuleSubject` from stored travellers
and bookings and hands its activation to compiled rules.
"""
