"""What a PNRGOV XML push may keep: special-category SSRs and texts are dropped and counted,
general remarks only under Annex I point 12, and a card only as type, last four and expiry."""

from __future__ import annotations

import pytest

from paxscreen.normalise.canonical_pnr import Payment, PnrPush, SensitiveCategory
from paxscreen.normalise.pnrgov_xml import normalise_pnrgov_xml
from paxscreen.normalise.privacy import PrivacyPolicy

UNMASKED_CARD = "4929 3813 5512 0046"


def push_with(pnr_content: str, policy: PrivacyPolicy | None = None) -> PnrPush:
    body = f"""<IATA_PNRGOV_NotifRQ xmlns="http://www.iata.org/IATA/2007/00" Version="13.1"
        MessageFunction="22">
      <FlightLeg CarrierCode="LH" FlightNumber="400" DepartureDateTime="2024-05-01T13:30:00">
        <DepartureAirport LocationCode="FRA"/><ArrivalAirport LocationCode="JFK"/>
      </FlightLeg>
      <PNRs><PNR><BookingRefID ID="PRIV01"/>{pnr_content}</PNR></PNRs>
    </IATA_PNRGOV_NotifRQ>"""
    (result,) = normalise_pnrgov_xml(body.encode(), policy or PrivacyPolicy())
    return result


SENSITIVE_PNR = """
  <SSR SSRCode="HNML" Status="HK" RPH="1"/>
  <Remark>HALAL MEAL REQUESTED</Remark>
  <Passenger RPH="1">
    <Surname>Doe</Surname>
    <SSR SSRCode="KSML" Status="HK"/>
    <SSR SSRCode="MOML" Status="HK"/>
    <SSR SSRCode="DBML" Status="HK"/>
    <SSR SSRCode="OTHS" Status="HK"><Text>PAX NEEDS WHEELCHAIR AT GATE</Text></SSR>
    <SSR SSRCode="SEAT" Status="HK"><Text>12C</Text></SSR>
  </Passenger>
  <Flight FlightNumber="400" DepartureDateTime="2024-05-01T13:30:00">
    <DepartureAirport LocationCode="FRA"/><ArrivalAirport LocationCode="JFK"/>
    <MarketingAirline Code="LH"/>
    <SSR SSRCode="VJML" Status="HK" RPH="1"/>
    <SSR SSRCode="WCHR" Status="HK" RPH="1"/>
  </Flight>
"""


def test_sensitive_ssrs_and_texts_are_dropped_and_counted() -> None:
    result = push_with(SENSITIVE_PNR)
    assert result.dropped_sensitive == {
        SensitiveCategory.RELIGION: 5,  # HNML, KSML, MOML, VJML, the HALAL remark
        SensitiveCategory.HEALTH: 3,  # DBML, WHEELCHAIR in an OTHS text, WCHR
    }
    (traveller,) = result.bookings[0].travellers
    assert [service.code for service in traveller.services] == ["SEAT"]
    assert result.bookings[0].services == ()
    assert result.bookings[0].remarks == ()
    dump = result.model_dump_json()
    for revealing in ("HNML", "KSML", "MOML", "VJML", "DBML", "WCHR", "HALAL", "WHEELCHAIR"):
        assert revealing not in dump


def test_sensitive_items_are_kept_only_when_the_policy_says_so() -> None:
    result = push_with(SENSITIVE_PNR, PrivacyPolicy(drop_sensitive=False))
    assert result.dropped_sensitive == {}
    (traveller,) = result.bookings[0].travellers
    assert {"KSML", "MOML", "DBML", "OTHS", "SEAT", "VJML", "WCHR"} <= {
        s.code for s in traveller.services
    }


GENERAL_REMARKS = """
  <OSI><Text>CTC AGENT 0049891234</Text></OSI>
  <Remark>VIP CUSTOMER</Remark>
  <Passenger RPH="1"><Surname>Doe</Surname>
    <OSI><Text>UMNR AGE 9 MET BY FATHER</Text></OSI>
  </Passenger>
"""


def test_general_remarks_are_kept_only_for_unaccompanied_minors() -> None:
    result = push_with(GENERAL_REMARKS)
    assert result.dropped_other == {"general_remarks": 2}
    assert result.bookings[0].remarks == ()
    (traveller,) = result.bookings[0].travellers
    assert [(r.kind, r.text) for r in traveller.remarks] == [("OSI", "UMNR AGE 9 MET BY FATHER")]
    assert "VIP CUSTOMER" not in result.model_dump_json()


