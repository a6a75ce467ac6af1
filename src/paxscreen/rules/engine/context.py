"""The traveller context a rule may read: an allowlist, as data.

Every field a rule can name is listed in `FIELDS` with its type, a description and an
example. Nothing else reaches a rule: `RuleSubject.to_activation()` emits exactly these
fields, and the compiler refuses any other field path. Sensitive data (EU PNR Directive
Art. 6(4) and 13(4): race or ethnic origin, political opinions, religion or philosophical
beliefs, trade-union membership, health, sex life or sexual orientation; and proxies for
them such as meal requests) is not in the context at all, so no rule can be written over it.

Types are CEL type names: "bool", "int", "double", "string", "object", "list<string>" and
"list<object>". The element fields of a list of objects are written `documents[].type`.
A field marked optional is left out of the activation when the value is unknown; a rule that
reads it then records "no hit" with the reason (see evaluate.py), it never sees a made-up
default. All booking fields other than `booking.present` exist only when a PNR exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

SCHEMA_VERSION: Final = 1

Gender = Literal["M", "F", "U"]
Role = Literal["passenger", "crew", "transit"]
PaymentForm = Literal["CASH", "CC", "OTHER"]

GENDERS: Final[tuple[str, ...]] = ("M", "F", "U")
ROLES: Final[tuple[str, ...]] = ("passenger", "crew", "transit")
PAYMENT_FORMS: Final[tuple[str, ...]] = ("CASH", "CC", "OTHER")

_PROTECTED_NOTE = (
    "Protected characteristic: a criterion using it must be reviewed for direct and indirect "
    "discrimination (C-817/19) and should not be the only condition of a rule."
)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One allowlisted field path of the rule context."""

    path: str
    type: str
    description: str
    example: Any
    allowed_values: tuple[str, ...] | None = None
    optional: bool = False
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "type": self.type,
            "description": self.description,
            "example": self.example,
            "optional": self.optional,
        }
        if self.allowed_values is not None:
            out["allowed_values"] = list(self.allowed_values)
        if self.note is not None:
            out["note"] = self.note
        return out


FIELDS: Final[tuple[FieldSpec, ...]] = (
    # traveller: API data about the person
    FieldSpec("traveller", "object", "The person screened (API data).", None),
    FieldSpec(
        "traveller.age_at_departure",
        "int",
        "Age in whole years on the scheduled departure date; absent when the date of birth "
        "is unknown.",
        34,
        optional=True,
        note=_PROTECTED_NOTE,
    ),
    FieldSpec(
        "traveller.gender",
        "string",
        "Gender as given in the travel document: M, F, or U (unknown/unspecified).",
        "M",
        allowed_values=GENDERS,
        note=_PROTECTED_NOTE,
    ),
    FieldSpec(
        "traveller.nationality",
        "string",
        "Nationality, ISO 3166-1 alpha-3; absent when not given.",
        "DEU",
        optional=True,
        note=_PROTECTED_NOTE,
    ),
    FieldSpec(
        "traveller.residence",
        "string",
        "Country of residence, ISO 3166-1 alpha-3; absent when not given.",
        "FRA",
        optional=True,
    ),
    FieldSpec(
        "traveller.role",
        "string",
        "passenger, crew, or transit (in-transit passenger not entering the country).",
        "passenger",
        allowed_values=ROLES,
    ),
    # documents
    FieldSpec(
        "documents",
        "list<object>",
        "Travel documents the traveller presented (may be empty).",
        [{"type": "P", "issuing_state": "DEU", "expires_days_after_travel": 1460}],
    ),
    FieldSpec(
        "documents[].type",
        "string",
        "Document type code as sent (P passport, I identity card, V visa, ...).",
        "P",
    ),
    FieldSpec(
        "documents[].issuing_state",
        "string",
        "Issuing state, ISO 3166-1 alpha-3.",
        "DEU",
    ),
    FieldSpec(
        "documents[].expires_days_after_travel",
        "int",
        "Days from the departure date to document expiry; negative when already expired. "
        "Absent when the document has no expiry date.",
        1460,
        optional=True,
    ),
    # flight: the leg screened
    FieldSpec("flight", "object", "The flight leg screened.", None),
    FieldSpec("flight.origin", "string", "Departure airport, IATA code.", "FRA"),
    FieldSpec("flight.destination", "string", "Arrival airport, IATA code.", "JFK"),
    FieldSpec(
        "flight.origin_country", "string", "Country of departure, ISO 3166-1 alpha-3.", "DEU"
    ),
    FieldSpec(
        "flight.destination_country", "string", "Country of arrival, ISO 3166-1 alpha-3.", "USA"
    ),
    # itinerary: the whole journey as far as known (PNR itinerary, else API legs)
    FieldSpec("itinerary", "object", "The traveller's journey as far as it is known.", None),
    FieldSpec(
        "itinerary.countries",
        "list<string>",
        "Countries on the route in travel order, ISO 3166-1 alpha-3, origin and destination "
        "included.",
        ["DEU", "USA"],
    ),
    FieldSpec(
        "itinerary.is_transit",
        "bool",
        "true when the traveller connects through the destination of this flight.",
        False,
    ),
    FieldSpec("itinerary.connections", "int", "Number of connections on the journey.", 0),
    FieldSpec(
        "itinerary.max_dwell_hours",
        "double",
        "Longest stop between two legs of the journey, in hours; 0.0 without connections.",
        0.0,
    ),
    # booking: PNR data; only `present` exists without a PNR
    FieldSpec("booking", "object", "The reservation (PNR), where one exists.", None),
    FieldSpec(
        "booking.present",
        "bool",
        "true when a PNR exists for the traveller; the other booking fields exist only then. "
        "Write `booking.present && ...` to make that explicit.",
        True,
    ),
    FieldSpec(
        "booking.lead_time_days",
        "int",
        "Days between the booking date and departure.",
        21,
        optional=True,
    ),
    FieldSpec(
        "booking.payment_form",
        "string",
        "Form of payment: CASH, CC (card), or OTHER.",
        "CC",
        allowed_values=PAYMENT_FORMS,
        optional=True,
    ),
    FieldSpec("booking.one_way", "bool", "true when no return is booked.", False, optional=True),
    FieldSpec(
        "booking.agency",
        "string",
        "Booking agency or office identifier; absent for direct bookings.",
        "FRAL121AB",
        optional=True,
    ),
    FieldSpec(
        "booking.co_travellers",
        "int",
        "Other travellers on the same PNR.",
        1,
        optional=True,
    ),
    FieldSpec("booking.bags", "int", "Checked bags booked.", 1, optional=True),
    FieldSpec(
        "booking.frequent_flyer",
        "bool",
        "true when a frequent-flyer number is on the booking.",
        False,
        optional=True,
    ),
    FieldSpec(
        "booking.changes",
        "int",
        "Itinerary changes recorded in the PNR history.",
        0,
        optional=True,
    ),
)

