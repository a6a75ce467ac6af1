"""Hostile and broken XML: every body is refused with the right PnrXmlError code, quickly, and
nothing is expanded, read from disk or fetched over the network."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from paxscreen.normalise import pnrgov_xml
from paxscreen.normalise.pnrgov_xml import normalise_pnrgov_xml
from paxscreen.normalise.privacy import PrivacyPolicy
from paxscreen.normalise.xml_errors import PnrXmlError

QUICK_SECONDS = 1.0
ROOT = "IATA_PNRGOV_NotifRQ"
PASSWD = Path("/etc/passwd")


def refuse(data: bytes, *, max_bytes: int = 10_000_000) -> PnrXmlError:
    """The PnrXmlError ``data`` raises, checked to come quickly."""
    started = time.perf_counter()
    with pytest.raises(PnrXmlError) as caught:
        normalise_pnrgov_xml(data, PrivacyPolicy(), max_bytes=max_bytes)
    assert time.perf_counter() - started < QUICK_SECONDS
    return caught.value


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def assert_nothing_connected(server: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        server.accept()


def url(server: socket.socket, path: str) -> str:
    host, port = server.getsockname()
    return f"http://{host}:{port}/{path}"


def test_billion_laughs_is_refused_unexpanded() -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    body = f"<?xml version='1.0'?>\n<!DOCTYPE {ROOT} [{''.join(levels)}]>\n<{ROOT}>&lol9;</{ROOT}>"
    error = refuse(body.encode())
    assert (error.code, error.line) == ("xml_forbidden", 2)
    assert "lollol" not in error.describe()


def test_quadratic_blowup_is_refused() -> None:
    entity = "A" * 50_000
    body = f'<!DOCTYPE {ROOT} [<!ENTITY a "{entity}">]><{ROOT}>{"&a;" * 50_000}</{ROOT}>'
    assert refuse(body.encode()).code == "xml_forbidden"


def test_external_file_entity_is_refused_and_not_read() -> None:
    body = f'<!DOCTYPE {ROOT} [<!ENTITY x SYSTEM "file:///etc/passwd">]><{ROOT}>&x;</{ROOT}>'
    error = refuse(body.encode())
    assert error.code == "xml_forbidden"
    if PASSWD.exists():
        first_line = PASSWD.read_text().splitlines()[0]
        assert first_line not in error.describe()
        assert first_line not in repr(error.__dict__)


def test_external_http_entity_is_refused_and_not_fetched(listener: socket.socket) -> None:
    target = url(listener, "secret")
    body = f'<!DOCTYPE {ROOT} [<!ENTITY x SYSTEM "{target}">]><{ROOT}>&x;</{ROOT}>'
    assert refuse(body.encode()).code == "xml_forbidden"
    assert_nothing_connected(listener)


def test_external_dtd_is_refused_and_not_fetched(listener: socket.socket) -> None:
    body = f'<?xml version="1.0"?>\n<!DOCTYPE {ROOT} SYSTEM "{url(listener, "x.dtd")}">\n<{ROOT}/>'
    error = refuse(body.encode())
    assert (error.code, error.line) == ("xml_forbidden", 2)
    assert_nothing_connected(listener)


def test_external_parameter_entity_is_refused_and_not_fetched(listener: socket.socket) -> None:
    target = url(listener, "p.dtd")
    body = f'<!DOCTYPE {ROOT} [<!ENTITY % p SYSTEM "{target}"> %p;]><{ROOT}/>'
    assert refuse(body.encode()).code == "xml_forbidden"
    assert_nothing_connected(listener)


def test_xinclude_is_refused_wherever_it_is() -> None:
    body = f"""<{ROOT} xmlns="http://www.iata.org/IATA/2007/00">
  <PNRs><PNR>
    <inc:include xmlns:inc="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"
        parse="text"/>
  </PNR></PNRs>
</{ROOT}>"""
    error = refuse(body.encode())
    assert (error.code, error.line, error.element) == ("xml_forbidden", 3, "include")


def test_oversize_body_is_refused_before_parsing() -> None:
    body = b"<not even xml" + b" " * 2_000  # malformed: a parse would say xml_syntax
    error = refuse(body, max_bytes=1_000)
    assert (error.code, error.line) == ("xml_too_large", None)
    assert "2,013 bytes" in error.describe()


def test_deep_nesting_is_refused() -> None:
    error = refuse(b"<a>" * 10_000 + b"</a>" * 10_000)
    assert (error.code, error.element, error.line) == ("xml_too_large", "a", 1)
    assert "deeper than 64" in error.describe()


def test_too_many_elements_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pnrgov_xml, "MAX_ELEMENTS", 1_000)
    error = refuse(f"<{ROOT}>".encode() + b"<x/>" * 1_001 + f"</{ROOT}>".encode())
    assert error.code == "xml_too_large"
    assert "more than 1,000 elements" in error.describe()


@pytest.mark.parametrize(
    ("body", "line", "column", "reason"),
    [
        (f"<{ROOT}>\n  <PNRs>\n  </PNR>\n</{ROOT}>", 3, 5, "mismatched tag"),
        (f"<{ROOT}>&undeclared;</{ROOT}>", 1, 22, "undefined entity"),
        ("", 1, 1, "no element found"),
        ("UNA:+.? 'UNB+UNOA:4+AIR1+GOV'", 1, 5, "not well-formed"),
        (f"<{ROOT} Version='13.1' Version='14.1'/>", 1, 37, "duplicate attribute"),
    ],
)
def test_malformed_xml_is_located(body: str, line: int, column: int, reason: str) -> None:
    error = refuse(body.encode())
    assert (error.code, error.line, error.column) == ("xml_syntax", line, column)
    assert reason in error.reason
    assert error.describe().startswith(f"XML refused (xml_syntax) at line {line}, column {column}")


@pytest.mark.parametrize(
    ("body", "element"),
    [
        ('<DaneXML><PNR NumberOfPassengers="1"/></DaneXML>', "DaneXML"),
        (f'<{ROOT} xmlns="urn:example:not-iata"/>', ROOT),
        (f'<{ROOT} xmlns="http://www.iata.org/IATA/2007/00"><PNRs/></{ROOT}>', ROOT),
    ],
    ids=["wrong root", "wrong namespace", "no FlightLeg"],
)
def test_well_formed_but_not_pnrgov(body: str, element: str) -> None:
    error = refuse(body.encode())
    assert (error.code, error.element, error.line) == ("xml_structure", element, 1)


def test_unknown_encoding_is_a_syntax_error() -> None:
    assert refuse(b'<?xml version="1.0" encoding="x-no-such"?><a/>').code == "xml_syntax"


def test_error_codes_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown PnrXmlError code"):
        PnrXmlError("xml_whatever", "no such code")


def test_huge_names_are_not_echoed_whole() -> None:
    namespace = "urn:" + "n" * 100_000
    error = refuse(f'<{ROOT} xmlns="{namespace}"/>'.encode())
    assert error.code == "xml_structure"
    assert len(error.describe()) < 400
    error = refuse(b"<" + b"R" * 100_000 + b"/>")
    assert error.element is not None
    assert len(error.element) <= 100