def test_general_remarks_are_kept_when_configured_wider() -> None:
    result = push_with(GENERAL_REMARKS, PrivacyPolicy(keep_general_remarks=True))
    assert result.dropped_other == {}
    assert [r.text for r in result.bookings[0].remarks] == [
        "CTC AGENT 0049891234",
        "VIP CUSTOMER",
    ]


def test_an_unmasked_card_number_is_kept_as_last_four_digits_only() -> None:
    result = push_with(
        f"""<Passenger RPH="1"><Surname>Doe</Surname>
          <TicketDocument TicketDocumentNbr="2201234567890">
            <PaymentInfo PaymentType="CC" VendorCode="CA" AccountNbr="{UNMASKED_CARD}"
                ExpiryDate="1128" CardHolderName="JOHN DOE" PaymentAmount="99.00"/>
          </TicketDocument></Passenger>"""
    )
    assert result.bookings[0].payments == (
        Payment(
            type="CC",
            amount="99.00",
            card_type="CA",
            card_last4="0046",
            card_expiry="1128",
            holder_name="JOHN DOE",
        ),
    )
    dump = result.model_dump_json()
    assert UNMASKED_CARD.replace(" ", "") not in dump.replace(" ", "")
    for group in UNMASKED_CARD.split()[:3]:
        assert group not in dump


@pytest.mark.parametrize(
    ("payment", "last4"),
    [
        ('<PaymentInfo PaymentType="CC" AccountNbr="XXXXXXXXXXXX7788"/>', "7788"),
        ('<PaymentInfo PaymentType="CC" AccountNbr="5500-0000-0000-0004"/>', "0004"),
        ('<PaymentInfo PaymentType="CC" AccountNbr="492938XXXXXX"/>', None),
        (
            '<PaymentInfo><PaymentCard CardCode="AX" CardNumber="378282246310005"/></PaymentInfo>',
            "0005",
        ),
    ],
)
def test_card_numbers_in_any_masking_keep_at_most_four_digits(
    payment: str, last4: str | None
) -> None:
    (kept,) = push_with(payment).bookings[0].payments
    assert kept.card_last4 == last4
    assert kept.type == "CC"


def test_identity_ssrs_are_not_judged_by_the_words_in_them() -> None:
    """Names are not requests: a passenger called HALAL (a real surname) keeps their documents,
    address and contacts, while the same word in a service request is still dropped."""
    result = push_with(
        """<Passenger RPH="1"><Surname>Halal</Surname>
          <SSR SSRCode="OTHS"><Text>HALAL FOOD ONLY</Text></SSR>
          <SSR SSRCode="CTCE"><Text>/STROKE.HALAL//EXAMPLE.COM</Text></SSR>
          <SSR SSRCode="DOCA"><Text>/R/GBR/1 KOSHER ROAD/LEEDS//LS1 1AA</Text></SSR>
        </Passenger>
        <Flight FlightNumber="400"><MarketingAirline Code="LH"/>
          <SSR SSRCode="DOCS" RPH="1">
            <Text>/P/GBR/123456789/GBR/01JAN80/M/01JAN30/HALAL/STROKE</Text>
          </SSR>
        </Flight>"""
    )
    (traveller,) = result.bookings[0].travellers
    (document,) = traveller.documents
    assert (document.number, document.surname, document.given_names) == (
        "123456789",
        "HALAL",
        "STROKE",
    )
    assert [(c.kind, c.value) for c in traveller.contacts] == [
        ("email", "STROKE.HALAL@EXAMPLE.COM")
    ]
    assert [a.street for a in traveller.addresses] == ["1 KOSHER ROAD"]
    assert traveller.services == ()
    assert result.dropped_sensitive == {SensitiveCategory.RELIGION: 1}  # the OTHS request


def test_card_numbers_in_kept_free_text_are_masked() -> None:
    paid_with = "4929381355120046"  # not Luhn-valid: masked because the PNR paid with it
    other_card = "4012888888881881"  # Luhn-valid: masked wherever it stands
    result = push_with(
        f"""<PaymentInfo PaymentType="CC" AccountNbr="{paid_with}"/>
        <Passenger RPH="1"><Surname>Doe</Surname>
          <OSI><Text>UMNR FEE PAID BY CARD {paid_with}</Text></OSI>
          <SSR SSRCode="UMNR"><Text>PAID {other_card}</Text></SSR>
        </Passenger>"""
    )
    (traveller,) = result.bookings[0].travellers
    assert [r.text for r in traveller.remarks] == ["UMNR FEE PAID BY CARD XXXXXXXXXXXX0046"]
    assert [s.text for s in traveller.services] == ["PAID XXXXXXXXXXXX1881"]
    dump = result.model_dump_json()
    assert paid_with not in dump
    assert other_card not in dump