FIELDS_BY_PATH: Final[dict[str, FieldSpec]] = {f.path: f for f in FIELDS}
ROOTS: Final[tuple[str, ...]] = tuple(f.path for f in FIELDS if "." not in f.path)

# Field names a rule author might reach for that are deliberately absent. Used only to word
# the refusal; the allowlist above is what actually protects.
SENSITIVE_TERMS: Final[tuple[str, ...]] = (
    "religio",
    "belief",
    "philosoph",
    "ethnic",
    "race",
    "racial",
    "origin_ethnic",
    "health",
    "medical",
    "disab",
    "meal",
    "diet",
    "political",
    "politic",
    "party",
    "union",
    "sexual",
    "orientation",
    "sex_life",
    "biometric",
    "genetic",
    "pregnan",
    "wheelchair",
    "ssr",
)


def is_sensitive_name(name: str) -> bool:
    """True when a field name looks like a sensitive (Art. 13(4)) attribute."""
    lowered = name.lower()
    return any(term in lowered for term in SENSITIVE_TERMS)


def child_fields(path: str) -> dict[str, FieldSpec]:
    """The direct children of an object path (`traveller`, `documents[]`), by field name."""
    prefix = path + "."
    return {
        f.path[len(prefix) :]: f
        for f in FIELDS
        if f.path.startswith(prefix) and "." not in f.path[len(prefix) :]
    }


# --- the subject: what a service layer fills from stored travellers and bookings ---------


@dataclass(frozen=True, slots=True)
class SubjectTraveller:
    gender: Gender
    role: Role
    age_at_departure: int | None = None
    nationality: str | None = None
    residence: str | None = None


@dataclass(frozen=True, slots=True)
class SubjectDocument:
    type: str
    issuing_state: str
    expires_days_after_travel: int | None = None


@dataclass(frozen=True, slots=True)
class SubjectFlight:
    origin: str
    destination: str
    origin_country: str
    destination_country: str


@dataclass(frozen=True, slots=True)
class SubjectItinerary:
    countries: tuple[str, ...]
    is_transit: bool = False
    connections: int = 0
    max_dwell_hours: float = 0.0


