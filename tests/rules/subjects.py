"""Sample rule subjects for the rule-engine tests."""

from __future__ import annotations

from dataclasses import replace

from paxscreen.rules.engine.context import (
    RuleSubject,
    SubjectBooking,
    SubjectDocument,
    SubjectFlight,
    SubjectItinerary,
    SubjectTraveller,
)

CASH_ONE_WAY_VIA_SYRIA = RuleSubject(
    traveller=SubjectTraveller(
        gender="M", role="passenger", age_at_departure=19, nationality="GBR", residence="GBR"
    ),
    documents=(SubjectDocument("P", "GBR", -3), SubjectDocument("V", "TUR", 30)),
    flight=SubjectFlight("IST", "LHR", "TUR", "GBR"),
    itinerary=SubjectItinerary(
        ("SYR", "TUR", "GBR"), is_transit=False, connections=1, max_dwell_hours=30.5
    ),
    booking=SubjectBooking(
        lead_time_days=1,
        payment_form="CASH",
        one_way=True,
        agency="ISTX01",
        co_travellers=0,
        bags=0,
        frequent_flyer=False,
        changes=4,
    ),
)

ORDINARY = RuleSubject(
    traveller=SubjectTraveller(
        gender="F", role="passenger", age_at_departure=52, nationality="FRA", residence="FRA"
    ),
    documents=(SubjectDocument("P", "FRA", 2000),),
    flight=SubjectFlight("CDG", "JFK", "FRA", "USA"),
    itinerary=SubjectItinerary(("FRA", "USA")),
    booking=SubjectBooking(
        lead_time_days=60,
        payment_form="CC",
        one_way=False,
        agency=None,
        co_travellers=2,
        bags=2,
        frequent_flyer=True,
        changes=0,
    ),
)

# API data only: no PNR, date of birth unknown.
NO_PNR_CREW = RuleSubject(
    traveller=SubjectTraveller(gender="U", role="crew", nationality="USA"),
    documents=(SubjectDocument("P", "USA"),),
    flight=SubjectFlight("CDG", "JFK", "FRA", "USA"),
    itinerary=SubjectItinerary(("FRA", "USA")),
)

TRANSIT = replace(
    ORDINARY,
    traveller=replace(ORDINARY.traveller, role="transit"),
    itinerary=SubjectItinerary(
        ("FRA", "USA", "MEX"), is_transit=True, connections=1, max_dwell_hours=2.0
    ),
)
