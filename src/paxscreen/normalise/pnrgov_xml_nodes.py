"""Namespace-tolerant access to a parsed PNRGOV XML tree, the per-push reading context, and XML
date-times. Shared by the PNRGOV XML readers; knows nothing of bookings.

Elements are matched by local name, in the IATA namespace or in none (senders mix both, e.g. a
bare ``PNR`` around children that declare ``xmlns``); elements of other namespaces are ignored.
Warnings are located by the element's line in ``DataWarning.segment`` and its name in ``tag``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from xml.etree.ElementTree import Element

from paxscreen.normalise.canonical_pnr import SensitiveCategory
from paxscreen.normalise.codes import COUNTRY_ALPHA2, airport, check_airport, check_country
from paxscreen.normalise.data_warnings import WarningLog
from paxscreen.normalise.dates import local_to_utc
from paxscreen.normalise.paxlst_legs import (
    ARRIVAL_BEFORE_DEPARTURE,
    INVALID_DATE,
    MISSING_TIME,
    split_flight_id,
)
from paxscreen.normalise.pnrgov_values import scrub_card_numbers
from paxscreen.normalise.privacy import DropCounter, PrivacyPolicy

IATA_NAMESPACE = "http://www.iata.org/IATA/2007/00"
_OUR_NAMESPACES = frozenset({"", IATA_NAMESPACE})

INVALID_VALUE = "invalid_value"
MAX_DETAIL = 300  # characters of a warning's detail: values quoted in it come from the sender


def shorten(text: str, limit: int = MAX_DETAIL) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def split_tag(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag ``{ns}Name``."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def local_name(element: Element) -> str:
    """The local name of an element in the IATA namespace or none; "" for a foreign one."""
    namespace, name = split_tag(element.tag)
    return name if namespace in _OUR_NAMESPACES else ""


def kids(parent: Element | None, *names: str) -> list[Element]:
    """Direct children named any of ``names``, in document order."""
    if parent is None:
        return []
    return [child for child in parent if local_name(child) in names]


def kid(parent: Element | None, *names: str) -> Element | None:
    found = kids(parent, *names)
    return found[0] if found else None


def attr(element: Element | None, *names: str) -> str | None:
    """The first of ``names`` present as an attribute, stripped; None when absent or blank.
    A namespace-qualified attribute is matched by its local name."""
    if element is None:
        return None
    for name in names:
        value = element.get(name)
        if value is None:
            value = next((v for k, v in element.items() if split_tag(k)[1] == name), None)
        if value is not None and value.strip():
            return value.strip()
    return None


def text_of(element: Element | None) -> str | None:
    """The element's text content (with its descendants'), whitespace collapsed; None if blank."""
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def child_text(parent: Element | None, *names: str) -> str | None:
    return text_of(kid(parent, *names))


def parse_flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() in ("true", "1", "y", "yes")


@dataclass
class XmlContext:
    """What reading one push needs besides the element at hand."""

    lines: Mapping[Element, int]
    policy: PrivacyPolicy
    log: WarningLog = field(default_factory=WarningLog)
    drops: DropCounter = field(default_factory=DropCounter)
    reference: date | None = None  # the flight date two-digit years are read against
    unread: set[str] = field(default_factory=set)  # element names nothing reads
    cards: set[str] = field(default_factory=set)  # card numbers of the PNR, masked in texts

    def warn(self, code: str, detail: str, element: Element | None) -> None:
        line = self.lines.get(element) if element is not None else None
        tag = shorten(split_tag(element.tag)[1], 100) if element is not None else None
        self.log.add_at(code, shorten(detail), line, tag)

    def sensitive(self, category: SensitiveCategory | None) -> bool:
        """Whether an item revealing ``category`` is to be dropped; counts it when so."""
        if category is None or not self.policy.drop_sensitive:
            return False
        self.drops.drop_sensitive(category)
        return True

    def keep_text(self, text: str) -> str:
        """A free text as it may be kept: any card number in it masked to its last four."""
        for number in self.cards:
            text = text.replace(number, "X" * (len(number) - 4) + number[-4:])
        return scrub_card_numbers(text)

    def note_unread(self, parent: Element, known: frozenset[str]) -> None:
        self.unread.update(n for n in map(local_name, parent) if n and n not in known)

    def country(self, code: str | None, what: str, element: Element) -> str | None:
        """A country code as kept: alpha-3 or ICAO, alpha-2 mapped, anything else as sent."""
        if code is None:
            return None
        check = check_country(code)
        if check.warning == COUNTRY_ALPHA2:
            self.warn(
                check.warning, f"{what} {code!r} is ISO alpha-2; read as {check.value}", element
            )
        elif check.warning:
            self.warn(check.warning, f"{what} {code!r} is not an ISO/ICAO code; kept", element)
        return check.value

    def airport(self, element: Element | None) -> str | None:
        code = attr(element, "LocationCode", "Code") or text_of(element)
        if code is None:
            return None
        check = check_airport(code)
        if check.warning:
            self.warn(check.warning, f"airport {code!r} is not a known IATA airport", element)
        return check.value


class LegTimes(NamedTuple):
    departure_airport: str | None
    arrival_airport: str | None
    departure_local: datetime | None
    departure_utc: datetime | None
    arrival_local: datetime | None
    arrival_utc: datetime | None


def read_leg_times(leg: Element, ctx: XmlContext) -> LegTimes:
    """Airports and times of a ``FlightLeg`` or ``Flight``: local as sent; UTC from the value's
    offset when it has one, else from the airport's time zone. An arrival sent as a time of day
    only is placed ``DateChangeNbr`` days after the departure date."""
    departure = ctx.airport(kid(leg, "DepartureAirport"))
    arrival = ctx.airport(kid(leg, "ArrivalAirport"))
    dep_local, dep_utc = _leg_time(leg, "DepartureDateTime", departure, None, ctx)
    arrival_day = None
    if dep_local is not None:
        days = attr(leg, "DateChangeNbr") or "0"
        arrival_day = dep_local.date() + timedelta(days=int(days) if days.isdigit() else 0)
    arr_local, arr_utc = _leg_time(leg, "ArrivalDateTime", arrival, arrival_day, ctx)
    if dep_utc and arr_utc and arr_utc < dep_utc:
        ctx.warn(ARRIVAL_BEFORE_DEPARTURE, "the flight arrives before it departs", leg)
    return LegTimes(departure, arrival, dep_local, dep_utc, arr_local, arr_utc)


def _leg_time(
    leg: Element, name: str, code: str | None, day: date | None, ctx: XmlContext
) -> tuple[datetime | None, datetime | None]:
    value = attr(leg, name)
    if value is None:
        return None, None
    try:
        if day is not None and ":" in value and "T" not in value.upper():
            local, utc = datetime.combine(day, time.fromisoformat(value)), None
        else:
            local, utc, has_time = parse_xml_datetime(value)
            if not has_time:
                ctx.warn(MISSING_TIME, f"{name} has no time of day; read as 00:00", leg)
    except ValueError:
        ctx.warn(INVALID_DATE, f"{name} {value!r} is not an ISO date-time; left out", leg)
        return None, None
    return local, utc if utc is not None else local_instant(local, code, leg, ctx)


def local_instant(
    local: datetime, code: str | None, element: Element, ctx: XmlContext
) -> datetime | None:
    """A wall-clock time at airport ``code`` as UTC; None when the airport is unknown."""
    known = airport(code) if code else None
    if known is None:
        return None
    utc, problem = local_to_utc(local, known.time_zone)
    if problem:
        ctx.warn(problem, f"{local:%Y-%m-%d %H:%M} local at {code} ({known.time_zone})", element)
    return utc


def parse_xml_datetime(value: str) -> tuple[datetime, datetime | None, bool]:
    """An xs:dateTime (or xs:date) as (naive wall-clock time, UTC instant when the value carries
    an offset, whether it carried a time of day). Raises ValueError."""
    value = value.strip()
    moment = datetime.fromisoformat(value)
    has_time = "T" in value.upper() or ":" in value
    if moment.tzinfo is None:
        return moment, None, has_time
    return moment.replace(tzinfo=None), moment.astimezone(UTC), has_time


def read_instant(element: Element, names: tuple[str, ...], ctx: XmlContext) -> datetime | None:
    """A reservation date-time (PNR_CreationDate ...) as UTC. PNRGOV sends these in UTC unless
    otherwise agreed, so a value without an offset is read as UTC."""
    value = attr(element, *names)
    if value is None:
        return None
    try:
        local, utc, _ = parse_xml_datetime(value)
    except ValueError:
        ctx.warn(INVALID_DATE, f"{names[0]} {value!r} is not an ISO date-time; left out", element)
        return None
    return utc or local.replace(tzinfo=UTC)


def read_date(element: Element, names: tuple[str, ...], ctx: XmlContext) -> date | None:
    value = attr(element, *names)
    if value is None:
        return None
    try:
        return parse_xml_datetime(value)[0].date()
    except ValueError:
        ctx.warn(INVALID_DATE, f"{names[0]} {value!r} is not an ISO date; left out", element)
        return None


def flight_id(
    carrier: str | None, number: str | None, element: Element, ctx: XmlContext
) -> tuple[str, str]:
    """(carrier, flight number): the number as digits without leading zeros plus any suffix
    ("0400" -> "400"); the carrier as given, else the number's prefix ("LH0400")."""
    if number is None:
        return carrier or "", ""
    split = split_flight_id(number, carrier or "")
    if split is None:
        ctx.warn(INVALID_VALUE, f"flight number {number!r} kept as sent", element)
        return carrier or "", "".join(number.split()).upper()
    return split
