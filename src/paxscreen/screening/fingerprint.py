"""What a traveller said that screening looked at, as one hash: the false-positive memory keys on
it, so that a dismissed hit comes back when the traveller's data changes and only then. Pure."""

from __future__ import annotations

import hashlib
import json

from paxscreen.screening.matching.model import ScreeningQuery


def _words(text: str | None) -> str:
    return " ".join((text or "").upper().split())


def fingerprint(query: ScreeningQuery) -> str:
    born = query.date_of_birth
    facts = [
        _words(query.full_name),
        _words(query.surname),
        _words(query.given_names),
        [born.year, born.month, born.day] if born else None,
        (query.gender or "").upper(),
        (query.nationality or "").upper(),
        sorted(
            f"{_words(d.number).replace(' ', '')}/{(d.issuing_state or '').upper()}"
            for d in query.documents
        ),
    ]
    text = json.dumps(facts, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
