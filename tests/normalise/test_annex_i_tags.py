"""Every stored PNR field carries its Annex I category, and ``fields_in`` finds the fields of a
category in stored data: masking at six months and retention act on these tags."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from paxscreen.normalise.canonical_pnr import (
    ANNEX_I_NUMBER,
    Agency,
    BillingAddress,
    Booking,
    CheckIn,
    DataCategory,
    Fare,
    FrequentFlyer,
    HistoryEntry,
    ItineraryLeg,
    Payment,
    PnrAddress,
    PnrContact,
    PnrDocument,
    PnrTraveller,
    RecordLocator,
    Remark,
    ReservedSeat,
    SpecialService,
    Ticket,
    TravellerType,
    categories_of,
    fields_in,
)

# Fields that are not passenger data, with the reason they are not.
NON_DATA_FIELDS = {(Booking, "segment")}  # where the booking was in the push


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field annotation holds: directly, optionally or in a tuple."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in get_args(annotation) for model in models_in(argument)]


def reachable_models(root: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    pending = [root]
    while pending:
        model = pending.pop()
        if model not in found:
            found.add(model)
            for info in model.model_fields.values():
                pending.extend(models_in(info.annotation))
    return found


REACHABLE = sorted(reachable_models(Booking), key=lambda model: model.__name__)


def test_the_walk_reaches_every_model_a_booking_holds() -> None:
    assert set(REACHABLE) == {
        Booking, RecordLocator, Agency, PnrAddress, PnrContact, SpecialService, Remark,
        PnrTraveller, Fare, FrequentFlyer, PnrDocument, Ticket, CheckIn, ReservedSeat, Payment,
        BillingAddress, ItineraryLeg, HistoryEntry,
    }  # fmt: skip


@pytest.mark.parametrize("model", REACHABLE, ids=lambda model: model.__name__)
def test_every_field_has_a_category_except_the_documented_non_data_fields(
    model: type[BaseModel],
) -> None:
    untagged = {name for name, category in categories_of(model).items() if category is None}
    assert untagged == {name for owner, name in NON_DATA_FIELDS if owner is model}


def test_categories_of_reads_the_annotation_of_each_field() -> None:
    assert categories_of(Payment) == {
        "type": DataCategory.PAYMENT,
        "amount": DataCategory.PAYMENT,
        "card_type": DataCategory.PAYMENT,
        "card_last4": DataCategory.PAYMENT,
        "card_expiry": DataCategory.PAYMENT,
        "holder_name": DataCategory.PAYMENT,
        "billing_address": DataCategory.PAYMENT,
    }
    assert set(categories_of(BillingAddress).values()) == {DataCategory.PAYMENT}
    assert set(categories_of(PnrContact).values()) == {DataCategory.CONTACTS}
    assert set(categories_of(PnrDocument).values()) == {DataCategory.API_DATA}
    assert categories_of(ItineraryLeg)["operating_carrier"] is DataCategory.CODE_SHARE
    assert categories_of(CheckIn)["seat"] is DataCategory.SEAT
    assert categories_of(Booking)["segment"] is None


def test_annex_i_numbers_run_from_1_to_19_in_the_annex_order() -> None:
    assert sorted(ANNEX_I_NUMBER.values()) == list(range(1, 20))
    assert ANNEX_I_NUMBER[DataCategory.GENERAL_REMARKS] == 12
    assert ANNEX_I_NUMBER[DataCategory.API_DATA] == 18


# fields_in on a stored booking


def full_booking() -> Booking:
    """A booking with every list filled and every optional model present, plus a cash payment
    without a billing address."""
    traveller = PnrTraveller(
        reference="1",
        surname="DOE",
        given_names="JANE",
        title="MS",
        passenger_ref="P1",
        fare=Fare(passenger_type="ADT", age=34, fare_basis="YLOW", calculation="FRA LH NYC"),
        frequent_flyers=(FrequentFlyer(airline="LH", number="992001", tier="SEN"),),
        documents=(
            PnrDocument(
                ssr="DOCS",
                type="P",
                number="C01X00T47",
                issuing_state="DEU",
                nationality="DEU",
                date_of_birth=date(1990, 1, 2),
                gender="F",
                expiry=date(2030, 1, 1),
                surname="DOE",
                given_names="JANE",
            ),
            PnrDocument(ssr="DOCO", type="V", number="V1", place_of_issue="BERLIN"),
        ),
        addresses=(PnrAddress(purpose="D", street="1 MAIN ST", city="NEW YORK", country="USA"),),
        contacts=(PnrContact(kind="CTCE", value="JANE//EXAMPLE.ORG"),),
        services=(SpecialService(code="SEAT", status="HK", text="12A", leg="FRA-IAD"),),
        remarks=(Remark(kind="OSI", text="UMNR 09YRS"),),
        tickets=(Ticket(number="2201234567890", issue_date=date(2024, 5, 1), currency="EUR"),),
        check_ins=(CheckIn(leg="FRA-IAD UA988", seat="12A", bag_count=1, bag_tags=("LH1",)),),
        seats=(ReservedSeat(leg="FRA-IAD UA988", seat="12A", status="HK"),),
    )
    return Booking(
        locators=(RecordLocator(system="LH", locator="ABC123", created=datetime(2024, 5, 1)),),
        created=datetime(2024, 5, 1, 10, 0),
        agency=Agency(airline="LH", iata_number="23456789"),
        addresses=(PnrAddress(purpose="702", city="BERLIN"),),
        contacts=(PnrContact(kind="phone", value="4930123456"),),
        excess_baggage="1PC",
        services=(SpecialService(code="CKIN", text="PAX HAS CONNECTING FLIGHT"),),
        remarks=(Remark(kind="OSI", text="UNACCOMPANIED MINOR"),),
        travellers=(traveller,),
        payments=(
            Payment(
                type="CC",
                amount="450.00",
                card_type="VI",
                card_last4="1111",
                card_expiry="0127",
                holder_name="JANE DOE",
                billing_address=BillingAddress(street="2 BILL ST", city="BERLIN", country="DEU"),
            ),
            Payment(type="CA", amount="10.00"),
        ),
        itinerary=(ItineraryLeg(carrier="UA", flight_number="988", operating_carrier="LH"),),
        split_locators=(RecordLocator(system="LH", locator="XYZ789"),),
        split_count=1,
        history=(HistoryEntry(action="A", item="SSR", text="SEAT 12A"),),
        segment=3,
    )


STORED = full_booking().model_dump(mode="json")


def leaf_paths(data: Any, prefix: str = "") -> set[str]:
    """Dotted paths of every stored value that is not itself a model or a list of models."""
    if isinstance(data, dict):
        return {
            path for name, value in data.items() for path in leaf_paths(value, f"{prefix}{name}.")
        }
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        trimmed = prefix.removesuffix(".")
        return {
            path
            for index, item in enumerate(data)
            for path in leaf_paths(item, f"{trimmed}[{index}].")
        }
    return {prefix.removesuffix(".")}


def value_at(data: Any, path: str) -> Any:
    for part in path.split("."):
        name, _, index = part.partition("[")
        data = data[name]
        if index:
            data = data[int(index.rstrip("]"))]
    return data


def test_payment_fields_are_the_payments_with_their_billing_addresses() -> None:
    card = [
        "type", "amount", "card_type", "card_last4", "card_expiry", "holder_name",
        *(f"billing_address.{name}" for name in BillingAddress.model_fields),
    ]  # fmt: skip
    cash = ["type", "amount", "card_type", "card_last4", "card_expiry", "holder_name"]
    assert fields_in(DataCategory.PAYMENT, STORED, Booking) == [
        *(f"payments[0].{name}" for name in card),
        *(f"payments[1].{name}" for name in cash),
    ]


def test_contact_fields_are_the_addresses_and_contacts_of_booking_and_travellers() -> None:
    addresses = list(PnrAddress.model_fields)
    assert fields_in(DataCategory.CONTACTS, STORED, Booking) == [
        *(f"addresses[0].{name}" for name in addresses),
        "contacts[0].kind",
        "contacts[0].value",
        *(f"travellers[0].addresses[0].{name}" for name in addresses),
        "travellers[0].contacts[0].kind",
        "travellers[0].contacts[0].value",
    ]


def test_api_fields_are_every_field_of_every_document() -> None:
    assert fields_in(DataCategory.API_DATA, STORED, Booking) == [
        f"travellers[0].documents[{index}].{name}"
        for index in (0, 1)
        for name in PnrDocument.model_fields
    ]


def test_names_and_seats_are_found_through_nested_lists() -> None:
    assert fields_in(DataCategory.NAMES, STORED, Booking) == [
        "travellers[0].surname",
        "travellers[0].given_names",
        "travellers[0].title",
        "travellers[0].passenger_ref",
    ]
    assert fields_in(DataCategory.SEAT, STORED, Booking) == [
        "travellers[0].check_ins[0].seat",
        "travellers[0].check_ins[0].cabin",
        "travellers[0].seats[0].seat",
    ]


def test_optional_models_are_found_when_present_and_skipped_when_absent() -> None:
    assert fields_in(DataCategory.AGENCY, STORED, Booking) == [
        f"agency.{name}" for name in Agency.model_fields
    ]
    without_agency = Booking().model_dump(mode="json")
    assert fields_in(DataCategory.AGENCY, without_agency, Booking) == []
    assert fields_in(DataCategory.PAYMENT, without_agency, Booking) == []


def test_every_stored_value_is_in_exactly_one_category_except_the_non_data_fields() -> None:
    found = [path for category in DataCategory for path in fields_in(category, STORED, Booking)]
    assert len(found) == len(set(found)), "a field in two categories"
    absent_model = "payments[1].billing_address"  # None: nothing in it to mask
    assert set(found) == leaf_paths(STORED) - {"segment", absent_model}


def test_every_path_found_names_a_stored_value() -> None:
    for category in DataCategory:
        for path in fields_in(category, STORED, Booking):
            value_at(STORED, path)  # raises when the path is wrong


def test_the_non_data_field_is_in_no_category() -> None:
    assert all("segment" not in fields_in(category, STORED, Booking) for category in DataCategory)


def test_enum_and_tuple_of_text_fields_are_leaves() -> None:
    assert "travellers[0].type" in fields_in(DataCategory.CO_TRAVELLERS, STORED, Booking)
    assert STORED["travellers"][0]["type"] == TravellerType.ADULT
    assert "travellers[0].check_ins[0].bag_tags" in fields_in(DataCategory.BAGGAGE, STORED, Booking)