@dataclass(frozen=True, slots=True)
class SubjectBooking:
    """PNR facts. Unknown optional values are None and are left out of the activation."""

    lead_time_days: int | None = None
    payment_form: PaymentForm | None = None
    one_way: bool | None = None
    agency: str | None = None
    co_travellers: int | None = None
    bags: int | None = None
    frequent_flyer: bool | None = None
    changes: int | None = None


@dataclass(frozen=True, slots=True)
class RuleSubject:
    """One traveller on one flight, as rules see it. `booking` is None without a PNR."""

    traveller: SubjectTraveller
    flight: SubjectFlight
    itinerary: SubjectItinerary
    documents: tuple[SubjectDocument, ...] = ()
    booking: SubjectBooking | None = None

    def __post_init__(self) -> None:
        if self.traveller.gender not in GENDERS:
            raise ValueError(f"gender must be one of {GENDERS}, not {self.traveller.gender!r}")
        if self.traveller.role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {self.traveller.role!r}")
        if self.booking is not None and self.booking.payment_form not in (None, *PAYMENT_FORMS):
            raise ValueError(f"payment_form must be one of {PAYMENT_FORMS} or None")

    def to_activation(self) -> dict[str, Any]:
        """The CEL activation: exactly the allowlisted fields, unknown values left out."""
        t = self.traveller
        traveller: dict[str, Any] = {"gender": t.gender, "role": t.role}
        _put(traveller, "age_at_departure", t.age_at_departure)
        _put(traveller, "nationality", t.nationality)
        _put(traveller, "residence", t.residence)
        documents: list[dict[str, Any]] = []
        for d in self.documents:
            doc: dict[str, Any] = {"type": d.type, "issuing_state": d.issuing_state}
            _put(doc, "expires_days_after_travel", d.expires_days_after_travel)
            documents.append(doc)
        f = self.flight
        i = self.itinerary
        booking: dict[str, Any] = {"present": self.booking is not None}
        if self.booking is not None:
            b = self.booking
            _put(booking, "lead_time_days", b.lead_time_days)
            _put(booking, "payment_form", b.payment_form)
            _put(booking, "one_way", b.one_way)
            _put(booking, "agency", b.agency)
            _put(booking, "co_travellers", b.co_travellers)
            _put(booking, "bags", b.bags)
            _put(booking, "frequent_flyer", b.frequent_flyer)
            _put(booking, "changes", b.changes)
        return {
            "traveller": traveller,
            "documents": documents,
            "flight": {
                "origin": f.origin,
                "destination": f.destination,
                "origin_country": f.origin_country,
                "destination_country": f.destination_country,
            },
            "itinerary": {
                "countries": list(i.countries),
                "is_transit": i.is_transit,
                "connections": i.connections,
                # CEL does not coerce: keep doubles doubles even when a caller passes an int.
                "max_dwell_hours": float(i.max_dwell_hours),
            },
            "booking": booking,
        }


def _put(target: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        target[key] = value


EXAMPLE_SUBJECT: Final = RuleSubject(
    traveller=SubjectTraveller(
        gender="M", role="passenger", age_at_departure=34, nationality="DEU", residence="FRA"
    ),
    documents=(SubjectDocument("P", "DEU", 1460),),
    flight=SubjectFlight("FRA", "JFK", "DEU", "USA"),
    itinerary=SubjectItinerary(("DEU", "USA"), is_transit=False, connections=0),
    booking=SubjectBooking(
        lead_time_days=21,
        payment_form="CC",
        one_way=False,
        agency="FRAL121AB",
        co_travellers=1,
        bags=1,
        frequent_flyer=False,
        changes=0,
    ),
)


EXCLUDED_CATEGORIES: Final[tuple[str, ...]] = (
    "race or ethnic origin",
    "political opinions",
    "religion or philosophical beliefs",
    "trade-union membership",
    "health (including special service requests and meal preferences)",
    "sex life or sexual orientation",
)


def context_schema() -> dict[str, Any]:
    """The allowlisted rule context as JSON-serialisable data (for GET /v1/rules/context)."""
    return {
        "version": SCHEMA_VERSION,
        "language": "CEL (Common Expression Language)",
        "roots": list(ROOTS),
        "fields": [f.as_json() for f in FIELDS],
        "excluded": {
            "statement": "Sensitive data is not in the rule context; rules cannot refer to it.",
            "categories": list(EXCLUDED_CATEGORIES),
        },
        "example_activation": EXAMPLE_SUBJECT.to_activation(),
        "example_rules": [
            'booking.present && booking.payment_form == "CASH" && booking.one_way',
            '"SYR" in itinerary.countries && itinerary.max_dwell_hours > 24.0',
            "documents.exists(d, d.expires_days_after_travel < 0)",
        ],
    }
