"""What the audit log records: the processing steps the EU PNR Directive (Art. 13) and the
CJEU (C-817/19) require to be logged, plus the changes that decide how data is processed."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    COLLECTION = "collection"  # a message received, and by which key
    CONSULTATION = "consultation"  # personal data read through the API
    DISCLOSURE = "disclosure"  # data passed on (exports)
    REVIEW_DECISION = "review_decision"  # hit transitions, assignments, notes
    RULE_CHANGE = "rule_change"
    LIST_CHANGE = "list_change"  # watchlists and their entries
    MASKING = "masking"  # depersonalisation after six months (retention)
    UNMASKING = "unmasking"  # re-disclosure of masked data, with its approval
    ERASURE = "erasure"
    RECTIFICATION = "rectification"  # stored personal data corrected on a data-subject request
    RETENTION_EXCEPTION = "retention_exception"  # a record kept unmasked past its period
    UNMASK_APPROVAL = "unmask_approval"  # an unmasking approved, with its authorising decision
    AUDIT_READ = "audit_read"  # the audit log itself read
    KEY_CHANGE = "key_change"  # API keys created or revoked


class RecordType(StrEnum):
    MESSAGE = "message"
    FLIGHT = "flight"
    TRAVELLER = "traveller"
    BOOKING = "booking"
    PNR_TRAVELLER = "pnr_traveller"
    HIT = "hit"
    ASSESSMENT = "assessment"
    SUPPRESSION = "suppression"
    PERSON = "person"  # a person screened on request, who is not stored
    RULE = "rule"
    WATCHLIST = "watchlist"
    WATCHLIST_ENTRY = "watchlist_entry"
    KEY = "key"
    AUDIT = "audit"
    DATA_SUBJECT = "data_subject"  # a data-subject request (the person asked about)
