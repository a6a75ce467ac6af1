"""Card numbers are masked in the raw body before it is stored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from paxscreen.ingest.redact import luhn_valid, redact_card_numbers

VISA = b"4111111111111111"


def test_full_card_number_in_fop_keeps_only_its_last_four_digits() -> None:
    body = b"TKT+0621202345330:T:1'FOP+CC::800.00:VI:" + VISA + b":1228'IFT+4:43+A B'"

    redacted, count = redact_card_numbers(body)

    assert count == 1
    assert VISA not in redacted
    assert b"FOP+CC::800.00:VI:XXXXXXXXXXXX1111:1228'" in redacted
    assert b"TKT+0621202345330:T:1'" in redacted  # a ticket number is not a card number


def test_card_number_in_xml_is_masked() -> None:
    body = b'<PaymentCard CardType="VI" CardNumber="' + VISA + b'" ExpireDate="1228"/>'

    redacted, count = redact_card_numbers(body)

    assert count == 1
    assert VISA not in redacted


def test_account_number_attribute_of_xml_payment_info_is_masked() -> None:
    body = b'<PaymentInfo PaymentType="CC" AccountNbr="4012888888881881" CardHolderName="A B"/>'

    redacted, count = redact_card_numbers(body)

    assert count == 1
    assert b'AccountNbr="XXXXXXXXXXXX1881"' in redacted


def test_card_number_written_in_groups_is_masked() -> None:
    body = b"FOP+CC::100.00:VI:4111 1111 1111 1111:1228'"

    redacted, count = redact_card_numbers(body)

    assert count == 1
    assert b"VI:XXXXXXXXXXXX1111:1228'" in redacted


def test_already_masked_and_non_luhn_numbers_are_left_alone() -> None:
    body = b"FOP+CC::100.00:VI:XXXXXXXXXXXX2826:1018'FOP+CC::1.00:VI:4111111111111112:1018'"

    assert redact_card_numbers(body) == (body, 0)


def test_digits_far_from_any_payment_marker_are_left_alone() -> None:
    body = b"REF+:" + VISA + b"'"

    assert redact_card_numbers(body) == (body, 0)


@given(st.lists(st.integers(0, 9), min_size=12, max_size=18))
def test_a_luhn_check_digit_makes_any_number_valid(digits: list[int]) -> None:
    stem = bytes(48 + d for d in digits)
    check = next(c for c in range(10) if luhn_valid(stem + bytes([48 + c])))

    number = stem + bytes([48 + check])
    redacted, count = redact_card_numbers(b"FOP+CC:::VI:" + number + b":0130'")

    assert count == 1
    assert redacted.endswith(number[-4:] + b":0130'")
    assert number not in redacted
